"""Build the PE-shaped in-memory image of a built-in DLL.

Each function export is a 16-byte thunk in .text: on x86 `ret 4*slots` for
stdcall or `ret` for cdecl, on x64 `ret`.  The trap hook covers the whole
built-in area, so the handler runs when the thunk's first instruction is
fetched and the thunk's own `ret` does the stack cleanup.  The export
directory is real (sorted names, ordinals, forwarder strings), so
GetProcAddress, PEB walkers and hand-written export-table parsers find the
same addresses the loader binds.
"""
from __future__ import annotations

import struct

from winelike.dlls.framework import THUNK_SIZE

PAGE = 0x1000


def _align(v, a=PAGE):
    return (v + a - 1) & ~(a - 1)


class BuiltinImage:
    """Bytes of the image plus where each export landed (RVAs)."""

    def __init__(self, data: bytes, size: int, text: tuple, edata: tuple, data_sec: tuple,
                 func_rvas: dict, data_rvas: dict):
        self.data = data
        self.size = size
        self.text = text          # (rva, size)
        self.edata = edata
        self.data_sec = data_sec
        self.func_rvas = func_rvas   # name -> rva of thunk
        self.data_rvas = data_rvas   # name -> rva of data


def build(dll, bits: int, image_base: int) -> BuiltinImage:
    ptr = bits // 8
    exports = list(dll.exports.values())
    funcs = [e for e in exports if e.func is not None]
    datas = [e for e in exports if e.is_data]

    # .text: one thunk per function export
    text_rva = PAGE
    text = bytearray()
    func_rvas = {}
    for e in funcs:
        if bits == 32 and e.conv == "stdcall" and e.arg_bytes32():
            code = b"\xC2" + struct.pack("<H", e.arg_bytes32())
        else:
            code = b"\xC3"
        func_rvas[e.name] = text_rva + len(text)
        text += code + b"\xCC" * (THUNK_SIZE - len(code))
    text_size = max(len(text), 1)

    # .data: data exports
    data_rva = text_rva + _align(text_size)
    data_rvas = {}
    dpos = 0
    for e in datas:
        size = e.data_size(ptr) if callable(e.data_size) else e.data_size
        dpos = (dpos + 15) & ~15
        data_rvas[e.name] = data_rva + dpos
        dpos += size
    data_size = max(dpos, 1)

    # .edata: export directory
    edata_rva = data_rva + _align(data_size)
    ordinals = {}
    used = {e.ordinal for e in exports if e.ordinal}
    nxt = 1
    for e in exports:
        if e.ordinal:
            ordinals[e.name] = e.ordinal
        else:
            while nxt in used:
                nxt += 1
            ordinals[e.name] = nxt
            used.add(nxt)
    base_ord = min(ordinals.values()) if ordinals else 1
    nfuncs = (max(ordinals.values()) - base_ord + 1) if ordinals else 0
    named = sorted((e for e in exports), key=lambda e: e.name.encode())
    # layout inside .edata
    dir_size = 40
    eat_off = dir_size
    names_off = eat_off + 4 * nfuncs
    ords_off = names_off + 4 * len(named)
    str_off = ords_off + 2 * len(named)
    strings = bytearray()

    def add_str(s: bytes) -> int:
        off = str_off + len(strings)
        strings.extend(s + b"\0")
        return edata_rva + off

    dll_name_rva = add_str(dll.name.encode())
    eat = [0] * nfuncs
    for e in exports:
        idx = ordinals[e.name] - base_ord
        if e.forward:
            eat[idx] = add_str(e.forward.encode())
        elif e.is_data:
            eat[idx] = data_rvas[e.name]
        else:
            eat[idx] = func_rvas[e.name]
    name_rvas = [add_str(e.name.encode()) for e in named]
    name_ords = [ordinals[e.name] - base_ord for e in named]
    edata = bytearray(struct.pack("<IIHHIIIIIII", 0, 0, 0, 0, dll_name_rva, base_ord, nfuncs, len(named),
                                  edata_rva + eat_off, edata_rva + names_off, edata_rva + ords_off))
    edata += struct.pack(f"<{nfuncs}I", *eat)
    edata += struct.pack(f"<{len(named)}I", *name_rvas)
    edata += struct.pack(f"<{len(named)}H", *name_ords)
    edata += strings
    edata_size = len(edata)
    size_of_image = edata_rva + _align(edata_size)

    # headers
    hdr = bytearray(PAGE)
    hdr[0:2] = b"MZ"
    struct.pack_into("<I", hdr, 0x3C, 0x40)
    hdr[0x40:0x44] = b"PE\0\0"
    machine = 0x14C if bits == 32 else 0x8664
    opt_size = 224 if bits == 32 else 240
    struct.pack_into("<HHIIIHH", hdr, 0x44, machine, 3, 0, 0, 0, opt_size, 0x2102 if bits == 32 else 0x2022)
    opt = 0x58
    if bits == 32:
        struct.pack_into("<HBBIIIIIII", hdr, opt, 0x10B, 1, 0, text_size, data_size, 0, 0, text_rva, text_rva,
                         data_rva)
        struct.pack_into("<IIIHHHHHHIIIIHHIIIIII", hdr, opt + 28, image_base, PAGE, 0x200, 6, 1, 0, 0, 6, 1, 0,
                         size_of_image, PAGE, 0, 3, 0x140, 0x100000, 0x1000, 0x100000, 0x1000, 0, 16)
        dd = opt + 96
    else:
        struct.pack_into("<HBBIIIII", hdr, opt, 0x20B, 1, 0, text_size, data_size, 0, 0, text_rva)
        struct.pack_into("<IQIIHHHHHHIIIIHHQQQQII", hdr, opt + 20, text_rva, image_base, PAGE, 0x200, 6, 1, 0, 0,
                         6, 1, 0, size_of_image, PAGE, 0, 3, 0x160, 0x100000, 0x1000, 0x100000, 0x1000, 0, 16)
        dd = opt + 112
    struct.pack_into("<II", hdr, dd, edata_rva, edata_size)
    sect = opt + opt_size
    for i, (nm, rva, vs, fl) in enumerate([(b".text", text_rva, text_size, 0x60000020),
                                          (b".data", data_rva, data_size, 0xC0000040),
                                          (b".edata", edata_rva, edata_size, 0x40000040)]):
        struct.pack_into("<8sIIIIIIHHI", hdr, sect + 40 * i, nm, vs, rva, _align(vs, 0x200), rva, 0, 0, 0, 0, fl)

    image = bytearray(size_of_image)
    image[0:PAGE] = hdr
    image[text_rva:text_rva + len(text)] = text
    image[edata_rva:edata_rva + edata_size] = edata
    return BuiltinImage(bytes(image), size_of_image, (text_rva, text_size), (edata_rva, edata_size),
                        (data_rva, data_size), func_rvas, data_rvas)
