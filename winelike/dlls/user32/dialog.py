"""Dialogs: DialogBox(Indirect)Param, CreateDialog(Indirect)Param from DLGTEMPLATE(EX) resources or
memory, the dialog class (#32770) and DefDlgProc, EndDialog, IsDialogMessage (Tab, Shift+Tab,
Enter, Escape), GetDlgItem, Get/SetDlgItemText, Get/SetDlgItemInt, CheckDlgButton and friends.

Dialog units become pixels with the dialog font's base units, as on Windows:
x * avg_char_width / 4, y * char_height / 8.  A modal dialog runs its own message loop
on the calling thread, with the owner disabled meanwhile.
"""
from __future__ import annotations

import struct

from winelike.abi.types import BOOL, DWORD, HANDLE, HWND, INT, INT_PTR, LPARAM, PTR, UINT, WPARAM
from winelike.dlls.winapi import proc, set_last_error
from . import dll
from .state import state, get_win, send, send_message, ch, queue, lazy
GO = lazy("winelike.dlls.gdi32.objects")

WM_SETFOCUS, WM_KILLFOCUS, WM_CLOSE, WM_ERASEBKGND, WM_ACTIVATE, WM_SETFONT, WM_GETFONT = 7, 8, 0x10, 0x14, 6, 0x30, 0x31
WM_NEXTDLGCTL, WM_GETDLGCODE, WM_INITDIALOG, WM_COMMAND, WM_NCDESTROY = 0x28, 0x87, 0x110, 0x111, 0x82
WM_KEYDOWN, WM_CHAR, WM_QUIT, WM_PAINT = 0x100, 0x102, 0x12, 0xF
WM_CTLCOLORMSGBOX, WM_CTLCOLORSTATIC, WM_COMPAREITEM, WM_VKEYTOITEM, WM_CHARTOITEM, WM_QUERYDRAGICON = \
    0x132, 0x138, 0x39, 0x2E, 0x2F, 0x37
DM_GETDEFID, DM_SETDEFID, DC_HASDEFID = 0x400, 0x401, 0x534B
DLGC_WANTARROWS, DLGC_WANTTAB, DLGC_WANTALLKEYS, DLGC_WANTMESSAGE, DLGC_HASSETSEL, DLGC_DEFPUSHBUTTON = 1, 2, 4, 4, 8, 0x10
DLGC_UNDEFPUSHBUTTON, DLGC_RADIOBUTTON, DLGC_WANTCHARS, DLGC_STATIC, DLGC_BUTTON = 0x20, 0x40, 0x80, 0x100, 0x2000
DS_ABSALIGN, DS_SYSMODAL, DS_SETFONT, DS_MODALFRAME, DS_NOFAILCREATE, DS_CONTROL, DS_CENTER = 1, 2, 0x40, 0x80, 0x10, 0x400, 0x800
DS_SHELLFONT = 0x48
WS_CHILD, WS_VISIBLE, WS_DISABLED, WS_GROUP, WS_TABSTOP = 0x40000000, 0x10000000, 0x08000000, 0x20000, 0x10000
WS_EX_DLGMODALFRAME = 1
IDOK, IDCANCEL = 1, 2
VK_TAB, VK_RETURN, VK_ESCAPE, VK_SHIFT = 9, 0xD, 0x1B, 0x10
ORDINAL_CLASSES = {0x80: "Button", 0x81: "Edit", 0x82: "Static", 0x83: "ListBox", 0x84: "ScrollBar", 0x85: "ComboBox"}


class DlgState:
    def __init__(self):
        self.dlgproc = 0
        self.pyproc = None
        self.font = 0
        self.own_font = False
        self.ended = False
        self.result = 0
        self.defid = IDOK
        self.saved_focus = None
        self.base = (6, 13)


def _off_result():
    return 0


def _off_proc():
    return proc().ptr_size


def _off_user():
    return 2 * proc().ptr_size


def _get_ptr(win, off):
    ps = proc().ptr_size
    return int.from_bytes(win.extra[off:off + ps], "little")


def _set_ptr(win, off, v):
    ps = proc().ptr_size
    win.extra[off:off + ps] = (v & ((1 << (8 * ps)) - 1)).to_bytes(ps, "little")


