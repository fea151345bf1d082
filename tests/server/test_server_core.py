"""The sans-IO core with a fake clock: no sockets, every reply through the real codec."""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from server_harness import ALL, MS, WALL0, T, World, ok  # noqa: E402

from winelike.server.core import RemoteProtocolError  # noqa: E402
from winelike.server import protocol  # noqa: E402
from winelike.server.protocol import (CURRENT_PROCESS, DUPLICATE_CLOSE_SOURCE, DUPLICATE_SAME_ACCESS,  # noqa: E402
                                      HANDLE_FLAG_INHERIT, HANDLE_FLAG_PROTECT_FROM_CLOSE)

WAIT_OBJECT_0, WAIT_ABANDONED_0, WAIT_TIMEOUT = 0, 0x80, 0x102
ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND, ERROR_ACCESS_DENIED, ERROR_INVALID_HANDLE = 2, 3, 5, 6
ERROR_INVALID_PARAMETER, ERROR_ALREADY_EXISTS, ERROR_NOT_OWNER, ERROR_TOO_MANY_POSTS = 87, 183, 288, 298
SYNCHRONIZE, EVENT_MODIFY_STATE = 0x100000, 2
PROCESS_DUP_HANDLE = 0x40


@pytest.fixture
def w():
    return World()


# ---- events ----------------------------------------------------------------------

def test_event_manual_reset_stays_signaled(w):
    p = w.process()
    e = p.event(manual=True, state=True)
    ok(p.wait(e, timeout=0), result=WAIT_OBJECT_0)
    ok(p.wait(e, timeout=0), result=WAIT_OBJECT_0)
    ok(p.reset_event(handle=e), prev_state=1)
    ok(p.wait(e, timeout=0), result=WAIT_TIMEOUT)


def test_event_auto_reset_is_consumed_by_one_wait(w):
    p = w.process()
    e = p.event(state=True)
    ok(p.wait(e, timeout=0), result=WAIT_OBJECT_0)
    ok(p.wait(e, timeout=0), result=WAIT_TIMEOUT)
    ok(p.query_event(handle=e), manual_reset=0, state=0)


def test_event_auto_reset_wakes_one_waiter(w):
    p = w.process()
    e = p.event()
    a, b = p.thread(), p.thread()
    assert a.wait(e) is None and b.wait(e) is None
    ok(p.set_event(handle=e), prev_state=0)
    ok(a.woken(), result=WAIT_OBJECT_0)        # the older waiter first
    assert b.woken() is None
    ok(p.query_event(handle=e), state=0)
    p.set_event(handle=e)
    ok(b.woken(), result=WAIT_OBJECT_0)


def test_event_manual_reset_wakes_all_waiters(w):
    p = w.process()
    e = p.event(manual=True)
    ts = [p.thread() for _ in range(3)]
    for t in ts:
        assert t.wait(e) is None
    p.set_event(handle=e)
    for t in ts:
        ok(t.woken(), result=WAIT_OBJECT_0)
    ok(p.query_event(handle=e), state=1)


@pytest.mark.parametrize("manual", [True, False])
def test_PulseEvent(w, manual):
    p = w.process()
    e = p.event(manual=manual)
    a, b = p.thread(), p.thread()
    a.wait(e), b.wait(e)
    ok(p.pulse_event(handle=e), prev_state=0)
    ok(a.woken(), result=WAIT_OBJECT_0)
    assert (b.woken() is not None) == manual
    ok(p.query_event(handle=e), state=0)
    ok(p.pulse_event(handle=e))                 # nobody waits: nothing stays signalled
    ok(p.wait(e, timeout=0), result=WAIT_TIMEOUT)


# ---- timeouts and wait results -------------------------------------------------------

def test_wait_timeout_fires_at_the_deadline(w):
    p = w.process()
    e = p.event()
    assert p.wait(e, timeout=100 * MS) is None
    assert w.core.next_deadline() == w.clock.now + 100 * MS
    w.advance(99.9)
    assert p.woken() is None
    w.advance(0.1)
    ok(p.woken(), result=WAIT_TIMEOUT)
    assert w.core.next_deadline() is None
    p.set_event(handle=e)                        # the timed-out wait must not consume it
    ok(p.query_event(handle=e), state=1)


