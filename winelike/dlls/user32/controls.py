"""The standard controls, drawn by winelike: BUTTON (push, default push, check box, radio button,
group box), STATIC (text, icon, frames), EDIT (single line, and basic multi-line: caret,
selection, typing, WM_GETTEXT) and LISTBOX (basic: strings, selection, notifications).

They are built-in window procedures (Python), reachable from the guest by address like any
other (GetWindowLongPtr(GWLP_WNDPROC), subclassing with CallWindowProc).  Their look is
Windows classic; the caret is drawn without blinking, so screenshots are reproducible.
"""
from __future__ import annotations

import struct

from winelike.dlls.winapi import proc
from .state import get_win, send, state, lazy, lazy_func
from .paint import painting
GO = lazy("winelike.dlls.gdi32.objects")
get_dc = lazy_func("winelike.dlls.gdi32.dc", "get_dc")
fill_rect_brush = lazy_func("winelike.dlls.gdi32.draw", "fill_rect_brush")
draw_text = lazy_func("winelike.dlls.gdi32.text", "draw_text")
realize = lazy_func("winelike.dlls.gdi32.text", "realize")
text_out = lazy_func("winelike.dlls.gdi32.text", "text_out")
colorref_to_pixel = lazy_func("winelike.gui.surface", "colorref_to_pixel")
DT_CENTER, DT_RIGHT, DT_VCENTER, DT_SINGLELINE, DT_WORDBREAK, DT_NOPREFIX, DT_CALCRECT = \
    1, 2, 4, 0x20, 0x10, 0x800, 0x400
from .defwnd import def_window_proc, draw_edge
from .sysparams import sys_color, sys_color_brush

WM_CREATE, WM_DESTROY, WM_SETFOCUS, WM_KILLFOCUS, WM_ENABLE = 1, 2, 7, 8, 0xA
WM_SETTEXT, WM_GETTEXT, WM_GETTEXTLENGTH, WM_PAINT, WM_ERASEBKGND = 0xC, 0xD, 0xE, 0xF, 0x14
WM_SETFONT, WM_GETFONT, WM_GETDLGCODE, WM_NCHITTEST, WM_COMMAND = 0x30, 0x31, 0x87, 0x84, 0x111
WM_KEYDOWN, WM_KEYUP, WM_CHAR, WM_MOUSEMOVE, WM_LBUTTONDOWN, WM_LBUTTONUP, WM_LBUTTONDBLCLK = \
    0x100, 0x101, 0x102, 0x200, 0x201, 0x202, 0x203
WM_CTLCOLOREDIT, WM_CTLCOLORLISTBOX, WM_CTLCOLORBTN, WM_CTLCOLORSTATIC = 0x133, 0x134, 0x135, 0x138
WM_CAPTURECHANGED = 0x215
DLGC_WANTARROWS, DLGC_WANTTAB, DLGC_WANTALLKEYS, DLGC_HASSETSEL, DLGC_DEFPUSHBUTTON = 1, 2, 4, 8, 0x10
DLGC_UNDEFPUSHBUTTON, DLGC_RADIOBUTTON, DLGC_WANTCHARS, DLGC_STATIC, DLGC_BUTTON = 0x20, 0x40, 0x80, 0x100, 0x2000
COLOR_WINDOW, COLOR_WINDOWTEXT, COLOR_HIGHLIGHT, COLOR_HIGHLIGHTTEXT, COLOR_BTNFACE = 5, 8, 13, 14, 15
COLOR_BTNSHADOW, COLOR_GRAYTEXT, COLOR_BTNTEXT = 16, 17, 18
HTTRANSPARENT = -1


def _font(win):
    h = win.data.get("font", 0)
    f = GO.get(h, GO.OBJ_FONT) if h else None
    return f if f is not None else GO.stock(GO.DEFAULT_GUI_FONT)


def _notify(win, code):
    par = win.parent
    if par is None or par.destroyed:
        return
    send(par, WM_COMMAND, (win.id & 0xFFFF) | ((code & 0xFFFF) << 16), win.hwnd)


def _ctlcolor(win, hdc, msg, default_index):
    par = win.parent
    if par is not None and not par.destroyed:
        r = send(par, msg, hdc, win.hwnd)
        b = GO.get(r & 0xFFFFFFFF, GO.OBJ_BRUSH) if r else None
        if b is not None:
            return b
    dc = get_dc(hdc)
    if dc is not None:
        dc.text_color = sys_color(COLOR_WINDOWTEXT)
        dc.bk_color = sys_color(default_index)
    return GO.get(sys_color_brush(default_index))


def _redraw(win):
    from .paint import invalidate
    invalidate(win, None, True)


def _fill(dc, l, t, r, b, color):
    dc.fill_rect(l + dc.dx, t + dc.dy, r + dc.dx, b + dc.dy, colorref_to_pixel(color))


def _common(win, msg, wp, lp, wide):
    """Messages every control handles alike; returns (handled, result)."""
    if msg == WM_SETFONT:
        win.data["font"] = wp & 0xFFFFFFFF
        if lp & 0xFFFF:
            _redraw(win)
        return True, 0
    if msg == WM_GETFONT:
        return True, win.data.get("font", 0)
    if msg == WM_SETTEXT:
        r = def_window_proc(win.hwnd, msg, wp, lp, wide)
        _redraw(win)
        return True, r
    if msg == WM_ENABLE:
        _redraw(win)
        return True, 0
    return False, 0


# ---- BUTTON -----------------------------------------------------------------------------

BS_PUSHBUTTON, BS_DEFPUSHBUTTON, BS_CHECKBOX, BS_AUTOCHECKBOX, BS_RADIOBUTTON, BS_3STATE, BS_AUTO3STATE = range(7)
BS_GROUPBOX, BS_USERBUTTON, BS_AUTORADIOBUTTON, BS_PUSHBOX, BS_OWNERDRAW = 7, 8, 9, 10, 11
BS_LEFTTEXT, BS_CENTER, BS_VCENTER, BS_MULTILINE = 0x20, 0x300, 0xC00, 0x2000
BM_GETCHECK, BM_SETCHECK, BM_GETSTATE, BM_SETSTATE, BM_SETSTYLE, BM_CLICK = 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5
BN_CLICKED = 0


