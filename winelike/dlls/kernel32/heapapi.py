"""Heap*, Global*, Local*: kernel32's views of the ntdll heaps.

Global* and Local* are one implementation, as on Win32.  GMEM_FIXED memory is a
process-heap pointer; GMEM_MOVEABLE memory is a handle that points at a
pointer-sized slot holding the data's address (so the old `*(void **)h` idiom
works), with a lock count beside it.  Moveable handles sit at an odd multiple
of the pointer size, fixed pointers at a multiple of 16, which tells them apart.
"""
from __future__ import annotations

from winelike.abi.types import BOOL, DWORD, HANDLE, PTR, SIZE_T, UINT
from winelike.dlls.ntdll import heapapi as nt
from winelike.dlls.winapi import proc, set_last_error, ERROR_NOT_ENOUGH_MEMORY, ERROR_INVALID_HANDLE, \
    ERROR_INVALID_PARAMETER, ERROR_INSUFFICIENT_BUFFER
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
    """maximum 0 makes a growable heap; otherwise allocations past `maximum` bytes fail."""
    if maximum and initial > maximum:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    flags &= 0x40005          # HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS | HEAP_CREATE_ENABLE_EXECUTE
    h = nt.RtlCreateHeap(flags | (nt.HEAP_GROWABLE if not maximum else 0), 0, maximum or initial, initial, 0, 0)
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
    return nt.RtlFreeHeap(heap, flags, ptr)


@dll.stdcall
def HeapValidate(heap: HANDLE, flags: DWORD, ptr: PTR) -> BOOL:
    return nt.RtlValidateHeap(heap, flags, ptr)


@dll.stdcall
def HeapLock(heap: HANDLE) -> BOOL:
    return nt.RtlLockHeap(heap)


@dll.stdcall
def HeapUnlock(heap: HANDLE) -> BOOL:
    return nt.RtlUnlockHeap(heap)


@dll.stdcall
def HeapCompact(heap: HANDLE, flags: DWORD) -> SIZE_T:
    h = nt.heap_from_handle(heap)
    if h is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    return h.largest_free()


@dll.stdcall
def HeapWalk(heap: HANDLE, entry: PTR) -> BOOL:
    return nt.heap_walk(heap, entry)


@dll.stdcall
def HeapQueryInformation(heap: HANDLE, cls: UINT, info: PTR, size: SIZE_T, ret_len: PTR) -> BOOL:
    p = proc()
    if cls != 0:        # HeapCompatibilityInformation only
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if ret_len:
        p.mem.wptr(ret_len, 4)
    if size < 4:
        set_last_error(ERROR_INSUFFICIENT_BUFFER)
        return 0
    p.mem.w32(info, 2)          # low-fragmentation heap, as Windows reports for the process heap
    return 1


@dll.stdcall
def HeapSetInformation(heap: HANDLE, cls: UINT, info: PTR, size: SIZE_T) -> BOOL:
    return 1   # HeapCompatibilityInformation / HeapEnableTerminationOnCorruption: nothing to change here


GMEM_FIXED = 0x0
GMEM_MOVEABLE = 0x2
GMEM_NOCOMPACT = 0x10
GMEM_NODISCARD = 0x20
GMEM_ZEROINIT = 0x40
GMEM_MODIFY = 0x80
GMEM_DISCARDABLE = 0x100
GMEM_DISCARDED = 0x4000
GMEM_LOCKCOUNT = 0xFF
ERROR_NOT_LOCKED = 158
ERROR_DISCARDED = 157


class _Moveable:
    __slots__ = ("slot", "ptr", "lock", "flags")

    def __init__(self, slot, ptr, flags):
        self.slot, self.ptr, self.lock, self.flags = slot, ptr, 0, flags


def _gstate():
    p = proc()
    st = p.state.get("gmem")
    if st is None:
        st = p.state["gmem"] = {"handles": {}, "free_slots": []}
    return st


def _new_slot() -> int:
    st = _gstate()
    p = proc()
    if not st["free_slots"]:
        P = p.ptr_size
        block = p.process_heap.alloc(2 * P * 256, zero=True)
        if not block:
            return 0
        st["free_slots"] = [block + i * 2 * P + P for i in range(255, -1, -1)]
    return st["free_slots"].pop()


def _moveable(h: int) -> _Moveable | None:
    return _gstate()["handles"].get(h)


def _is_fixed(h: int) -> bool:
    return proc().process_heap.owns(h)


def global_alloc(flags: int, size: int) -> int:
    p = proc()
    heap = p.process_heap
    if not flags & GMEM_MOVEABLE:
        ptr = heap.alloc(size, zero=bool(flags & GMEM_ZEROINIT))
        if not ptr:
            set_last_error(ERROR_NOT_ENOUGH_MEMORY)
        return ptr
    slot = _new_slot()
    if not slot:
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
        return 0
    ptr = 0
    if size:
        ptr = heap.alloc(size, zero=bool(flags & GMEM_ZEROINIT))
        if not ptr:
            _gstate()["free_slots"].append(slot)
            set_last_error(ERROR_NOT_ENOUGH_MEMORY)
            return 0
    m = _Moveable(slot, ptr, flags & (GMEM_DISCARDABLE | GMEM_MOVEABLE))
    _gstate()["handles"][slot] = m
    p.mem.wptr(slot, ptr)
    return slot


def global_free(h: int) -> int:
    if not h:
        return 0
    p = proc()
    m = _moveable(h)
    if m is not None:
        if m.ptr:
            p.process_heap.free_block(m.ptr)
        del _gstate()["handles"][h]
        p.mem.wptr(h, 0)
        _gstate()["free_slots"].append(h)
        return 0
    if p.process_heap.free_block(h):
        return 0
    set_last_error(ERROR_INVALID_HANDLE)
    return h


