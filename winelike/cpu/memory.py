"""Guest memory: host mmap buffers mapped into unicorn with mem_map_ptr.

Every guest allocation (a Windows "allocation" in VirtualAlloc terms: one
reservation with an AllocationBase) is one anonymous host mmap mapped into the
emulator once, with its page protections changed in place.  Python reads and
writes guest memory through these buffers directly (a u32 read is ~60 ns
instead of 1.2 µs through uc.mem_read) and the emulator sees the same bytes.
"""
from __future__ import annotations

import bisect
import ctypes
import mmap
import struct

PAGE = 0x1000
GRANULARITY = 0x10000

# Windows page protections (winnt.h)
PAGE_NOACCESS = 0x01
PAGE_READONLY = 0x02
PAGE_READWRITE = 0x04
PAGE_WRITECOPY = 0x08
PAGE_EXECUTE = 0x10
PAGE_EXECUTE_READ = 0x20
PAGE_EXECUTE_READWRITE = 0x40
PAGE_EXECUTE_WRITECOPY = 0x80
PAGE_GUARD = 0x100

MEM_COMMIT = 0x1000
MEM_RESERVE = 0x2000
MEM_FREE = 0x10000
MEM_PRIVATE = 0x20000
MEM_MAPPED = 0x40000
MEM_IMAGE = 0x1000000

# unicorn perms, restated so this module does not import unicorn
UC_READ, UC_WRITE, UC_EXEC = 1, 2, 4

_UC_FROM_PROT = {
    PAGE_NOACCESS: 0,
    PAGE_READONLY: UC_READ,
    PAGE_READWRITE: UC_READ | UC_WRITE,
    PAGE_WRITECOPY: UC_READ | UC_WRITE,
    PAGE_EXECUTE: UC_EXEC | UC_READ,
    PAGE_EXECUTE_READ: UC_EXEC | UC_READ,
    PAGE_EXECUTE_READWRITE: UC_EXEC | UC_READ | UC_WRITE,
    PAGE_EXECUTE_WRITECOPY: UC_EXEC | UC_READ | UC_WRITE,
}

VALID_PROTECTIONS = frozenset(_UC_FROM_PROT)


def uc_perms(protect: int) -> int:
    """unicorn permission bits for a Windows page protection (PAGE_GUARD etc. stripped)."""
    return _UC_FROM_PROT.get(protect & 0xFF, 0)


class GuestFault(Exception):
    """The guest handed us an address that is not mapped (an access violation)."""

    def __init__(self, address: int, access: str = "read"):
        super().__init__(f"page fault on {access} access to 0x{address:08x}")
        self.address = address
        self.access = access


class OutOfGuestMemory(Exception):
    pass


class Region:
    """One reservation: a host mmap of `size` bytes at guest `base`."""

    __slots__ = ("base", "size", "end", "mm", "host", "state", "prot", "alloc_prot", "kind", "tag")

    def __init__(self, base: int, size: int, kind: int, alloc_prot: int, tag: str = "", mm=None):
        self.base = base
        self.size = size
        self.end = base + size
        # `mm`: a caller's host mapping of `size` bytes (a file mapping's view, MapViewOfFile)
        self.mm = mm if mm is not None else mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
        self.host = ctypes.addressof(ctypes.c_char.from_buffer(self.mm))
        npages = size // PAGE
        self.state = bytearray([0]) * npages      # 0 reserved, 1 committed
        self.prot = [PAGE_NOACCESS] * npages      # per-page protection
        self.alloc_prot = alloc_prot
        self.kind = kind
        self.tag = tag


