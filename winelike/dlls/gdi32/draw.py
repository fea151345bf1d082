"""Lines, shapes and pixels: MoveToEx/LineTo/Polyline/Polygon, Rectangle/RoundRect/Ellipse/Arc/Pie/Chord,
SetPixel/GetPixel, and the brush fills user32's FillRect/FrameRect use.

Shapes are rasterised by Pillow into small masks (fill and outline separately),
then the brush and the pen are applied through numpy under the DC's clip and ROP2.
GDI excludes a rectangle's right and bottom edges and a line's last point; Pillow
includes them: the `- 1`s below are that difference, kept in this one module.
"""
from __future__ import annotations

import math
import struct

import numpy as np
from PIL import Image, ImageDraw

from winelike.abi.types import BOOL, DWORD, HANDLE, INT, PTR
from winelike.dlls.winapi import proc
from winelike.gui.surface import colorref_to_pixel, pixel_to_colorref
from . import dll
from . import objects as O
from .dc import get_dc, point_attr, OPAQUE

CLR_INVALID = 0xFFFFFFFF

_HATCH = {
    O.HS_HORIZONTAL: [0, 0, 0, 0xFF, 0, 0, 0, 0],
    O.HS_VERTICAL: [0x08] * 8,
    O.HS_FDIAGONAL: [0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x01],
    O.HS_BDIAGONAL: [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80],
}
_HATCH[O.HS_CROSS] = [a | b for a, b in zip(_HATCH[O.HS_HORIZONTAL], _HATCH[O.HS_VERTICAL])]
_HATCH[O.HS_DIAGCROSS] = [a | b for a, b in zip(_HATCH[O.HS_FDIAGONAL], _HATCH[O.HS_BDIAGONAL])]
_HATCH_MASKS = {k: np.array([[(row >> (7 - x)) & 1 for x in range(8)] for row in v], bool)
                for k, v in _HATCH.items()}

DASHES = {O.PS_DASH: (18, 6), O.PS_DOT: (3, 3), O.PS_DASHDOT: (9, 6, 3, 6), O.PS_DASHDOTDOT: (9, 3, 3, 3, 3, 3)}


def brush_color(dc, brush) -> int:
    return dc.dc_brush_color if brush.dc_brush else brush.color


def pen_color(dc, pen) -> int:
    return dc.dc_pen_color if pen.dc_pen else pen.color


def rop2_apply(view, pixel, rop2, mask=None):
    """Write pen/brush `pixel` into the uint32 `view` (where mask) with a binary raster op."""
    if rop2 == 13:
        if mask is None:
            view[...] = pixel
        else:
            view[mask] = pixel
        return
    d = view if mask is None else view[mask]
    p = np.uint32(pixel)
    n = rop2 - 1
    res = np.zeros_like(d)
    for i in range(4):
        if n >> i & 1:
            res |= (p if i & 2 else ~p) & (d if i & 1 else ~d)
    res &= np.uint32(0xFFFFFF)
    if mask is None:
        view[...] = res
    else:
        view[mask] = res


def brush_pixels(dc, brush, x0, y0, w, h):
    """(values, mask) for a brush over surface rectangle at x0, y0: values a uint32 array or a scalar;
    mask None (all) or where the brush paints (hatch lines under TRANSPARENT)."""
    if brush.style == O.BS_SOLID:
        return colorref_to_pixel(brush_color(dc, brush)), None
    bx, by = dc.brush_org
    yy = (np.arange(y0, y0 + h) - by - dc.base_org[1]) % 8
    xx = (np.arange(x0, x0 + w) - bx - dc.base_org[0]) % 8
    if brush.style == O.BS_HATCHED:
        hm = _HATCH_MASKS[brush.hatch][np.ix_(yy, xx)]
        fg = np.uint32(colorref_to_pixel(brush.color))
        if dc.bk_mode == OPAQUE:
            vals = np.where(hm, fg, np.uint32(colorref_to_pixel(dc.bk_color))).astype(np.uint32)
            return vals, None
        return np.full((h, w), fg, np.uint32), hm
    if brush.style == O.BS_PATTERN:
        pat = brush.pattern.surface.u32
        ph, pw = pat.shape
        yy = (np.arange(y0, y0 + h) - by - dc.base_org[1]) % ph
        xx = (np.arange(x0, x0 + w) - bx - dc.base_org[0]) % pw
        vals = pat[np.ix_(yy, xx)]
        if brush.pattern.bpp == 1:
            vals = np.where(vals & 0xFFFFFF, np.uint32(colorref_to_pixel(dc.bk_color)),
                            np.uint32(colorref_to_pixel(dc.text_color))).astype(np.uint32)
        return vals, None
    return None, None


