"""user32's process state: window classes, the window tree, message queues per guest thread,
focus/activation/capture, and how window procedures are called (guest code or winelike's own).

HWNDs are user handles (not kernel handles) handed out by the server, unique in the prefix
(remote.py); the window itself lives here.  Built-in window procedures (DefWindowProc, the standard controls, dialogs) are
Python functions; each is also given a guest address (a special thunk that pops its four
arguments), so GetWindowLongPtr(GWLP_WNDPROC) and CallWindowProc work on them as on
Windows.
"""
from __future__ import annotations

import collections
import struct
import threading
import time

from winelike.debug import Channel
from winelike.dlls.winapi import proc

ch = Channel("win")
ch_msg = Channel("msg")


class lazy:
    """A module imported on first use: user32 is loaded by many console programs (wsprintf), which
    must not pay for numpy, Pillow and gdi32 until they draw."""

    def __init__(self, name):
        self.__dict__["_name"] = name

    def __getattr__(self, attr):
        mod = self.__dict__.get("_mod")
        if mod is None:
            import importlib
            mod = self.__dict__["_mod"] = importlib.import_module(self.__dict__["_name"])
        return getattr(mod, attr)


def lazy_func(module, name):
    cell = []

    def call(*args, **kw):
        if not cell:
            import importlib
            cell.append(getattr(importlib.import_module(module), name))
        return cell[0](*args, **kw)
    call.__name__ = name
    return call


class WndClass:
    def __init__(self, name, style=0, wndproc=0, cls_extra=0, wnd_extra=0, hinstance=0, icon=0, cursor=0,
                 background=0, menu_name=0, icon_sm=0, unicode=True, atom=0):
        self.name = name
        self.style, self.wndproc = style, wndproc
        self.cls_extra_n, self.wnd_extra = cls_extra, wnd_extra
        self.extra = bytearray(cls_extra)
        self.hinstance, self.icon, self.cursor = hinstance, icon, cursor
        self.background, self.menu_name, self.icon_sm = background, menu_name, icon_sm
        self.unicode = unicode
        self.atom = atom
        self.builtin = False


class Window:
    server_text = None                # top-level windows: the title the server has (for FindWindow)

    def __init__(self, hwnd, cls, style, exstyle, text, parent, owner, tid):
        self.hwnd = hwnd
        self.cls = cls
        self.style, self.exstyle = style, exstyle
        self._text = text
        self.parent = parent          # Window or None (top-level)
        self.owner = owner            # Window or None
        self.children: list[Window] = []   # z-order, top first
        self.tid = tid
        self.wndproc = cls.wndproc
        self.unicode = cls.unicode
        self.id = 0                   # GWLP_ID (the menu handle for top-level windows)
        self.userdata = 0
        self.extra = bytearray(cls.wnd_extra)
        self.hinstance = 0
        self.rect = (0, 0, 0, 0)      # window rect, in the parent's client coordinates
        self.client = (0, 0, 0, 0)    # client rect in window coordinates
        self.surface = None           # top-level windows only
        self.update = None            # invalid client rect (l, t, r, b) or None
        self.erase = False
        self.ncpaint = False
        self.destroyed = False
        self.props = {}
        self.own_dc = 0
        self.need_size = True         # WM_SIZE/WM_MOVE still due at first show
        self.data = {}                # built-in controls' own state
        self.dlg = None               # dialog state for dialogs
        self.minmax = 0

    @property
    def text(self):
        return self._text

    @text.setter
    def text(self, value):
        self._text = value
        if self.server_text is not None and value != self.server_text and not self.destroyed:
            self.server_text = value
            from . import remote
            remote.set_text(self.hwnd, value)

    @property
    def visible(self):
        return bool(self.style & 0x10000000)

    @property
    def enabled(self):
        return not self.style & 0x08000000

    @property
    def is_child(self):
        return bool(self.style & 0x40000000) and self.parent is not None

    def top(self):
        w = self
        while w.parent is not None:
            w = w.parent
        return w

    def screen_origin(self):
        """Screen position of the window rect's top-left."""
        x, y = self.rect[0], self.rect[1]
        p = self.parent
        while p is not None:
            x += p.rect[0] + p.client[0]
            y += p.rect[1] + p.client[1]
            p = p.parent
        return x, y

    def client_screen(self):
        x, y = self.screen_origin()
        return x + self.client[0], y + self.client[1]

    def client_size(self):
        return self.client[2] - self.client[0], self.client[3] - self.client[1]

    def surface_origin(self):
        """Position of the window rect's top-left in its top-level window's surface."""
        top = self.top()
        x, y = self.screen_origin()
        tx, ty = top.screen_origin()
        return x - tx, y - ty

    def really_visible(self):
        w = self
        while w is not None:
            if not w.visible:
                return False
            w = w.parent
        return True


