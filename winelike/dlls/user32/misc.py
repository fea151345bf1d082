"""Smaller parts of user32 programs rely on: DPI awareness (96 dpi, one monitor), monitors,
window properties, placement, scroll bar values (kept, not drawn), the caret (kept, not
drawn), ScrollWindowEx, and hooks (not supported: they fail with a fixme)."""
from __future__ import annotations

import struct

from winelike.abi.types import BOOL, DWORD, HANDLE, HWND, INT, LPARAM, PTR, UINT, ULONGLONG, INT_PTR
from winelike.dlls.winapi import proc, set_last_error
from . import dll
from .state import state, get_win, send, ch
from .controls import set_scroll_info, get_scroll_info

HMONITOR = 0x10001


@dll.stdcall
def SetProcessDPIAware() -> BOOL:
    return 1


@dll.stdcall
def IsProcessDPIAware() -> BOOL:
    return 1


@dll.stdcall
def SetProcessDpiAwarenessContext(ctx: HANDLE) -> BOOL:
    return 1


@dll.stdcall
def SetThreadDpiAwarenessContext(ctx: HANDLE) -> HANDLE:
    return (-1) & ((1 << proc().bits) - 1)        # DPI_AWARENESS_CONTEXT_UNAWARE


@dll.stdcall
def GetDpiForWindow(hwnd: HWND) -> UINT:
    return 96 if get_win(hwnd) is not None else 0


@dll.stdcall
def GetDpiForSystem() -> UINT:
    return 96


def _screen():
    from winelike.gui import display
    return display.screen_size()


@dll.stdcall
def MonitorFromWindow(hwnd: HWND, flags: DWORD) -> HANDLE:
    return HMONITOR


@dll.stdcall
def MonitorFromPoint(pt: ULONGLONG, flags: DWORD) -> HANDLE:
    return HMONITOR


@dll.stdcall
def MonitorFromRect(rc: PTR, flags: DWORD) -> HANDLE:
    return HMONITOR


def _monitor_info(hmon, info, wide):
    if hmon != HMONITOR or not info:
        return 0
    mem = proc().mem
    size = mem.u32(info)
    w, h = _screen()
    data = struct.pack("<I4i4iI", size, 0, 0, w, h, 0, 0, w, h - 30, 1)
    if size >= 72 if not wide else size >= 104:
        name = "\\\\.\\DISPLAY1"
        data += (name.encode("utf-16-le").ljust(64, b"\0") if wide else name.encode().ljust(32, b"\0"))
    mem.write(info, data[:max(size, 40)])
    return 1


@dll.stdcall
def GetMonitorInfoW(hmon: HANDLE, info: PTR) -> BOOL:
    return _monitor_info(hmon, info, True)


@dll.stdcall
def GetMonitorInfoA(hmon: HANDLE, info: PTR) -> BOOL:
    return _monitor_info(hmon, info, False)


@dll.stdcall
def EnumDisplayMonitors(hdc: HANDLE, clip: PTR, fn: PTR, lparam: LPARAM) -> BOOL:
    p = proc()
    w, h = _screen()
    rc = p.heap_alloc(16)
    p.mem.write(rc, struct.pack("<4i", 0, 0, w, h))
    try:
        p.cpu.call(fn, (HMONITOR, hdc, rc, lparam & ((1 << p.bits) - 1)), p.callback_ret)
    finally:
        p.process_heap.free_block(rc)
    return 1


# ---- properties ------------------------------------------------------------------------------

def _prop_key(ptr, wide):
    if ptr <= 0xFFFF:
        return ptr
    p = proc()
    s = p.mem.wstr(ptr) if wide else p.mem.cstr(ptr).decode(p.acp, "replace")
    return s.lower()


@dll.stdcall
def SetPropW(hwnd: HWND, name: PTR, data: HANDLE) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        return 0
    win.props[_prop_key(name, True)] = data
    return 1


@dll.stdcall
def SetPropA(hwnd: HWND, name: PTR, data: HANDLE) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        return 0
    win.props[_prop_key(name, False)] = data
    return 1


@dll.stdcall
def GetPropW(hwnd: HWND, name: PTR) -> HANDLE:
    win = get_win(hwnd)
    return win.props.get(_prop_key(name, True), 0) if win is not None else 0


@dll.stdcall
def GetPropA(hwnd: HWND, name: PTR) -> HANDLE:
    win = get_win(hwnd)
    return win.props.get(_prop_key(name, False), 0) if win is not None else 0


@dll.stdcall
def RemovePropW(hwnd: HWND, name: PTR) -> HANDLE:
    win = get_win(hwnd)
    return win.props.pop(_prop_key(name, True), 0) if win is not None else 0