def _btype(win):
    return win.style & 0xF


def button_click(win):
    t = _btype(win)
    if t == BS_AUTOCHECKBOX:
        win.data["check"] = 0 if win.data.get("check", 0) else 1
    elif t == BS_AUTO3STATE:
        win.data["check"] = (win.data.get("check", 0) + 1) % 3
    elif t == BS_AUTORADIOBUTTON:
        _check_radio_group(win)
    _redraw(win)
    _notify(win, BN_CLICKED)


def _check_radio_group(win):
    par = win.parent
    if par is None:
        win.data["check"] = 1
        return
    sibs = par.children
    i = sibs.index(win)
    start = i
    while start > 0 and not sibs[start].style & 0x20000:        # WS_GROUP
        start -= 1
    end = i + 1
    while end < len(sibs) and not sibs[end].style & 0x20000:
        end += 1
    for s in sibs[start:end]:
        if s.cls.name.lower() == "button" and _btype(s) == BS_AUTORADIOBUTTON:
            if s.data.get("check", 0) and s is not win:
                s.data["check"] = 0
                _redraw(s)
    win.data["check"] = 1


def button_proc(hwnd, msg, wp, lp, wide):
    win = get_win(hwnd)
    if win is None:
        return 0
    handled, r = _common(win, msg, wp, lp, wide)
    if handled:
        return r
    t = _btype(win)
    if msg == WM_GETDLGCODE:
        if t in (BS_PUSHBUTTON, BS_PUSHBOX):
            return DLGC_BUTTON | DLGC_UNDEFPUSHBUTTON
        if t == BS_DEFPUSHBUTTON:
            return DLGC_BUTTON | DLGC_DEFPUSHBUTTON
        if t in (BS_RADIOBUTTON, BS_AUTORADIOBUTTON):
            return DLGC_BUTTON | DLGC_RADIOBUTTON
        if t == BS_GROUPBOX:
            return DLGC_STATIC
        return DLGC_BUTTON
    if msg == WM_NCHITTEST and t == BS_GROUPBOX:
        return HTTRANSPARENT
    if msg == WM_PAINT:
        with painting(win.hwnd) as hdc:
            paint_button(win, hdc)
        return 0
    if msg == WM_ERASEBKGND:
        return 1
    if msg in (WM_LBUTTONDOWN, WM_LBUTTONDBLCLK):
        from .win import set_focus
        from .input import SetCapture
        SetCapture(hwnd)
        if t != BS_GROUPBOX:
            set_focus(win)
        win.data["pushed"] = True
        _redraw(win)
        return 0
    if msg == WM_LBUTTONUP:
        from .input import ReleaseCapture
        was = win.data.get("pushed", False)
        win.data["pushed"] = False
        x = (lp & 0xFFFF) - (0x10000 if lp & 0x8000 else 0)
        y = ((lp >> 16) & 0xFFFF) - (0x10000 if lp & 0x80000000 else 0)
        cw, ch = win.client_size()
        if state().capture is win:
            ReleaseCapture()
        _redraw(win)
        if was and 0 <= x < cw and 0 <= y < ch and not win.destroyed:
            button_click(win)
        return 0
    if msg == WM_CAPTURECHANGED:
        if win.data.get("pushed"):
            win.data["pushed"] = False
            _redraw(win)
        return 0
    if msg == WM_KEYDOWN and wp == 0x20:
        win.data["pushed"] = True
        _redraw(win)
        return 0
    if msg == WM_KEYUP and wp == 0x20:
        if win.data.get("pushed"):
            win.data["pushed"] = False
            _redraw(win)
            button_click(win)
        return 0
    if msg == WM_CHAR and wp == 0x20:
        return 0
    if msg in (WM_SETFOCUS, WM_KILLFOCUS):
        win.data["focus"] = msg == WM_SETFOCUS
        if msg == WM_KILLFOCUS and win.data.get("pushed"):
            win.data["pushed"] = False
        _redraw(win)
        return 0
    if msg == BM_GETCHECK:
        return win.data.get("check", 0)
    if msg == BM_SETCHECK:
        if t in (BS_CHECKBOX, BS_AUTOCHECKBOX, BS_3STATE, BS_AUTO3STATE, BS_RADIOBUTTON, BS_AUTORADIOBUTTON):
            win.data["check"] = wp & 3 if t in (BS_3STATE, BS_AUTO3STATE) else (1 if wp & 3 else 0)
            _redraw(win)
        return 0
    if msg == BM_GETSTATE:
        return win.data.get("check", 0) | (4 if win.data.get("pushed") else 0) | (8 if win.data.get("focus") else 0)
    if msg == BM_SETSTATE:
        win.data["pushed"] = bool(wp)
        _redraw(win)
        return 0
    if msg == BM_SETSTYLE:
        win.style = (win.style & ~0xFFFF) | (wp & 0xFFFF)
        if lp:
            _redraw(win)
        return 0
    if msg == BM_CLICK:
        if win.enabled:
            button_click(win)
        return 0
    return def_window_proc(hwnd, msg, wp, lp, wide)


