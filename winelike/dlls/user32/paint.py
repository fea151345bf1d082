"""Painting: window DCs (GetDC/GetWindowDC/GetDCEx/ReleaseDC), BeginPaint/EndPaint, update regions
(InvalidateRect/ValidateRect/GetUpdateRect/RedrawWindow/UpdateWindow), and composing the
top-level windows' surfaces into the display's desktop.

Each top-level window owns a Surface the size of its window rect; its children draw into it
at their offset, clipped to their client area and their ancestors'.  The update region of a
window is kept as its bounding rectangle (client coordinates).
"""
from __future__ import annotations

import contextlib
import struct

from winelike.abi.types import BOOL, DWORD, HANDLE, HWND, INT, PTR, UINT
from winelike.dlls.winapi import proc, set_last_error
from . import dll
from .state import state, get_win, send, queue, lazy, lazy_func
GO = lazy("winelike.dlls.gdi32.objects")
DC = lazy_func("winelike.dlls.gdi32.dc", "DC")
get_dc = lazy_func("winelike.dlls.gdi32.dc", "get_dc")

WM_PAINT, WM_ERASEBKGND, WM_NCPAINT = 0xF, 0x14, 0x85
CS_OWNDC, CS_CLASSDC, CS_PARENTDC = 0x20, 0x40, 0x80


def _intersect(a, b):
    l, t, r, b2 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return (l, t, max(l, r), max(t, b2))


def _union(a, b):
    if a is None:
        return b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def mark_dirty():
    state().dirty = True


def make_dc(win, client=True, clip_client_rect=None):
    """A DC drawing into `win` (its client area, or the whole window with client=False)."""
    from .win import desktop_window
    if win is None or win is desktop_window():
        from winelike.gui import display
        d = display.get()
        dc = DC(d.desktop)
        dc.owner = None
        return GO.add(dc), dc
    top = win.top()
    if top.surface is None:
        from .win import _ensure_surface
        _ensure_surface(top)
    sx, sy = win.surface_origin()
    l, t, r, b = win.rect
    if client:
        org = (sx + win.client[0], sy + win.client[1])
        cw, chh = win.client_size()
        vis = (org[0], org[1], org[0] + cw, org[1] + chh)
    else:
        org = (sx, sy)
        vis = (sx, sy, sx + r - l, sy + b - t)
    # clip by the ancestors' client areas
    w = win.parent
    while w is not None:
        ax, ay = w.surface_origin()
        cl = (ax + w.client[0], ay + w.client[1], ax + w.client[2], ay + w.client[3])
        vis = _intersect(vis, cl)
        w = w.parent
    if clip_client_rect is not None and client:
        cr = clip_client_rect
        vis = _intersect(vis, (org[0] + cr[0], org[1] + cr[1], org[0] + cr[2], org[1] + cr[3]))
    dc = DC(top.surface, vis=vis)
    dc.base_org = org
    dc.owner = win
    dc.on_draw = mark_dirty
    if win.cls.builtin or True:
        pass
    return GO.add(dc), dc


def release_dc(hdc):
    dc = get_dc(hdc)
    if dc is None or dc.memory:
        return 0
    GO.state().objects.pop(dc.handle, None)
    return 1


@dll.stdcall
def GetDC(hwnd: HWND) -> HANDLE:
    if not hwnd:
        return make_dc(None)[0]
    win = get_win(hwnd)
    if win is None:
        set_last_error(1400)
        return 0
    if win.cls.style & CS_OWNDC:
        dc = get_dc(win.own_dc) if win.own_dc else None
        if dc is None:
            h, dc = make_dc(win)
            win.own_dc = h
            dc.own = True
        else:
            # refresh geometry (the window may have moved or the surface changed)
            _, fresh = make_dc(win)
            GO.state().objects.pop(fresh.handle, None)
            dc.surface, dc.vis, dc.base_org = fresh.surface, fresh.vis, fresh.base_org
        return win.own_dc
    return make_dc(win)[0]


@dll.stdcall
def GetWindowDC(hwnd: HWND) -> HANDLE:
    if not hwnd:
        return make_dc(None)[0]
    win = get_win(hwnd)
    if win is None:
        set_last_error(1400)
        return 0
    return make_dc(win, client=False)[0]


@dll.stdcall
def GetDCEx(hwnd: HWND, rgn: HANDLE, flags: DWORD) -> HANDLE:
    if not hwnd:
        return make_dc(None)[0]
    win = get_win(hwnd)
    if win is None:
        return 0
    return make_dc(win, client=not (flags & 1))[0]      # DCX_WINDOW


