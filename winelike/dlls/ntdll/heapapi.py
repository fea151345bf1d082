"""Rtl*Heap exports over winelike.dlls.ntdll.heap.Heap."""
from __future__ import annotations

from winelike import debug
from winelike.abi.types import BOOL, DWORD, HANDLE, PTR, SIZE_T, ULONG, VOID
from winelike.dlls.winapi import proc
from . import dll
from .heap import Heap, HEAP_ZERO_MEMORY, HEAP_REALLOC_IN_PLACE_ONLY

ch = debug.Channel("heap")


def heap_from_handle(handle: int) -> Heap | None:
    p = proc()
    if handle == p.process_heap.handle:
        return p.process_heap
    return p.state.get("heaps", {}).get(handle)


def all_heaps():
    p = proc()
    return [p.process_heap] + list(p.state.get("heaps", {}).values())


@dll.stdcall
def RtlAllocateHeap(heap: HANDLE, flags: ULONG, size: SIZE_T) -> PTR:
    h = heap_from_handle(heap)
    if h is None:
        ch.err("RtlAllocateHeap", f"invalid heap handle {heap:#x}")
        return 0
    return h.alloc(size, zero=bool((flags | h.flags) & HEAP_ZERO_MEMORY))


@dll.stdcall
def RtlFreeHeap(heap: HANDLE, flags: ULONG, ptr: PTR) -> BOOL:
    if not ptr:
        return 1
    h = heap_from_handle(heap)
    if h is None or not h.free_block(ptr):
        ch.err("RtlFreeHeap", f"heap {heap:#x}: invalid pointer {ptr:#x}")
        return 0
    return 1


@dll.stdcall
def RtlReAllocateHeap(heap: HANDLE, flags: ULONG, ptr: PTR, size: SIZE_T) -> PTR:
    h = heap_from_handle(heap)
    if h is None:
        return 0
    return h.realloc(ptr, size, zero=bool(flags & HEAP_ZERO_MEMORY),
                     in_place_only=bool(flags & HEAP_REALLOC_IN_PLACE_ONLY))


@dll.stdcall
def RtlSizeHeap(heap: HANDLE, flags: ULONG, ptr: PTR) -> SIZE_T:
    h = heap_from_handle(heap)
    if h is None:
        return (1 << proc().bits) - 1
    n = h.size(ptr)
    return n if n >= 0 else (1 << proc().bits) - 1


@dll.stdcall
def RtlCreateHeap(flags: ULONG, base: PTR, reserve: SIZE_T, commit: SIZE_T, lock: PTR, params: PTR) -> HANDLE:
    if base:
        ch.fixme("RtlCreateHeap", f"caller-supplied base {base:#x} not supported")
        return 0
    p = proc()
    h = Heap(p, reserve=reserve or 0x100000, flags=flags, max_size=reserve if reserve and not (flags & 2) else 0)
    p.state.setdefault("heaps", {})[h.handle] = h
    return h.handle


@dll.stdcall
def RtlDestroyHeap(heap: HANDLE) -> HANDLE:
    p = proc()
    h = p.state.get("heaps", {}).pop(heap, None)
    if h is None:
        return heap
    h.destroy()
    return 0


@dll.stdcall
def RtlGetProcessHeaps(count: ULONG, heaps: PTR) -> ULONG:
    p = proc()
    hs = all_heaps()
    for i, h in enumerate(hs[:count]):
        p.mem.wptr(heaps + i * p.ptr_size, h.handle)
    return len(hs)