def paint_button(win, hdc):
    dc = get_dc(hdc)
    if dc is None:
        return
    t = _btype(win)
    cw, ch = win.client_size()
    brush = _ctlcolor(win, hdc, WM_CTLCOLORBTN if t in (BS_PUSHBUTTON, BS_DEFPUSHBUTTON, BS_PUSHBOX)
                      else WM_CTLCOLORSTATIC, COLOR_BTNFACE)
    old_font = dc.font
    dc.font = _font(win)
    dc.bk_mode = 1
    enabled = win.enabled and (win.parent is None or win.parent.enabled or True)
    text_color = dc.text_color if enabled else sys_color(COLOR_GRAYTEXT)
    face = sys_color(COLOR_BTNFACE)
    if t in (BS_PUSHBUTTON, BS_DEFPUSHBUTTON, BS_PUSHBOX, BS_USERBUTTON, BS_OWNERDRAW):
        _fill(dc, 0, 0, cw, ch, face)
        l, tp, r, b = 0, 0, cw, ch
        if t == BS_DEFPUSHBUTTON or win.data.get("default"):
            _fill(dc, 0, 0, cw, 1, 0)
            _fill(dc, 0, ch - 1, cw, ch, 0)
            _fill(dc, 0, 0, 1, ch, 0)
            _fill(dc, cw - 1, 0, cw, ch, 0)
            l, tp, r, b = 1, 1, cw - 1, ch - 1
        if win.data.get("pushed"):
            draw_edge(dc, l, tp, r, b, 0x808080, 0x808080)
            off = 1
        else:
            draw_edge(dc, l, tp, r, b, 0xFFFFFF, 0x404040, 0xDFDFDF, 0x808080)
            off = 0
        dc.text_color = text_color
        draw_text(dc, win.text, (l + 2 + off, tp + 2 + off, r - 2 + off, b - 2 + off),
                  DT_CENTER | DT_VCENTER | DT_SINGLELINE)
        if win.data.get("focus"):
            _focus_rect(dc, l + 3, tp + 3, r - 3, b - 3)
    elif t == BS_GROUPBOX:
        rf = realize(dc.font)
        y = rf.height // 2
        _fill(dc, 0, y, cw - 1, y + 1, 0x808080)
        _fill(dc, 0, y, 1, ch - 1, 0x808080)
        _fill(dc, 0, ch - 2, cw - 1, ch - 1, 0x808080)
        _fill(dc, cw - 2, y, cw - 1, ch - 1, 0x808080)
        _fill(dc, 1, y + 1, cw - 2, y + 2, 0xFFFFFF)
        _fill(dc, 1, y + 1, 2, ch - 2, 0xFFFFFF)
        _fill(dc, 0, ch - 1, cw, ch, 0xFFFFFF)
        _fill(dc, cw - 1, y, cw, ch, 0xFFFFFF)
        if win.text:
            _, rc = draw_text(dc, win.text, (8, 0, cw - 8, rf.height), DT_SINGLELINE | DT_CALCRECT)
            fill_rect_brush(dc, 6, 0, min(rc[2] + 2, cw - 6), rf.height, brush)
            dc.text_color = text_color
            draw_text(dc, win.text, (8, 0, cw - 8, rf.height), DT_SINGLELINE)
    else:
        fill_rect_brush(dc, 0, 0, cw, ch, brush)
        box = 13
        by = (ch - box) // 2
        left_text = bool(win.style & BS_LEFTTEXT)
        bx = cw - box if left_text else 0
        radio = t in (BS_RADIOBUTTON, BS_AUTORADIOBUTTON)
        check = win.data.get("check", 0)
        if radio:
            d = dc.surface.draw
            ox, oy = bx + dc.dx, by + dc.dy
            from winelike.gui.surface import pil_color

            def draw(dr):
                dr.ellipse((ox, oy, ox + box - 1, oy + box - 1), fill=pil_color(0xFFFFFF),
                           outline=pil_color(0x808080))
                if check:
                    dr.ellipse((ox + 4, oy + 4, ox + box - 5, oy + box - 5), fill=pil_color(0))
            dc.paint((ox, oy, ox + box, oy + box), draw)
        else:
            _fill(dc, bx, by, bx + box, by + box, 0xFFFFFF if enabled else face)
            draw_edge(dc, bx, by, bx + box, by + box, 0x808080, 0xFFFFFF, 0x404040, 0xDFDFDF)
            if check:
                col = 0 if check == 1 else 0x808080
                # a check mark: 7 columns, 3 pixels tall
                pts = [(3, 5), (4, 6), (5, 7), (6, 6), (7, 5), (8, 4), (9, 3)]
                for x, y in pts:
                    _fill(dc, bx + x, by + y, bx + x + 1, by + y + 3, col)
        dc.text_color = text_color
        tx0 = 0 if left_text else box + 4
        tx1 = cw - box - 4 if left_text else cw
        draw_text(dc, win.text, (tx0, 0, tx1, ch), DT_VCENTER | DT_SINGLELINE)
        if win.data.get("focus") and win.text:
            _, rc = draw_text(dc, win.text, (tx0, 0, tx1, ch), DT_SINGLELINE | DT_CALCRECT)
            rf = realize(dc.font)
            ty = (ch - rf.height) // 2
            _focus_rect(dc, tx0 - 1, ty, min(rc[2] + 1, cw), ty + rf.height)
    dc.font = old_font


def _focus_rect(dc, l, t, r, b):
    s = dc.surface.u32
    for x in range(l, r):
        for y in (t, b - 1):
            if (x + y) % 2 == 0:
                sx, sy = x + dc.dx, y + dc.dy
                if dc.pixel_in_clip(sx, sy):
                    s[sy, sx] ^= 0xFFFFFF
    for y in range(t + 1, b - 1):
        for x in (l, r - 1):
            if (x + y) % 2 == 0:
                sx, sy = x + dc.dx, y + dc.dy
                if dc.pixel_in_clip(sx, sy):
                    s[sy, sx] ^= 0xFFFFFF


# ---- STATIC -------------------------------------------------------------------------------

SS_CENTER, SS_RIGHT, SS_ICON, SS_BLACKRECT, SS_GRAYRECT, SS_WHITERECT = 1, 2, 3, 4, 5, 6
SS_BLACKFRAME, SS_GRAYFRAME, SS_WHITEFRAME, SS_SIMPLE, SS_LEFTNOWORDWRAP, SS_ETCHEDHORZ = 7, 8, 9, 0xB, 0xC, 0x10
SS_NOPREFIX, SS_NOTIFY, SS_CENTERIMAGE, SS_SUNKEN = 0x80, 0x100, 0x200, 0x1000
STM_SETICON, STM_GETICON, STM_SETIMAGE, STM_GETIMAGE = 0x170, 0x171, 0x172, 0x173