def test_infinite_wait_has_no_deadline(w):
    p = w.process()
    assert p.wait(p.event()) is None
    assert w.core.next_deadline() is None
    w.advance(10 ** 7)
    assert p.woken() is None


def test_wait_any_reports_first_signaled_index(w):
    p = w.process()
    hs = [p.event(manual=True) for _ in range(4)]
    p.set_event(handle=hs[2]), p.set_event(handle=hs[3])
    ok(p.wait(*hs, timeout=0), result=WAIT_OBJECT_0 + 2)
    t = p.thread()
    x = [p.event() for _ in range(3)]
    assert t.wait(*x) is None
    p.set_event(handle=x[1])
    ok(t.woken(), result=WAIT_OBJECT_0 + 1)
    ok(p.query_event(handle=x[1]), state=0)


def test_wait_limits(w):
    p = w.process()
    hs = [p.event(state=True, manual=True) for _ in range(65)]
    ok(p.wait(*hs[:64], timeout=0, all=True), result=WAIT_OBJECT_0)
    assert p.wait(*hs, timeout=0).error == ERROR_INVALID_PARAMETER
    assert p.wait(timeout=0).error == ERROR_INVALID_PARAMETER
    assert p.wait(hs[0], 0x1234, timeout=0).error == ERROR_INVALID_HANDLE
    ok(p.wait(hs[0], hs[0], timeout=0), result=WAIT_OBJECT_0)


def test_wait_all_with_the_same_mutex_twice_takes_it_twice(w):
    # as Wine 8 does (checked with a mingw program); Windows documents duplicates as invalid
    p = w.process()
    m = p.mutex()
    ok(p.wait(m, m, all=True, timeout=0), result=WAIT_OBJECT_0)
    ok(p.query_mutex(handle=m), count=2)


def test_wait_needs_SYNCHRONIZE(w):
    p = w.process()
    p.event(name="ev")
    h = ok(p.open_event(access=EVENT_MODIFY_STATE, name="ev")).handle
    assert p.wait(h, timeout=0).error == ERROR_ACCESS_DENIED
    h2 = ok(p.open_event(access=SYNCHRONIZE, name="ev")).handle
    assert p.set_event(handle=h2).error == ERROR_ACCESS_DENIED
    ok(p.wait(h2, timeout=0), result=WAIT_TIMEOUT)


# ---- wait-all --------------------------------------------------------------------------

def test_wait_all_is_atomic(w):
    p = w.process()
    e1, e2 = p.event(), p.event()
    a, b = p.thread(), p.thread()
    assert a.wait(e1, e2, all=True) is None
    assert b.wait(e2) is None
    p.set_event(handle=e2)                   # a cannot take e2 alone; b gets it
    assert a.woken() is None
    ok(b.woken(), result=WAIT_OBJECT_0)
    p.set_event(handle=e1)
    assert a.woken() is None
    ok(p.query_event(handle=e1), state=1)    # not consumed while a waits for the pair
    p.set_event(handle=e2)
    ok(a.woken(), result=WAIT_OBJECT_0)
    ok(p.query_event(handle=e1), state=0)
    ok(p.query_event(handle=e2), state=0)


def test_wait_all_takes_nothing_until_all(w):
    p = w.process()
    other = p.thread()
    m = other.mutex(owned=True)
    s = p.semaphore(1, 1)
    t = p.thread()
    assert t.wait(s, m, all=True) is None
    ok(p.query_semaphore(handle=s), count=1)
    ok(other.release_mutex(handle=m))
    ok(t.woken(), result=WAIT_OBJECT_0)
    ok(p.query_semaphore(handle=s), count=0)
    ok(t.query_mutex(handle=m), count=1, owned=1)


def test_two_wait_all_threads_never_split_a_pair(w):
    p = w.process()
    s1, s2 = p.semaphore(0, 1), p.semaphore(0, 1)
    a, b = p.thread(), p.thread()
    a.wait(s1, s2, all=True)
    b.wait(s2, s1, all=True)
    p.release_semaphore(handle=s1, count=1)
    p.release_semaphore(handle=s2, count=1)
    woke = [t for t in (a, b) if t.woken() is not None]
    assert len(woke) == 1
    ok(p.query_semaphore(handle=s1), count=0)
    ok(p.query_semaphore(handle=s2), count=0)


