"""Window classes: RegisterClass(Ex)A/W, UnregisterClass, GetClassInfo(Ex), class longs, names.

Class names are case-insensitive; a class may also be named by its atom (MAKEINTATOM).
The system classes (BUTTON, STATIC, EDIT, LISTBOX, the dialog class #32770) are
registered for every process with winelike's own window procedures.
"""
from __future__ import annotations

import struct

from winelike.abi.types import BOOL, DWORD, HANDLE, HWND, INT, LONG, PTR, UINT, WORD, INT_PTR
from winelike.dlls.winapi import proc, set_last_error
from . import dll
from .state import WndClass, state, get_win, builtin_proc_address, ch, copy_text

ERROR_CLASS_ALREADY_EXISTS, ERROR_CLASS_DOES_NOT_EXIST, ERROR_INVALID_WINDOW_HANDLE = 1410, 1411, 1400
ERROR_CLASS_HAS_WINDOWS = 1412
GCL_MENUNAME, GCLP_HBRBACKGROUND, GCLP_HCURSOR, GCLP_HICON, GCLP_HMODULE = -8, -10, -12, -14, -16
GCL_CBWNDEXTRA, GCL_CBCLSEXTRA, GCLP_WNDPROC, GCL_STYLE, GCW_ATOM, GCLP_HICONSM = -18, -20, -24, -26, -32, -34


def class_name_arg(ptr: int, wide: bool):
    """A class name argument: a string pointer or an atom (<= 0xFFFF)."""
    if ptr <= 0xFFFF:
        return ptr
    p = proc()
    return p.mem.wstr(ptr) if wide else p.mem.cstr(ptr).decode(p.acp, "replace")


def find_class(name) -> WndClass | None:
    st = state()
    if isinstance(name, int):
        return st.atoms.get(name)
    return st.classes.get(name.lower())


def register(cls: WndClass) -> int:
    st = state()
    key = cls.name.lower()
    if key in st.classes and not st.classes[key].builtin:
        set_last_error(ERROR_CLASS_ALREADY_EXISTS)
        return 0
    cls.atom = st.next_atom
    st.next_atom += 1
    st.classes[key] = cls
    st.atoms[cls.atom] = cls
    return cls.atom


def register_builtin_classes(st):
    from . import controls, dialog
    pairs = [("Button", controls.button_proc, 0x4B, 2 * 8), ("Static", controls.static_proc, 0x88, 8),
             ("Edit", controls.edit_proc, 0x88, 8), ("ListBox", controls.listbox_proc, 0x8, 8),
             ("ComboBox", controls.combobox_proc, 0x8, 8), ("ScrollBar", controls.scrollbar_proc, 0x8, 8),
             ("#32770", dialog.dialog_proc, 0x8, 30 + 2 * 8)]
    for name, fn, style, extra in pairs:
        c = WndClass(name, style=style, wndproc=0, wnd_extra=extra, unicode=True)
        c.builtin = True
        c.pyproc = fn
        c.atom = 32770 if name == "#32770" else st.next_atom
        if name != "#32770":
            st.next_atom += 1
        c.cursor = 0x7F00
        c.background = 0 if name != "#32770" else 16     # COLOR_BTNFACE + 1
        st.classes[name.lower()] = c
        st.atoms[c.atom] = c


def builtin_wndproc(cls) -> int:
    if cls.builtin and not cls.wndproc:
        cls.wndproc = builtin_proc_address(cls.pyproc)
    return cls.wndproc


def _register_from(ptr, ex, wide):
    p = proc()
    mem = p.mem
    ps = p.ptr_size
    if ex:
        size = mem.u32(ptr)
        if size != (48 if ps == 4 else 80):
            set_last_error(87)
            return 0
        style = mem.u32(ptr + 4)
        off = ptr + 8
    else:
        style = mem.u32(ptr)
        off = ptr + ps
    wndproc = mem.ptr(off)
    cls_extra, wnd_extra = mem.i32(off + ps), mem.i32(off + ps + 4)
    off += ps + 8
    hinst, icon, cursor, bg, menu, name = (mem.ptr(off + i * ps) for i in range(6))
    icon_sm = mem.ptr(off + 6 * ps) if ex else 0
    if not name:
        set_last_error(87)
        return 0
    cname = class_name_arg(name, wide)
    if isinstance(cname, int):
        set_last_error(87)
        return 0
    if cls_extra < 0 or wnd_extra < 0 or cls_extra > 40 * 1024 or wnd_extra > 40 * 1024:
        set_last_error(87)
        return 0
    if menu > 0xFFFF:
        menu = class_name_arg(menu, wide)
    c = WndClass(cname, style, wndproc, cls_extra, wnd_extra, hinst, icon, cursor, bg, menu, icon_sm, wide)
    return register(c)


