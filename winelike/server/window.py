"""Windows and message inboxes: what user32 shares between processes.

The server holds the window *table* only (which hwnd exists, which thread owns it, whether it
is top-level); everything else about a window (class, styles, rects, pixels, procedures) stays
in the owning process, where user32 keeps it.  Messages between threads of one process never
come here; a message posted to a window or thread of *another* process does.

* `create_window` hands out an hwnd unique in the prefix: low 16 bits an index (0x20 + 2n, as
  Wine), high 16 bits a generation bumped when the index is reused, so a stale hwnd stays
  invalid.  The owner is the calling thread.  `destroy_window` frees it.
* `create_msg_queue` says "the calling thread has a message queue" (PostThreadMessage to a
  thread without one fails with ERROR_INVALID_THREAD_ID, as Windows and Wine) and returns a
  handle to the process's Inbox: one per process, holding the messages posted to any of its
  threads by other processes, signalled while not empty.
* `post_message` puts a message into the inbox of the process that owns the target window
  (hwnd) or thread (tid); HWND_BROADCAST reaches the top-level windows of every *other*
  process (the caller posts to its own).  `get_messages` drains an inbox.
* `send_message` is SendMessage to another process's window: a SENT record goes into the
  target's inbox, and the target thread's `reply_message` puts a REPLY record into the
  sender's inbox (the sender waits in its own process, serving messages sent to it).  If the
  target process ends first, the server replies 0 for it.
* `set_window_text`, `get_window_info`, `find_window`, `list_windows`: what IsWindow,
  GetWindowThreadProcessId, FindWindow and EnumWindows need to know about other processes' windows (the class name and title of
  top-level windows are kept here for FindWindow; nothing else is).
* `register_message`: RegisterWindowMessage's numbers, shared by all processes.

A process's user32 waits on its inbox from a host thread of its own (a "listener" with its own
connection: `select` on the inbox, then `get_messages`), which moves the messages into the
receiving threads' local queues; see docs/gui.md, "Messages".

Clean-up: a window whose owner thread has ended is invalid (and freed when next looked up);
when a process ends its handles close, the last handle of its inbox goes, and that drops the
process's windows and its undelivered messages.
"""
from __future__ import annotations

import collections
import struct

from winelike.server.object import Object, Win32Error, handler
from winelike.server.protocol import HANDLE_FLAG_PROTECT_FROM_CLOSE, Error

ERROR_INVALID_WINDOW_HANDLE = 1400
ERROR_INVALID_THREAD_ID = 1444
ERROR_NOT_ENOUGH_QUOTA = 1816
HWND_BROADCAST = 0xFFFF
FIRST_INDEX_VALUE = 0x20            # low word of the first hwnd (as Wine); below it: the desktop's
MAX_INDEX = (0x10000 - FIRST_INDEX_VALUE) // 2
MAX_POSTED = 10000                   # Windows' default USERPostMessageLimit, per thread
WINDOW_TOPLEVEL = 1                  # create_window flags: takes part in HWND_BROADCAST
# get_messages records: kind, tid, hwnd, msg, wparam, lparam (u64 each), sender pid, id
MESSAGE = struct.Struct("<IIIIQQII")
POSTED, SENT, REPLY = 0, 1, 2        # kinds; a REPLY carries the result in lparam
SENT_UNICODE = 0x100                 # or'ed into a SENT record's kind: the sender's W-ness
SEND_NO_REPLY, SEND_UNICODE = 1, 2   # send_message flags (SendNotifyMessage; SendMessageW)
FIND_CLASS, FIND_TEXT = 1, 2         # find_window flags: which of cls/text to match
MAX_BATCH = 8192                     # records per get_messages reply (~330 KB, under MAX_FRAME)


class SWindow:
    __slots__ = ("hwnd", "index", "thread", "process", "flags", "cls", "cls_name", "text")

    def __init__(self, hwnd, index, thread, flags, cls="", text=""):
        self.hwnd, self.index, self.thread, self.flags = hwnd, index, thread, flags
        self.process = thread.process
        self.cls_name, self.cls, self.text = cls, cls.lower(), text


class Inbox(Object):
    """A process's messages from other processes; signalled while not empty."""
    type_name = "MsgQueue"

    def __init__(self, table, process):
        super().__init__()
        self.table = table
        self.process = process
        self.messages: collections.deque = collections.deque()   # MESSAGE records, as tuples
        self.queues: set = set()           # this process's Threads that have a queue
        self.counts: collections.Counter = collections.Counter()   # undelivered, per tid

    def signaled(self, thread) -> bool:
        return bool(self.messages)

    def last_handle_closed(self, core) -> None:
        """The process has ended (close_all): its windows and pending messages go."""
        super().last_handle_closed(core)
        self.messages.clear()
        self.counts.clear()
        self.table.drop_process(core, self.process)

    def put(self, core, tid, hwnd, msg, wp, lp, kind=POSTED, sender=0, ident=0) -> None:
        if kind != REPLY:
            if self.counts[tid] >= MAX_POSTED:
                raise Win32Error(ERROR_NOT_ENOUGH_QUOTA)
            self.counts[tid] += 1
        self.messages.append((kind, tid, hwnd, msg, wp, lp, sender, ident))
        if self.waiters:
            core.wake_up(self)


