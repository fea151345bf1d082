"""Input: raw events from the display (SDL or an input script) become window messages; keyboard
state (GetKeyState/GetAsyncKeyState/GetKeyboardState), TranslateMessage's WM_CHAR (a US
keyboard layout), the cursor position and mouse capture.

Pushed input does not update SDL's own key/mouse state, so winelike tracks them itself
from the events it translates (docs/gui.md).
"""
from __future__ import annotations

import struct

from winelike.abi.types import BOOL, DWORD, HWND, INT, PTR, UINT
from winelike.dlls.winapi import proc
from . import dll
from .state import state, queue, get_win, send, ch

WM_KEYDOWN, WM_KEYUP, WM_CHAR, WM_SYSKEYDOWN, WM_SYSKEYUP, WM_SYSCHAR = 0x100, 0x101, 0x102, 0x104, 0x105, 0x106
WM_MOUSEMOVE, WM_NCMOUSEMOVE, WM_MOUSEWHEEL, WM_NCHITTEST = 0x200, 0xA0, 0x20A, 0x84
WM_SYSCOMMAND, SC_CLOSE = 0x112, 0xF060
HTCLIENT = 1
VK_SHIFT, VK_CONTROL, VK_MENU, VK_CAPITAL = 0x10, 0x11, 0x12, 0x14
VK_LSHIFT, VK_RSHIFT, VK_LCONTROL, VK_RCONTROL, VK_LMENU, VK_RMENU = 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5
CS_DBLCLKS = 8

_SHIFTED_DIGITS = ")!@#$%^&*("
_OEM = {0xBA: ";:", 0xBB: "=+", 0xBC: ",<", 0xBD: "-_", 0xBE: ".>", 0xBF: "/?", 0xC0: "`~", 0xDB: "[{",
        0xDC: "\\|", 0xDD: "]}", 0xDE: "'\""}
_SPECIAL = {0x0D: "\r", 0x08: "\b", 0x09: "\t", 0x1B: "\x1b", 0x20: " "}
SCANCODES = {0x1B: 1, 0x08: 14, 0x09: 15, 0x0D: 28, 0x20: 57, 0x10: 42, 0x11: 29, 0x12: 56, 0x25: 75, 0x26: 72,
             0x27: 77, 0x28: 80, 0x2E: 83, 0x24: 71, 0x23: 79}


def vk_to_char(vk, shift, caps, ctrl):
    if 0x41 <= vk <= 0x5A:
        if ctrl:
            return chr(vk - 0x40)
        c = chr(vk + 32)
        return c.upper() if shift != caps else c
    if ctrl:
        return None
    if 0x30 <= vk <= 0x39:
        return _SHIFTED_DIGITS[vk - 0x30] if shift else chr(vk)
    if vk in _OEM:
        return _OEM[vk][1 if shift else 0]
    if 0x60 <= vk <= 0x69:
        return chr(0x30 + vk - 0x60)
    return _SPECIAL.get(vk)


def char_to_vk(c):
    """(vk, shift) that types c on a US keyboard, or None."""
    if "a" <= c <= "z":
        return ord(c) - 32, False
    if "A" <= c <= "Z":
        return ord(c), True
    if "0" <= c <= "9":
        return ord(c), False
    if c in _SHIFTED_DIGITS:
        return 0x30 + _SHIFTED_DIGITS.index(c), True
    for vk, pair in _OEM.items():
        if c == pair[0]:
            return vk, False
        if c == pair[1]:
            return vk, True
    for vk, ch_ in _SPECIAL.items():
        if c == ch_ or (c == "\n" and vk == 0x0D):
            return vk, False
    return None


def _key_down(vk):
    """As of the last input message retrieved (GetKeyState's view)."""
    return bool(state().keys[vk] & 0x80)


def _raw_down(vk):
    """As the hardware is now (GetAsyncKeyState's view)."""
    return bool(_raw()[vk] & 0x80)


def _raw():
    st = state()
    r = getattr(st, "raw_keys", None)
    if r is None:
        r = st.raw_keys = bytearray(256)
    return r


def _set_key(vk, down):
    st = state()
    k = _raw()
    was = bool(k[vk] & 0x80)
    if down:
        if not was:
            k[vk] ^= 1          # toggle on each press
        k[vk] |= 0x80
        st.async_keys[vk] |= 0x81
    else:
        k[vk] &= ~0x80 & 0xFF
        st.async_keys[vk] &= 0x01
    for generic, pair in ((VK_SHIFT, (VK_LSHIFT, VK_RSHIFT)), (VK_CONTROL, (VK_LCONTROL, VK_RCONTROL)),
                          (VK_MENU, (VK_LMENU, VK_RMENU))):
        if vk == generic:
            k[pair[0]] = (k[pair[0]] & 1) | (0x80 if down else 0)
    return was


def _post(win, msg, wp, lp):
    """Post an input message with the key state it was made in (GetKeyState follows it)."""
    from .message import post
    post(queue(win.tid), win.hwnd, msg, wp, lp, bytes(_raw()))


