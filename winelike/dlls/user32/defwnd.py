"""DefWindowProcA/W: the default behaviour of a window, with the non-client area winelike draws
itself (Windows-classic frame, caption with the title, close button), hit-testing, and moving
and sizing with the mouse (the drag itself is driven by input.py, event by event).
"""
from __future__ import annotations

import struct

from winelike.abi.types import HWND, INT_PTR, LPARAM, UINT, WPARAM
from winelike.dlls.winapi import proc
from . import dll
from .state import state, get_win, send, ch, lazy, lazy_func, copy_text
GO = lazy("winelike.dlls.gdi32.objects")
get_dc = lazy_func("winelike.dlls.gdi32.dc", "get_dc")
colorref_to_pixel = lazy_func("winelike.gui.surface", "colorref_to_pixel")

WM_CREATE, WM_DESTROY, WM_MOVE, WM_SIZE, WM_ACTIVATE = 1, 2, 3, 5, 6
WM_SETTEXT, WM_GETTEXT, WM_GETTEXTLENGTH, WM_PAINT, WM_CLOSE, WM_QUERYENDSESSION = 0xC, 0xD, 0xE, 0xF, 0x10, 0x11
WM_ERASEBKGND, WM_SHOWWINDOW, WM_SETCURSOR, WM_MOUSEACTIVATE = 0x14, 0x18, 0x20, 0x21
WM_WINDOWPOSCHANGED, WM_NCCREATE, WM_NCCALCSIZE, WM_NCHITTEST, WM_NCPAINT, WM_NCACTIVATE = 0x47, 0x81, 0x83, 0x84, 0x85, 0x86
WM_NCLBUTTONDOWN, WM_NCLBUTTONUP, WM_SYSKEYDOWN, WM_SYSCOMMAND, WM_MOUSEWHEEL = 0xA1, 0xA2, 0x104, 0x112, 0x20A
WM_CTLCOLORMSGBOX, WM_CTLCOLOREDIT, WM_CTLCOLORLISTBOX, WM_CTLCOLORBTN, WM_CTLCOLORDLG = 0x132, 0x133, 0x134, 0x135, 0x136
WM_CTLCOLORSCROLLBAR, WM_CTLCOLORSTATIC = 0x137, 0x138
WM_GETFONT, WM_SETFONT, WM_QUERYOPEN, WM_GETICON = 0x31, 0x30, 0x13, 0x7F
HTNOWHERE, HTCLIENT, HTCAPTION, HTSYSMENU, HTCLOSE, HTBORDER = 0, 1, 2, 3, 20, 18
HTLEFT, HTRIGHT, HTTOP, HTTOPLEFT, HTTOPRIGHT, HTBOTTOM, HTBOTTOMLEFT, HTBOTTOMRIGHT = range(10, 18)
SC_SIZE, SC_MOVE, SC_CLOSE = 0xF000, 0xF010, 0xF060
WM_GETMINMAXINFO, WM_SIZING, WM_ENTERSIZEMOVE, WM_EXITSIZEMOVE = 0x24, 0x214, 0x231, 0x232
WS_THICKFRAME, WS_MAXIMIZE, WS_MINIMIZE = 0x40000, 0x01000000, 0x20000000
SWP_NOCLIENTSIZE, SWP_NOCLIENTMOVE = 0x800, 0x1000

COLOR_BTNFACE, COLOR_WINDOW, COLOR_WINDOWTEXT, COLOR_BTNTEXT = 15, 5, 8, 18
ACTIVE_CAPTION, INACTIVE_CAPTION, CAPTION_TEXT = 0x800000, 0x808080, 0xFFFFFF


def close_button_rect(win):
    """The close box in window coordinates, or None."""
    from .win import nc_insets, CAPTION_H, WS_CAPTION, WS_SYSMENU
    if (win.style & WS_CAPTION) != WS_CAPTION or not win.style & WS_SYSMENU:
        return None
    il, it, ir, ib = nc_insets(win.style, win.exstyle)
    w = win.rect[2] - win.rect[0]
    b = il
    top = it - CAPTION_H + 3
    h = CAPTION_H - 6
    right = w - ir - 2
    return (right - h - 2, top, right, top + h)