# ---- templates ------------------------------------------------------------------------------

class Reader:
    def __init__(self, mem, addr):
        self.mem, self.pos = mem, addr

    def u16(self):
        v = self.mem.u16(self.pos)
        self.pos += 2
        return v

    def u32(self):
        v = self.mem.u32(self.pos)
        self.pos += 4
        return v

    def i16(self):
        v = self.u16()
        return v - 0x10000 if v & 0x8000 else v

    def sz_or_ord(self):
        first = self.mem.u16(self.pos)
        if first == 0:
            self.pos += 2
            return None
        if first == 0xFFFF:
            self.pos += 2
            return self.u16()
        s = self.mem.wstr(self.pos)
        self.pos += 2 * (len(s) + 1)
        return s

    def string(self):
        s = self.mem.wstr(self.pos)
        self.pos += 2 * (len(s) + 1)
        return s

    def align4(self):
        self.pos = (self.pos + 3) & ~3


def parse_template(addr):
    mem = proc().mem
    r = Reader(mem, addr)
    ex = mem.u16(addr) == 1 and mem.u16(addr + 2) == 0xFFFF
    t = {"ex": ex}
    if ex:
        r.pos += 4
        t["help"] = r.u32()
        t["exstyle"] = r.u32()
        t["style"] = r.u32()
    else:
        t["style"] = r.u32()
        t["exstyle"] = r.u32()
    n = r.u16()
    t["x"], t["y"], t["cx"], t["cy"] = r.i16(), r.i16(), r.i16(), r.i16()
    t["menu"] = r.sz_or_ord()
    t["class"] = r.sz_or_ord()
    t["title"] = r.string()
    t["font"] = None
    if t["style"] & DS_SETFONT:
        pt = r.u16()
        weight, italic, charset = 400, 0, 1
        if ex:
            weight = r.u16()
            italic = mem.u8(r.pos)
            charset = mem.u8(r.pos + 1)
            r.pos += 2
        face = r.string()
        t["font"] = (pt, weight, italic, charset, face)
    items = []
    for _ in range(n):
        r.align4()
        it = {}
        if ex:
            it["help"] = r.u32()
            it["exstyle"] = r.u32()
            it["style"] = r.u32()
        else:
            it["style"] = r.u32()
            it["exstyle"] = r.u32()
        it["x"], it["y"], it["cx"], it["cy"] = r.i16(), r.i16(), r.i16(), r.i16()
        it["id"] = r.u32() if ex else r.u16()
        it["class"] = r.sz_or_ord()
        it["title"] = r.sz_or_ord()
        extra = r.u16()
        it["data"] = r.pos if extra else 0
        r.pos += extra
        items.append(it)
    t["items"] = items
    return t


