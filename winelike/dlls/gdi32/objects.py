"""GDI objects: the process's handle table, pens, brushes, fonts, bitmaps, regions; stock objects.

GDI handles are process-local (as on Windows: they are not kernel handles), numbered
from 0x40000 in steps of 4.  Every object knows its OBJ_* type; the DC lives in dc.py.
"""
from __future__ import annotations

import struct

from winelike.abi.types import BOOL, DWORD, HANDLE, INT, PTR
from winelike.debug import Channel
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER
from . import dll

ch = Channel("gdi")

OBJ_PEN, OBJ_BRUSH, OBJ_DC, OBJ_METADC, OBJ_PAL, OBJ_FONT, OBJ_BITMAP, OBJ_REGION = 1, 2, 3, 4, 5, 6, 7, 8
OBJ_MEMDC, OBJ_EXTPEN = 10, 11

PS_SOLID, PS_DASH, PS_DOT, PS_DASHDOT, PS_DASHDOTDOT, PS_NULL, PS_INSIDEFRAME = 0, 1, 2, 3, 4, 5, 6
BS_SOLID, BS_NULL, BS_HATCHED, BS_PATTERN = 0, 1, 2, 3
HS_HORIZONTAL, HS_VERTICAL, HS_FDIAGONAL, HS_BDIAGONAL, HS_CROSS, HS_DIAGCROSS = range(6)

NULLREGION, SIMPLEREGION, COMPLEXREGION, ERROR = 1, 2, 3, 0
RGN_AND, RGN_OR, RGN_XOR, RGN_DIFF, RGN_COPY = 1, 2, 3, 4, 5


class GdiObject:
    kind = 0
    stock = False
    handle = 0
    selected = 0      # how many DCs hold it selected


class Pen(GdiObject):
    kind = OBJ_PEN
    dc_pen = False              # the DC_PEN stock object: its colour is the DC's

    def __init__(self, style, width, color, ext=False):
        self.style, self.width, self.color = style, width, color & 0xFFFFFF
        self.ext = ext
        if ext:
            self.kind = OBJ_EXTPEN


class Brush(GdiObject):
    kind = OBJ_BRUSH
    dc_brush = False            # the DC_BRUSH stock object: its colour is the DC's

    def __init__(self, style, color=0, hatch=0, pattern=None):
        self.style, self.color, self.hatch = style, color & 0xFFFFFF, hatch
        self.pattern = pattern          # a Bitmap for BS_PATTERN
        self.sys_color = None           # GetSysColorBrush's index, for its colour


class Font(GdiObject):
    kind = OBJ_FONT

    def __init__(self, height, width=0, escapement=0, orientation=0, weight=400, italic=0, underline=0,
                 strikeout=0, charset=0, out_prec=0, clip_prec=0, quality=0, pitch_family=0, face=""):
        self.height, self.width, self.escapement, self.orientation = height, width, escapement, orientation
        self.weight, self.italic, self.underline, self.strikeout = weight, italic, underline, strikeout
        self.charset, self.out_prec, self.clip_prec, self.quality = charset, out_prec, clip_prec, quality
        self.pitch_family, self.face = pitch_family, face
        self._real = None

    def logfont_bytes(self, wide: bool) -> bytes:
        head = struct.pack("<5i8B", self.height, self.width, self.escapement, self.orientation, self.weight,
                           self.italic, self.underline, self.strikeout, self.charset, self.out_prec,
                           self.clip_prec, self.quality, self.pitch_family)
        if wide:
            return head + self.face[:31].encode("utf-16-le").ljust(64, b"\0")
        return head + proc().encode_astr(self.face[:31]).ljust(32, b"\0")


class Bitmap(GdiObject):
    kind = OBJ_BITMAP
    # a DIB section's extras (bitmap.CreateDIBSection sets them)
    sync = None                 # DibSync of a non-32-bpp DIB section
    dib_masks = None            # its BI_BITFIELDS masks
    dib_region = None           # the guest memory holding its bits

    def __init__(self, surface, bpp=32, dib=None):
        self.surface = surface
        self.bpp = bpp              # 1 for monochrome bitmaps (kept as black/white 32-bpp pixels)
        self.report_bpp = bpp       # the depth GetObject reports (a DIB section's own, though drawn at 32)
        self.dib = dib              # (bits address, header bytes, color table bytes, section, offset) or None
        self.dc = 0                 # the memory DC it is selected into

    @property
    def width(self):
        return self.surface.w

    @property
    def height(self):
        return self.surface.h


