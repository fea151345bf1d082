"""Rectangles (SetRect, IntersectRect, ...) and user32's drawing helpers over gdi32: FillRect,
FrameRect, InvertRect, DrawFocusRect, DrawEdge, DrawText(Ex)."""
from __future__ import annotations

import struct

from winelike.abi.types import BOOL, DWORD, HANDLE, INT, PTR, UINT, ULONGLONG
from winelike.dlls.winapi import proc
from . import dll
from .state import lazy, lazy_func
GO = lazy("winelike.dlls.gdi32.objects")
get_dc = lazy_func("winelike.dlls.gdi32.dc", "get_dc")
fill_rect_brush = lazy_func("winelike.dlls.gdi32.draw", "fill_rect_brush")
draw_text = lazy_func("winelike.dlls.gdi32.text", "draw_text")
colorref_to_pixel = lazy_func("winelike.gui.surface", "colorref_to_pixel")
DT_CALCRECT = 0x400


def rd(ptr):
    return struct.unpack("<4i", proc().mem.read(ptr, 16))


def wr(ptr, rc):
    proc().mem.write(ptr, struct.pack("<4i", *rc))


@dll.stdcall
def SetRect(rc: PTR, l: INT, t: INT, r: INT, b: INT) -> BOOL:
    if not rc:
        return 0
    wr(rc, (l, t, r, b))
    return 1


@dll.stdcall
def SetRectEmpty(rc: PTR) -> BOOL:
    if not rc:
        return 0
    wr(rc, (0, 0, 0, 0))
    return 1


@dll.stdcall
def CopyRect(dst: PTR, src: PTR) -> BOOL:
    if not dst or not src:
        return 0
    wr(dst, rd(src))
    return 1


@dll.stdcall
def IsRectEmpty(rc: PTR) -> BOOL:
    if not rc:
        return 1
    l, t, r, b = rd(rc)
    return int(r <= l or b <= t)


@dll.stdcall
def EqualRect(a: PTR, b: PTR) -> BOOL:
    if not a or not b:
        return 0
    return int(rd(a) == rd(b))


@dll.stdcall
def InflateRect(rc: PTR, dx: INT, dy: INT) -> BOOL:
    if not rc:
        return 0
    l, t, r, b = rd(rc)
    wr(rc, (l - dx, t - dy, r + dx, b + dy))
    return 1


@dll.stdcall
def OffsetRect(rc: PTR, dx: INT, dy: INT) -> BOOL:
    if not rc:
        return 0
    l, t, r, b = rd(rc)
    wr(rc, (l + dx, t + dy, r + dx, b + dy))
    return 1


@dll.stdcall
def IntersectRect(dst: PTR, a: PTR, b: PTR) -> BOOL:
    if not dst or not a or not b:
        return 0
    x, y = rd(a), rd(b)
    l, t, r, bb = max(x[0], y[0]), max(x[1], y[1]), min(x[2], y[2]), min(x[3], y[3])
    if l >= r or t >= bb:
        wr(dst, (0, 0, 0, 0))
        return 0
    wr(dst, (l, t, r, bb))
    return 1


@dll.stdcall
def UnionRect(dst: PTR, a: PTR, b: PTR) -> BOOL:
    if not dst or not a or not b:
        return 0
    x, y = rd(a), rd(b)
    ex = x[0] >= x[2] or x[1] >= x[3]
    ey = y[0] >= y[2] or y[1] >= y[3]
    if ex and ey:
        wr(dst, (0, 0, 0, 0))
        return 0
    if ex:
        wr(dst, y)
    elif ey:
        wr(dst, x)
    else:
        wr(dst, (min(x[0], y[0]), min(x[1], y[1]), max(x[2], y[2]), max(x[3], y[3])))
    return 1


@dll.stdcall
def SubtractRect(dst: PTR, a: PTR, b: PTR) -> BOOL:
    x, y = rd(a), rd(b)
    l, t, r, bb = x
    if y[1] <= t and y[3] >= bb:
        if y[0] <= l < y[2]:
            l = min(y[2], r)
        elif y[0] < r <= y[2]:
            r = max(y[0], l)
    if y[0] <= l and y[2] >= r:
        if y[1] <= t < y[3]:
            t = min(y[3], bb)
        elif y[1] < bb <= y[3]:
            bb = max(y[1], t)
    res = (l, t, r, bb)
    if l >= r or t >= bb:
        wr(dst, (0, 0, 0, 0))
        return 0
    wr(dst, res)
    return 1


@dll.stdcall
def PtInRect(rc: PTR, pt: ULONGLONG) -> BOOL:
    if not rc:
        return 0
    x = pt & 0xFFFFFFFF
    y = (pt >> 32) & 0xFFFFFFFF
    x = x - (1 << 32) if x >> 31 else x
    y = y - (1 << 32) if y >> 31 else y
    l, t, r, b = rd(rc)
    return int(l <= x < r and t <= y < b)


def _brush(h):
    if 0 < h <= 31:
        from .sysparams import sys_color_brush
        h = sys_color_brush(h - 1)
    return GO.get(h, GO.OBJ_BRUSH)


_unpack4 = struct.Struct("<4i").unpack


