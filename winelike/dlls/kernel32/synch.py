"""In-process synchronisation: critical sections, SRW locks, condition variables, InitOnce,
Sleep, Interlocked*.

All state lives in guest memory, in the objects' own fields as Windows keeps
them (CRITICAL_SECTION's LockCount/RecursionCount/OwningThread, the SRWLOCK
word, the INIT_ONCE word with its context), since programs peek at them.
There is one guest thread for now (the threads issue adds blocking): a wait
that only another thread could end is a deadlock, reported with err:sync and
ended with STATUS_POSSIBLE_DEADLOCK instead of hanging forever; a wait with a
timeout sleeps for it and times out.
"""
from __future__ import annotations

import time

from winelike import debug
from winelike.abi.types import BOOL, BOOLEAN, DWORD, LONG, LONGLONG, PTR, VOID, ULONG
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


@dll.stdcall
def EnterCriticalSection(cs: PTR) -> VOID:
    p, P, lock, rec, owner, sem = _cs_fields(cs)
    mem = p.mem
    tid = p.tid
    cur = mem.ptr(owner)
    if cur == tid:
        mem.w32(rec, mem.u32(rec) + 1)
        mem.w32(lock, mem.u32(lock) + 1)
        return
    if cur and mem.i32(rec) > 0:
        ch.err("EnterCriticalSection", f"{cs:#x} held by thread {cur:04x}, which does not exist here")
    mem.wptr(owner, tid)
    mem.w32(rec, 1)
    mem.w32(lock, 0)


@dll.stdcall
def TryEnterCriticalSection(cs: PTR) -> BOOL:
    p, P, lock, rec, owner, sem = _cs_fields(cs)
    cur = p.mem.ptr(owner)
    if cur and cur != p.tid and p.mem.i32(rec) > 0:
        return 0
    EnterCriticalSection(cs)
    return 1


@dll.stdcall
def LeaveCriticalSection(cs: PTR) -> VOID:
    p, P, lock, rec, owner, sem = _cs_fields(cs)
    mem = p.mem
    n = mem.i32(rec) - 1
    if n < 0:
        ch.err("LeaveCriticalSection", f"{cs:#x} is not held")
        return
    mem.w32(rec, n)
    mem.w32(lock, (mem.i32(lock) - 1) & 0xFFFFFFFF)
    if n == 0:
        mem.wptr(owner, 0)
        mem.w32(lock, 0xFFFFFFFF)


INFINITE = 0xFFFFFFFF
STATUS_POSSIBLE_DEADLOCK = 0xC0000194
STATUS_RESOURCE_NOT_OWNED = 0xC0000264
ERROR_TIMEOUT = 1460
ERROR_GEN_FAILURE = 31


def deadlock(func: str, what: str):
    """End the process: `what` can only be ended by another thread, and there is none."""
    ch.err(func, f"{what}: no other thread can end this wait; deadlock, terminating")
    import sys
    sys.stderr.write(f"winelike: deadlock in {func}: {what} (only one thread)\n")
    raise ProcessExit(STATUS_POSSIBLE_DEADLOCK)


@dll.stdcall
def Sleep(ms: DWORD) -> VOID:
    if ms == INFINITE:
        deadlock("Sleep", "INFINITE sleep")
    time.sleep(ms / 1000.0)


@dll.stdcall
def SleepEx(ms: DWORD, alertable: BOOL) -> DWORD:
    Sleep(ms)
    return 0


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
    if not _srw_try_exclusive(lock):
        deadlock("AcquireSRWLockExclusive", f"SRW lock {lock:#x} is already held")


@dll.stdcall
def AcquireSRWLockShared(lock: PTR) -> VOID:
    if not _srw_try_shared(lock):
        deadlock("AcquireSRWLockShared", f"SRW lock {lock:#x} is held exclusively")


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


# ---------------------------------------------------------------------------
# condition variables (nobody else can wake a waiter yet)

CONDITION_VARIABLE_LOCKMODE_SHARED = 0x1


@dll.stdcall
def InitializeConditionVariable(cv: PTR) -> VOID:
    proc().mem.wptr(cv, 0)


def _timed_wait(func: str, cv: int, ms: int):
    if ms == INFINITE:
        deadlock(func, f"infinite wait on condition variable {cv:#x}")
    time.sleep(ms / 1000.0)
    set_last_error(ERROR_TIMEOUT)


@dll.stdcall
def SleepConditionVariableCS(cv: PTR, cs: PTR, ms: DWORD) -> BOOL:
    LeaveCriticalSection(cs)
    try:
        _timed_wait("SleepConditionVariableCS", cv, ms)
    finally:
        EnterCriticalSection(cs)
    return 0


@dll.stdcall
def SleepConditionVariableSRW(cv: PTR, lock: PTR, ms: DWORD, flags: ULONG) -> BOOL:
    shared = bool(flags & CONDITION_VARIABLE_LOCKMODE_SHARED)
    if shared:
        ReleaseSRWLockShared(lock)
    else:
        ReleaseSRWLockExclusive(lock)
    try:
        _timed_wait("SleepConditionVariableSRW", cv, ms)
    finally:
        if shared:
            AcquireSRWLockShared(lock)
        else:
            AcquireSRWLockExclusive(lock)
    return 0


@dll.stdcall
def WakeConditionVariable(cv: PTR) -> VOID:
    pass        # no waiters can exist in a single-threaded process


@dll.stdcall
def WakeAllConditionVariable(cv: PTR) -> VOID:
    pass


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
        deadlock("InitOnceBeginInitialize", f"INIT_ONCE {once:#x} is being initialised")
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
    if flags & INIT_ONCE_INIT_FAILED:
        mem.wptr(once, 0)
    else:
        mem.wptr(once, context | ONCE_DONE)
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
    if v & 3:
        deadlock("InitOnceExecuteOnce", f"INIT_ONCE {once:#x} is being initialised (recursive call?)")
    mem.wptr(once, ONCE_IN_PROGRESS)
    slot = p.heap_alloc(16, zero=True)
    try:
        ok = p.cpu.call(fn, (once, param, slot), p.callback_ret) & 0xFFFFFFFF
        ctx = mem.ptr(slot)
    finally:
        p.process_heap.free_block(slot)
    if not ok:
        mem.wptr(once, 0)
        return 0
    mem.wptr(once, (ctx & ~3) | ONCE_DONE)
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