class Region(GdiObject):
    kind = OBJ_REGION

    def __init__(self, rects=()):
        self.rects = [r for r in rects if r[0] < r[2] and r[1] < r[3]]

    def type(self):
        return NULLREGION if not self.rects else SIMPLEREGION if len(self.rects) == 1 else COMPLEXREGION

    def box(self):
        if not self.rects:
            return (0, 0, 0, 0)
        return (min(r[0] for r in self.rects), min(r[1] for r in self.rects),
                max(r[2] for r in self.rects), max(r[3] for r in self.rects))

    def contains(self, x, y):
        return any(r[0] <= x < r[2] and r[1] <= y < r[3] for r in self.rects)

    def offset(self, dx, dy):
        self.rects = [(l + dx, t + dy, r + dx, b + dy) for l, t, r, b in self.rects]


def combine_rects(a, b, op):
    """Region algebra on lists of rectangles: the result is banded (rows of cells merged)."""
    if op == RGN_COPY:
        return list(a)
    xs = sorted({v for r in a + b for v in (r[0], r[2])})
    ys = sorted({v for r in a + b for v in (r[1], r[3])})

    def inside(rects, x, y):
        return any(r[0] <= x < r[2] and r[1] <= y < r[3] for r in rects)
    out = []
    for j in range(len(ys) - 1):
        y0, y1 = ys[j], ys[j + 1]
        run = None
        for i in range(len(xs) - 1):
            x0, x1 = xs[i], xs[i + 1]
            ia, ib = inside(a, x0, y0), inside(b, x0, y0)
            v = (ia and ib) if op == RGN_AND else (ia or ib) if op == RGN_OR else \
                (ia != ib) if op == RGN_XOR else (ia and not ib)
            if v:
                run = (run[0], x1) if run and run[1] == x0 else run
                if run is None or run[1] != x1:
                    if run is not None:
                        out.append((run[0], y0, run[1], y1))
                    run = (x0, x1)
            elif run is not None:
                out.append((run[0], y0, run[1], y1))
                run = None
        if run is not None:
            out.append((run[0], y0, run[1], y1))
    # merge vertically adjacent bands with the same x extents
    merged = []
    for r in out:
        for k, m in enumerate(merged):
            if m[0] == r[0] and m[2] == r[2] and m[3] == r[1]:
                merged[k] = (m[0], m[1], m[2], r[3])
                break
        else:
            merged.append(r)
    return merged


class GdiState:
    def __init__(self):
        self.objects: dict[int, GdiObject] = {}
        self.next = 0x40000
        self.stock: dict[int, int] = {}

    def add(self, obj) -> int:
        h = self.next
        self.next += 4
        obj.handle = h
        self.objects[h] = obj
        return h


WHITE_BRUSH, LTGRAY_BRUSH, GRAY_BRUSH, DKGRAY_BRUSH, BLACK_BRUSH, NULL_BRUSH = 0, 1, 2, 3, 4, 5
WHITE_PEN, BLACK_PEN, NULL_PEN = 6, 7, 8
OEM_FIXED_FONT, ANSI_FIXED_FONT, ANSI_VAR_FONT, SYSTEM_FONT, DEVICE_DEFAULT_FONT = 10, 11, 12, 13, 14
DEFAULT_PALETTE, SYSTEM_FIXED_FONT, DEFAULT_GUI_FONT, DC_BRUSH, DC_PEN = 15, 16, 17, 18, 19
STOCK_BITMAP = 21          # winelike's key for the default 1x1 monochrome bitmap of memory DCs


def state() -> GdiState:
    p = proc()
    st = p.state.get("gdi32")
    if st is None:
        st = p.state["gdi32"] = GdiState()
        _make_stock(st)
    return st