def static_proc(hwnd, msg, wp, lp, wide):
    win = get_win(hwnd)
    if win is None:
        return 0
    handled, r = _common(win, msg, wp, lp, wide)
    if handled:
        return r
    if msg == WM_NCHITTEST:
        return 1 if win.style & SS_NOTIFY else HTTRANSPARENT
    if msg == WM_GETDLGCODE:
        return DLGC_STATIC
    if msg in (STM_SETICON, STM_SETIMAGE):
        old = win.data.get("icon", 0)
        win.data["icon"] = (lp if msg == STM_SETIMAGE else wp) & 0xFFFFFFFF
        _redraw(win)
        return old
    if msg in (STM_GETICON, STM_GETIMAGE):
        return win.data.get("icon", 0)
    if msg == WM_ERASEBKGND:
        return 1
    if msg == WM_LBUTTONDOWN and win.style & SS_NOTIFY:
        _notify(win, 0)          # STN_CLICKED
        return 0
    if msg == WM_PAINT:
        with painting(win.hwnd) as hdc:
            paint_static(win, hdc)
        return 0
    return def_window_proc(hwnd, msg, wp, lp, wide)


def paint_static(win, hdc):
    dc = get_dc(hdc)
    if dc is None:
        return
    cw, ch = win.client_size()
    kind = win.style & 0x1F
    if kind in (SS_BLACKRECT, SS_GRAYRECT, SS_WHITERECT):
        _fill(dc, 0, 0, cw, ch, {SS_BLACKRECT: 0, SS_GRAYRECT: 0x808080, SS_WHITERECT: 0xFFFFFF}[kind])
        return
    if kind in (SS_BLACKFRAME, SS_GRAYFRAME, SS_WHITEFRAME):
        c = {SS_BLACKFRAME: 0, SS_GRAYFRAME: 0x808080, SS_WHITEFRAME: 0xFFFFFF}[kind]
        draw_edge(dc, 0, 0, cw, ch, c, c)
        return
    if kind == SS_ETCHEDHORZ:
        _fill(dc, 0, 0, cw, 1, 0x808080)
        _fill(dc, 0, 1, cw, 2, 0xFFFFFF)
        return
    brush = _ctlcolor(win, hdc, WM_CTLCOLORSTATIC, COLOR_BTNFACE)
    fill_rect_brush(dc, 0, 0, cw, ch, brush)
    if kind == SS_ICON:
        from .resource import draw_icon
        icon = win.data.get("icon", 0)
        if icon:
            draw_icon(dc, 0, 0, icon)
        return
    old = dc.font
    dc.font = _font(win)
    dc.bk_mode = 1
    if not win.enabled:
        dc.text_color = sys_color(COLOR_GRAYTEXT)
    fmt = 0
    if kind == SS_CENTER:
        fmt |= DT_CENTER
    elif kind == SS_RIGHT:
        fmt |= DT_RIGHT
    if kind in (SS_SIMPLE, SS_LEFTNOWORDWRAP):
        fmt |= DT_SINGLELINE
    else:
        fmt |= DT_WORDBREAK
    if win.style & SS_CENTERIMAGE:
        fmt |= DT_SINGLELINE | DT_VCENTER
    if win.style & SS_NOPREFIX:
        fmt |= DT_NOPREFIX
    draw_text(dc, win.text, (0, 0, cw, ch), fmt)
    dc.font = old


# ---- EDIT ---------------------------------------------------------------------------------

ES_CENTER, ES_RIGHT, ES_MULTILINE, ES_UPPERCASE, ES_LOWERCASE, ES_PASSWORD = 1, 2, 4, 8, 0x10, 0x20
ES_AUTOHSCROLL, ES_READONLY, ES_WANTRETURN, ES_NUMBER = 0x80, 0x800, 0x1000, 0x2000
EM_GETSEL, EM_SETSEL, EM_GETMODIFY, EM_SETMODIFY, EM_GETLINECOUNT, EM_LINELENGTH = 0xB0, 0xB1, 0xB8, 0xB9, 0xBA, 0xC1
EM_REPLACESEL, EM_LIMITTEXT, EM_UNDO, EM_SETREADONLY, EM_GETLIMITTEXT, EM_SETPASSWORDCHAR = \
    0xC2, 0xC5, 0xC7, 0xCF, 0xD5, 0xCC
EN_SETFOCUS, EN_KILLFOCUS, EN_CHANGE, EN_UPDATE, EN_MAXTEXT = 0x100, 0x200, 0x300, 0x400, 0x501


def _ed(win):
    d = win.data
    if "caret" not in d:
        d.update(caret=len(win.text), anchor=len(win.text), limit=0x7FFFFFFE, modified=False, scroll=0)
    return d


def _sel(d):
    a, c = d["anchor"], d["caret"]
    return (a, c) if a <= c else (c, a)


def _edit_set_text(win, text, notify=True, user=True):
    d = _ed(win)
    win.text = text
    if user:
        d["modified"] = True
    _redraw(win)
    if notify:
        _notify(win, EN_UPDATE)
        _notify(win, EN_CHANGE)


def _edit_replace(win, s, user=True):
    d = _ed(win)
    st = win.style
    if st & ES_UPPERCASE:
        s = s.upper()
    elif st & ES_LOWERCASE:
        s = s.lower()
    if not st & ES_MULTILINE:
        s = s.split("\r")[0].split("\n")[0]
    a, b = _sel(d)
    room = d["limit"] - (len(win.text) - (b - a))
    if len(s) > room:
        s = s[:max(room, 0)]
        _notify(win, EN_MAXTEXT)
    text = win.text[:a] + s + win.text[b:]
    d["caret"] = d["anchor"] = a + len(s)
    _edit_set_text(win, text, user=user)