# ---- mutexes -----------------------------------------------------------------------------

def test_mutex_ownership_and_recursion(w):
    p = w.process()
    m = p.mutex(owned=True)
    ok(p.wait(m, timeout=0), result=WAIT_OBJECT_0)          # recursion
    ok(p.query_mutex(handle=m), count=2, owned=1)
    t = p.thread()
    assert t.wait(m, timeout=0).result == WAIT_TIMEOUT
    assert t.release_mutex(handle=m).error == ERROR_NOT_OWNER
    assert t.wait(m) is None
    ok(p.release_mutex(handle=m), prev_count=2)
    assert t.woken() is None
    ok(p.release_mutex(handle=m), prev_count=1)
    ok(t.woken(), result=WAIT_OBJECT_0)
    assert p.release_mutex(handle=m).error == ERROR_NOT_OWNER


def test_mutex_abandoned_when_owner_disconnects(w):
    p = w.process()
    owner = p.thread()
    m1, m2 = owner.mutex(owned=True), owner.mutex(owned=True)
    waiter = p.thread()
    e = p.event()
    assert waiter.wait(e, m2) is None
    owner.disconnect()
    ok(waiter.woken(), result=WAIT_ABANDONED_0 + 1)
    ok(waiter.query_mutex(handle=m2), owned=1, abandoned=0)
    ok(p.query_mutex(handle=m1), abandoned=1, count=0)
    ok(p.wait(m1, timeout=0), result=WAIT_ABANDONED_0)     # the next taker learns it, once
    ok(p.release_mutex(handle=m1))
    ok(p.wait(m1, timeout=0), result=WAIT_OBJECT_0)


def test_wait_all_reports_abandonment(w):
    p = w.process()
    owner = p.thread()
    m = owner.mutex(owned=True)
    e = p.event(manual=True, state=True)
    owner.disconnect()
    ok(p.wait(e, m, all=True, timeout=0), result=WAIT_ABANDONED_0)


# ---- semaphores --------------------------------------------------------------------------

def test_semaphore_counts(w):
    p = w.process()
    s = p.semaphore(2, 3)
    ok(p.wait(s, timeout=0), result=WAIT_OBJECT_0)
    ok(p.wait(s, timeout=0), result=WAIT_OBJECT_0)
    ok(p.wait(s, timeout=0), result=WAIT_TIMEOUT)
    ok(p.release_semaphore(handle=s, count=3), prev_count=0)
    assert p.release_semaphore(handle=s, count=1).error == ERROR_TOO_MANY_POSTS
    ok(p.query_semaphore(handle=s), count=3, max=3)
    ok(p.release_semaphore(handle=s, count=0), prev_count=3)          # a no-op, as Wine
    assert p.release_semaphore(handle=s, count=-1).error == ERROR_TOO_MANY_POSTS


def test_semaphore_release_wakes_that_many(w):
    p = w.process()
    s = p.semaphore(0, 10)
    ts = [p.thread() for _ in range(3)]
    for t in ts:
        t.wait(s)
    ok(p.release_semaphore(handle=s, count=2), prev_count=0)
    assert [t.woken() is not None for t in ts] == [True, True, False]
    ok(p.query_semaphore(handle=s), count=0)


@pytest.mark.parametrize("initial,maximum", [(2, 1), (-1, 1), (0, 0), (0, -5)])
def test_CreateSemaphore_bad_counts(w, initial, maximum):
    p = w.process()
    r = p.create_semaphore(access=ALL, initial=initial, max=maximum)
    assert r.error == ERROR_INVALID_PARAMETER and r.handle == 0


# ---- timers --------------------------------------------------------------------------------

def test_timer_relative_due_time(w):
    p = w.process()
    t = p.timer(manual=True)
    ok(p.set_timer(handle=t, due=-50 * MS), signaled=0)
    assert p.wait(t) is None
    w.advance(49)
    assert p.woken() is None
    w.advance(1)
    ok(p.woken(), result=WAIT_OBJECT_0)
    ok(p.wait(t, timeout=0), result=WAIT_OBJECT_0)         # notification timer stays signalled
    ok(p.set_timer(handle=t, due=-MS), signaled=1)         # setting it again resets it
    ok(p.wait(t, timeout=0), result=WAIT_TIMEOUT)


