"""Events, semaphores, mutexes, waitable timers, thread objects, and waiting on them.

Objects that only this process uses live here, in the process's handle table, and
waits on them never leave the process: a thread that must wait blocks in the
scheduler (winelike.sched) on the objects themselves as keys, and whatever signals
an object notifies its key.  Only one guest thread runs at a time, so testing and
consuming an object's state is atomic.

The rules are Windows': auto/manual reset, PulseEvent, semaphore counts and
ERROR_TOO_MANY_POSTS, mutex ownership per thread, recursion and abandonment
(WAIT_ABANDONED when its owner ended), WaitForMultipleObjects any/all.
"""
from __future__ import annotations

import time

from winelike import debug
from winelike.abi.types import BOOL, DWORD, HANDLE, LONG, LONGLONG, LPCSTR, LPCWSTR, PTR
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, \
    ERROR_ALREADY_EXISTS
from winelike.handles import table
from . import dll
from .synch import block, run_apcs, OK, ALERTED, WAIT_IO_COMPLETION

ch = debug.Channel("sync")

WAIT_OBJECT_0, WAIT_ABANDONED_0, WAIT_TIMEOUT, WAIT_FAILED = 0, 0x80, 0x102, 0xFFFFFFFF
INFINITE = 0xFFFFFFFF
ERROR_TOO_MANY_POSTS = 298
ERROR_NOT_OWNER = 288
ERROR_INVALID_NAME = 123
MAXIMUM_WAIT_OBJECTS = 64
CREATE_EVENT_MANUAL_RESET, CREATE_EVENT_INITIAL_SET = 1, 2
CREATE_MUTEX_INITIAL_OWNER = 1
CREATE_WAITABLE_TIMER_MANUAL_RESET = 1


class SyncObject:
    type_name = "?"

    def __init__(self, name):
        self.name = name
        self.refs = 0

    def signaled(self, t) -> bool:
        raise NotImplementedError

    def close(self):
        """The last handle is gone: the name goes with it, as on Windows."""
        if self.name:
            ns = _namespace()
            key = _key(self.name)
            if ns.get(key) is self:
                del ns[key]

    def satisfy(self, t) -> bool:
        """A wait of thread t on this object succeeded: consume what it consumes; True if abandoned."""
        return False

    def deadline(self):
        """When the object becomes signalled by itself (a timer), as a time.monotonic() value."""
        return None


class Event(SyncObject):
    type_name = "Event"

    def __init__(self, name, manual, state):
        super().__init__(name)
        self.manual, self.state = manual, state

    def signaled(self, t):
        return self.state

    def satisfy(self, t):
        if not self.manual:
            self.state = False
        return False


class Semaphore(SyncObject):
    type_name = "Semaphore"

    def __init__(self, name, count, maximum):
        super().__init__(name)
        self.count, self.maximum = count, maximum

    def signaled(self, t):
        return self.count > 0

    def satisfy(self, t):
        self.count -= 1
        return False


class Mutex(SyncObject):
    type_name = "Mutant"

    def __init__(self, name, owner):
        super().__init__(name)
        self.owner = owner               # a Thread, or None
        self.count = 1 if owner is not None else 0
        self.abandoned = False
        if owner is not None:
            owner_mutexes(owner).append(self)

    def signaled(self, t):
        return self.owner is None or self.owner is t

    def satisfy(self, t):
        if self.owner is None:
            self.owner = t
            owner_mutexes(t).append(self)
        self.count += 1
        abandoned, self.abandoned = self.abandoned, False
        return abandoned


class Timer(SyncObject):
    type_name = "Timer"

    def __init__(self, name, manual):
        super().__init__(name)
        self.manual = manual
        self.due = None                  # time.monotonic() when it fires, or None (inactive)
        self.period = 0.0
        self.state = False

    def _update(self):
        if self.due is not None and time.monotonic() >= self.due:
            self.state = True
            if self.period:
                while self.due <= time.monotonic():
                    self.due += self.period
            else:
                self.due = None

    def signaled(self, t):
        self._update()
        return self.state

    def satisfy(self, t):
        if not self.manual:
            self.state = False
        return False

    def deadline(self):
        return self.due


class ThreadObject(SyncObject):
    """What a thread handle refers to: signalled once the thread has ended."""
    type_name = "Thread"

    def __init__(self, thread):
        super().__init__(None)
        self.thread = thread

    def signaled(self, t):
        return self.thread.exit_code is not None


def owner_mutexes(t) -> list:
    m = getattr(t, "mutexes", None)
    if m is None:
        m = t.mutexes = []
    return m


