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
    promoted = False          # moved into the server: waits on it here must start over

    def __init__(self, name):
        self.name = name
        self.refs = 0

    def signaled(self, t) -> bool:
        raise NotImplementedError

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
        self.apc = None                  # (thread, routine, arg): queued to the thread when it fires

    def _update(self):
        if self.due is not None and time.monotonic() >= self.due:
            self.state = True
            if self.apc is not None:
                t, routine, arg = self.apc
                if t.exit_code is None:
                    ft = int(time.time() * 1e7) + 116444736000000000
                    t.apcs.append((routine, (arg, ft & 0xFFFFFFFF, ft >> 32)))
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


# ---- where a handle's object lives ---------------------------------------------------

EVENT_ALL_ACCESS, MUTEX_ALL_ACCESS, SEMAPHORE_ALL_ACCESS, TIMER_ALL_ACCESS = 0x1F0003, 0x1F0001, 0x1F0003, 0x1F0003
THREAD_ALL_ACCESS = 0x1FFFFF
DUPLICATE_CLOSE_SOURCE, DUPLICATE_SAME_ACCESS = 1, 2
CURRENT_PROCESS, CURRENT_THREAD = 0xFFFFFFFF, 0xFFFFFFFE     # as the server spells the pseudo-handles


def is_server_handle(h: int) -> bool:
    """A value to ask the server about: not in the local table (the caller looked), not a
    pseudo-handle, and this process is known to the server (no server handle can exist
    before that).  The server allocates multiples of 8; values 8k+4 get there when a local
    object moves in or a child inherits it."""
    h &= 0xFFFFFFFF
    return h != 0 and h & 3 == 0 and h < 0xFFFFFFF0 and proc().server_registered


_DEFS: dict = {}


def server_call(req: str, **fields):
    """A request on behalf of the calling thread; None with the last error set when it fails."""
    from winelike.dlls.winapi import server
    r = server().call(req, **fields)
    if r.error:
        set_last_error(r.error)
        return None
    return r


def server_call_fixed(req: str, *values):
    """server_call for a request of fixed fields only, given in their order: the hot path
    of SetEvent, ReleaseMutex and the like (no dict, one struct each way)."""
    defn = _DEFS.get(req)
    if defn is None:
        from winelike.server.protocol import BY_NAME     # not at import: hello.exe never needs it
        defn = _DEFS[req] = BY_NAME[req]
    r = proc().server().call_fixed(defn, *values)
    if r.error:
        set_last_error(r.error)
        return None
    return r


# Exports the compiled trap may make itself for a server handle (winelike/cpu/fasttrap_build.py,
# "Server requests in C"): one handle in, BOOL out, nothing else done here for a server handle.
FAST_SERVER_EXPORTS = {"SetEvent": "set_event", "ResetEvent": "reset_event", "PulseEvent": "pulse_event",
                       "ReleaseMutex": "release_mutex"}


def fast_server_ops(p) -> list:
    """[(thunk address, opcode, reply frame length)] for Cpu.server_fast_path; none while
    relay tracing is on (it must see every call)."""
    if debug.on("trace", "relay"):
        return []
    from winelike.server.protocol import BY_NAME
    ops = []
    for addr, exp in p.exports_info.items():
        req = FAST_SERVER_EXPORTS.get(exp.name)
        if req is not None and exp.dll is dll:
            defn = BY_NAME[req]
            assert [t.code for _, t in defn.req_fields] == ["I"] and not defn.reply_var
            ops.append((addr, defn.opcode, defn.reply_frame.size))
    return ops


def inherit_flag(attrs: int) -> bool:
    """SECURITY_ATTRIBUTES.bInheritHandle."""
    if not attrs:
        return False
    p = proc()
    return bool(p.mem.u32(attrs + 2 * p.ptr_size))