def fill_surface_rect(dc, l, t, r, b, brush, mask=None, mask_org=None):
    """Paint brush over surface rect [l, r) x [t, b) (clipped); an optional bool mask positioned at
    mask_org limits it to a shape."""
    if brush is None or brush.style == O.BS_NULL or l >= r or t >= b:
        return
    if brush.style == O.BS_SOLID and mask is None and dc.rop2 == 13:
        dc.fill_rect(l, t, r, b, colorref_to_pixel(brush_color(dc, brush)))
        return

    def op(view, x0, y0):
        h, w = view.shape
        vals, bm = brush_pixels(dc, brush, x0, y0, w, h)
        if vals is None:
            return
        m = bm
        if mask is not None:
            mx, my = mask_org
            sub = mask[y0 - my:y0 - my + h, x0 - mx:x0 - mx + w]
            m = sub if m is None else (m & sub)
        if dc.rop2 == 13 or not np.isscalar(vals):
            if m is None:
                view[...] = vals
            elif np.isscalar(vals):
                view[m] = vals
            else:
                view[m] = vals[m]
        else:
            rop2_apply(view, vals, dc.rop2, m)
    dc.apply_array(l, t, r, b, op)


def fill_rect_brush(dc, l, t, r, b, brush):
    """FillRect in logical coordinates (right and bottom excluded)."""
    if l > r:
        l, r = r, l
    if t > b:
        t, b = b, t
    dx, dy = dc.dx, dc.dy
    fill_surface_rect(dc, l + dx, t + dy, r + dx, b + dy, brush)


def _apply_mask(dc, mask, ox, oy, pixel):
    """Paint `pixel` where the bool mask (at surface ox, oy) is set, under clip and ROP2."""
    h, w = mask.shape

    def op(view, x0, y0):
        vh, vw = view.shape
        m = mask[y0 - oy:y0 - oy + vh, x0 - ox:x0 - ox + vw]
        rop2_apply(view, pixel, dc.rop2, m)
    dc.apply_array(ox, oy, ox + w, oy + h, op)


def line_points(x0, y0, x1, y1):
    """The pixels of a GDI line from (x0, y0) up to but not including (x1, y1)."""
    dx, dy = x1 - x0, y1 - y0
    n = max(abs(dx), abs(dy))
    if n == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    t = np.arange(n)
    # round half away from the start, as Bresenham does
    xs = x0 + np.floor(t * dx / n + 0.5).astype(np.int64) if dx >= 0 else x0 - np.floor(t * -dx / n + 0.5).astype(np.int64)
    ys = y0 + np.floor(t * dy / n + 0.5).astype(np.int64) if dy >= 0 else y0 - np.floor(t * -dy / n + 0.5).astype(np.int64)
    return xs, ys


