"""What user32 asks the server: hwnds unique in the prefix, and messages to other processes.

The server keeps the window *table* (hwnd -> owning thread, server/window.py); everything else
stays here.  Messages within the process never go to the server: a post to a window or thread
of this process goes straight into the local Queue (state.py).  A post to another process's
window or thread is a `post_message` request; the server puts it into that process's *inbox*.

Each process with a message queue runs one listener: a host thread (not a guest thread) with
its own server connection, which waits on the inbox (`select`) and drains it (`get_messages`)
into the receiving threads' Queues, waking them as a local post does.  So a guest thread
waiting in GetMessage/MsgWaitForMultipleObjects waits on its own condition only, and messages
from other processes take their place in its FIFO of posted messages when they arrive.

When a guest thread first uses its queue it says so (`create_msg_queue`), because
PostThreadMessage to a thread without a queue fails (ERROR_INVALID_THREAD_ID) on Windows; that
first request also starts the server if none runs (docs/gui.md has the cost).
"""
from __future__ import annotations

import struct
import threading

from winelike.debug import Channel
from winelike.dlls.winapi import proc

ch = Channel("msg")

# as server/window.py: kind, tid, hwnd, msg, wparam, lparam, sender pid, id
MESSAGE = struct.Struct("<IIIIQQII")
POSTED, SENT, REPLY = 0, 1, 2
SENT_UNICODE = 0x100                    # in a SENT record's kind: the sender used the W function
SEND_NO_REPLY, SEND_UNICODE = 1, 2
FIND_CLASS, FIND_TEXT = 1, 2
WINDOW_TOPLEVEL = 1
TIMEOUT_INFINITE = (1 << 64) - 1
U64 = (1 << 64) - 1


def register_queue(q) -> None:
    """The calling guest thread's queue exists: tell the server, start the listener."""
    p = proc()
    r = p.server().call("create_msg_queue")
    if r.error:
        ch.err("create_msg_queue", f"error {r.error}")
        return
    q.registered = True
    _ensure_listener(p, r.handle)


def alloc_hwnd(toplevel: bool, cls: str = "", text: str = "") -> int:
    """A new hwnd owned by the calling thread (its queue is registered first).  The server keeps
    a top-level window's class name and title, for other processes' FindWindow."""
    from .state import queue
    queue()
    if not toplevel:
        cls = text = ""
    r = proc().server().call("create_window", flags=WINDOW_TOPLEVEL if toplevel else 0, cls=cls, text=text)
    if r.error:
        return 0
    return r.hwnd


def set_text(hwnd: int, text: str) -> None:
    """A top-level window's title changed."""
    r = proc().server().call("set_window_text", hwnd=hwnd, text=text)
    if r.error:
        ch.warn("set_window_text", f"{hwnd:x}: error {r.error}")


def window_info(hwnd: int):
    """What the server knows of another process's window (.full hwnd, .tid, .pid, .flags, and for
    a top-level window .cls and .text), or None."""
    if not hwnd or hwnd > 0xFFFFFFFF:
        return None
    r = proc().server().call("get_window_info", hwnd=hwnd)
    return None if r.error else r


def server_running() -> bool:
    """Does the prefix have a server now (without starting one)?"""
    import os
    from winelike.server import daemon
    try:
        return os.path.exists(daemon.socket_path(daemon.server_dir(proc().prefix.root, create=False)))
    except Exception:
        return False


def list_windows() -> list:
    """Other processes' top-level windows, for EnumWindows."""
    r = proc().server().call("list_windows")
    return [] if r.error else list(r.hwnds)


def find(after: int, cls: str | None, text: str | None) -> int:
    """FindWindow among other processes' top-level windows: the hwnd or 0."""
    flags = (FIND_CLASS if cls is not None else 0) | (FIND_TEXT if text is not None else 0)
    r = proc().server().call("find_window", after=after, flags=flags, cls=cls or "", text=text or "")
    return 0 if r.error else r.hwnd


