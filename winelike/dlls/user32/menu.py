"""Menus, kept but not drawn: CreateMenu/CreatePopupMenu/AppendMenu/InsertMenu/LoadMenu from
resources, SetMenu/GetMenu, item state (Enable/CheckMenuItem, GetMenuState), counts and strings.
A program that builds and queries its menus works; the menu bar is not drawn and
TrackPopupMenu does not show anything (both say so with a fixme once).
Accelerator tables (LoadAccelerators, TranslateAccelerator) work.
"""
from __future__ import annotations

import struct

from winelike.abi.types import BOOL, DWORD, HANDLE, HWND, INT, PTR, UINT, INT_PTR
from winelike.dlls.winapi import proc, set_last_error
from . import dll
from .state import state, get_win, send, ch, copy_text

MF_BYPOSITION, MF_POPUP, MF_SEPARATOR, MF_CHECKED, MF_GRAYED, MF_DISABLED, MF_STRING = 0x400, 0x10, 0x800, 8, 1, 2, 0
MF_END = 0x80
ERROR_INVALID_MENU_HANDLE = 1401


class Menu:
    def __init__(self, popup=False):
        self.items = []          # dicts: id, flags, text, sub (Menu handle)
        self.popup = popup


def _menus():
    st = state()
    if not hasattr(st, "menus"):
        st.menus = {}
        st.next_menu = 0x50000
        st.menu_warned = False
    return st


def _new(popup=False):
    st = _menus()
    h = st.next_menu
    st.next_menu += 4
    st.menus[h] = Menu(popup)
    return h


def _get(h):
    m = _menus().menus.get(h & 0xFFFFFFFF)
    if m is None:
        set_last_error(ERROR_INVALID_MENU_HANDLE)
    return m


def _find(m, ident, flags):
    """(menu, index) of an item by position or by command id (searching submenus)."""
    if flags & MF_BYPOSITION:
        return (m, ident) if 0 <= ident < len(m.items) else (None, -1)
    for i, it in enumerate(m.items):
        if it["id"] == ident and not it["flags"] & MF_POPUP:
            return m, i
        if it["sub"]:
            sm = _menus().menus.get(it["sub"])
            if sm is not None:
                r = _find(sm, ident, 0)
                if r[0] is not None:
                    return r
    return None, -1


def _item(h, ident, flags):
    """(menu, index) of an item of menu h, or (None, -1) with the last error set for a bad handle."""
    m = _get(h)
    return _find(m, ident, flags) if m is not None else (None, -1)


@dll.stdcall
def CreateMenu() -> HANDLE:
    return _new()


@dll.stdcall
def CreatePopupMenu() -> HANDLE:
    return _new(True)


@dll.stdcall
def DestroyMenu(h: HANDLE) -> BOOL:
    st = _menus()
    m = st.menus.pop(h & 0xFFFFFFFF, None)
    if m is None:
        set_last_error(ERROR_INVALID_MENU_HANDLE)
        return 0
    for it in m.items:
        if it["sub"]:
            DestroyMenu(it["sub"])
    return 1


@dll.stdcall
def IsMenu(h: HANDLE) -> BOOL:
    return int((h & 0xFFFFFFFF) in _menus().menus)


def _text(ptr, flags, wide):
    if flags & (MF_SEPARATOR | 0x4 | 0x100) or not ptr:       # MF_BITMAP, MF_OWNERDRAW
        return ""
    p = proc()
    return p.mem.wstr(ptr) if wide else p.mem.cstr(ptr).decode(p.acp, "replace")


def _insert(h, pos, flags, ident, item, wide, append):
    m = _get(h)
    if m is None:
        return 0
    it = {"flags": flags & ~MF_BYPOSITION, "id": 0 if flags & MF_POPUP else ident & 0xFFFFFFFF,
          "sub": ident & 0xFFFFFFFF if flags & MF_POPUP else 0, "text": _text(item, flags, wide), "data": 0}
    if append:
        m.items.append(it)
    else:
        if flags & MF_BYPOSITION:
            i = len(m.items) if pos in (-1, 0xFFFFFFFF) or pos > len(m.items) else pos
        else:
            _, i = _find(m, pos, 0)
            if i < 0:
                i = len(m.items)
        m.items.insert(i, it)
    return 1


