"""Deliberate PE mutations for the malformed-image fuzz test.

Each mutant is a pure function of (seed, index): the index picks the mutation
class round-robin (so every class is exercised about equally) and the base
image, and a `random.Random` seeded from (seed, index) picks the details.
Base images are the committed samples; they are parsed here with pefile,
independently of winelike's loader, to find the fields worth breaking.

Reproduce one mutant:  python tests/loader/pe_mutants.py SEED INDEX OUTDIR
"""
from __future__ import annotations

import os
import random
import struct
import sys
import warnings
from pathlib import Path

import pefile

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"

# builtin-DLL area (winelike.process.BUILTIN_AREA): an image based there must be relocated
COLLIDING_BASE = {32: 0x7B000000, 64: 0x7FF000000000}

HUGE = (0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x10000000, 0x1F000000, 0xFFFFFFF0, 0xFFFFF000)


def base_images() -> list[tuple[str, Path, str | None]]:
    """(label, exe path, mutated dll name or None) for every committed sample."""
    bases = []
    for arch in ("x86", "x64"):
        for p in sorted((ROOT / "tests" / "pe_samples" / "bin" / arch).glob("*.exe")):
            bases.append((f"{arch}/{p.name}", p, None))
    for p in sorted((ROOT / "tests" / "pe_samples" / "bin" / "api").glob("*.exe")):
        bases.append((f"api/{p.name}", p, None))
    return bases


def base_weight(label: str) -> float:
    """cpuloop runs for a second when a mutant leaves it intact: use it rarely to keep the test fast."""
    return 0.1 if "cpuloop" in label else 0.5 if "apicalls" in label else 1.0


def dll_bases() -> list[tuple[str, Path, str]]:
    """The forwarder-loop pair: the DLL is mutated, its host exe is not."""
    return [(f"corpus/{a}/fwdloop.dll", CORPUS / a / "fwdhost.exe", "fwdloop.dll") for a in ("x86", "x64")]


_parsed_cache: dict[bytes, pefile.PE] = {}


def _parsed(data: bytes) -> pefile.PE:
    """pefile's view of an unmutated base image (read-only; parsed once per process)."""
    pe = _parsed_cache.get(data)
    if pe is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pe = _parsed_cache[data] = pefile.PE(data=data, fast_load=True)
    return pe


class Image:
    """A mutable copy of a PE file with the offsets of its interesting fields."""

    def __init__(self, data: bytes):
        self.b = bytearray(data)
        self.pe = pe = _parsed(bytes(data))
        self.bits = 64 if pe.OPTIONAL_HEADER.Magic == 0x20B else 32
        self.lfanew = pe.DOS_HEADER.e_lfanew
        self.fh = self.lfanew + 4
        self.opt = self.lfanew + 24
        self.dd = self.opt + (96 if self.bits == 32 else 112)
        self.sect = self.opt + pe.FILE_HEADER.SizeOfOptionalHeader
        self.nsect = pe.FILE_HEADER.NumberOfSections
        self.size_of_image = pe.OPTIONAL_HEADER.SizeOfImage
        self.p = self.bits // 8

    # -- raw access
    def u16(self, off):
        return struct.unpack_from("<H", self.b, off)[0]

    def u32(self, off):
        return struct.unpack_from("<I", self.b, off)[0]

    def w16(self, off, v):
        struct.pack_into("<H", self.b, off, v & 0xFFFF)

    def w32(self, off, v):
        struct.pack_into("<I", self.b, off, v & 0xFFFFFFFF)

    def wptr(self, off, v):
        struct.pack_into("<Q" if self.bits == 64 else "<I", self.b, off, v & ((1 << self.bits) - 1))

    def ptr(self, off):
        return struct.unpack_from("<Q" if self.bits == 64 else "<I", self.b, off)[0]

    # -- layout
    def off(self, rva):
        """File offset of an RVA, or None when it has no file backing."""
        try:
            o = self.pe.get_offset_from_rva(rva)
        except Exception:
            return None
        return o if o is not None and 0 <= o < len(self.b) else None

    def dir(self, i):
        return self.u32(self.dd + 8 * i), self.u32(self.dd + 8 * i + 4)

    def set_dir(self, i, rva, size):
        self.w32(self.dd + 8 * i, rva)
        self.w32(self.dd + 8 * i + 4, size)

    def section(self, i):
        return self.sect + 40 * i

    def section_named(self, name):
        for s in self.pe.sections:
            if s.Name.rstrip(b"\0") == name:
                return s
        return None

    def image_base_off(self):
        return self.opt + (28 if self.bits == 32 else 24)

    def set_image_base(self, v):
        if self.bits == 32:
            self.w32(self.image_base_off(), v)
        else:
            struct.pack_into("<Q", self.b, self.image_base_off(), v)

    def image_base(self):
        return self.pe.OPTIONAL_HEADER.ImageBase

    def garbage_rva(self, r):
        """An RVA inside the image whose bytes are code or data, not the structure expected."""
        s = r.choice(self.pe.sections)
        return s.VirtualAddress + r.randrange(0, max(1, min(s.Misc_VirtualSize, s.SizeOfRawData) or 1))

    def bad_rva(self, r):
        return r.choice([0, 1, self.size_of_image, self.size_of_image - 1, self.size_of_image - 2,
                         self.size_of_image + 0x1000, *HUGE, self.garbage_rva(r),
                         r.randrange(0, 0x1000), r.randrange(0, 1 << 32)])