class Timer:
    __slots__ = ("hwnd", "id", "interval", "due", "proc", "tid")

    def __init__(self, hwnd, tid_, interval, proc_addr, tid):
        self.hwnd, self.id, self.interval, self.proc, self.tid = hwnd, tid_, interval, proc_addr, tid
        self.due = time.monotonic() + interval / 1000


class Queue:
    """One guest thread's message queue."""

    def __init__(self, tid):
        self.tid = tid
        self.posted = collections.deque()   # (hwnd, msg, wp, lp, time, x, y)
        self.sent = collections.deque()     # cross-thread SendMessage: SentMessage
        self.cond = threading.Condition()
        self.quit = None
        self.timers: dict = {}              # (hwnd, id) -> Timer
        self.key_state = None
        self.msg_time = 0
        self.msg_pos = (0, 0)
        self.waiting = False
        self.in_send = 0
        self.registered = False             # the server knows it (remote.register_queue)
        self.synced_seq = None              # the thread's server request count at its last remote.sync
        self.seq = 0                        # bumped whenever something arrives: waiters compare it
        self.last_peek_seq = -1             # seq at the last PeekMessage (GetQueueStatus's "new")

    def wake(self):
        with self.cond:
            self.cond.notify_all()

    def arrived(self):
        """Something was queued (call with self.cond held): bump seq and wake the waiters."""
        self.seq += 1
        self.cond.notify_all()


class SentMessage:
    __slots__ = ("hwnd", "msg", "wp", "lp", "unicode", "result", "done", "sender_queue", "remote")

    def __init__(self, hwnd, msg, wp, lp, unicode):
        self.hwnd, self.msg, self.wp, self.lp, self.unicode = hwnd, msg, wp, lp, unicode
        self.result = 0
        self.done = False
        self.remote = None            # from another process: (sender pid, id, listener connection)


class UserState:
    def __init__(self, p):
        self.windows: dict[int, Window] = {}
        self.toplevel: list[Window] = []        # z-order, top first
        self.classes: dict[str, WndClass] = {}  # lower-case name -> class
        self.atoms: dict[int, WndClass] = {}
        self.next_atom = 0xC000
        self.next_hwnd = 0x10020
        self.queues: dict[int, Queue] = {}
        self.lock = threading.RLock()
        self.focus = None
        self.active = None
        self.capture = None
        self.cursor_pos = (0, 0)
        self.keys = bytearray(256)             # high bit: down; low bit: toggled
        self.async_keys = bytearray(256)
        self.builtin_procs: dict[int, object] = {}     # guest address -> Python wndproc
        self.proc_addr: dict[object, int] = {}
        self.reg_messages: dict[str, int] = {}         # RegisterWindowMessage, cached (the server numbers them)
        self.idle_waiters = collections.deque()         # (threading.Event, callable or None)
        self.desktop_hwnd = 0x10010                     # process-local; the server's hwnds start at 0x10020
        self.listener = None                            # remote.Listener: messages from other processes
        self.remote_sends: dict = {}                    # our SendMessages to other processes: id -> RemoteSend
        self.p = p


def state() -> UserState:
    p = proc()
    st = p.state.get("user32")
    if st is None:
        with _init_lock:
            st = p.state.get("user32")
            if st is None:
                st = UserState(p)
                p.state["user32"] = st
                from . import classes
                classes.register_builtin_classes(st)
                _register_thread_hook()
                _install_display(st)
    return st


_init_lock = threading.Lock()


def _thread_ended(p, t):
    """A guest thread ended: its queue goes, and so do its windows (without messages, as the
    thread can no longer run their procedures)."""
    st = p.state.get("user32")
    if st is None:
        return
    tid = getattr(t, "tid", None)
    q = st.queues.pop(tid, None)
    if q is not None:
        for sm in list(q.sent):       # other processes' senders wait for an answer: 0
            if sm.remote is not None:
                from . import remote
                remote.reply(sm.remote[0], sm.remote[1], 0)
    from .win import _free_window
    for w in [w for w in list(st.windows.values()) if w.tid == tid and not w.destroyed]:
        _free_window(w, tell_server=False)     # the server drops them itself when the thread ends


def _register_thread_hook():
    from winelike import threads
    if _thread_ended not in threads.exit_hooks:
        threads.exit_hooks.append(_thread_ended)


