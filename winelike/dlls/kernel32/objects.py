"""Events, semaphores and mutexes, and waiting on them, for a process with one guest thread.

Until the server issue lands these objects live in the process's own handle
table.  Their rules are Windows' (auto/manual reset, semaphore counts and
ERROR_TOO_MANY_POSTS, mutex ownership and recursion, ERROR_ALREADY_EXISTS for
an existing name) and waiting is exact for a single thread: a wait that is
satisfied returns at once, a timed wait sleeps its timeout and returns
WAIT_TIMEOUT, and an infinite wait that only another thread could end is
reported as a deadlock (see synch.deadlock) instead of hanging.  Named objects
are shared within the process only; sharing between processes needs the server.
"""
from __future__ import annotations

import time

from winelike import debug
from winelike.abi.types import BOOL, DWORD, HANDLE, LONG, LPCSTR, LPCWSTR, PTR
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, \
    ERROR_ALREADY_EXISTS
from winelike.handles import table
from . import dll
from .synch import deadlock

ch = debug.Channel("sync")

WAIT_OBJECT_0, WAIT_ABANDONED_0, WAIT_TIMEOUT, WAIT_FAILED = 0, 0x80, 0x102, 0xFFFFFFFF
INFINITE = 0xFFFFFFFF
ERROR_TOO_MANY_POSTS = 298
ERROR_NOT_OWNER = 288
ERROR_INVALID_NAME = 123
MAXIMUM_WAIT_OBJECTS = 64
CREATE_EVENT_MANUAL_RESET, CREATE_EVENT_INITIAL_SET = 1, 2
CREATE_MUTEX_INITIAL_OWNER = 1


class SyncObject:
    type_name = "?"

    def __init__(self, name):
        self.name = name
        self.refs = 0

    def signaled(self) -> bool:
        raise NotImplementedError

    def close(self):
        """The last handle is gone: the name goes with it, as on Windows."""
        if self.name:
            ns = _namespace()
            key = _key(self.name)
            if ns.get(key) is self:
                del ns[key]

    def satisfy(self):
        """A wait on this object succeeded: consume what it consumes."""


class Event(SyncObject):
    type_name = "Event"

    def __init__(self, name, manual, state):
        super().__init__(name)
        self.manual, self.state = manual, state

    def signaled(self):
        return self.state

    def satisfy(self):
        if not self.manual:
            self.state = False


class Semaphore(SyncObject):
    type_name = "Semaphore"

    def __init__(self, name, count, maximum):
        super().__init__(name)
        self.count, self.maximum = count, maximum

    def signaled(self):
        return self.count > 0

    def satisfy(self):
        self.count -= 1


class Mutex(SyncObject):
    type_name = "Mutant"

    def __init__(self, name, owner_tid):
        super().__init__(name)
        self.owner = owner_tid
        self.count = 1 if owner_tid else 0

    def signaled(self):
        return self.owner == 0 or self.owner == proc().tid

    def satisfy(self):
        self.owner = proc().tid
        self.count += 1


def _namespace():
    return proc().state.setdefault("named_objects", {})


def _key(name: str) -> str:
    """Object names are case-sensitive (as on Windows); the Local\\ and Global\\ prefixes are not."""
    low = name.lower()
    for prefix in ("local\\", "global\\"):
        if low.startswith(prefix):
            return name[len(prefix):]
    return name


def _create(kind, name, make, exists_ok=True):
    """Create or open-existing by name; returns a handle or 0 with the last error set."""
    p = proc()
    t = table(p)
    if name is not None:
        if "\\" in _key(name):
            set_last_error(3)      # ERROR_PATH_NOT_FOUND: only the Global\/Local\ prefixes are namespaces
            return 0
        obj = _namespace().get(_key(name)) if name else None
        if obj is not None:
            if not isinstance(obj, kind):
                set_last_error(6)  # ERROR_INVALID_HANDLE, as Windows answers for a type mismatch
                return 0
            h = t.add(obj)
            set_last_error(ERROR_ALREADY_EXISTS)
            return h
    obj = make()
    if name:
        _namespace()[_key(name)] = obj
    h = t.add(obj)
    set_last_error(0)
    return h


