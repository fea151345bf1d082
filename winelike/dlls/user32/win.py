"""Windows: CreateWindowEx, DestroyWindow, ShowWindow, SetWindowPos/MoveWindow, rectangles and
coordinates, window longs, text, the tree (GetParent/GetWindow/FindWindow), enabling, focus
and activation.

Geometry: `rect` is the window rect in the parent's client coordinates (screen for
top-level windows), `client` the client rect in window coordinates, computed from the
styles by nc_insets() (the same numbers AdjustWindowRectEx and GetSystemMetrics give).
Messages follow Windows' order: creation sends WM_GETMINMAXINFO (top-level),
WM_NCCREATE, WM_NCCALCSIZE, WM_CREATE; the first show sends WM_SHOWWINDOW,
WM_WINDOWPOSCHANGING, activation, WM_WINDOWPOSCHANGED, WM_SIZE, WM_MOVE; destruction
sends WM_DESTROY parent first and WM_NCDESTROY children first.
"""
from __future__ import annotations

import struct

from winelike.abi.types import BOOL, DWORD, HANDLE, HWND, INT, INT_PTR, LONG, LPARAM, PTR, UINT, ULONGLONG, WPARAM
from winelike.dlls.winapi import ERROR_NOT_ENOUGH_MEMORY, proc, set_last_error, get_last_error
from . import dll
from .state import Window, state, get_win, send, send_message, ch, queue, lazy_func, copy_text
Surface = lazy_func("winelike.gui.surface", "Surface")
from .classes import class_name_arg, find_class, builtin_wndproc

# styles
WS_OVERLAPPED, WS_POPUP, WS_CHILD, WS_MINIMIZE, WS_VISIBLE, WS_DISABLED = 0, 0x80000000, 0x40000000, 0x20000000, 0x10000000, 0x08000000
WS_CLIPSIBLINGS, WS_CLIPCHILDREN, WS_MAXIMIZE, WS_CAPTION, WS_BORDER, WS_DLGFRAME = 0x04000000, 0x02000000, 0x01000000, 0x00C00000, 0x00800000, 0x00400000
WS_VSCROLL, WS_HSCROLL, WS_SYSMENU, WS_THICKFRAME = 0x00200000, 0x00100000, 0x00080000, 0x00040000
WS_EX_DLGMODALFRAME, WS_EX_NOPARENTNOTIFY, WS_EX_TOPMOST, WS_EX_CLIENTEDGE, WS_EX_STATICEDGE = 1, 4, 8, 0x200, 0x20000
WS_EX_WINDOWEDGE, WS_EX_CONTROLPARENT = 0x100, 0x10000

WM_CREATE, WM_DESTROY, WM_MOVE, WM_SIZE, WM_ACTIVATE, WM_SETFOCUS, WM_KILLFOCUS, WM_ENABLE = 1, 2, 3, 5, 6, 7, 8, 0xA
WM_SETTEXT, WM_GETTEXT, WM_GETTEXTLENGTH, WM_CLOSE, WM_SHOWWINDOW, WM_ACTIVATEAPP = 0xC, 0xD, 0xE, 0x10, 0x18, 0x1C
WM_GETMINMAXINFO, WM_WINDOWPOSCHANGING, WM_WINDOWPOSCHANGED = 0x24, 0x46, 0x47
WM_NCCREATE, WM_NCDESTROY, WM_NCCALCSIZE, WM_NCACTIVATE, WM_PARENTNOTIFY = 0x81, 0x82, 0x83, 0x86, 0x210
WM_STYLECHANGING, WM_STYLECHANGED = 0x7C, 0x7D

SWP_NOSIZE, SWP_NOMOVE, SWP_NOZORDER, SWP_NOREDRAW, SWP_NOACTIVATE, SWP_FRAMECHANGED = 1, 2, 4, 8, 0x10, 0x20
SWP_SHOWWINDOW, SWP_HIDEWINDOW, SWP_NOOWNERZORDER, SWP_NOSENDCHANGING = 0x40, 0x80, 0x200, 0x400
SWP_NOCLIENTSIZE, SWP_NOCLIENTMOVE = 0x800, 0x1000

ERROR_INVALID_WINDOW_HANDLE, ERROR_CANNOT_FIND_WND_CLASS, ERROR_TLW_WITH_WSCHILD = 1400, 1407, 1406
ERROR_ACCESS_DENIED = 5
CW_USEDEFAULT = -0x80000000
HWND_MESSAGE = -3

CAPTION_H = 20      # SM_CYCAPTION
FRAME_THICK, FRAME_DLG, FRAME_BORDER, EDGE_CLIENT, EDGE_STATIC = 4, 3, 1, 2, 1