def draw_line(dc, x0, y0, x1, y1, dash_pos=0):
    """One pen segment in logical coordinates; returns the dash position for the next segment."""
    pen = dc.pen
    if pen.style == O.PS_NULL:
        return dash_pos
    dx, dy = dc.dx, dc.dy
    x0, y0, x1, y1 = x0 + dx, y0 + dy, x1 + dx, y1 + dy
    pixel = colorref_to_pixel(pen_color(dc, pen))
    width = pen.width
    if width > 1:
        l, t = min(x0, x1) - width, min(y0, y1) - width
        r, b = max(x0, x1) + width + 1, max(y0, y1) + width + 1
        img = Image.new("1", (r - l, b - t), 0)
        d = ImageDraw.Draw(img)
        d.line((x0 - l, y0 - t, x1 - l, y1 - t), fill=1, width=width)
        _apply_mask(dc, np.array(img, bool), l, t, pixel)
        return dash_pos
    xs, ys = line_points(x0, y0, x1, y1)
    if not len(xs):
        return dash_pos
    dashes = DASHES.get(pen.style)
    on = None
    if dashes is not None:
        period = sum(dashes)
        pos = (np.arange(len(xs)) + dash_pos) % period
        on = np.zeros(len(xs), bool)
        acc = 0
        for i, seg in enumerate(dashes):
            if i % 2 == 0:
                on |= (pos >= acc) & (pos < acc + seg)
            acc += seg
        dash_pos += len(xs)
    s = dc.surface
    rects = dc.clip_rects()
    keep = np.zeros(len(xs), bool)
    for l, t, r, b in rects:
        keep |= (xs >= l) & (xs < r) & (ys >= t) & (ys < b)
    if on is not None:
        if dc.bk_mode == OPAQUE:
            gap = keep & ~on
            s.u32[ys[gap], xs[gap]] = colorref_to_pixel(dc.bk_color)
        keep &= on
    if dc.rop2 == 13:
        s.u32[ys[keep], xs[keep]] = pixel
    else:
        sel = s.u32[ys[keep], xs[keep]]
        rop2_apply(sel, pixel, dc.rop2)
        s.u32[ys[keep], xs[keep]] = sel
    dc.touched()
    return dash_pos


def _pts(ptr, count):
    mem = proc().mem
    data = mem.read(ptr, 8 * count)
    v = struct.unpack(f"<{2 * count}i", data)
    return list(zip(v[0::2], v[1::2]))


@dll.stdcall
def MoveToEx(hdc: HANDLE, x: INT, y: INT, pt: PTR) -> BOOL:
    return point_attr(hdc, "pos", pt, lambda old: (x, y))


@dll.stdcall
def LineTo(hdc: HANDLE, x: INT, y: INT) -> BOOL:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    draw_line(dc, dc.pos[0], dc.pos[1], x, y)
    dc.pos = (x, y)
    return 1


@dll.stdcall
def Polyline(hdc: HANDLE, pts: PTR, count: INT) -> BOOL:
    dc = get_dc(hdc)
    if dc is None or count < 2:
        return 0
    p = _pts(pts, count)
    dash = 0
    for a, b in zip(p, p[1:]):
        dash = draw_line(dc, a[0], a[1], b[0], b[1], dash)
    return 1


@dll.stdcall
def PolylineTo(hdc: HANDLE, pts: PTR, count: DWORD) -> BOOL:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    p = [dc.pos] + _pts(pts, count)
    for a, b in zip(p, p[1:]):
        draw_line(dc, a[0], a[1], b[0], b[1])
    dc.pos = p[-1]
    return 1


