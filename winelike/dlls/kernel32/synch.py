"""In-process synchronisation: critical sections, SRW locks, condition variables, InitOnce,
Sleep, Interlocked*.

All state lives in guest memory, in the objects' own fields as Windows keeps
them (CRITICAL_SECTION's LockCount/RecursionCount/OwningThread, the SRWLOCK
word, the INIT_ONCE word with its context), since programs peek at them.
Nothing here goes to the server: only one guest thread runs at a time (see
winelike.sched), so a handler tests and updates these fields atomically, and a
thread that must wait blocks in the scheduler on a key naming the object until
whoever releases it notifies that key.  A wait that no thread could ever end
(every other thread blocked forever too) is a deadlock, reported with err:sync and
ended with STATUS_POSSIBLE_DEADLOCK instead of hanging forever.
"""
from __future__ import annotations

import time

from winelike import debug
from winelike.abi.types import BOOL, BOOLEAN, DWORD, LONG, LONGLONG, PTR, SIZE_T, VOID, ULONG
from winelike.dlls.framework import ProcessExit
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_PARAMETER
from . import dll

ch = debug.Channel("sync")


def _cs_fields(cs):
    p = proc()
    P = p.ptr_size
    return p, P, cs + P, cs + P + 4, cs + P + 8, cs + 2 * P + 8   # LockCount, Recursion, Owner, Sem


@dll.stdcall
def InitializeCriticalSection(cs: PTR) -> VOID:
    InitializeCriticalSectionEx(cs, 0, 0)


@dll.stdcall
def InitializeCriticalSectionAndSpinCount(cs: PTR, spin: DWORD) -> BOOL:
    InitializeCriticalSectionEx(cs, spin, 0)
    return 1


@dll.stdcall
def InitializeCriticalSectionEx(cs: PTR, spin: DWORD, flags: DWORD) -> BOOL:
    p = proc()
    P = p.ptr_size
    p.mem.write(cs, bytes(4 * P + 8 if P == 8 else 24))
    p.mem.w32(cs + P, 0xFFFFFFFF)          # LockCount = -1: free
    p.mem.wptr(cs + 3 * P + 8 if P == 8 else cs + 20, spin & 0xFFFFFF)
    return 1


@dll.stdcall
def DeleteCriticalSection(cs: PTR) -> VOID:
    p, P, lock, rec, owner, sem = _cs_fields(cs)
    p.mem.w32(lock, 0xFFFFFFFF)
    p.mem.w32(rec, 0)
    p.mem.wptr(owner, 0)


def _cs_try(p, rec, owner, lock) -> bool:
    mem = p.mem
    tid = p.thread.tid
    cur = mem.ptr(owner)
    if cur == tid:
        mem.w32(rec, mem.u32(rec) + 1)
        return True
    if cur and mem.i32(rec) > 0:
        return False
    mem.wptr(owner, tid)
    mem.w32(rec, 1)
    mem.w32(lock, 0)
    return True


@dll.stdcall
def EnterCriticalSection(cs: PTR) -> VOID:
    p, P, lock, rec, owner, sem = _cs_fields(cs)
    if _cs_try(p, rec, owner, lock):
        return
    key = ("cs", cs)
    block("EnterCriticalSection", lambda: f"critical section {cs:#x} held by thread {p.mem.ptr(owner):04x}",
          (key,), lambda: _cs_try(p, rec, owner, lock), INFINITE)


@dll.stdcall
def TryEnterCriticalSection(cs: PTR) -> BOOL:
    p, P, lock, rec, owner, sem = _cs_fields(cs)
    return int(_cs_try(p, rec, owner, lock))


@dll.stdcall
def LeaveCriticalSection(cs: PTR) -> VOID:
    p, P, lock, rec, owner, sem = _cs_fields(cs)
    mem = p.mem
    n = mem.i32(rec) - 1
    if n < 0:
        ch.err("LeaveCriticalSection", f"{cs:#x} is not held")
        return
    mem.w32(rec, n)
    if n == 0:
        mem.wptr(owner, 0)
        mem.w32(lock, 0xFFFFFFFF)
        p.sched.notify(("cs", cs))


