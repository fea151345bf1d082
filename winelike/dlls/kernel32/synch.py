"""In-process synchronisation: critical sections, Sleep, InitOnce, Interlocked*.

Critical sections live in guest memory (CRITICAL_SECTION's own fields are kept
as Windows keeps them, since programs peek at OwningThread and RecursionCount).
With one guest thread nothing ever contends; the server issue adds blocking.
"""
from __future__ import annotations

import time

from winelike import debug
from winelike.abi.types import BOOL, DWORD, LONG, PTR, VOID, ULONG
from winelike.dlls.winapi import proc
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


@dll.stdcall
def Sleep(ms: DWORD) -> VOID:
    if ms == 0xFFFFFFFF:
        ch.err("Sleep", "INFINITE sleep in the only thread: the process would hang forever")
    time.sleep(ms / 1000.0)


@dll.stdcall
def SleepEx(ms: DWORD, alertable: BOOL) -> DWORD:
    Sleep(ms)
    return 0


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