@dll.stdcall
def RegisterClassW(wc: PTR) -> WORD:
    return _register_from(wc, False, True)


@dll.stdcall
def RegisterClassA(wc: PTR) -> WORD:
    return _register_from(wc, False, False)


@dll.stdcall
def RegisterClassExW(wc: PTR) -> WORD:
    return _register_from(wc, True, True)


@dll.stdcall
def RegisterClassExA(wc: PTR) -> WORD:
    return _register_from(wc, True, False)


def _unregister(name):
    st = state()
    c = find_class(name)
    if c is None or c.builtin:
        set_last_error(ERROR_CLASS_DOES_NOT_EXIST)
        return 0
    if any(w.cls is c and not w.destroyed for w in st.windows.values()):
        set_last_error(ERROR_CLASS_HAS_WINDOWS)
        return 0
    del st.classes[c.name.lower()]
    st.atoms.pop(c.atom, None)
    return 1


@dll.stdcall
def UnregisterClassW(name: PTR, hinst: HANDLE) -> BOOL:
    return _unregister(class_name_arg(name, True))


@dll.stdcall
def UnregisterClassA(name: PTR, hinst: HANDLE) -> BOOL:
    return _unregister(class_name_arg(name, False))


def _class_info(name, out, ex, wide):
    c = find_class(name)
    if c is None:
        set_last_error(ERROR_CLASS_DOES_NOT_EXIST)
        return 0
    p = proc()
    ps = p.ptr_size
    fmt = "I" if ps == 4 else "Q"
    wndproc = builtin_wndproc(c)
    if ex:
        body = struct.pack(f"<II{fmt}ii", 48 if ps == 4 else 80, c.style, wndproc, c.cls_extra_n, c.wnd_extra)
    else:
        body = struct.pack(f"<I{'' if ps == 4 else '4x'}{fmt}ii", c.style, wndproc, c.cls_extra_n, c.wnd_extra)
    menu = c.menu_name if isinstance(c.menu_name, int) else 0
    body += struct.pack(f"<6{fmt}", c.hinstance, c.icon, c.cursor, c.background, menu, 0)
    if ex:
        body += struct.pack(f"<{fmt}", c.icon_sm)
    p.mem.write(out, body)
    # the class name pointer: keep the program's own if it passed a string; otherwise leave 0
    return c.atom


@dll.stdcall
def GetClassInfoW(hinst: HANDLE, name: PTR, out: PTR) -> BOOL:
    r = _class_info(class_name_arg(name, True), out, False, True)
    if r:
        _set_name_field(out, name, False)
    return int(bool(r))


@dll.stdcall
def GetClassInfoA(hinst: HANDLE, name: PTR, out: PTR) -> BOOL:
    r = _class_info(class_name_arg(name, False), out, False, False)
    if r:
        _set_name_field(out, name, False)
    return int(bool(r))


@dll.stdcall
def GetClassInfoExW(hinst: HANDLE, name: PTR, out: PTR) -> BOOL:
    r = _class_info(class_name_arg(name, True), out, True, True)
    if r:
        _set_name_field(out, name, True)
    return r


@dll.stdcall
def GetClassInfoExA(hinst: HANDLE, name: PTR, out: PTR) -> BOOL:
    r = _class_info(class_name_arg(name, False), out, True, False)
    if r:
        _set_name_field(out, name, True)
    return r


def _set_name_field(out, name, ex):
    p = proc()
    ps = p.ptr_size
    off = (8 if ex else ps) + ps + 8 + 5 * ps
    p.mem.wptr(out + off, name)