def _open(kind, name):
    if name is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    obj = _namespace().get(_key(name))
    if obj is None:
        set_last_error(2)          # ERROR_FILE_NOT_FOUND
        return 0
    if not isinstance(obj, kind):
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    return table(proc()).add(obj)


def _get(h, kind=SyncObject):
    obj = table(proc()).get(h)
    if obj is None or not isinstance(obj, kind):
        set_last_error(ERROR_INVALID_HANDLE)
        return None
    return obj


# ---- events -------------------------------------------------------------------

def create_event(name, manual, initial):
    return _create(Event, name, lambda: Event(name, bool(manual), bool(initial)))


@dll.stdcall
def CreateEventW(attrs: PTR, manual: BOOL, initial: BOOL, name: LPCWSTR) -> HANDLE:
    return create_event(name, manual, initial)


@dll.stdcall
def CreateEventA(attrs: PTR, manual: BOOL, initial: BOOL, name: LPCSTR) -> HANDLE:
    return create_event(name, manual, initial)


@dll.stdcall
def CreateEventExW(attrs: PTR, name: LPCWSTR, flags: DWORD, access: DWORD) -> HANDLE:
    return create_event(name, flags & CREATE_EVENT_MANUAL_RESET, flags & CREATE_EVENT_INITIAL_SET)


@dll.stdcall
def CreateEventExA(attrs: PTR, name: LPCSTR, flags: DWORD, access: DWORD) -> HANDLE:
    return create_event(name, flags & CREATE_EVENT_MANUAL_RESET, flags & CREATE_EVENT_INITIAL_SET)


@dll.stdcall
def OpenEventW(access: DWORD, inherit: BOOL, name: LPCWSTR) -> HANDLE:
    return _open(Event, name)


@dll.stdcall
def OpenEventA(access: DWORD, inherit: BOOL, name: LPCSTR) -> HANDLE:
    return _open(Event, name)


@dll.stdcall
def SetEvent(h: HANDLE) -> BOOL:
    ev = _get(h, Event)
    if ev is None:
        return 0
    ev.state = True
    return 1


@dll.stdcall
def ResetEvent(h: HANDLE) -> BOOL:
    ev = _get(h, Event)
    if ev is None:
        return 0
    ev.state = False
    return 1


@dll.stdcall
def PulseEvent(h: HANDLE) -> BOOL:
    # no thread can be waiting while the only thread runs this: the pulse wakes nobody
    ev = _get(h, Event)
    if ev is None:
        return 0
    ev.state = False
    return 1


# ---- semaphores ---------------------------------------------------------------

def create_semaphore(name, initial, maximum):
    if maximum <= 0 or initial < 0 or initial > maximum:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _create(Semaphore, name, lambda: Semaphore(name, initial, maximum))


@dll.stdcall
def CreateSemaphoreW(attrs: PTR, initial: LONG, maximum: LONG, name: LPCWSTR) -> HANDLE:
    return create_semaphore(name, initial, maximum)


@dll.stdcall
def CreateSemaphoreA(attrs: PTR, initial: LONG, maximum: LONG, name: LPCSTR) -> HANDLE:
    return create_semaphore(name, initial, maximum)


@dll.stdcall
def CreateSemaphoreExW(attrs: PTR, initial: LONG, maximum: LONG, name: LPCWSTR, flags: DWORD,
                       access: DWORD) -> HANDLE:
    return create_semaphore(name, initial, maximum)


@dll.stdcall
def OpenSemaphoreW(access: DWORD, inherit: BOOL, name: LPCWSTR) -> HANDLE:
    return _open(Semaphore, name)


@dll.stdcall
def ReleaseSemaphore(h: HANDLE, count: LONG, previous: PTR) -> BOOL:
    sem = _get(h, Semaphore)
    if sem is None:
        return 0
    if count < 0 or sem.count + count > sem.maximum:
        set_last_error(ERROR_TOO_MANY_POSTS)
        return 0
    if previous:
        proc().mem.w32(previous, sem.count)
    sem.count += count
    return 1


