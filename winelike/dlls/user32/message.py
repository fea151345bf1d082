"""Message queues: GetMessage/PeekMessage/WaitMessage, Post(Thread)Message, SendMessage (direct on
the same thread; to another thread through its queue, the sender serving its own incoming sent
messages while it waits), DispatchMessage, TranslateMessage, PostQuitMessage, timers,
MsgWaitForMultipleObjects.

Each guest thread has a Queue (state.py): a deque of posted messages and one of sent
messages from other threads, under a threading.Condition.  A thread waiting for messages
waits on its own condition inside `proc().blocking()`, so the process's other guest threads
run meanwhile.  What GetMessage returns, in Windows' order: sent messages are delivered
first (not returned), then posted and input messages, WM_QUIT, WM_PAINT for windows with an
update region, then WM_TIMER.  Raw input from the display (SDL or an input script) is
turned into window messages here (input.py).  Queues are in-process; a post to a window or
thread of another process goes through the server and arrives in the target's queue through
its process's listener (remote.py).
"""
from __future__ import annotations

import struct
import time

from winelike.abi.types import BOOL, DWORD, HANDLE, HWND, INT, INT_PTR, LONG, LPARAM, LPCSTR, LPCWSTR, PTR, UINT, WPARAM
from winelike.dlls.winapi import ERROR_INVALID_PARAMETER, proc, set_last_error
from . import dll, remote
from .state import state, queue, get_win, send, send_message, call_proc, SentMessage, Timer, ch, ch_msg

WM_NULL, WM_PAINT, WM_QUIT, WM_TIMER, WM_SYSTIMER = 0, 0xF, 0x12, 0x113, 0x118
WM_KEYDOWN, WM_KEYUP, WM_CHAR, WM_DEADCHAR, WM_SYSKEYDOWN, WM_SYSKEYUP, WM_SYSCHAR = 0x100, 0x101, 0x102, 0x103, 0x104, 0x105, 0x106
PM_REMOVE, PM_NOYIELD = 1, 2
HWND_BROADCAST = 0xFFFF
ERROR_INVALID_WINDOW_HANDLE, ERROR_INVALID_THREAD_ID, ERROR_MESSAGE_SYNC_ONLY = 1400, 1444, 1159
WM_USER = 0x400


def tick_ms() -> int:
    p = proc()
    return (int((time.monotonic() - p.start_time) * 1000) + 10_000_000) & 0xFFFFFFFF


def _mask(v):
    return v & ((1 << proc().bits) - 1)


def write_msg(ptr, m):
    hwnd, msg, wp, lp, t, x, y = m[:7]
    p = proc()
    if p.bits == 32:
        p.mem.write(ptr, struct.pack("<IIIIIii", hwnd, msg, wp & 0xFFFFFFFF, lp & 0xFFFFFFFF, t, x, y))
    else:
        p.mem.write(ptr, struct.pack("<QI4xQQIii4x", hwnd, msg, wp & (2**64 - 1), lp & (2**64 - 1), t, x, y))


def read_msg(ptr):
    p = proc()
    if p.bits == 32:
        hwnd, msg, wp, lp, t, x, y = struct.unpack("<IIIiIii", p.mem.read(ptr, 28))
    else:
        hwnd, msg, wp, lp, t, x, y = struct.unpack("<QI4xQqIii", p.mem.read(ptr, 44))
    return hwnd & 0xFFFFFFFF, msg, wp, lp, t, x, y


def post(q, hwnd, msg, wp, lp, keys=None):
    st = state()
    x, y = st.cursor_pos
    with q.cond:
        q.posted.append((hwnd, msg & 0xFFFFFFFF, wp, lp, tick_ms(), x, y, keys))
        q.arrived()


