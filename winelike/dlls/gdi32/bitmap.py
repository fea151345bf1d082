"""Bitmaps and DIBs, and the raster operations: BitBlt/StretchBlt/PatBlt, CreateDIBSection,
Get/SetDIBits, StretchDIBits, SetDIBitsToDevice.

Every bitmap is kept as 32-bpp B,G,R,X pixels; a monochrome bitmap (bpp 1) holds only
black and white.  A 32-bpp DIB section's surface *is* its guest memory (numpy over the
mapping), so the program's own writes to the bits are drawn and vice versa.  Raster
ops run on uint32 views: the common ROP3 codes have fast paths, any other one is built
from its eight minterms.
"""
from __future__ import annotations

import struct

import numpy as np

from winelike.abi.types import BOOL, DWORD, HANDLE, INT, LONG, PTR, UINT
from winelike.cpu.memory import PAGE_READWRITE
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_PARAMETER, ERROR_INVALID_HANDLE
from winelike.gui.surface import Surface, colorref_to_pixel
from . import dll
from . import objects as O
from .objects import ch
from .dc import get_dc

BI_RGB, BI_RLE8, BI_RLE4, BI_BITFIELDS = 0, 1, 2, 3
DIB_RGB_COLORS, DIB_PAL_COLORS = 0, 1

SRCCOPY, SRCPAINT, SRCAND, SRCINVERT = 0xCC0020, 0xEE0086, 0x8800C6, 0x660046
PATCOPY, PATINVERT, DSTINVERT, BLACKNESS, WHITENESS = 0xF00021, 0x5A0049, 0x550009, 0x42, 0xFF0062
M24 = np.uint32(0xFFFFFF)


# ---- DIB headers -----------------------------------------------------------------

