"""Heap*, Global*, Local*: kernel32's views of the ntdll heaps."""
from __future__ import annotations

from winelike.abi.types import BOOL, DWORD, HANDLE, PTR, SIZE_T, UINT
from winelike.dlls.ntdll import heapapi as nt
from winelike.dlls.ntdll.heap import HEAP_ZERO_MEMORY
from winelike.dlls.winapi import proc, set_last_error, ERROR_NOT_ENOUGH_MEMORY, ERROR_INVALID_HANDLE, \
    ERROR_INVALID_PARAMETER
from . import dll

dll.forward("HeapAlloc", "ntdll.RtlAllocateHeap")
dll.forward("HeapReAlloc", "ntdll.RtlReAllocateHeap")
dll.forward("HeapSize", "ntdll.RtlSizeHeap")


@dll.stdcall
def GetProcessHeap() -> HANDLE:
    return proc().process_heap.handle


@dll.stdcall
def GetProcessHeaps(count: DWORD, heaps: PTR) -> DWORD:
    return nt.RtlGetProcessHeaps(count, heaps)


@dll.stdcall
def HeapCreate(flags: DWORD, initial: SIZE_T, maximum: SIZE_T) -> HANDLE:
    h = nt.RtlCreateHeap(flags, 0, maximum or initial, initial, 0, 0)
    if not h:
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
    return h


@dll.stdcall
def HeapDestroy(heap: HANDLE) -> BOOL:
    if heap == proc().process_heap.handle:
        return 0
    if nt.RtlDestroyHeap(heap):
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    return 1


@dll.stdcall
def HeapFree(heap: HANDLE, flags: DWORD, ptr: PTR) -> BOOL:
    if nt.RtlFreeHeap(heap, flags, ptr):
        return 1
    set_last_error(ERROR_INVALID_PARAMETER)
    return 0


@dll.stdcall
def HeapValidate(heap: HANDLE, flags: DWORD, ptr: PTR) -> BOOL:
    h = nt.heap_from_handle(heap)
    if h is None:
        return 0
    return 1 if not ptr or h.owns(ptr) else 0


@dll.stdcall
def HeapSetInformation(heap: HANDLE, cls: UINT, info: PTR, size: SIZE_T) -> BOOL:
    return 1   # HeapCompatibilityInformation / HeapEnableTerminationOnCorruption: nothing to change here


GMEM_ZEROINIT = 0x40
GMEM_MOVEABLE = 0x2


def _global_alloc(flags, size):
    p = proc()
    ptr = p.process_heap.alloc(size, zero=bool(flags & GMEM_ZEROINIT))
    if not ptr:
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
    return ptr


@dll.stdcall
def GlobalAlloc(flags: UINT, size: SIZE_T) -> HANDLE:
    return _global_alloc(flags, size)


@dll.stdcall
def LocalAlloc(flags: UINT, size: SIZE_T) -> HANDLE:
    return _global_alloc(flags, size)


@dll.stdcall
def GlobalFree(mem: HANDLE) -> HANDLE:
    if not mem or proc().process_heap.free_block(mem):
        return 0
    set_last_error(ERROR_INVALID_HANDLE)
    return mem


@dll.stdcall
def LocalFree(mem: HANDLE) -> HANDLE:
    return GlobalFree(mem)


@dll.stdcall
def GlobalLock(mem: HANDLE) -> PTR:
    return mem


@dll.stdcall
def GlobalUnlock(mem: HANDLE) -> BOOL:
    return 1


@dll.stdcall
def LocalLock(mem: HANDLE) -> PTR:
    return mem


@dll.stdcall
def LocalUnlock(mem: HANDLE) -> BOOL:
    return 1


@dll.stdcall
def GlobalSize(mem: HANDLE) -> SIZE_T:
    n = proc().process_heap.size(mem)
    return max(n, 0)


@dll.stdcall
def LocalSize(mem: HANDLE) -> SIZE_T:
    return GlobalSize(mem)


@dll.stdcall
def GlobalReAlloc(mem: HANDLE, size: SIZE_T, flags: UINT) -> HANDLE:
    r = proc().process_heap.realloc(mem, size, zero=bool(flags & GMEM_ZEROINIT))
    if not r:
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
    return r


@dll.stdcall
def LocalReAlloc(mem: HANDLE, size: SIZE_T, flags: UINT) -> HANDLE:
    return GlobalReAlloc(mem, size, flags)