def _shape(dc, l, t, r, b, fill_fn, outline_fn):
    """Fill then outline a shape whose bounding box is logical [l, r) x [t, b)."""
    if l > r:
        l, r = r, l
    if t > b:
        t, b = b, t
    pen = dc.pen
    dx, dy = dc.dx, dc.dy
    pw = max(pen.width, 1) if pen.style != O.PS_NULL else 0
    inside = pen.style == O.PS_INSIDEFRAME
    if pen.style == O.PS_NULL:
        r, b = r - 1, b - 1        # with no pen the shape is one pixel smaller, as on Windows
    grow = 0 if (pw <= 1 or inside) else pw // 2
    ox, oy = l + dx - grow, t + dy - grow
    w, h = r - l + 2 * grow, b - t + 2 * grow
    if w <= 0 or h <= 0:
        return
    box = (grow, grow, grow + r - l - 1, grow + b - t - 1)
    fmask = None
    if dc.brush.style != O.BS_NULL and w > 0 and h > 0:
        img = Image.new("1", (w, h), 0)
        fill_fn(ImageDraw.Draw(img), box)
        fmask = np.array(img, bool)
    omask = None
    if pw:
        img = Image.new("1", (w, h), 0)
        obox = box if (pw <= 1 or inside) else (box[0] - grow, box[1] - grow, box[2] + grow, box[3] + grow)
        outline_fn(ImageDraw.Draw(img), obox, pw)
        omask = np.array(img, bool)
    if fmask is not None:
        if omask is not None:
            fmask &= ~omask
        fill_surface_rect(dc, ox, oy, ox + w, oy + h, dc.brush, fmask, (ox, oy))
    if omask is not None:
        _apply_mask(dc, omask, ox, oy, colorref_to_pixel(pen_color(dc, pen)))


@dll.stdcall
def Rectangle(hdc: HANDLE, l: INT, t: INT, r: INT, b: INT) -> BOOL:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    _shape(dc, l, t, r, b, lambda d, bx: d.rectangle(bx, fill=1),
           lambda d, bx, w: d.rectangle(bx, outline=1, width=w))
    return 1


