"""MessageBoxA/W, MessageBoxExA/W, MessageBoxIndirectA/W: a dialog winelike builds and draws itself
(text, icon, the buttons of every MB_ set), answered by mouse or keyboard (Enter presses the
default button, Escape cancels when there is a Cancel button or only OK), returning the ID of
the button pressed.  SDL's own message box is not used: it does not exist headless.
"""
from __future__ import annotations

from winelike.abi.types import DWORD, HWND, INT, LPCSTR, LPCWSTR, PTR, UINT, WORD
from winelike.dlls.winapi import proc
from . import dll
from .state import get_win, send, state, lazy, lazy_func
GO = lazy("winelike.dlls.gdi32.objects")
realize = lazy_func("winelike.dlls.gdi32.text", "realize")
draw_text = lazy_func("winelike.dlls.gdi32.text", "draw_text")
DT_CALCRECT, DT_WORDBREAK, DT_NOPREFIX = 0x400, 0x10, 0x800

IDOK, IDCANCEL, IDABORT, IDRETRY, IDIGNORE, IDYES, IDNO, IDHELP, IDTRYAGAIN, IDCONTINUE = 1, 2, 3, 4, 5, 6, 7, 9, 10, 11
BUTTON_SETS = {
    0: [IDOK], 1: [IDOK, IDCANCEL], 2: [IDABORT, IDRETRY, IDIGNORE], 3: [IDYES, IDNO, IDCANCEL],
    4: [IDYES, IDNO], 5: [IDRETRY, IDCANCEL], 6: [IDCANCEL, IDTRYAGAIN, IDCONTINUE],
}
LABELS = {IDOK: "OK", IDCANCEL: "Cancel", IDABORT: "&Abort", IDRETRY: "&Retry", IDIGNORE: "&Ignore",
          IDYES: "&Yes", IDNO: "&No", IDHELP: "Help", IDTRYAGAIN: "&Try Again", IDCONTINUE: "&Continue"}
MB_ICONHAND, MB_ICONQUESTION, MB_ICONEXCLAMATION, MB_ICONASTERISK, MB_HELP = 0x10, 0x20, 0x30, 0x40, 0x4000
WM_INITDIALOG, WM_COMMAND, WM_PAINT, WM_CLOSE = 0x110, 0x111, 0xF, 0x10
BTN_W, BTN_H, GAP, MARGIN, ICON = 75, 23, 6, 11, 32