def signed(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >> 31 else v


def nc_insets(style, exstyle, is_child=None):
    """(left, top, right, bottom) widths of the non-client area for these styles."""
    child = bool(style & WS_CHILD) if is_child is None else is_child
    b = 0
    if style & WS_THICKFRAME:
        b = FRAME_THICK
    elif (style & WS_DLGFRAME) or exstyle & WS_EX_DLGMODALFRAME:
        b = FRAME_DLG
    elif style & WS_BORDER:
        b = FRAME_BORDER
    if exstyle & WS_EX_CLIENTEDGE:
        b += EDGE_CLIENT
    if exstyle & WS_EX_STATICEDGE:
        b += EDGE_STATIC
    top = b
    if (style & WS_CAPTION) == WS_CAPTION:
        top += CAPTION_H - (1 if b else 0)
    right, bottom = b, b
    if style & WS_VSCROLL:
        right += 16
    if style & WS_HSCROLL:
        bottom += 16
    return b, top, right, bottom


def compute_client(win):
    l, t, r, b = win.rect
    il, it, ir, ib = nc_insets(win.style, win.exstyle)
    w, h = r - l, b - t
    win.client = (il, it, max(il, w - ir), max(it, h - ib))


def _ensure_surface(win):
    if win.parent is not None:
        return
    l, t, r, b = win.rect
    w, h = max(r - l, 1), max(b - t, 1)
    if win.surface is None:
        win.surface = Surface(w, h, fill=0xC0C0C0)
    elif (win.surface.w, win.surface.h) != (w, h):
        win.surface = win.surface.resized(w, h, fill=0xC0C0C0)


def _alloc_hwnd(st, toplevel, cls_name, title):
    """An hwnd from the server (unique among the prefix's processes, see remote.py)."""
    from . import remote
    return remote.alloc_hwnd(toplevel, cls_name, title)


def desktop_window():
    st = state()
    d = st.windows.get(st.desktop_hwnd)
    if d is None:
        from .state import WndClass
        from winelike.gui import display
        c = WndClass("#32769", wndproc=0)
        c.builtin = True
        from .defwnd import desktop_proc
        c.pyproc = desktop_proc
        d = Window(st.desktop_hwnd, c, WS_POPUP | WS_VISIBLE | WS_CLIPCHILDREN, 0, "", None, None, 0)
        d.wndproc = builtin_wndproc(c)
        w, h = display.screen_size()
        d.rect = (0, 0, w, h)
        d.client = (0, 0, w, h)
        st.windows[d.hwnd] = d
    return d


# ---- creation ------------------------------------------------------------------------

def create_window(exstyle, cname, title, style, x, y, w, h, parent_h, menu, hinst, param, wide,
                  cname_ptr=0, title_ptr=0):
    p = proc()
    st = state()
    cls = find_class(cname)
    if cls is None:
        set_last_error(ERROR_CANNOT_FIND_WND_CLASS)
        return 0
    desk = desktop_window()
    parent = None
    owner = None
    message_only = False
    if parent_h and signed(parent_h) == HWND_MESSAGE:
        message_only = True
        style &= ~WS_CHILD
    elif parent_h and (parent_h & 0xFFFFFFFF) != desk.hwnd:
        pw = get_win(parent_h)
        if pw is None:
            set_last_error(ERROR_INVALID_WINDOW_HANDLE)
            return 0
        if style & WS_CHILD:
            parent = pw
        else:
            owner = pw.top()
    elif style & WS_CHILD and not parent_h:
        set_last_error(ERROR_TLW_WITH_WSCHILD)
        return 0
    if not style & (WS_CHILD | WS_POPUP):
        style |= WS_CAPTION | WS_CLIPSIBLINGS
        exstyle |= WS_EX_WINDOWEDGE
    if exstyle & WS_EX_DLGMODALFRAME:
        exstyle |= WS_EX_WINDOWEDGE
    tid = p.thread.tid
    toplevel = parent is None and not message_only
    hwnd = _alloc_hwnd(st, toplevel, cls.name, title or "")
    if not hwnd:
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
        return 0
    win = Window(hwnd, cls, style & ~WS_VISIBLE, exstyle, "", parent, owner, tid)
    if toplevel:
        win.server_text = title or ""    # what the server was told (WM_NCCREATE sets the same)
    win.message_only = message_only
    if not title_ptr:
        win.text = title or ""
    win.wndproc = builtin_wndproc(cls) if cls.builtin else cls.wndproc
    win.unicode = True if cls.builtin else cls.unicode
    win.hinstance = hinst
    if style & WS_CHILD:
        win.id = menu
    else:
        win.id = menu
    # position: CW_USEDEFAULT for overlapped windows
    sw, sh = desk.rect[2], desk.rect[3]
    if parent is None and not (style & WS_POPUP):
        if x == CW_USEDEFAULT:
            n = len(st.toplevel) % 8
            x, y = 20 + 24 * n, 20 + 24 * n
        if w == CW_USEDEFAULT:
            w, h = sw * 3 // 4, sh * 3 // 4
    else:
        if x == CW_USEDEFAULT:
            x, y = 0, 0
        if w == CW_USEDEFAULT:
            w, h = 0, 0
    w, h = max(w, 0), max(h, 0)
    win.rect = (x, y, x + w, y + h)
    st.windows[win.hwnd] = win
    if parent is not None:
        parent.children.append(win)          # a new child goes to the bottom of the z-order
    elif not message_only:
        st.toplevel.insert(0, win)
    compute_client(win)
    _ensure_surface(win)
    mem = p.mem
    ps = p.ptr_size
    # CREATESTRUCT, used for WM_NCCREATE and WM_CREATE
    if ps == 4:
        cs = struct.pack("<4I4iI3I", param & 0xFFFFFFFF, hinst & 0xFFFFFFFF, menu & 0xFFFFFFFF,
                         (parent_h or 0) & 0xFFFFFFFF, h, w, y, x, style & 0xFFFFFFFF,
                         title_ptr & 0xFFFFFFFF, cname_ptr & 0xFFFFFFFF, exstyle & 0xFFFFFFFF)
    else:
        cs = struct.pack("<4Q4iI4x2QI4x", param & (2**64 - 1), hinst, menu, parent_h or 0, h, w, y, x,
                         style & 0xFFFFFFFF, title_ptr, cname_ptr, exstyle & 0xFFFFFFFF)
    buf = p.heap_alloc(len(cs) + 64, zero=True)
    mem.write(buf, cs)
    try:
        if parent is None and (style & WS_THICKFRAME or not style & (WS_POPUP | WS_CHILD)):
            mm = buf + len(cs)
            mem.write(mm, struct.pack("<10i", 0, 0, sw, sh, 0, 0, 112, 27, sw + 8, sh + 8))
            send(win, WM_GETMINMAXINFO, 0, mm, wide)
        if not send(win, WM_NCCREATE, 0, buf, wide):
            _free_window(win)
            set_last_error(0)
            return 0
        if win.destroyed:
            return 0
        l, t, r, b = win.rect
        rc = buf + len(cs)
        mem.write(rc, struct.pack("<4i", l, t, r, b))
        send(win, WM_NCCALCSIZE, 0, rc, wide)
        if win.destroyed:
            return 0
        cl, ct, cr, cb = struct.unpack("<4i", mem.read(rc, 16))
        win.client = (cl - l, ct - t, max(cl - l, cr - l), max(ct - t, cb - t))
        if send(win, WM_CREATE, 0, buf, wide) == -1:
            destroy_window(win)
            return 0
        if win.destroyed:
            return 0
    finally:
        p.process_heap.free_block(buf)
    if parent is not None and not exstyle & WS_EX_NOPARENTNOTIFY:
        _parent_notify(win, WM_CREATE)
    if style & WS_VISIBLE:
        show_window(win, 5)
    return win.hwnd


def _parent_notify(win, event):
    w = win
    while w.is_child and not w.exstyle & WS_EX_NOPARENTNOTIFY and w.parent is not None:
        par = w.parent
        send(par, WM_PARENTNOTIFY, (event & 0xFFFF) | ((win.id & 0xFFFF) << 16), win.hwnd)
        w = par


@dll.stdcall
def CreateWindowExW(exstyle: DWORD, cname: PTR, title: PTR, style: DWORD, x: INT, y: INT, w: INT, h: INT,
                    parent: HWND, menu: HANDLE, hinst: HANDLE, param: PTR) -> HWND:
    name = class_name_arg(cname, True)
    t = proc().mem.wstr(title) if title else ""
    return create_window(exstyle, name, t, style, x, y, w, h, parent, menu, hinst, param, True, cname, title)


@dll.stdcall
def CreateWindowExA(exstyle: DWORD, cname: PTR, title: PTR, style: DWORD, x: INT, y: INT, w: INT, h: INT,
                    parent: HWND, menu: HANDLE, hinst: HANDLE, param: PTR) -> HWND:
    p = proc()
    name = class_name_arg(cname, False)
    t = p.mem.cstr(title).decode(p.acp, "replace") if title else ""
    return create_window(exstyle, name, t, style, x, y, w, h, parent, menu, hinst, param, False, cname, title)


# ---- destruction ------------------------------------------------------------------------

def _free_window(win, tell_server=True):
    st = state()
    if win.destroyed:
        return
    win.destroyed = True
    if tell_server and win.hwnd != st.desktop_hwnd:
        from . import remote
        remote.free_hwnd(win.hwnd)
    if win.parent is not None:
        if win in win.parent.children:
            win.parent.children.remove(win)
    elif win in st.toplevel:
        st.toplevel.remove(win)
    st.windows.pop(win.hwnd, None)
    if st.focus is win:
        st.focus = None
    if st.active is win:
        st.active = None
    if st.capture is win:
        st.capture = None
    q = st.queues.get(win.tid)
    if q is not None:
        for key in [k for k in q.timers if k[0] == win.hwnd]:
            del q.timers[key]
        with q.cond:
            kept = [m for m in q.posted if m[0] != win.hwnd]
            q.posted.clear()
            q.posted.extend(kept)
    if win.own_dc:
        from winelike.dlls.gdi32 import objects as GO
        GO.state().objects.pop(win.own_dc, None)


def _send_destroy(win):
    send(win, WM_DESTROY, 0, 0)
    for c in list(win.children):
        if not c.destroyed:
            _send_destroy(c)


def _send_ncdestroy(win):
    for c in list(win.children):
        _send_ncdestroy(c)
    if not win.destroyed:
        send(win, WM_NCDESTROY, 0, 0)
        _free_window(win)


def destroy_window(win):
    st = state()
    p = proc()
    if win.tid != p.thread.tid:
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    # owned windows go first
    if win.parent is None:
        for o in [w for w in st.toplevel if w.owner is win and not w.destroyed]:
            destroy_window(o)
    if win.is_child and not win.exstyle & WS_EX_NOPARENTNOTIFY:
        _parent_notify(win, WM_DESTROY)
    if win.visible:
        set_window_pos(win, None, 0, 0, 0, 0, SWP_HIDEWINDOW | SWP_NOSIZE | SWP_NOMOVE | SWP_NOZORDER |
                       SWP_NOACTIVATE)
    if st.active is win or (st.active is not None and st.active.destroyed):
        st.active = None
        nxt = next((w for w in st.toplevel if w is not win and w.visible and w.tid == win.tid
                    and not w.destroyed), None)
        if nxt is not None:
            set_active(nxt)
    if st.focus is not None and (st.focus is win or _is_descendant(st.focus, win)):
        st.focus = None
    _send_destroy(win)
    _send_ncdestroy(win)
    return 1


def _is_descendant(w, anc):
    p = w.parent
    while p is not None:
        if p is anc:
            return True
        p = p.parent
    return False


@dll.stdcall
def DestroyWindow(hwnd: HWND) -> BOOL:
    win = get_win(hwnd)
    if win is None or win is desktop_window():
        set_last_error(ERROR_INVALID_WINDOW_HANDLE if win is None else ERROR_ACCESS_DENIED)
        return 0
    return destroy_window(win)


# ---- position, size, visibility ----------------------------------------------------------

def invalidate_all(win, erase=True):
    """Invalidate the window's client area (and children) and its frame."""
    w, h = win.client_size()
    win.update = (0, 0, w, h) if w > 0 and h > 0 else win.update
    win.erase = win.erase or erase
    win.ncpaint = True
    for c in win.children:
        invalidate_all(c, erase)
    queue(win.tid).wake()


def set_window_pos(win, after, x, y, cx, cy, flags):
    p = proc()
    mem = p.mem
    st = state()
    l, t, r, b = win.rect
    if flags & SWP_NOMOVE:
        x, y = l, t
    if flags & SWP_NOSIZE:
        cx, cy = r - l, b - t
    cx, cy = max(cx, 0), max(cy, 0)
    ps = p.ptr_size
    fmt = "<2I5i" if ps == 4 else "<2Q5i4x"
    wp_buf = p.heap_alloc(48, zero=True)
    after_h = (after.hwnd if isinstance(after, Window) else (after or 0)) & ((1 << p.bits) - 1)
    try:
        mem.write(wp_buf, struct.pack(fmt, win.hwnd, after_h, x, y, cx, cy, flags))
        if not flags & SWP_NOSENDCHANGING and not (flags & SWP_NOMOVE and flags & SWP_NOSIZE and
                                                   not flags & (SWP_SHOWWINDOW | SWP_HIDEWINDOW)
                                                   and flags & SWP_NOZORDER):
            send(win, WM_WINDOWPOSCHANGING, 0, wp_buf)
            if win.destroyed:
                return 0
            v = struct.unpack(fmt, mem.read(wp_buf, struct.calcsize(fmt)))
            x, y, cx, cy, flags = v[2], v[3], v[4], v[5], v[6]
            if flags & SWP_NOMOVE:
                x, y = l, t
            if flags & SWP_NOSIZE:
                cx, cy = r - l, b - t
        moved = (x, y) != (l, t)
        sized = (cx, cy) != (r - l, b - t)
        win.rect = (x, y, x + cx, y + cy)
        old_client = win.client
        if sized or flags & SWP_FRAMECHANGED:
            compute_client(win)
            _ensure_surface(win)
        showing = flags & SWP_SHOWWINDOW and not win.visible
        hiding = flags & SWP_HIDEWINDOW and win.visible
        if showing:
            win.style |= WS_VISIBLE
        if hiding:
            win.style &= ~WS_VISIBLE
        if not flags & SWP_NOZORDER and win.parent is None and win in st.toplevel:
            st.toplevel.remove(win)
            st.toplevel.insert(0, win)
        if showing or sized or flags & SWP_FRAMECHANGED:
            if not flags & SWP_NOREDRAW:
                invalidate_all(win)
        if hiding and win.parent is not None:
            invalidate_all(win.parent)
        if moved and win.parent is not None:
            invalidate_all(win.parent)
        if showing and win.parent is None and not flags & SWP_NOACTIVATE:
            set_active(win)
        if (old_client[2] - old_client[0], old_client[3] - old_client[1]) == win.client_size() and not sized:
            flags |= SWP_NOCLIENTSIZE
        if not moved:
            flags |= SWP_NOCLIENTMOVE
        mem.write(wp_buf, struct.pack(fmt, win.hwnd, after_h, x, y, cx, cy, flags))
        if not (flags & SWP_NOMOVE and flags & SWP_NOSIZE and not (showing or hiding) and flags & SWP_NOZORDER
                and not flags & SWP_FRAMECHANGED):
            send(win, WM_WINDOWPOSCHANGED, 0, wp_buf)
    finally:
        p.process_heap.free_block(wp_buf)
    return 1


def send_size_move(win):
    w, h = win.client_size()
    state_ = 2 if win.style & WS_MAXIMIZE else 1 if win.style & WS_MINIMIZE else 0
    send(win, WM_SIZE, state_, (w & 0xFFFF) | ((h & 0xFFFF) << 16))
    x, y = win.rect[0] + win.client[0], win.rect[1] + win.client[1]
    send(win, WM_MOVE, 0, (x & 0xFFFF) | ((y & 0xFFFF) << 16))
    win.need_size = False


def show_window(win, cmd):
    was = win.visible
    if cmd == 0:            # SW_HIDE
        if not was:
            return 0
        send(win, WM_SHOWWINDOW, 0, 0)
        set_window_pos(win, None, 0, 0, 0, 0, SWP_HIDEWINDOW | SWP_NOSIZE | SWP_NOMOVE | SWP_NOZORDER |
                       SWP_NOACTIVATE)
        st = state()
        if st.active is win:
            st.active = None
            nxt = next((w for w in st.toplevel if w is not win and w.visible and not w.destroyed), None)
            if nxt is not None:
                set_active(nxt)
        if st.focus is not None and (st.focus is win or _is_descendant(st.focus, win)):
            st.focus = None
        return 1
    if cmd in (2, 6, 7, 11):
        ch.fixme("ShowWindow", f"minimize ({cmd}) shows the window")
    if cmd == 3:
        win.style |= WS_MAXIMIZE
    noact = cmd in (4, 7, 8) or win.is_child
    if not was:
        send(win, WM_SHOWWINDOW, 1, 0)
        if win.destroyed:
            return 0
        flags = SWP_SHOWWINDOW | SWP_NOSIZE | SWP_NOMOVE | (SWP_NOACTIVATE | SWP_NOZORDER if noact else 0)
        if cmd == 3 and win.parent is None:
            from winelike.gui import display
            sw, sh = display.screen_size()
            set_window_pos(win, None, 0, 0, sw, sh, SWP_SHOWWINDOW)
        else:
            set_window_pos(win, None, 0, 0, 0, 0, flags)
    elif not noact and win.parent is None:
        set_active(win)
    if win.need_size and not win.destroyed:
        send_size_move(win)
    return int(was)


@dll.stdcall
def ShowWindow(hwnd: HWND, cmd: INT) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    return show_window(win, cmd)


@dll.stdcall
def ShowWindowAsync(hwnd: HWND, cmd: INT) -> BOOL:
    return ShowWindow(hwnd, cmd)


@dll.stdcall
def SetWindowPos(hwnd: HWND, after: HWND, x: INT, y: INT, cx: INT, cy: INT, flags: UINT) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    return set_window_pos(win, after, x, y, cx, cy, flags)


@dll.stdcall
def MoveWindow(hwnd: HWND, x: INT, y: INT, w: INT, h: INT, repaint: BOOL) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    return set_window_pos(win, None, x, y, w, h, SWP_NOZORDER | SWP_NOACTIVATE | (0 if repaint else SWP_NOREDRAW))


@dll.stdcall
def BringWindowToTop(hwnd: HWND) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        return 0
    return set_window_pos(win, None, 0, 0, 0, 0, SWP_NOMOVE | SWP_NOSIZE)


def _write_rect(ptr, rc):
    proc().mem.write(ptr, struct.pack("<4i", *rc))


@dll.stdcall
def GetClientRect(hwnd: HWND, rc: PTR) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    w, h = win.client_size()
    _write_rect(rc, (0, 0, w, h))
    return 1


@dll.stdcall
def GetWindowRect(hwnd: HWND, rc: PTR) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    x, y = win.screen_origin()
    l, t, r, b = win.rect
    _write_rect(rc, (x, y, x + r - l, y + b - t))
    return 1


def _adjust(rc, style, exstyle):
    mem = proc().mem
    l, t, r, b = struct.unpack("<4i", mem.read(rc, 16))
    il, it, ir, ib = nc_insets(style, exstyle, False)
    _write_rect(rc, (l - il, t - it, r + ir, b + ib))
    return 1


@dll.stdcall
def AdjustWindowRectEx(rc: PTR, style: DWORD, menu: BOOL, exstyle: DWORD) -> BOOL:
    if not style & (WS_CHILD | WS_POPUP):
        style |= WS_CAPTION
    if menu:
        ch.fixme("AdjustWindowRectEx", "menus are not drawn")
    return _adjust(rc, style, exstyle)


@dll.stdcall
def AdjustWindowRect(rc: PTR, style: DWORD, menu: BOOL) -> BOOL:
    return AdjustWindowRectEx(rc, style, menu, 0)


def _map_points(src, dst, pts, n):
    mem = proc().mem
    sx, sy = src.client_screen() if src is not None else (0, 0)
    dx, dy = dst.client_screen() if dst is not None else (0, 0)
    ox, oy = sx - dx, sy - dy
    for i in range(n):
        x, y = struct.unpack("<2i", mem.read(pts + 8 * i, 8))
        mem.write(pts + 8 * i, struct.pack("<2i", x + ox, y + oy))
    return ox, oy


@dll.stdcall
def ClientToScreen(hwnd: HWND, pt: PTR) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    _map_points(win, None, pt, 1)
    return 1


@dll.stdcall
def ScreenToClient(hwnd: HWND, pt: PTR) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    _map_points(None, win, pt, 1)
    return 1


@dll.stdcall
def MapWindowPoints(hfrom: HWND, hto: HWND, pts: PTR, n: UINT) -> INT:
    desk = desktop_window().hwnd
    src = get_win(hfrom) if hfrom and hfrom != desk else None
    dst = get_win(hto) if hto and hto != desk else None
    if (hfrom and hfrom != desk and src is None) or (hto and hto != desk and dst is None):
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    ox, oy = _map_points(src, dst, pts, n)
    return ((ox & 0xFFFF) | ((oy & 0xFFFF) << 16))


# ---- window longs -----------------------------------------------------------------------

GWLP_WNDPROC, GWLP_HINSTANCE, GWLP_HWNDPARENT, GWLP_ID, GWL_STYLE, GWL_EXSTYLE, GWLP_USERDATA = -4, -6, -8, -12, -16, -20, -21


def get_window_long(hwnd, index, ptr_sized, wide):
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    p = proc()
    if index >= 0:
        size = p.ptr_size if ptr_sized else 4
        if index + size > len(win.extra):
            set_last_error(1413)       # ERROR_INVALID_INDEX
            return 0
        v = int.from_bytes(win.extra[index:index + size], "little")
        return v
    if index == GWLP_WNDPROC:
        return win.wndproc
    if index == GWLP_HINSTANCE:
        return win.hinstance
    if index == GWLP_HWNDPARENT:
        return win.parent.hwnd if win.parent is not None else (win.owner.hwnd if win.owner else 0)
    if index == GWLP_ID:
        return win.id
    if index == GWL_STYLE:
        return win.style
    if index == GWL_EXSTYLE:
        return win.exstyle
    if index == GWLP_USERDATA:
        return win.userdata
    set_last_error(1413)
    return 0


def set_window_long(hwnd, index, value, ptr_sized, wide):
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    p = proc()
    mask = (1 << (8 * (p.ptr_size if ptr_sized else 4))) - 1
    value &= mask
    if index >= 0:
        size = p.ptr_size if ptr_sized else 4
        if index + size > len(win.extra):
            set_last_error(1413)
            return 0
        old = int.from_bytes(win.extra[index:index + size], "little")
        win.extra[index:index + size] = value.to_bytes(size, "little")
        set_last_error(0)
        return old
    old = get_window_long(hwnd, index, ptr_sized, wide)
    if index == GWLP_WNDPROC:
        win.wndproc = value
        win.unicode = wide if value not in state().builtin_procs else True
    elif index == GWLP_HINSTANCE:
        win.hinstance = value
    elif index == GWLP_ID:
        win.id = value
    elif index == GWLP_USERDATA:
        win.userdata = value
    elif index == GWLP_HWNDPARENT:
        win.owner = get_win(value)
    elif index in (GWL_STYLE, GWL_EXSTYLE):
        buf = p.heap_alloc(8)
        p.mem.write(buf, struct.pack("<II", old & 0xFFFFFFFF, value & 0xFFFFFFFF))
        try:
            send(win, WM_STYLECHANGING, index & 0xFFFFFFFF, buf)
            new = p.mem.u32(buf + 4)
            if index == GWL_STYLE:
                win.style = (new & ~WS_VISIBLE) | (win.style & WS_VISIBLE) if False else new
            else:
                win.exstyle = new
            send(win, WM_STYLECHANGED, index & 0xFFFFFFFF, buf)
        finally:
            p.process_heap.free_block(buf)
    else:
        set_last_error(1413)
        return 0
    set_last_error(0) if old == 0 else None
    return old


@dll.stdcall
def GetWindowLongW(hwnd: HWND, index: INT) -> LONG:
    return get_window_long(hwnd, index, False, True)


@dll.stdcall
def GetWindowLongA(hwnd: HWND, index: INT) -> LONG:
    return get_window_long(hwnd, index, False, False)


@dll.stdcall
def SetWindowLongW(hwnd: HWND, index: INT, value: LONG) -> LONG:
    return set_window_long(hwnd, index, value, False, True)


@dll.stdcall
def SetWindowLongA(hwnd: HWND, index: INT, value: LONG) -> LONG:
    return set_window_long(hwnd, index, value, False, False)


@dll.stdcall
def GetWindowLongPtrW(hwnd: HWND, index: INT) -> INT_PTR:
    return get_window_long(hwnd, index, True, True)


@dll.stdcall
def GetWindowLongPtrA(hwnd: HWND, index: INT) -> INT_PTR:
    return get_window_long(hwnd, index, True, False)


@dll.stdcall
def SetWindowLongPtrW(hwnd: HWND, index: INT, value: INT_PTR) -> INT_PTR:
    return set_window_long(hwnd, index, value, True, True)


@dll.stdcall
def SetWindowLongPtrA(hwnd: HWND, index: INT, value: INT_PTR) -> INT_PTR:
    return set_window_long(hwnd, index, value, True, False)


@dll.stdcall
def GetWindowWord(hwnd: HWND, index: INT) -> DWORD:
    win = get_win(hwnd)
    if win is None or index < 0 or index + 2 > len(win.extra):
        set_last_error(1413 if win else ERROR_INVALID_WINDOW_HANDLE)
        return 0
    return int.from_bytes(win.extra[index:index + 2], "little")


@dll.stdcall
def SetWindowWord(hwnd: HWND, index: INT, value: DWORD) -> DWORD:
    win = get_win(hwnd)
    if win is None or index < 0 or index + 2 > len(win.extra):
        set_last_error(1413 if win else ERROR_INVALID_WINDOW_HANDLE)
        return 0
    old = int.from_bytes(win.extra[index:index + 2], "little")
    win.extra[index:index + 2] = (value & 0xFFFF).to_bytes(2, "little")
    return old


# ---- text --------------------------------------------------------------------------------

def set_text(win, text: str, wide: bool):
    """SetWindowText: WM_SETTEXT with the text in the caller's character set."""
    p = proc()
    data = text.encode("utf-16-le") + b"\0\0" if wide else p.encode_astr(text) + b"\0"
    buf = p.heap_alloc(len(data))
    p.mem.write(buf, data)
    try:
        return send_message(win.hwnd, WM_SETTEXT, 0, buf, wide)
    finally:
        p.process_heap.free_block(buf)


@dll.stdcall
def SetWindowTextW(hwnd: HWND, text: PTR) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    if win.tid != proc().thread.tid:
        win.text = proc().mem.wstr(text) if text else ""
        return 1
    return int(bool(send_message(hwnd, WM_SETTEXT, 0, text, True)))


@dll.stdcall
def SetWindowTextA(hwnd: HWND, text: PTR) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    if win.tid != proc().thread.tid:
        win.text = proc().decode_astr(text) if text else ""
        return 1
    return int(bool(send_message(hwnd, WM_SETTEXT, 0, text, False)))


@dll.stdcall
def GetWindowTextW(hwnd: HWND, buf: PTR, n: INT) -> INT:
    win = get_win(hwnd)
    if win is None:
        return _remote_text(hwnd, buf, n, True)
    if n <= 0:
        return 0
    if win.tid != proc().thread.tid:
        return copy_text(buf, n, win.text, True)
    return send_message(hwnd, WM_GETTEXT, n, buf, True)


@dll.stdcall
def GetWindowTextA(hwnd: HWND, buf: PTR, n: INT) -> INT:
    win = get_win(hwnd)
    if win is None:
        return _remote_text(hwnd, buf, n, False)
    if n <= 0:
        return 0
    if win.tid != proc().thread.tid:
        return copy_text(buf, n, win.text, False)
    return send_message(hwnd, WM_GETTEXT, n, buf, False)


@dll.stdcall
def GetWindowTextLengthW(hwnd: HWND) -> INT:
    win = get_win(hwnd)
    if win is None:
        return _remote_text(hwnd, 0, -1, True)
    return send_message(hwnd, WM_GETTEXTLENGTH, 0, 0, True)


@dll.stdcall
def GetWindowTextLengthA(hwnd: HWND) -> INT:
    win = get_win(hwnd)
    if win is None:
        return _remote_text(hwnd, 0, -1, False)
    return send_message(hwnd, WM_GETTEXTLENGTH, 0, 0, False)


def _remote_text(hwnd, buf, n, wide):
    """GetWindowText(Length) of another process's window: its caption as the server has it (only
    top-level windows' are kept: a child's reads as ""), as Windows, which sends no WM_GETTEXT
    to another process here.  n < 0: the length only."""
    from . import remote
    info = remote.window_info(hwnd & 0xFFFFFFFF) if hwnd else None
    if info is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    if n < 0:
        data = info.text.encode("utf-16-le") if wide else proc().encode_astr(info.text)
        return len(data) // (2 if wide else 1)
    if n == 0:
        return 0
    return copy_text(buf, n, info.text, wide)


@dll.stdcall
def InternalGetWindowText(hwnd: HWND, buf: PTR, n: INT) -> INT:
    win = get_win(hwnd)
    if win is None:
        return _remote_text(hwnd, buf, n, True) if n > 0 else 0
    if n <= 0:
        return 0
    return copy_text(buf, n, win.text, True)


# ---- the tree ------------------------------------------------------------------------------

def _matches(win, cname, title):
    if cname is not None:
        c = find_class(cname)
        if c is None or win.cls is not c:
            return False
    if title is not None and win.text != title:
        return False
    return True


def find_window(parent, after, cname, title, remote_after=0):
    st = state()
    desk = desktop_window()
    lst = st.toplevel if parent is None or parent is desk else parent.children
    start = 0
    if remote_after:
        start = len(lst)              # after another process's window: only theirs are left
    elif after is not None:
        if after not in lst:
            return 0
        start = lst.index(after) + 1
    for w in lst[start:]:
        if not w.destroyed and _matches(w, cname, title):
            return w.hwnd
    if parent is None or parent is desk:
        # other processes' top-level windows (after ours: their z-order is not known here)
        from . import remote
        h = remote.find(remote_after or 0, _class_name(cname), title)
        if h:
            return h
    set_last_error(1400 if False else 2)
    return 0


def _class_name(cname):
    """A FindWindow class argument as a name (an atom names one of our classes)."""
    if cname is None or isinstance(cname, str):
        return cname
    c = find_class(cname)
    return c.name if c is not None else f"#{cname}"


def _name(ptr, wide):
    if not ptr:
        return None
    return class_name_arg(ptr, wide)


def _title(ptr, wide):
    if not ptr:
        return None
    p = proc()
    return p.mem.wstr(ptr) if wide else p.mem.cstr(ptr).decode(p.acp, "replace")


@dll.stdcall
def FindWindowW(cname: PTR, title: PTR) -> HWND:
    return find_window(None, None, _name(cname, True), _title(title, True))


@dll.stdcall
def FindWindowA(cname: PTR, title: PTR) -> HWND:
    return find_window(None, None, _name(cname, False), _title(title, False))


def _find_ex(parent, after, cname, title):
    pw = get_win(parent)
    aw = get_win(after)
    if parent and pw is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    remote_after = after & 0xFFFFFFFF if after and aw is None and (pw is None or pw is desktop_window()) else 0
    return find_window(pw, aw, cname, title, remote_after)


@dll.stdcall
def FindWindowExW(parent: HWND, after: HWND, cname: PTR, title: PTR) -> HWND:
    return _find_ex(parent, after, _name(cname, True), _title(title, True))


@dll.stdcall
def FindWindowExA(parent: HWND, after: HWND, cname: PTR, title: PTR) -> HWND:
    return _find_ex(parent, after, _name(cname, False), _title(title, False))


@dll.stdcall
def GetParent(hwnd: HWND) -> HWND:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    if win.style & WS_CHILD and win.parent is not None:
        return win.parent.hwnd
    if win.style & WS_POPUP and win.owner is not None:
        return win.owner.hwnd
    return 0


@dll.stdcall
def GetAncestor(hwnd: HWND, flags: UINT) -> HWND:
    win = get_win(hwnd)
    if win is None:
        return 0
    if flags == 1:        # GA_PARENT
        return win.parent.hwnd if win.parent is not None else desktop_window().hwnd
    top = win.top()
    if flags == 3:        # GA_ROOTOWNER
        while top.owner is not None:
            top = top.owner
    return top.hwnd


@dll.stdcall
def SetParent(hwnd: HWND, parent: HWND) -> HWND:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    st = state()
    old = win.parent
    newp = get_win(parent) if parent and parent != desktop_window().hwnd else None
    if old is not None:
        old.children.remove(win)
    elif win in st.toplevel:
        st.toplevel.remove(win)
    win.parent = newp
    if newp is not None:
        newp.children.insert(0, win)
        win.surface = None
    else:
        st.toplevel.insert(0, win)
        _ensure_surface(win)
    invalidate_all(win)
    return old.hwnd if old is not None else desktop_window().hwnd


GW_HWNDFIRST, GW_HWNDLAST, GW_HWNDNEXT, GW_HWNDPREV, GW_OWNER, GW_CHILD, GW_ENABLEDPOPUP = range(7)


@dll.stdcall
def GetWindow(hwnd: HWND, cmd: UINT) -> HWND:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    st = state()
    desk = desktop_window()
    if cmd == GW_CHILD:
        lst = st.toplevel if win is desk else win.children
        return lst[0].hwnd if lst else 0
    if cmd == GW_OWNER:
        return win.owner.hwnd if win.owner is not None else 0
    if win is desk:
        return 0
    sib = win.parent.children if win.parent is not None else st.toplevel
    if win not in sib:
        return 0
    i = sib.index(win)
    if cmd == GW_HWNDFIRST:
        return sib[0].hwnd
    if cmd == GW_HWNDLAST:
        return sib[-1].hwnd
    if cmd == GW_HWNDNEXT:
        return sib[i + 1].hwnd if i + 1 < len(sib) else 0
    if cmd == GW_HWNDPREV:
        return sib[i - 1].hwnd if i > 0 else 0
    if cmd == GW_ENABLEDPOPUP:
        return 0
    set_last_error(87)
    return 0


@dll.stdcall
def GetTopWindow(hwnd: HWND) -> HWND:
    st = state()
    if not hwnd:
        return st.toplevel[0].hwnd if st.toplevel else 0
    return GetWindow(hwnd, GW_CHILD)


@dll.stdcall
def GetDesktopWindow() -> HWND:
    return desktop_window().hwnd


@dll.stdcall
def IsWindow(hwnd: HWND) -> BOOL:
    if get_win(hwnd) is not None:
        return 1
    if not hwnd or hwnd & 0xFFFFFFFF == state().desktop_hwnd:
        return int(bool(hwnd))
    from . import remote
    return int(remote.window_info(hwnd & 0xFFFFFFFF) is not None)      # another process's?


@dll.stdcall
def IsWindowVisible(hwnd: HWND) -> BOOL:
    win = get_win(hwnd)
    return int(win is not None and win.really_visible())


@dll.stdcall
def IsWindowEnabled(hwnd: HWND) -> BOOL:
    win = get_win(hwnd)
    return int(win is not None and win.enabled)


@dll.stdcall
def IsChild(parent: HWND, hwnd: HWND) -> BOOL:
    win, par = get_win(hwnd), get_win(parent)
    if win is None or par is None:
        return 0
    w = win
    while w.is_child:
        w = w.parent
        if w is par:
            return 1
    return 0


@dll.stdcall
def IsIconic(hwnd: HWND) -> BOOL:
    win = get_win(hwnd)
    return int(win is not None and bool(win.style & WS_MINIMIZE))


@dll.stdcall
def IsZoomed(hwnd: HWND) -> BOOL:
    win = get_win(hwnd)
    return int(win is not None and bool(win.style & WS_MAXIMIZE))


@dll.stdcall
def GetDlgCtrlID(hwnd: HWND) -> INT:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    return win.id & 0xFFFFFFFF if win.is_child else 0


@dll.stdcall
def GetWindowThreadProcessId(hwnd: HWND, pid: PTR) -> DWORD:
    win = get_win(hwnd)
    if win is None:
        from . import remote
        info = remote.window_info(hwnd & 0xFFFFFFFF) if hwnd else None
        if info is None:
            set_last_error(ERROR_INVALID_WINDOW_HANDLE)
            return 0
        if pid:
            proc().mem.w32(pid, info.pid)
        return info.tid
    p = proc()
    if pid:
        p.mem.w32(pid, p.pid)
    return win.tid or p.main_thread.tid


def _enum(lst, fn, lparam, recurse):
    p = proc()
    for w in list(lst):
        if w.destroyed:
            continue
        if not p.cpu.call(fn, (w.hwnd, lparam & ((1 << p.bits) - 1)), p.callback_ret) & 0xFFFFFFFF:
            return False
        if recurse and not _enum(w.children, fn, lparam, True):
            return False
    return True


@dll.stdcall
def EnumWindows(fn: PTR, lparam: LPARAM) -> BOOL:
    """Ours, then other processes' top-level windows (the server's list; their z-order is theirs)."""
    if not _enum(state().toplevel, fn, lparam, False):
        return 1
    p = proc()
    from . import remote
    if p.server_registered or remote.server_running():     # no server: nobody else has windows
        for h in remote.list_windows():
            if not p.cpu.call(fn, (h, lparam & ((1 << p.bits) - 1)), p.callback_ret) & 0xFFFFFFFF:
                break
    return 1


@dll.stdcall
def EnumChildWindows(hwnd: HWND, fn: PTR, lparam: LPARAM) -> BOOL:
    win = get_win(hwnd)
    lst = win.children if win is not None and win is not desktop_window() else state().toplevel
    _enum(lst, fn, lparam, True)
    return 1


@dll.stdcall
def EnumThreadWindows(tid: DWORD, fn: PTR, lparam: LPARAM) -> BOOL:
    _enum([w for w in state().toplevel if w.tid == tid], fn, lparam, False)
    return 1


def window_from_point(x, y, lst=None):
    """The deepest visible, enabled-or-not window under screen point (x, y)."""
    st = state()
    for w in (st.toplevel if lst is None else lst):
        if w.destroyed or not w.visible or getattr(w, "message_only", False):
            continue
        ox, oy = w.screen_origin()
        l, t, r, b = w.rect
        if ox <= x < ox + (r - l) and oy <= y < oy + (b - t):
            cx, cy = w.client_screen()
            cw, chh = w.client_size()
            if cx <= x < cx + cw and cy <= y < cy + chh:
                sub = window_from_point(x, y, w.children)
                if sub is not None:
                    return sub
            return w
    return None


def _read_point(pt):
    v = pt & 0xFFFFFFFFFFFFFFFF
    return signed(v & 0xFFFFFFFF), signed(v >> 32)


@dll.stdcall
def WindowFromPoint(pt: ULONGLONG) -> HWND:
    # POINT by value: 8 bytes; on x86 two stack slots, on x64 one register
    x, y = _read_point(pt)
    w = window_from_point(x, y)
    return w.hwnd if w is not None else 0


@dll.stdcall
def ChildWindowFromPoint(hwnd: HWND, pt: ULONGLONG) -> HWND:
    win = get_win(hwnd)
    if win is None:
        return 0
    x, y = _read_point(pt)
    sx, sy = win.client_screen()
    for c in win.children:
        ox, oy = c.screen_origin()
        l, t, r, b = c.rect
        if ox <= x + sx < ox + (r - l) and oy <= y + sy < oy + (b - t):
            return c.hwnd
    cw, chh = win.client_size()
    return win.hwnd if 0 <= x < cw and 0 <= y < chh else 0


# ---- enabling, focus, activation ---------------------------------------------------------------

@dll.stdcall
def EnableWindow(hwnd: HWND, enable: BOOL) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    was_disabled = not win.enabled
    if enable and was_disabled:
        win.style &= ~WS_DISABLED
        send(win, WM_ENABLE, 1, 0)
        invalidate_all(win)
    elif not enable and not was_disabled:
        send(win, WM_ENABLE, 0, 0)
        win.style |= WS_DISABLED
        st = state()
        if st.focus is not None and (st.focus is win or _is_descendant(st.focus, win)):
            set_focus(None)
        invalidate_all(win)
    return int(was_disabled)


def set_focus(win):
    st = state()
    old = st.focus
    if win is old:
        return old
    if win is not None:
        top = win.top()
        if st.active is not top:
            set_active(top, focus=False)
            if win.destroyed:
                return old
    st.focus = win
    if old is not None and not old.destroyed:
        send(old, WM_KILLFOCUS, win.hwnd if win is not None else 0, 0)
    if win is not None and st.focus is win and not win.destroyed:
        send(win, WM_SETFOCUS, old.hwnd if old is not None and not old.destroyed else 0, 0)
    return old


def set_active(win, focus=True):
    st = state()
    old = st.active
    if old is win:
        return old
    st.active = win
    if win is not None and win in st.toplevel:
        st.toplevel.remove(win)
        st.toplevel.insert(0, win)
    if old is not None and not old.destroyed:
        send(old, WM_NCACTIVATE, 0, 0)
        send(old, WM_ACTIVATE, 0, win.hwnd if win is not None else 0)
        old.ncpaint = True
    if win is not None:
        if old is None or old.tid != win.tid or old.destroyed:
            send(win, WM_ACTIVATEAPP, 1, 0)
        send(win, WM_NCACTIVATE, 1, 0)
        send(win, WM_ACTIVATE, 1, old.hwnd if old is not None and not old.destroyed else 0)
        win.ncpaint = True
        queue(win.tid).wake()
    return old


@dll.stdcall
def SetFocus(hwnd: HWND) -> HWND:
    if not hwnd:
        old = set_focus(None)
        return old.hwnd if old is not None else 0
    win = get_win(hwnd)
    if win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    if not win.enabled:
        return 0
    old = set_focus(win)
    return old.hwnd if old is not None and not old.destroyed else 0


@dll.stdcall
def GetFocus() -> HWND:
    st = state()
    f = st.focus
    return f.hwnd if f is not None and not f.destroyed and f.tid == proc().thread.tid else 0


@dll.stdcall
def GetActiveWindow() -> HWND:
    st = state()
    a = st.active
    return a.hwnd if a is not None and not a.destroyed and a.tid == proc().thread.tid else 0


@dll.stdcall
def SetActiveWindow(hwnd: HWND) -> HWND:
    win = get_win(hwnd)
    if hwnd and win is None:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    old = set_active(win.top() if win is not None else None)
    return old.hwnd if old is not None and not old.destroyed else 0


@dll.stdcall
def GetForegroundWindow() -> HWND:
    a = state().active
    return a.hwnd if a is not None and not a.destroyed else 0


@dll.stdcall
def SetForegroundWindow(hwnd: HWND) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        return 0
    set_active(win.top())
    return 1