INFINITE = 0xFFFFFFFF
STATUS_POSSIBLE_DEADLOCK = 0xC0000194
STATUS_RESOURCE_NOT_OWNED = 0xC0000264
ERROR_TIMEOUT = 1460
ERROR_GEN_FAILURE = 31


WAIT_IO_COMPLETION = 0xC0


def deadlock(func: str, what: str):
    """End the process: `what` can only be ended by another thread, and none can run."""
    ch.err(func, f"{what}: no other thread can end this wait; deadlock, terminating")
    import sys
    sys.stderr.write(f"winelike: deadlock in {func}: {what} (no other thread can run)\n")
    raise ProcessExit(STATUS_POSSIBLE_DEADLOCK)


OK, TIMEOUT, ALERTED = "ok", "timeout", "alerted"


def block(func: str, what, keys, ready, ms: int, alertable: bool = False, external: bool = False) -> str:
    """Block the calling thread until ready() (tested with the CPU held), `ms` passes or an APC comes.

    keys: what the releasing side notifies; what(): words for a deadlock report;
    external: something outside this process's threads may end the wait (no deadlock check).
    Returns OK, TIMEOUT or ALERTED (APCs are then pending: the caller runs them).
    """
    p = proc()
    t = p.thread
    if ready():
        return OK
    if alertable and t.apcs:
        return ALERTED
    if ms == INFINITE:
        deadline = None
        # a console Ctrl-C handler runs on a new thread, which may end any wait
        if not external and "ctrl_c_hook" not in p.state and p.sched.deadlocked(t, p._threads()):
            deadlock(func, what() if callable(what) else what)
    else:
        deadline = time.monotonic() + ms / 1000.0
    alerted = (lambda: bool(t.apcs)) if alertable else None
    if p.sched.wait(t, keys, ready, deadline, alerted):
        return OK
    return ALERTED if alertable and t.apcs else TIMEOUT


def run_apcs() -> bool:
    """Run the calling thread's queued user APCs (in an alertable wait); True if any ran."""
    p = proc()
    t = p.thread
    ran = False
    while t.apcs:
        fn, args = t.apcs.pop(0)
        p.cpu.call(fn, args, p.callback_ret)
        ran = True
    return ran


def sleep(ms: int, alertable: bool) -> int:
    p = proc()
    if ms == 0 and not (alertable and p.thread.apcs):
        p.sched.yield_cpu(p.thread)
        return 0
    r = block("Sleep", "an INFINITE sleep", (), lambda: False, ms, alertable)
    if r == ALERTED:
        run_apcs()
        return WAIT_IO_COMPLETION
    return 0


@dll.stdcall
def Sleep(ms: DWORD) -> VOID:
    sleep(ms, False)


@dll.stdcall
def SleepEx(ms: DWORD, alertable: BOOL) -> DWORD:
    return sleep(ms, bool(alertable))


@dll.stdcall
def SwitchToThread() -> BOOL:
    p = proc()
    switched = bool(p.sched.ready)
    p.sched.yield_cpu(p.thread)
    return int(switched)


# ---------------------------------------------------------------------------
# SRW locks: the Windows word layout (bit 0 locked, shared count << 4)

SRW_LOCKED = 0x1
SRW_SHARED_SHIFT = 4


@dll.stdcall
def InitializeSRWLock(lock: PTR) -> VOID:
    proc().mem.wptr(lock, 0)


def _srw_try_exclusive(lock: int) -> bool:
    mem = proc().mem
    if mem.ptr(lock):
        return False
    mem.wptr(lock, SRW_LOCKED)
    return True


def _srw_try_shared(lock: int) -> bool:
    mem = proc().mem
    v = mem.ptr(lock)
    if v & SRW_LOCKED and not v >> SRW_SHARED_SHIFT:
        return False                  # held exclusively
    count = (v >> SRW_SHARED_SHIFT) + 1
    mem.wptr(lock, (count << SRW_SHARED_SHIFT) | SRW_LOCKED)
    return True


