"""Mutexes: an owner thread and a recursion count.  Only the owner may release
(ERROR_NOT_OWNER otherwise); when the owner's connection goes, the mutex is abandoned:
free again, and the next wait that takes it gets WAIT_ABANDONED_0+n."""
from __future__ import annotations

from winelike.server.object import SYNCHRONIZE, STANDARD_RIGHTS_READ, STANDARD_RIGHTS_REQUIRED, \
    Object, Win32Error, create_named, handler, open_named
from winelike.server.protocol import Error

MUTANT_QUERY_STATE = 0x0001
MUTEX_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1


class Mutex(Object):
    type_name = "Mutex"
    mapping = (STANDARD_RIGHTS_READ | MUTANT_QUERY_STATE, STANDARD_RIGHTS_READ,
               STANDARD_RIGHTS_READ | SYNCHRONIZE, MUTEX_ALL_ACCESS)

    def __init__(self):
        super().__init__()
        self.owner = None
        self.count = 0
        self.abandoned = False

    def signaled(self, thread) -> bool:
        return self.count == 0 or self.owner is thread

    def satisfy(self, thread) -> bool:
        if self.count == 0:
            self.owner = thread
            thread.mutexes.append(self)
        self.count += 1
        abandoned, self.abandoned = self.abandoned, False
        return abandoned

    def signal(self, core, thread) -> None:
        self.release(core, thread)

    def release(self, core, thread) -> int:
        if self.owner is not thread or self.count == 0:
            raise Win32Error(Error.ERROR_NOT_OWNER)
        prev = self.count
        self.count -= 1
        if self.count == 0:
            self.owner = None
            thread.mutexes.remove(self)
            if self.waiters:
                core.wake_up(self)
        return prev

    def abandon(self, core) -> None:
        self.owner = None
        self.count = 0
        self.abandoned = True
        if self.waiters:
            core.wake_up(self)


@handler("create_mutex")
def create_mutex(core, client, req):
    def make():
        # owner/count/abandoned: a client moving a mutex it kept itself into the server
        m = Mutex()
        owner = client.thread
        if req.owner:
            owner = core.threads.get(req.owner)
            if owner is None:
                raise Win32Error(Error.ERROR_INVALID_PARAMETER)
        if req.owned:
            m.satisfy(owner)
            m.count = max(1, req.count)
        m.abandoned = bool(req.abandoned)
        return m
    return create_named(core, client, Mutex, req, make)


@handler("open_mutex")
def open_mutex(core, client, req):
    return open_named(core, client, Mutex, req)


@handler("release_mutex")
def release_mutex(core, client, req):
    mutex = client.thread.process.handles.get(req.handle, Mutex)
    return {"prev_count": mutex.release(core, client.thread)}


@handler("query_mutex")
def query_mutex(core, client, req):
    mutex = client.thread.process.handles.get(req.handle, Mutex, MUTANT_QUERY_STATE)
    return {"count": mutex.count, "owned": mutex.owner is client.thread, "abandoned": mutex.abandoned}