def _create(kind, name, make, req, access, attrs=0, **fields):
    """A named object lives in the server (other processes may open it); an unnamed one here.

    A child process (CreateProcess made it, so a parent holds its process handle and may
    DuplicateHandle out of it) keeps all its objects in the server, as Windows does.
    """
    p = proc()
    inherit = inherit_flag(attrs)
    full = {"create_event": EVENT_ALL_ACCESS, "create_semaphore": SEMAPHORE_ALL_ACCESS,
            "create_mutex": MUTEX_ALL_ACCESS, "create_timer": TIMER_ALL_ACCESS}[req]
    # local handles carry no access mask: a handle with less than full access is the server's
    if name or p.parent_pid or (access & full) != full:
        from winelike.dlls.winapi import server
        r = server().call(req, access=access, inherit=inherit, name=name or "", **fields)
        set_last_error(r.error)
        return r.handle if r.error in (0, ERROR_ALREADY_EXISTS) else 0
    h = table(p).add(make(), inherit)
    set_last_error(0)
    return h


def _open(req, access, inherit, name):
    if name is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    r = server_call(req, access=access, inherit=bool(inherit), name=name)
    return 0 if r is None else r.handle


def _get(h, kind=SyncObject):
    """The local object behind h; for a server handle the int value; None (last error set) if neither."""
    obj = table(proc()).get(h)
    if obj is not None:
        if isinstance(obj, kind):
            return obj
    elif is_server_handle(h):
        return h & 0xFFFFFFFF
    set_last_error(ERROR_INVALID_HANDLE)
    return None


def promote(obj) -> bool:
    """Move a local object into the server, at the handle values the program holds.

    Done when another process must see it or a wait mixes it with server objects.
    Threads waiting on it here are woken and redo their wait through the server.
    """
    p = proc()
    t = table(p)
    from winelike.dlls.winapi import server
    conn = server()
    if isinstance(obj, Event):
        r = conn.call("create_event", access=EVENT_ALL_ACCESS, manual_reset=obj.manual, initial_state=obj.state)
    elif isinstance(obj, Semaphore):
        r = conn.call("create_semaphore", access=SEMAPHORE_ALL_ACCESS, initial=obj.count, max=obj.maximum)
    elif isinstance(obj, Mutex):
        owner = obj.owner
        if owner is not None:
            p.server_for(owner)
        r = conn.call("create_mutex", access=MUTEX_ALL_ACCESS, owned=owner is not None,
                      owner=owner.tid if owner is not None else 0, count=obj.count, abandoned=obj.abandoned)
        if r.error == 0 and owner is not None:
            owner_mutexes(owner).remove(obj)
    elif isinstance(obj, ThreadObject):
        th = obj.thread
        if th.exit_code is None:
            p.server_for(th)
            r = conn.call("open_thread", tid=th.tid, access=THREAD_ALL_ACCESS)
        else:                         # already gone: a signalled stand-in
            r = conn.call("create_event", access=EVENT_ALL_ACCESS, manual_reset=1, initial_state=1)
    else:
        ch.fixme("promote", f"a {type(obj).__name__} cannot be shared with the server")
        return False
    if r.error:
        set_last_error(r.error)
        return False
    hs = t.handles_of(obj)
    for i, h in enumerate(hs):
        last = i == len(hs) - 1
        conn.call("dup_handle", src_process=CURRENT_PROCESS, src_handle=r.handle, dst_process=CURRENT_PROCESS,
                  options=DUPLICATE_SAME_ACCESS | (DUPLICATE_CLOSE_SOURCE if last else 0), at=h,
                  inherit=h in t.inherit)
        t.remove(h)
    if not hs:
        conn.call("close_handle", handle=r.handle)
    obj.promoted = True
    p.sched.notify(obj)
    return True


def close_handle(h: int) -> bool:
    p = proc()
    if table(p).close(h):
        return True
    if is_server_handle(h):
        return server_call("close_handle", handle=h & 0xFFFFFFFF) is not None
    set_last_error(ERROR_INVALID_HANDLE)
    return False


# ---- events -------------------------------------------------------------------

def create_event(name, manual, initial, attrs=0, access=EVENT_ALL_ACCESS):
    return _create(Event, name, lambda: Event(name, bool(manual), bool(initial)), "create_event", access, attrs,
                   manual_reset=bool(manual), initial_state=bool(initial))


@dll.stdcall
def CreateEventW(attrs: PTR, manual: BOOL, initial: BOOL, name: LPCWSTR) -> HANDLE:
    return create_event(name, manual, initial, attrs)