@dll.stdcall
def FillRect(hdc: HANDLE, rc: PTR, hbr: HANDLE) -> INT:
    objects = GO.state().objects
    dc = objects.get(hdc & 0xFFFFFFFF)
    br = objects.get(hbr & 0xFFFFFFFF) if hbr > 31 else _brush(hbr)
    if dc is None or br is None or not rc or dc.kind not in (3, 10) or br.kind != 2:
        return 0
    l, t, r, b = _unpack4(proc().mem.read(rc, 16))
    if dc.sync is not None:
        dc.sync.sync_in()
    if br.style == 0 and dc.rop2 == 13 and not br.dc_brush and l < r and t < b:
        dx, dy = dc.dx, dc.dy           # the common case, straight to the pixels
        dc.fill_rect(l + dx, t + dy, r + dx, b + dy, colorref_to_pixel(br.color))
        return 1
    fill_rect_brush(dc, l, t, r, b, br)
    return 1


@dll.stdcall
def FrameRect(hdc: HANDLE, rc: PTR, hbr: HANDLE) -> INT:
    dc = get_dc(hdc)
    br = _brush(hbr)
    if dc is None or br is None:
        return 0
    l, t, r, b = rd(rc)
    if r <= l or b <= t:
        return 0
    fill_rect_brush(dc, l, t, r, t + 1, br)
    fill_rect_brush(dc, l, b - 1, r, b, br)
    fill_rect_brush(dc, l, t, l + 1, b, br)
    fill_rect_brush(dc, r - 1, t, r, b, br)
    return 1


@dll.stdcall
def InvertRect(hdc: HANDLE, rc: PTR) -> BOOL:
    from winelike.dlls.gdi32.bitmap import blit, DSTINVERT
    dc = get_dc(hdc)
    if dc is None:
        return 0
    l, t, r, b = rd(rc)
    blit(dc, l, t, r - l, b - t, None, DSTINVERT)
    return 1


@dll.stdcall
def DrawFocusRect(hdc: HANDLE, rc: PTR) -> BOOL:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    l, t, r, b = rd(rc)
    s = dc.surface.u32
    dx, dy = dc.dx, dc.dy
    for x in range(l, r, 2):
        for y in (t, b - 1):
            sx, sy = x + dx, y + dy
            if dc.pixel_in_clip(sx, sy):
                s[sy, sx] ^= 0xFFFFFF
    for y in range(t + 2 if (t % 2) == 0 else t + 1, b - 1, 2):
        for x in (l, r - 1):
            sx, sy = x + dx, y + dy
            if dc.pixel_in_clip(sx, sy):
                s[sy, sx] ^= 0xFFFFFF
    dc.touched()
    return 1


BDR_RAISEDOUTER, BDR_SUNKENOUTER, BDR_RAISEDINNER, BDR_SUNKENINNER = 1, 2, 4, 8
BF_LEFT, BF_TOP, BF_RIGHT, BF_BOTTOM, BF_MIDDLE, BF_ADJUST = 1, 2, 4, 8, 0x800, 0x2000


@dll.stdcall
def DrawEdge(hdc: HANDLE, rc: PTR, edge: UINT, flags: UINT) -> BOOL:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    l, t, r, b = rd(rc)
    light, hilight, shadow, dark, face = 0xDFDFDF, 0xFFFFFF, 0x808080, 0x404040, 0xC8D0D4

    def line(x0, y0, x1, y1, c):
        dc.fill_rect(x0 + dc.dx, y0 + dc.dy, x1 + dc.dx, y1 + dc.dy, colorref_to_pixel(c))
    for k, (ro, so) in enumerate(((BDR_RAISEDOUTER, BDR_SUNKENOUTER), (BDR_RAISEDINNER, BDR_SUNKENINNER))):
        if edge & ro:
            tl, br = (light, dark) if k == 0 else (hilight, shadow)
        elif edge & so:
            tl, br = (shadow, hilight) if k == 0 else (dark, light)
        else:
            continue
        if flags & BF_TOP:
            line(l, t, r, t + 1, tl)
        if flags & BF_LEFT:
            line(l, t, l + 1, b, tl)
        if flags & BF_BOTTOM:
            line(l, b - 1, r, b, br)
        if flags & BF_RIGHT:
            line(r - 1, t, r, b, br)
        l, t, r, b = l + 1, t + 1, r - 1, b - 1
    if flags & BF_MIDDLE:
        line(l, t, r, b, face)
    if flags & BF_ADJUST:
        wr(rc, (l, t, r, b))
    return 1


def _draw_text(hdc, text, rc, fmt):
    dc = get_dc(hdc)
    if dc is None or not rc:
        return 0
    rect = rd(rc)
    h, new = draw_text(dc, text, rect, fmt)
    if fmt & DT_CALCRECT and new is not None:
        wr(rc, new)
    return h


@dll.stdcall
def DrawTextW(hdc: HANDLE, s: PTR, n: INT, rc: PTR, fmt: UINT) -> INT:
    mem = proc().mem
    text = mem.wstr(s) if n < 0 else mem.read(s, 2 * n).decode("utf-16-le", "replace")
    return _draw_text(hdc, text, rc, fmt)


@dll.stdcall
def DrawTextA(hdc: HANDLE, s: PTR, n: INT, rc: PTR, fmt: UINT) -> INT:
    p = proc()
    text = (p.mem.cstr(s) if n < 0 else p.mem.read(s, n)).decode(p.acp, "replace")
    return _draw_text(hdc, text, rc, fmt)


@dll.stdcall
def DrawTextExW(hdc: HANDLE, s: PTR, n: INT, rc: PTR, fmt: UINT, params: PTR) -> INT:
    return DrawTextW(hdc, s, n, rc, fmt)


@dll.stdcall
def DrawTextExA(hdc: HANDLE, s: PTR, n: INT, rc: PTR, fmt: UINT, params: PTR) -> INT:
    return DrawTextA(hdc, s, n, rc, fmt)