def _mk_flags():
    f = 0
    if _raw_down(1):
        f |= 1
    if _raw_down(2):
        f |= 2
    if _raw_down(VK_SHIFT):
        f |= 4
    if _raw_down(VK_CONTROL):
        f |= 8
    if _raw_down(4):
        f |= 0x10
    return f


def process_raw_input(q):
    from winelike.gui import display
    d = display.active()
    if d is None or not d.input:
        return
    # One event at a time, as Windows takes hardware input: the messages of one event are
    # retrieved before the next event is looked at (a caption drag started by a button-down
    # message must see the moves that follow it).
    q_before = len(q.posted)
    while True:
        ev = d.take_input()
        if ev is None:
            return
        try:
            handle_event(ev)
        except Exception as e:      # input must never take the program down
            ch.err("input", f"{ev!r}: {e}")
        if len(q.posted) != q_before:
            return


def handle_event(ev):
    from .win import window_from_point, set_active, set_focus
    from .defwnd import hit_test
    st = state()
    kind = ev[0]
    if kind == "mouse":
        _, what, x, y, button = ev
        st.cursor_pos = (x, y)
        vk = {"l": 1, "r": 2, "m": 4}.get(button, 0)
        base = {"l": 0x201, "r": 0x204, "m": 0x207}.get(button, 0)
        if what in ("down", "dblclk") and vk:
            _set_key(vk, True)
        elif what == "up" and vk:
            _set_key(vk, False)
        drag = getattr(st, "drag", None)
        if drag is not None:
            win = drag[1]
            if what == "up" or win.destroyed or not _raw_down(1):
                from .defwnd import end_drag
                end_drag(st)
            elif what == "move" and win.tid == proc().thread.tid:
                if drag[0] == "move":
                    from .win import set_window_pos
                    _, _, dx, dy = drag
                    set_window_pos(win, None, x - dx, y - dy, 0, 0, 0x1 | 0x4 | 0x10)   # NOSIZE|NOZORDER|NOACTIVATE
                else:
                    from .defwnd import size_drag_to
                    size_drag_to(drag, x, y)
            return
        target = st.capture if st.capture is not None and not st.capture.destroyed else window_from_point(x, y)
        if target is None:
            return
        if what in ("down", "dblclk"):
            top = target.top()
            if st.active is not top and top.tid == proc().thread.tid:
                set_active(top)
                if target.destroyed:
                    return
        if not target.enabled:
            return
        if st.capture is target:
            ht = HTCLIENT
        elif target.tid == proc().thread.tid:
            ht = send(target, WM_NCHITTEST, 0, (x & 0xFFFF) | ((y & 0xFFFF) << 16))
        else:
            ht = hit_test(target, x, y)
        if what == "move":
            msg = WM_MOUSEMOVE
        elif what == "down":
            msg = base
        elif what == "up":
            msg = base + 1
        else:
            msg = base + 2 if target.cls.style & CS_DBLCLKS else base
        if ht == HTCLIENT:
            cx, cy = target.client_screen()
            lx, ly = x - cx, y - cy
            _post(target, msg, _mk_flags(), (lx & 0xFFFF) | ((ly & 0xFFFF) << 16))
        else:
            ncmsg = msg - WM_MOUSEMOVE + WM_NCMOUSEMOVE
            _post(target, ncmsg, ht & 0xFFFFFFFF, (x & 0xFFFF) | ((y & 0xFFFF) << 16))
    elif kind == "wheel":
        target = st.focus or st.active
        if target is None or target.destroyed:
            return
        delta = ev[3]
        x, y = st.cursor_pos
        _post(target, WM_MOUSEWHEEL, (_mk_flags() & 0xFFFF) | ((delta & 0xFFFF) << 16),
              (x & 0xFFFF) | ((y & 0xFFFF) << 16))
    elif kind == "key":
        _, down, vk, scan = ev
        was = _set_key(vk, down)
        target = st.focus if st.focus is not None and not st.focus.destroyed else st.active
        if target is None or target.destroyed:
            return
        alt = _raw_down(VK_MENU)
        sys_ = (alt and not _raw_down(VK_CONTROL)) or vk == 0x79
        scan = scan or SCANCODES.get(vk, 0)
        lp = 1 | ((scan & 0xFF) << 16) | ((1 << 29) if alt else 0) | ((1 << 30) if was else 0) | \
            (0 if down else (1 << 31) | (1 << 30))
        if down:
            msg = WM_SYSKEYDOWN if sys_ else WM_KEYDOWN
        else:
            msg = WM_SYSKEYUP if sys_ else WM_KEYUP
        _post(target, msg, vk, lp)
    elif kind == "char":
        target = st.focus if st.focus is not None and not st.focus.destroyed else st.active
        if target is None:
            return
        for c in ev[1]:
            _post(target, WM_CHAR, ord(c), 1)
    elif kind == "close":
        target = st.active or next((w for w in st.toplevel if w.visible and not w.destroyed), None)
        if target is not None:
            _post(target, WM_SYSCOMMAND, SC_CLOSE, 0)


def note_key_message(m):
    if len(m) > 7 and m[7] is not None:
        state().keys[:] = m[7]