def global_lock(h: int) -> int:
    m = _moveable(h)
    if m is not None:
        if not m.ptr:
            set_last_error(ERROR_DISCARDED)
            return 0
        if m.lock < GMEM_LOCKCOUNT:
            m.lock += 1
        return m.ptr
    if _is_fixed(h):
        return h
    set_last_error(ERROR_INVALID_HANDLE)
    return 0


def global_unlock(h: int, fixed_result: int) -> int:
    m = _moveable(h)
    if m is not None:
        if m.lock == 0:
            set_last_error(ERROR_NOT_LOCKED)
            return 0
        m.lock -= 1
        if m.lock == 0:
            set_last_error(0)
            return 0
        return 1
    if _is_fixed(h):
        if not fixed_result:
            set_last_error(ERROR_NOT_LOCKED)
        return fixed_result
    set_last_error(ERROR_INVALID_HANDLE)
    return 0


def global_size(h: int) -> int:
    p = proc()
    m = _moveable(h)
    if m is not None:
        return p.process_heap.size(m.ptr) if m.ptr else 0
    n = p.process_heap.size(h)
    if n < 0:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    return n


def global_flags(h: int) -> int:
    m = _moveable(h)
    if m is not None:
        f = m.lock & GMEM_LOCKCOUNT
        if m.flags & GMEM_DISCARDABLE:
            f |= GMEM_DISCARDABLE
        if not m.ptr:
            f |= GMEM_DISCARDED
        return f
    if _is_fixed(h):
        return 0
    set_last_error(ERROR_INVALID_HANDLE)
    return GMEM_INVALID_HANDLE


GMEM_INVALID_HANDLE = 0x8000


def global_handle(ptr: int) -> int:
    if not ptr:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    if _moveable(ptr) is not None:
        return ptr
    for h, m in _gstate()["handles"].items():
        if m.ptr == ptr:
            return h
    if _is_fixed(ptr):
        return ptr
    set_last_error(ERROR_INVALID_HANDLE)
    return 0


def global_realloc(h: int, size: int, flags: int) -> int:
    p = proc()
    heap = p.process_heap
    zero = bool(flags & GMEM_ZEROINIT)
    m = _moveable(h)
    if m is not None:
        if flags & GMEM_MODIFY:
            if flags & GMEM_DISCARDABLE:
                m.flags |= GMEM_DISCARDABLE
            return h
        if size == 0:
            if m.ptr:
                heap.free_block(m.ptr)
            m.ptr = 0
            p.mem.wptr(h, 0)
            return h
        if not m.ptr:
            new = heap.alloc(size, zero=zero)
        else:
            new = heap.realloc(m.ptr, size, zero=zero, in_place_only=bool(m.lock and not flags & GMEM_MOVEABLE))
        if not new:
            set_last_error(ERROR_NOT_ENOUGH_MEMORY)
            return 0
        m.ptr = new
        p.mem.wptr(h, new)
        return h
    if not _is_fixed(h):
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    if flags & GMEM_MODIFY:
        if flags & GMEM_MOVEABLE:
            ch_fixme("GlobalReAlloc", "turning fixed memory into moveable memory is not supported")
        return h
    new = heap.realloc(h, size, zero=zero, in_place_only=not flags & GMEM_MOVEABLE)
    if not new:
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
        return 0
    return new


def ch_fixme(func, msg):
    from winelike import debug
    debug.Channel("globalmem").fixme(func, msg)


@dll.stdcall
def GlobalAlloc(flags: UINT, size: SIZE_T) -> HANDLE:
    return global_alloc(flags, size)


@dll.stdcall
def LocalAlloc(flags: UINT, size: SIZE_T) -> HANDLE:
    return global_alloc(flags, size)


@dll.stdcall
def GlobalFree(mem: HANDLE) -> HANDLE:
    return global_free(mem)


@dll.stdcall
def LocalFree(mem: HANDLE) -> HANDLE:
    return global_free(mem)


@dll.stdcall
def GlobalLock(mem: HANDLE) -> PTR:
    return global_lock(mem)


@dll.stdcall
def LocalLock(mem: HANDLE) -> PTR:
    return global_lock(mem)


@dll.stdcall
def GlobalUnlock(mem: HANDLE) -> BOOL:
    """A fixed pointer is "unlocked" successfully (TRUE), as Wine's kernel32 does."""
    return global_unlock(mem, 1)


@dll.stdcall
def LocalUnlock(mem: HANDLE) -> BOOL:
    """A fixed pointer is not locked: FALSE with ERROR_NOT_LOCKED."""
    return global_unlock(mem, 0)


@dll.stdcall
def GlobalSize(mem: HANDLE) -> SIZE_T:
    return global_size(mem)


@dll.stdcall
def LocalSize(mem: HANDLE) -> SIZE_T:
    return global_size(mem)


@dll.stdcall
def GlobalReAlloc(mem: HANDLE, size: SIZE_T, flags: UINT) -> HANDLE:
    return global_realloc(mem, size, flags)


@dll.stdcall
def LocalReAlloc(mem: HANDLE, size: SIZE_T, flags: UINT) -> HANDLE:
    return global_realloc(mem, size, flags)


@dll.stdcall
def GlobalFlags(mem: HANDLE) -> UINT:
    return global_flags(mem)


@dll.stdcall
def LocalFlags(mem: HANDLE) -> UINT:
    return global_flags(mem)


@dll.stdcall
def GlobalHandle(ptr: PTR) -> HANDLE:
    return global_handle(ptr)


@dll.stdcall
def LocalHandle(ptr: PTR) -> HANDLE:
    return global_handle(ptr)