def hit_test(win, sx, sy):
    ox, oy = win.screen_origin()
    x, y = sx - ox, sy - oy
    l, t, r, b = win.rect
    if not (0 <= x < r - l and 0 <= y < b - t):
        return HTNOWHERE
    cl, ct, cr, cb = win.client
    if cl <= x < cr and ct <= y < cb:
        return HTCLIENT
    from .win import nc_insets, CAPTION_H, WS_CAPTION
    cbx = close_button_rect(win)
    if cbx and cbx[0] <= x < cbx[2] and cbx[1] <= y < cbx[3]:
        return HTCLOSE
    il, it, ir, ib = nc_insets(win.style, win.exstyle)
    edge = _sizing_edge(win, x, y, r - l, b - t)
    if edge:
        return edge
    if (win.style & WS_CAPTION) == WS_CAPTION and il <= x < (r - l) - ir and it - CAPTION_H <= y < it:
        return HTCAPTION
    return HTBORDER


def _sizing_edge(win, x, y, w, h):
    """HTLEFT..HTBOTTOMRIGHT on the sizing frame of a WS_THICKFRAME window, else 0.  The corners
    reach a caption's height along each edge, as Windows' do."""
    from .win import FRAME_THICK, CAPTION_H
    if not win.style & WS_THICKFRAME or win.style & (WS_MAXIMIZE | WS_MINIMIZE):
        return 0
    f = FRAME_THICK
    left, right, top, bottom = x < f, x >= w - f, y < f, y >= h - f
    if not (left or right or top or bottom):
        return 0
    corner = CAPTION_H + f
    if left or right:
        top, bottom = y < corner, y >= h - corner
    if top or bottom:
        left, right = x < corner, x >= w - corner
    if top:
        return HTTOPLEFT if left else HTTOPRIGHT if right else HTTOP
    if bottom:
        return HTBOTTOMLEFT if left else HTBOTTOMRIGHT if right else HTBOTTOM
    return HTLEFT if left else HTRIGHT


def min_track_size(win, wide=True):
    """WM_GETMINMAXINFO's ptMinTrackSize and ptMaxTrackSize for a sizing drag."""
    from .sysparams import GetSystemMetrics
    p = proc()
    sw, sh = GetSystemMetrics(0), GetSystemMetrics(1)
    mm = p.heap_alloc(40, zero=True)
    try:
        p.mem.write(mm, struct.pack("<10i", 0, 0, sw, sh, 0, 0, GetSystemMetrics(34), GetSystemMetrics(35),
                                    sw + 8, sh + 8))
        send(win, WM_GETMINMAXINFO, 0, mm, wide)
        v = struct.unpack("<10i", p.mem.read(mm, 40))
    finally:
        p.process_heap.free_block(mm)
    return (v[6], v[7]), (v[8], v[9])


def size_drag_to(drag, x, y):
    """A sizing drag's mouse is at (x, y): WM_SIZING, then the window takes the rectangle."""
    _, win, wmsz, x0, y0, (l, t, r, b), (mn, mx) = drag
    dx, dy = x - x0, y - y0
    if wmsz in (1, 4, 7):                              # WMSZ_LEFT, TOPLEFT, BOTTOMLEFT
        l = min(max(l + dx, r - mx[0]), r - mn[0])
    if wmsz in (2, 5, 8):                              # RIGHT, TOPRIGHT, BOTTOMRIGHT
        r = max(min(r + dx, l + mx[0]), l + mn[0])
    if wmsz in (3, 4, 5):                              # TOP, TOPLEFT, TOPRIGHT
        t = min(max(t + dy, b - mx[1]), b - mn[1])
    if wmsz in (6, 7, 8):                              # BOTTOM, BOTTOMLEFT, BOTTOMRIGHT
        b = max(min(b + dy, t + mx[1]), t + mn[1])
    p = proc()
    rc = p.heap_alloc(16)
    try:
        p.mem.write(rc, struct.pack("<4i", l, t, r, b))
        send(win, WM_SIZING, wmsz, rc)                 # the program may change the rectangle
        l, t, r, b = struct.unpack("<4i", p.mem.read(rc, 16))
    finally:
        p.process_heap.free_block(rc)
    if (l, t, r, b) != tuple(win.rect):
        from .win import set_window_pos
        set_window_pos(win, None, l, t, r - l, b - t, 0x4 | 0x10)     # SWP_NOZORDER | SWP_NOACTIVATE