@dll.stdcall
def AcquireSRWLockExclusive(lock: PTR) -> VOID:
    block("AcquireSRWLockExclusive", f"SRW lock {lock:#x} is already held", (("srw", lock),),
          lambda: _srw_try_exclusive(lock), INFINITE)


@dll.stdcall
def AcquireSRWLockShared(lock: PTR) -> VOID:
    block("AcquireSRWLockShared", f"SRW lock {lock:#x} is held exclusively", (("srw", lock),),
          lambda: _srw_try_shared(lock), INFINITE)


@dll.stdcall
def TryAcquireSRWLockExclusive(lock: PTR) -> BOOLEAN:
    return 1 if _srw_try_exclusive(lock) else 0


@dll.stdcall
def TryAcquireSRWLockShared(lock: PTR) -> BOOLEAN:
    return 1 if _srw_try_shared(lock) else 0


def _not_owned(func: str, lock: int):
    from .errorapi import unhandled_exception
    p = proc()
    ch.err(func, f"SRW lock {lock:#x} is not held as released")
    unhandled_exception(STATUS_RESOURCE_NOT_OWNED, 0, [], p.mem.ptr(p.cpu.sp))


@dll.stdcall
def ReleaseSRWLockExclusive(lock: PTR) -> VOID:
    mem = proc().mem
    if mem.ptr(lock) != SRW_LOCKED:
        _not_owned("ReleaseSRWLockExclusive", lock)
        return
    mem.wptr(lock, 0)
    proc().sched.notify(("srw", lock))


@dll.stdcall
def ReleaseSRWLockShared(lock: PTR) -> VOID:
    mem = proc().mem
    v = mem.ptr(lock)
    count = v >> SRW_SHARED_SHIFT
    if not v & SRW_LOCKED or not count:
        _not_owned("ReleaseSRWLockShared", lock)
        return
    count -= 1
    mem.wptr(lock, (count << SRW_SHARED_SHIFT) | SRW_LOCKED if count else 0)
    if not count:
        proc().sched.notify(("srw", lock))


# ---------------------------------------------------------------------------
# condition variables: each sleeper holds a ticket; Wake* mark tickets, first come first woken

CONDITION_VARIABLE_LOCKMODE_SHARED = 0x1


@dll.stdcall
def InitializeConditionVariable(cv: PTR) -> VOID:
    proc().mem.wptr(cv, 0)


class _Ticket:
    __slots__ = ("woken",)

    def __init__(self):
        self.woken = False


def _sleep_on(func: str, key: tuple, what: str, ms: int) -> bool:
    """Sleep until _wake(key) picks this sleeper (True) or `ms` passes (False, ERROR_TIMEOUT).

    key: ("cv", address) for condition variables, ("addr", address) for WaitOnAddress;
    sleepers are woken first come, first served.
    """
    ticket = _Ticket()
    sleepers = proc().state.setdefault("sleepers", {}).setdefault(key, [])
    sleepers.append(ticket)
    if block(func, what, (key,), lambda: ticket.woken, ms) == OK:
        return True
    if ticket in sleepers:
        sleepers.remove(ticket)
    set_last_error(ERROR_TIMEOUT)
    return False


def _wake(key: tuple, n: int | None):
    """Wake the first n sleepers on key (all with None)."""
    p = proc()
    sleepers = p.state.get("sleepers", {}).get(key)
    if not sleepers:
        return
    take = sleepers[:n]                  # n None: all of them
    del sleepers[:n]
    for ticket in take:
        ticket.woken = True
    p.sched.notify(key)


def _timed_wait(func: str, cv: int, ms: int) -> bool:
    return _sleep_on(func, ("cv", cv), f"infinite wait on condition variable {cv:#x}", ms)


@dll.stdcall
def SleepConditionVariableCS(cv: PTR, cs: PTR, ms: DWORD) -> BOOL:
    LeaveCriticalSection(cs)
    try:
        return int(_timed_wait("SleepConditionVariableCS", cv, ms))
    finally:
        EnterCriticalSection(cs)