def _filter_ok(m_hwnd, msg, fwin, fhwnd, mn, mx):
    if fhwnd == -1 or fhwnd == 0xFFFFFFFF:
        if m_hwnd:
            return False
    elif fwin is not None:
        if m_hwnd != fwin.hwnd:
            w = get_win(m_hwnd)
            if w is None:
                return False
            par = w.parent
            while par is not None and par is not fwin:
                par = par.parent
            if par is None:
                return False
    if (mn or mx) and not (mn <= msg <= mx):
        return False
    return True


def process_sent(q):
    """Deliver messages other threads sent to this one (SendMessage across threads)."""
    while q.sent:
        try:
            sm = q.sent.popleft()
        except IndexError:
            return
        win = get_win(sm.hwnd)
        if win is not None:
            q.in_send += 1
            try:
                sm.result = send(win, sm.msg, sm.wp, sm.lp, sm.unicode)
            finally:
                q.in_send -= 1
        sm.done = True
        if sm.remote is not None:       # from another process: the answer goes back through the server
            remote.reply(sm.remote[0], sm.remote[1], sm.result)
            continue
        sender = sm.sender_queue
        if sender is None:
            continue
        with sender.cond:
            sender.arrived()


def send_to_other_thread(win, msg, wp, lp, unicode):
    p = proc()
    me = queue()
    target = queue(win.tid)
    sm = SentMessage(win.hwnd, msg, wp, lp, unicode)
    sm.sender_queue = me
    with target.cond:
        target.sent.append(sm)
        target.arrived()
    while not sm.done:
        process_sent(me)
        if sm.done:
            break
        seen = me.seq
        with p.blocking():
            with me.cond:
                if not sm.done and me.seq == seen and not me.sent:
                    me.cond.wait(0.05)
        if get_win(win.hwnd) is None and not sm.done:
            return 0
    return sm.result


def _paint_candidate(tid, fwin, fhwnd, mn, mx):
    if fhwnd == -1 or (mn or mx) and not (mn <= WM_PAINT <= mx):
        return None
    st = state()

    def walk(lst):
        for w in lst:
            if w.destroyed or w.tid != tid or not w.visible:
                continue
            if w.update is not None or (w.ncpaint and w.parent is None):
                if fwin is None or _filter_ok(w.hwnd, WM_PAINT, fwin, fwin.hwnd, 0, 0):
                    return w
            r = walk(w.children)
            if r is not None:
                return r
        return None
    return walk(st.toplevel)


def _timer_candidate(q, fwin, fhwnd, mn, mx):
    if (mn or mx) and not (mn <= WM_TIMER <= mx):
        return None
    now = time.monotonic()
    best = None
    for t in q.timers.values():
        if t.due <= now and _filter_ok(t.hwnd, WM_TIMER, fwin, fhwnd, 0, 0):
            if best is None or t.due < best.due:
                best = t
    return best


def _next_timer_wait(q):
    if not q.timers:
        return None
    return max(min(t.due for t in q.timers.values()) - time.monotonic(), 0)


def _idle(q):
    """The thread has nothing to do: finish non-client painting, serve display barriers, present."""
    st = state()
    from . import input as inp, paint
    for w in list(st.toplevel):
        if w.ncpaint and w.tid == q.tid and w.visible and not w.destroyed and w.update is None:
            paint.nc_paint(w)
    paint.present_if_dirty()
    inp.serve_idle_waiters(q)