def base_units(font):
    from winelike.dlls.gdi32.text import realize
    rf = realize(font)
    w = rf.extent("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return (w // 26 + 1) // 2, rf.height


def call_dlgproc(win, msg, wp, lp):
    d = win.dlg
    if d is None:
        return 0
    if d.pyproc is not None:
        return d.pyproc(win.hwnd, msg, wp, lp)
    fn = _get_ptr(win, _off_proc())
    if not fn:
        return 0
    p = proc()
    mask = (1 << p.bits) - 1
    r = p.cpu.call(fn, (win.hwnd, msg, wp & mask, lp & mask), p.callback_ret)
    return r & mask


def create_from_template(hinst, t, owner_h, dlgproc, param, pyproc=None, center=False):
    from .win import create_window, nc_insets, desktop_window, show_window, set_focus
    from winelike.gui import display
    p = proc()
    st = state()
    if t["font"] is not None:
        pt, weight, italic, charset, face = t["font"]
        font = GO.Font(-((pt * 96 + 36) // 72), weight=weight, italic=italic, charset=charset, face=face)
        hfont = GO.add(font)
        own = True
    else:
        font = GO.stock(GO.SYSTEM_FONT)
        hfont = 0
        own = False
    bx, by = base_units(font)

    def px(x, y):
        return (x * bx + 2) // 4, (y * by + 4) // 8
    style = t["style"]
    exstyle = t["exstyle"]
    if style & DS_MODALFRAME:
        exstyle |= WS_EX_DLGMODALFRAME
    cw, chh = px(t["cx"], t["cy"])
    il, it_, ir, ib = nc_insets(style | (0 if style & (WS_CHILD | 0x80000000) else 0xC00000), exstyle)
    w, h = cw + il + ir, chh + it_ + ib
    x, y = px(t["x"], t["y"])
    owner = get_win(owner_h)
    if style & WS_CHILD:
        pass
    elif center or style & DS_CENTER:
        sw, sh = display.screen_size()
        x, y = (sw - w) // 2, (sh - h) // 2
    elif owner is not None and not style & DS_ABSALIGN:
        ox, oy = owner.client_screen()
        x, y = x + ox, y + oy
    cname = t["class"] if t["class"] is not None else "#32770"
    if isinstance(cname, int):
        cname = "#32770"
    hwnd = create_window(exstyle, cname, t["title"], style & ~WS_VISIBLE, x, y, w, h, owner_h if owner_h else 0,
                         0, hinst, param, True)
    win = get_win(hwnd)
    if win is None:
        return 0
    d = DlgState()
    d.pyproc = pyproc
    d.font = hfont
    d.own_font = own
    d.base = (bx, by)
    win.dlg = d
    if len(win.extra) < 3 * p.ptr_size:
        win.extra.extend(bytes(3 * p.ptr_size - len(win.extra)))
    _set_ptr(win, _off_proc(), dlgproc)
    if hfont:
        send(win, WM_SETFONT, hfont, 0)
    first_tab = None
    for it in t["items"]:
        c = it["class"]
        cls = ORDINAL_CLASSES.get(c, "Static") if isinstance(c, int) else c
        title = it["title"]
        text = title if isinstance(title, str) else ""
        cx, cy = px(it["x"], it["y"])
        cw2, ch2 = px(it["cx"], it["cy"])
        chwnd = create_window(it["exstyle"], cls, text, it["style"] | WS_CHILD, cx, cy, cw2, ch2, hwnd,
                              it["id"], hinst, it["data"], True)
        if not chwnd:
            if not style & DS_NOFAILCREATE:
                from .win import destroy_window
                destroy_window(win)
                return 0
            continue
        cwin = get_win(chwnd)
        if isinstance(title, int) and cls.lower() == "static":
            from .resource import load_icon, get_icon
            from .win import set_window_pos
            icon = cwin.data["icon"] = load_icon(hinst, title)
            ic = get_icon(icon) if icon else None
            if ic is not None and (it["style"] & 0x1F) == 3 and not it["style"] & 0x200:
                set_window_pos(cwin, None, 0, 0, ic.w, ic.h, 0x2 | 0x4 | 0x10)   # SS_ICON: the icon size
        if hfont:
            send(cwin, WM_SETFONT, hfont, 0)
        if first_tab is None and it["style"] & WS_TABSTOP and not it["style"] & WS_DISABLED:
            first_tab = cwin
        if cls.lower() == "button" and (it["style"] & 0xF) == 1:
            d.defid = it["id"]
    if win.destroyed:
        return 0
    r = call_dlgproc_init(win, first_tab, param)
    if win.destroyed:
        return 0
    if r and first_tab is not None and not first_tab.destroyed:
        _focus_control(win, first_tab)
    if style & WS_VISIBLE and not win.visible:
        show_window(win, 1)
    return hwnd


def call_dlgproc_init(win, first_tab, param):
    return send(win, WM_INITDIALOG, first_tab.hwnd if first_tab is not None else 0, param)


def _focus_control(dlg, ctl):
    from .win import set_focus
    from .controls import EM_SETSEL
    set_focus(ctl)
    if ctl.cls.name.lower() == "edit":
        send(ctl, EM_SETSEL, 0, -1)
    if dlg.dlg is not None:
        dlg.dlg.saved_focus = ctl


def tab_items(dlg):
    out = []

    def walk(lst):
        for c in lst:
            if c.destroyed or not c.visible or not c.enabled:
                continue
            if c.exstyle & 0x10000 and c.children:     # WS_EX_CONTROLPARENT
                walk(c.children)
            elif c.style & WS_TABSTOP:
                out.append(c)
    walk(dlg.children)
    return out


def next_tab(dlg, ctl, prev):
    items = tab_items(dlg)
    if not items:
        return None
    if ctl not in items:
        return items[-1] if prev else items[0]
    i = items.index(ctl)
    return items[(i - 1) % len(items)] if prev else items[(i + 1) % len(items)]


def _is_in(dlg, w):
    while w is not None:
        if w is dlg:
            return True
        w = w.parent
    return False


def _defid(dlg):
    r = send(dlg, DM_GETDEFID, 0, 0)
    if (r >> 16) & 0xFFFF == DC_HASDEFID:
        return r & 0xFFFF
    return IDOK


def _click_id(dlg, ident):
    ctl = next((c for c in dlg.children if (c.id & 0xFFFF) == ident and not c.destroyed), None)
    if ctl is not None and not ctl.enabled:
        return
    send(dlg, WM_COMMAND, ident & 0xFFFF, ctl.hwnd if ctl is not None else 0)


def is_dialog_message(dlg, m):
    from .message import dispatch
    from .input import translate
    hwnd, msg, wp = m[0], m[1], m[2]
    w = get_win(hwnd)
    if w is None or dlg is None or not _is_in(dlg, w):
        return False
    if msg in (WM_KEYDOWN, WM_CHAR):
        vk = wp & 0xFFFF
        code = send(w, WM_GETDLGCODE, vk, 0) if w is not dlg else 0
        if msg == WM_KEYDOWN:
            if vk == VK_TAB and not code & (DLGC_WANTTAB | DLGC_WANTALLKEYS):
                prev = bool(state().keys[VK_SHIFT] & 0x80)
                focus = state().focus
                nxt = next_tab(dlg, focus, prev)
                if nxt is not None:
                    _focus_control(dlg, nxt)
                return True
            if vk == VK_RETURN and not code & DLGC_WANTALLKEYS:
                focus = state().focus
                if focus is not None and focus.cls.name.lower() == "button" and (focus.style & 0xF) in (0, 1):
                    _click_id(dlg, focus.id)
                else:
                    _click_id(dlg, _defid(dlg))
                return True
            if vk == VK_ESCAPE and not code & DLGC_WANTALLKEYS:
                send(dlg, WM_COMMAND, IDCANCEL, _item_hwnd(dlg, IDCANCEL))
                return True
        elif msg == WM_CHAR and vk in (VK_TAB, VK_RETURN, VK_ESCAPE) and not code & DLGC_WANTALLKEYS:
            if not (vk == VK_TAB and code & DLGC_WANTTAB):
                return True
    translate(m)
    dispatch(m, True)
    return True


def _item_hwnd(dlg, ident):
    c = next((c for c in dlg.children if (c.id & 0xFFFF) == ident and not c.destroyed), None)
    return c.hwnd if c is not None else 0


def def_dlg_proc(hwnd, msg, wp, lp, wide):
    from .defwnd import def_window_proc
    win = get_win(hwnd)
    if win is None:
        return 0
    if win.dlg is None:
        win.dlg = DlgState()
        if len(win.extra) < 3 * proc().ptr_size:
            win.extra.extend(bytes(3 * proc().ptr_size - len(win.extra)))
    _set_ptr(win, _off_result(), 0)
    r = call_dlgproc(win, msg, wp, lp)
    if win.destroyed:
        return r
    if msg in (WM_COMPAREITEM, WM_VKEYTOITEM, WM_CHARTOITEM, WM_QUERYDRAGICON, WM_INITDIALOG) or \
            WM_CTLCOLORMSGBOX <= msg <= WM_CTLCOLORSTATIC:
        if r:
            return r
    elif r & 0xFFFFFFFF:
        return _get_ptr(win, _off_result())
    d = win.dlg
    if msg == WM_ERASEBKGND:
        from winelike.dlls.gdi32.dc import get_dc
        from winelike.dlls.gdi32.draw import fill_rect_brush
        from .sysparams import sys_color_brush
        dc = get_dc(wp)
        if dc is not None:
            cw, chh = win.client_size()
            fill_rect_brush(dc, 0, 0, cw, chh, GO.get(sys_color_brush(15)))
        return 1
    if msg == WM_CLOSE:
        send(win, WM_COMMAND, IDCANCEL, _item_hwnd(win, IDCANCEL))
        return 0
    if msg == WM_ACTIVATE:
        if wp & 0xFFFF:
            f = d.saved_focus
            if f is not None and not f.destroyed:
                from .win import set_focus
                set_focus(f)
                return 0
            items = tab_items(win)
            if items:
                _focus_control(win, items[0])
                return 0
        else:
            f = state().focus
            if f is not None and _is_in(win, f):
                d.saved_focus = f
        return def_window_proc(hwnd, msg, wp, lp, wide)
    if msg == WM_SETFOCUS:
        f = d.saved_focus
        items = tab_items(win)
        if f is not None and not f.destroyed:
            from .win import set_focus
            set_focus(f)
        elif items:
            _focus_control(win, items[0])
        return 0
    if msg == DM_GETDEFID:
        return (d.defid & 0xFFFF) | (DC_HASDEFID << 16)
    if msg == DM_SETDEFID:
        d.defid = wp & 0xFFFF
        return 1
    if msg == WM_NEXTDLGCTL:
        if lp & 0xFFFF:
            c = get_win(wp)
        else:
            c = next_tab(win, state().focus, bool(wp))
        if c is not None:
            _focus_control(win, c)
        return 0
    if msg == WM_GETFONT:
        return d.font
    if msg == WM_SETFONT:
        d.font = wp & 0xFFFFFFFF
        return 0
    if msg == WM_NCDESTROY:
        if d.own_font and d.font:
            GO.DeleteObject(d.font)
            d.font = 0
        return def_window_proc(hwnd, msg, wp, lp, wide)
    return def_window_proc(hwnd, msg, wp, lp, wide)


def dialog_proc(hwnd, msg, wp, lp, wide):
    return def_dlg_proc(hwnd, msg, wp, lp, wide)


def modal_loop(win):
    from .message import peek_message, PostQuitMessage, PM_REMOVE
    from .win import show_window, EnableWindow, set_active, destroy_window
    owner = win.owner
    reenable = False
    if owner is not None and owner.enabled:
        EnableWindow(owner.hwnd, 0)
        reenable = True
    if not win.dlg.ended and not win.visible:
        show_window(win, 1)
    quit_code = None
    while not win.destroyed and not win.dlg.ended:
        m = peek_message(0, 0, 0, 0, PM_REMOVE, True, True)
        if m is None or m == "error":
            continue
        if m[1] == WM_QUIT:
            quit_code = m[2]
            break
        if not is_dialog_message(win, m):
            from .input import translate
            from .message import dispatch
            translate(m)
            dispatch(m, True)
    result = win.dlg.result if win.dlg is not None else -1
    if reenable and not owner.destroyed:
        EnableWindow(owner.hwnd, 1)
        set_active(owner)
    if not win.destroyed:
        destroy_window(win)
    if quit_code is not None:
        PostQuitMessage(quit_code)
    return result


def _template(hinst, name, wide):
    from .resource import find_resource, RT_DIALOG
    key = name if name <= 0xFFFF else (proc().mem.wstr(name) if wide else
                                       proc().mem.cstr(name).decode(proc().acp, "replace"))
    res = find_resource(hinst, RT_DIALOG, key)
    if res is None:
        set_last_error(1814)        # ERROR_RESOURCE_NAME_NOT_FOUND
        return None
    return parse_template(res[0])


def _dialog_box(hinst, t, owner, dlgproc, param):
    if t is None:
        return -1
    hwnd = create_from_template(hinst, t, owner, dlgproc, param)
    win = get_win(hwnd)
    if win is None:
        return -1
    return modal_loop(win)


@dll.stdcall
def DialogBoxParamW(hinst: HANDLE, name: PTR, owner: HWND, fn: PTR, param: LPARAM) -> INT_PTR:
    return _dialog_box(hinst, _template(hinst, name, True), owner, fn, param)


@dll.stdcall
def DialogBoxParamA(hinst: HANDLE, name: PTR, owner: HWND, fn: PTR, param: LPARAM) -> INT_PTR:
    return _dialog_box(hinst, _template(hinst, name, False), owner, fn, param)


@dll.stdcall
def DialogBoxIndirectParamW(hinst: HANDLE, tmpl: PTR, owner: HWND, fn: PTR, param: LPARAM) -> INT_PTR:
    return _dialog_box(hinst, parse_template(tmpl), owner, fn, param)


@dll.stdcall
def DialogBoxIndirectParamA(hinst: HANDLE, tmpl: PTR, owner: HWND, fn: PTR, param: LPARAM) -> INT_PTR:
    return _dialog_box(hinst, parse_template(tmpl), owner, fn, param)


@dll.stdcall
def CreateDialogParamW(hinst: HANDLE, name: PTR, owner: HWND, fn: PTR, param: LPARAM) -> HWND:
    t = _template(hinst, name, True)
    return create_from_template(hinst, t, owner, fn, param) if t is not None else 0


@dll.stdcall
def CreateDialogParamA(hinst: HANDLE, name: PTR, owner: HWND, fn: PTR, param: LPARAM) -> HWND:
    t = _template(hinst, name, False)
    return create_from_template(hinst, t, owner, fn, param) if t is not None else 0


@dll.stdcall
def CreateDialogIndirectParamW(hinst: HANDLE, tmpl: PTR, owner: HWND, fn: PTR, param: LPARAM) -> HWND:
    return create_from_template(hinst, parse_template(tmpl), owner, fn, param)


@dll.stdcall
def CreateDialogIndirectParamA(hinst: HANDLE, tmpl: PTR, owner: HWND, fn: PTR, param: LPARAM) -> HWND:
    return create_from_template(hinst, parse_template(tmpl), owner, fn, param)


@dll.stdcall
def EndDialog(hwnd: HWND, result: INT_PTR) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(1400)
        return 0
    if win.dlg is None:
        win.dlg = DlgState()
    win.dlg.ended = True
    win.dlg.result = result
    from .win import show_window
    show_window(win, 0)
    queue(win.tid).wake()
    return 1


@dll.stdcall
def DefDlgProcW(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> INT_PTR:
    return def_dlg_proc(hwnd, msg, wp, lp, True)


@dll.stdcall
def DefDlgProcA(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> INT_PTR:
    return def_dlg_proc(hwnd, msg, wp, lp, False)


def _is_dialog_message(hdlg, msgp):
    from .message import read_msg
    dlg = get_win(hdlg)
    if dlg is None:
        return 0
    return int(is_dialog_message(dlg, read_msg(msgp)))


@dll.stdcall
def IsDialogMessageW(hdlg: HWND, msgp: PTR) -> BOOL:
    return _is_dialog_message(hdlg, msgp)


@dll.stdcall
def IsDialogMessageA(hdlg: HWND, msgp: PTR) -> BOOL:
    return _is_dialog_message(hdlg, msgp)


def _item(hdlg, ident):
    dlg = get_win(hdlg)
    if dlg is None:
        set_last_error(1400)
        return None
    for c in dlg.children:
        if not c.destroyed and (c.id & 0xFFFFFFFF) == (ident & 0xFFFFFFFF):
            return c
    set_last_error(1421)        # ERROR_CONTROL_ID_NOT_FOUND
    return None


@dll.stdcall
def GetDlgItem(hdlg: HWND, ident: INT) -> HWND:
    c = _item(hdlg, ident)
    return c.hwnd if c is not None else 0


@dll.stdcall
def SetDlgItemTextW(hdlg: HWND, ident: INT, text: PTR) -> BOOL:
    from .win import SetWindowTextW
    c = _item(hdlg, ident)
    return SetWindowTextW(c.hwnd, text) if c is not None else 0


@dll.stdcall
def SetDlgItemTextA(hdlg: HWND, ident: INT, text: PTR) -> BOOL:
    from .win import SetWindowTextA
    c = _item(hdlg, ident)
    return SetWindowTextA(c.hwnd, text) if c is not None else 0


@dll.stdcall
def GetDlgItemTextW(hdlg: HWND, ident: INT, buf: PTR, n: INT) -> UINT:
    from .win import GetWindowTextW
    c = _item(hdlg, ident)
    if c is None:
        if buf and n > 0:
            proc().mem.write(buf, b"\0\0")
        return 0
    return GetWindowTextW(c.hwnd, buf, n)


@dll.stdcall
def GetDlgItemTextA(hdlg: HWND, ident: INT, buf: PTR, n: INT) -> UINT:
    from .win import GetWindowTextA
    c = _item(hdlg, ident)
    if c is None:
        if buf and n > 0:
            proc().mem.write(buf, b"\0")
        return 0
    return GetWindowTextA(c.hwnd, buf, n)


@dll.stdcall
def SetDlgItemInt(hdlg: HWND, ident: INT, value: UINT, signed: BOOL) -> BOOL:
    from .win import set_text
    c = _item(hdlg, ident)
    if c is None:
        return 0
    v = value - (1 << 32) if signed and value >> 31 else value
    set_text(c, str(v), True)
    return 1


@dll.stdcall
def GetDlgItemInt(hdlg: HWND, ident: INT, ok: PTR, signed: BOOL) -> UINT:
    c = _item(hdlg, ident)
    mem = proc().mem
    if ok:
        mem.w32(ok, 0)
    if c is None:
        return 0
    s = c.text.strip()
    try:
        v = int(s, 10)
    except ValueError:
        # Windows reads leading digits only when the whole text is a number; otherwise it fails
        return 0
    if not signed and v < 0:
        return 0
    if signed and not -(1 << 31) <= v < (1 << 31) or not signed and v >= (1 << 32):
        return 0
    if ok:
        mem.w32(ok, 1)
    return v & 0xFFFFFFFF


@dll.stdcall
def SendDlgItemMessageW(hdlg: HWND, ident: INT, msg: UINT, wp: WPARAM, lp: LPARAM) -> INT_PTR:
    c = _item(hdlg, ident)
    return send_message(c.hwnd, msg, wp, lp, True) if c is not None else 0


@dll.stdcall
def SendDlgItemMessageA(hdlg: HWND, ident: INT, msg: UINT, wp: WPARAM, lp: LPARAM) -> INT_PTR:
    c = _item(hdlg, ident)
    return send_message(c.hwnd, msg, wp, lp, False) if c is not None else 0


@dll.stdcall
def CheckDlgButton(hdlg: HWND, ident: INT, check: UINT) -> BOOL:
    c = _item(hdlg, ident)
    if c is None:
        return 0
    send(c, 0xF1, check, 0)
    return 1


@dll.stdcall
def IsDlgButtonChecked(hdlg: HWND, ident: INT) -> UINT:
    c = _item(hdlg, ident)
    return send(c, 0xF0, 0, 0) if c is not None else 0


@dll.stdcall
def CheckRadioButton(hdlg: HWND, first: INT, last: INT, check: INT) -> BOOL:
    dlg = get_win(hdlg)
    if dlg is None:
        return 0
    for c in dlg.children:
        if first <= (c.id & 0xFFFFFFFF) <= last:
            send(c, 0xF1, 1 if c.id == check else 0, 0)
    return 1


@dll.stdcall
def GetNextDlgTabItem(hdlg: HWND, hctl: HWND, prev: BOOL) -> HWND:
    dlg = get_win(hdlg)
    if dlg is None:
        return 0
    c = next_tab(dlg, get_win(hctl), bool(prev))
    return c.hwnd if c is not None else 0


@dll.stdcall
def GetNextDlgGroupItem(hdlg: HWND, hctl: HWND, prev: BOOL) -> HWND:
    return GetNextDlgTabItem(hdlg, hctl, prev)


@dll.stdcall
def MapDialogRect(hdlg: HWND, rc: PTR) -> BOOL:
    dlg = get_win(hdlg)
    if dlg is None or dlg.dlg is None:
        return 0
    bx, by = dlg.dlg.base
    mem = proc().mem
    l, t, r, b = struct.unpack("<4i", mem.read(rc, 16))
    mem.write(rc, struct.pack("<4i", (l * bx + 2) // 4, (t * by + 4) // 8, (r * bx + 2) // 4, (b * by + 4) // 8))
    return 1


@dll.stdcall
def GetDialogBaseUnits() -> INT:
    bx, by = base_units(GO.stock(GO.SYSTEM_FONT))
    return (bx & 0xFFFF) | (by << 16)