def test_timer_absolute_due_time(w):
    p = w.process()
    t = p.timer()
    p.set_timer(handle=t, due=WALL0 + w.clock.now + 20 * MS)
    assert p.wait(t) is None
    w.advance(20)
    ok(p.woken(), result=WAIT_OBJECT_0)


def test_periodic_synchronization_timer(w):
    p = w.process()
    t = p.timer()
    p.set_timer(handle=t, due=-10 * MS, period=10)
    for _ in range(3):
        assert p.wait(t) is None
        w.advance(10)
        ok(p.woken(), result=WAIT_OBJECT_0)
    ok(p.wait(t, timeout=0), result=WAIT_TIMEOUT)          # consumed by the wait
    w.advance(35)                                            # fell behind: fires once
    ok(p.wait(t, timeout=0), result=WAIT_OBJECT_0)
    ok(p.wait(t, timeout=0), result=WAIT_TIMEOUT)
    ok(p.query_timer(handle=t), remaining=5 * MS)


def test_cancel_timer(w):
    p = w.process()
    t = p.timer()
    p.set_timer(handle=t, due=-10 * MS)
    ok(p.cancel_timer(handle=t), signaled=0)
    assert w.core.next_deadline() is None
    w.advance(20)
    ok(p.wait(t, timeout=0), result=WAIT_TIMEOUT)


def test_timer_and_timeout_at_the_same_instant(w):
    p = w.process()
    t = p.timer()
    p.set_timer(handle=t, due=-10 * MS)
    assert p.wait(t, timeout=10 * MS) is None
    w.advance(10)
    ok(p.woken(), result=WAIT_OBJECT_0)


# ---- names -----------------------------------------------------------------------------------

def test_named_event_already_exists_returns_the_same_object(w):
    a, b = w.process(), w.process()
    h1 = a.event(name="shared", manual=True)
    r = b.create_event(access=ALL, name="shared", manual_reset=0, initial_state=1)
    assert r.error == ERROR_ALREADY_EXISTS and r.handle
    ok(b.query_event(handle=r.handle), manual_reset=1, state=0)     # existing object, own args ignored
    a.set_event(handle=h1)
    ok(b.wait(r.handle, timeout=0), result=WAIT_OBJECT_0)


def test_open_by_name(w):
    a, b = w.process(), w.process()
    assert b.open_event(access=ALL, name="nope").error == ERROR_FILE_NOT_FOUND
    assert b.open_event(access=ALL, name="").error == ERROR_INVALID_HANDLE
    h = a.mutex(name="m")
    r = ok(b.open_mutex(access=ALL, name="m"))
    assert b.wait(r.handle, timeout=0).result == WAIT_OBJECT_0
    assert b.open_event(access=ALL, name="m").error == ERROR_INVALID_HANDLE   # wrong type
    assert b.create_semaphore(access=ALL, initial=0, max=1, name="m").error == ERROR_INVALID_HANDLE
    ok(a.close_handle(handle=h))
    ok(b.open_mutex(access=ALL, name="m"))          # b's handle keeps the name alive


def test_name_goes_with_the_last_handle(w):
    p = w.process()
    h = p.event(name="gone")
    ok(p.close_handle(handle=h))
    assert p.open_event(access=ALL, name="gone").error == ERROR_FILE_NOT_FOUND
    assert w.core.namespace.objects == {}


def test_Global_and_Local_namespaces(w):
    p = w.process()
    g = p.event(name="Global\\n")
    loc = p.event(name="Local\\n")
    assert g != loc
    r = p.create_event(access=ALL, name="n")            # bare names are Local
    assert r.error == ERROR_ALREADY_EXISTS
    p.set_event(handle=loc)
    ok(p.query_event(handle=r.handle), state=1)
    ok(p.query_event(handle=g), state=0)
    assert p.create_event(access=ALL, name="a\\b").error == ERROR_PATH_NOT_FOUND
    assert p.create_event(access=ALL, name="n").error == ERROR_ALREADY_EXISTS
    assert p.create_event(access=ALL, name="N").error == 0       # case-sensitive