def abandon_mutexes(p, t):
    """A thread ended: the mutexes it owned become free and abandoned; its handle is signalled."""
    for m in owner_mutexes(t):
        if m.owner is t:
            m.owner, m.count, m.abandoned = None, 0, True
            p.sched.notify(m)
    t.mutexes = []
    if t.handle_obj is not None:
        p.sched.notify(t.handle_obj)


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
    proc().sched.notify(ev)
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
    # release the threads waiting now (one for an auto-reset event), then reset
    ev = _get(h, Event)
    if ev is None:
        return 0
    p = proc()
    waiting = [t for t in p.sched.waiters.get(ev, ())]
    for t in waiting[:None if ev.manual else 1]:
        t.pulsed = ev
    p.sched.notify(ev)
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
    proc().sched.notify(sem)
    return 1


# ---- mutexes ------------------------------------------------------------------

def create_mutex(name, owned):
    t = proc().thread
    h = _create(Mutex, name, lambda: Mutex(name, t if owned else None))
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
    p = proc()
    t = p.thread
    if m.owner is not t or m.count == 0:
        set_last_error(ERROR_NOT_OWNER)
        return 0
    m.count -= 1
    if m.count == 0:
        m.owner = None
        owner_mutexes(t).remove(m)
        p.sched.notify(m)
    return 1


# ---- waiting ------------------------------------------------------------------

def _pseudo(h):
    p = proc()
    mask = (1 << p.bits) - 1
    return h & mask in (mask, mask - 1)


class _Self(SyncObject):
    """GetCurrentProcess()/GetCurrentThread() in a wait: signalled only once it has ended."""
    type_name = "self"

    def signaled(self, t):
        return False


def wait(func, handles, wait_all, ms, alertable=False):
    p = proc()
    t = p.thread
    objs = []
    for h in handles:
        if _pseudo(h):
            objs.append(_Self(None))
            continue
        obj = table(p).get(h)
        if obj is None or not isinstance(obj, SyncObject):
            set_last_error(ERROR_INVALID_HANDLE)
            return WAIT_FAILED
        objs.append(obj)
    result = []
    t.pulsed = None

    def ready():
        pulsed = t.pulsed
        if wait_all:
            if all(o.signaled(t) or o is pulsed for o in objs):
                abandoned = False
                for o in dict.fromkeys(objs):
                    abandoned |= o.satisfy(t)
                result.append(WAIT_ABANDONED_0 if abandoned else WAIT_OBJECT_0)
                return True
            return False
        for i, o in enumerate(objs):
            if o is pulsed or o.signaled(t):
                result.append((WAIT_ABANDONED_0 if o.satisfy(t) else WAIT_OBJECT_0) + i)
                return True
        return False

    deadlines = [d for d in (o.deadline() for o in objs) if d is not None]
    if deadlines and ms == INFINITE:
        ms = max(0, int((min(deadlines) - time.monotonic()) * 1000) + 1)
        timer_bound = True
    else:
        timer_bound = False

    def what():
        return "waiting forever on " + ", ".join(f"{o.type_name} {h:#x}" for o, h in zip(objs, handles))

    while True:
        r = block(func, what, tuple(dict.fromkeys(objs)), ready, ms, alertable)
        if r == OK:
            t.pulsed = None
            return result[0]
        if r == ALERTED:
            run_apcs()
            return WAIT_IO_COMPLETION
        if not timer_bound:
            return WAIT_TIMEOUT
        deadlines = [d for d in (o.deadline() for o in objs) if d is not None]
        ms = max(0, int((min(deadlines) - time.monotonic()) * 1000) + 1) if deadlines else INFINITE
        timer_bound = bool(deadlines)


@dll.stdcall
def WaitForSingleObject(h: HANDLE, ms: DWORD) -> DWORD:
    return wait("WaitForSingleObject", [h], False, ms)


@dll.stdcall
def WaitForSingleObjectEx(h: HANDLE, ms: DWORD, alertable: BOOL) -> DWORD:
    return wait("WaitForSingleObjectEx", [h], False, ms, bool(alertable))


def _wait_multiple(func, count, handles, wait_all, ms, alertable=False):
    if count == 0 or count > MAXIMUM_WAIT_OBJECTS:
        set_last_error(ERROR_INVALID_PARAMETER)
        return WAIT_FAILED
    p = proc()
    hs = [p.mem.ptr(handles + i * p.ptr_size) for i in range(count)]
    return wait(func, hs, bool(wait_all), ms, alertable)


@dll.stdcall
def WaitForMultipleObjects(count: DWORD, handles: PTR, wait_all: BOOL, ms: DWORD) -> DWORD:
    return _wait_multiple("WaitForMultipleObjects", count, handles, wait_all, ms)


@dll.stdcall
def WaitForMultipleObjectsEx(count: DWORD, handles: PTR, wait_all: BOOL, ms: DWORD, alertable: BOOL) -> DWORD:
    return _wait_multiple("WaitForMultipleObjectsEx", count, handles, wait_all, ms, bool(alertable))