@dll.stdcall
def AppendMenuW(h: HANDLE, flags: UINT, ident: INT_PTR, item: PTR) -> BOOL:
    return _insert(h, 0, flags, ident, item, True, True)


@dll.stdcall
def AppendMenuA(h: HANDLE, flags: UINT, ident: INT_PTR, item: PTR) -> BOOL:
    return _insert(h, 0, flags, ident, item, False, True)


@dll.stdcall
def InsertMenuW(h: HANDLE, pos: UINT, flags: UINT, ident: INT_PTR, item: PTR) -> BOOL:
    return _insert(h, pos, flags, ident, item, True, False)


@dll.stdcall
def InsertMenuA(h: HANDLE, pos: UINT, flags: UINT, ident: INT_PTR, item: PTR) -> BOOL:
    return _insert(h, pos, flags, ident, item, False, False)


@dll.stdcall
def DeleteMenu(h: HANDLE, pos: UINT, flags: UINT) -> BOOL:
    mm, i = _item(h, pos, flags)
    if mm is None:
        return 0
    it = mm.items.pop(i)
    if it["sub"]:
        DestroyMenu(it["sub"])
    return 1


@dll.stdcall
def RemoveMenu(h: HANDLE, pos: UINT, flags: UINT) -> BOOL:
    mm, i = _item(h, pos, flags)
    if mm is None:
        return 0
    mm.items.pop(i)
    return 1


@dll.stdcall
def GetMenuItemCount(h: HANDLE) -> INT:
    m = _get(h)
    return len(m.items) if m is not None else -1


@dll.stdcall
def GetMenuItemID(h: HANDLE, pos: INT) -> UINT:
    m = _get(h)
    if m is None or not 0 <= pos < len(m.items):
        return 0xFFFFFFFF
    it = m.items[pos]
    return 0xFFFFFFFF if it["flags"] & MF_POPUP else it["id"]


@dll.stdcall
def GetSubMenu(h: HANDLE, pos: INT) -> HANDLE:
    m = _get(h)
    if m is None or not 0 <= pos < len(m.items):
        return 0
    return m.items[pos]["sub"]


@dll.stdcall
def GetMenuState(h: HANDLE, ident: UINT, flags: UINT) -> UINT:
    mm, i = _item(h, ident, flags)
    if mm is None:
        return 0xFFFFFFFF
    it = mm.items[i]
    f = it["flags"] & 0xFFFF
    if it["sub"]:
        sm = _menus().menus.get(it["sub"])
        f = (f & 0xFF) | ((len(sm.items) if sm else 0) << 8)
    return f


def _set_flag(h, ident, flags, mask, value_flags):
    mm, i = _item(h, ident, flags)
    if mm is None:
        return 0xFFFFFFFF
    it = mm.items[i]
    old = it["flags"] & mask
    it["flags"] = (it["flags"] & ~mask) | (value_flags & mask)
    return old


@dll.stdcall
def EnableMenuItem(h: HANDLE, ident: UINT, flags: UINT) -> BOOL:
    return _set_flag(h, ident, flags, MF_GRAYED | MF_DISABLED, flags)


@dll.stdcall
def CheckMenuItem(h: HANDLE, ident: UINT, flags: UINT) -> DWORD:
    return _set_flag(h, ident, flags, MF_CHECKED, flags)


@dll.stdcall
def CheckMenuRadioItem(h: HANDLE, first: UINT, last: UINT, check: UINT, flags: UINT) -> BOOL:
    m = _get(h)
    if m is None:
        return 0
    for i, it in enumerate(m.items):
        key = i if flags & MF_BYPOSITION else it["id"]
        if first <= key <= last:
            it["flags"] = (it["flags"] & ~MF_CHECKED) | (MF_CHECKED if key == check else 0)
    return 1