@dll.stdcall
def CreateEventA(attrs: PTR, manual: BOOL, initial: BOOL, name: LPCSTR) -> HANDLE:
    return create_event(name, manual, initial, attrs)


@dll.stdcall
def CreateEventExW(attrs: PTR, name: LPCWSTR, flags: DWORD, access: DWORD) -> HANDLE:
    return create_event(name, flags & CREATE_EVENT_MANUAL_RESET, flags & CREATE_EVENT_INITIAL_SET, attrs,
                        access or EVENT_ALL_ACCESS)


@dll.stdcall
def CreateEventExA(attrs: PTR, name: LPCSTR, flags: DWORD, access: DWORD) -> HANDLE:
    return CreateEventExW(attrs, name, flags, access)


@dll.stdcall
def OpenEventW(access: DWORD, inherit: BOOL, name: LPCWSTR) -> HANDLE:
    return _open("open_event", access, inherit, name)


@dll.stdcall
def OpenEventA(access: DWORD, inherit: BOOL, name: LPCSTR) -> HANDLE:
    return _open("open_event", access, inherit, name)


def _event_op(h, req, local):
    ev = _get(h, Event)
    if ev is None:
        return 0
    if isinstance(ev, int):
        return int(server_call_fixed(req, ev) is not None)
    local(ev)
    return 1


def _set(ev):
    ev.state = True
    proc().sched.notify(ev)


def _reset(ev):
    ev.state = False


def _pulse(ev):
    # release the threads waiting now (one for an auto-reset event), then reset
    p = proc()
    waiting = [t for t in p.sched.waiters.get(ev, ())]
    for t in waiting[:None if ev.manual else 1]:
        t.pulsed = ev
    p.sched.notify(ev)
    ev.state = False


@dll.stdcall
def SetEvent(h: HANDLE) -> BOOL:
    return _event_op(h, "set_event", _set)


@dll.stdcall
def ResetEvent(h: HANDLE) -> BOOL:
    return _event_op(h, "reset_event", _reset)


@dll.stdcall
def PulseEvent(h: HANDLE) -> BOOL:
    return _event_op(h, "pulse_event", _pulse)


# ---- semaphores ---------------------------------------------------------------

def create_semaphore(name, initial, maximum, attrs=0, access=SEMAPHORE_ALL_ACCESS):
    if maximum <= 0 or initial < 0 or initial > maximum:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _create(Semaphore, name, lambda: Semaphore(name, initial, maximum), "create_semaphore", access, attrs,
                   initial=initial, max=maximum)


@dll.stdcall
def CreateSemaphoreW(attrs: PTR, initial: LONG, maximum: LONG, name: LPCWSTR) -> HANDLE:
    return create_semaphore(name, initial, maximum, attrs)


@dll.stdcall
def CreateSemaphoreA(attrs: PTR, initial: LONG, maximum: LONG, name: LPCSTR) -> HANDLE:
    return create_semaphore(name, initial, maximum, attrs)


@dll.stdcall
def CreateSemaphoreExW(attrs: PTR, initial: LONG, maximum: LONG, name: LPCWSTR, flags: DWORD,
                       access: DWORD) -> HANDLE:
    return create_semaphore(name, initial, maximum, attrs, access or SEMAPHORE_ALL_ACCESS)


@dll.stdcall
def OpenSemaphoreW(access: DWORD, inherit: BOOL, name: LPCWSTR) -> HANDLE:
    return _open("open_semaphore", access, inherit, name)


@dll.stdcall
def OpenSemaphoreA(access: DWORD, inherit: BOOL, name: LPCSTR) -> HANDLE:
    return _open("open_semaphore", access, inherit, name)


@dll.stdcall
def ReleaseSemaphore(h: HANDLE, count: LONG, previous: PTR) -> BOOL:
    sem = _get(h, Semaphore)
    if sem is None:
        return 0
    p = proc()
    if isinstance(sem, int):
        r = server_call("release_semaphore", handle=sem, count=count)
        if r is None:
            return 0
        if previous:
            p.mem.w32(previous, r.prev_count)
        return 1
    if count < 0 or sem.count + count > sem.maximum:
        set_last_error(ERROR_TOO_MANY_POSTS)
        return 0
    if previous:
        p.mem.w32(previous, sem.count)
    sem.count += count
    p.sched.notify(sem)
    return 1