def edit_proc(hwnd, msg, wp, lp, wide):
    win = get_win(hwnd)
    if win is None:
        return 0
    p = proc()
    mem = p.mem
    d = _ed(win)
    if msg == WM_SETTEXT:
        win.text = (mem.wstr(lp) if lp else "")
        d["caret"] = d["anchor"] = 0 if win.style & ES_MULTILINE else 0
        d["modified"] = False
        d["scroll"] = 0
        _redraw(win)
        _notify(win, EN_UPDATE)
        _notify(win, EN_CHANGE)
        return 1
    handled, r = _common(win, msg, wp, lp, wide)
    if handled:
        return r
    if msg == WM_GETDLGCODE:
        code = DLGC_WANTCHARS | DLGC_HASSETSEL | DLGC_WANTARROWS
        if win.style & ES_MULTILINE:
            code |= DLGC_WANTALLKEYS
        return code
    if msg == WM_ERASEBKGND:
        return 1
    if msg == WM_PAINT:
        with painting(win.hwnd) as hdc:
            paint_edit(win, hdc)
        return 0
    if msg == WM_SETFOCUS:
        d["focus"] = True
        _redraw(win)
        _notify(win, EN_SETFOCUS)
        return 0
    if msg == WM_KILLFOCUS:
        d["focus"] = False
        _redraw(win)
        _notify(win, EN_KILLFOCUS)
        return 0
    if msg in (WM_LBUTTONDOWN, WM_LBUTTONDBLCLK):
        from .win import set_focus
        if state().focus is not win:
            set_focus(win)
        x = (lp & 0xFFFF) - (0x10000 if lp & 0x8000 else 0)
        pos = _pos_from_x(win, x)
        d["caret"] = d["anchor"] = pos
        if msg == WM_LBUTTONDBLCLK:
            d["anchor"], d["caret"] = 0, len(win.text)
        _redraw(win)
        return 0
    if msg == WM_CHAR:
        c = chr(wp & 0xFFFF)
        if win.style & ES_READONLY:
            return 0
        if c == "\b":
            a, b = _sel(d)
            if a == b and a > 0:
                d["anchor"] = a - 1
            _edit_replace(win, "")
            return 0
        if c == "\r":
            if win.style & ES_MULTILINE and win.style & ES_WANTRETURN or (win.style & ES_MULTILINE and
                                                                            win.parent is None):
                _edit_replace(win, "\r\n")
            return 0
        if c == "\x01":                 # Ctrl+A
            d["anchor"], d["caret"] = 0, len(win.text)
            _redraw(win)
            return 0
        if ord(c) < 0x20 and c != "\t":
            return 0
        if win.style & ES_NUMBER and not c.isdigit():
            from winelike.debug import Channel
            return 0
        _edit_replace(win, c)
        return 0
    if msg == WM_KEYDOWN:
        shift = bool(state().keys[0x10] & 0x80)
        vk = wp & 0xFF
        n = len(win.text)
        if vk in (0x25, 0x27, 0x24, 0x23):
            c = d["caret"]
            c = {0x25: max(c - 1, 0), 0x27: min(c + 1, n), 0x24: 0, 0x23: n}[vk]
            d["caret"] = c
            if not shift:
                d["anchor"] = c
            _redraw(win)
        elif vk == 0x2E and not win.style & ES_READONLY:
            a, b = _sel(d)
            if a == b and a < n:
                d["caret"] = a + 1
                d["anchor"] = a
            _edit_replace(win, "")
        return 0
    if msg == EM_GETSEL:
        a, b = _sel(d)
        if wp:
            mem.w32(wp, a)
        if lp:
            mem.w32(lp, b)
        return (a & 0xFFFF) | ((b & 0xFFFF) << 16)
    if msg == EM_SETSEL:
        n = len(win.text)
        a = wp & 0xFFFFFFFF
        b = lp & 0xFFFFFFFF
        a = -1 if a == 0xFFFFFFFF else a
        b = -1 if b == 0xFFFFFFFF else b
        if a == -1:
            d["anchor"] = d["caret"] = d["caret"]
        else:
            b = n if b == -1 else min(b, n)
            a = min(a, n)
            d["anchor"], d["caret"] = a, b
        _redraw(win)
        return 1
    if msg == EM_REPLACESEL:
        _edit_replace(win, mem.wstr(lp) if lp else "", user=bool(wp) or True)
        return 0
    if msg == EM_GETMODIFY:
        return int(d["modified"])
    if msg == EM_SETMODIFY:
        d["modified"] = bool(wp)
        return 0
    if msg == EM_LIMITTEXT:
        d["limit"] = wp if wp else 0x7FFFFFFE
        return 0
    if msg == EM_GETLIMITTEXT:
        return d["limit"]
    if msg == EM_SETREADONLY:
        if wp:
            win.style |= ES_READONLY
        else:
            win.style &= ~ES_READONLY
        _redraw(win)
        return 1
    if msg == EM_GETLINECOUNT:
        return win.text.count("\n") + 1 if win.style & ES_MULTILINE else 1
    if msg == EM_LINELENGTH:
        return len(win.text)
    if msg == EM_SETPASSWORDCHAR:
        d["pwchar"] = chr(wp) if wp else None
        _redraw(win)
        return 0
    return def_window_proc(hwnd, msg, wp, lp, wide)


def _display_text(win):
    d = win.data
    if win.style & ES_PASSWORD:
        return d.get("pwchar", "*") * len(win.text)
    return win.text


def _pos_from_x(win, x):
    rf = realize(_font(win))
    s = _display_text(win)
    x += win.data.get("scroll", 0) - 2
    pos = 0
    acc = 0
    for i, c in enumerate(s):
        w = rf.char_width(c)
        if acc + w / 2 > x:
            return i
        acc += w
        pos = i + 1
    return pos


