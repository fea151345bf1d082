"""Device contexts: memory DCs, display DCs and the window DCs user32 makes; attributes, clipping.

A DC draws into a Surface (gui/surface.py) at `org` (where its logical (0, 0) sits
once the window/viewport origins are applied) and only inside `vis`, the visible
rectangle in surface coordinates (a window's client area; the whole bitmap for a
memory DC), further cut by the clip region the program selects.  Drawing helpers
here turn logical coordinates into surface ones and apply the clip, so draw.py,
bitmap.py and text.py never think about either.
"""
from __future__ import annotations

import struct

import numpy as np

from winelike.abi.types import BOOL, DWORD, HANDLE, INT, LPCSTR, LPCWSTR, PTR, UINT
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER
from . import dll
from . import objects as O
from .objects import ch, get, state, stock

OPAQUE, TRANSPARENT = 2, 1
R2_COPYPEN = 13


class DC(O.GdiObject):
    kind = O.OBJ_DC

    def __init__(self, surface, vis=None, memory=False, owner=None):
        self.surface = surface
        self.memory = memory
        if memory:
            self.kind = O.OBJ_MEMDC
        self.base_org = (0, 0)           # surface position of device (0, 0) (window client origin)
        self.vis = vis if vis is not None else (0, 0, surface.w, surface.h)
        self.owner = owner               # user32's window, for window DCs
        self.pen = stock(O.BLACK_PEN)
        self.brush = stock(O.WHITE_BRUSH)
        self.font = stock(O.SYSTEM_FONT)
        self.bitmap = stock(O.STOCK_BITMAP) if memory else None
        self.clip = None                 # Region in device coordinates, or None
        self.text_color = 0
        self.bk_color = 0xFFFFFF
        self.bk_mode = OPAQUE
        self.text_align = 0
        self.rop2 = R2_COPYPEN
        self.pos = (0, 0)
        self.vp_org = (0, 0)
        self.win_org = (0, 0)
        self.brush_org = (0, 0)
        self.poly_fill = 1
        self.stretch_mode = 1
        self.map_mode = 1
        self.dc_brush_color = 0xFFFFFF
        self.dc_pen_color = 0
        self.text_extra = 0
        self.saved = []
        self.on_draw = None              # user32: mark the window for the display
        self.sync = None                 # a non-32-bpp DIB section's DibSync while it is selected

    # ---- coordinates ---------------------------------------------------------
    @property
    def dx(self):
        return self.base_org[0] + self.vp_org[0] - self.win_org[0]

    @property
    def dy(self):
        return self.base_org[1] + self.vp_org[1] - self.win_org[1]

    def clip_rects(self):
        """The rectangles drawing may touch, in surface coordinates."""
        v = self.vis
        l, t, r, b = max(v[0], 0), max(v[1], 0), min(v[2], self.surface.w), min(v[3], self.surface.h)
        if l >= r or t >= b:
            return []
        if self.clip is None:
            return [(l, t, r, b)]
        ox, oy = self.base_org
        out = []
        for cl, ct, cr, cb in self.clip.rects:
            cl, ct, cr, cb = max(cl + ox, l), max(ct + oy, t), min(cr + ox, r), min(cb + oy, b)
            if cl < cr and ct < cb:
                out.append((cl, ct, cr, cb))
        return out

    @property
    def mono(self):
        """A memory DC holding a monochrome bitmap (its drawing is black and white)."""
        return self.memory and self.bitmap is not None and self.bitmap.bpp == 1

    def touched(self):
        self.surface.dirty = True
        if self.on_draw is not None:
            self.on_draw()
        if self.sync is not None:
            self.sync.sync_out()

    # ---- drawing through the clip -------------------------------------------
    def fill_rect(self, l, t, r, b, pixel):
        """Fill surface rectangle [l, r) x [t, b) with a uint32 pixel value, clipped."""
        u = self.surface.u32
        for cl, ct, cr, cb in self.clip_rects():
            x0, y0, x1, y1 = max(l, cl), max(t, ct), min(r, cr), min(b, cb)
            if x0 < x1 and y0 < y1:
                u[y0:y1, x0:x1] = pixel
        self.touched()

    def apply_array(self, l, t, r, b, fn):
        """fn(dst_view, x0, y0) edits the clipped parts of surface rectangle [l, r) x [t, b)."""
        u = self.surface.u32
        for cl, ct, cr, cb in self.clip_rects():
            x0, y0, x1, y1 = max(l, cl), max(t, ct), min(r, cr), min(b, cb)
            if x0 < x1 and y0 < y1:
                fn(u[y0:y1, x0:x1], x0, y0)
        self.touched()

    def paint(self, bbox, draw_fn):
        """Run draw_fn(ImageDraw) (surface coordinates) and keep its pixels only inside the clip.

        bbox is (l, t, r, b) in surface coordinates bounding what draw_fn may change."""
        rects = self.clip_rects()
        if not rects:
            return
        s = self.surface
        l, t = max(bbox[0], 0), max(bbox[1], 0)
        r, b = min(bbox[2], s.w), min(bbox[3], s.h)
        if l >= r or t >= b:
            return
        if len(rects) == 1:
            cl, ct, cr, cb = rects[0]
            if cl <= l and ct <= t and cr >= r and cb >= b:
                draw_fn(s.draw)
                self.touched()
                return
        saved = s.u32[t:b, l:r].copy()
        draw_fn(s.draw)
        keep = np.zeros((b - t, r - l), bool)
        for cl, ct, cr, cb in rects:
            x0, y0, x1, y1 = max(l, cl), max(t, ct), min(r, cr), min(b, cb)
            if x0 < x1 and y0 < y1:
                keep[y0 - t:y1 - t, x0 - l:x1 - l] = True
        view = s.u32[t:b, l:r]
        view[~keep] = saved[~keep]
        self.touched()

    def pixel_in_clip(self, x, y):
        return any(l <= x < r and t <= y < b for l, t, r, b in self.clip_rects())

    def copy_state(self):
        keys = ("pen", "brush", "font", "bitmap", "surface", "vis", "sync", "text_color", "bk_color", "bk_mode",
                "text_align", "rop2", "pos", "vp_org", "win_org", "brush_org", "poly_fill", "stretch_mode",
                "map_mode", "dc_brush_color", "dc_pen_color", "text_extra")
        st = {k: getattr(self, k) for k in keys}
        st["clip"] = O.Region(self.clip.rects) if self.clip is not None else None
        return st


