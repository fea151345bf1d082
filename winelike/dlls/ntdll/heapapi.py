"""Rtl*Heap exports over winelike.dlls.ntdll.heap.Heap."""
from __future__ import annotations

from winelike import debug
from winelike.abi.types import BOOL, HANDLE, PTR, SIZE_T, ULONG
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_PARAMETER, ERROR_NOT_ENOUGH_MEMORY, \
    ERROR_INVALID_HANDLE
from . import dll
from .heap import Heap, HEAP_ZERO_MEMORY, HEAP_REALLOC_IN_PLACE_ONLY, HEAP_GENERATE_EXCEPTIONS

STATUS_NO_MEMORY = 0xC0000017
HEAP_GROWABLE = 0x2
ERROR_NO_MORE_ITEMS = 259

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
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    ptr = h.alloc(size, zero=bool((flags | h.flags) & HEAP_ZERO_MEMORY))
    if not ptr:
        if (flags | h.flags) & HEAP_GENERATE_EXCEPTIONS:
            from winelike.dlls.kernel32.errorapi import unhandled_exception
            unhandled_exception(STATUS_NO_MEMORY, 0, [size], proc().mem.ptr(proc().cpu.sp))
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
    return ptr


@dll.stdcall
def RtlFreeHeap(heap: HANDLE, flags: ULONG, ptr: PTR) -> BOOL:
    if not ptr:
        return 1
    h = heap_from_handle(heap)
    if h is None or not h.free_block(ptr):
        ch.warn("RtlFreeHeap", f"heap {heap:#x}: invalid pointer {ptr:#x}")
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return 1


@dll.stdcall
def RtlReAllocateHeap(heap: HANDLE, flags: ULONG, ptr: PTR, size: SIZE_T) -> PTR:
    h = heap_from_handle(heap)
    if h is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    if not ptr:
        return 0
    if not h.owns(ptr):
        ch.warn("RtlReAllocateHeap", f"heap {heap:#x}: invalid pointer {ptr:#x}")
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    new = h.realloc(ptr, size, zero=bool((flags | h.flags) & HEAP_ZERO_MEMORY),
                    in_place_only=bool(flags & HEAP_REALLOC_IN_PLACE_ONLY))
    if not new:
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
    return new


@dll.stdcall
def RtlSizeHeap(heap: HANDLE, flags: ULONG, ptr: PTR) -> SIZE_T:
    h = heap_from_handle(heap)
    n = h.size(ptr) if h is not None else -1
    if n < 0:
        set_last_error(ERROR_INVALID_PARAMETER)
        return (1 << proc().bits) - 1
    return n


@dll.stdcall
def RtlCreateHeap(flags: ULONG, base: PTR, reserve: SIZE_T, commit: SIZE_T, lock: PTR, params: PTR) -> HANDLE:
    if base:
        ch.fixme("RtlCreateHeap", f"caller-supplied base {base:#x} not supported")
        return 0
    p = proc()
    h = Heap(p, reserve=reserve or 0x100000, flags=flags,
             max_size=reserve if reserve and not flags & HEAP_GROWABLE else 0)
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


@dll.stdcall
def RtlValidateHeap(heap: HANDLE, flags: ULONG, ptr: PTR) -> BOOL:
    h = heap_from_handle(heap)
    if h is None:
        return 0
    return 1 if not ptr or h.owns(ptr) else 0


@dll.stdcall
def RtlLockHeap(heap: HANDLE) -> BOOL:
    return 1 if heap_from_handle(heap) is not None else 0


@dll.stdcall
def RtlUnlockHeap(heap: HANDLE) -> BOOL:
    return 1 if heap_from_handle(heap) is not None else 0


PROCESS_HEAP_REGION = 0x1
PROCESS_HEAP_ENTRY_BUSY = 0x4


def heap_walk(heap: int, entry: int) -> int:
    """HeapWalk over a PROCESS_HEAP_ENTRY: one region entry, then each busy block in address order."""
    p = proc()
    h = heap_from_handle(heap)
    if h is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    mem, P = p.mem, p.ptr_size
    cur = mem.ptr(entry)
    blocks = h.blocks()
    if cur == 0:
        seg = h.segments[0]
        mem.write(entry, bytes(40 if P == 8 else 28))          # sizeof(PROCESS_HEAP_ENTRY)
        mem.wptr(entry, seg.base)
        mem.w32(entry + P, seg.size)
        mem.w16(entry + P + 6, PROCESS_HEAP_REGION)
        mem.w32(entry + P + 8, seg.size)           # Region.dwCommittedSize
        mem.wptr(entry + P + 16, seg.base)         # lpFirstBlock
        mem.wptr(entry + P + 16 + P, seg.end)      # lpLastBlock
        return 1
    nxt = next((b for b in blocks if b[0] > cur), None)
    if cur == h.segments[0].base:
        nxt = blocks[0] if blocks else None
    if nxt is None:
        set_last_error(ERROR_NO_MORE_ITEMS)
        return 0
    ptr, size, cls = nxt
    mem.wptr(entry, ptr)
    mem.w32(entry + P, size)
    mem.w8(entry + P + 4, cls - size if cls - size < 256 else 0)
    mem.w8(entry + P + 5, 0)
    mem.w16(entry + P + 6, PROCESS_HEAP_ENTRY_BUSY)
    return 1