def message_box(owner, text, caption, style):
    from .win import create_window, nc_insets, show_window
    from .dialog import DlgState, modal_loop, _focus_control
    from winelike.gui import display
    text = text if text is not None else ""
    caption = caption if caption is not None else "Error"
    buttons = list(BUTTON_SETS.get(style & 0xF, [IDOK]))
    if style & MB_HELP:
        buttons.append(IDHELP)
    icon = style & 0xF0
    font = GO.Font(-11, face="MS Shell Dlg")
    hfont = GO.add(font)
    rf = realize(font)
    # measure the text
    from winelike.dlls.gdi32.dc import DC
    from winelike.gui.surface import Surface
    scratch = DC(Surface(1, 1))
    scratch.font = font
    _, rc = draw_text(scratch, text, (0, 0, 400, 0), DT_CALCRECT | DT_WORDBREAK | DT_NOPREFIX)
    tw, th = max(rc[2] - rc[0], 1), max(rc[3] - rc[1], rf.height)
    icon_w = (ICON + MARGIN) if icon else 0
    content_w = icon_w + tw
    buttons_w = len(buttons) * BTN_W + (len(buttons) - 1) * GAP
    cw = max(content_w, buttons_w) + 2 * MARGIN
    body_h = max(th, ICON if icon else 0)
    chh = MARGIN + body_h + MARGIN + BTN_H + MARGIN
    style_w = 0x80000000 | 0x00C00000 | 0x00080000 | 0x80     # WS_POPUP|WS_CAPTION|WS_SYSMENU|DS_MODALFRAME
    exstyle = 1 | 0x100                                         # WS_EX_DLGMODALFRAME|WS_EX_WINDOWEDGE
    if style & 0x40000:
        exstyle |= 8                                            # MB_TOPMOST
    il, it, ir, ib = nc_insets(style_w, exstyle)
    w, h = cw + il + ir, chh + it + ib
    sw, sh = display.screen_size()
    x, y = (sw - w) // 2, (sh - h) // 2
    hwnd = create_window(exstyle, "#32770", caption, style_w, x, y, w, h, owner or 0, 0, 0, 0, True)
    dlg = get_win(hwnd)
    if dlg is None:
        return 0
    d = DlgState()
    d.font = hfont
    d.own_font = True
    dlg.dlg = d
    p = proc()
    if len(dlg.extra) < 3 * p.ptr_size:
        dlg.extra.extend(bytes(3 * p.ptr_size - len(dlg.extra)))
    ty = MARGIN + (body_h - th) // 2
    tx = MARGIN + icon_w
    st_h = create_window(0, "Static", text, 0x40000000 | 0x10000000 | 0x80, tx, ty, tw + 1, th, hwnd,
                         0xFFFF, 0, 0, True)
    send(get_win(st_h), 0x30, hfont, 0)
    defbtn = min((style >> 8) & 0xF, len(buttons) - 1)
    bx = (cw - buttons_w) // 2
    by = chh - MARGIN - BTN_H
    first = None
    btns = []
    for i, ident in enumerate(buttons):
        bs = 0x40000000 | 0x10000000 | 0x10000 | (1 if i == defbtn else 0) | (0x20000 if i == 0 else 0)
        bh = create_window(0, "Button", LABELS[ident], bs, bx + i * (BTN_W + GAP), by, BTN_W, BTN_H, hwnd,
                           ident, 0, 0, True)
        bwin = get_win(bh)
        send(bwin, 0x30, hfont, 0)
        btns.append(bwin)
        if i == defbtn:
            first = bwin
    d.defid = buttons[defbtn]
    has_cancel = IDCANCEL in buttons
    only_ok = buttons == [IDOK]

    def pyproc(h, msg, wp, lp):
        if msg == WM_COMMAND:
            ident = wp & 0xFFFF
            if ident == IDCANCEL and not has_cancel:
                if only_ok:
                    ident = IDOK
                else:
                    return 1
            if ident in buttons or ident == IDOK and only_ok:
                from .dialog import EndDialog
                EndDialog(h, ident)
            return 1
        if msg == WM_PAINT and icon:
            from .paint import painting
            from winelike.dlls.gdi32.dc import get_dc
            from .resource import draw_system_icon
            with painting(h) as hdc:
                draw_system_icon(get_dc(hdc), MARGIN, MARGIN + (body_h - ICON) // 2, icon)
            return 1
        return 0
    d.pyproc = pyproc
    show_window(dlg, 1)
    if first is not None and not dlg.destroyed:
        _focus_control(dlg, first)
    return modal_loop(dlg)


@dll.stdcall
def MessageBoxW(hwnd: HWND, text: LPCWSTR, caption: LPCWSTR, style: UINT) -> INT:
    return message_box(hwnd, text, caption, style)


@dll.stdcall
def MessageBoxA(hwnd: HWND, text: LPCSTR, caption: LPCSTR, style: UINT) -> INT:
    return message_box(hwnd, text, caption, style)


@dll.stdcall
def MessageBoxExW(hwnd: HWND, text: LPCWSTR, caption: LPCWSTR, style: UINT, lang: WORD) -> INT:
    return message_box(hwnd, text, caption, style)


@dll.stdcall
def MessageBoxExA(hwnd: HWND, text: LPCSTR, caption: LPCSTR, style: UINT, lang: WORD) -> INT:
    return message_box(hwnd, text, caption, style)


@dll.stdcall
def MessageBoxTimeoutW(hwnd: HWND, text: LPCWSTR, caption: LPCWSTR, style: UINT, lang: WORD, ms: DWORD) -> INT:
    return message_box(hwnd, text, caption, style)


@dll.stdcall
def MessageBoxTimeoutA(hwnd: HWND, text: LPCSTR, caption: LPCSTR, style: UINT, lang: WORD, ms: DWORD) -> INT:
    return message_box(hwnd, text, caption, style)


@dll.stdcall
def MessageBeep(kind: UINT) -> INT:
    return 1