class GuestMemory:
    """The guest address space: a region map over host buffers.

    `backend` is the emulator side (cpu.emu.Cpu) with map_ptr/protect/unmap.
    """

    def __init__(self, backend, bits: int, limit: int = 2 << 30):
        self.backend = backend
        self.bits = bits
        self.ptr_size = bits // 8
        self.top = 0x7FFF0000 if bits == 32 else 0x7FFFFFFF0000
        self._bases: list[int] = []
        self._regions: list[Region] = []
        self._last: Region | None = None
        self.limit = limit          # cap on total reserved bytes (guards hostile images)
        self.reserved = 0

    # ---- region map -------------------------------------------------------
    def find(self, addr: int) -> Region | None:
        r = self._last
        if r is not None and r.base <= addr < r.end:
            return r
        i = bisect.bisect_right(self._bases, addr) - 1
        if i >= 0:
            r = self._regions[i]
            if addr < r.end:
                self._last = r
                return r
        return None

    def regions(self):
        return list(self._regions)

    def is_free(self, base: int, size: int) -> bool:
        if base < 0x10000 or base + size > self.top:
            return False
        i = bisect.bisect_right(self._bases, base + size - 1) - 1
        if i >= 0 and self._regions[i].end > base:
            return False
        return True

    def find_free(self, size: int, start: int = 0x10000, top_down: bool = False, align: int = GRANULARITY) -> int:
        size = _round_up(size, GRANULARITY)
        if top_down:
            cand = (self.top - size) & ~(align - 1)
            for r in reversed(self._regions):
                if r.base >= cand + size:
                    continue
                if r.end <= cand:
                    break
                cand = (r.base - size) & ~(align - 1)
            if cand >= start:
                return cand
            raise OutOfGuestMemory(f"no free range of 0x{size:x} bytes")
        cand = _round_up(start, align)
        for r in self._regions:
            if r.end <= cand:
                continue
            if r.base >= cand + size:
                break
            cand = _round_up(r.end, align)
        if cand + size > self.top:
            raise OutOfGuestMemory(f"no free range of 0x{size:x} bytes")
        return cand

    def reserve(self, base: int | None, size: int, protect: int = PAGE_READWRITE,
                kind: int = MEM_PRIVATE, commit: bool = True, tag: str = "",
                top_down: bool = False, start: int = 0x10000, mm=None) -> Region:
        """Reserve (and optionally commit) a region; base None picks a free range."""
        size = _round_up(max(size, 1), PAGE)
        if base is None:
            base = self.find_free(size, start=start, top_down=top_down)
        elif base % PAGE or not self.is_free(base, size):
            raise OutOfGuestMemory(f"range 0x{base:x}+0x{size:x} is not free")
        if self.reserved + size > self.limit:
            raise OutOfGuestMemory(f"guest memory limit of {self.limit >> 20} MB reached")
        r = Region(base, size, kind, protect, tag, mm)
        self.backend.map_ptr(base, size, 0, r.host)
        idx = bisect.bisect_right(self._bases, base)
        self._bases.insert(idx, base)
        self._regions.insert(idx, r)
        self.reserved += size
        if commit:
            self.commit(base, size, protect)
        return r

    def commit(self, addr: int, size: int, protect: int) -> None:
        r = self.find(addr)
        if r is None or addr + size > r.end:
            raise GuestFault(addr, "commit")
        first = (addr - r.base) // PAGE
        last = (addr + size - 1 - r.base) // PAGE
        for p in range(first, last + 1):
            r.state[p] = 1
            r.prot[p] = protect
        start = r.base + first * PAGE
        self.backend.protect(start, (last - first + 1) * PAGE, uc_perms(protect))

    def decommit(self, addr: int, size: int) -> None:
        r = self.find(addr)
        first = (addr - r.base) // PAGE
        last = (addr + size - 1 - r.base) // PAGE
        for p in range(first, last + 1):
            r.state[p] = 0
            r.prot[p] = PAGE_NOACCESS
        start = r.base + first * PAGE
        n = (last - first + 1) * PAGE
        r.mm[start - r.base:start - r.base + n] = bytes(n)
        self.backend.protect(start, n, 0)

    def protect(self, addr: int, size: int, protect: int) -> int:
        """Change protections of committed pages; returns the old protection of the first."""
        r = self.find(addr)
        first = (addr - r.base) // PAGE
        last = (addr + size - 1 - r.base) // PAGE
        old = r.prot[first]
        for p in range(first, last + 1):
            r.prot[p] = protect
        self.backend.protect(r.base + first * PAGE, (last - first + 1) * PAGE, uc_perms(protect))
        return old

    def release(self, region: Region) -> None:
        i = self._regions.index(region)
        del self._regions[i]
        del self._bases[i]
        self.backend.unmap(region.base, region.size)
        self.reserved -= region.size
        if self._last is region:
            self._last = None

    # ---- access -------------------------------------------------------------
    def _slow(self, addr: int, n: int, access: str) -> list[tuple[Region, int, int]]:
        parts = []
        while n > 0:
            r = self.find(addr)
            if r is None:
                raise GuestFault(addr, access)
            off = addr - r.base
            take = min(n, r.size - off)
            parts.append((r, off, take))
            addr += take
            n -= take
        return parts

    def read(self, addr: int, n: int) -> bytes:
        r = self.find(addr)
        if r is not None and addr + n <= r.end:
            off = addr - r.base
            return r.mm[off:off + n]
        return b"".join(r.mm[o:o + t] for r, o, t in self._slow(addr, n, "read"))

    def write(self, addr: int, data) -> None:
        n = len(data)
        r = self.find(addr)
        if r is not None and addr + n <= r.end:
            off = addr - r.base
            r.mm[off:off + n] = data
            return
        data = bytes(data)
        pos = 0
        for r, o, t in self._slow(addr, n, "write"):
            r.mm[o:o + t] = data[pos:pos + t]
            pos += t

    def fill(self, addr: int, value: int, n: int) -> None:
        self.write(addr, bytes([value & 0xFF]) * n)

    def u8(self, addr):
        return self.read(addr, 1)[0]

    def u16(self, addr):
        r = self.find(addr)
        if r is not None and addr + 2 <= r.end:
            return _U16.unpack_from(r.mm, addr - r.base)[0]
        return _U16.unpack(self.read(addr, 2))[0]

    def u32(self, addr):
        r = self.find(addr)
        if r is not None and addr + 4 <= r.end:
            return _U32.unpack_from(r.mm, addr - r.base)[0]
        return _U32.unpack(self.read(addr, 4))[0]

    def u64(self, addr):
        r = self.find(addr)
        if r is not None and addr + 8 <= r.end:
            return _U64.unpack_from(r.mm, addr - r.base)[0]
        return _U64.unpack(self.read(addr, 8))[0]

    def i32(self, addr):
        v = self.u32(addr)
        return v - (1 << 32) if v & 0x80000000 else v

    def ptr(self, addr):
        return self.u32(addr) if self.ptr_size == 4 else self.u64(addr)

    def w8(self, addr, v):
        self.write(addr, bytes((v & 0xFF,)))

    def w16(self, addr, v):
        self.write(addr, _U16.pack(v & 0xFFFF))

    def w32(self, addr, v):
        r = self.find(addr)
        if r is not None and addr + 4 <= r.end:
            _U32.pack_into(r.mm, addr - r.base, v & 0xFFFFFFFF)
        else:
            self.write(addr, _U32.pack(v & 0xFFFFFFFF))

    def w64(self, addr, v):
        self.write(addr, _U64.pack(v & 0xFFFFFFFFFFFFFFFF))

    def wptr(self, addr, v):
        if self.ptr_size == 4:
            self.w32(addr, v)
        else:
            self.w64(addr, v)

    def f64(self, addr):
        return struct.unpack("<d", self.read(addr, 8))[0]

    def cstr(self, addr: int, limit: int = 1 << 24) -> bytes:
        """NUL-terminated byte string at addr (without the NUL)."""
        r = self.find(addr)
        if r is None:
            raise GuestFault(addr, "read")
        off = addr - r.base
        end = r.mm.find(b"\0", off, min(r.size, off + limit))
        if end >= 0:
            return r.mm[off:end]
        out = bytearray()
        while len(out) < limit:
            b = self.read(addr + len(out), 1)
            if b == b"\0":
                break
            out += b
        return bytes(out)

    def wstr_bytes(self, addr: int, limit: int = 1 << 23) -> bytes:
        """NUL-terminated UTF-16LE string at addr, as raw bytes (without the NUL)."""
        r = self.find(addr)
        if r is None:
            raise GuestFault(addr, "read")
        off = addr - r.base
        pos = off
        stop = min(r.size, off + 2 * limit)
        while True:
            end = r.mm.find(b"\0\0", pos, stop)
            if end < 0:
                break
            if (end - off) % 2 == 0:
                return r.mm[off:end]
            pos = end + 1
        out = bytearray()
        while len(out) < 2 * limit:
            b = self.read(addr + len(out), 2)
            if b == b"\0\0":
                break
            out += b
        return bytes(out)

    def wstr(self, addr: int, limit: int = 1 << 23) -> str:
        return self.wstr_bytes(addr, limit).decode("utf-16-le", "surrogatepass")

    def write_cstr(self, addr: int, s: bytes) -> None:
        self.write(addr, s + b"\0")

    def write_wstr(self, addr: int, s: str) -> None:
        self.write(addr, s.encode("utf-16-le", "surrogatepass") + b"\0\0")

    def query(self, addr: int):
        """(base, alloc_base, alloc_prot, size, state, protect, type) as VirtualQuery sees addr."""
        r = self.find(addr)
        page = addr & ~(PAGE - 1)
        if r is None:
            i = bisect.bisect_right(self._bases, addr)
            nxt = self._regions[i].base if i < len(self._regions) else self.top
            return (page, 0, 0, nxt - page, MEM_FREE, PAGE_NOACCESS, 0)
        p = (page - r.base) // PAGE
        st, pr = r.state[p], r.prot[p]
        q = p
        n = len(r.state)
        while q < n and r.state[q] == st and r.prot[q] == pr:
            q += 1
        state = MEM_COMMIT if st else MEM_RESERVE
        return (page, r.base, r.alloc_prot, (q - p) * PAGE, state, pr if st else 0, r.kind)


def _round_up(v: int, a: int) -> int:
    return (v + a - 1) & ~(a - 1)


_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")