# ---- mutexes ------------------------------------------------------------------

def create_mutex(name, owned, attrs=0, access=MUTEX_ALL_ACCESS):
    t = proc().thread
    return _create(Mutex, name, lambda: Mutex(name, t if owned else None), "create_mutex", access, attrs,
                   owned=bool(owned))


@dll.stdcall
def CreateMutexW(attrs: PTR, owned: BOOL, name: LPCWSTR) -> HANDLE:
    return create_mutex(name, owned, attrs)


@dll.stdcall
def CreateMutexA(attrs: PTR, owned: BOOL, name: LPCSTR) -> HANDLE:
    return create_mutex(name, owned, attrs)


@dll.stdcall
def CreateMutexExW(attrs: PTR, name: LPCWSTR, flags: DWORD, access: DWORD) -> HANDLE:
    return create_mutex(name, flags & CREATE_MUTEX_INITIAL_OWNER, attrs, access or MUTEX_ALL_ACCESS)


@dll.stdcall
def CreateMutexExA(attrs: PTR, name: LPCSTR, flags: DWORD, access: DWORD) -> HANDLE:
    return CreateMutexExW(attrs, name, flags, access)


@dll.stdcall
def OpenMutexW(access: DWORD, inherit: BOOL, name: LPCWSTR) -> HANDLE:
    return _open("open_mutex", access, inherit, name)


@dll.stdcall
def OpenMutexA(access: DWORD, inherit: BOOL, name: LPCSTR) -> HANDLE:
    return _open("open_mutex", access, inherit, name)


@dll.stdcall
def ReleaseMutex(h: HANDLE) -> BOOL:
    m = _get(h, Mutex)
    if m is None:
        return 0
    if isinstance(m, int):
        return int(server_call_fixed("release_mutex", m) is not None)
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


RETRY = -1


def wait(func, handles, wait_all, ms, alertable=False):
    p = proc()
    t = p.thread
    while True:
        objs = []
        remote = False
        for h in handles:
            if _pseudo(h):
                objs.append(_Self(None))
                continue
            obj = table(p).get(h)
            if obj is None and is_server_handle(h):
                obj, remote = h & 0xFFFFFFFF, True
            elif obj is None or not isinstance(obj, SyncObject):
                set_last_error(ERROR_INVALID_HANDLE)
                return WAIT_FAILED
            objs.append(obj)
        if remote:
            return _server_wait(func, p, handles, objs, wait_all, ms, alertable)
        r = _local_wait(func, p, t, handles, objs, wait_all, ms, alertable)
        if r != RETRY:
            return r


def _server_wait(func, p, handles, objs, wait_all, ms, alertable):
    """Some handles name server objects: move the local ones there too, and wait in the server."""
    for o in dict.fromkeys(o for o in objs if isinstance(o, SyncObject) and not isinstance(o, _Self)):
        if not promote(o):
            return WAIT_FAILED
    mask = 0xFFFFFFFF
    hs = [CURRENT_PROCESS if (h & ((1 << p.bits) - 1)) == (1 << p.bits) - 1 else
          CURRENT_THREAD if _pseudo(h) else h & mask for h in handles]
    from winelike.dlls.winapi import server
    conn = server()
    end = None if ms == INFINITE else time.monotonic() + ms / 1000.0
    while True:
        if alertable and p.thread.apcs:
            run_apcs()
            return WAIT_IO_COMPLETION
        timeout = (1 << 64) - 1 if end is None else max(0, int((end - time.monotonic()) * 10_000_000))
        flags = (1 if wait_all else 0) | (2 if alertable else 0)         # SELECT_ALL, SELECT_ALERTABLE
        if timeout == 0:        # a poll, which the server answers at once: keep the CPU
            r = conn.call("select", flags=flags, timeout=0, handles=hs)
        else:
            with p.blocking():
                r = conn.call("select", flags=flags, timeout=timeout, handles=hs)
        if r.error:
            set_last_error(r.error)
            return WAIT_FAILED
        if r.result != WAIT_IO_COMPLETION:
            return r.result
        # QueueUserAPC said so (alert_thread); with the APCs already run by another alertable
        # wait of ours, the alert is stale: wait again for what is left of the timeout