def peek_message(msgp, hwnd, mn, mx, flags, block, wide):
    """The engine of GetMessage (block=True) and PeekMessage; returns the message or None."""
    p = proc()
    q = queue()
    fwin = None
    hwnd &= 0xFFFFFFFF
    fh = -1 if hwnd == 0xFFFFFFFF else hwnd
    if hwnd and fh != -1:
        fwin = get_win(hwnd)
        if fwin is None:
            set_last_error(ERROR_INVALID_WINDOW_HANDLE)
            return "error"
    from . import input as inp
    remove = bool(flags & PM_REMOVE)
    q.last_peek_seq = q.seq
    synced = False
    while True:
        seen = q.seq
        process_sent(q)
        inp.process_raw_input(q)
        m = None
        with q.cond:
            for i, pm in enumerate(q.posted):
                if _filter_ok(pm[0], pm[1], fwin, fh, mn, mx):
                    m = pm
                    if remove:
                        del q.posted[i]
                    break
        if m is not None:
            q.msg_time, q.msg_pos = m[4], (m[5], m[6])
            if remove:
                inp.note_key_message(m)
            return m
        if q.quit is not None:
            m = (0, WM_QUIT, q.quit, 0, tick_ms(), *state().cursor_pos)
            if remove:
                q.quit = None
            return m
        w = _paint_candidate(q.tid, fwin, fh, mn, mx)
        if w is not None:
            if w.update is None:
                from . import paint
                paint.nc_paint(w)
                continue
            return (w.hwnd, WM_PAINT, 0, 0, tick_ms(), *state().cursor_pos)
        t = _timer_candidate(q, fwin, fh, mn, mx)
        if t is not None:
            if remove:
                t.due = time.monotonic() + t.interval / 1000
            return (t.hwnd, WM_TIMER, t.id, t.proc, tick_ms(), *state().cursor_pos)
        _idle(q)
        if not block:
            if q.registered and not synced and remote.sync(q):
                synced = True
                continue              # messages from other processes that had not arrived yet
            return None
        timeout = _next_timer_wait(q)
        from winelike.gui import display
        d = display.active()
        if d is not None and d.sdl is not None:
            timeout = 0.01 if timeout is None else min(timeout, 0.01)
        with p.blocking():
            with q.cond:
                if q.seq == seen and not q.sent and not q.posted and q.quit is None \
                        and not (d is not None and d.input):
                    q.cond.wait(timeout if timeout is not None else 1.0)
        if d is not None:
            d.pump()


@dll.stdcall
def GetMessageW(msgp: PTR, hwnd: HWND, mn: UINT, mx: UINT) -> BOOL:
    m = peek_message(msgp, hwnd, mn, mx, PM_REMOVE, True, True)
    if m == "error":
        return -1
    write_msg(msgp, m)
    return 0 if m[1] == WM_QUIT else 1


@dll.stdcall
def GetMessageA(msgp: PTR, hwnd: HWND, mn: UINT, mx: UINT) -> BOOL:
    m = peek_message(msgp, hwnd, mn, mx, PM_REMOVE, True, False)
    if m == "error":
        return -1
    m = _char_to_a(m)
    write_msg(msgp, m)
    return 0 if m[1] == WM_QUIT else 1


def _char_to_a(m):
    if m[1] in (WM_CHAR, WM_SYSCHAR) and m[2] > 0x7F:
        b = chr(m[2] & 0xFFFF).encode(proc().acp, "replace")[:1] or b"?"
        return (m[0], m[1], b[0], *m[3:7])
    return m


@dll.stdcall
def PeekMessageW(msgp: PTR, hwnd: HWND, mn: UINT, mx: UINT, flags: UINT) -> BOOL:
    m = peek_message(msgp, hwnd, mn, mx, flags, False, True)
    if m is None or m == "error":
        return 0
    write_msg(msgp, m)
    return 1


@dll.stdcall
def PeekMessageA(msgp: PTR, hwnd: HWND, mn: UINT, mx: UINT, flags: UINT) -> BOOL:
    m = peek_message(msgp, hwnd, mn, mx, flags, False, False)
    if m is None or m == "error":
        return 0
    write_msg(msgp, _char_to_a(m))
    return 1


@dll.stdcall
def WaitMessage() -> BOOL:
    p = proc()
    q = queue()
    seen = q.seq
    if q.posted or q.quit is not None:
        return 1
    process_sent(q)
    with p.blocking():
        with q.cond:
            if q.seq == seen and not q.posted:
                q.cond.wait(_next_timer_wait(q) or 1.0)
    return 1


def _set(bits, *msgs):
    for m in msgs:
        bits.add(m)
    return frozenset(bits)