def free_hwnd(hwnd: int) -> None:
    p = proc()
    try:
        p.server().call("destroy_window", hwnd=hwnd)
    except Exception as e:      # the server is gone: nothing left to tell
        ch.warn("destroy_window", f"{hwnd:x}: {e}")


def post(hwnd: int, tid: int, msg: int, wp: int, lp: int) -> int:
    """post_message to another process; returns 0 or the Win32 error."""
    wp, lp = _params(wp, lp)
    r = proc().server().call("post_message", hwnd=hwnd & 0xFFFFFFFF, tid=tid & 0xFFFFFFFF, msg=msg & 0xFFFFFFFF,
                             wparam=wp, lparam=lp)
    return r.error


def _params(wp, lp):
    """WPARAM zero-extended, LPARAM sign-extended to 64 bits: a 32-bit sender's -1 is -1 to a
    64-bit receiver."""
    bits = proc().bits
    wp &= (1 << bits) - 1
    lp &= (1 << bits) - 1
    if lp >> (bits - 1):
        lp -= 1 << bits
    return wp, lp & U64


class RemoteSend:
    __slots__ = ("done", "result", "queue")

    def __init__(self, q):
        self.done, self.result, self.queue = False, 0, q


def send(hwnd, msg, wp, lp, unicode, notify=False, timeout=None):
    """SendMessage to another process's window: (error, result).  The caller's thread waits,
    serving the messages sent to it meanwhile (as the in-process cross-thread send does);
    SendMessageTimeout's `timeout` (ms) ends the wait with ERROR_TIMEOUT."""
    import time
    from .state import queue, state
    from .message import process_sent
    p = proc()
    me = queue()
    st = state()
    wp, lp = _params(wp, lp)
    flags = (SEND_UNICODE if unicode else 0) | (SEND_NO_REPLY if notify else 0)
    rec = None
    ident = 0
    if not notify:
        with st.lock:
            st.next_send_id = ident = (getattr(st, "next_send_id", 0) % 0xFFFFFFFF) + 1
            rec = st.remote_sends[ident] = RemoteSend(me)
    try:
        r = p.server().call("send_message", hwnd=hwnd & 0xFFFFFFFF, msg=msg & 0xFFFFFFFF, wparam=wp, lparam=lp,
                            id=ident, flags=flags)
        if r.error or rec is None:
            return r.error, 0
        deadline = None if timeout is None else time.monotonic() + timeout / 1000
        while not rec.done:
            process_sent(me)
            if rec.done:
                break
            wait = 0.05
            if deadline is not None:
                wait = min(wait, deadline - time.monotonic())
                if wait <= 0:
                    return 1460, 0                # ERROR_TIMEOUT (the late answer is dropped)
            seen = me.seq
            with p.blocking():
                with me.cond:
                    if not rec.done and me.seq == seen and not me.sent:
                        me.cond.wait(wait)
        return 0, rec.result
    finally:
        if rec is not None:
            st.remote_sends.pop(ident, None)


def reply(sender, ident, result, conn=None):
    """The answer to a message another process sent (from the thread that handled it)."""
    if not ident:
        return
    try:
        (conn or proc().server()).call("reply_message", sender=sender, id=ident, result=result & U64)
    except Exception as e:       # the server is gone: so is the sender's wait
        ch.warn("reply_message", str(e))


def prestart(p) -> None:
    """user32 is loaded into a GUI-subsystem program, which is about to create windows: get the
    server going (and the client modules imported) on a host thread meanwhile, so that the first
    CreateWindowEx does not wait for it (~0.1 s when no server runs)."""
    if getattr(p.info, "subsystem", 0) != 2 or p.state.get("user32_prestart"):
        return
    p.state["user32_prestart"] = True

    def run():
        try:
            from winelike.server.client import connect
            connect(p.prefix.root).close()
        except Exception as e:        # the first real request reports it
            ch.warn("prestart", str(e))
    threading.Thread(target=run, name="user32-prestart", daemon=True).start()


# ---- the listener ---------------------------------------------------------------------