def _make_stock(st):
    from winelike.gui.surface import Surface

    def add(i, obj):
        obj.stock = True
        st.stock[i] = st.add(obj)
    add(WHITE_BRUSH, Brush(BS_SOLID, 0xFFFFFF))
    add(LTGRAY_BRUSH, Brush(BS_SOLID, 0xC0C0C0))
    add(GRAY_BRUSH, Brush(BS_SOLID, 0x808080))
    add(DKGRAY_BRUSH, Brush(BS_SOLID, 0x404040))
    add(BLACK_BRUSH, Brush(BS_SOLID, 0))
    add(NULL_BRUSH, Brush(BS_NULL))
    add(WHITE_PEN, Pen(PS_SOLID, 0, 0xFFFFFF))
    add(BLACK_PEN, Pen(PS_SOLID, 0, 0))
    add(NULL_PEN, Pen(PS_NULL, 0, 0))
    add(OEM_FIXED_FONT, Font(12, 8, pitch_family=0x31, face="Terminal", charset=255))
    add(ANSI_FIXED_FONT, Font(12, 9, pitch_family=0x31, face="Courier"))
    add(ANSI_VAR_FONT, Font(12, 9, pitch_family=0x22, face="MS Sans Serif"))
    add(SYSTEM_FONT, Font(16, 7, weight=700, pitch_family=0x22, face="System"))
    add(DEVICE_DEFAULT_FONT, Font(16, 0, weight=700, pitch_family=0x22, face="System"))
    add(DEFAULT_PALETTE, Palette())
    add(SYSTEM_FIXED_FONT, Font(16, 8, weight=400, pitch_family=0x31, face="Fixedsys"))
    add(DEFAULT_GUI_FONT, Font(-11, 0, weight=400, pitch_family=0x22, face="MS Shell Dlg"))
    add(DC_BRUSH, Brush(BS_SOLID, 0xFFFFFF))
    get(st.stock[DC_BRUSH]).dc_brush = True
    add(DC_PEN, Pen(PS_SOLID, 0, 0))
    get(st.stock[DC_PEN]).dc_pen = True
    add(STOCK_BITMAP, Bitmap(Surface(1, 1, fill=0), bpp=1))


class Palette(GdiObject):
    kind = OBJ_PAL


def get(h: int, kind=None):
    """The object for handle h (of OBJ_* kind, or any), or None."""
    obj = state().objects.get(h & 0xFFFFFFFF)
    if obj is None or (kind is not None and obj.kind != kind and not (kind == OBJ_PEN and obj.kind == OBJ_EXTPEN)):
        return None
    return obj


def add(obj) -> int:
    return state().add(obj)


def stock(i: int):
    return get(state().stock[i])


# ---- exports -------------------------------------------------------------------

@dll.stdcall
def GetStockObject(i: INT) -> HANDLE:
    st = state()
    if i == 20 or i not in st.stock or i == STOCK_BITMAP:     # 20 is unused; 21 is not public before Vista
        return 0
    return st.stock[i]


@dll.stdcall
def CreatePen(style: INT, width: INT, color: DWORD) -> HANDLE:
    if style & 0xF > PS_INSIDEFRAME:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return add(Pen(style & 0xF, max(width, 0), color))


@dll.stdcall
def CreatePenIndirect(lp: PTR) -> HANDLE:
    mem = proc().mem
    return CreatePen(mem.u32(lp), mem.i32(lp + 4), mem.u32(lp + 12))


@dll.stdcall
def ExtCreatePen(style: DWORD, width: DWORD, lb: PTR, count: DWORD, dashes: PTR) -> HANDLE:
    mem = proc().mem
    bstyle, color = mem.u32(lb), mem.u32(lb + 4)
    if bstyle != BS_SOLID:
        ch.fixme("ExtCreatePen", f"brush style {bstyle} drawn solid")
    pen = Pen(style & 0xF, width, color, ext=True)
    pen.geometric = bool(style & 0x10000)
    return add(pen)


@dll.stdcall
def CreateSolidBrush(color: DWORD) -> HANDLE:
    return add(Brush(BS_SOLID, color))


@dll.stdcall
def CreateHatchBrush(hatch: INT, color: DWORD) -> HANDLE:
    if not 0 <= hatch <= HS_DIAGCROSS:
        return 0
    return add(Brush(BS_HATCHED, color, hatch))


@dll.stdcall
def CreatePatternBrush(hbm: HANDLE) -> HANDLE:
    bm = get(hbm, OBJ_BITMAP)
    if bm is None:
        return 0
    from winelike.gui.surface import Surface
    copy = Surface(bm.width, bm.height)
    copy.u32[...] = bm.surface.u32
    return add(Brush(BS_PATTERN, pattern=Bitmap(copy, bm.bpp)))


@dll.stdcall
def CreateBrushIndirect(lb: PTR) -> HANDLE:
    mem = proc().mem
    style, color, hatch = mem.u32(lb), mem.u32(lb + 4), mem.ptr(lb + 8)
    if style == BS_SOLID:
        return CreateSolidBrush(color)
    if style == BS_NULL:
        return GetStockObject(NULL_BRUSH)
    if style == BS_HATCHED:
        return CreateHatchBrush(hatch, color)
    if style == BS_PATTERN:
        return CreatePatternBrush(hatch)
    ch.fixme("CreateBrushIndirect", f"style {style}")
    return 0


@dll.stdcall
def DeleteObject(h: HANDLE) -> BOOL:
    st = state()
    obj = st.objects.get(h & 0xFFFFFFFF)
    if obj is None or obj.kind in (OBJ_DC, OBJ_MEMDC):
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    if obj.stock:
        return 1
    if obj.selected or (isinstance(obj, Bitmap) and obj.dc):
        # Windows keeps an object selected into a DC alive and reports success
        obj.delete_pending = True
        return 1
    del st.objects[obj.handle]
    if isinstance(obj, Bitmap) and obj.dib is not None and obj.dib[3] is None:
        from .bitmap import free_dib_bits
        free_dib_bits(obj)
    return 1