# Messages whose wParam/lParam carry pointers (Wine's message_pointer_flags): they cannot be
# posted, to any window or thread, in or out of the process (ERROR_MESSAGE_SYNC_ONLY).
POINTER_MESSAGES = _set(set(),
    0x01, 0x0C, 0x0D, 0x1A, 0x1B,                   # WM_CREATE, WM_SETTEXT, WM_GETTEXT, WM_WININICHANGE, WM_DEVMODECHANGE
    0x24, 0x2B, 0x2C, 0x2D, 0x39,                   # WM_GETMINMAXINFO, WM_DRAWITEM, WM_MEASUREITEM, WM_DELETEITEM, WM_COMPAREITEM
    0x46, 0x47, 0x4A, 0x53,                         # WM_WINDOWPOSCHANGING/CHANGED, WM_COPYDATA, WM_HELP
    0x7C, 0x7D,                                     # WM_STYLECHANGING/CHANGED
    0x81, 0x83, 0x87,                               # WM_NCCREATE, WM_NCCALCSIZE, WM_GETDLGCODE
    0xB0, 0xB2, 0xB3, 0xB4,                         # EM_GETSEL, EM_GETRECT, EM_SETRECT, EM_SETRECTNP
    0xC2, 0xC4, 0xCB,                               # EM_REPLACESEL, EM_GETLINE, EM_SETTABSTOPS
    0xE3, 0xE9, 0xEA, 0xEB,                         # SBM_GETRANGE, SBM_SETSCROLLINFO, SBM_GETSCROLLINFO, SBM_GETSCROLLBARINFO
    0x140, 0x143, 0x145, 0x148, 0x14A, 0x14C, 0x14D, 0x152, 0x158,   # CB_ string and rect messages
    0x180, 0x181, 0x189, 0x18C, 0x18D, 0x18F, 0x191, 0x192, 0x196, 0x198, 0x1A2,   # LB_ ones
    0x213, 0x214, 0x216,                            # WM_NEXTMENU, WM_SIZING, WM_MOVING
    0x220, 0x229,                                   # WM_MDICREATE, WM_MDIGETACTIVE
    0x30C)                                          # WM_ASKCBFORMATNAME
WM_DEVICECHANGE = 0x219


def _pointer_message(msg, wp):
    msg &= 0xFFFFFFFF
    if msg == WM_DEVICECHANGE:
        return bool(wp & 0x8000)
    return msg in POINTER_MESSAGES


def _post_remote(hwnd, tid, msg, wp, lp):
    """To a window or thread of another process, through the server (remote.py)."""
    e = remote.post(hwnd, tid, msg, wp, lp)
    if e:
        set_last_error(e)
        return 0
    return 1


def send_remote(hwnd, msg, wp, lp, unicode, notify=False, timeout=None):
    """SendMessage (notify: SendNotifyMessage) to a window that is not this process's."""
    st = state()
    hwnd &= 0xFFFFFFFF
    if not hwnd or hwnd == st.desktop_hwnd:
        set_last_error(ERROR_INVALID_WINDOW_HANDLE if not hwnd else 0)
        return 0
    if _pointer_message(msg, wp):
        if remote.window_info(hwnd) is None:
            set_last_error(ERROR_INVALID_WINDOW_HANDLE)
            return 0
        ch_msg.fixme("SendMessage", f"message {msg:x} to another process's window {hwnd:x}: its pointers "
                                    "are not marshalled, not sent")
        set_last_error(120)          # ERROR_CALL_NOT_IMPLEMENTED
        return 0
    e, r = remote.send(hwnd, msg, wp, lp, unicode, notify, timeout)
    if e:
        set_last_error(e)
        return 0
    return 1 if notify else r