def paint_edit(win, hdc):
    dc = get_dc(hdc)
    if dc is None:
        return
    d = _ed(win)
    cw, ch = win.client_size()
    ro = bool(win.style & ES_READONLY) or not win.enabled
    brush = _ctlcolor(win, hdc, WM_CTLCOLORSTATIC if ro else WM_CTLCOLOREDIT, COLOR_BTNFACE if ro else COLOR_WINDOW)
    fill_rect_brush(dc, 0, 0, cw, ch, brush)
    old = dc.font
    dc.font = _font(win)
    rf = realize(dc.font)
    text = _display_text(win)
    if not win.enabled:
        dc.text_color = sys_color(COLOR_GRAYTEXT)
    margin = 2
    multiline = bool(win.style & ES_MULTILINE)
    lines = text.replace("\r\n", "\n").split("\n") if multiline else [text]
    # keep the caret visible (single line)
    caret_x = rf.extent(text[:d["caret"]]) if not multiline else 0
    scroll = d.get("scroll", 0)
    if not multiline:
        if caret_x - scroll > cw - 2 * margin:
            scroll = caret_x - (cw - 2 * margin) + 1
        if caret_x < scroll:
            scroll = caret_x
        d["scroll"] = scroll
    y = 1 if not multiline else 1
    a, b = _sel(d)
    focus = d.get("focus", False)
    dc.bk_mode = 1
    base_color = dc.text_color
    pos = 0
    for ln in lines:
        x = margin - scroll
        if win.style & ES_CENTER and not multiline:
            x = (cw - rf.extent(ln)) // 2
        elif win.style & ES_RIGHT and not multiline:
            x = cw - margin - rf.extent(ln)
        if focus and a != b and not multiline:
            pre, mid, post = ln[:a], ln[a:b], ln[b:]
            text_out(dc, x, y, pre, 4, (0, 0, cw, ch))
            mx = x + rf.extent(pre)
            mw = rf.extent(mid)
            _fill(dc, max(mx, 0), y, min(mx + mw, cw), y + rf.height, sys_color(COLOR_HIGHLIGHT))
            dc.text_color = sys_color(COLOR_HIGHLIGHTTEXT)
            text_out(dc, mx, y, mid, 4, (0, 0, cw, ch))
            dc.text_color = base_color
            text_out(dc, mx + mw, y, post, 4, (0, 0, cw, ch))
        else:
            text_out(dc, x, y, ln, 4, (0, 0, cw, ch))
        pos += len(ln) + 1
        y += rf.height
    if focus and not ro:
        if multiline:
            before = text[:d["caret"]].replace("\r\n", "\n")
            row = before.count("\n")
            col_text = before.split("\n")[-1]
            cx = margin + rf.extent(col_text)
            cy = 1 + row * rf.height
        else:
            cx = margin + caret_x - scroll
            if win.style & ES_CENTER:
                cx = (cw - rf.extent(text)) // 2 + caret_x
            cy = 1
        if 0 <= cx < cw:
            _fill(dc, cx, cy, cx + 1, min(cy + rf.height, ch), 0)
    dc.font = old


# ---- LISTBOX ------------------------------------------------------------------------------

LBS_NOTIFY, LBS_SORT, LBS_MULTIPLESEL, LBS_EXTENDEDSEL = 1, 2, 8, 0x800
LB_ADDSTRING, LB_INSERTSTRING, LB_DELETESTRING, LB_RESETCONTENT, LB_SETSEL, LB_SETCURSEL = \
    0x180, 0x181, 0x182, 0x184, 0x185, 0x186
LB_GETSEL, LB_GETCURSEL, LB_GETTEXT, LB_GETTEXTLEN, LB_GETCOUNT, LB_SELECTSTRING, LB_GETTOPINDEX = \
    0x187, 0x188, 0x189, 0x18A, 0x18B, 0x18C, 0x18E
LB_FINDSTRING, LB_GETSELCOUNT, LB_SETTOPINDEX, LB_GETITEMRECT, LB_GETITEMDATA, LB_SETITEMDATA = \
    0x18F, 0x190, 0x197, 0x198, 0x199, 0x19A
LB_GETITEMHEIGHT, LB_FINDSTRINGEXACT = 0x1A1, 0x1A2
LB_ERR = -1
LBN_SELCHANGE, LBN_DBLCLK = 1, 2


def _lb(win):
    d = win.data
    if "items" not in d:
        d.update(items=[], data=[], cur=-1, top=0)
    return d