class WindowTable:
    """The prefix's hwnds: index -> window, a generation per index, free indices reused LIFO."""

    def __init__(self):
        self.by_index: dict[int, SWindow] = {}
        self.generation: list[int] = []
        self.free: list[int] = []
        self.inboxes: dict = {}            # Process -> Inbox
        self.sends: dict = {}              # (sender pid, id) -> (sender Thread, target Process)
        self.messages: dict[str, int] = {}  # registered window messages: lower-case name -> number

    def alloc(self, thread, flags, cls="", text="") -> SWindow:
        if self.free:
            index = self.free.pop()
            gen = self.generation[index] + 1
            if gen > 0xFFFF:
                gen = 1
            self.generation[index] = gen
        else:
            index = len(self.generation)
            if index >= MAX_INDEX:
                raise Win32Error(Error.ERROR_NOT_ENOUGH_MEMORY)
            gen = 1
            self.generation.append(gen)
        w = SWindow((gen << 16) | (FIRST_INDEX_VALUE + 2 * index), index, thread, flags, cls, text)
        self.by_index[index] = w
        return w

    def free_window(self, w: SWindow) -> None:
        if self.by_index.get(w.index) is w:
            del self.by_index[w.index]
            self.free.append(w.index)

    def get(self, hwnd: int) -> SWindow | None:
        low = hwnd & 0xFFFF
        if hwnd >> 32 or low < FIRST_INDEX_VALUE or low & 1:
            return None
        w = self.by_index.get((low - FIRST_INDEX_VALUE) >> 1)
        if w is None:
            return None
        high = hwnd >> 16
        if high and high != 0xFFFF and w.hwnd != hwnd:     # as Windows: a 16-bit handle matches too
            return None
        if w.thread.exited:
            self.free_window(w)
            return None
        return w

    def drop_process(self, core, process) -> None:
        for w in [w for w in self.by_index.values() if w.process is process]:
            self.free_window(w)
        self.inboxes.pop(process, None)
        for key, (sender, target) in list(self.sends.items()):
            if sender.process is process:
                del self.sends[key]
            elif target is process:          # it will never reply: 0, as for a window that died
                del self.sends[key]
                self.reply(core, sender, key[1], 0)

    def reply(self, core, sender, ident, result) -> None:
        box = self.inboxes.get(sender.process)
        if box is not None:
            box.put(core, sender.tid, 0, 0, 0, result, REPLY, sender.process.pid, ident)

    def inbox(self, process, create=False) -> Inbox | None:
        box = self.inboxes.get(process)
        if box is None and create:
            box = self.inboxes[process] = Inbox(self, process)
            h = process.handles.add(box, box.map_access(0x10000000))     # GENERIC_ALL
            process.handles.entries[h].flags |= HANDLE_FLAG_PROTECT_FROM_CLOSE
            box.handle = h
        return box


def table(core) -> WindowTable:
    t = getattr(core, "user_windows", None)
    if t is None:
        t = core.user_windows = WindowTable()
    return t


def _queue_for(core, client) -> Inbox:
    thread = client.thread
    box = table(core).inbox(thread.process, create=True)
    box.queues.add(thread)
    return box


@handler("create_msg_queue")
def create_msg_queue(core, client, req):
    return {"handle": _queue_for(core, client).handle}


@handler("create_window")
def create_window(core, client, req):
    _queue_for(core, client)              # a thread with a window has a queue
    return {"hwnd": table(core).alloc(client.thread, req.flags, req.cls, req.text).hwnd}


def _own(core, client, hwnd) -> SWindow:
    w = table(core).get(hwnd)
    if w is None:
        raise Win32Error(ERROR_INVALID_WINDOW_HANDLE)
    if w.process is not client.thread.process:
        raise Win32Error(Error.ERROR_ACCESS_DENIED)
    return w


@handler("set_window_text")
def set_window_text(core, client, req):
    _own(core, client, req.hwnd).text = req.text
    return {}


@handler("get_window_info")
def get_window_info(core, client, req):
    w = table(core).get(req.hwnd)
    if w is None:
        raise Win32Error(ERROR_INVALID_WINDOW_HANDLE)
    return {"full": w.hwnd, "tid": w.thread.tid, "pid": w.process.pid, "flags": w.flags, "cls": w.cls_name,
            "text": w.text}


