"""Parse and validate a PE image before anything is mapped.

pefile does the parsing; this module decides what the loader will accept.  A
malformed image is refused with one `BadImage` line naming the problem, the
way Windows refuses it with STATUS_INVALID_IMAGE_FORMAT, and nothing from it
is mapped.
"""
from __future__ import annotations

import struct
import warnings

import pefile

MACHINE_I386 = 0x14C
MACHINE_AMD64 = 0x8664

DIR_EXPORT, DIR_IMPORT, DIR_RESOURCE, DIR_EXCEPTION = 0, 1, 2, 3
DIR_BASERELOC, DIR_TLS, DIR_IAT, DIR_DELAY_IMPORT = 5, 9, 12, 13

SCN_MEM_EXECUTE = 0x20000000
SCN_MEM_READ = 0x40000000
SCN_MEM_WRITE = 0x80000000

FILE_RELOCS_STRIPPED = 0x0001
FILE_DLL = 0x2000

MAX_IMAGE_SIZE = 512 << 20
MAX_SECTIONS = 96


class BadImage(Exception):
    """The file is not a PE image we can load; str() is the one-line reason."""


class Section:
    __slots__ = ("name", "rva", "vsize", "raw_offset", "raw_size", "flags")

    def __init__(self, name, rva, vsize, raw_offset, raw_size, flags):
        self.name, self.rva, self.vsize = name, rva, vsize
        self.raw_offset, self.raw_size, self.flags = raw_offset, raw_size, flags


class PeInfo:
    """What the loader needs from the headers, validated."""

    def __init__(self):
        self.pe: pefile.PE | None = None
        self.data: bytes = b""
        self.bits = 32
        self.machine = 0
        self.image_base = 0
        self.size_of_image = 0
        self.size_of_headers = 0
        self.entry_rva = 0
        self.is_dll = False
        self.relocatable = True
        self.subsystem = 0
        self.stack_reserve = 0x100000
        self.stack_commit = 0x1000
        self.heap_reserve = 0x100000
        self.characteristics = 0
        self.dll_characteristics = 0
        self.timestamp = 0
        self.checksum = 0
        self.sections: list[Section] = []
        self.dirs: list[tuple[int, int]] = []

    def directory(self, index):
        if index < len(self.dirs):
            return self.dirs[index]
        return (0, 0)