def force_relocation(img: Image, r=None):
    """Make the loader relocate the image: rebase it consistently (apply its own relocations)
    to an address winelike already uses, so the loader must move it back."""
    new_base = COLLIDING_BASE[img.bits]
    delta = new_base - img.image_base()
    rva, size = img.dir(5)
    o = img.off(rva)
    pos = 0
    while o is not None and pos + 8 <= size:
        page, block = img.u32(o + pos), img.u32(o + pos + 4)
        if block < 8:
            break
        for k in range((block - 8) // 2):
            e = img.u16(o + pos + 8 + 2 * k)
            t = img.off(page + (e & 0xFFF))
            if t is None:
                continue
            if e >> 12 == 3:
                img.w32(t, img.u32(t) + delta)
            elif e >> 12 == 10:
                struct.pack_into("<Q", img.b, t, (struct.unpack_from("<Q", img.b, t)[0] + delta) & (2 ** 64 - 1))
        pos += block
    img.set_image_base(new_base)


# ---- mutation classes: each takes (Image, Random) and returns a short description ----------

def m_truncate(img, r):
    n = len(img.b)
    cut = r.choice([0, 1, 2, 0x3C, 0x40, img.lfanew, img.lfanew + 2, img.lfanew + 4, img.lfanew + 20,
                    img.opt + 2, img.opt + 0x40, img.dd, img.sect, img.sect + 40 * img.nsect - 1,
                    img.pe.OPTIONAL_HEADER.SizeOfHeaders, n // 2, n - 1, n - 0x200, r.randrange(0, n)])
    del img.b[max(0, min(cut, n)):]
    return f"truncate at 0x{cut:x}"


def m_e_lfanew(img, r):
    v = r.choice([0, 1, 2, 0x3C, 0x40, 0x80, len(img.b) - 4, len(img.b) - 1, len(img.b), *HUGE,
                  img.lfanew + r.choice([-8, -4, -1, 1, 4, 8])])
    img.w32(0x3C, v)
    return f"e_lfanew=0x{v:x}"


def m_nsections(img, r):
    v = r.choice([0, 1, img.nsect - 1, img.nsect + 1, img.nsect + 10, 95, 96, 97, 0xFF, 0xFFFF])
    img.w16(img.fh + 2, v)
    return f"NumberOfSections={v}"


def m_opt_size(img, r):
    v = r.choice([0, 1, 2, 0x40, 0x5F, 0x60, 0x6F, 0x70, 0xE0, 0xF0, 0xF8, 0xFF, 0x1000, 0xFFFF,
                  img.u16(img.fh + 16) + r.choice([-8, -1, 1, 8, 40])])
    img.w16(img.fh + 16, v)
    return f"SizeOfOptionalHeader=0x{v:x}"


def m_size_of_image(img, r):
    v = r.choice([0, 1, 0x1000, img.pe.OPTIONAL_HEADER.SizeOfHeaders, img.size_of_image - 0x1000,
                  img.size_of_image + 1, 0x0FFFF000, 0x1F000000, 0x20000000, 0x20001000, *HUGE])
    img.w32(img.opt + 56, v)
    return f"SizeOfImage=0x{v:x}"


def m_size_of_headers(img, r):
    v = r.choice([0, 1, 0x3F, 0x200, 0x1000, 0x1001, len(img.b), len(img.b) + 1, img.size_of_image,
                  *HUGE])
    img.w32(img.opt + 60, v)
    return f"SizeOfHeaders=0x{v:x}"


def m_alignment(img, r):
    field = r.choice([32, 36])
    v = r.choice([0, 1, 3, 0x200, 0x1000, 0x1001, 0x10000, 0x80000000, 0xFFFFFFFF])
    img.w32(img.opt + field, v)
    return f"{'Section' if field == 32 else 'File'}Alignment=0x{v:x}"


def m_image_base(img, r):
    v = r.choice([0, 0x1000, 0x10000, 0x400001, 0x7FFE0000, 0x7FFF0000, 0x80000000, 0xFFFF0000,
                  0x7FFFFFFF0000, 0x800000000000, 0xFFFFFFFFFFFF0000, COLLIDING_BASE[img.bits]])
    if img.bits == 32:
        v &= 0xFFFFFFFF
    img.set_image_base(v)
    return f"ImageBase=0x{v:x}"


def m_stack_heap(img, r):
    # SizeOfStackReserve/Commit, SizeOfHeapReserve/Commit: pointer-sized on x64
    i = r.randrange(4)
    off = img.opt + 72 + i * img.p
    v = r.choice([0, 1, 0x1000, 0x10000000, 0x7FFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF])
    img.wptr(off, v)
    return f"{['StackReserve', 'StackCommit', 'HeapReserve', 'HeapCommit'][i]}=0x{v & ((1 << img.bits) - 1):x}"


def m_ndirs(img, r):
    v = r.choice([0, 1, 2, 5, 6, 10, 15, 17, 0x100, 0xFFFFFFFF])
    img.w32(img.dd - 4, v)
    return f"NumberOfRvaAndSizes=0x{v:x}"


def m_machine_magic(img, r):
    if r.random() < 0.5:
        v = r.choice([0, 0x14C, 0x8664, 0x1C0, 0xAA64, 0x200, 0xFFFF])
        img.w16(img.fh, v)
        return f"Machine=0x{v:x}"
    v = r.choice([0, 0x10B, 0x20B, 0x107, 0xFFFF])
    img.w16(img.opt, v)
    return f"Magic=0x{v:x}"


def m_entry(img, r):
    text = img.section_named(b".text")
    choices = [0, 1, 0x40, img.size_of_image - 1, img.size_of_image, *HUGE, img.garbage_rva(r)]
    if text is not None:
        choices.append(text.VirtualAddress + r.randrange(0, max(1, text.Misc_VirtualSize)))
    v = r.choice(choices)
    img.w32(img.opt + 16, v)
    return f"AddressOfEntryPoint=0x{v:x}"


SECTION_FIELDS = {"VirtualSize": 8, "VirtualAddress": 12, "SizeOfRawData": 16, "PointerToRawData": 20,
                  "Characteristics": 36}


def m_section(img, r):
    i = r.randrange(img.nsect)
    so = img.section(i)
    name = r.choice(list(SECTION_FIELDS))
    off = so + SECTION_FIELDS[name]
    if name == "Characteristics":
        v = img.u32(off) ^ r.choice([0x20000000, 0x40000000, 0x80000000, 0xE0000000, 0x02000000])
    else:
        other = img.section(r.randrange(img.nsect))
        v = r.choice([0, 1, 0x200, 0x1000, *HUGE, img.size_of_image, img.size_of_image - 0x10,
                      len(img.b), len(img.b) - 1, img.u32(other + 12), img.u32(other + 20),   # overlap another
                      img.u32(off) + r.choice([-0x1000, -1, 1, 0x1000, 0x10000])])
    img.w32(off, v)
    return f"section {i} {name}=0x{v & 0xFFFFFFFF:x}"


DIRS = {"export": 0, "import": 1, "resource": 2, "reloc": 5, "tls": 9, "iat": 12, "delay_import": 13,
        "exception": 3, "load_config": 10, "bound_import": 11, "debug": 6}


def m_directory(img, r):
    name = r.choice(list(DIRS))
    i = DIRS[name]
    rva, size = img.dir(i)
    how = r.randrange(6)
    if how == 0:            # outside
        rva = r.choice([img.size_of_image, img.size_of_image + 0x1000, *HUGE])
        size = size or 0x40
    elif how == 1:          # straddles the end
        size = r.choice([0x40, 0x100, 0x1000])
        rva = img.size_of_image - r.randrange(1, size)
    elif how == 2:          # into garbage
        rva, size = img.garbage_rva(r), size or r.choice([0x28, 0x40, 0x100])
    elif how == 3:          # huge size
        size = r.choice(HUGE)
    elif how == 4:          # into the headers
        rva, size = r.choice([0, 0x40, img.lfanew]), size or 0x40
    else:                   # rva wraps around
        rva, size = 0xFFFFFFF0, 0x20
    img.set_dir(i, rva, size)
    return f"directory {name}=0x{rva:x}+0x{size:x}"


def _import_descriptors(img):
    rva, size = img.dir(1)
    o = img.off(rva)
    out = []
    while o is not None and o + 20 <= len(img.b):
        if not any(img.b[o:o + 20]):
            return out, o
        out.append(o)
        o += 20
    return out, o


def m_imports(img, r):
    descs, end = _import_descriptors(img)
    if not descs:
        return m_directory(img, r)
    d = r.choice(descs)
    how = r.randrange(9)
    if how == 0:
        v = img.bad_rva(r)
        img.w32(d + 12, v)
        return f"import Name rva=0x{v:x}"
    if how == 1:
        v = img.bad_rva(r)
        img.w32(d, v)
        return f"import OriginalFirstThunk=0x{v:x}"
    if how == 2:
        v = img.bad_rva(r)
        img.w32(d + 16, v)
        return f"import FirstThunk=0x{v:x}"
    if how == 3:            # endless thunk list: point the lookup table at code (never zero for long)
        v = img.garbage_rva(r)
        img.w32(d, v)
        img.w32(d + 16, r.choice([v, img.u32(d + 16)]))
        return f"import thunks into garbage at 0x{v:x}"
    if how == 4:            # no terminating descriptor
        if end is not None and end + 20 <= len(img.b):
            for k in range(20):
                img.b[end + k] = r.randrange(1, 256)
        return "import descriptor list unterminated"
    # corrupt thunk entries themselves
    ilt = img.u32(d) or img.u32(d + 16)
    o = img.off(ilt)
    if o is None:
        return "import (no thunks)"
    p = img.p
    n = 0
    while o + p * (n + 1) <= len(img.b) and img.ptr(o + p * n):
        n += 1
    if how == 5:            # hint/name rva outside
        k = r.randrange(max(n, 1))
        v = img.bad_rva(r)
        img.wptr(o + p * k, v)
        return f"import thunk {k} name rva=0x{v:x}"
    if how == 6:            # ordinal imports with odd ordinals
        k = r.randrange(max(n, 1))
        v = (1 << (img.bits - 1)) | r.choice([0, 1, 0xFFFF, 0x7FFFFFFF, r.randrange(1 << 16)])
        img.wptr(o + p * k, v)
        return f"import thunk {k} ordinal=0x{v:x}"
    if how == 7:            # remove the terminator: list runs into the next table
        img.wptr(o + p * n, r.choice([0x1000, 0x41414141, img.garbage_rva(r)]))
        return f"import thunk list unterminated after {n}"
    # name string without terminator / dll name garbage
    nrva = img.u32(d + 12)
    no = img.off(nrva)
    if no is not None:
        for k in range(64):
            if no + k < len(img.b):
                img.b[no + k] = r.choice(b"ABCxyz\xff.\\/:")
    return "import dll name unterminated"


def _export_area(img, r, size):
    """File offset and RVA of `size` bytes we may overwrite with a fabricated export table."""
    for name in (b".edata", b".text"):
        s = img.section_named(name)
        if s is not None and s.SizeOfRawData >= size + 0x100:
            k = r.randrange(0, min(s.SizeOfRawData, s.Misc_VirtualSize or s.SizeOfRawData) - size) & ~3
            return s.PointerToRawData + k, s.VirtualAddress + k
    return None, None


def m_exports(img, r):
    rva, size = img.dir(0)
    o = img.off(rva) if size else None
    if o is None:           # fabricate an export directory in .text
        o, rva = _export_area(img, r, 0x200)
        if o is None:
            return m_directory(img, r)
        size = 0x200
        img.set_dir(0, rva, size)
        # a valid-looking table with 4 functions, two of them forwarders, then break it below
        img.b[o:o + 0x200] = bytes(0x200)
        struct.pack_into("<IIHHIIIIIII", img.b, o, 0, 0, 0, 0, rva + 0x100, 1, 4, 2,
                         rva + 0x40, rva + 0x60, rva + 0x70)
        struct.pack_into("<4I", img.b, o + 0x40, 0x1000, rva + 0x120, rva + 0x140, 0)
        struct.pack_into("<2I", img.b, o + 0x60, rva + 0x160, rva + 0x170)
        struct.pack_into("<2H", img.b, o + 0x70, 1, 2)
        img.b[o + 0x100:o + 0x10a] = b"mutant.exe"
        fwds = [b"mutant.loop", b"MUTANT.#2", b"kernel32.ExitProcess", b"x.x", b".", b"", b"a" * 300,
                b"ntdll.#99999999999", b"self.#-1"]
        img.b[o + 0x120:o + 0x140] = r.choice(fwds)[:31].ljust(32, b"\0")
        img.b[o + 0x140:o + 0x160] = r.choice(fwds)[:31].ljust(32, b"\0")
        img.b[o + 0x160:o + 0x170] = b"loop\0"
        img.b[o + 0x170:o + 0x180] = b"other\0"
        label = "fabricated exports; "
    else:
        label = ""
    how = r.randrange(7)
    field = {0: ("NumberOfFunctions", 20), 1: ("NumberOfNames", 24), 2: ("AddressOfFunctions", 28),
             3: ("AddressOfNames", 32), 4: ("AddressOfNameOrdinals", 36), 5: ("Base", 16)}.get(how)
    if field:
        v = r.choice([0, 1, 0x10000, 0x10001, *HUGE, img.bad_rva(r)])
        img.w32(o + field[1], v)
        return f"{label}export {field[0]}=0x{v:x}"
    # garbage name rvas / ordinals
    names = img.off(img.u32(o + 32))
    nn = min(img.u32(o + 24), 64)
    if names is not None:
        for k in range(nn):
            if names + 4 * k + 4 <= len(img.b) and r.random() < 0.5:
                img.w32(names + 4 * k, img.bad_rva(r))
    ords = img.off(img.u32(o + 36))
    if ords is not None:
        for k in range(nn):
            if ords + 2 * k + 2 <= len(img.b) and r.random() < 0.5:
                img.w16(ords + 2 * k, r.randrange(1 << 16))
    return f"{label}export names/ordinals garbage"


FORWARDS = [b"fwdloop.self_loop", b"fwdloop.ping", b"FWDLOOP.pong", b"fwdloop.#2", b"fwdloop.#3",
            b"fwdloop.#0", b"fwdloop.#65535", b"fwdloop.#99999999999999", b"fwdloop.#x", b"fwdloop.",
            b".self_loop", b"fwdloop", b"fwdhost.main", b"fwdhost.exe.x", b"kernel32.ExitProcess",
            b"ntdll.#1", b"C:\\windows\\system32\\kernel32.GetVersion", b"..\\fwdloop.ping", b"x" * 200,
            b"api-ms-win-core-processthreads-l1-1-0.ExitProcess", b"fwdloop.dll.self_loop"]


def m_forwarders(img, r):
    """Rewrite the forwarder strings of fwdloop.dll (or make real exports forwarders)."""
    rva, size = img.dir(0)
    o = img.off(rva)
    if o is None or not size:
        return m_exports(img, r)
    nfuncs, eat = img.u32(o + 20), img.off(img.u32(o + 28))
    # forwarder strings live inside the export directory: rewrite each in place (same length budget)
    changed = 0
    if eat is not None:
        for k in range(min(nfuncs, 64)):
            f = img.u32(eat + 4 * k)
            if rva <= f < rva + size:
                fo = img.off(f)
                old = bytes(img.b[fo:fo + 64]).split(b"\0", 1)[0]
                new = r.choice(FORWARDS)
                if len(new) > len(old):
                    new = new[:len(old)]
                img.b[fo:fo + len(old) + 1] = new + b"\0" * (len(old) + 1 - len(new))
                changed += 1
        if r.random() < 0.3:       # turn real_func into a forwarder to whatever string is at the dir start
            k = r.randrange(max(nfuncs, 1))
            img.w32(eat + 4 * k, rva + r.randrange(0, size))
            return f"forwarders rewritten ({changed}); export {k} points into the directory"
    return f"forwarders rewritten ({changed})"


def m_relocs(img, r):
    rva, size = img.dir(5)
    o = img.off(rva)
    force_relocation(img, r)
    if o is None or not size:
        return "relocate (no relocations)"
    # collect block offsets
    blocks = []
    pos = 0
    while pos + 8 <= size:
        bs = img.u32(o + pos + 4)
        if bs < 8:
            break
        blocks.append(o + pos)
        pos += bs
    if not blocks:
        return "relocate"
    b = r.choice(blocks)
    how = r.randrange(7)
    if how == 0:
        v = r.choice([0, 1, 4, 7, 9, 0xFFFFFFFF, 0x7FFFFFF8, size + 8, 0x10000])
        img.w32(b + 4, v)
        return f"reloc block size=0x{v:x}"
    if how == 1:
        v = r.choice([img.size_of_image, img.size_of_image - 2, *HUGE, 0])
        img.w32(b, v)
        return f"reloc block page=0x{v:x}"
    if how == 2:        # bad types
        n = (img.u32(b + 4) - 8) // 2
        k = r.randrange(max(n, 1))
        v = (r.choice([4, 5, 6, 7, 8, 9, 11, 15]) << 12) | r.randrange(0x1000)
        img.w16(b + 8 + 2 * k, v)
        return f"reloc type 0x{v >> 12:x}"
    if how == 3:        # target at the very end of the image
        img.w32(b, (img.size_of_image - 0x1000) & ~0xFFF)
        img.w16(b + 8, (3 if img.bits == 32 else 10) << 12 | 0xFFE)
        return "reloc target past the end"
    if how == 4:        # directory size not a multiple of a block
        img.set_dir(5, rva, size + r.choice([-9, -1, 1, 2, 3, 0x1000]))
        return "reloc directory size off"
    if how == 5:        # relocations stripped flag set, image must be refused (base taken)
        img.w16(img.fh + 18, img.u16(img.fh + 18) | 1)
        return "relocs stripped and base taken"
    # wrong-width relocations for the arch (HIGHLOW in x64 / DIR64 in x86)
    n = (img.u32(b + 4) - 8) // 2
    for k in range(min(n, 16)):
        e = img.u16(b + 8 + 2 * k)
        if e >> 12:
            img.w16(b + 8 + 2 * k, (r.choice([1, 2, 3, 10]) << 12) | (e & 0xFFF))
    return "reloc widths mixed"


def m_tls(img, r):
    rva, size = img.dir(9)
    o = img.off(rva)
    if o is None or not size:
        return m_directory(img, r)
    p = img.p
    base = img.image_base()
    how = r.randrange(7)
    if how == 0:        # callbacks array into garbage code: calls random addresses
        v = base + img.garbage_rva(r)
        img.wptr(o + 3 * p, v)
        return f"TLS AddressOfCallBacks=0x{v:x} (garbage)"
    if how == 1:
        v = r.choice([1, 0x1000, base - 0x1000, base + img.size_of_image, (1 << img.bits) - 8, 0x7FFE0000])
        img.wptr(o + 3 * p, v)
        return f"TLS AddressOfCallBacks=0x{v:x}"
    if how == 2:
        v = r.choice([0, 1, base + img.size_of_image, (1 << img.bits) - 4, 0x7FFE0000, base])
        img.wptr(o + 2 * p, v)
        return f"TLS AddressOfIndex=0x{v:x}"
    if how == 3:        # template start/end swapped or huge
        s, e = img.ptr(o), img.ptr(o + p)
        v = r.choice([(e, s), (0, (1 << img.bits) - 1), (base, base + 0x2000000), (1, 2), (s, s + 0x1000000)])
        img.wptr(o, v[0])
        img.wptr(o + p, v[1])
        return f"TLS template 0x{v[0]:x}-0x{v[1]:x}"
    if how == 4:
        v = r.choice([0x1000001, 0xFFFFFFFF, 0x1000000])
        img.w32(o + 4 * p, v)
        return f"TLS SizeOfZeroFill=0x{v:x}"
    if how == 5:        # callback entries replaced by garbage pointers (array itself valid)
        cbs = img.off(img.ptr(o + 3 * p) - base)
        if cbs is not None:
            for k in range(r.randrange(1, 8)):
                if cbs + p * (k + 1) <= len(img.b):
                    img.wptr(cbs + p * k, r.choice([1, 0x41414141, base + img.garbage_rva(r), base]))
            return "TLS callback entries garbage"
        return "TLS (no callbacks)"
    # callbacks array that never ends: point it at non-zero code
    text = img.section_named(b".text")
    if text is not None:
        img.wptr(o + 3 * p, base + text.VirtualAddress)
    return "TLS callbacks array endless"


def m_byte_flips(img, r):
    n = len(img.b)
    hdr = min(n, img.sect + 40 * img.nsect)
    k = r.choice([1, 2, 4, 8, 32, 128])
    where = r.choice(["headers", "anywhere"])
    for _ in range(k):
        i = r.randrange(hdr) if where == "headers" else r.randrange(n)
        img.b[i] ^= 1 << r.randrange(8) if r.random() < 0.7 else r.randrange(1, 256)
    return f"{k} random byte flips ({where})"


EXE_CLASSES = [m_truncate, m_e_lfanew, m_nsections, m_opt_size, m_size_of_image, m_size_of_headers,
               m_alignment, m_image_base, m_stack_heap, m_ndirs, m_machine_magic, m_entry, m_section,
               m_section, m_directory, m_directory, m_imports, m_imports, m_exports, m_relocs, m_relocs,
               m_tls, m_tls, m_byte_flips, m_byte_flips]
DLL_CLASSES = [m_forwarders, m_forwarders, m_exports, m_truncate, m_section, m_directory, m_relocs,
               m_entry, m_tls, m_byte_flips, m_size_of_image, m_imports]


class Mutant:
    def __init__(self, index, klass, base, description, files, exe_name):
        self.index, self.klass, self.base, self.description = index, klass, base, description
        self.files = files            # {file name: bytes}, written into one directory
        self.exe_name = exe_name

    def label(self):
        return f"#{self.index} {self.klass} on {self.base}: {self.description}"


_cache: dict[Path, bytes] = {}


def _read(p: Path) -> bytes:
    if p not in _cache:
        _cache[p] = p.read_bytes()
    return _cache[p]


DLL_SHARE = 6


def is_dll_mutant(index: int) -> bool:
    return index % DLL_SHARE == DLL_SHARE - 1


def klass_of(index: int) -> str:
    """The mutation class of mutant `index` (without making it)."""
    if is_dll_mutant(index):
        return DLL_CLASSES[(index // DLL_SHARE) % len(DLL_CLASSES)].__name__[2:]
    return EXE_CLASSES[index % len(EXE_CLASSES)].__name__[2:]


def file_names(index: int) -> tuple[str, ...]:
    return ("fwdhost.exe", "fwdloop.dll") if is_dll_mutant(index) else ("mutant.exe",)


def make(seed: int, index: int) -> Mutant:
    """Mutant number `index` of run `seed`; every DLL_SHARE-th one mutates fwdloop.dll."""
    r = random.Random(f"{seed}:{index}")
    if is_dll_mutant(index):
        label, exe, dll = r.choice(dll_bases())
        klass = DLL_CLASSES[(index // DLL_SHARE) % len(DLL_CLASSES)]
        img = Image(_read(exe.parent / dll))
        desc = klass(img, r)
        files = {"fwdhost.exe": _read(exe), dll: bytes(img.b)}
        return Mutant(index, klass.__name__[2:], label, desc, files, "fwdhost.exe")
    bases = base_images()
    label, exe, _ = r.choices(bases, [base_weight(b[0]) for b in bases])[0]
    klass = EXE_CLASSES[index % len(EXE_CLASSES)]
    img = Image(_read(exe))
    desc = klass(img, r)
    return Mutant(index, klass.__name__[2:], label, desc, {"mutant.exe": bytes(img.b)}, "mutant.exe")


def write(m: Mutant, directory: str) -> str:
    for name, data in m.files.items():
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)
    return os.path.join(directory, m.exe_name)


if __name__ == "__main__":
    seed, index, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    m = make(seed, index)
    print(m.label())
    print(write(m, out))
