"""Heaps: a real allocator over guest memory (RtlAllocateHeap and what sits on it).

Blocks are 16-byte aligned on both architectures.  Small blocks come from
size classes with free lists; blocks of 512 KB and more get their own virtual
allocation, as Windows does.  Metadata stays on the host side (a dict of live
blocks), so a guest overrun cannot corrupt the allocator's bookkeeping, and a
bad pointer given to free/size is detected and reported instead of trusted.
"""
from __future__ import annotations

from winelike.cpu.memory import PAGE_READWRITE, OutOfGuestMemory

ALIGN = 16
BIG = 512 * 1024
SEGMENT = 1 << 20

HEAP_NO_SERIALIZE = 0x1
HEAP_GENERATE_EXCEPTIONS = 0x4
HEAP_ZERO_MEMORY = 0x8
HEAP_REALLOC_IN_PLACE_ONLY = 0x10


def _size_class(n: int) -> int:
    n = max(n, 1)
    if n <= 1024:
        return (n + ALIGN - 1) & ~(ALIGN - 1)
    # quarter-power-of-two steps above 1 KB
    b = n.bit_length() - 1
    step = 1 << (b - 2)
    return (n + step - 1) & ~(step - 1)


class Heap:
    def __init__(self, proc, reserve: int = SEGMENT, flags: int = 0, max_size: int = 0):
        self.proc = proc
        self.mem = proc.mem
        self.flags = flags
        self.max_size = max_size
        self.segments = []
        self.live: dict[int, tuple[int, int]] = {}    # ptr -> (requested size, class size)
        self.free: dict[int, list[int]] = {}          # class size -> free ptrs
        self.big: dict[int, object] = {}              # ptr -> Region
        self.cur = 0
        self.cur_end = 0
        self.used = 0           # bytes in live blocks (size classes), for fixed-size heaps
        first = self._new_segment(max(reserve, SEGMENT))
        self.handle = first   # the heap handle is the base of its first segment, as on Windows
        # keep the first 64 bytes as a header so the handle is never a block address
        self.cur += 64

    def _new_segment(self, size: int) -> int:
        size = (size + 0xFFFF) & ~0xFFFF
        r = self.mem.reserve(None, size, PAGE_READWRITE, tag="heap")
        self.segments.append(r)
        self.cur, self.cur_end = r.base, r.end
        return r.base

    def alloc(self, size: int, zero: bool = False) -> int:
        """Allocate; returns 0 when out of memory (the caller sets the error)."""
        if size < 0 or size > 0x7FFF0000:
            return 0
        if self.max_size and self.used + _size_class(size) > self.max_size:
            return 0            # a fixed-size heap (HeapCreate with a maximum) is full
        if size >= BIG:
            try:
                r = self.mem.reserve(None, size, PAGE_READWRITE, tag="heap-big")
            except OutOfGuestMemory:
                return 0
            self.big[r.base] = r
            self.live[r.base] = (size, r.size)
            self.used += r.size
            return r.base
        cls = _size_class(size)
        lst = self.free.get(cls)
        if lst:
            p = lst.pop()
            if zero:
                self.mem.write(p, bytes(cls))
        else:
            if self.cur + cls > self.cur_end:
                try:
                    self._new_segment(max(SEGMENT, cls))
                except OutOfGuestMemory:
                    return 0
            p = self.cur
            self.cur += cls
            # fresh memory is already zero
        self.live[p] = (size, cls)
        self.used += cls
        return p

    def free_block(self, ptr: int) -> bool:
        info = self.live.pop(ptr, None)
        if info is None:
            return False
        self.used -= info[1]
        if ptr in self.big:
            self.mem.release(self.big.pop(ptr))
            return True
        self.free.setdefault(info[1], []).append(ptr)
        return True

    def size(self, ptr: int) -> int:
        info = self.live.get(ptr)
        return -1 if info is None else info[0]

    def owns(self, ptr: int) -> bool:
        return ptr in self.live

    def realloc(self, ptr: int, size: int, zero: bool = False, in_place_only: bool = False) -> int:
        info = self.live.get(ptr)
        if info is None:
            return 0
        old, cls = info
        if size <= cls and (ptr not in self.big or size >= BIG):
            if zero and size > old:
                self.mem.write(ptr + old, bytes(size - old))
            self.live[ptr] = (size, cls)
            return ptr
        if in_place_only:
            return 0
        new = self.alloc(size, zero=False)
        if not new:
            return 0
        self.mem.write(new, self.mem.read(ptr, min(old, size)))
        if zero and size > old:
            self.mem.write(new + old, bytes(size - old))
        self.free_block(ptr)
        return new

    def largest_free(self) -> int:
        """Largest block that can be had without growing (what HeapCompact reports)."""
        biggest = max((c for c, lst in self.free.items() if lst), default=0)
        return max(biggest, self.cur_end - self.cur)

    def blocks(self):
        """(address, requested size, class size) of live blocks in address order (HeapWalk)."""
        return sorted((ptr, s, c) for ptr, (s, c) in self.live.items())

    def destroy(self):
        for r in list(self.big.values()):
            self.mem.release(r)
        for r in self.segments:
            self.mem.release(r)
        self.segments.clear()
        self.live.clear()
        self.free.clear()
        self.big.clear()