def _get_string(h, ident, buf, n, flags, wide):
    mm, i = _item(h, ident, flags)
    if mm is None:
        return 0
    s = mm.items[i]["text"]
    if not buf or n <= 0:
        return len(s)
    return copy_text(buf, n, s, wide)


@dll.stdcall
def GetMenuStringW(h: HANDLE, ident: UINT, buf: PTR, n: INT, flags: UINT) -> INT:
    return _get_string(h, ident, buf, n, flags, True)


@dll.stdcall
def GetMenuStringA(h: HANDLE, ident: UINT, buf: PTR, n: INT, flags: UINT) -> INT:
    return _get_string(h, ident, buf, n, flags, False)


def _modify(h, pos, flags, ident, item, wide):
    mm, i = _item(h, pos, flags)
    if mm is None:
        return 0
    mm.items[i] = {"flags": flags & ~MF_BYPOSITION, "id": 0 if flags & MF_POPUP else ident & 0xFFFFFFFF,
                   "sub": ident & 0xFFFFFFFF if flags & MF_POPUP else 0, "text": _text(item, flags, wide),
                   "data": 0}
    return 1


@dll.stdcall
def ModifyMenuW(h: HANDLE, pos: UINT, flags: UINT, ident: INT_PTR, item: PTR) -> BOOL:
    return _modify(h, pos, flags, ident, item, True)


@dll.stdcall
def ModifyMenuA(h: HANDLE, pos: UINT, flags: UINT, ident: INT_PTR, item: PTR) -> BOOL:
    return _modify(h, pos, flags, ident, item, False)


def _warn_not_drawn(what):
    st = _menus()
    if not st.menu_warned:
        st.menu_warned = True
        ch.fixme(what, "menus are kept but not drawn")


@dll.stdcall
def SetMenu(hwnd: HWND, h: HANDLE) -> BOOL:
    win = get_win(hwnd)
    if win is None or (h and _get(h) is None):
        return 0
    win.menu = h & 0xFFFFFFFF
    if h:
        _warn_not_drawn("SetMenu")
    return 1


@dll.stdcall
def GetMenu(hwnd: HWND) -> HANDLE:
    win = get_win(hwnd)
    return getattr(win, "menu", 0) if win is not None else 0


@dll.stdcall
def DrawMenuBar(hwnd: HWND) -> BOOL:
    return int(get_win(hwnd) is not None)


@dll.stdcall
def GetSystemMenu(hwnd: HWND, revert: BOOL) -> HANDLE:
    win = get_win(hwnd)
    if win is None:
        return 0
    h = getattr(win, "sysmenu", 0)
    if not h:
        h = win.sysmenu = _new(True)
    return h


@dll.stdcall
def TrackPopupMenu(h: HANDLE, flags: UINT, x: INT, y: INT, reserved: INT, hwnd: HWND, rc: PTR) -> BOOL:
    ch.fixme("TrackPopupMenu", "popup menus are not shown; nothing is chosen")
    return 0


@dll.stdcall
def TrackPopupMenuEx(h: HANDLE, flags: UINT, x: INT, y: INT, hwnd: HWND, params: PTR) -> BOOL:
    return TrackPopupMenu(h, flags, x, y, 0, hwnd, 0)