@dll.stdcall
def SleepConditionVariableSRW(cv: PTR, lock: PTR, ms: DWORD, flags: ULONG) -> BOOL:
    shared = bool(flags & CONDITION_VARIABLE_LOCKMODE_SHARED)
    if shared:
        ReleaseSRWLockShared(lock)
    else:
        ReleaseSRWLockExclusive(lock)
    try:
        return int(_timed_wait("SleepConditionVariableSRW", cv, ms))
    finally:
        if shared:
            AcquireSRWLockShared(lock)
        else:
            AcquireSRWLockExclusive(lock)


@dll.stdcall
def WakeConditionVariable(cv: PTR) -> VOID:
    _wake(("cv", cv), 1)


@dll.stdcall
def WakeAllConditionVariable(cv: PTR) -> VOID:
    _wake(("cv", cv), None)


# ---------------------------------------------------------------------------
# one-time initialisation: INIT_ONCE is a word, low 2 bits the state, the rest the context

INIT_ONCE_CHECK_ONLY = 0x1
INIT_ONCE_ASYNC = 0x2
INIT_ONCE_INIT_FAILED = 0x4
ONCE_IN_PROGRESS = 0x1
ONCE_DONE = 0x2


@dll.stdcall
def InitOnceInitialize(once: PTR) -> VOID:
    proc().mem.wptr(once, 0)


def _once_wait(func: str, once: int, what: str) -> None:
    """Wait while another thread initialises the INIT_ONCE (until it completes or fails)."""
    mem = proc().mem
    block(func, f"INIT_ONCE {once:#x} is being initialised{what}", (("once", once),),
          lambda: mem.ptr(once) & 3 != ONCE_IN_PROGRESS, INFINITE)


def _once_set(once: int, v: int) -> None:
    """Store the INIT_ONCE word at the end of an initialisation and wake its waiters."""
    p = proc()
    p.mem.wptr(once, v)
    p.sched.notify(("once", once))


@dll.stdcall
def InitOnceBeginInitialize(once: PTR, flags: DWORD, pending: PTR, context: PTR) -> BOOL:
    p = proc()
    mem = p.mem
    if flags & ~(INIT_ONCE_CHECK_ONLY | INIT_ONCE_ASYNC) or \
            (flags & INIT_ONCE_CHECK_ONLY and flags & INIT_ONCE_ASYNC):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    v = mem.ptr(once)
    state = v & 3
    if state == ONCE_DONE:
        if pending:
            mem.w32(pending, 0)
        if context:
            mem.wptr(context, v & ~3)
        return 1
    if flags & INIT_ONCE_CHECK_ONLY:
        set_last_error(ERROR_GEN_FAILURE)
        return 0
    if state == ONCE_IN_PROGRESS and not flags & INIT_ONCE_ASYNC:
        # another thread is initialising: wait for it to complete or fail, then decide again
        _once_wait("InitOnceBeginInitialize", once, "")
        return InitOnceBeginInitialize(once, flags, pending, context)
    if state == 3 and not flags & INIT_ONCE_ASYNC:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    mem.wptr(once, 3 if flags & INIT_ONCE_ASYNC else ONCE_IN_PROGRESS)
    if pending:
        mem.w32(pending, 1)
    return 1


@dll.stdcall
def InitOnceComplete(once: PTR, flags: DWORD, context: PTR) -> BOOL:
    mem = proc().mem
    if flags & ~(INIT_ONCE_ASYNC | INIT_ONCE_INIT_FAILED) or context & 3 or \
            (flags & INIT_ONCE_INIT_FAILED and context):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    v = mem.ptr(once)
    state = v & 3
    expected = 3 if flags & INIT_ONCE_ASYNC else ONCE_IN_PROGRESS
    if state != expected:
        set_last_error(ERROR_GEN_FAILURE if state == ONCE_DONE else ERROR_INVALID_PARAMETER)
        return 0
    _once_set(once, 0 if flags & INIT_ONCE_INIT_FAILED else context | ONCE_DONE)
    return 1