# ---- handles -------------------------------------------------------------------------------

def test_bad_handles_and_type_mismatch(w):
    p = w.process()
    m = p.mutex()
    assert p.set_event(handle=m).error == ERROR_INVALID_HANDLE
    assert p.set_event(handle=0x400).error == ERROR_INVALID_HANDLE
    assert p.release_semaphore(handle=m, count=1).error == ERROR_INVALID_HANDLE
    ok(p.close_handle(handle=m))
    assert p.close_handle(handle=m).error == ERROR_INVALID_HANDLE
    assert p.release_mutex(handle=m).error == ERROR_INVALID_HANDLE


def test_handles_are_per_process(w):
    a, b = w.process(), w.process()
    h = a.event(state=True, manual=True)
    assert b.query_event(handle=h).error == ERROR_INVALID_HANDLE
    assert h == b.event()         # same value, different object
    ok(b.query_event(handle=h), state=0)


def test_handle_values_are_reused_lowest_first(w):
    """The server's handles are multiples of 8; 8k+4 is the client's own range."""
    p = w.process()
    hs = [p.event() for _ in range(4)]
    assert hs == [8, 16, 24, 32]
    p.close_handle(handle=16), p.close_handle(handle=24)
    assert p.event() == 16


def test_dup_handle_at_a_client_value(w):
    p = w.process()
    e = p.event(state=True)
    r = ok(p.dup_handle(src_process=CURRENT_PROCESS, src_handle=e, dst_process=CURRENT_PROCESS,
                        options=DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE, at=0x1004))
    assert r.handle == 0x1004
    ok(p.query_event(handle=0x1004), state=1)
    assert p.query_event(handle=e).error == ERROR_INVALID_HANDLE
    assert p.event() == e                     # the allocator is not disturbed
    assert p.dup_handle(src_process=CURRENT_PROCESS, src_handle=e, dst_process=CURRENT_PROCESS,
                        at=0x1004).error == ERROR_INVALID_PARAMETER    # taken


def test_dup_handle_same_process(w):
    p = w.process()
    e = p.event(manual=True)
    r = ok(p.dup_handle(src_process=CURRENT_PROCESS, src_handle=e, dst_process=CURRENT_PROCESS,
                        access=SYNCHRONIZE))
    assert r.handle != e
    ok(p.get_handle_info(handle=r.handle), access=SYNCHRONIZE, type="Event")
    assert p.set_event(handle=r.handle).error == ERROR_ACCESS_DENIED
    r2 = ok(p.dup_handle(src_process=CURRENT_PROCESS, src_handle=e, dst_process=CURRENT_PROCESS,
                         options=DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE))
    ok(p.get_handle_info(handle=r2.handle), access=ALL)
    assert p.query_event(handle=e).error == ERROR_INVALID_HANDLE
    ok(p.set_event(handle=r2.handle))
    ok(p.wait(r.handle, timeout=0), result=WAIT_OBJECT_0)


def test_dup_handle_across_processes(w):
    a, b = w.process(), w.process()
    e = a.event()
    hb = ok(a.open_process(pid=b.pid, access=PROCESS_DUP_HANDLE)).handle
    r = ok(a.dup_handle(src_process=CURRENT_PROCESS, src_handle=e, dst_process=hb,
                        options=DUPLICATE_SAME_ACCESS))
    assert b.wait(r.handle) is None
    a.set_event(handle=e)
    ok(b.woken(), result=WAIT_OBJECT_0)
    # and pull a handle out of b into a, closing b's
    m = b.mutex()
    r2 = ok(a.dup_handle(src_process=hb, src_handle=m, dst_process=CURRENT_PROCESS,
                         options=DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE))
    assert b.release_mutex(handle=m).error == ERROR_INVALID_HANDLE
    ok(a.wait(r2.handle, timeout=0), result=WAIT_OBJECT_0)
    # a process handle without PROCESS_DUP_HANDLE is refused
    weak = ok(a.open_process(pid=b.pid, access=SYNCHRONIZE)).handle
    assert a.dup_handle(src_process=weak, src_handle=r.handle, dst_process=CURRENT_PROCESS).error == \
        ERROR_ACCESS_DENIED
    assert a.dup_handle(src_process=hb, src_handle=0x999, dst_process=CURRENT_PROCESS).error == \
        ERROR_INVALID_HANDLE