def get_class_long(hwnd, index, ptr_sized, wide):
    w = get_win(hwnd)
    if w is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    c = w.cls
    if index >= 0:
        size = proc().ptr_size if ptr_sized else 4
        if index + size > len(c.extra):
            set_last_error(1413)
            return 0
        return int.from_bytes(c.extra[index:index + size], "little")
    v = {GCL_STYLE: c.style, GCL_CBWNDEXTRA: c.wnd_extra, GCL_CBCLSEXTRA: c.cls_extra_n,
         GCLP_WNDPROC: builtin_wndproc(c), GCLP_HBRBACKGROUND: c.background, GCLP_HCURSOR: c.cursor,
         GCLP_HICON: c.icon, GCLP_HICONSM: c.icon_sm, GCLP_HMODULE: c.hinstance, GCW_ATOM: c.atom,
         GCL_MENUNAME: c.menu_name if isinstance(c.menu_name, int) else 0}.get(index)
    if v is None:
        set_last_error(1413)
        return 0
    return v


def set_class_long(hwnd, index, value, ptr_sized, wide):
    w = get_win(hwnd)
    if w is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    c = w.cls
    if index >= 0:
        size = proc().ptr_size if ptr_sized else 4
        if index + size > len(c.extra):
            set_last_error(1413)
            return 0
        old = int.from_bytes(c.extra[index:index + size], "little")
        c.extra[index:index + size] = (value & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
        return old
    attr = {GCL_STYLE: "style", GCLP_WNDPROC: "wndproc", GCLP_HBRBACKGROUND: "background",
            GCLP_HCURSOR: "cursor", GCLP_HICON: "icon", GCLP_HICONSM: "icon_sm", GCLP_HMODULE: "hinstance",
            GCL_CBWNDEXTRA: "wnd_extra"}.get(index)
    if attr is None:
        set_last_error(1413)
        return 0
    old = get_class_long(hwnd, index, ptr_sized, wide)
    setattr(c, attr, value)
    if attr == "wndproc":
        c.builtin = False
    return old


@dll.stdcall
def GetClassLongW(hwnd: HWND, index: INT) -> DWORD:
    return get_class_long(hwnd, index, False, True)


@dll.stdcall
def GetClassLongA(hwnd: HWND, index: INT) -> DWORD:
    return get_class_long(hwnd, index, False, False)


@dll.stdcall
def SetClassLongW(hwnd: HWND, index: INT, value: LONG) -> DWORD:
    return set_class_long(hwnd, index, value, False, True)


@dll.stdcall
def SetClassLongA(hwnd: HWND, index: INT, value: LONG) -> DWORD:
    return set_class_long(hwnd, index, value, False, False)


@dll.stdcall
def GetClassLongPtrW(hwnd: HWND, index: INT) -> INT_PTR:
    return get_class_long(hwnd, index, True, True)


@dll.stdcall
def GetClassLongPtrA(hwnd: HWND, index: INT) -> INT_PTR:
    return get_class_long(hwnd, index, True, False)


@dll.stdcall
def SetClassLongPtrW(hwnd: HWND, index: INT, value: INT_PTR) -> INT_PTR:
    return set_class_long(hwnd, index, value, True, True)


@dll.stdcall
def SetClassLongPtrA(hwnd: HWND, index: INT, value: INT_PTR) -> INT_PTR:
    return set_class_long(hwnd, index, value, True, False)


def _remote_class_name(hwnd, buf, n, wide):
    """Another process's top-level window: the class name the server keeps."""
    from . import remote
    info = remote.window_info(hwnd & 0xFFFFFFFF) if hwnd else None
    if info is None or not info.cls:
        if info is not None:
            ch.fixme("GetClassName", f"{hwnd:x}: the class of another process's child window is not known here")
        set_last_error(ERROR_INVALID_WINDOW_HANDLE if info is None else 120)
        return 0
    if n <= 0:
        set_last_error(122)
        return 0
    return copy_text(buf, n, info.cls, wide)


@dll.stdcall
def GetClassNameW(hwnd: HWND, buf: PTR, n: INT) -> INT:
    w = get_win(hwnd)
    if w is None:
        return _remote_class_name(hwnd, buf, n, True)
    if n <= 0:
        set_last_error(122)
        return 0
    return copy_text(buf, n, w.cls.name, True)


@dll.stdcall
def GetClassNameA(hwnd: HWND, buf: PTR, n: INT) -> INT:
    w = get_win(hwnd)
    if w is None:
        return _remote_class_name(hwnd, buf, n, False)
    if n <= 0:
        set_last_error(122)
        return 0
    return copy_text(buf, n, w.cls.name, False)