def parse(data: bytes, name: str = "image") -> PeInfo:
    """Validate and parse; raises BadImage with a one-line reason."""
    n = len(data)
    if n < 0x40:
        raise BadImage(f"{name}: file too small to be a PE image ({n} bytes)")
    if data[:2] != b"MZ":
        raise BadImage(f"{name}: not a PE image (no MZ signature)")
    e_lfanew = struct.unpack_from("<I", data, 0x3C)[0]
    if e_lfanew + 24 > n or e_lfanew < 4:
        raise BadImage(f"{name}: PE header offset 0x{e_lfanew:x} is outside the file")
    if data[e_lfanew:e_lfanew + 4] != b"PE\0\0":
        raise BadImage(f"{name}: no PE signature at 0x{e_lfanew:x} (a DOS or NE program?)")
    machine, nsect, timestamp, _, _, opt_size, chars = struct.unpack_from("<HHIIIHH", data, e_lfanew + 4)
    if machine not in (MACHINE_I386, MACHINE_AMD64):
        raise BadImage(f"{name}: unsupported machine type 0x{machine:04x} (only i386 and x86-64 run here)")
    if nsect == 0 or nsect > MAX_SECTIONS:
        raise BadImage(f"{name}: bad section count {nsect}")
    opt = e_lfanew + 24
    if opt + 2 > n:
        raise BadImage(f"{name}: truncated optional header")
    magic = struct.unpack_from("<H", data, opt)[0]
    bits = {0x10B: 32, 0x20B: 64}.get(magic)
    if bits is None:
        raise BadImage(f"{name}: bad optional header magic 0x{magic:x}")
    if (bits == 64) != (machine == MACHINE_AMD64):
        raise BadImage(f"{name}: optional header magic 0x{magic:x} does not match machine 0x{machine:04x}")
    min_opt = 96 if bits == 32 else 112
    if opt_size < min_opt or opt + opt_size > n:
        raise BadImage(f"{name}: bad optional header size {opt_size}")

    info = PeInfo()
    info.bits, info.machine, info.characteristics, info.timestamp = bits, machine, chars, timestamp
    if bits == 32:
        (entry, image_base, sect_align, file_align, size_image, size_headers, checksum, subsystem,
         dllch, st_res, st_com, hp_res, hp_com, ndirs) = (
            struct.unpack_from("<I", data, opt + 16)[0], struct.unpack_from("<I", data, opt + 28)[0],
            *struct.unpack_from("<II", data, opt + 32), *struct.unpack_from("<IIIHH", data, opt + 56),
            *struct.unpack_from("<IIII", data, opt + 72), struct.unpack_from("<I", data, opt + 92)[0])
        dir_off = opt + 96
    else:
        (entry, image_base, sect_align, file_align, size_image, size_headers, checksum, subsystem,
         dllch, st_res, st_com, hp_res, hp_com, ndirs) = (
            struct.unpack_from("<I", data, opt + 16)[0], struct.unpack_from("<Q", data, opt + 24)[0],
            *struct.unpack_from("<II", data, opt + 32), *struct.unpack_from("<IIIHH", data, opt + 56),
            *struct.unpack_from("<QQQQ", data, opt + 72), struct.unpack_from("<I", data, opt + 108)[0])
        dir_off = opt + 112
    if sect_align == 0 or sect_align & (sect_align - 1) or file_align == 0 or file_align & (file_align - 1):
        raise BadImage(f"{name}: bad alignment (section 0x{sect_align:x}, file 0x{file_align:x})")
    if size_image == 0 or size_image > MAX_IMAGE_SIZE:
        raise BadImage(f"{name}: bad image size 0x{size_image:x}")
    if size_headers == 0 or size_headers > size_image or size_headers > n:
        raise BadImage(f"{name}: bad header size 0x{size_headers:x}")
    if image_base % 0x10000 or image_base == 0 or image_base + size_image > (1 << (bits if bits == 32 else 47)):
        raise BadImage(f"{name}: bad image base 0x{image_base:x}")
    if entry >= size_image:
        raise BadImage(f"{name}: entry point 0x{entry:x} is outside the image")
    ndirs = min(ndirs, 16, (opt_size - (dir_off - opt)) // 8)
    for i in range(ndirs):
        rva, size = struct.unpack_from("<II", data, dir_off + 8 * i)
        if size and (rva >= size_image or rva + size > size_image) and i != 4:   # 4: security dir is a file offset
            raise BadImage(f"{name}: data directory {i} (0x{rva:x}+0x{size:x}) is outside the image")
        info.dirs.append((rva, size))
    sect_off = opt + opt_size
    if sect_off + 40 * nsect > n:
        raise BadImage(f"{name}: section table is outside the file")
    for i in range(nsect):
        raw = struct.unpack_from("<8sIIIIIIHHI", data, sect_off + 40 * i)
        sname = raw[0].rstrip(b"\0").decode("latin-1")
        vsize, rva, raw_size, raw_off, flags = raw[1], raw[2], raw[3], raw[4], raw[9]
        if vsize == 0:
            vsize = raw_size
        if rva < size_headers and vsize:
            raise BadImage(f"{name}: section {sname!r} overlaps the headers")
        if rva + vsize > size_image or rva + vsize < rva:
            raise BadImage(f"{name}: section {sname!r} (0x{rva:x}+0x{vsize:x}) is outside the image")
        if raw_size:
            if raw_off > n or raw_off + min(raw_size, vsize) > n:
                raise BadImage(f"{name}: section {sname!r} raw data is outside the file")
        info.sections.append(Section(sname, rva, vsize, raw_off, raw_size, flags))
    info.image_base, info.size_of_image, info.size_of_headers = image_base, size_image, size_headers
    info.entry_rva, info.subsystem, info.dll_characteristics, info.checksum = entry, subsystem, dllch, checksum
    info.is_dll = bool(chars & FILE_DLL)
    info.stack_reserve, info.stack_commit, info.heap_reserve = st_res, st_com, hp_res
    info.relocatable = not (chars & FILE_RELOCS_STRIPPED) and info.directory(DIR_BASERELOC)[1] > 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pe = pefile.PE(data=data, fast_load=True)
            info.pe = pe
    except Exception as e:   # pefile raises many kinds on hostile input
        raise BadImage(f"{name}: {e}") from None
    info.data = data
    return info


def parse_directories(info: PeInfo, name: str, which) -> None:
    """Let pefile parse the given data directories; its failures become BadImage."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            info.pe.parse_data_directories(directories=list(which))
    except Exception as e:
        raise BadImage(f"{name}: {e}") from None