@dll.stdcall
def ReleaseDC(hwnd: HWND, hdc: HANDLE) -> INT:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    if getattr(dc, "own", False):
        return 1
    return release_dc(hdc)


@dll.stdcall
def WindowFromDC(hdc: HANDLE) -> HWND:
    dc = get_dc(hdc)
    if dc is None or dc.owner is None:
        from .win import desktop_window
        return desktop_window().hwnd if dc is not None and not dc.memory else 0
    return dc.owner.hwnd


# ---- update regions ----------------------------------------------------------------------

def invalidate(win, rect, erase, children=True):
    cw, chh = win.client_size()
    rc = (0, 0, cw, chh) if rect is None else _intersect(rect, (0, 0, cw, chh))
    if rc[0] < rc[2] and rc[1] < rc[3]:
        win.update = _union(win.update, rc)
        win.erase = win.erase or bool(erase)
        mark_dirty()
        queue(win.tid).wake()
    if children:
        for c in win.children:
            if not c.visible:
                continue
            l, t, r, b = c.rect
            inter = _intersect(rc, (l, t, r, b))
            if inter[0] < inter[2] and inter[1] < inter[3]:
                ox, oy = l + c.client[0], t + c.client[1]
                invalidate(c, (inter[0] - ox, inter[1] - oy, inter[2] - ox, inter[3] - oy), erase)


def _rect_arg(ptr):
    if not ptr:
        return None
    return struct.unpack("<4i", proc().mem.read(ptr, 16))


@dll.stdcall
def InvalidateRect(hwnd: HWND, rc: PTR, erase: BOOL) -> BOOL:
    st = state()
    if not hwnd:
        for w in list(st.toplevel):
            invalidate(w, None, erase)
            w.ncpaint = True
        return 1
    win = get_win(hwnd)
    if win is None:
        set_last_error(1400)
        return 0
    invalidate(win, _rect_arg(rc), erase)
    return 1


@dll.stdcall
def InvalidateRgn(hwnd: HWND, rgn: HANDLE, erase: BOOL) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        return 0
    r = GO.get(rgn, GO.OBJ_REGION) if rgn else None
    invalidate(win, r.box() if r is not None else None, erase)
    return 1


def validate(win, rect):
    if win.update is None:
        return
    if rect is None:
        win.update = None
        win.erase = False
        return
    u = win.update
    if rect[0] <= u[0] and rect[1] <= u[1] and rect[2] >= u[2] and rect[3] >= u[3]:
        win.update = None
        win.erase = False


@dll.stdcall
def ValidateRect(hwnd: HWND, rc: PTR) -> BOOL:
    if not hwnd:
        for w in list(state().toplevel):
            validate(w, None)
        return 1
    win = get_win(hwnd)
    if win is None:
        set_last_error(1400)
        return 0
    validate(win, _rect_arg(rc))
    return 1


@dll.stdcall
def ValidateRgn(hwnd: HWND, rgn: HANDLE) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        return 0
    r = GO.get(rgn, GO.OBJ_REGION) if rgn else None
    validate(win, r.box() if r is not None else None)
    return 1


def erase_if_needed(win):
    if win.ncpaint:
        nc_paint(win)
    if win.erase and win.update is not None:
        win.erase = False
        h, dc = make_dc(win, clip_client_rect=win.update)
        try:
            send(win, WM_ERASEBKGND, h, 0)
        finally:
            release_dc(h)


@dll.stdcall
def GetUpdateRect(hwnd: HWND, rc: PTR, erase: BOOL) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(1400)
        return 0
    u = win.update
    if rc:
        proc().mem.write(rc, struct.pack("<4i", *(u if u is not None else (0, 0, 0, 0))))
    if u is not None and erase:
        erase_if_needed(win)
    return int(u is not None)


@dll.stdcall
def GetUpdateRgn(hwnd: HWND, rgn: HANDLE, erase: BOOL) -> INT:
    win = get_win(hwnd)
    r = GO.get(rgn, GO.OBJ_REGION)
    if win is None or r is None:
        return 0
    u = win.update
    r.rects = [u] if u is not None else []
    if u is not None and erase:
        erase_if_needed(win)
    return r.type()


def nc_paint(win):
    win.ncpaint = False
    if win.destroyed:
        return
    send(win, WM_NCPAINT, 1, 0)
    mark_dirty()


def paint_now(win, children=True):
    if win.destroyed or not win.visible:
        return
    if win.ncpaint and win.update is None:
        nc_paint(win)
    if win.update is not None:
        send(win, WM_PAINT, 0, 0)
        if not win.destroyed and win.update is not None:
            erase_if_needed(win)
    if children:
        for c in list(win.children):
            paint_now(c)