def get_dc(h) -> DC | None:
    obj = get(h)
    if not isinstance(obj, DC):
        return None
    if obj.sync is not None:
        obj.sync.sync_in()          # the program may have written the bits itself
    return obj


def screen_surface():
    """The display's desktop surface (for CreateDC("DISPLAY") and GetDC(NULL))."""
    from winelike.gui import display
    return display.get().desktop


# ---- creation -------------------------------------------------------------------

@dll.stdcall
def CreateCompatibleDC(hdc: HANDLE) -> HANDLE:
    if hdc and get_dc(hdc) is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    bm = stock(O.STOCK_BITMAP)
    return O.add(DC(bm.surface, memory=True))


@dll.stdcall
def CreateDCW(driver: LPCWSTR, device: LPCWSTR, output: LPCWSTR, init: PTR) -> HANDLE:
    name = (driver or device or "").upper().lstrip("\\.")
    if name not in ("DISPLAY",):
        ch.fixme("CreateDC", f"driver {driver!r} device {device!r}")
        return 0
    return O.add(DC(screen_surface()))


@dll.stdcall
def CreateDCA(driver: LPCSTR, device: LPCSTR, output: LPCSTR, init: PTR) -> HANDLE:
    return CreateDCW(driver, device, output, init)


@dll.stdcall
def DeleteDC(hdc: HANDLE) -> BOOL:
    dc = get_dc(hdc)
    if dc is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    for obj in (dc.pen, dc.brush, dc.font):
        _unselect(obj)
    if dc.bitmap is not None:
        dc.bitmap.dc = 0
        _unselect(dc.bitmap)
    del state().objects[dc.handle]
    return 1


def _unselect(obj):
    if obj is None or obj.stock:
        return
    obj.selected = max(obj.selected - 1, 0)
    if getattr(obj, "delete_pending", False) and not obj.selected and not getattr(obj, "dc", 0):
        state().objects.pop(obj.handle, None)


def _select(dc, attr, obj):
    old = getattr(dc, attr)
    setattr(dc, attr, obj)
    if not obj.stock:
        obj.selected += 1
    _unselect(old)
    return old.handle