def test_dup_current_process_pseudo_handle(w):
    a = w.process()
    r = ok(a.dup_handle(src_process=CURRENT_PROCESS, src_handle=CURRENT_PROCESS,
                        dst_process=CURRENT_PROCESS, options=DUPLICATE_SAME_ACCESS))
    ok(a.get_handle_info(handle=r.handle), type="Process")


def test_inheritance(w):
    parent = w.process()
    keep = parent.event(inherit=True, name="inh")
    drop = parent.event()
    later = parent.event()
    ok(parent.set_handle_info(handle=later, mask=HANDLE_FLAG_INHERIT, flags=HANDLE_FLAG_INHERIT), old_flags=0)
    child = w.process(parent=parent, inherit=True)
    ok(child.get_handle_info(handle=keep), flags=HANDLE_FLAG_INHERIT, type="Event")
    ok(child.get_handle_info(handle=later), flags=HANDLE_FLAG_INHERIT)
    assert child.query_event(handle=drop).error == ERROR_INVALID_HANDLE
    assert child.event() == drop                          # the gap is free in the child
    parent.set_event(handle=keep)
    ok(child.wait(keep, timeout=0), result=WAIT_OBJECT_0)
    other = w.process(parent=parent, inherit=False)
    assert other.query_event(handle=keep).error == ERROR_INVALID_HANDLE


def test_protect_from_close(w):
    p = w.process()
    h = p.event()
    p.set_handle_info(handle=h, mask=HANDLE_FLAG_PROTECT_FROM_CLOSE, flags=HANDLE_FLAG_PROTECT_FROM_CLOSE)
    assert p.close_handle(handle=h).error == ERROR_INVALID_HANDLE
    p.set_handle_info(handle=h, mask=HANDLE_FLAG_PROTECT_FROM_CLOSE, flags=0)
    ok(p.close_handle(handle=h))


# ---- signal-and-wait ---------------------------------------------------------------------------

def test_signal_and_wait(w):
    p = w.process()
    t = p.thread()
    go, done = p.event(), p.event()
    assert t.wait(go) is None
    assert p.signal_and_wait(signal=go, wait=done, timeout=0xFFFFFFFFFFFFFFFF) is None
    ok(t.woken(), result=WAIT_OBJECT_0)
    t.set_event(handle=done)
    ok(p.woken(), result=WAIT_OBJECT_0)


def test_signal_and_wait_errors_do_not_wait(w):
    p = w.process()
    m = p.thread().mutex(owned=True)
    e = p.event()
    r = p.signal_and_wait(signal=m, wait=e, timeout=0xFFFFFFFFFFFFFFFF)
    assert r.error == ERROR_NOT_OWNER
    s = p.semaphore(1, 1)
    assert p.signal_and_wait(signal=s, wait=e, timeout=0).error == ERROR_TOO_MANY_POSTS
    t = p.timer()
    assert p.signal_and_wait(signal=t, wait=e, timeout=0).error == ERROR_INVALID_HANDLE


def test_signal_and_wait_releases_a_mutex(w):
    p = w.process()
    m = p.mutex(owned=True)
    t = p.thread()
    assert t.wait(m) is None
    e = p.event()
    assert p.signal_and_wait(signal=m, wait=e, timeout=10 * MS) is None
    ok(t.woken(), result=WAIT_OBJECT_0)
    w.advance(10)
    ok(p.woken(), result=WAIT_TIMEOUT)


# ---- processes and threads going away ---------------------------------------------------------

def test_process_exit_closes_its_handles_and_signals(w):
    a, b = w.process(), w.process()
    a.event(name="owned_by_a")
    hp = ok(b.open_process(pid=a.pid, access=SYNCHRONIZE)).handle
    ht = ok(b.open_thread(tid=a.tid, access=SYNCHRONIZE)).handle
    assert b.wait(hp, ht, all=True) is None
    a.disconnect()
    ok(b.woken(), result=WAIT_OBJECT_0)
    assert b.open_event(access=ALL, name="owned_by_a").error == ERROR_FILE_NOT_FOUND
    assert b.open_process(pid=a.pid, access=ALL).error == ERROR_INVALID_PARAMETER