@dll.stdcall
def RemovePropA(hwnd: HWND, name: PTR) -> HANDLE:
    win = get_win(hwnd)
    return win.props.pop(_prop_key(name, False), 0) if win is not None else 0


@dll.stdcall
def IsWindowUnicode(hwnd: HWND) -> BOOL:
    win = get_win(hwnd)
    return int(win is not None and win.unicode)


@dll.stdcall
def GetWindowPlacement(hwnd: HWND, wp: PTR) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        return 0
    l, t, r, b = win.rect
    show = 3 if win.style & 0x01000000 else 2 if win.style & 0x20000000 else 1
    proc().mem.write(wp, struct.pack("<IIIiiii4i", 44, 0, show, -1, -1, -1, -1, l, t, r, b))
    return 1


@dll.stdcall
def SetWindowPlacement(hwnd: HWND, wp: PTR) -> BOOL:
    from .win import set_window_pos, show_window
    win = get_win(hwnd)
    if win is None:
        return 0
    mem = proc().mem
    show = mem.u32(wp + 8)
    l, t, r, b = struct.unpack("<4i", mem.read(wp + 28, 16))
    set_window_pos(win, None, l, t, r - l, b - t, 0x4 | 0x10)
    show_window(win, show)
    return 1


# ---- scroll bars (values only) -------------------------------------------------------------------

def _sb(win, bar):
    d = win.data.setdefault("scroll", {})
    return d.setdefault(bar, {"min": 0, "max": 100 if bar != 2 else 0, "page": 0, "pos": 0, "track": 0})


def _warn_scroll():
    st = state()
    if not getattr(st, "scroll_warned", False):
        st.scroll_warned = True
        ch.fixme("SetScrollInfo", "scroll bars keep their values but are not drawn")


@dll.stdcall
def SetScrollInfo(hwnd: HWND, bar: INT, si: PTR, redraw: BOOL) -> INT:
    win = get_win(hwnd)
    if win is None or not si:
        return 0
    _warn_scroll()
    return set_scroll_info(_sb(win, bar), si)


@dll.stdcall
def GetScrollInfo(hwnd: HWND, bar: INT, si: PTR) -> BOOL:
    win = get_win(hwnd)
    if win is None or not si:
        return 0
    get_scroll_info(_sb(win, bar), si)
    return 1


@dll.stdcall
def SetScrollPos(hwnd: HWND, bar: INT, pos: INT, redraw: BOOL) -> INT:
    win = get_win(hwnd)
    if win is None:
        return 0
    _warn_scroll()
    s = _sb(win, bar)
    old = s["pos"]
    s["pos"] = max(s["min"], min(pos, s["max"]))
    return old


@dll.stdcall
def GetScrollPos(hwnd: HWND, bar: INT) -> INT:
    win = get_win(hwnd)
    return _sb(win, bar)["pos"] if win is not None else 0


@dll.stdcall
def SetScrollRange(hwnd: HWND, bar: INT, mn: INT, mx: INT, redraw: BOOL) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        return 0
    _warn_scroll()
    s = _sb(win, bar)
    s["min"], s["max"] = mn, mx
    return 1


@dll.stdcall
def GetScrollRange(hwnd: HWND, bar: INT, mn: PTR, mx: PTR) -> BOOL:
    win = get_win(hwnd)
    if win is None:
        return 0
    s = _sb(win, bar)
    mem = proc().mem
    mem.write(mn, struct.pack("<i", s["min"]))
    mem.write(mx, struct.pack("<i", s["max"]))
    return 1


@dll.stdcall
def ShowScrollBar(hwnd: HWND, bar: INT, show: BOOL) -> BOOL:
    return int(get_win(hwnd) is not None)


@dll.stdcall
def EnableScrollBar(hwnd: HWND, bar: UINT, arrows: UINT) -> BOOL:
    return int(get_win(hwnd) is not None)


# ---- the caret (kept, not drawn) ---------------------------------------------------------------

def _caret():
    st = state()
    c = getattr(st, "caret", None)
    if c is None:
        c = st.caret = {"hwnd": 0, "x": 0, "y": 0, "w": 0, "h": 0, "hidden": 1}
    return c


@dll.stdcall
def CreateCaret(hwnd: HWND, bitmap: HANDLE, w: INT, h: INT) -> BOOL:
    if get_win(hwnd) is None:
        return 0
    _caret().update(hwnd=hwnd, w=w, h=h, hidden=1)
    return 1


@dll.stdcall
def DestroyCaret() -> BOOL:
    c = _caret()
    ok = bool(c["hwnd"])
    c["hwnd"] = 0
    return int(ok)