def sync(q) -> bool:
    """Before PeekMessage (or a MsgWaitForMultipleObjects poll) says "nothing": if the calling
    thread has talked to the server since it last looked, a message posted to it by another
    process may be in the server and not yet here (the sender may have posted, then set an event
    this thread has just waited for).  Drain the inbox from this thread, as the listener would.
    Returns True when the caller should look at its queue again.  Costs a round trip, and only
    after the thread has made some other server request."""
    p = proc()
    st = p.state.get("user32")
    lst = st.listener if st is not None else None
    conn = p.thread.server_conn
    if lst is None or conn is None:
        return False
    seq = getattr(conn, "seq", None)
    if seq is None or seq == q.synced_seq:
        return False
    with lst.drain_lock:              # after a drain of the listener's that may be under way
        r = conn.call("get_messages", handle=lst.handle)
        if r.error == 0 and r.count:
            deliver(p, r.data, r.count)
    q.synced_seq = getattr(conn, "seq", None)
    return True


class Listener:
    def __init__(self, p, handle):
        self.p = p
        self.handle = handle
        self.conn = None
        self.closed = False
        self.drain_lock = threading.Lock()       # drains (the listener's, sync's) deliver in order
        self.thread = threading.Thread(target=self.run, name="user32-listener", daemon=True)

    def run(self):
        from winelike.server.client import connect
        p = self.p
        try:
            conn = self.conn = connect(p.prefix.root)
            if self.closed:
                conn.close()
                return
            r = conn.call("new_thread", pid=p.pid, want_tid=0)
            if r.error:
                ch.err("listener", f"the server refused the listener: error {r.error}")
                return
            while not self.closed:
                r = conn.call("select", flags=0, timeout=TIMEOUT_INFINITE, handles=(self.handle,))
                if r.error:
                    ch.err("listener", f"select: error {r.error}")
                    return
                with self.drain_lock:
                    r = conn.call("get_messages", handle=self.handle)
                    if r.error:
                        ch.err("listener", f"get_messages: error {r.error}")
                        return
                    if r.count:
                        deliver(p, r.data, r.count, conn)
        except Exception as e:       # the server went away, or the process is ending
            if not self.closed:
                ch.warn("listener", f"stopped: {e}")

    def close(self):
        self.closed = True
        conn = self.conn
        if conn is not None:
            import socket
            try:
                conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _ensure_listener(p, handle):
    st = p.state.get("user32")
    if getattr(st, "listener", None) is not None:
        return
    lst = st.listener = Listener(p, handle)
    p.state.setdefault("final_hooks", []).append(lambda p: lst.close())
    lst.thread.start()


def deliver(p, data, count, conn=None):
    """Messages from other processes -> the receiving threads' queues, in order; replies to
    our sends -> the waiting sender."""
    st = p.state.get("user32")
    from .message import post
    from .state import SentMessage
    bits = p.bits
    mask = (1 << bits) - 1
    for i in range(count):
        kind, tid, hwnd, msg, wp, lp, sender, ident = MESSAGE.unpack_from(data, i * MESSAGE.size)
        unicode = bool(kind & SENT_UNICODE)
        kind &= 0xFF
        lp &= mask
        if lp >> (bits - 1):
            lp -= 1 << bits
        if ch.tracing():
            ch.trace("deliver", f"kind {kind} tid {tid:04x} hwnd {hwnd:x} msg {msg:x} wp {wp & mask:x} "
                                f"lp {lp & mask:x} from {sender:04x} id {ident}")
        if kind == REPLY:
            rec = st.remote_sends.get(ident)
            if rec is not None:
                rec.result = lp
                rec.done = True
                rec.queue.wake()
            continue
        q = st.queues.get(tid)
        if q is None:                 # the thread has ended since
            if kind == SENT:
                reply(sender, ident, 0, conn)
            continue
        if kind == POSTED:
            post(q, hwnd, msg, wp & mask, lp)
            continue
        sm = SentMessage(hwnd, msg, wp & mask, lp, unicode)
        sm.sender_queue = None
        sm.remote = (sender, ident, conn)
        with q.cond:
            q.sent.append(sm)
            q.arrived()