def _install_display(st):
    from winelike.gui import display
    d = display.get()
    d.waker = lambda: _wake_all(st)
    from . import paint
    d.compose_fn = paint.compose


def _wake_all(st):
    for q in list(st.queues.values()):
        q.wake()


def queue(tid=None) -> Queue:
    """Thread tid's queue (made if missing); without tid, the calling thread's, which the
    server is told about on first use (remote.py: other processes can then post to it)."""
    st = state()
    if tid is None:
        tid = proc().thread.tid
        q = st.queues.get(tid)
        if q is None or not q.registered:
            q = _make_queue(st, tid)
            if not q.registered:
                from . import remote
                remote.register_queue(q)
        return q
    q = st.queues.get(tid)
    if q is None:
        q = _make_queue(st, tid)
    return q


def _make_queue(st, tid) -> Queue:
    with st.lock:
        q = st.queues.get(tid)
        if q is None:
            q = st.queues[tid] = Queue(tid)
    return q


def copy_text(buf, n, s, wide):
    """s, cut to n - 1 characters (UTF-16 units or ANSI bytes), and a NUL into buf of n > 0
    characters; returns the characters copied (GetWindowText, GetClassName, LoadString...)."""
    p = proc()
    unit = 2 if wide else 1
    data = (s.encode("utf-16-le", "surrogatepass") if wide else p.encode_astr(s))[:(n - 1) * unit]
    p.mem.write(buf, data + b"\0" * unit)
    return len(data) // unit


def get_win(hwnd) -> Window | None:
    if not hwnd:
        return None
    w = state().windows.get(hwnd & 0xFFFFFFFF)
    return w if w is not None and not w.destroyed else None


def builtin_proc_address(fn) -> int:
    """A guest-callable address for the Python window procedure fn(hwnd, msg, wp, lp, unicode)."""
    st = state()
    addr = st.proc_addr.get(fn)
    if addr is not None:
        return addr
    p = proc()
    mask = 0xFFFFFFFF if p.bits == 32 else 0xFFFFFFFFFFFFFFFF

    def handler(sp, a0, a1, a2, a3):
        lp = a3 if p.bits == 64 else a3
        if lp & (1 << (p.bits - 1)):
            lp -= 1 << p.bits
        return fn(a0 & 0xFFFFFFFF, a1 & 0xFFFFFFFF, a2, lp, True) & mask
    addr = p._special_thunk(handler)
    if p.bits == 32:
        p.special.mm[addr - p.special.base:addr - p.special.base + 3] = b"\xC2\x10\x00"   # ret 16
    st.builtin_procs[addr] = fn
    st.proc_addr[fn] = addr
    return addr


# ---- calling window procedures ---------------------------------------------------

WM_CREATE, WM_SETTEXT, WM_GETTEXT, WM_GETTEXTLENGTH, WM_NCCREATE, WM_CHAR = 0x1, 0xC, 0xD, 0xE, 0x81, 0x102
EM_REPLACESEL, LB_ADDSTRING, LB_INSERTSTRING, LB_GETTEXT, LB_FINDSTRING, LB_FINDSTRINGEXACT = \
    0xC2, 0x180, 0x181, 0x189, 0x18F, 0x1A2
TEXT_IN = {WM_SETTEXT, EM_REPLACESEL, LB_ADDSTRING, LB_INSERTSTRING, LB_FINDSTRING, LB_FINDSTRINGEXACT,
           0x18C, 0x143, 0x14A, 0x14C, 0x14D, 0x158}       # LB_SELECTSTRING and the CB_ string messages
CB_GETLBTEXT = 0x148


def _signed_lparam(lp, bits):
    lp &= (1 << bits) - 1
    return lp - (1 << bits) if lp >> (bits - 1) else lp


def call_proc(addr, hwnd, msg, wp, lp, caller_unicode=True, proc_unicode=None):
    """Call window procedure `addr` with a message, converting text between A and W when the
    caller's character set and the procedure's differ.  Returns LRESULT (signed)."""
    p = proc()
    st = state()
    fn = st.builtin_procs.get(addr)
    if proc_unicode is None:
        proc_unicode = True if fn is not None else caller_unicode
    if caller_unicode != proc_unicode and msg in _CONVERTED:
        return _call_converted(addr, fn, hwnd, msg, wp, lp, caller_unicode, proc_unicode)
    return _raw_call(addr, fn, hwnd, msg, wp, lp)