def _local_wait(func, p, t, handles, objs, wait_all, ms, alertable):
    result = []
    t.pulsed = None

    def ready():
        if any(o.promoted for o in objs):
            result.append(RETRY)
            return True
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

    end = None if ms == INFINITE else time.monotonic() + ms / 1000.0

    def next_ms():
        """Until the user's timeout or the next timer among the objects fires, whichever is first."""
        now = time.monotonic()
        points = [d for d in (o.deadline() for o in objs) if d is not None]
        if end is not None:
            points.append(end)
        if not points:
            return INFINITE
        return max(0, int((min(points) - now) * 1000) + 1)

    def what():
        return "waiting forever on " + ", ".join(f"{o.type_name} {h:#x}" for o, h in zip(objs, handles))

    while True:
        r = block(func, what, tuple(dict.fromkeys(objs)), ready, next_ms(), alertable)
        if r == OK:
            t.pulsed = None
            return result[0]
        if r == ALERTED:
            run_apcs()
            return WAIT_IO_COMPLETION
        if end is not None and time.monotonic() >= end:
            if ready():          # a last look, as the timeout and a signal may coincide
                t.pulsed = None
                return result[0]
            return WAIT_TIMEOUT


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


@dll.stdcall
def SignalObjectAndWait(signal: HANDLE, wait_on: HANDLE, ms: DWORD, alertable: BOOL) -> DWORD:
    obj = table(proc()).get(signal)
    if obj is None and not is_server_handle(signal):
        set_last_error(ERROR_INVALID_HANDLE)
        return WAIT_FAILED
    if isinstance(obj, Event) or obj is None and is_server_handle(signal):
        ok = SetEvent(signal)
    elif isinstance(obj, Semaphore):
        ok = ReleaseSemaphore(signal, 1, 0)
    elif isinstance(obj, Mutex):
        ok = ReleaseMutex(signal)
    else:
        set_last_error(ERROR_INVALID_HANDLE)
        return WAIT_FAILED
    if not ok:
        return WAIT_FAILED
    return wait("SignalObjectAndWait", [wait_on], False, ms, bool(alertable))


# ---- waitable timers --------------------------------------------------------------

def create_timer(name, manual, attrs=0, access=TIMER_ALL_ACCESS):
    return _create(Timer, name, lambda: Timer(name, bool(manual)), "create_timer", access, attrs,
                   manual_reset=bool(manual))


@dll.stdcall
def CreateWaitableTimerW(attrs: PTR, manual: BOOL, name: LPCWSTR) -> HANDLE:
    return create_timer(name, manual, attrs)


@dll.stdcall
def CreateWaitableTimerA(attrs: PTR, manual: BOOL, name: LPCSTR) -> HANDLE:
    return create_timer(name, manual, attrs)


@dll.stdcall
def CreateWaitableTimerExW(attrs: PTR, name: LPCWSTR, flags: DWORD, access: DWORD) -> HANDLE:
    return create_timer(name, flags & CREATE_WAITABLE_TIMER_MANUAL_RESET, attrs, access or TIMER_ALL_ACCESS)


@dll.stdcall
def OpenWaitableTimerW(access: DWORD, inherit: BOOL, name: LPCWSTR) -> HANDLE:
    return _open("open_timer", access, inherit, name)


@dll.stdcall
def OpenWaitableTimerA(access: DWORD, inherit: BOOL, name: LPCSTR) -> HANDLE:
    return _open("open_timer", access, inherit, name)


@dll.stdcall
def SetWaitableTimer(h: HANDLE, due_ptr: PTR, period: LONG, routine: PTR, arg: PTR, resume: BOOL) -> BOOL:
    timer = _get(h, Timer)
    if timer is None:
        return 0
    if period < 0:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    p = proc()
    due = p.mem.u64(due_ptr)
    due -= (1 << 64) if due >> 63 else 0
    if isinstance(timer, int):
        if routine:
            ch.fixme("SetWaitableTimer", "completion routines of named timers are not queued")
        return int(server_call("set_timer", handle=timer, due=due, period=period) is not None)
    timer.apc = (p.thread, routine, arg) if routine else None
    from .timeapi import EPOCH_DIFF as FILETIME_UNIX_EPOCH
    now = time.monotonic()
    if due < 0:
        when = now + (-due) / 1e7
    else:
        when = now + max(0.0, (due - FILETIME_UNIX_EPOCH) / 1e7 - time.time())
    timer.state = False
    timer.due = when
    timer.period = period / 1000.0
    p.sched.notify(timer)
    return 1