def end_drag(st):
    """The button went up (or the window went away): the move or size loop ends."""
    drag, st.drag = st.drag, None
    if drag is not None and not drag[1].destroyed:
        send(drag[1], WM_EXITSIZEMOVE, 0, 0)


def _fill(dc, l, t, r, b, color):
    dc.fill_rect(l + dc.dx, t + dc.dy, r + dc.dx, b + dc.dy, colorref_to_pixel(color))


def draw_edge(dc, l, t, r, b, outer_tl, outer_br, inner_tl=None, inner_br=None):
    """Two-pixel 3-D border (the inner line optional)."""
    _fill(dc, l, t, r - 1, t + 1, outer_tl)
    _fill(dc, l, t, l + 1, b - 1, outer_tl)
    _fill(dc, l, b - 1, r, b, outer_br)
    _fill(dc, r - 1, t, r, b, outer_br)
    if inner_tl is not None:
        _fill(dc, l + 1, t + 1, r - 2, t + 2, inner_tl)
        _fill(dc, l + 1, t + 1, l + 2, b - 2, inner_tl)
        _fill(dc, l + 1, b - 2, r - 1, b - 1, inner_br)
        _fill(dc, r - 2, t + 1, r - 1, b - 1, inner_br)


def paint_frame(win):
    from .paint import make_dc, release_dc
    from .win import nc_insets, CAPTION_H, WS_CAPTION, WS_BORDER, WS_DLGFRAME, WS_THICKFRAME, WS_EX_CLIENTEDGE, \
        WS_EX_STATICEDGE, WS_EX_DLGMODALFRAME, WS_CHILD
    from .sysparams import sys_color
    h, dc = make_dc(win, client=False)
    try:
        l, t, r, b = win.rect
        w, hh = r - l, b - t
        # the non-client area only: the client keeps what the program drew
        dc.clip = GO.Region(GO.combine_rects([(0, 0, w, hh)], [win.client], GO.RGN_DIFF))
        style, ex = win.style, win.exstyle
        face = sys_color(COLOR_BTNFACE)
        x0, y0, x1, y1 = 0, 0, w, hh
        if style & WS_THICKFRAME or style & WS_DLGFRAME or ex & WS_EX_DLGMODALFRAME:
            n = 4 if style & WS_THICKFRAME else 3
            _fill(dc, 0, 0, w, hh, face)
            draw_edge(dc, 0, 0, w, hh, 0xDFDFDF, 0x404040, 0xFFFFFF, 0x808080)
            x0, y0, x1, y1 = n, n, w - n, hh - n
        elif style & WS_BORDER:
            _fill(dc, 0, 0, w, 1, 0)
            _fill(dc, 0, 0, 1, hh, 0)
            _fill(dc, 0, hh - 1, w, hh, 0)
            _fill(dc, w - 1, 0, w, hh, 0)
            x0, y0, x1, y1 = 1, 1, w - 1, hh - 1
        if (style & WS_CAPTION) == WS_CAPTION:
            cap_b = y0 + CAPTION_H - (1 if x0 else 0)
            active = state().active is win
            _fill(dc, x0, y0, x1, cap_b - 1, ACTIVE_CAPTION if active else INACTIVE_CAPTION)
            _fill(dc, x0, cap_b - 1, x1, cap_b, face)
            from winelike.dlls.gdi32.text import text_out, realize
            font = GO.Font(-11, weight=700, face="MS Shell Dlg")
            old_font, old_col, old_mode = dc.font, dc.text_color, dc.bk_mode
            dc.font = font
            dc.text_color = CAPTION_TEXT
            dc.bk_mode = 1
            rf = realize(font)
            cbx = close_button_rect(win)
            clip_r = (cbx[0] - 2) if cbx else x1 - 2
            text_out(dc, x0 + 4, y0 + (CAPTION_H - 1 - rf.height) // 2, win.text, 4,
                     (x0 + 2, y0, clip_r, cap_b - 1))
            dc.font, dc.text_color, dc.bk_mode = old_font, old_col, old_mode
            if cbx:
                bl, bt, br, bb = cbx
                _fill(dc, bl, bt, br, bb, face)
                draw_edge(dc, bl, bt, br, bb, 0xFFFFFF, 0x404040, 0xDFDFDF, 0x808080)
                # the X
                cx0, cy0 = bl + 4, bt + 3
                size = min(br - bl, bb - bt) - 7
                for i in range(size + 1):
                    _fill(dc, cx0 + i, cy0 + i, cx0 + i + 2, cy0 + i + 1, 0)
                    _fill(dc, cx0 + size - i, cy0 + i, cx0 + size - i + 2, cy0 + i + 1, 0)
            y0 = cap_b
        if ex & WS_EX_CLIENTEDGE:
            cl, ct, cr, cb = win.client
            draw_edge(dc, cl - 2, ct - 2, cr + 2, cb + 2, 0x808080, 0xFFFFFF, 0x404040, 0xDFDFDF)
        elif ex & WS_EX_STATICEDGE:
            cl, ct, cr, cb = win.client
            draw_edge(dc, cl - 1, ct - 1, cr + 1, cb + 1, 0x808080, 0xFFFFFF)
    finally:
        release_dc(h)


