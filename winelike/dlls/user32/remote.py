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

MESSAGE = struct.Struct("<IIIQQ")       # as server/window.py: tid, hwnd, msg, wparam, lparam
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


def alloc_hwnd(toplevel: bool) -> int:
    """A new hwnd owned by the calling thread (its queue is registered first)."""
    from .state import queue
    queue()
    r = proc().server().call("create_window", flags=WINDOW_TOPLEVEL if toplevel else 0)
    if r.error:
        return 0
    return r.hwnd


def free_hwnd(hwnd: int) -> None:
    p = proc()
    try:
        p.server().call("destroy_window", hwnd=hwnd)
    except Exception as e:      # the server is gone: nothing left to tell
        ch.warn("destroy_window", f"{hwnd:x}: {e}")


def post(hwnd: int, tid: int, msg: int, wp: int, lp: int) -> int:
    """post_message to another process; returns 0 or the Win32 error."""
    p = proc()
    bits = p.bits
    wp &= (1 << bits) - 1
    lp &= (1 << bits) - 1
    if lp >> (bits - 1):            # LPARAM is signed: a 32-bit sender's -1 is -1 to a 64-bit one
        lp -= 1 << bits
    r = p.server().call("post_message", hwnd=hwnd & 0xFFFFFFFF, tid=tid & 0xFFFFFFFF, msg=msg & 0xFFFFFFFF,
                        wparam=wp, lparam=lp & U64)
    return r.error


# ---- the listener ---------------------------------------------------------------------

class Listener:
    def __init__(self, p, handle):
        self.p = p
        self.handle = handle
        self.conn = None
        self.closed = False
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
                r = conn.call("get_messages", handle=self.handle)
                if r.error:
                    ch.err("listener", f"get_messages: error {r.error}")
                    return
                if r.count:
                    deliver(p, r.data, r.count)
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


def deliver(p, data, count):
    """Messages from other processes -> the receiving threads' queues, in order."""
    st = p.state.get("user32")
    from .message import post
    bits = p.bits
    mask = (1 << bits) - 1
    for i in range(count):
        tid, hwnd, msg, wp, lp = MESSAGE.unpack_from(data, i * MESSAGE.size)
        q = st.queues.get(tid)
        if q is None:                 # the thread has ended since
            continue
        lp &= mask
        if lp >> (bits - 1):
            lp -= 1 << bits
        if ch.tracing():
            ch.trace("deliver", f"tid {tid:04x} hwnd {hwnd:x} msg {msg:x} wp {wp & mask:x} lp {lp & mask:x}")
        post(q, hwnd, msg, wp & mask, lp)