def test_process_lives_while_a_thread_remains(w):
    a = w.process()
    t = a.thread()
    h = t.event(name="x")
    a.disconnect()
    ok(t.query_event(handle=h))
    assert w.core.namespace.lookup("x") is not None
    t.disconnect()
    assert w.core.namespace.lookup("x") is None


def test_disconnect_cancels_own_wait(w):
    a, b = w.process(), w.process()
    e = a.event(name="e")
    hb = ok(b.open_event(access=ALL, name="e")).handle
    assert b.wait(hb) is None
    b.disconnect()
    assert w.core.namespace.lookup("e").waiters == []
    a.set_event(handle=e)
    ok(a.query_event(handle=e), state=1)


def test_protocol_rules(w):
    c = w.core.connect()
    from server_harness import T
    t = T(w, c)
    with pytest.raises(RemoteProtocolError):
        t.create_event(access=ALL)
    ok(t("get_server_info"))
    p = w.process()
    p.wait(p.event())
    with pytest.raises(RemoteProtocolError):
        p.set_event(handle=4)
    with pytest.raises(RemoteProtocolError):
        w.process()("new_process")


def test_ended_waits_do_not_pile_up_in_the_schedule(w):
    p = w.process()
    e = p.event()
    t = p.thread()
    for _ in range(5000):
        assert t.wait(e, timeout=10 ** 12) is None
        p.set_event(handle=e)
        ok(t.woken(), result=WAIT_OBJECT_0)
    assert len(w.core._schedule) < 1000
    assert w.core.next_deadline() is None


def test_huge_finite_timeout(w):
    p = w.process()
    assert p.wait(p.event(), timeout=(1 << 64) - 2) is None
    w.advance(1000)
    assert p.woken() is None


# ---- processes made by create_process, ids, exit codes, suspension ----------------------

def test_create_process_then_the_child_connects(w):
    parent = w.process()
    e = parent.event(state=False, inherit=True)
    r = ok(parent.create_process(pid=0x1000, tid=0x1004, inherit_handles=1))
    ph, th = r.process, r.thread
    ok(parent.get_process_info(handle=ph), pid=0x1000, exited=0, exit_code=259)
    ok(parent.get_thread_info(handle=th), tid=0x1004, pid=0x1000, exited=0)
    assert parent.wait(ph, timeout=0).result == WAIT_TIMEOUT
    # the child's own connection becomes that process, with the inherited handle at its value
    child = T(w, w.core.connect())
    r = ok(child.new_process(parent=parent.pid, want_pid=0x1000, want_tid=0x1004))
    assert (r.pid, r.tid) == (0x1000, 0x1004)
    ok(child.set_event(handle=e))
    assert parent.wait(e, timeout=0).result == WAIT_OBJECT_0
    # it reports its exit code, then goes: the parent's handles see both
    assert ok(child.terminate_process(handle=CURRENT_PROCESS, code=7)).self == 1
    child.disconnect()
    assert parent.wait(ph, timeout=0).result == WAIT_OBJECT_0
    ok(parent.get_process_info(handle=ph), exited=1, exit_code=7)
    ok(parent.get_thread_info(handle=th), exited=1, exit_code=7)


def test_create_process_refuses_ids_in_use(w):
    parent = w.process()
    assert parent.create_process(pid=parent.pid, tid=0x2004).error == ERROR_INVALID_PARAMETER
    assert parent.create_process(pid=0x2000, tid=parent.tid).error == ERROR_INVALID_PARAMETER
    assert parent.create_process(pid=0, tid=0x2004).error == ERROR_INVALID_PARAMETER


def test_client_ids_are_kept_and_server_ids_avoid_them(w):
    a = T(w, w.core.connect())
    r = ok(a.new_process(want_pid=0x80, want_tid=0x84))
    assert (r.pid, r.tid) == (0x80, 0x84)
    b = T(w, w.core.connect())
    r = ok(b.new_process(want_pid=0x80, want_tid=0x84))      # taken: the server picks others
    assert r.pid not in (0x80, 0x84) and r.tid not in (0x80, 0x84)


