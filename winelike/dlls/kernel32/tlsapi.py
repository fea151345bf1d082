"""Thread-local storage slots (TlsAlloc and friends) in the TEB, as Windows keeps them."""
from __future__ import annotations

from winelike.abi.types import BOOL, DWORD, PTR
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_PARAMETER
from . import dll

TLS_OUT_OF_INDEXES = 0xFFFFFFFF
TLS_MINIMUM_AVAILABLE = 64
TLS_EXPANSION_SLOTS = 1024


def _bitmap():
    p = proc()
    bm = p.state.get("tls_bitmap")
    if bm is None:
        bm = p.state["tls_bitmap"] = bytearray(TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS)
    return bm


def _slot_addr(index: int, t=None) -> int | None:
    p = proc()
    t = t or p.thread
    if index < TLS_MINIMUM_AVAILABLE:
        return t.teb_addr + p.L.TEB.TlsSlots.offset + index * p.ptr_size
    exp = t.teb.TlsExpansionSlots
    if not exp:
        exp = p.heap_alloc(TLS_EXPANSION_SLOTS * p.ptr_size, zero=True)
        t.teb.TlsExpansionSlots = exp
    return exp + (index - TLS_MINIMUM_AVAILABLE) * p.ptr_size


@dll.stdcall
def TlsAlloc() -> DWORD:
    bm = _bitmap()
    try:
        i = bm.index(0)
    except ValueError:
        set_last_error(8)
        return TLS_OUT_OF_INDEXES
    bm[i] = 1
    p = proc()
    for t in p._threads():
        p.mem.wptr(_slot_addr(i, t), 0)
    return i


@dll.stdcall
def TlsFree(index: DWORD) -> BOOL:
    bm = _bitmap()
    if index >= len(bm) or not bm[index]:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    bm[index] = 0
    p = proc()
    for t in p._threads():
        p.mem.wptr(_slot_addr(index, t), 0)
    return 1


@dll.stdcall
def TlsGetValue(index: DWORD) -> PTR:
    if index >= TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    set_last_error(0)
    return proc().mem.ptr(_slot_addr(index))


@dll.stdcall
def TlsSetValue(index: DWORD, value: PTR) -> BOOL:
    if index >= TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    proc().mem.wptr(_slot_addr(index), value)
    return 1
