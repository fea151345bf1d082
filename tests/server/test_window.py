"""The window table and message inboxes (server/window.py), on the sans-IO core with a fake clock."""
from __future__ import annotations

import os
import struct
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from server_harness import World, ok  # noqa: E402

from winelike.server.protocol import TIMEOUT_INFINITE  # noqa: E402

ERROR_ACCESS_DENIED, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER = 5, 6, 87
ERROR_INVALID_WINDOW_HANDLE, ERROR_INVALID_THREAD_ID, ERROR_NOT_ENOUGH_QUOTA = 1400, 1444, 1816
WAIT_OBJECT_0, WAIT_TIMEOUT = 0, 0x102
TOPLEVEL = 1
WM_USER = 0x400


@pytest.fixture
def w():
    return World()


def err(reply, code):
    assert reply is not None and reply.error == code, reply


POSTED, SENT, REPLY = 0, 1, 2


def records(t, handle):
    r = ok(t.get_messages(handle=handle))
    data = r.data
    assert len(data) == 40 * r.count
    return [struct.unpack_from("<IIIIQQII", data, 40 * i) for i in range(r.count)]


def messages(t, handle):
    """The posted messages: (tid, hwnd, msg, wparam, lparam)."""
    out = []
    for kind, tid, hwnd, msg, wp, lp, sender, ident in records(t, handle):
        assert kind == POSTED and sender == 0 and ident == 0
        out.append((tid, hwnd, msg, wp, lp))
    return out


def window(t, flags=TOPLEVEL, cls="", text=""):
    return ok(t.create_window(flags=flags, cls=cls, text=text)).hwnd


def post(t, hwnd=0, tid=0, msg=WM_USER, wp=0, lp=0):
    return t.post_message(hwnd=hwnd, tid=tid, msg=msg, wparam=wp, lparam=lp)


def test_hwnds_are_unique_across_processes_and_small(w):
    a, b = w.process(), w.process()
    h1, h2, h3 = window(a), window(b), window(a)
    assert len({h1, h2, h3}) == 3
    assert h1 == 0x10020 and all(h < 1 << 32 and h & 0xFFFF >= 0x20 for h in (h1, h2, h3))


def test_reused_index_gets_a_new_generation(w):
    a = w.process()
    h = window(a)
    ok(a.destroy_window(hwnd=h))
    h2 = window(a)
    assert h2 & 0xFFFF == h & 0xFFFF and h2 != h
    err(post(a, hwnd=h), ERROR_INVALID_WINDOW_HANDLE)      # the stale handle stays invalid
    err(a.destroy_window(hwnd=h), ERROR_INVALID_WINDOW_HANDLE)


def test_destroy_window_of_another_process_is_denied(w):
    a, b = w.process(), w.process()
    h = window(a)
    err(b.destroy_window(hwnd=h), ERROR_ACCESS_DENIED)


def test_post_to_a_window_reaches_the_owner_process_inbox_in_order(w):
    a, b = w.process(), w.process()
    h = window(a)
    box = ok(a.create_msg_queue()).handle
    ok(a.wait(box, timeout=0), result=WAIT_TIMEOUT)         # empty: not signalled
    ok(post(b, hwnd=h, msg=WM_USER + 1, wp=1, lp=2))
    ok(post(b, tid=a.tid, msg=WM_USER + 2, wp=3, lp=(1 << 64) - 1))
    ok(post(b, hwnd=h, msg=WM_USER + 3, wp=5, lp=6))
    ok(a.wait(box, timeout=0), result=WAIT_OBJECT_0)
    assert messages(a, box) == [(a.tid, h, WM_USER + 1, 1, 2), (a.tid, 0, WM_USER + 2, 3, (1 << 64) - 1),
                                (a.tid, h, WM_USER + 3, 5, 6)]
    ok(a.wait(box, timeout=0), result=WAIT_TIMEOUT)
    assert messages(a, box) == []


def test_a_listener_waiting_on_the_inbox_is_woken_by_a_post(w):
    a, b = w.process(), w.process()
    h = window(a)
    box = ok(a.create_msg_queue()).handle
    listener = a.thread()                    # the process's host listener: its own connection
    assert listener.wait(box, timeout=TIMEOUT_INFINITE) is None
    ok(post(b, hwnd=h, msg=WM_USER, wp=7))
    ok(listener.woken(), result=WAIT_OBJECT_0)
    assert messages(listener, box) == [(a.tid, h, WM_USER, 7, 0)]


def test_create_msg_queue_is_idempotent_and_per_process(w):
    a = w.process()
    t2 = a.thread()
    h1 = ok(a.create_msg_queue()).handle
    assert ok(a.create_msg_queue()).handle == h1
    assert ok(t2.create_msg_queue()).handle == h1            # one inbox per process
    err(a.close_handle(handle=h1), ERROR_INVALID_HANDLE)     # protected: the process keeps it