@handler("find_window")
def find_window(core, client, req):
    """The first top-level window of another process after `after`, in creation order."""
    t = table(core)
    me = client.thread.process
    cls = req.cls.lower()
    started = not req.after
    for w in list(t.by_index.values()):
        if not started:
            started = w.hwnd == req.after
            continue
        if not w.flags & WINDOW_TOPLEVEL or w.process is me or w.thread.exited:
            continue
        if req.flags & FIND_CLASS and w.cls != cls or req.flags & FIND_TEXT and w.text != req.text:
            continue
        return {"hwnd": w.hwnd}
    raise Win32Error(Error.ERROR_FILE_NOT_FOUND)


@handler("destroy_window")
def destroy_window(core, client, req):
    table(core).free_window(_own(core, client, req.hwnd))
    return {}


@handler("list_windows")
def list_windows(core, client, req):
    """The top-level windows of every other process, in creation order (at most 16,384)."""
    me = client.thread.process
    return {"hwnds": [w.hwnd for w in list(table(core).by_index.values())
                      if w.flags & WINDOW_TOPLEVEL and w.process is not me and not w.thread.exited][:16384]}


def _to_thread(core, t, tid, hwnd, req):
    thread = core.threads.get(tid)
    if thread is None or thread.exited:
        raise Win32Error(Error.ERROR_INVALID_PARAMETER)      # Wine's answer for an unknown id
    box = t.inboxes.get(thread.process)
    if box is None or thread not in box.queues:
        raise Win32Error(ERROR_INVALID_THREAD_ID)
    box.put(core, tid, hwnd, req.msg, req.wparam, req.lparam)


@handler("post_message")
def post_message(core, client, req):
    """To window `hwnd` (HWND_BROADCAST: every other process's top-level windows), or, when hwnd
    is 0, to thread `tid`."""
    t = table(core)
    if req.hwnd == HWND_BROADCAST:
        me = client.thread.process
        for w in list(t.by_index.values()):
            if w.flags & WINDOW_TOPLEVEL and w.process is not me and not w.thread.exited:
                box = t.inboxes.get(w.process)
                if box is not None and box.counts[w.thread.tid] < MAX_POSTED:
                    box.put(core, w.thread.tid, w.hwnd, req.msg, req.wparam, req.lparam)
        return {}
    if req.hwnd:
        w = t.get(req.hwnd)
        if w is None:
            raise Win32Error(ERROR_INVALID_WINDOW_HANDLE)
        _to_thread(core, t, w.thread.tid, w.hwnd, req)
        return {}
    _to_thread(core, t, req.tid, 0, req)
    return {}


@handler("send_message")
def send_message(core, client, req):
    t = table(core)
    w = t.get(req.hwnd)
    if w is None:
        raise Win32Error(ERROR_INVALID_WINDOW_HANDLE)
    box = t.inboxes.get(w.process)
    if box is None or w.thread not in box.queues:
        raise Win32Error(ERROR_INVALID_WINDOW_HANDLE)
    sender = client.thread
    if not req.flags & SEND_NO_REPLY:
        key = (sender.process.pid, req.id)
        if key in t.sends or t.inboxes.get(sender.process) is None:
            raise Win32Error(Error.ERROR_INVALID_PARAMETER)     # the sender needs a queue of its own
        t.sends[key] = (sender, w.process)
    try:
        box.put(core, w.thread.tid, w.hwnd, req.msg, req.wparam, req.lparam,
                SENT | (SENT_UNICODE if req.flags & SEND_UNICODE else 0), sender.process.pid,
                req.id if not req.flags & SEND_NO_REPLY else 0)
    except Win32Error:
        t.sends.pop((sender.process.pid, req.id), None)
        raise
    return {}


@handler("reply_message")
def reply_message(core, client, req):
    """The answer to a send_message, from the process that received it (once)."""
    t = table(core)
    key = (req.sender, req.id)
    entry = t.sends.get(key)
    if entry is None:
        return {}                        # the sender has gone, or the send needed no reply
    sender, target = entry
    if target is not client.thread.process:
        raise Win32Error(Error.ERROR_ACCESS_DENIED)
    del t.sends[key]
    t.reply(core, sender, req.id, req.result)
    return {}


@handler("register_message")
def register_message(core, client, req):
    """RegisterWindowMessage: the same number for a name in every process (Windows takes it from
    the global atom table: 0xC000-0xFFFF, names compared without case, never freed)."""
    t = table(core)
    if not req.name or len(req.name) > 255:
        raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    key = req.name.lower()
    n = t.messages.get(key)
    if n is None:
        if len(t.messages) >= 0x4000:
            raise Win32Error(Error.ERROR_NOT_ENOUGH_MEMORY)
        n = t.messages[key] = 0xC000 + len(t.messages)
    return {"id": n}


@handler("get_messages")
def get_messages(core, client, req):
    box = client.thread.process.handles.get(req.handle, Inbox)
    n = min(len(box.messages), MAX_BATCH)
    parts = []
    for _ in range(n):
        m = box.messages.popleft()
        if m[0] != REPLY:
            box.counts[m[1]] -= 1
        parts.append(MESSAGE.pack(*m))
    return {"count": n, "data": b"".join(parts)}