@dll.stdcall
def SelectObject(hdc: HANDLE, h: HANDLE) -> HANDLE:
    dc = get_dc(hdc)
    obj = get(h)
    if dc is None or obj is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    if isinstance(obj, O.Pen):
        return _select(dc, "pen", obj)
    if isinstance(obj, O.Brush):
        return _select(dc, "brush", obj)
    if isinstance(obj, O.Font):
        return _select(dc, "font", obj)
    if isinstance(obj, O.Region):
        return SelectClipRgn(hdc, h)
    if isinstance(obj, O.Bitmap):
        if not dc.memory:
            return 0
        if obj.dc and obj.dc != dc.handle:
            return 0          # a bitmap is selected into one DC at a time
        dc.bitmap.dc = 0
        obj.dc = dc.handle
        dc.surface = obj.surface
        dc.vis = (0, 0, obj.width, obj.height)
        dc.sync = obj.sync
        return _select(dc, "bitmap", obj)
    return 0


@dll.stdcall
def GetCurrentObject(hdc: HANDLE, kind: UINT) -> HANDLE:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    obj = {O.OBJ_PEN: dc.pen, O.OBJ_BRUSH: dc.brush, O.OBJ_FONT: dc.font, O.OBJ_BITMAP: dc.bitmap,
           O.OBJ_PAL: stock(O.DEFAULT_PALETTE), O.OBJ_EXTPEN: dc.pen}.get(kind)
    return obj.handle if obj is not None else 0


@dll.stdcall
def SaveDC(hdc: HANDLE) -> INT:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    dc.saved.append(dc.copy_state())
    return len(dc.saved)


@dll.stdcall
def RestoreDC(hdc: HANDLE, level: INT) -> BOOL:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    n = len(dc.saved)
    if level < 0:
        level = n + 1 + level
    if not 1 <= level <= n:
        return 0
    st = dc.saved[level - 1]
    del dc.saved[level - 1:]
    for k, v in st.items():
        setattr(dc, k, v)
    return 1


# ---- attributes -------------------------------------------------------------------

def _set_attr(hdc, name, value, invalid):
    """Store a DC attribute and return its old value (`invalid` for a bad DC)."""
    dc = get_dc(hdc)
    if dc is None:
        return invalid
    old = getattr(dc, name)
    setattr(dc, name, value)
    return old


def _get_attr(hdc, name, invalid):
    dc = get_dc(hdc)
    return getattr(dc, name) if dc else invalid


@dll.stdcall
def SetTextColor(hdc: HANDLE, color: DWORD) -> DWORD:
    return _set_attr(hdc, "text_color", color & 0xFFFFFF, 0xFFFFFFFF)


@dll.stdcall
def GetTextColor(hdc: HANDLE) -> DWORD:
    return _get_attr(hdc, "text_color", 0xFFFFFFFF)


@dll.stdcall
def SetBkColor(hdc: HANDLE, color: DWORD) -> DWORD:
    return _set_attr(hdc, "bk_color", color & 0xFFFFFF, 0xFFFFFFFF)


@dll.stdcall
def GetBkColor(hdc: HANDLE) -> DWORD:
    return _get_attr(hdc, "bk_color", 0xFFFFFFFF)


@dll.stdcall
def SetBkMode(hdc: HANDLE, mode: INT) -> INT:
    if mode not in (OPAQUE, TRANSPARENT):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _set_attr(hdc, "bk_mode", mode, 0)


@dll.stdcall
def GetBkMode(hdc: HANDLE) -> INT:
    return _get_attr(hdc, "bk_mode", 0)


@dll.stdcall
def SetTextAlign(hdc: HANDLE, align: UINT) -> UINT:
    return _set_attr(hdc, "text_align", align, 0xFFFFFFFF)


@dll.stdcall
def GetTextAlign(hdc: HANDLE) -> UINT:
    return _get_attr(hdc, "text_align", 0xFFFFFFFF)


@dll.stdcall
def SetROP2(hdc: HANDLE, rop: INT) -> INT:
    if not 1 <= rop <= 16:
        return 0
    return _set_attr(hdc, "rop2", rop, 0)


@dll.stdcall
def GetROP2(hdc: HANDLE) -> INT:
    return _get_attr(hdc, "rop2", 0)


@dll.stdcall
def SetPolyFillMode(hdc: HANDLE, mode: INT) -> INT:
    return _set_attr(hdc, "poly_fill", mode, 0)