@dll.stdcall
def CancelWaitableTimer(h: HANDLE) -> BOOL:
    timer = _get(h, Timer)
    if timer is None:
        return 0
    if isinstance(timer, int):
        return int(server_call("cancel_timer", handle=timer) is not None)
    timer.due = None
    return 1


# ---- handles ------------------------------------------------------------------

HANDLE_FLAG_INHERIT = 1


def _is_self_process(h: int) -> bool:
    p = proc()
    mask = (1 << p.bits) - 1
    if h & mask == mask:
        return True
    if is_server_handle(h) and p.server_registered:
        r = server_call("get_process_info", handle=h & 0xFFFFFFFF)
        return r is not None and r.pid == p.pid
    return False


@dll.stdcall
def DuplicateHandle(src_proc: HANDLE, src: HANDLE, dst_proc: HANDLE, out: PTR, access: DWORD, inherit: BOOL,
                    options: DWORD) -> BOOL:
    p = proc()
    t = table(p)
    mask = (1 << p.bits) - 1
    same = _is_self_process(src_proc) and _is_self_process(dst_proc)
    obj = t.get(src) if _is_self_process(src_proc) else None
    if src & mask == mask - 1 and _is_self_process(src_proc):      # GetCurrentThread(): a real handle
        from .thread import thread_object
        obj = thread_object(p.thread)
        if same:
            h = t.add(obj, bool(inherit))
            if out:
                p.mem.wptr(out, h)
            return 1
    if obj is not None and same and (options & DUPLICATE_SAME_ACCESS or not isinstance(obj, SyncObject)):
        # a local object duplicated with the same access stays local (access masks live in the server)
        h = t.add(obj, bool(inherit))
        if options & DUPLICATE_CLOSE_SOURCE:
            t.close(src)
        if out:
            p.mem.wptr(out, h)
        return 1
    if obj is not None:
        if not isinstance(obj, SyncObject) or not promote(obj):
            if not isinstance(obj, SyncObject):
                ch.fixme("DuplicateHandle", f"a {type(obj).__name__} handle cannot go through the server")
                set_last_error(50)        # ERROR_NOT_SUPPORTED
            return 0
    elif not (is_server_handle(src) or src & mask in (mask, mask - 1)):
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    def srv(h):
        return CURRENT_PROCESS if h & mask == mask else CURRENT_THREAD if h & mask == mask - 1 else h & 0xFFFFFFFF
    r = server_call("dup_handle", src_process=srv(src_proc), src_handle=srv(src), dst_process=srv(dst_proc),
                    access=access, inherit=bool(inherit), options=options)
    if r is None:
        return 0
    if out:
        p.mem.wptr(out, r.handle)
    return 1


@dll.stdcall
def GetHandleInformation(h: HANDLE, flags: PTR) -> BOOL:
    p = proc()
    t = table(p)
    if t.get(h) is not None:
        p.mem.w32(flags, HANDLE_FLAG_INHERIT if (h & 0xFFFFFFFF) in t.inherit else 0)
        return 1
    if not is_server_handle(h):
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    r = server_call("get_handle_info", handle=h & 0xFFFFFFFF)
    if r is None:
        return 0
    p.mem.w32(flags, r.flags)
    return 1


@dll.stdcall
def SetHandleInformation(h: HANDLE, mask: DWORD, flags: DWORD) -> BOOL:
    p = proc()
    t = table(p)
    if t.get(h) is not None:
        if mask & HANDLE_FLAG_INHERIT:
            (t.inherit.add if flags & HANDLE_FLAG_INHERIT else t.inherit.discard)(h & 0xFFFFFFFF)
        return 1
    if not is_server_handle(h):
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    return int(server_call("set_handle_info", handle=h & 0xFFFFFFFF, mask=mask, flags=flags) is not None)