def erase_background(win, hdc):
    from .sysparams import sys_color_brush
    from winelike.dlls.gdi32.draw import fill_rect_brush
    bg = win.cls.background
    if not bg:
        return 0
    if bg <= 31:
        brush = GO.get(sys_color_brush(bg - 1))
    else:
        brush = GO.get(bg, GO.OBJ_BRUSH)
    dc = get_dc(hdc)
    if brush is None or dc is None:
        return 0
    cw, chh = win.client_size()
    fill_rect_brush(dc, 0, 0, cw, chh, brush)
    return 1


def def_window_proc(hwnd, msg, wp, lp, wide):
    win = get_win(hwnd)
    if win is None:
        return 0
    p = proc()
    mem = p.mem
    if msg == WM_NCCREATE:
        if lp:
            off = 36 if p.bits == 32 else 56
            name = mem.ptr(lp + off)
            if name > 0xFFFF:
                win.text = mem.wstr(name) if wide else mem.cstr(name).decode(p.acp, "replace")
        return 1
    if msg == WM_NCCALCSIZE:
        from .win import nc_insets
        if lp:
            l, t, r, b = struct.unpack("<4i", mem.read(lp, 16))
            il, it, ir, ib = nc_insets(win.style, win.exstyle)
            mem.write(lp, struct.pack("<4i", l + il, t + it, max(l + il, r - ir), max(t + it, b - ib)))
        return 0
    if msg == WM_NCPAINT:
        paint_frame(win)
        return 0
    if msg == WM_NCACTIVATE:
        win.ncpaint = True
        return 1
    if msg == WM_NCHITTEST:
        x = (lp & 0xFFFF) - (0x10000 if lp & 0x8000 else 0)
        y = ((lp >> 16) & 0xFFFF) - (0x10000 if lp & 0x80000000 else 0)
        return hit_test(win, x, y)
    if msg == WM_NCLBUTTONDOWN:
        if wp == HTCLOSE:
            send(win, WM_SYSCOMMAND, SC_CLOSE, lp)
        elif wp == HTCAPTION:
            send(win, WM_SYSCOMMAND, SC_MOVE | HTCAPTION, lp)
        elif HTLEFT <= wp <= HTBOTTOMRIGHT:
            send(win, WM_SYSCOMMAND, SC_SIZE | (wp - HTLEFT + 1), lp)       # WMSZ_LEFT.. WMSZ_BOTTOMRIGHT
        return 0
    if msg == WM_SYSCOMMAND:
        cmd = wp & 0xFFF0
        if cmd == SC_CLOSE:
            send(win, WM_CLOSE, 0, 0)
        elif cmd in (SC_MOVE, SC_SIZE) and not win.is_child:
            # drag until the button goes up: input.py moves or sizes the window event by event
            from .win import set_active
            set_active(win)
            x = (lp & 0xFFFF) - (0x10000 if lp & 0x8000 else 0)
            y = ((lp >> 16) & 0xFFFF) - (0x10000 if lp & 0x80000000 else 0)
            send(win, WM_ENTERSIZEMOVE, 0, 0)
            if cmd == SC_MOVE:
                state().drag = ("move", win, x - win.rect[0], y - win.rect[1])
            elif wp & 0xF:
                state().drag = ("size", win, wp & 0xF, x, y, tuple(win.rect), min_track_size(win, wide))
        return 0
    if msg == WM_SYSKEYDOWN:
        if wp == 0x73 and lp & (1 << 29):           # Alt+F4
            send(win.top(), WM_SYSCOMMAND, SC_CLOSE, 0)
        return 0
    if msg == WM_CLOSE:
        from .win import destroy_window
        destroy_window(win)
        return 0
    if msg == WM_SETTEXT:
        if lp:
            win.text = mem.wstr(lp) if wide else mem.cstr(lp).decode(p.acp, "replace")
        else:
            win.text = ""
        if win.parent is None:
            win.ncpaint = True
            from .state import queue
            queue(win.tid).wake()
        return 1
    if msg == WM_GETTEXT:
        if wp <= 0 or not lp:
            return 0
        return copy_text(lp, wp, win.text, wide)
    if msg == WM_GETTEXTLENGTH:
        return len(win.text) if wide else len(p.encode_astr(win.text))
    if msg == WM_PAINT:
        from .paint import painting
        with painting(hwnd):
            pass
        return 0
    if msg == WM_ERASEBKGND:
        return erase_background(win, wp)
    if msg == WM_WINDOWPOSCHANGED:
        flags = mem.u32(lp + (24 if p.bits == 32 else 32)) if lp else 0
        w, h = win.client_size()
        if not flags & SWP_NOCLIENTSIZE:
            st = 2 if win.style & 0x01000000 else 0
            send(win, WM_SIZE, st, (w & 0xFFFF) | ((h & 0xFFFF) << 16))
            win.need_size = False
        if not flags & SWP_NOCLIENTMOVE:
            x, y = win.rect[0] + win.client[0], win.rect[1] + win.client[1]
            send(win, WM_MOVE, 0, (x & 0xFFFF) | ((y & 0xFFFF) << 16))
        return 0
    if msg == WM_ACTIVATE:
        if wp & 0xFFFF and not win.style & 0x20000000:
            from .win import set_focus
            set_focus(win)
        return 0
    if msg == WM_MOUSEACTIVATE:
        return 1
    if msg == WM_SETCURSOR:
        return 0
    if msg == WM_MOUSEWHEEL:
        if win.is_child:
            return send(win.parent, msg, wp, lp, wide)
        return 0
    if WM_CTLCOLORMSGBOX <= msg <= WM_CTLCOLORSTATIC:
        from .sysparams import sys_color, sys_color_brush
        from winelike.dlls.gdi32 import dc as gdc
        dc = get_dc(wp)
        if msg in (WM_CTLCOLOREDIT, WM_CTLCOLORLISTBOX):
            if dc is not None:
                dc.text_color = sys_color(COLOR_WINDOWTEXT)
                dc.bk_color = sys_color(COLOR_WINDOW)
            return sys_color_brush(COLOR_WINDOW)
        if dc is not None:
            dc.text_color = sys_color(COLOR_WINDOWTEXT)
            dc.bk_color = sys_color(COLOR_BTNFACE)
        return sys_color_brush(COLOR_BTNFACE)
    if msg in (WM_QUERYENDSESSION, WM_QUERYOPEN):
        return 1
    return 0


@dll.stdcall
def DefWindowProcW(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> INT_PTR:
    return def_window_proc(hwnd, msg, wp, lp, True)


@dll.stdcall
def DefWindowProcA(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> INT_PTR:
    return def_window_proc(hwnd, msg, wp, lp, False)


def desktop_proc(hwnd, msg, wp, lp, wide):
    return def_window_proc(hwnd, msg, wp, lp, wide)
