"""Map a validated PE image into guest memory: headers, sections, protections, relocations."""
from __future__ import annotations

import struct

from winelike.cpu.memory import (PAGE, PAGE_READONLY, PAGE_READWRITE, PAGE_EXECUTE_READ,
                                 PAGE_EXECUTE_READWRITE, PAGE_EXECUTE, PAGE_NOACCESS, MEM_IMAGE,
                                 OutOfGuestMemory, GuestFault)
from .pe import (BadImage, PeInfo, DIR_BASERELOC, SCN_MEM_EXECUTE, SCN_MEM_READ, SCN_MEM_WRITE)


def section_protection(flags: int) -> int:
    x, r, w = flags & SCN_MEM_EXECUTE, flags & SCN_MEM_READ, flags & SCN_MEM_WRITE
    if x:
        return PAGE_EXECUTE_READWRITE if w else (PAGE_EXECUTE_READ if r else PAGE_EXECUTE)
    if w:
        return PAGE_READWRITE
    return PAGE_READONLY if r else PAGE_NOACCESS


def map_image(mem, info: PeInfo, name: str, base_hint: int | None = None):
    """Reserve, copy and relocate; returns the Region. Raises BadImage when it cannot."""
    size = (info.size_of_image + PAGE - 1) & ~(PAGE - 1)
    base = info.image_base if base_hint is None else base_hint
    try:
        if mem.is_free(base, size):
            region = mem.reserve(base, size, PAGE_READWRITE, kind=MEM_IMAGE, tag=name)
        elif info.relocatable:
            region = mem.reserve(None, size, PAGE_READWRITE, kind=MEM_IMAGE, tag=name,
                                 start=0x10000000 if info.bits == 32 else 0x180000000)
        else:
            raise BadImage(f"{name}: preferred base 0x{base:x} is in use and the image has no relocations")
    except OutOfGuestMemory as e:
        raise BadImage(f"{name}: cannot map image: {e}") from None
    data = info.data
    region.mm[0:info.size_of_headers] = data[0:info.size_of_headers]
    for s in info.sections:
        n = min(s.raw_size, s.vsize)
        if n:
            region.mm[s.rva:s.rva + n] = data[s.raw_offset:s.raw_offset + n]
    delta = region.base - info.image_base
    if delta:
        try:
            apply_relocations(region, info, delta)
        except BadImage as e:
            mem.release(region)
            raise BadImage(f"{name}: {e}") from None
    # protections: headers read-only, each section its own
    mem.protect(region.base, PAGE, PAGE_READONLY)
    for s in info.sections:
        if s.vsize:
            start = s.rva & ~(PAGE - 1)
            end = (s.rva + s.vsize + PAGE - 1) & ~(PAGE - 1)
            mem.protect(region.base + start, end - start, section_protection(s.flags))
    return region


def apply_relocations(region, info: PeInfo, delta: int) -> None:
    rva, size = info.directory(DIR_BASERELOC)
    mm = region.mm
    limit = region.size
    end = rva + size
    pos = rva
    while pos + 8 <= end:
        page_rva, block = struct.unpack_from("<II", mm, pos)
        if block < 8 or pos + block > end:
            if block == 0:
                break
            raise BadImage(f"bad relocation block at 0x{pos:x}")
        count = (block - 8) // 2
        entries = struct.unpack_from(f"<{count}H", mm, pos + 8)
        for e in entries:
            typ, off = e >> 12, e & 0xFFF
            target = page_rva + off
            if typ == 0:
                continue
            if typ == 3:          # HIGHLOW
                if target + 4 > limit:
                    raise BadImage(f"relocation target 0x{target:x} outside the image")
                v = struct.unpack_from("<I", mm, target)[0]
                struct.pack_into("<I", mm, target, (v + delta) & 0xFFFFFFFF)
            elif typ == 10:       # DIR64
                if target + 8 > limit:
                    raise BadImage(f"relocation target 0x{target:x} outside the image")
                v = struct.unpack_from("<Q", mm, target)[0]
                struct.pack_into("<Q", mm, target, (v + delta) & 0xFFFFFFFFFFFFFFFF)
            elif typ == 2:        # LOW
                if target + 2 > limit:
                    raise BadImage(f"relocation target 0x{target:x} outside the image")
                v = struct.unpack_from("<H", mm, target)[0]
                struct.pack_into("<H", mm, target, (v + delta) & 0xFFFF)
            elif typ == 1:        # HIGH
                if target + 2 > limit:
                    raise BadImage(f"relocation target 0x{target:x} outside the image")
                v = struct.unpack_from("<H", mm, target)[0]
                struct.pack_into("<H", mm, target, (v + (delta >> 16)) & 0xFFFF)
            else:
                raise BadImage(f"unsupported relocation type {typ}")
        pos += block


def read_exports(mem, base: int, size: int, name: str = "image"):
    """Parse the export directory of a mapped image: (by_name, by_ordinal, forwards).

    by_name: name -> ordinal; by_ordinal: ordinal -> rva.  Forwarder RVAs (inside
    the export directory) come back as forward strings in `forwards`.  Hostile
    tables are bounded by the image size; one that does not fit is refused.
    """
    try:
        return _read_exports(mem, base, size, name)
    except GuestFault as e:       # a string running off the end of the image
        raise BadImage(f"{name}: export table reaches outside the image ({e})") from None


def _read_exports(mem, base, size, name):
    e_lfanew = mem.u32(base + 0x3C)
    magic = mem.u16(base + e_lfanew + 24)
    dd = base + e_lfanew + 24 + (96 if magic == 0x10B else 112)
    exp_rva, exp_size = mem.u32(dd), mem.u32(dd + 4)
    by_name, by_ord, forwards = {}, {}, {}
    if not exp_size or exp_rva + 40 > size:
        return by_name, by_ord, forwards
    (_, _, _, _, _, ord_base, nfuncs, nnames, eat, names, ords) = struct.unpack(
        "<IIHHIIIIIII", mem.read(base + exp_rva, 40))
    if nfuncs > 0x10000 or nnames > 0x10000 or eat + 4 * nfuncs > size or names + 4 * nnames > size \
            or ords + 2 * nnames > size:
        raise BadImage(f"{name}: export directory is outside the image")
    rvas = struct.unpack(f"<{nfuncs}I", mem.read(base + eat, 4 * nfuncs))
    for i, r in enumerate(rvas):
        if not r:
            continue
        if r >= size:
            continue
        if exp_rva <= r < exp_rva + exp_size:
            forwards[(ord_base + i) & 0xFFFFFFFF] = _string(mem, base, size, r, 256)
        by_ord[(ord_base + i) & 0xFFFFFFFF] = r
    name_rvas = struct.unpack(f"<{nnames}I", mem.read(base + names, 4 * nnames))
    name_ords = struct.unpack(f"<{nnames}H", mem.read(base + ords, 2 * nnames))
    for nr, o in zip(name_rvas, name_ords):
        if nr < size:
            by_name[_string(mem, base, size, nr, 512)] = (ord_base + o) & 0xFFFFFFFF
    return by_name, by_ord, forwards


def _string(mem, base, size, rva, limit):
    """A NUL-terminated name inside the image (cut at the image's end)."""
    return mem.cstr(base + rva, min(limit, size - rva)).decode("latin-1")