def listbox_proc(hwnd, msg, wp, lp, wide):
    win = get_win(hwnd)
    if win is None:
        return 0
    p = proc()
    mem = p.mem
    d = _lb(win)
    items = d["items"]
    handled, r = _common(win, msg, wp, lp, wide)
    if handled:
        return r
    ih = realize(_font(win)).height
    if msg == WM_GETDLGCODE:
        return DLGC_WANTARROWS | DLGC_WANTCHARS
    if msg == WM_ERASEBKGND:
        return 1
    if msg == WM_PAINT:
        with painting(win.hwnd) as hdc:
            dc = get_dc(hdc)
            cw, ch = win.client_size()
            brush = _ctlcolor(win, hdc, WM_CTLCOLORLISTBOX, COLOR_WINDOW)
            fill_rect_brush(dc, 0, 0, cw, ch, brush)
            old = dc.font
            dc.font = _font(win)
            dc.bk_mode = 1
            base = dc.text_color
            for i in range(d["top"], len(items)):
                y = (i - d["top"]) * ih
                if y >= ch:
                    break
                if i == d["cur"]:
                    _fill(dc, 0, y, cw, y + ih, sys_color(COLOR_HIGHLIGHT))
                    dc.text_color = sys_color(COLOR_HIGHLIGHTTEXT)
                else:
                    dc.text_color = base
                text_out(dc, 2, y, items[i], 4, (0, y, cw, y + ih))
            dc.text_color = base
            if d.get("focus") and 0 <= d["cur"] < len(items):
                y = (d["cur"] - d["top"]) * ih
                _focus_rect(dc, 0, y, cw, y + ih)
            dc.font = old
        return 0
    if msg in (WM_SETFOCUS, WM_KILLFOCUS):
        d["focus"] = msg == WM_SETFOCUS
        _redraw(win)
        return 0
    if msg in (LB_ADDSTRING, LB_INSERTSTRING):
        s = mem.wstr(lp) if lp else ""
        if msg == LB_ADDSTRING:
            if win.style & LBS_SORT:
                i = 0
                while i < len(items) and items[i].lower() <= s.lower():
                    i += 1
            else:
                i = len(items)
        else:
            i = len(items) if wp in (-1, 0xFFFFFFFF, 2**64 - 1) else wp
            if i > len(items):
                return LB_ERR
        items.insert(i, s)
        d["data"].insert(i, 0)
        if d["cur"] >= i:
            d["cur"] += 1
        _redraw(win)
        return i
    if msg == LB_DELETESTRING:
        if not 0 <= wp < len(items):
            return LB_ERR
        del items[wp]
        del d["data"][wp]
        if d["cur"] == wp:
            d["cur"] = -1
        elif d["cur"] > wp:
            d["cur"] -= 1
        _redraw(win)
        return len(items)
    if msg == LB_RESETCONTENT:
        items.clear()
        d["data"].clear()
        d["cur"] = -1
        d["top"] = 0
        _redraw(win)
        return 0
    if msg == LB_GETCOUNT:
        return len(items)
    if msg == LB_GETCURSEL:
        return d["cur"]
    if msg == LB_SETCURSEL:
        i = wp if wp < len(items) else -1
        if wp in (0xFFFFFFFF, 2**64 - 1):
            i = -1
        d["cur"] = i
        _redraw(win)
        return LB_ERR if i == -1 else i
    if msg == LB_GETSEL:
        return LB_ERR if not 0 <= wp < len(items) else int(wp == d["cur"])
    if msg == LB_GETTEXTLEN:
        return LB_ERR if not 0 <= wp < len(items) else len(items[wp])
    if msg == LB_GETTEXT:
        if not 0 <= wp < len(items):
            return LB_ERR
        mem.write(lp, items[wp].encode("utf-16-le") + b"\0\0")
        return len(items[wp])
    if msg in (LB_FINDSTRING, LB_FINDSTRINGEXACT, LB_SELECTSTRING):
        s = (mem.wstr(lp) if lp else "").lower()
        start = -1 if wp in (0xFFFFFFFF, 2**64 - 1) else wp
        n = len(items)
        for k in range(n):
            i = (start + 1 + k) % n
            it = items[i].lower()
            if (it == s) if msg == LB_FINDSTRINGEXACT else it.startswith(s):
                if msg == LB_SELECTSTRING:
                    d["cur"] = i
                    _redraw(win)
                return i
        return LB_ERR
    if msg == LB_GETITEMDATA:
        return d["data"][wp] if 0 <= wp < len(items) else LB_ERR
    if msg == LB_SETITEMDATA:
        if not 0 <= wp < len(items):
            return LB_ERR
        d["data"][wp] = lp
        return 1
    if msg == LB_GETTOPINDEX:
        return d["top"]
    if msg == LB_SETTOPINDEX:
        d["top"] = min(wp, max(len(items) - 1, 0))
        _redraw(win)
        return 0
    if msg == LB_GETITEMHEIGHT:
        return ih
    if msg == LB_GETITEMRECT:
        if not 0 <= wp < len(items):
            return LB_ERR
        cw, _ = win.client_size()
        y = (wp - d["top"]) * ih
        mem.write(lp, struct.pack("<4i", 0, y, cw, y + ih))
        return 1
    if msg in (WM_LBUTTONDOWN, WM_LBUTTONDBLCLK):
        from .win import set_focus
        if state().focus is not win:
            set_focus(win)
        y = ((lp >> 16) & 0xFFFF) - (0x10000 if lp & 0x80000000 else 0)
        i = d["top"] + y // ih
        if 0 <= i < len(items):
            changed = d["cur"] != i
            d["cur"] = i
            _redraw(win)
            if win.style & LBS_NOTIFY:
                if changed:
                    _notify(win, LBN_SELCHANGE)
                if msg == WM_LBUTTONDBLCLK:
                    _notify(win, LBN_DBLCLK)
        return 0
    if msg == WM_KEYDOWN:
        vk = wp & 0xFF
        if vk in (0x26, 0x28) and items:
            i = d["cur"] + (1 if vk == 0x28 else -1)
            i = min(max(i, 0), len(items) - 1)
            if i != d["cur"]:
                d["cur"] = i
                _redraw(win)
                if win.style & LBS_NOTIFY:
                    _notify(win, LBN_SELCHANGE)
        return 0
    return def_window_proc(hwnd, msg, wp, lp, wide)


# ---- COMBOBOX (a drop-down list without its drop-down) and SCROLLBAR (values) -------------------

CB_TO_LB = {0x143: LB_ADDSTRING, 0x14A: LB_INSERTSTRING, 0x144: LB_DELETESTRING, 0x14B: LB_RESETCONTENT,
            0x14E: LB_SETCURSEL, 0x147: LB_GETCURSEL, 0x148: LB_GETTEXT, 0x149: LB_GETTEXTLEN,
            0x146: LB_GETCOUNT, 0x14D: LB_SELECTSTRING, 0x14C: LB_FINDSTRING, 0x158: LB_FINDSTRINGEXACT,
            0x150: LB_GETITEMDATA, 0x151: LB_SETITEMDATA}
CB_SHOWDROPDOWN, CB_GETDROPPEDSTATE, CBN_SELCHANGE = 0x14F, 0x157, 1