@dll.stdcall
def InitOnceExecuteOnce(once: PTR, fn: PTR, param: PTR, context: PTR) -> BOOL:
    """Runs fn(once, param, &ctx) once; a FALSE from fn leaves the INIT_ONCE uninitialised."""
    p = proc()
    mem = p.mem
    v = mem.ptr(once)
    if v & 3 == ONCE_DONE:
        if context:
            mem.wptr(context, v & ~3)
        return 1
    if v & 3 == 3:          # an asynchronous initialisation is in progress: fails at once, as Wine
        return 0
    if v & 3:
        _once_wait("InitOnceExecuteOnce", once, " (recursive call?)")
        return InitOnceExecuteOnce(once, fn, param, context)
    mem.wptr(once, ONCE_IN_PROGRESS)
    slot = p.heap_alloc(16, zero=True)
    try:
        ok = p.cpu.call(fn, (once, param, slot), p.callback_ret) & 0xFFFFFFFF
        ctx = mem.ptr(slot)
    finally:
        p.process_heap.free_block(slot)
    _once_set(once, (ctx & ~3) | ONCE_DONE if ok else 0)
    if not ok:
        return 0
    if context:
        mem.wptr(context, ctx & ~3)
    return 1


def _interlocked(addr, fn):
    p = proc()
    old = p.mem.i32(addr)
    new = fn(old)
    p.mem.w32(addr, new)
    return old, new & 0xFFFFFFFF


@dll.stdcall
def InterlockedIncrement(addr: PTR) -> LONG:
    return _interlocked(addr, lambda v: v + 1)[1]


@dll.stdcall
def InterlockedDecrement(addr: PTR) -> LONG:
    return _interlocked(addr, lambda v: v - 1)[1]


@dll.stdcall
def InterlockedExchange(addr: PTR, value: LONG) -> LONG:
    return _interlocked(addr, lambda v: value)[0]


@dll.stdcall
def InterlockedExchangeAdd(addr: PTR, value: LONG) -> LONG:
    return _interlocked(addr, lambda v: v + value)[0]


@dll.stdcall
def InterlockedCompareExchange(addr: PTR, exchange: LONG, comparand: LONG) -> LONG:
    return _interlocked(addr, lambda v: exchange if v == comparand else v)[0]


@dll.stdcall
def InterlockedCompareExchange64(addr: PTR, exchange: LONGLONG, comparand: LONGLONG) -> LONGLONG:
    mem = proc().mem
    old = mem.u64(addr)
    if old == comparand & 0xFFFFFFFFFFFFFFFF:
        mem.w64(addr, exchange)
    return old


# ---------------------------------------------------------------------------
# pointer encoding (ntdll has the implementation)

dll.forward("EncodePointer", "ntdll.RtlEncodePointer")
dll.forward("DecodePointer", "ntdll.RtlDecodePointer")
dll.forward("EncodeSystemPointer", "ntdll.RtlEncodeSystemPointer")
dll.forward("DecodeSystemPointer", "ntdll.RtlDecodeSystemPointer")


# ---------------------------------------------------------------------------
# WaitOnAddress: sleep while *addr equals *compare (1, 2, 4 or 8 bytes), until woken

@dll.stdcall
def WaitOnAddress(addr: PTR, compare: PTR, size: SIZE_T, ms: DWORD) -> BOOL:
    p = proc()
    if size not in (1, 2, 4, 8):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    mem = p.mem
    if mem.read(addr, size) != mem.read(compare, size):
        return 1
    return int(_sleep_on("WaitOnAddress", ("addr", addr), f"infinite wait on address {addr:#x}", ms))


@dll.stdcall
def WakeByAddressSingle(addr: PTR) -> VOID:
    _wake(("addr", addr), 1)


@dll.stdcall
def WakeByAddressAll(addr: PTR) -> VOID:
    _wake(("addr", addr), None)