def dib_stride(w, bpp):
    """Bytes per row of a DIB: rows are DWORD-aligned."""
    return ((w * bpp + 31) // 32) * 4


def ddb_stride(w, bpp):
    """Bytes per row of device-dependent bitmap bits (CreateBitmap, Get/SetBitmapBits): WORD-aligned."""
    return ((w * bpp + 15) // 16) * 2


class DibInfo:
    def __init__(self, mem, bmi, usage=DIB_RGB_COLORS):
        size = mem.u32(bmi)
        if size == 12:     # BITMAPCOREHEADER
            w, h, planes, bpp = struct.unpack("<HHHH", mem.read(bmi + 4, 8))
            self.width, self.height, self.bpp, self.compression, self.clr_used = w, h, bpp, BI_RGB, 0
            self.size_image = 0
            entry = 3
        else:
            (self.width, self.height, planes, self.bpp, self.compression, self.size_image,
             _, _, self.clr_used, _) = struct.unpack("<iiHHIIiiII", mem.read(bmi + 4, 36))
            entry = 4
        self.header_size = size
        self.top_down = self.height < 0
        self.abs_height = abs(self.height)
        self.stride = dib_stride(self.width, self.bpp)
        ncolors = 0
        if self.bpp <= 8:
            ncolors = self.clr_used or (1 << self.bpp)
        table_at = bmi + size
        self.masks = None
        if self.compression == BI_BITFIELDS:
            if size == 40:
                self.masks = struct.unpack("<3I", mem.read(table_at, 12))
                table_at += 12
            else:
                self.masks = struct.unpack("<3I", mem.read(bmi + 40, 12))
        self.table_at = table_at
        self.palette = None
        if ncolors:
            if usage == DIB_PAL_COLORS:
                ch.fixme("DIB_PAL_COLORS", "palette indices read as grey levels")
                idx = struct.unpack(f"<{ncolors}H", mem.read(table_at, 2 * ncolors))
                self.palette = np.array([(i & 0xFF) * 0x010101 for i in idx], np.uint32)
            else:
                raw = np.frombuffer(mem.read(table_at, entry * ncolors), np.uint8).reshape(ncolors, entry)
                self.palette = (raw[:, 0].astype(np.uint32) | (raw[:, 1].astype(np.uint32) << 8)
                                | (raw[:, 2].astype(np.uint32) << 16))
        self.ncolors = ncolors


def decode_rows(info: DibInfo, data: bytes, nrows: int) -> np.ndarray:
    """nrows rows of DIB data (memory order) -> uint32 pixels (nrows, width), memory order."""
    w = info.width
    raw = np.frombuffer(data, np.uint8, count=info.stride * nrows).reshape(nrows, info.stride)
    bpp = info.bpp
    if bpp == 32:
        px = raw[:, :4 * w].copy().view(np.uint32).reshape(nrows, w)
        if info.masks and info.masks != (0xFF0000, 0xFF00, 0xFF):
            px = _from_masks(px, info.masks)
        return px
    if bpp == 24:
        b = raw[:, :3 * w].reshape(nrows, w, 3).astype(np.uint32)
        return b[..., 0] | (b[..., 1] << 8) | (b[..., 2] << 16)
    if bpp == 16:
        v = raw[:, :2 * w].copy().view(np.uint16).reshape(nrows, w).astype(np.uint32)
        masks = info.masks or (0x7C00, 0x3E0, 0x1F)
        return _from_masks(v, masks)
    if bpp in (1, 4, 8):
        if bpp == 8:
            idx = raw[:, :w]
        elif bpp == 4:
            idx = np.stack([raw >> 4, raw & 15], -1).reshape(nrows, -1)[:, :w]
        else:
            idx = np.unpackbits(raw, axis=1)[:, :w]
        pal = info.palette if info.palette is not None else np.zeros(1 << bpp, np.uint32)
        idx = np.minimum(idx, len(pal) - 1)
        return pal[idx]
    raise ValueError(f"{bpp} bits per pixel")


def _from_masks(v, masks):
    out = np.zeros(v.shape, np.uint32)
    for shift_to, m in zip((16, 8, 0), masks):
        if not m:
            continue
        lo = (m & -m).bit_length() - 1
        bits = bin(m).count("1")
        c = (v & np.uint32(m)) >> np.uint32(lo)
        if bits < 8:
            c = (c << np.uint32(8 - bits)) | (c >> np.uint32(max(2 * bits - 8, 0)))
        elif bits > 8:
            c = c >> np.uint32(bits - 8)
        out |= (c & np.uint32(0xFF)) << np.uint32(shift_to)
    return out


def encode_rows(px: np.ndarray, bpp: int, stride: int, palette=None) -> bytes:
    """uint32 pixels (rows in memory order) -> DIB row bytes."""
    h, w = px.shape
    out = np.zeros((h, stride), np.uint8)
    if bpp == 32:
        out[:, :4 * w] = px.astype(np.uint32).view(np.uint8).reshape(h, 4 * w)
        out[:, 3:4 * w:4] = 0
    elif bpp == 24:
        b = px.astype(np.uint32).view(np.uint8).reshape(h, w, 4)[..., :3]
        out[:, :3 * w] = b.reshape(h, 3 * w)
    elif bpp == 16:
        r = (px >> 19) & 0x1F
        g = (px >> 11) & 0x1F
        b = (px >> 3) & 0x1F
        v = ((r << 10) | (g << 5) | b).astype(np.uint16)
        out[:, :2 * w] = v.view(np.uint8).reshape(h, 2 * w)
    elif bpp in (1, 4, 8):
        pal = palette if palette is not None else np.array([0, 0xFFFFFF], np.uint32)
        # nearest palette entry
        pr, pg, pb = (pal >> 16) & 255, (pal >> 8) & 255, pal & 255
        cr, cg, cb = (px >> 16) & 255, (px >> 8) & 255, px & 255
        d = ((cr[..., None].astype(np.int32) - pr) ** 2 + (cg[..., None].astype(np.int32) - pg) ** 2
             + (cb[..., None].astype(np.int32) - pb) ** 2)
        idx = d.argmin(-1).astype(np.uint8)
        if bpp == 8:
            out[:, :w] = idx
        elif bpp == 4:
            pad = np.zeros((h, (w + 1) // 2 * 2), np.uint8)
            pad[:, :w] = idx
            out[:, :(w + 1) // 2] = (pad[:, 0::2] << 4) | pad[:, 1::2]
        else:
            packed = np.packbits(idx & 1, axis=1)
            out[:, :packed.shape[1]] = packed
    else:
        raise ValueError(f"{bpp} bits per pixel")
    return out.tobytes()


def bitmap_struct(bm) -> bytes:
    p = proc()
    bpp = bm.report_bpp
    wb = ddb_stride(bm.width, bpp) if bm.dib is None else dib_stride(bm.width, bpp)
    bits = bm.dib[0] if bm.dib is not None else 0
    if p.bits == 32:
        return struct.pack("<iiiiHHI", 0, bm.width, bm.height, wb, 1, bpp, bits)
    return struct.pack("<iiiiHH4xQ", 0, bm.width, bm.height, wb, 1, bpp, bits)


def dibsection_struct(bm) -> bytes:
    p = proc()
    addr, header, _, section, offset = bm.dib
    masks = bm.dib_masks or (0, 0, 0)
    hdr = bytearray(header[:40].ljust(40, b"\0"))
    struct.pack_into("<I", hdr, 0, 40)
    if struct.unpack_from("<I", hdr, 20)[0] == 0:
        stride = dib_stride(bm.width, bm.report_bpp)
        struct.pack_into("<I", hdr, 20, stride * bm.height)
    tail = struct.pack("<3I", *masks)
    if p.bits == 32:
        tail += struct.pack("<II", section or 0, offset)
    else:
        tail += struct.pack("<4xQI4x", section or 0, offset)
    return bitmap_struct(bm) + bytes(hdr) + tail


class DibSync:
    """Keeps a non-32-bpp DIB section's guest bits and its 32-bpp surface in step."""

    def __init__(self, bm, info, addr):
        self.bm, self.info, self.addr = bm, info, addr
        self.size = info.stride * info.abs_height

    def sync_in(self):
        mem = proc().mem
        px = decode_rows(self.info, mem.read(self.addr, self.size), self.info.abs_height)
        self.bm.surface.u32[...] = px if self.info.top_down else px[::-1]

    def sync_out(self):
        px = self.bm.surface.u32 & M24
        if not self.info.top_down:
            px = px[::-1]
        proc().mem.write(self.addr, encode_rows(px, self.info.bpp, self.info.stride, self.info.palette))


def free_dib_bits(bm):
    region = bm.dib_region
    if region is not None:
        proc().mem.release(region)
        bm.dib_region = None


# ---- creation ----------------------------------------------------------------------

def _new_bitmap(w, h, bpp, fill=0):
    return O.Bitmap(Surface(w, h, fill=fill), bpp=1 if bpp == 1 else 32)


@dll.stdcall
def CreateCompatibleBitmap(hdc: HANDLE, w: INT, h: INT) -> HANDLE:
    dc = get_dc(hdc)
    if dc is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    if w < 0 or h < 0:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if w == 0 or h == 0:
        return O.state().stock[O.STOCK_BITMAP]
    return O.add(_new_bitmap(w, h, 1 if dc.mono else 32))


@dll.stdcall
def CreateBitmap(w: INT, h: INT, planes: UINT, bpp: UINT, bits: PTR) -> HANDLE:
    if w < 0 or h < 0 or planes != 1 and planes != 0 or bpp > 32:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if w == 0 or h == 0:
        return O.state().stock[O.STOCK_BITMAP]
    bpp = bpp or 1
    bm = _new_bitmap(w, h, bpp)
    if bits:
        _set_bitmap_bits(bm, bits, bpp)
    return O.add(bm)


@dll.stdcall
def CreateBitmapIndirect(bmp: PTR) -> HANDLE:
    mem = proc().mem
    _, w, h, wb = struct.unpack("<iiii", mem.read(bmp, 16))
    planes, bpp = struct.unpack("<HH", mem.read(bmp + 16, 4))
    bits = mem.ptr(bmp + (20 if proc().bits == 32 else 24))
    return CreateBitmap(w, h, planes, bpp, bits)


def _set_bitmap_bits(bm, bits, bpp):
    """Device-dependent bits (word-aligned rows, top-down)."""
    mem = proc().mem
    w, h = bm.width, bm.height
    stride = ddb_stride(w, bpp)
    data = mem.read(bits, stride * h)
    info = DibInfo.__new__(DibInfo)
    info.width, info.bpp, info.stride, info.masks = w, bpp, stride, None
    info.palette = np.array([0, 0xFFFFFF], np.uint32) if bpp == 1 else None
    if bpp not in (1, 16, 24, 32):
        ch.fixme("CreateBitmap", f"{bpp} bpp bits")
        return
    bm.surface.u32[...] = decode_rows(info, data, h)
    return stride * h


@dll.stdcall
def SetBitmapBits(hbm: HANDLE, count: DWORD, bits: PTR) -> LONG:
    bm = O.get(hbm, O.OBJ_BITMAP)
    if bm is None:
        return 0
    return _set_bitmap_bits(bm, bits, bm.bpp) or 0


@dll.stdcall
def GetBitmapBits(hbm: HANDLE, count: LONG, bits: PTR) -> LONG:
    bm = O.get(hbm, O.OBJ_BITMAP)
    if bm is None:
        return 0
    bpp = bm.bpp
    stride = ddb_stride(bm.width, bpp)
    total = stride * bm.height
    if not bits:
        return total
    n = min(count, total) // stride
    px = bm.surface.u32[:n]
    if bpp == 1:
        rs = dib_stride(bm.width, 1)
        rows = encode_rows(px, 1, rs)
        data = b"".join(rows[i * rs:i * rs + stride] for i in range(n))
    else:
        data = encode_rows(px, 32, stride)
    proc().mem.write(bits, data)
    return n * stride


@dll.stdcall
def CreateDIBSection(hdc: HANDLE, bmi: PTR, usage: UINT, pbits: PTR, section: HANDLE, offset: DWORD) -> HANDLE:
    p = proc()
    mem = p.mem
    info = DibInfo(mem, bmi, usage)
    if info.width <= 0 or info.abs_height == 0 or info.bpp not in (1, 4, 8, 16, 24, 32) \
            or info.compression not in (BI_RGB, BI_BITFIELDS):
        set_last_error(ERROR_INVALID_PARAMETER)
        if pbits:
            mem.wptr(pbits, 0)
        return 0
    if section:
        ch.fixme("CreateDIBSection", "file mapping sections: private memory used")
    size = info.stride * info.abs_height
    region = mem.reserve(None, size, PAGE_READWRITE, tag="dibsection")
    addr = region.base
    header = mem.read(bmi, min(info.header_size, 40))
    if info.bpp == 32 and info.masks in (None, (0xFF0000, 0xFF00, 0xFF)):
        base = np.frombuffer(region.mm, np.uint8, count=size, offset=0).reshape(info.abs_height, info.width, 4)
        surf = Surface(info.width, info.abs_height, base=base, bottom_up=not info.top_down)
        bm = O.Bitmap(surf, bpp=32)
    else:
        # drawn as 32 bpp; the guest's bits stay the truth: converted in before each use and
        # out after each drawing (see DibSync)
        bm = O.Bitmap(Surface(info.width, info.abs_height, fill=0), bpp=32)
        bm.sync = DibSync(bm, info, addr)
    if info.bpp != 32:
        bm.report_bpp = info.bpp        # drawn as 32 bpp; GetObject reports the DIB's own depth
    bm.dib = (addr, header, None, section, offset)
    bm.dib_masks = info.masks
    bm.dib_region = region
    if pbits:
        mem.wptr(pbits, addr)
    return O.add(bm)


@dll.stdcall
def GetDIBits(hdc: HANDLE, hbm: HANDLE, start: UINT, lines: UINT, bits: PTR, bmi: PTR, usage: UINT) -> INT:
    p = proc()
    mem = p.mem
    bm = O.get(hbm, O.OBJ_BITMAP)
    if bm is None or get_dc(hdc) is None:
        return 0
    size = mem.u32(bmi)
    if size < 12:
        return 0
    bpp_now = bm.report_bpp
    req_bpp = mem.u16(bmi + 14)
    if bm.sync is not None:
        bm.sync.sync_in()
    if req_bpp == 0:
        # fill in the header only
        stride = dib_stride(bm.width, bpp_now)
        mem.write(bmi + 4, struct.pack("<iiHHIIiiII", bm.width, bm.height, 1, bpp_now,
                                       BI_BITFIELDS if bpp_now in (16, 32) and bm.dib is not None and bm.dib_masks
                                       else BI_RGB, stride * bm.height, 0, 0, 0, 0))
        return 1 if not bits else 0
    info = DibInfo(mem, bmi, usage)
    # any requested width is allowed: the overlapping columns are copied
    h = info.abs_height
    w = info.width
    if req_bpp <= 8:
        if req_bpp == 1:
            pal = np.array([0, 0xFFFFFF], np.uint32)
        else:
            pal = _default_palette(req_bpp)
        raw = np.zeros((len(pal), 4), np.uint8)
        raw[:, 0], raw[:, 1], raw[:, 2] = pal & 255, (pal >> 8) & 255, (pal >> 16) & 255
        if usage == DIB_RGB_COLORS:
            mem.write(bmi + size, raw.tobytes())
    else:
        pal = None
    if not bits:
        mem.w32(bmi + 20, info.stride * h)
        return min(lines, bm.height) if lines else 1
    start = min(start, bm.height)
    n = min(lines, bm.height - start, h - start) if h > start else 0
    if n <= 0:
        return 0
    src = bm.surface.u32
    px = np.zeros((n, w), np.uint32)
    cw = min(w, bm.width)
    # DIB scan line `start` is the bottom row for a bottom-up request
    for i in range(n):
        dib_row = start + i
        # the bitmap's rows map to the request's rows from the bottom (bottom-up) or the top
        sy = (bm.height - 1 - dib_row) if not info.top_down else dib_row
        if 0 <= sy < bm.height:
            px[i, :cw] = src[sy, :cw] & M24
    if req_bpp not in (1, 4, 8, 16, 24, 32):
        return 0
    data = encode_rows(px, req_bpp, info.stride, pal)
    # rows are written in DIB memory order starting at `bits`
    mem.write(bits, data)
    return n


def _default_palette(bpp):
    if bpp == 4:
        vga = [0x000000, 0x000080, 0x008000, 0x008080, 0x800000, 0x800080, 0x808000, 0x808080,
               0xC0C0C0, 0x0000FF, 0x00FF00, 0x00FFFF, 0xFF0000, 0xFF00FF, 0xFFFF00, 0xFFFFFF]
        return np.array([((c & 0xFF) << 16) | (c & 0xFF00) | (c >> 16) for c in vga], np.uint32)
    # 8 bpp: a 6x6x6 colour cube plus greys
    cols = []
    for r in range(6):
        for g in range(6):
            for b in range(6):
                cols.append((r * 51 << 16) | (g * 51 << 8) | b * 51)
    while len(cols) < 256:
        v = (len(cols) - 216) * 6
        cols.append(v * 0x010101)
    return np.array(cols, np.uint32)


def _read_dib(mem, bmi, bits, usage, start=0, nlines=None):
    """The image of a packed DIB as uint32 pixels, top-down (h, w), and its DibInfo."""
    info = DibInfo(mem, bmi, usage)
    if info.compression not in (BI_RGB, BI_BITFIELDS):
        ch.fixme("DIB", f"compression {info.compression}")
        return None, info
    h = info.abs_height if nlines is None else nlines
    data = mem.read(bits, info.stride * h)
    px = decode_rows(info, data, h)
    if not info.top_down:
        px = px[::-1]
    return px, info


@dll.stdcall
def SetDIBits(hdc: HANDLE, hbm: HANDLE, start: UINT, lines: UINT, bits: PTR, bmi: PTR, usage: UINT) -> INT:
    mem = proc().mem
    bm = O.get(hbm, O.OBJ_BITMAP)
    if bm is None:
        return 0
    info = DibInfo(mem, bmi, usage)
    n = min(lines, info.abs_height - start)
    if n <= 0:
        return 0
    if bm.sync is not None:
        bm.sync.sync_in()
    data = mem.read(bits, info.stride * n)
    px = decode_rows(info, data, n)
    cw = min(info.width, bm.width)
    dst = bm.surface.u32
    for i in range(n):
        dib_row = start + i
        y = (bm.height - 1 - dib_row) if not info.top_down else dib_row
        if 0 <= y < bm.height:
            row = px[i, :cw]
            if bm.bpp == 1:
                row = np.where(row & M24, M24, np.uint32(0))
            dst[y, :cw] = row
    bm.surface.dirty = True
    if bm.sync is not None:
        bm.sync.sync_out()
    return n


@dll.stdcall
def CreateDIBitmap(hdc: HANDLE, header: PTR, init: DWORD, bits: PTR, bmi: PTR, usage: UINT) -> HANDLE:
    mem = proc().mem
    w, h = mem.i32(header + 4), abs(mem.i32(header + 8))
    bpp = mem.u16(header + 14)
    dc = get_dc(hdc)
    mono = bpp == 1 and dc is None
    bm = _new_bitmap(w, h, 1 if mono else 32)
    if init & 4 and bits and bmi:      # CBM_INIT
        hbm = O.add(bm)
        SetDIBits(hdc, hbm, 0, h, bits, bmi, usage)
        return hbm
    return O.add(bm)


# ---- raster operations ------------------------------------------------------------------

def uses_src(rop):
    return ((rop >> 2) ^ rop) & 0x330000 != 0


def uses_pat(rop):
    return ((rop >> 4) ^ rop) & 0x0F0000 != 0


def rop3(d, s, p, rop):
    """The result of ROP3 `rop` for dest d, source s, pattern p (uint32 arrays or scalars)."""
    if rop == SRCCOPY:
        return s
    if rop == SRCPAINT:
        return (d | s) & M24
    if rop == SRCAND:
        return d & s & M24
    if rop == SRCINVERT:
        return (d ^ s) & M24
    if rop == PATCOPY:
        return p
    if rop == PATINVERT:
        return (d ^ p) & M24
    if rop == DSTINVERT:
        return ~d & M24
    if rop == BLACKNESS:
        return np.uint32(0)
    if rop == WHITENESS:
        return M24
    idx = (rop >> 16) & 0xFF
    res = np.zeros_like(d)
    for i in range(8):
        if idx >> i & 1:
            t = (p if i & 4 else ~p) if p is not None else ~np.uint32(0)
            t = t & ((s if i & 2 else ~s) if s is not None else ~np.uint32(0))
            t = t & (d if i & 1 else ~d)
            res |= t
    return res & M24


def _pattern(dc, x0, y0, w, h):
    from .draw import brush_pixels
    mode = dc.bk_mode
    dc.bk_mode = 2
    try:
        vals, _ = brush_pixels(dc, dc.brush, x0, y0, w, h)
    finally:
        dc.bk_mode = mode
    if vals is None:
        return np.uint32(0)
    return np.uint32(vals) if np.isscalar(vals) else vals


def _convert_source(src_px, src_dc, dst_dc):
    """Colour <-> monochrome conversions a blit between such DCs makes."""
    smono, dmono = src_dc.mono, dst_dc.mono
    if smono and not dmono:
        return np.where(src_px & M24, np.uint32(colorref_to_pixel(dst_dc.bk_color)),
                        np.uint32(colorref_to_pixel(dst_dc.text_color))).astype(np.uint32)
    if dmono and not smono:
        return np.where((src_px & M24) == colorref_to_pixel(src_dc.bk_color), M24, np.uint32(0)).astype(np.uint32)
    return src_px


def blit(dst, x, y, w, h, src_px, rop):
    """Combine src_px (h, w uint32 or None) into dst's logical rect at x, y with `rop`."""
    sx0, sy0 = x + dst.dx, y + dst.dy
    need_pat = uses_pat(rop)
    dmono = dst.mono

    def op(view, vx, vy):
        vh, vw = view.shape
        s = None
        if src_px is not None:
            s = src_px[vy - sy0:vy - sy0 + vh, vx - sx0:vx - sx0 + vw]
        p = _pattern(dst, vx, vy, vw, vh) if need_pat else None
        res = rop3(view, s, p, rop)
        if dmono:
            res = np.where(res & M24, M24, np.uint32(0))
        view[...] = res
    dst.apply_array(sx0, sy0, sx0 + w, sy0 + h, op)


@dll.stdcall
def PatBlt(hdc: HANDLE, x: INT, y: INT, w: INT, h: INT, rop: DWORD) -> BOOL:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    if uses_src(rop):
        return 0
    if w < 0:
        x, w = x + w, -w
    if h < 0:
        y, h = y + h, -h
    blit(dc, x, y, w, h, None, rop)
    return 1


def _crop(px, top, left, h, w):
    """A copy of px's rows [top, top + h) and columns [left, left + w) as uint32 (h, w); 0 outside px."""
    H, W = px.shape
    out = np.zeros((h, w), np.uint32)
    y0, y1 = max(top, 0), min(top + h, H)
    x0, x1 = max(left, 0), min(left + w, W)
    if y0 < y1 and x0 < x1:
        out[y0 - top:y1 - top, x0 - left:x1 - left] = px[y0:y1, x0:x1]
    return out


def _source_pixels(src, x, y, w, h):
    """A copy of the source DC's logical rect as uint32 (h, w) (0 outside its surface), and the
    part of the rect that lies inside the surface, relative to the rect."""
    sx, sy = x + src.dx, y + src.dy
    s = src.surface
    x0, y0 = max(sx, 0), max(sy, 0)
    x1, y1 = min(sx + w, s.w), min(sy + h, s.h)
    return _crop(s.u32, sy, sx, h, w), (x0 - sx, y0 - sy, x1 - sx, y1 - sy)


@dll.stdcall
def BitBlt(hdc: HANDLE, x: INT, y: INT, w: INT, h: INT, hsrc: HANDLE, x1: INT, y1: INT, rop: DWORD) -> BOOL:
    dst = get_dc(hdc)
    if dst is None:
        return 0
    rop &= 0xFFFFFF
    if not uses_src(rop):
        return PatBlt(hdc, x, y, w, h, rop)
    src = get_dc(hsrc)
    if src is None or w <= 0 or h <= 0:
        return 0 if src is None else 1
    px, (vl, vt, vr, vb) = _source_pixels(src, x1, y1, w, h)
    px = _convert_source(px, src, dst)
    if (vl, vt, vr, vb) != (0, 0, w, h):
        # only the part of the source inside its bitmap is copied
        if vl >= vr or vt >= vb:
            return 1
        blit(dst, x + vl, y + vt, vr - vl, vb - vt, px[vt:vb, vl:vr], rop)
        return 1
    blit(dst, x, y, w, h, px, rop)
    return 1


def _positive_extents(x, y, w, h, x1, y1, w1, h1):
    """Stretch arguments with negative extents turned into mirror flags: fx, fy, dst rect, src rect."""
    fx = (w < 0) != (w1 < 0)
    fy = (h < 0) != (h1 < 0)
    if w < 0:
        x, w = x + w, -w
    if h < 0:
        y, h = y + h, -h
    if w1 < 0:
        x1, w1 = x1 + w1, -w1
    if h1 < 0:
        y1, h1 = y1 + h1, -h1
    return fx, fy, (x, y, w, h), (x1, y1, w1, h1)


def _stretch(px, w, h, flip_x, flip_y):
    sh, sw = px.shape
    ys = (np.arange(h) * sh // h) if h else np.zeros(0, int)
    xs = (np.arange(w) * sw // w) if w else np.zeros(0, int)
    out = px[np.ix_(ys, xs)]
    if flip_x:
        out = out[:, ::-1]
    if flip_y:
        out = out[::-1]
    return out


@dll.stdcall
def StretchBlt(hdc: HANDLE, x: INT, y: INT, w: INT, h: INT, hsrc: HANDLE, x1: INT, y1: INT, w1: INT, h1: INT,
               rop: DWORD) -> BOOL:
    dst = get_dc(hdc)
    if dst is None:
        return 0
    rop &= 0xFFFFFF
    if not uses_src(rop):
        return PatBlt(hdc, x, y, w, h, rop)
    src = get_dc(hsrc)
    if src is None:
        return 0
    fx, fy, (x, y, w, h), (x1, y1, w1, h1) = _positive_extents(x, y, w, h, x1, y1, w1, h1)
    if not (w and h and w1 and h1):
        return 1
    px, _ = _source_pixels(src, x1, y1, w1, h1)
    px = _convert_source(px, src, dst)
    blit(dst, x, y, w, h, _stretch(px, w, h, fx, fy), rop)
    return 1


@dll.stdcall
def StretchDIBits(hdc: HANDLE, x: INT, y: INT, w: INT, h: INT, x1: INT, y1: INT, w1: INT, h1: INT,
                  bits: PTR, bmi: PTR, usage: UINT, rop: DWORD) -> INT:
    dst = get_dc(hdc)
    if dst is None or not bits:
        return 0
    px, info = _read_dib(proc().mem, bmi, bits, usage)
    if px is None:
        return 0
    fx, fy, (x, y, w, h), (x1, y1, w1, h1) = _positive_extents(x, y, w, h, x1, y1, w1, h1)
    # source coordinates: y1 counts from the bottom for a bottom-up DIB
    H = info.abs_height
    top = y1 if info.top_down else H - y1 - h1
    if not (w and h):
        return 0
    part = _crop(px, top, x1, h1, w1)
    blit(dst, x, y, w, h, _stretch(part, w, h, fx, fy), rop & 0xFFFFFF)
    return h1


@dll.stdcall
def SetDIBitsToDevice(hdc: HANDLE, x: INT, y: INT, w: DWORD, h: DWORD, x1: INT, y1: INT, start: UINT,
                      lines: UINT, bits: PTR, bmi: PTR, usage: UINT) -> INT:
    dst = get_dc(hdc)
    if dst is None or not bits:
        return 0
    mem = proc().mem
    info = DibInfo(mem, bmi, usage)
    H = info.abs_height
    n = min(lines, H - start)
    if n <= 0:
        return 0
    data = mem.read(bits, info.stride * n)
    rows = decode_rows(info, data, n)      # scan lines start .. start+n-1 (DIB order)
    full = np.zeros((H, info.width), np.uint32)
    for i in range(n):
        sl = start + i
        yy = sl if info.top_down else H - 1 - sl
        full[yy] = rows[i]
    top = y1 if info.top_down else H - y1 - h
    blit(dst, x, y, w, h, _crop(full, top, x1, h, w), SRCCOPY)
    return n