def test_post_thread_message_errors(w):
    a, b = w.process(), w.process()
    err(post(b, tid=a.tid), ERROR_INVALID_THREAD_ID)          # a thread without a queue
    err(post(b, tid=0x7FFFFFF0), ERROR_INVALID_PARAMETER)      # no such thread (Wine's answer)
    t2 = a.thread()
    ok(t2.create_msg_queue())
    err(post(b, tid=a.tid), ERROR_INVALID_THREAD_ID)          # only t2 has one
    ok(post(b, tid=t2.tid, wp=1))
    err(post(b, hwnd=0x12344), ERROR_INVALID_WINDOW_HANDLE)
    err(post(b, hwnd=0x10021), ERROR_INVALID_WINDOW_HANDLE)   # odd: never an hwnd


def test_a_window_of_an_ended_thread_is_invalid(w):
    a, b = w.process(), w.process()
    t2 = a.thread()
    h = window(t2)
    ok(post(b, hwnd=h))
    t2.disconnect()
    err(post(b, hwnd=h), ERROR_INVALID_WINDOW_HANDLE)
    err(post(b, tid=t2.tid), ERROR_INVALID_PARAMETER)


def test_a_dying_process_drops_its_windows_and_pending_messages(w):
    a, b = w.process(), w.process()
    h1, h2 = window(a), window(a, flags=0)
    box = ok(a.create_msg_queue()).handle
    ok(post(b, hwnd=h1, wp=1))
    ok(post(b, hwnd=h2, wp=2))
    table = w.core.user_windows
    inbox = table.inboxes[next(p for p in table.inboxes if p.pid == a.pid)]
    assert len(inbox.messages) == 2
    a.disconnect()
    assert inbox.messages == type(inbox.messages)() and not table.by_index and not table.inboxes
    err(post(b, hwnd=h1), ERROR_INVALID_WINDOW_HANDLE)
    err(post(b, hwnd=h2), ERROR_INVALID_WINDOW_HANDLE)
    h3 = window(b)
    assert h3 & 0xFFFF in (h1 & 0xFFFF, h2 & 0xFFFF) and h3 not in (h1, h2)
    del box


def test_broadcast_reaches_top_level_windows_of_other_processes(w):
    a, b, c = w.process(), w.process(), w.process()
    ha, hchild = window(a), window(a, flags=0)
    hb = window(b)
    hc = window(c)
    boxes = {t: ok(t.create_msg_queue()).handle for t in (a, b, c)}
    ok(post(c, hwnd=0xFFFF, msg=WM_USER + 9, wp=1, lp=2))
    assert messages(a, boxes[a]) == [(a.tid, ha, WM_USER + 9, 1, 2)]
    assert messages(b, boxes[b]) == [(b.tid, hb, WM_USER + 9, 1, 2)]
    assert messages(c, boxes[c]) == []                       # the caller posts to its own itself
    del hchild, hc


def test_a_queue_that_nobody_drains_is_limited(w):
    a, b = w.process(), w.process()
    ok(a.create_msg_queue())
    for i in range(10000):
        r = post(b, tid=a.tid, wp=i)
        assert r.error == 0
    err(post(b, tid=a.tid), ERROR_NOT_ENOUGH_QUOTA)


def test_get_messages_needs_an_inbox_handle(w):
    a = w.process()
    e = a.event()
    err(a.get_messages(handle=e), ERROR_INVALID_HANDLE)


# ---- what IsWindow, GetWindowThreadProcessId and FindWindow ask ----------------------

def test_get_window_info(w):
    a, b = w.process(), w.process()
    h = window(a, flags=0)
    ok(b.get_window_info(hwnd=h), full=h, tid=a.tid, pid=a.pid, flags=0, cls="", text="")
    ok(b.get_window_info(hwnd=h & 0xFFFF), full=h)              # the 16-bit form names it too
    err(b.get_window_info(hwnd=h + 2), ERROR_INVALID_WINDOW_HANDLE)
    top = window(a, cls="WlClass", text="title")
    ok(b.get_window_info(hwnd=top), full=top, flags=TOPLEVEL, cls="WlClass", text="title")


def test_find_window_by_class_and_title_in_other_processes(w):
    a, b, c = w.process(), w.process(), w.process()
    h1 = window(a, cls="WlClass", text="one")
    window(a, flags=0, cls="WlClass", text="child")           # not top-level: never found
    h2 = window(b, cls="wlclass", text="two")
    mine = window(c, cls="WlClass", text="mine")
    ok(c.find_window(after=0, flags=1, cls="WLCLASS", text=""), hwnd=h1)        # class: any case
    ok(c.find_window(after=h1, flags=1, cls="WlClass", text=""), hwnd=h2)
    err(c.find_window(after=h2, flags=1, cls="WlClass", text=""), 2)
    ok(c.find_window(after=0, flags=2, cls="", text="two"), hwnd=h2)
    err(c.find_window(after=0, flags=2, cls="", text="TWO"), 2)                 # title: exact
    err(c.find_window(after=0, flags=2, cls="", text="mine"), 2)                # the caller's own: not here
    ok(b.find_window(after=0, flags=3, cls="wlclass", text="mine"), hwnd=mine)
    ok(a.set_window_text(hwnd=h1, text="renamed"))
    ok(c.find_window(after=0, flags=2, cls="", text="renamed"), hwnd=h1)
    err(b.set_window_text(hwnd=h1, text="x"), ERROR_ACCESS_DENIED)