def _raw_call(addr, fn, hwnd, msg, wp, lp):
    p = proc()
    if fn is not None:
        return fn(hwnd, msg, wp, lp, True)
    if not addr:
        return 0
    mask = (1 << p.bits) - 1
    r = p.cpu.call(addr, (hwnd, msg, wp & mask, lp & mask), p.callback_ret)
    return _signed_lparam(r, p.bits)


def _call_converted(addr, fn, hwnd, msg, wp, lp, from_w, to_w):
    p = proc()
    mem = p.mem
    temps = []

    def conv_str(ptr):
        if not ptr:
            return 0
        s = mem.wstr(ptr) if from_w else mem.cstr(ptr).decode(p.acp, "replace")
        data = s.encode("utf-16-le") + b"\0\0" if to_w else p.encode_astr(s) + b"\0"
        t = p.heap_alloc(len(data))
        mem.write(t, data)
        temps.append(t)
        return t
    try:
        if msg in TEXT_IN:
            return _raw_call(addr, fn, hwnd, msg, wp, conv_str(lp))
        if msg in (WM_NCCREATE, WM_CREATE) and lp:
            size = 48 if p.bits == 32 else 80
            cs = bytearray(mem.read(lp, size))
            name_off, cls_off = (36, 40) if p.bits == 32 else (56, 64)
            ps = p.ptr_size
            fmt = "<I" if ps == 4 else "<Q"
            name = struct.unpack_from(fmt, cs, name_off)[0]
            cname = struct.unpack_from(fmt, cs, cls_off)[0]
            struct.pack_into(fmt, cs, name_off, conv_str(name) if name > 0xFFFF else name)
            struct.pack_into(fmt, cs, cls_off, conv_str(cname) if cname > 0xFFFF else cname)
            t = p.heap_alloc(size)
            temps.append(t)
            mem.write(t, bytes(cs))
            r = _raw_call(addr, fn, hwnd, msg, wp, t)
            return r
        if msg in (WM_GETTEXT, LB_GETTEXT, CB_GETLBTEXT):
            n = wp if msg == WM_GETTEXT else 1024
            if msg == WM_GETTEXT and n <= 0:
                return 0
            t = p.heap_alloc(4 * n + 8, zero=True)
            temps.append(t)
            r = _raw_call(addr, fn, hwnd, msg, wp, t)
            if r < 0:
                return r
            s = mem.wstr(t, r) if to_w else mem.cstr(t, r).decode(p.acp, "replace")
            if from_w:
                data = s.encode("utf-16-le")
                if msg == WM_GETTEXT:
                    data = data[:2 * (n - 1)]
                mem.write(lp, data + b"\0\0")
                return len(data) // 2
            data = p.encode_astr(s)
            if msg == WM_GETTEXT:
                data = data[:n - 1]
            mem.write(lp, data + b"\0")
            return len(data)
        if msg == WM_CHAR:
            if to_w and not from_w:
                c = bytes([wp & 0xFF]).decode(p.acp, "replace")
                return _raw_call(addr, fn, hwnd, msg, ord(c), lp)
            if from_w and not to_w:
                b = chr(wp & 0xFFFF).encode(p.acp, "replace")[:1] or b"?"
                return _raw_call(addr, fn, hwnd, msg, b[0], lp)
        return _raw_call(addr, fn, hwnd, msg, wp, lp)
    finally:
        for t in temps:
            p.process_heap.free_block(t)


_CONVERTED = TEXT_IN | {WM_NCCREATE, WM_CREATE, WM_GETTEXT, LB_GETTEXT, CB_GETLBTEXT, WM_CHAR}


def send(win, msg, wp=0, lp=0, unicode=True):
    """SendMessage on the window's own thread (the caller's): call its window procedure."""
    if ch_msg.tracing():
        ch_msg.trace("send", f"hwnd {win.hwnd:x} msg {msg:x} wp {wp:x} lp {lp & 0xFFFFFFFFFFFFFFFF:x}")
    return call_proc(win.wndproc, win.hwnd, msg, wp, lp, unicode, win.unicode if win.wndproc not in
                     state().builtin_procs else True)


def send_message(hwnd, msg, wp, lp, unicode=True):
    """SendMessage: direct on the same thread; to another thread's window, through its queue;
    to another process's window, through the server (remote.py)."""
    win = get_win(hwnd)
    if win is None:
        from .message import send_remote
        return send_remote(hwnd, msg, wp, lp, unicode)
    p = proc()
    if win.tid == p.thread.tid:
        return send(win, msg, wp, lp, unicode)
    from .message import send_to_other_thread
    return send_to_other_thread(win, msg, wp, lp, unicode)