# ---- mutexes ------------------------------------------------------------------

def create_mutex(name, owned):
    tid = proc().tid
    h = _create(Mutex, name, lambda: Mutex(name, tid if owned else 0))
    return h


@dll.stdcall
def CreateMutexW(attrs: PTR, owned: BOOL, name: LPCWSTR) -> HANDLE:
    return create_mutex(name, owned)


@dll.stdcall
def CreateMutexA(attrs: PTR, owned: BOOL, name: LPCSTR) -> HANDLE:
    return create_mutex(name, owned)


@dll.stdcall
def CreateMutexExW(attrs: PTR, name: LPCWSTR, flags: DWORD, access: DWORD) -> HANDLE:
    return create_mutex(name, flags & CREATE_MUTEX_INITIAL_OWNER)


@dll.stdcall
def OpenMutexW(access: DWORD, inherit: BOOL, name: LPCWSTR) -> HANDLE:
    return _open(Mutex, name)


@dll.stdcall
def ReleaseMutex(h: HANDLE) -> BOOL:
    m = _get(h, Mutex)
    if m is None:
        return 0
    if m.owner != proc().tid or m.count == 0:
        set_last_error(ERROR_NOT_OWNER)
        return 0
    m.count -= 1
    if m.count == 0:
        m.owner = 0
    return 1


# ---- waiting ------------------------------------------------------------------

def _pseudo(h):
    p = proc()
    mask = (1 << p.bits) - 1
    return h & mask in (mask, mask - 1)


def wait(func, handles, wait_all, ms):
    objs = []
    for h in handles:
        if _pseudo(h):
            objs.append(None)     # the current process/thread: signalled only when it has ended
            continue
        obj = table(proc()).get(h)
        if obj is None or not isinstance(obj, SyncObject):
            set_last_error(ERROR_INVALID_HANDLE)
            return WAIT_FAILED
        objs.append(obj)
    ready = [o is not None and o.signaled() for o in objs]
    if wait_all:
        if all(ready):
            for o in dict.fromkeys(objs):
                o.satisfy()
            return WAIT_OBJECT_0
    else:
        for i, r in enumerate(ready):
            if r:
                objs[i].satisfy()
                return WAIT_OBJECT_0 + i
    if ms == INFINITE:
        names = ", ".join(f"{o.type_name} {h:#x}" if o else f"self {h:#x}" for o, h in zip(objs, handles))
        deadlock(func, f"waiting forever on {names}")
    if ms:
        time.sleep(ms / 1000.0)
    return WAIT_TIMEOUT


@dll.stdcall
def WaitForSingleObject(h: HANDLE, ms: DWORD) -> DWORD:
    return wait("WaitForSingleObject", [h], False, ms)


@dll.stdcall
def WaitForSingleObjectEx(h: HANDLE, ms: DWORD, alertable: BOOL) -> DWORD:
    return wait("WaitForSingleObjectEx", [h], False, ms)


def _wait_multiple(func, count, handles, wait_all, ms):
    if count == 0 or count > MAXIMUM_WAIT_OBJECTS:
        set_last_error(ERROR_INVALID_PARAMETER)
        return WAIT_FAILED
    p = proc()
    hs = [p.mem.ptr(handles + i * p.ptr_size) for i in range(count)]
    return wait(func, hs, bool(wait_all), ms)


@dll.stdcall
def WaitForMultipleObjects(count: DWORD, handles: PTR, wait_all: BOOL, ms: DWORD) -> DWORD:
    return _wait_multiple("WaitForMultipleObjects", count, handles, wait_all, ms)


@dll.stdcall
def WaitForMultipleObjectsEx(count: DWORD, handles: PTR, wait_all: BOOL, ms: DWORD, alertable: BOOL) -> DWORD:
    return _wait_multiple("WaitForMultipleObjectsEx", count, handles, wait_all, ms)
