"""Waits: the `select` and `signal_and_wait` requests.

Rules:
* wait-any: the first signalled object in the caller's order wins and only it is
  consumed; the result is WAIT_OBJECT_0+n, or WAIT_ABANDONED_0+n for an abandoned mutex.
* wait-all: nothing is consumed until every object is signalled for this thread; then
  all are, in one step (so two wait-all threads never split a pair between them).
  Result WAIT_OBJECT_0, or WAIT_ABANDONED_0 if any mutex was abandoned.
* a wait not satisfied at once is answered later: when an object it waits on is
  signalled (the object's `waiters`, oldest first) or at its deadline (WAIT_TIMEOUT).
* timeouts are relative, in 100 ns units; TIMEOUT_INFINITE never expires; 0 polls.
* an alertable wait ends with WAIT_IO_COMPLETION when the client says an APC was queued
  for the thread (alert_thread), or at once if that was said before it began; the APCs
  themselves live in the client, which runs them.
"""
from __future__ import annotations

from winelike.server.object import SYNCHRONIZE, Win32Error, handler
from winelike.server.protocol import (MAXIMUM_WAIT_OBJECTS, SELECT_ALERTABLE, SELECT_ALL, TIMEOUT_INFINITE, Error,
                                      Wait as W)

PENDING = object()      # a handler's answer when the reply comes later


class Wait:
    __slots__ = ("client", "thread", "objects", "wait_all", "deadline", "done", "defn", "seq", "alertable")

    def __init__(self, client, objects, wait_all, deadline, defn, seq, alertable=False):
        self.alertable = alertable
        self.client = client
        self.thread = client.thread
        self.objects = objects
        self.wait_all = wait_all
        self.deadline = deadline
        self.done = False
        self.defn, self.seq = defn, seq

    def try_satisfy(self):
        """The wait's result if it can be satisfied now (consuming the objects), else None."""
        thread = self.thread
        objects = self.objects
        if self.wait_all:
            for obj in objects:
                if not obj.signaled(thread):
                    return None
            abandoned = False
            for obj in objects:
                abandoned |= obj.satisfy(thread)
            return W.WAIT_ABANDONED_0 if abandoned else W.WAIT_OBJECT_0
        for i, obj in enumerate(objects):
            if obj.signaled(thread):
                return (W.WAIT_ABANDONED_0 if obj.satisfy(thread) else W.WAIT_OBJECT_0) + i
        return None


def begin_wait(core, client, objects, flags, timeout):
    wait_all = bool(flags & SELECT_ALL)
    alertable = bool(flags & SELECT_ALERTABLE)
    if alertable and client.thread.alerted:      # an APC came before the wait: it ends at once
        client.thread.alerted = False
        return {"result": W.WAIT_IO_COMPLETION}
    defn, seq = core.current
    w = Wait(client, objects, wait_all, None, defn, seq, alertable)
    result = w.try_satisfy()
    if result is not None:
        return {"result": int(result)}
    if timeout == 0:
        return {"result": W.WAIT_TIMEOUT}
    for obj in objects:
        obj.waiters.append(w)
    client.wait = w
    if timeout != TIMEOUT_INFINITE:
        w.deadline = core.clock() + timeout
        core.schedule(w.deadline, w, None)
    return PENDING


def _objects(client, handles):
    if not handles or len(handles) > MAXIMUM_WAIT_OBJECTS:
        raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    table = client.thread.process.handles
    thread = client.thread
    return [table.get(h, None, SYNCHRONIZE, thread) for h in handles]


@handler("select")
def select(core, client, req):
    # the same object twice in a wait-all is accepted and satisfied twice, as Wine does
    # (a mutex is then taken twice); Windows documents it as invalid
    objects = _objects(client, req.handles)
    return begin_wait(core, client, objects, req.flags, req.timeout)


@handler("signal_and_wait")
def signal_and_wait(core, client, req):
    table = client.thread.process.handles
    (wait_obj,) = _objects(client, [req.wait])
    entry = table.entry(req.signal, client.thread)
    if entry.obj.signal_access & ~entry.access:
        raise Win32Error(Error.ERROR_ACCESS_DENIED)
    entry.obj.signal(core, client.thread)
    return begin_wait(core, client, [wait_obj], req.flags & ~SELECT_ALL, req.timeout)