def post_message(hwnd, msg, wp, lp):
    st = state()
    if _pointer_message(msg, wp):
        set_last_error(ERROR_MESSAGE_SYNC_ONLY)
        return 0
    if hwnd == HWND_BROADCAST:
        if WM_USER <= msg & 0xFFFFFFFF < 0xC000:
            return 1                  # only system and registered messages are broadcast (as Wine)
        for w in list(st.toplevel):
            post(queue(w.tid), w.hwnd, msg, wp, lp)
        return _post_remote(HWND_BROADCAST, 0, msg, wp, lp)
    if not hwnd:
        post(queue(), 0, msg, wp, lp)
        return 1
    win = get_win(hwnd)
    if win is None:
        if hwnd == st.desktop_hwnd:
            return 1                  # the desktop's thread is nobody's here: accepted, not seen
        return _post_remote(hwnd, 0, msg, wp, lp)
    post(queue(win.tid), win.hwnd, msg, wp, lp)
    return 1


@dll.stdcall
def PostMessageW(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> BOOL:
    return post_message(hwnd, msg, wp, lp)


@dll.stdcall
def PostMessageA(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> BOOL:
    return post_message(hwnd, msg, wp, lp)


def post_thread_message(tid, msg, wp, lp):
    st = state()
    if _pointer_message(msg, wp):
        set_last_error(ERROR_MESSAGE_SYNC_ONLY)
        return 0
    q = st.queues.get(tid)
    if q is None:
        p = proc()
        if tid == p.thread.tid:
            q = queue()
        elif tid in p.threads:
            set_last_error(ERROR_INVALID_THREAD_ID)     # a thread of ours without a queue (as Wine)
            return 0
        elif tid in p.exited_threads:      # ours and gone (the server may not have seen it go yet)
            set_last_error(ERROR_INVALID_PARAMETER)
            return 0
        else:
            return _post_remote(0, tid, msg, wp, lp)
    post(q, 0, msg, wp, lp)
    return 1


@dll.stdcall
def PostThreadMessageW(tid: DWORD, msg: UINT, wp: WPARAM, lp: LPARAM) -> BOOL:
    return post_thread_message(tid, msg, wp, lp)


@dll.stdcall
def PostThreadMessageA(tid: DWORD, msg: UINT, wp: WPARAM, lp: LPARAM) -> BOOL:
    return post_thread_message(tid, msg, wp, lp)


@dll.stdcall
def PostQuitMessage(code: INT) -> None:
    q = queue()
    with q.cond:
        q.quit = code & 0xFFFFFFFF
        q.arrived()


def _broadcast_send(msg, wp, lp, wide):
    for w in list(state().toplevel):
        send_message(w.hwnd, msg, wp, lp, wide)
    return 1


@dll.stdcall
def SendMessageW(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> INT_PTR:
    if hwnd == HWND_BROADCAST:
        return _broadcast_send(msg, wp, lp, True)
    return send_message(hwnd, msg, wp, lp, True)


@dll.stdcall
def SendMessageA(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> INT_PTR:
    if hwnd == HWND_BROADCAST:
        return _broadcast_send(msg, wp, lp, False)
    return send_message(hwnd, msg, wp, lp, False)


def _send_timeout(hwnd, msg, wp, lp, flags, timeout, result, wide):
    if get_win(hwnd) is None and hwnd != HWND_BROADCAST:
        set_last_error(0)
        r = send_remote(hwnd, msg, wp, lp, wide, timeout=timeout)      # another process's window
        from winelike.dlls.winapi import get_last_error
        if not r and get_last_error():
            return 0
    else:
        r = _broadcast_send(msg, wp, lp, wide) if hwnd == HWND_BROADCAST else send_message(hwnd, msg, wp, lp, wide)
    if result:
        proc().mem.wptr(result, _mask(r))
    return 1


@dll.stdcall
def SendMessageTimeoutW(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM, flags: UINT, timeout: UINT,
                        result: PTR) -> INT_PTR:
    return _send_timeout(hwnd, msg, wp, lp, flags, timeout, result, True)


@dll.stdcall
def SendMessageTimeoutA(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM, flags: UINT, timeout: UINT,
                        result: PTR) -> INT_PTR:
    return _send_timeout(hwnd, msg, wp, lp, flags, timeout, result, False)


def _send_notify(hwnd, msg, wp, lp, wide):
    win = get_win(hwnd)
    if win is None:
        return send_remote(hwnd, msg, wp, lp, wide, notify=True)
    if win.tid == proc().thread.tid:
        send(win, msg, wp, lp, wide)
        return 1
    q = queue(win.tid)
    sm = SentMessage(win.hwnd, msg, wp, lp, wide)
    sm.sender_queue = q
    with q.cond:
        q.sent.append(sm)
        q.arrived()
    return 1


@dll.stdcall
def SendNotifyMessageW(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> BOOL:
    return _send_notify(hwnd, msg, wp, lp, True)


@dll.stdcall
def SendNotifyMessageA(hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> BOOL:
    return _send_notify(hwnd, msg, wp, lp, False)


@dll.stdcall
def InSendMessage() -> BOOL:
    return int(queue().in_send > 0)


@dll.stdcall
def ReplyMessage(result: LPARAM) -> BOOL:
    return 0


def dispatch(m, wide):
    hwnd, msg, wp, lp = m[0], m[1], m[2], m[3]
    p = proc()
    if msg in (WM_TIMER, WM_SYSTIMER) and lp:
        return p.cpu.call(lp, (hwnd, msg, wp, tick_ms()), p.callback_ret) & 0xFFFFFFFF
    win = get_win(hwnd)
    if win is None:
        if hwnd:
            set_last_error(ERROR_INVALID_WINDOW_HANDLE)
        return 0
    if win.tid != p.thread.tid:
        set_last_error(ERROR_MESSAGE_SYNC_ONLY)
        return 0
    r = send(win, msg, wp, lp, wide)
    if msg == WM_PAINT and not win.destroyed and win.update is not None:
        from . import paint
        paint.erase_if_needed(win)
    return r


@dll.stdcall
def DispatchMessageW(msgp: PTR) -> INT_PTR:
    return dispatch(read_msg(msgp), True)


@dll.stdcall
def DispatchMessageA(msgp: PTR) -> INT_PTR:
    return dispatch(read_msg(msgp), False)


@dll.stdcall
def TranslateMessage(msgp: PTR) -> BOOL:
    from .input import translate
    return translate(read_msg(msgp))


@dll.stdcall
def CallWindowProcW(fn: PTR, hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> INT_PTR:
    if not fn:
        return 0
    return call_proc(fn, hwnd, msg, wp, lp, True, None if fn in state().builtin_procs else True)


@dll.stdcall
def CallWindowProcA(fn: PTR, hwnd: HWND, msg: UINT, wp: WPARAM, lp: LPARAM) -> INT_PTR:
    if not fn:
        return 0
    return call_proc(fn, hwnd, msg, wp, lp, False, None if fn in state().builtin_procs else False)


@dll.stdcall
def GetMessagePos() -> DWORD:
    x, y = queue().msg_pos
    return (x & 0xFFFF) | ((y & 0xFFFF) << 16)


@dll.stdcall
def GetMessageTime() -> LONG:
    return queue().msg_time


@dll.stdcall
def GetQueueStatus(flags: UINT) -> DWORD:
    q = queue()
    bits = 0
    if q.posted:
        bits |= 0x8          # QS_POSTMESSAGE
    if q.sent:
        bits |= 0x40
    if _paint_candidate(q.tid, None, 0, 0, 0) is not None:
        bits |= 0x20
    if _timer_candidate(q, None, 0, 0, 0) is not None:
        bits |= 0x10
    bits &= flags
    return (bits << 16) | bits


@dll.stdcall
def GetInputState() -> BOOL:
    from winelike.gui import display
    d = display.active()
    return int(bool(d is not None and d.input))


@dll.stdcall
def MsgWaitForMultipleObjects(count: DWORD, handles: PTR, wait_all: BOOL, ms: DWORD, mask: DWORD) -> DWORD:
    return MsgWaitForMultipleObjectsEx(count, handles, ms, mask, 1 if wait_all else 0)


@dll.stdcall
def MsgWaitForMultipleObjectsEx(count: DWORD, handles: PTR, ms: DWORD, mask: DWORD, flags: DWORD) -> DWORD:
    from winelike.dlls.kernel32 import objects as K
    p = proc()
    q = queue()
    deadline = None if ms == 0xFFFFFFFF else time.monotonic() + ms / 1000
    start_seq = q.last_peek_seq
    synced = False
    while True:
        if count:
            r = K.WaitForMultipleObjects(count, handles, 1 if flags & 1 else 0, 0)
            if r != 0x102:        # WAIT_TIMEOUT
                return r
        process_sent(q)
        from . import input as inp
        inp.process_raw_input(q)
        has = (q.posted and q.seq != start_seq) or (flags & 4 and q.posted) or \
            q.quit is not None or _timer_candidate(q, None, 0, 0, 0) is not None or \
            (mask & 0x20 and _paint_candidate(q.tid, None, 0, 0, 0) is not None)
        if has:
            return count
        now = time.monotonic()
        if deadline is not None and now >= deadline:
            if q.registered and not synced and remote.sync(q):
                synced = True
                continue
            return 0x102
        wait = 0.005 if count else (None if deadline is None else deadline - now)
        if deadline is not None:
            wait = min(wait if wait is not None else 1.0, deadline - now)
        seen = q.seq
        with p.blocking():
            with q.cond:
                if q.seq == seen:
                    q.cond.wait(wait if wait is not None else 1.0)


# ---- timers -----------------------------------------------------------------------------

def set_timer(hwnd, tid_, interval, fn):
    st = state()
    if hwnd:
        win = get_win(hwnd)
        if win is None:
            set_last_error(ERROR_INVALID_WINDOW_HANDLE)
            return 0
        q = queue(win.tid)
        key = (win.hwnd, tid_)
        ident = tid_
    else:
        q = queue()
        used = {k[1] for k in q.timers if k[0] == 0}
        ident = tid_ if tid_ and (0, tid_) in q.timers else 0x7FFF
        if not ident or (0, ident) not in q.timers:
            ident = 1
            while ident in used:
                ident += 1
        key = (0, ident)
    interval = max(min(interval, 0x7FFFFFFF), 10)
    q.timers[key] = Timer(key[0], ident, interval, fn, q.tid)
    q.wake()
    return ident


@dll.stdcall
def SetTimer(hwnd: HWND, ident: INT_PTR, interval: UINT, fn: PTR) -> INT_PTR:
    return set_timer(hwnd, ident, interval, fn)


@dll.stdcall
def KillTimer(hwnd: HWND, ident: INT_PTR) -> BOOL:
    st = state()
    win = get_win(hwnd) if hwnd else None
    q = queue(win.tid) if win is not None else queue()
    key = (win.hwnd if win is not None else 0, ident)
    if key not in q.timers:
        set_last_error(1402 if False else 0)   # ERROR_INVALID_TIMER_ID is not set by Windows here
        return 0
    del q.timers[key]
    # a WM_TIMER already posted for it is not retrieved any more (it was never queued here)
    return 1


@dll.stdcall
def RegisterWindowMessageW(name: LPCWSTR) -> UINT:
    st = state()
    if not name:
        set_last_error(87)
        return 0
    key = name.lower()
    v = st.reg_messages.get(key)
    if v is None:                      # the number is the prefix's, so other processes agree on it
        r = proc().server().call("register_message", name=name)
        if r.error:
            set_last_error(r.error)
            return 0
        v = st.reg_messages[key] = r.id
    return v


@dll.stdcall
def RegisterWindowMessageA(name: LPCSTR) -> UINT:
    return RegisterWindowMessageW(name)