@dll.stdcall
def GetPolyFillMode(hdc: HANDLE) -> INT:
    return _get_attr(hdc, "poly_fill", 0)


@dll.stdcall
def SetStretchBltMode(hdc: HANDLE, mode: INT) -> INT:
    return _set_attr(hdc, "stretch_mode", mode, 0)


@dll.stdcall
def GetStretchBltMode(hdc: HANDLE) -> INT:
    return _get_attr(hdc, "stretch_mode", 0)


@dll.stdcall
def SetMapMode(hdc: HANDLE, mode: INT) -> INT:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    if mode != 1:
        ch.fixme("SetMapMode", f"mode {mode}: only MM_TEXT is drawn")
    old, dc.map_mode = dc.map_mode, mode
    return old


@dll.stdcall
def GetMapMode(hdc: HANDLE) -> INT:
    return _get_attr(hdc, "map_mode", 0)


@dll.stdcall
def SetDCBrushColor(hdc: HANDLE, color: DWORD) -> DWORD:
    return _set_attr(hdc, "dc_brush_color", color & 0xFFFFFF, 0xFFFFFFFF)


@dll.stdcall
def SetDCPenColor(hdc: HANDLE, color: DWORD) -> DWORD:
    return _set_attr(hdc, "dc_pen_color", color & 0xFFFFFF, 0xFFFFFFFF)


@dll.stdcall
def SetTextCharacterExtra(hdc: HANDLE, extra: INT) -> INT:
    return _set_attr(hdc, "text_extra", extra, 0x80000000)


def point_attr(hdc, attr, pt, update=None):
    """The Get/Set/Offset...Ex pattern for a DC's point attribute: write the old value to pt
    (if given), then store update(old) when there is an update; FALSE for a bad DC."""
    dc = get_dc(hdc)
    if dc is None:
        return 0
    old = getattr(dc, attr)
    if pt:
        proc().mem.write(pt, struct.pack("<2i", *old))
    if update is not None:
        setattr(dc, attr, update(old))
    return 1


@dll.stdcall
def SetViewportOrgEx(hdc: HANDLE, x: INT, y: INT, pt: PTR) -> BOOL:
    return point_attr(hdc, "vp_org", pt, lambda old: (x, y))


@dll.stdcall
def GetViewportOrgEx(hdc: HANDLE, pt: PTR) -> BOOL:
    return point_attr(hdc, "vp_org", pt)


@dll.stdcall
def OffsetViewportOrgEx(hdc: HANDLE, x: INT, y: INT, pt: PTR) -> BOOL:
    return point_attr(hdc, "vp_org", pt, lambda old: (old[0] + x, old[1] + y))


@dll.stdcall
def SetWindowOrgEx(hdc: HANDLE, x: INT, y: INT, pt: PTR) -> BOOL:
    return point_attr(hdc, "win_org", pt, lambda old: (x, y))


@dll.stdcall
def GetWindowOrgEx(hdc: HANDLE, pt: PTR) -> BOOL:
    return point_attr(hdc, "win_org", pt)


@dll.stdcall
def SetBrushOrgEx(hdc: HANDLE, x: INT, y: INT, pt: PTR) -> BOOL:
    return point_attr(hdc, "brush_org", pt, lambda old: (x, y))


@dll.stdcall
def GetCurrentPositionEx(hdc: HANDLE, pt: PTR) -> BOOL:
    return point_attr(hdc, "pos", pt)


# ---- clipping -------------------------------------------------------------------

@dll.stdcall
def SelectClipRgn(hdc: HANDLE, hrgn: HANDLE) -> INT:
    return ExtSelectClipRgn(hdc, hrgn, O.RGN_COPY)


@dll.stdcall
def ExtSelectClipRgn(hdc: HANDLE, hrgn: HANDLE, mode: INT) -> INT:
    dc = get_dc(hdc)
    if dc is None:
        return O.ERROR
    rg = get(hrgn, O.OBJ_REGION) if hrgn else None
    if hrgn and rg is None:
        return O.ERROR
    if rg is None:
        if mode != O.RGN_COPY:
            return O.ERROR
        dc.clip = None
    elif mode == O.RGN_COPY or dc.clip is None and mode in (O.RGN_AND, O.RGN_OR):
        dc.clip = O.Region(rg.rects)
    else:
        return _combine_clip(dc, rg.rects, mode)
    return _clip_type(dc)


