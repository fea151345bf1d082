"""The window table and message inboxes (server/window.py), on the sans-IO core with a fake clock."""
from __future__ import annotations

import os
import struct
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from server_harness import World  # noqa: E402

from winelike.server.protocol import TIMEOUT_INFINITE  # noqa: E402

ERROR_ACCESS_DENIED, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER = 5, 6, 87
ERROR_INVALID_WINDOW_HANDLE, ERROR_INVALID_THREAD_ID, ERROR_NOT_ENOUGH_QUOTA = 1400, 1444, 1816
WAIT_OBJECT_0, WAIT_TIMEOUT = 0, 0x102
TOPLEVEL = 1
WM_USER = 0x400


@pytest.fixture
def w():
    return World()


def ok(reply, **expect):
    assert reply is not None, "expected an immediate reply"
    assert reply.error == 0, reply
    for k, v in expect.items():
        assert getattr(reply, k) == v, reply
    return reply


def err(reply, code):
    assert reply is not None and reply.error == code, reply


def messages(t, handle):
    r = ok(t.get_messages(handle=handle))
    data = r.data
    assert len(data) == 28 * r.count
    return [struct.unpack_from("<IIIQQ", data, 28 * i) for i in range(r.count)]


def window(t, flags=TOPLEVEL):
    return ok(t.create_window(flags=flags)).hwnd


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