@dll.stdcall
def RoundRect(hdc: HANDLE, l: INT, t: INT, r: INT, b: INT, ew: INT, eh: INT) -> BOOL:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    rad = max(min(abs(ew), abs(eh)) // 2, 0)
    _shape(dc, l, t, r, b, lambda d, bx: d.rounded_rectangle(bx, rad, fill=1),
           lambda d, bx, w: d.rounded_rectangle(bx, rad, outline=1, width=w))
    return 1


@dll.stdcall
def Ellipse(hdc: HANDLE, l: INT, t: INT, r: INT, b: INT) -> BOOL:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    _shape(dc, l, t, r, b, lambda d, bx: d.ellipse(bx, fill=1),
           lambda d, bx, w: d.ellipse(bx, outline=1, width=w))
    return 1


def _angles(l, t, r, b, xs, ys, xe, ye):
    cx, cy = (l + r) / 2, (t + b) / 2
    a_start = math.degrees(math.atan2(ys - cy, xs - cx))
    a_end = math.degrees(math.atan2(ye - cy, xe - cx))
    # GDI goes counter-clockwise on screen from start to end; Pillow goes clockwise
    return a_end, a_start


def _arc_like(hdc, l, t, r, b, xs, ys, xe, ye, kind):
    dc = get_dc(hdc)
    if dc is None:
        return 0
    a0, a1 = _angles(l, t, r, b, xs, ys, xe, ye)
    if kind == "arc":
        brush = dc.brush
        dc.brush = O.stock(O.NULL_BRUSH)
        try:
            _shape(dc, l, t, r, b, lambda d, bx: None, lambda d, bx, w: d.arc(bx, a0, a1, fill=1, width=w))
        finally:
            dc.brush = brush
    elif kind == "pie":
        _shape(dc, l, t, r, b, lambda d, bx: d.pieslice(bx, a0, a1, fill=1),
               lambda d, bx, w: d.pieslice(bx, a0, a1, outline=1, width=w))
    else:
        _shape(dc, l, t, r, b, lambda d, bx: d.chord(bx, a0, a1, fill=1),
               lambda d, bx, w: d.chord(bx, a0, a1, outline=1, width=w))
    return 1


@dll.stdcall
def Arc(hdc: HANDLE, l: INT, t: INT, r: INT, b: INT, xs: INT, ys: INT, xe: INT, ye: INT) -> BOOL:
    return _arc_like(hdc, l, t, r, b, xs, ys, xe, ye, "arc")


@dll.stdcall
def Pie(hdc: HANDLE, l: INT, t: INT, r: INT, b: INT, xs: INT, ys: INT, xe: INT, ye: INT) -> BOOL:
    return _arc_like(hdc, l, t, r, b, xs, ys, xe, ye, "pie")


@dll.stdcall
def Chord(hdc: HANDLE, l: INT, t: INT, r: INT, b: INT, xs: INT, ys: INT, xe: INT, ye: INT) -> BOOL:
    return _arc_like(hdc, l, t, r, b, xs, ys, xe, ye, "chord")


@dll.stdcall
def Polygon(hdc: HANDLE, pts: PTR, count: INT) -> BOOL:
    dc = get_dc(hdc)
    if dc is None or count < 2:
        return 0
    p = _pts(pts, count)
    dx, dy = dc.dx, dc.dy
    if dc.brush.style != O.BS_NULL and count >= 3:
        l, t = min(x for x, _ in p), min(y for _, y in p)
        r, b = max(x for x, _ in p) + 1, max(y for _, y in p) + 1
        img = Image.new("1", (r - l, b - t), 0)
        ImageDraw.Draw(img).polygon([(x - l, y - t) for x, y in p], fill=1)
        mask = np.array(img, bool)
        fill_surface_rect(dc, l + dx, t + dy, r + dx, b + dy, dc.brush, mask, (l + dx, t + dy))
    dash = 0
    for a, b2 in zip(p, p[1:] + p[:1]):
        dash = draw_line(dc, a[0], a[1], b2[0], b2[1], dash)
    return 1


@dll.stdcall
def PolyPolygon(hdc: HANDLE, pts: PTR, counts: PTR, n: INT) -> BOOL:
    mem = proc().mem
    off = pts
    for i in range(n):
        c = mem.i32(counts + 4 * i)
        Polygon(hdc, off, c)
        off += 8 * c
    return 1


@dll.stdcall
def SetPixel(hdc: HANDLE, x: INT, y: INT, color: DWORD) -> DWORD:
    dc = get_dc(hdc)
    if dc is None:
        return CLR_INVALID
    sx, sy = x + dc.dx, y + dc.dy
    if not dc.pixel_in_clip(sx, sy):
        return CLR_INVALID
    color &= 0xFFFFFF
    if dc.mono:
        color = 0xFFFFFF if color == 0xFFFFFF else 0     # monochrome
    dc.surface.u32[sy, sx] = colorref_to_pixel(color)
    dc.touched()
    return color


@dll.stdcall
def SetPixelV(hdc: HANDLE, x: INT, y: INT, color: DWORD) -> BOOL:
    return int(SetPixel(hdc, x, y, color) != CLR_INVALID)


@dll.stdcall
def GetPixel(hdc: HANDLE, x: INT, y: INT) -> DWORD:
    dc = get_dc(hdc)
    if dc is None:
        return CLR_INVALID
    sx, sy = x + dc.dx, y + dc.dy
    if not dc.pixel_in_clip(sx, sy):
        return CLR_INVALID
    return pixel_to_colorref(int(dc.surface.u32[sy, sx]))


@dll.stdcall
def FillRgn(hdc: HANDLE, hrgn: HANDLE, hbr: HANDLE) -> BOOL:
    dc, rg, br = get_dc(hdc), O.get(hrgn, O.OBJ_REGION), O.get(hbr, O.OBJ_BRUSH)
    if dc is None or rg is None or br is None:
        return 0
    for l, t, r, b in rg.rects:
        fill_rect_brush(dc, l, t, r, b, br)
    return 1


@dll.stdcall
def PaintRgn(hdc: HANDLE, hrgn: HANDLE) -> BOOL:
    dc = get_dc(hdc)
    return FillRgn(hdc, hrgn, dc.brush.handle) if dc is not None else 0