@dll.stdcall
def GetObjectType(h: HANDLE) -> DWORD:
    obj = get(h)
    if obj is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    return obj.kind


def _get_object(h, size, buf, wide) -> int:
    obj = get(h)
    if obj is None:
        return 0
    p = proc()
    mem = p.mem
    if isinstance(obj, Pen):
        if obj.kind == OBJ_EXTPEN:
            data = struct.pack("<IIII", obj.style | (0x10000 if getattr(obj, "geometric", 0) else 0),
                               obj.width, 0, obj.color) + b"\0" * (p.ptr_size + 8)
        else:
            data = struct.pack("<IiiI", obj.style, obj.width, 0, obj.color)
    elif isinstance(obj, Brush):
        data = struct.pack("<II", obj.style, obj.color) + (obj.hatch).to_bytes(p.ptr_size, "little")
    elif isinstance(obj, Font):
        data = obj.logfont_bytes(wide)
    elif isinstance(obj, Bitmap):
        from .bitmap import bitmap_struct, dibsection_struct
        data = bitmap_struct(obj)
        if obj.dib is not None and size >= len(dibsection_struct(obj)):
            data = dibsection_struct(obj)
    elif isinstance(obj, Palette):
        data = struct.pack("<H", 20)
    else:
        return 0
    if not buf:
        return len(data)
    n = min(size, len(data))
    mem.write(buf, data[:n])
    return n


@dll.stdcall
def GetObjectW(h: HANDLE, size: INT, buf: PTR) -> INT:
    return _get_object(h, size, buf, True)


@dll.stdcall
def GetObjectA(h: HANDLE, size: INT, buf: PTR) -> INT:
    return _get_object(h, size, buf, False)


# ---- regions -------------------------------------------------------------------

@dll.stdcall
def CreateRectRgn(l: INT, t: INT, r: INT, b: INT) -> HANDLE:
    return add(Region([(min(l, r), min(t, b), max(l, r), max(t, b))]))


@dll.stdcall
def CreateRectRgnIndirect(rc: PTR) -> HANDLE:
    mem = proc().mem
    return CreateRectRgn(mem.i32(rc), mem.i32(rc + 4), mem.i32(rc + 8), mem.i32(rc + 12))


@dll.stdcall
def SetRectRgn(h: HANDLE, l: INT, t: INT, r: INT, b: INT) -> BOOL:
    rg = get(h, OBJ_REGION)
    if rg is None:
        return 0
    rg.rects = Region([(min(l, r), min(t, b), max(l, r), max(t, b))]).rects
    return 1


@dll.stdcall
def CombineRgn(dst: HANDLE, a: HANDLE, b: HANDLE, mode: INT) -> INT:
    d, ra = get(dst, OBJ_REGION), get(a, OBJ_REGION)
    rb = get(b, OBJ_REGION) if mode != RGN_COPY else None
    if d is None or ra is None or (mode != RGN_COPY and rb is None) or not RGN_AND <= mode <= RGN_COPY:
        return ERROR
    d.rects = combine_rects(ra.rects, rb.rects if rb else [], mode)
    return d.type()


@dll.stdcall
def GetRgnBox(h: HANDLE, rc: PTR) -> INT:
    rg = get(h, OBJ_REGION)
    if rg is None:
        return ERROR
    proc().mem.write(rc, struct.pack("<4i", *rg.box()))
    return rg.type()


@dll.stdcall
def OffsetRgn(h: HANDLE, dx: INT, dy: INT) -> INT:
    rg = get(h, OBJ_REGION)
    if rg is None:
        return ERROR
    rg.offset(dx, dy)
    return rg.type()


@dll.stdcall
def PtInRegion(h: HANDLE, x: INT, y: INT) -> BOOL:
    rg = get(h, OBJ_REGION)
    return int(rg is not None and rg.contains(x, y))


@dll.stdcall
def EqualRgn(a: HANDLE, b: HANDLE) -> BOOL:
    ra, rb = get(a, OBJ_REGION), get(b, OBJ_REGION)
    if ra is None or rb is None:
        return ERROR
    return int(not combine_rects(ra.rects, rb.rects, RGN_XOR))


@dll.stdcall
def GdiFlush() -> BOOL:
    return 1


@dll.stdcall
def GdiSetBatchLimit(limit: DWORD) -> DWORD:
    return 1