@dll.stdcall
def SetCaretPos(x: INT, y: INT) -> BOOL:
    c = _caret()
    c["x"], c["y"] = x, y
    return int(bool(c["hwnd"]))


@dll.stdcall
def GetCaretPos(pt: PTR) -> BOOL:
    c = _caret()
    proc().mem.write(pt, struct.pack("<2i", c["x"], c["y"]))
    return 1


@dll.stdcall
def ShowCaret(hwnd: HWND) -> BOOL:
    c = _caret()
    if not c["hwnd"]:
        return 0
    c["hidden"] = max(c["hidden"] - 1, 0)
    return 1


@dll.stdcall
def HideCaret(hwnd: HWND) -> BOOL:
    c = _caret()
    if not c["hwnd"]:
        return 0
    c["hidden"] += 1
    return 1


@dll.stdcall
def GetCaretBlinkTime() -> UINT:
    return 530


@dll.stdcall
def SetCaretBlinkTime(ms: UINT) -> BOOL:
    return 1


@dll.stdcall
def GetDoubleClickTime() -> UINT:
    return 500


# ---- scrolling the client area -----------------------------------------------------------------

@dll.stdcall
def ScrollWindowEx(hwnd: HWND, dx: INT, dy: INT, scroll: PTR, clip: PTR, rgn: HANDLE, update: PTR,
                   flags: UINT) -> INT:
    from .paint import make_dc, release_dc, invalidate
    win = get_win(hwnd)
    if win is None:
        return 0
    cw, chh = win.client_size()
    h, dc = make_dc(win)
    try:
        u = dc.surface.u32
        ox, oy = dc.base_org
        x0, y0, x1, y1 = dc.vis
        region = u[y0:y1, x0:x1].copy()
        hgt, wid = region.shape
        sy0, sy1 = max(0, -dy), min(hgt, hgt - dy)
        sx0, sx1 = max(0, -dx), min(wid, wid - dx)
        if sy0 < sy1 and sx0 < sx1:
            u[y0 + sy0 + dy:y0 + sy1 + dy, x0 + sx0 + dx:x0 + sx1 + dx] = region[sy0:sy1, sx0:sx1]
    finally:
        release_dc(h)
    # what was uncovered needs painting
    if dx > 0:
        invalidate(win, (0, 0, dx, chh), flags & 4)
    elif dx < 0:
        invalidate(win, (cw + dx, 0, cw, chh), flags & 4)
    if dy > 0:
        invalidate(win, (0, 0, cw, dy), flags & 4)
    elif dy < 0:
        invalidate(win, (0, chh + dy, cw, chh), flags & 4)
    if flags & 1:       # SW_SCROLLCHILDREN
        from .win import set_window_pos
        for c in win.children:
            l, t, r, b = c.rect
            set_window_pos(c, None, l + dx, t + dy, 0, 0, 0x1 | 0x4 | 0x10)
    return 2


@dll.stdcall
def ScrollWindow(hwnd: HWND, dx: INT, dy: INT, scroll: PTR, clip: PTR) -> BOOL:
    return int(ScrollWindowEx(hwnd, dx, dy, scroll, clip, 0, 0, 4) != 0)


# ---- hooks: not supported ---------------------------------------------------------------------------

@dll.stdcall
def SetWindowsHookExW(kind: INT, fn: PTR, hmod: HANDLE, tid: DWORD) -> HANDLE:
    ch.fixme("SetWindowsHookEx", f"hook type {kind} is not supported")
    set_last_error(120)
    return 0


@dll.stdcall
def SetWindowsHookExA(kind: INT, fn: PTR, hmod: HANDLE, tid: DWORD) -> HANDLE:
    return SetWindowsHookExW(kind, fn, hmod, tid)


@dll.stdcall
def UnhookWindowsHookEx(h: HANDLE) -> BOOL:
    set_last_error(1404)       # ERROR_INVALID_HOOK_HANDLE
    return 0


@dll.stdcall
def CallNextHookEx(h: HANDLE, code: INT, wp: INT_PTR, lp: LPARAM) -> INT_PTR:
    return 0


@dll.stdcall
def FlashWindow(hwnd: HWND, invert: BOOL) -> BOOL:
    return 0


@dll.stdcall
def GetShellWindow() -> HWND:
    return 0


@dll.stdcall
def AllowSetForegroundWindow(pid: DWORD) -> BOOL:
    return 1


@dll.stdcall
def LockSetForegroundWindow(code: UINT) -> BOOL:
    return 1


@dll.stdcall
def GetKeyboardLayout(tid: DWORD) -> HANDLE:
    return 0x04090409


@dll.stdcall
def WaitForInputIdle(hproc: HANDLE, ms: DWORD) -> DWORD:
    return 0