def translate(m):
    hwnd, msg, wp, lp = m[0], m[1], m[2], m[3]
    if msg not in (WM_KEYDOWN, WM_KEYUP, WM_SYSKEYDOWN, WM_SYSKEYUP):
        return 0
    if msg in (WM_KEYDOWN, WM_SYSKEYDOWN):
        st = state()
        c = vk_to_char(wp & 0xFF, _key_down(VK_SHIFT), bool(st.keys[VK_CAPITAL] & 1),
                       _key_down(VK_CONTROL) and not _key_down(VK_MENU))
        if c is not None:
            win = get_win(hwnd)
            q = queue(win.tid) if win is not None else queue()
            from .message import tick_ms
            with q.cond:
                q.posted.appendleft((hwnd, WM_SYSCHAR if msg == WM_SYSKEYDOWN else WM_CHAR, ord(c), lp,
                                     tick_ms(), *st.cursor_pos))
                q.seq += 1
    return 1


def serve_idle_waiters(q):
    st = state()
    from winelike.gui import display
    d = display.active()
    if d is not None and d.input:
        return
    while st.idle_waiters:
        try:
            event, fn = st.idle_waiters.popleft()
        except IndexError:
            return
        try:
            if fn is not None:
                fn()
        finally:
            event.set()


def _signed_short(v):
    v &= 0xFFFF
    return v - 0x10000 if v & 0x8000 else v


@dll.stdcall
def GetKeyState(vk: INT) -> INT:
    k = state().keys[vk & 0xFF]
    return _signed_short((0xFF80 if k & 0x80 else 0) | (k & 1))


@dll.stdcall
def GetAsyncKeyState(vk: INT) -> INT:
    st = state()
    k = st.async_keys[vk & 0xFF]
    st.async_keys[vk & 0xFF] &= 0x80
    return _signed_short((0x8000 if k & 0x80 else 0) | (1 if k & 1 else 0))


@dll.stdcall
def GetKeyboardState(buf: PTR) -> BOOL:
    proc().mem.write(buf, bytes(state().keys))
    return 1


@dll.stdcall
def SetKeyboardState(buf: PTR) -> BOOL:
    state().keys[:] = proc().mem.read(buf, 256)
    return 1


@dll.stdcall
def GetCursorPos(pt: PTR) -> BOOL:
    if not pt:
        return 0
    proc().mem.write(pt, struct.pack("<2i", *state().cursor_pos))
    return 1


@dll.stdcall
def SetCursorPos(x: INT, y: INT) -> BOOL:
    from winelike.gui import display
    w, h = display.screen_size()
    state().cursor_pos = (min(max(x, 0), w - 1), min(max(y, 0), h - 1))
    return 1


@dll.stdcall
def SetCapture(hwnd: HWND) -> HWND:
    st = state()
    old = st.capture
    st.capture = get_win(hwnd)
    return old.hwnd if old is not None and not old.destroyed else 0


@dll.stdcall
def ReleaseCapture() -> BOOL:
    st = state()
    old = st.capture
    st.capture = None
    if old is not None and not old.destroyed:
        send(old, 0x215, 0, 0)       # WM_CAPTURECHANGED
    return 1


@dll.stdcall
def GetCapture() -> HWND:
    c = state().capture
    return c.hwnd if c is not None and not c.destroyed else 0


@dll.stdcall
def MapVirtualKeyW(code: UINT, maptype: UINT) -> UINT:
    if maptype == 0:
        return SCANCODES.get(code, 0)
    if maptype == 2:
        c = vk_to_char(code, False, False, False)
        return ord(c.upper()) if c else 0
    if maptype == 1:
        for vk, sc in SCANCODES.items():
            if sc == code:
                return vk
    return 0


@dll.stdcall
def MapVirtualKeyA(code: UINT, maptype: UINT) -> UINT:
    return MapVirtualKeyW(code, maptype)


@dll.stdcall
def keybd_event(vk: DWORD, scan: DWORD, flags: DWORD, extra: PTR) -> None:
    from winelike.gui import display
    display.get().post_input(("key", not flags & 2, vk & 0xFF, scan & 0xFF))


@dll.stdcall
def mouse_event(flags: DWORD, dx: DWORD, dy: DWORD, data: DWORD, extra: PTR) -> None:
    from winelike.gui import display
    d = display.get()
    st = state()
    x, y = st.cursor_pos
    if flags & 1:
        if flags & 0x8000:
            w, h = display.screen_size()
            x, y = (dx & 0xFFFF) * w // 65536, (dy & 0xFFFF) * h // 65536
        else:
            x, y = x + (dx - (1 << 32) if dx >> 31 else dx), y + (dy - (1 << 32) if dy >> 31 else dy)
        d.post_input(("mouse", "move", x, y, None))
    for bit, kind, b in ((2, "down", "l"), (4, "up", "l"), (8, "down", "r"), (0x10, "up", "r"),
                         (0x20, "down", "m"), (0x40, "up", "m")):
        if flags & bit:
            d.post_input(("mouse", kind, x, y, b))
