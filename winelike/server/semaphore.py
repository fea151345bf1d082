"""Semaphores: a count between 0 and max; each satisfied wait takes one, a release adds
some, and a release past max fails with ERROR_TOO_MANY_POSTS, leaving the count alone."""
from __future__ import annotations

from winelike.server.object import SYNCHRONIZE, STANDARD_RIGHTS_READ, STANDARD_RIGHTS_REQUIRED, \
    Object, Win32Error, create_named, handler, open_named
from winelike.server.protocol import Error

SEMAPHORE_QUERY_STATE = 0x0001
SEMAPHORE_MODIFY_STATE = 0x0002
SEMAPHORE_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3


class Semaphore(Object):
    type_name = "Semaphore"
    signal_access = SEMAPHORE_MODIFY_STATE
    mapping = (STANDARD_RIGHTS_READ | SEMAPHORE_QUERY_STATE, STANDARD_RIGHTS_READ | SEMAPHORE_MODIFY_STATE,
               STANDARD_RIGHTS_READ | SYNCHRONIZE, SEMAPHORE_ALL_ACCESS)

    def __init__(self, initial: int, maximum: int):
        super().__init__()
        self.count = initial
        self.max = maximum

    def signaled(self, thread) -> bool:
        return self.count > 0

    def satisfy(self, thread) -> bool:
        self.count -= 1
        return False

    def signal(self, core, thread) -> None:
        self.release(core, 1)

    def release(self, core, count: int) -> int:
        # Wine compares as unsigned: a negative count is "too many"; 0 is a no-op
        if count < 0 or count > self.max - self.count:
            raise Win32Error(Error.ERROR_TOO_MANY_POSTS)
        prev = self.count
        self.count += count
        if self.waiters and count:
            core.wake_up(self)
        return prev


@handler("create_semaphore")
def create_semaphore(core, client, req):
    if req.max <= 0 or req.initial < 0 or req.initial > req.max:
        raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    return create_named(core, client, Semaphore, req, lambda: Semaphore(req.initial, req.max))


@handler("open_semaphore")
def open_semaphore(core, client, req):
    return open_named(core, client, Semaphore, req)


@handler("release_semaphore")
def release_semaphore(core, client, req):
    sem = client.thread.process.handles.get(req.handle, Semaphore, SEMAPHORE_MODIFY_STATE)
    return {"prev_count": sem.release(core, req.count)}


@handler("query_semaphore")
def query_semaphore(core, client, req):
    sem = client.thread.process.handles.get(req.handle, Semaphore, SEMAPHORE_QUERY_STATE)
    return {"count": sem.count, "max": sem.max}