def test_terminate_a_process_that_never_started(w):
    parent = w.process()
    r = ok(parent.create_process(pid=0x3000, tid=0x3004))
    assert ok(parent.terminate_process(handle=r.process, code=9)).self == 0
    assert parent.wait(r.process, timeout=0).result == WAIT_OBJECT_0
    ok(parent.get_process_info(handle=r.process), exited=1, exit_code=9)
    assert parent.terminate_process(handle=r.process, code=1).error == ERROR_ACCESS_DENIED


def test_suspended_child_waits_for_resume(w):
    parent = w.process()
    r = ok(parent.create_process(pid=0x4000, tid=0x4004, suspended=1))
    child = T(w, w.core.connect())
    ok(child.new_process(want_pid=0x4000, want_tid=0x4004))
    assert child.wait_resume() is None                       # pending
    assert ok(parent.suspend_thread(handle=r.thread)).prev_count == 1
    assert ok(parent.resume_thread(handle=r.thread)).prev_count == 2
    assert child.woken() is None
    assert ok(parent.resume_thread(handle=r.thread)).prev_count == 1
    assert child.woken().result == 0
    assert ok(parent.resume_thread(handle=r.thread)).prev_count == 0
    ok(child.wait_resume(), result=0)                       # not suspended: answered at once


def test_mutex_made_with_an_owner_and_state(w):
    a = w.process()
    t2 = a.thread()
    r = ok(a.create_mutex(access=ALL, owned=1, owner=t2.tid, count=2, abandoned=0))
    assert a.wait(r.handle, timeout=0).result == WAIT_TIMEOUT     # t2 owns it, not a
    assert t2.wait(r.handle, timeout=0).result == WAIT_OBJECT_0   # recursion: count 3
    ok(t2.query_mutex(handle=r.handle), count=3, owned=1)
    t2.disconnect()
    assert a.wait(r.handle, timeout=0).result == WAIT_ABANDONED_0
    assert a.create_mutex(access=ALL, owned=1, owner=0x7777).error == ERROR_INVALID_PARAMETER


# ---- alerts (QueueUserAPC and alertable waits) ---------------------------------------

WAIT_IO_COMPLETION = 0xC0


def alertable_wait(t, *handles, timeout=protocol.TIMEOUT_INFINITE):
    return t("select", flags=protocol.SELECT_ALERTABLE, timeout=timeout, handles=list(handles))


def test_alert_ends_a_pending_alertable_wait(w):
    p = w.process()
    e = p.event()
    t = p.thread()
    assert alertable_wait(t, e) is None
    ok(p.alert_thread(tid=t.tid))
    ok(t.woken(), result=WAIT_IO_COMPLETION)
    p.set_event(handle=e)                       # the event was not consumed by the ended wait
    ok(t.wait(e, timeout=0), result=WAIT_OBJECT_0)


def test_alert_before_the_wait_ends_the_next_alertable_wait_at_once(w):
    p = w.process()
    e = p.event(state=True)
    t = p.thread()
    ok(p.alert_thread(tid=t.tid))
    ok(t.wait(e, timeout=0), result=WAIT_OBJECT_0)          # a plain wait: unaffected
    ok(alertable_wait(t, e, timeout=0), result=WAIT_IO_COMPLETION)
    p.set_event(handle=e)
    ok(alertable_wait(t, e, timeout=0), result=WAIT_OBJECT_0)     # the alert was used up


def test_alert_leaves_a_plain_wait_alone(w):
    p = w.process()
    e = p.event()
    t = p.thread()
    assert t.wait(e, timeout=100 * MS) is None
    ok(p.alert_thread(tid=t.tid))
    assert t.woken() is None
    w.advance(100)
    ok(t.woken(), result=WAIT_TIMEOUT)


def test_alert_of_another_process_thread_is_refused(w):
    p, q = w.process(), w.process()
    assert p.alert_thread(tid=q.tid).error == ERROR_INVALID_PARAMETER
    assert p.alert_thread(tid=0x12345678).error == ERROR_INVALID_PARAMETER