def combobox_proc(hwnd, msg, wp, lp, wide):
    """The selection box of a combo box: items, selection and notifications like a list box; the
    list itself does not drop down (fixme once), the keyboard's Up/Down change the selection."""
    win = get_win(hwnd)
    if win is None:
        return 0
    d = _lb(win)
    if msg in CB_TO_LB:
        lbmsg = CB_TO_LB[msg]
        if lbmsg == LB_SETCURSEL or lbmsg == LB_SELECTSTRING or lbmsg == LB_RESETCONTENT:
            r = listbox_proc(hwnd, lbmsg, wp, lp, wide)
            _combo_text(win)
            return r
        if lbmsg == LB_ADDSTRING and not win.style & 0x100:       # CBS_SORT
            style, win.style = win.style, win.style & ~LBS_SORT
            try:
                return listbox_proc(hwnd, lbmsg, wp, lp, wide)
            finally:
                win.style = style
        if lbmsg == LB_ADDSTRING:
            style, win.style = win.style, win.style | LBS_SORT
            try:
                return listbox_proc(hwnd, lbmsg, wp, lp, wide)
            finally:
                win.style = style
        return listbox_proc(hwnd, lbmsg, wp, lp, wide)
    if msg == CB_SHOWDROPDOWN:
        if wp:
            from .state import state as _st
            st = _st()
            if not getattr(st, "combo_warned", False):
                st.combo_warned = True
                from .state import ch
                ch.fixme("ComboBox", "the drop-down list is not shown; use the keyboard or CB_SETCURSEL")
        return 1
    if msg == CB_GETDROPPEDSTATE:
        return 0
    handled, r = _common(win, msg, wp, lp, wide)
    if handled:
        return r
    if msg == WM_GETDLGCODE:
        return DLGC_WANTARROWS | DLGC_WANTCHARS
    if msg == WM_ERASEBKGND:
        return 1
    if msg in (WM_SETFOCUS, WM_KILLFOCUS):
        d["focus"] = msg == WM_SETFOCUS
        _redraw(win)
        return 0
    if msg in (WM_LBUTTONDOWN, WM_LBUTTONDBLCLK):
        from .win import set_focus
        if state().focus is not win:
            set_focus(win)
        return combobox_proc(hwnd, CB_SHOWDROPDOWN, 1, 0, wide)
    if msg == WM_KEYDOWN and (wp & 0xFF) in (0x26, 0x28):
        items = d["items"]
        if items:
            i = min(max(d["cur"] + (1 if (wp & 0xFF) == 0x28 else -1), 0), len(items) - 1)
            if i != d["cur"]:
                d["cur"] = i
                _combo_text(win)
                _redraw(win)
                _notify(win, CBN_SELCHANGE)
        return 0
    if msg == WM_PAINT:
        with painting(win.hwnd) as hdc:
            dc = get_dc(hdc)
            cw, ch_ = win.client_size()
            ih = min(realize(_font(win)).height + 6, ch_)
            brush = _ctlcolor(win, hdc, WM_CTLCOLOREDIT, COLOR_WINDOW)
            fill_rect_brush(dc, 0, 0, cw, ih, brush)
            draw_edge(dc, 0, 0, cw, ih, 0x808080, 0xFFFFFF, 0x404040, 0xDFDFDF)
            bw = min(16, cw)
            _fill(dc, cw - bw - 2, 2, cw - 2, ih - 2, sys_color(COLOR_BTNFACE))
            draw_edge(dc, cw - bw - 2, 2, cw - 2, ih - 2, 0xFFFFFF, 0x404040)
            ax, ay = cw - bw - 2 + bw // 2 - 3, ih // 2 - 1
            for k in range(4):
                _fill(dc, ax + k, ay + k, ax + 7 - k, ay + k + 1, 0)
            old = dc.font
            dc.font = _font(win)
            dc.bk_mode = 1
            items = d["items"]
            text = items[d["cur"]] if 0 <= d["cur"] < len(items) else ""
            if d.get("focus"):
                _fill(dc, 3, 3, cw - bw - 3, ih - 3, sys_color(COLOR_HIGHLIGHT))
                dc.text_color = sys_color(COLOR_HIGHLIGHTTEXT)
            text_out(dc, 4, (ih - realize(dc.font).height) // 2, text, 4, (3, 3, cw - bw - 3, ih - 3))
            dc.font = old
        return 0
    return def_window_proc(hwnd, msg, wp, lp, wide)


def _combo_text(win):
    d = _lb(win)
    items = d["items"]
    win.text = items[d["cur"]] if 0 <= d["cur"] < len(items) else ""


SBM_SETPOS, SBM_GETPOS, SBM_SETRANGE, SBM_GETRANGE, SBM_SETSCROLLINFO, SBM_GETSCROLLINFO = \
    0xE0, 0xE1, 0xE2, 0xE3, 0xE9, 0xEA


def set_scroll_info(d, si):
    """The SIF_RANGE/SIF_PAGE/SIF_POS parts of the SCROLLINFO at si onto scroll bar values d (a
    control's or a window's bar); returns the position, kept within the range."""
    mask, mn, mx, page, pos = struct.unpack("<IiiIi", proc().mem.read(si + 4, 20))
    if mask & 1:
        d["min"], d["max"] = mn, mx
    if mask & 2:
        d["page"] = page
    if mask & 4:
        d["pos"] = pos
    d["pos"] = max(d["min"], min(d["pos"], d["max"] - max(d["page"] - 1, 0)))
    return d["pos"]


def get_scroll_info(d, si):
    proc().mem.write(si + 8, struct.pack("<iiIii", d["min"], d["max"], d["page"], d["pos"], d["pos"]))


def scrollbar_proc(hwnd, msg, wp, lp, wide):
    """A scroll bar control: its values work (SBM_*), it is drawn as a plain sunken bar."""
    win = get_win(hwnd)
    if win is None:
        return 0
    d = win.data.setdefault("sb", {"min": 0, "max": 100, "pos": 0, "page": 0})
    mem = proc().mem
    if msg == SBM_SETPOS:
        old = d["pos"]
        d["pos"] = max(d["min"], min(wp - (1 << 32) if wp >> 31 and wp < (1 << 32) else wp, d["max"]))
        return old
    if msg == SBM_GETPOS:
        return d["pos"]
    if msg == SBM_SETRANGE:
        d["min"], d["max"] = wp, lp
        return d["pos"]
    if msg == SBM_GETRANGE:
        if wp:
            mem.write(wp, struct.pack("<i", d["min"]))
        if lp:
            mem.write(lp, struct.pack("<i", d["max"]))
        return 0
    if msg == SBM_SETSCROLLINFO:
        return set_scroll_info(d, lp)
    if msg == SBM_GETSCROLLINFO:
        get_scroll_info(d, lp)
        return 1
    if msg == WM_ERASEBKGND:
        return 1
    if msg == WM_PAINT:
        with painting(win.hwnd) as hdc:
            dc = get_dc(hdc)
            cw, ch_ = win.client_size()
            _fill(dc, 0, 0, cw, ch_, 0xE0E0E0)
            draw_edge(dc, 0, 0, cw, ch_, 0x808080, 0xFFFFFF)
        return 0
    return def_window_proc(hwnd, msg, wp, lp, wide)