def test_list_windows_gives_other_processes_top_level_windows(w):
    a, b, c = w.process(), w.process(), w.process()
    h1 = window(a)
    window(a, flags=0)
    h2 = window(b)
    window(c)
    assert list(ok(c.list_windows()).hwnds) == [h1, h2]
    b.disconnect()
    assert list(ok(c.list_windows()).hwnds) == [h1]


# ---- SendMessage between processes ------------------------------------------------------

def test_send_and_reply(w):
    a, b = w.process(), w.process()
    h = window(a)
    box_a = ok(a.create_msg_queue()).handle
    box_b = ok(b.create_msg_queue()).handle
    ok(b.send_message(hwnd=h, msg=WM_USER, wparam=1, lparam=2, id=7, flags=0))
    err(b.send_message(hwnd=h, msg=WM_USER, wparam=1, lparam=2, id=7, flags=0), ERROR_INVALID_PARAMETER)  # id in use
    assert records(a, box_a) == [(SENT, a.tid, h, WM_USER, 1, 2, b.pid, 7)]
    err(b.reply_message(sender=b.pid, id=7, result=5), ERROR_ACCESS_DENIED)    # only the target answers
    ok(a.reply_message(sender=b.pid, id=7, result=(1 << 64) - 3))
    assert records(b, box_b) == [(REPLY, b.tid, 0, 0, 0, (1 << 64) - 3, b.pid, 7)]
    ok(a.reply_message(sender=b.pid, id=7, result=1))                           # a second answer: ignored
    assert records(b, box_b) == []


def test_send_notify_needs_no_reply(w):
    a, b = w.process(), w.process()
    h = window(a)
    box_a = ok(a.create_msg_queue()).handle
    ok(b.send_message(hwnd=h, msg=WM_USER, wparam=1, lparam=2, id=0, flags=1))  # the sender has no queue
    ok(b.send_message(hwnd=h, msg=WM_USER, wparam=3, lparam=4, id=0, flags=3))  # ... from SendNotifyMessageW
    assert records(a, box_a) == [(SENT, a.tid, h, WM_USER, 1, 2, b.pid, 0),
                                 (SENT | 0x100, a.tid, h, WM_USER, 3, 4, b.pid, 0)]


def test_send_needs_a_queue_of_the_sender(w):
    a, b = w.process(), w.process()
    h = window(a)
    err(b.send_message(hwnd=h, msg=WM_USER, wparam=0, lparam=0, id=1, flags=0), ERROR_INVALID_PARAMETER)
    err(b.send_message(hwnd=0x7FFE0040, msg=WM_USER, wparam=0, lparam=0, id=1, flags=0),
        ERROR_INVALID_WINDOW_HANDLE)


def test_a_target_that_dies_answers_zero(w):
    a, b = w.process(), w.process()
    h = window(a)
    box_b = ok(b.create_msg_queue()).handle
    listener = b.thread()
    assert listener.wait(box_b) is None
    ok(b.send_message(hwnd=h, msg=WM_USER, wparam=0, lparam=0, id=3, flags=0))
    a.disconnect()
    ok(listener.woken(), result=WAIT_OBJECT_0)
    assert records(listener, box_b) == [(REPLY, b.tid, 0, 0, 0, 0, b.pid, 3)]
    assert not w.core.user_windows.sends


def test_a_sender_that_dies_is_forgotten(w):
    a, b = w.process(), w.process()
    h = window(a)
    box_a = ok(a.create_msg_queue()).handle
    ok(b.create_msg_queue())
    ok(b.send_message(hwnd=h, msg=WM_USER, wparam=0, lparam=0, id=3, flags=0))
    b.disconnect()
    assert not w.core.user_windows.sends
    assert records(a, box_a)[0][0] == SENT
    ok(a.reply_message(sender=b.pid, id=3, result=1))                           # nobody to tell: fine


def test_registered_messages_are_shared_by_all_processes(w):
    a, b = w.process(), w.process()
    m1 = ok(a.register_message(name="WlMessage")).id
    assert m1 == 0xC000
    ok(b.register_message(name="wlmessage"), id=m1)            # names compare without case
    m2 = ok(b.register_message(name="Other")).id
    assert m2 == m1 + 1
    ok(a.register_message(name="OTHER"), id=m2)
    err(a.register_message(name=""), ERROR_INVALID_PARAMETER)
    err(a.register_message(name="x" * 256), ERROR_INVALID_PARAMETER)