def _full_device_rect(dc):
    v = dc.vis
    ox, oy = dc.base_org
    return (v[0] - ox, v[1] - oy, v[2] - ox, v[3] - oy)


def _clip_type(dc):
    return O.Region(dc.clip_rects()).type()


def _combine_clip(dc, rects, mode):
    """Combine device rectangles into the clip (no clip yet: the whole device) and return its type."""
    base = dc.clip.rects if dc.clip is not None else [_full_device_rect(dc)]
    dc.clip = O.Region(O.combine_rects(base, rects, mode))
    return _clip_type(dc)


def _logical_rect(dc, l, t, r, b):
    """A logical rectangle in device coordinates (what clip regions hold)."""
    ox = dc.vp_org[0] - dc.win_org[0]
    oy = dc.vp_org[1] - dc.win_org[1]
    return (l + ox, t + oy, r + ox, b + oy)


def _clip_logical_rect(hdc, l, t, r, b, mode):
    dc = get_dc(hdc)
    if dc is None:
        return O.ERROR
    return _combine_clip(dc, [_logical_rect(dc, l, t, r, b)], mode)


@dll.stdcall
def IntersectClipRect(hdc: HANDLE, l: INT, t: INT, r: INT, b: INT) -> INT:
    return _clip_logical_rect(hdc, l, t, r, b, O.RGN_AND)


@dll.stdcall
def ExcludeClipRect(hdc: HANDLE, l: INT, t: INT, r: INT, b: INT) -> INT:
    return _clip_logical_rect(hdc, l, t, r, b, O.RGN_DIFF)


@dll.stdcall
def GetClipBox(hdc: HANDLE, rc: PTR) -> INT:
    dc = get_dc(hdc)
    if dc is None:
        return O.ERROR
    rects = dc.clip_rects()
    if rects:
        box = O.Region(rects).box()
        box = (box[0] - dc.dx, box[1] - dc.dy, box[2] - dc.dx, box[3] - dc.dy)
    else:
        box = (0, 0, 0, 0)
    proc().mem.write(rc, struct.pack("<4i", *box))
    return _clip_type(dc)


@dll.stdcall
def GetClipRgn(hdc: HANDLE, hrgn: HANDLE) -> INT:
    dc = get_dc(hdc)
    rg = get(hrgn, O.OBJ_REGION)
    if dc is None or rg is None:
        return -1
    if dc.clip is None:
        return 0
    rg.rects = list(dc.clip.rects)
    return 1


@dll.stdcall
def PtVisible(hdc: HANDLE, x: INT, y: INT) -> BOOL:
    dc = get_dc(hdc)
    if dc is None:
        return -1
    return int(dc.pixel_in_clip(x + dc.dx, y + dc.dy))


# ---- device capabilities ----------------------------------------------------------

HORZSIZE, VERTSIZE, HORZRES, VERTRES, BITSPIXEL, PLANES, NUMCOLORS = 4, 6, 8, 10, 12, 14, 24
TECHNOLOGY, RASTERCAPS, LOGPIXELSX, LOGPIXELSY, SIZEPALETTE, NUMRESERVED, COLORRES = 2, 38, 88, 90, 104, 106, 108
DESKTOPVERTRES, DESKTOPHORZRES, VREFRESH, DRIVERVERSION = 117, 118, 116, 0


@dll.stdcall
def GetDeviceCaps(hdc: HANDLE, index: INT) -> INT:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    if dc.mono and index in (BITSPIXEL, NUMCOLORS):
        return 1 if index == BITSPIXEL else 2
    from winelike.gui import display
    w, h = display.screen_size()
    caps = {DRIVERVERSION: 0x4000, TECHNOLOGY: 1, HORZSIZE: w * 254 // 960, VERTSIZE: h * 254 // 960,
            HORZRES: w, VERTRES: h, BITSPIXEL: 32, PLANES: 1, NUMCOLORS: -1, 26: 0, 28: 0,
            RASTERCAPS: 0x7E99, LOGPIXELSX: 96, LOGPIXELSY: 96, SIZEPALETTE: 0, NUMRESERVED: 20,
            COLORRES: 24, DESKTOPVERTRES: h, DESKTOPHORZRES: w, VREFRESH: 60,
            40: 0, 42: 0, 44: 0, 32: 0, 34: 0, 36: 0}
    return caps.get(index, 0)