@dll.stdcall
def UpdateWindow(hwnd: HWND) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(1400)
        return 0
    paint_now(win)
    return 1


RDW_INVALIDATE, RDW_INTERNALPAINT, RDW_ERASE, RDW_VALIDATE, RDW_NOINTERNALPAINT, RDW_NOERASE = 1, 2, 4, 8, 0x10, 0x20
RDW_NOCHILDREN, RDW_ALLCHILDREN, RDW_UPDATENOW, RDW_ERASENOW, RDW_FRAME, RDW_NOFRAME = 0x40, 0x80, 0x100, 0x200, 0x400, 0x800


@dll.stdcall
def RedrawWindow(hwnd: HWND, rc: PTR, rgn: HANDLE, flags: UINT) -> BOOL:
    from .win import desktop_window
    win = get_win(hwnd) if hwnd else None
    targets = [win] if win is not None and win is not desktop_window() else list(state().toplevel)
    rect = _rect_arg(rc)
    if rect is None and rgn:
        r = GO.get(rgn, GO.OBJ_REGION)
        rect = r.box() if r is not None else None
    for w in targets:
        if flags & RDW_INVALIDATE:
            invalidate(w, rect, flags & RDW_ERASE, children=not flags & RDW_NOCHILDREN)
            if flags & RDW_FRAME:
                w.ncpaint = True
        if flags & RDW_VALIDATE:
            validate(w, rect)
        if flags & RDW_UPDATENOW:
            paint_now(w, children=not flags & RDW_NOCHILDREN)
        elif flags & RDW_ERASENOW:
            erase_if_needed(w)
    return 1


def _ps_layout():
    return (64, 4) if proc().bits == 32 else (72, 8)


@dll.stdcall
def BeginPaint(hwnd: HWND, ps: PTR) -> HANDLE:
    win = get_win(hwnd)
    if win is None:
        set_last_error(1400)
        return 0
    if win.ncpaint:
        nc_paint(win)
    u = win.update
    win.update = None
    cw, chh = win.client_size()
    rc = u if u is not None else (0, 0, 0, 0)
    h, dc = make_dc(win, clip_client_rect=rc)
    erase = win.erase
    win.erase = False
    f_erase = 0
    if erase:
        f_erase = 0 if send(win, WM_ERASEBKGND, h, 0) else 1
    size, ps_ptr = _ps_layout()
    mem = proc().mem
    data = struct.pack("<I" if ps_ptr == 4 else "<Q", h) + struct.pack("<i4iii", f_erase, *rc, 0, 0)
    mem.write(ps, data.ljust(size, b"\0"))
    return h


@dll.stdcall
def EndPaint(hwnd: HWND, ps: PTR) -> BOOL:
    mem = proc().mem
    h = mem.ptr(ps)
    release_dc(h)
    mark_dirty()
    return 1


@contextlib.contextmanager
def painting(hwnd):
    """BeginPaint/EndPaint around winelike's own WM_PAINT handling, with the PAINTSTRUCT on the
    process heap: `with painting(hwnd) as hdc: ...`."""
    p = proc()
    ps = p.heap_alloc(80, zero=True)
    try:
        hdc = BeginPaint(hwnd, ps)
        try:
            yield hdc
        finally:
            EndPaint(hwnd, ps)
    finally:
        p.process_heap.free_block(ps)


# ---- composition -------------------------------------------------------------------------

def compose(desktop):
    """Draw every visible top-level window into the desktop surface (bottom of the z-order first)."""
    from winelike.gui.display import DESKTOP_COLOR
    st = state()
    u = desktop.u32
    u[...] = DESKTOP_COLOR
    H, W = u.shape
    for w in reversed(st.toplevel):
        if w.destroyed or not w.visible or w.surface is None or getattr(w, "message_only", False):
            continue
        x, y = w.rect[0], w.rect[1]
        s = w.surface.u32
        sh, sw = s.shape
        x0, y0 = max(x, 0), max(y, 0)
        x1, y1 = min(x + sw, W), min(y + sh, H)
        if x0 < x1 and y0 < y1:
            u[y0:y1, x0:x1] = s[y0 - y:y1 - y, x0 - x:x1 - x]
    desktop.dirty = True


def present_if_dirty():
    st = state()
    if not getattr(st, "dirty", False):
        return
    from winelike.gui import display
    d = display.get()
    if d.headless:
        return
    st.dirty = False
    d.present()