def load_menu(hinst, name):
    from .resource import find_resource
    RT_MENU = 4
    res = find_resource(hinst, RT_MENU, name)
    if res is None:
        set_last_error(1814)
        return 0
    mem = proc().mem
    addr = res[0]
    version = mem.u16(addr)
    if version != 0:
        ch.fixme("LoadMenu", "MENUEX templates")
        return 0
    pos = addr + 4 + mem.u16(addr + 2)

    def parse(popup):
        nonlocal pos
        h = _new(popup)
        m = _menus().menus[h]
        while True:
            flags = mem.u16(pos)
            pos += 2
            ident = 0
            if not flags & MF_POPUP:
                ident = mem.u16(pos)
                pos += 2
            text = mem.wstr(pos)
            pos += 2 * (len(text) + 1)
            it = {"flags": flags & ~MF_END, "id": ident, "sub": 0, "text": text, "data": 0}
            if not text and not flags & MF_POPUP and ident == 0:
                it["flags"] |= MF_SEPARATOR
            if flags & MF_POPUP:
                it["sub"] = parse(True)
            m.items.append(it)
            if flags & MF_END:
                return h
    return parse(False)


def _name(ptr, wide):
    if ptr <= 0xFFFF:
        return ptr
    p = proc()
    return p.mem.wstr(ptr) if wide else p.mem.cstr(ptr).decode(p.acp, "replace")


@dll.stdcall
def LoadMenuW(hinst: HANDLE, name: PTR) -> HANDLE:
    return load_menu(hinst, _name(name, True))


@dll.stdcall
def LoadMenuA(hinst: HANDLE, name: PTR) -> HANDLE:
    return load_menu(hinst, _name(name, False))


# ---- accelerators ---------------------------------------------------------------------------

FVIRTKEY, FSHIFT, FCONTROL, FALT = 1, 4, 8, 0x10


def _accels():
    st = state()
    if not hasattr(st, "accels"):
        st.accels = {}
        st.next_accel = 0x60000
    return st


def load_accelerators(hinst, name):
    from .resource import find_resource
    res = find_resource(hinst, 9, name)
    if res is None:
        set_last_error(1814)
        return 0
    mem = proc().mem
    addr, size = res
    table = []
    for i in range(size // 8):
        f, key, cmd = mem.u16(addr + 8 * i), mem.u16(addr + 8 * i + 2), mem.u16(addr + 8 * i + 4)
        table.append((f & 0x7F, key, cmd))
        if f & 0x80:
            break
    st = _accels()
    h = st.next_accel
    st.next_accel += 4
    st.accels[h] = table
    return h


@dll.stdcall
def LoadAcceleratorsW(hinst: HANDLE, name: PTR) -> HANDLE:
    return load_accelerators(hinst, _name(name, True))


@dll.stdcall
def LoadAcceleratorsA(hinst: HANDLE, name: PTR) -> HANDLE:
    return load_accelerators(hinst, _name(name, False))


@dll.stdcall
def DestroyAcceleratorTable(h: HANDLE) -> BOOL:
    return int(_accels().accels.pop(h & 0xFFFFFFFF, None) is not None)


def _translate_accel(hwnd, h, msgp):
    from .message import read_msg
    table = _accels().accels.get(h & 0xFFFFFFFF)
    if table is None or not msgp:
        return 0
    m = read_msg(msgp)
    msg, wp = m[1], m[2]
    st = state()
    keys = st.keys
    shift, ctrl, alt = bool(keys[0x10] & 0x80), bool(keys[0x11] & 0x80), bool(keys[0x12] & 0x80)
    for f, key, cmd in table:
        if f & FVIRTKEY:
            if msg not in (0x100, 0x104) or wp != key:
                continue
            if bool(f & FSHIFT) != shift or bool(f & FCONTROL) != ctrl or bool(f & FALT) != alt:
                continue
        else:
            if msg not in (0x102, 0x106) or wp != key:
                continue
        win = get_win(hwnd)
        if win is None:
            return 0
        send(win, 0x111, (cmd & 0xFFFF) | (1 << 16), 0)
        return 1
    return 0


@dll.stdcall
def TranslateAcceleratorW(hwnd: HWND, h: HANDLE, msgp: PTR) -> INT:
    return _translate_accel(hwnd, h, msgp)


@dll.stdcall
def TranslateAcceleratorA(hwnd: HWND, h: HANDLE, msgp: PTR) -> INT:
    return _translate_accel(hwnd, h, msgp)
