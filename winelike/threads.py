"""Guest threads: TEB, stack, TLS slots, start-up.

For now the process runs its main thread only; the server issue brings more
(DESIGN.md "Threads").  Each Thread owns its TEB (FS on x86, GS on x64 points
at it) and stack, sized from the image header.
"""
from __future__ import annotations

import ctypes

from winelike.cpu.memory import PAGE_READWRITE, PAGE, GRANULARITY


class Thread:
    def __init__(self, proc, tid: int):
        self.proc = proc
        self.tid = tid
        self.teb_addr = 0
        self.teb = None
        self.stack_base = 0
        self.stack_limit = 0

    @classmethod
    def create_main(cls, proc) -> "Thread":
        t = cls(proc, proc.tid)
        info = proc.info
        t._alloc_teb()
        t._alloc_stack(max(info.stack_reserve, 0x10000), max(info.stack_commit, PAGE))
        proc.cpu.set_segment_base(t.teb_addr)
        proc.cpu.sp = (t.stack_base - 0x100) & ~0xF     # for DllMain/TLS callbacks before the entry
        return t

    def _alloc_teb(self):
        proc = self.proc
        L = proc.L
        size = ctypes.sizeof(L.TEB)
        region = proc.mem.reserve(None, size, PAGE_READWRITE, tag="TEB", top_down=True)
        self.teb_addr = region.base
        self.teb = L.TEB.from_buffer(region.mm, 0)
        teb = self.teb
        teb.Tib.Self = region.base
        teb.Tib.ExceptionList = 0xFFFFFFFF if proc.bits == 32 else 0
        teb.Peb = proc.peb_addr
        teb.ClientId.UniqueProcess = proc.pid
        teb.ClientId.UniqueThread = self.tid
        teb.CurrentLocale = 0x409
        teb.StaticUnicodeString.MaximumLength = 261 * 2
        teb.StaticUnicodeString.Buffer = region.base + L.TEB.StaticUnicodeBuffer.offset
        teb.TlsLinks.Flink = teb.TlsLinks.Blink = region.base + L.TEB.TlsLinks.offset

    def _alloc_stack(self, reserve: int, commit: int):
        reserve = (reserve + GRANULARITY - 1) & ~(GRANULARITY - 1)
        region = self.proc.mem.reserve(None, reserve, PAGE_READWRITE, tag="stack", top_down=True)
        self.stack_region = region
        self.stack_base = region.end
        self.stack_limit = region.base
        self.teb.Tib.StackBase = region.end
        self.teb.Tib.StackLimit = region.base
        self.teb.DeallocationStack = region.base

    tls_slots = 0     # length of the ThreadLocalStoragePointer array
    tls_ready = False

    def init_tls(self):
        proc = self.proc
        self.teb.ThreadLocalStoragePointer = proc.thread_tls_block()
        self.tls_slots = max((m.tls_index + 1 for m in proc.modules if m.tls_index is not None), default=0)
        self.tls_ready = True

    def add_tls_block(self, index: int, block: int):
        """Static TLS of a DLL loaded while this thread runs (LoadLibrary): grow the array if needed."""
        proc, p = self.proc, self.proc.ptr_size
        arr = self.teb.ThreadLocalStoragePointer
        if index >= self.tls_slots or not arr:
            n = max(index + 1, self.tls_slots * 2, 4)
            new = proc.heap_alloc(n * p, zero=True)
            if arr and self.tls_slots:
                proc.mem.write(new, proc.mem.read(arr, self.tls_slots * p))
            self.teb.ThreadLocalStoragePointer = arr = new
            self.tls_slots = n
        proc.mem.wptr(arr + index * p, block)

    def free_tls_block(self, index: int):
        arr = self.teb.ThreadLocalStoragePointer
        if arr and index < self.tls_slots:
            self.proc.mem.wptr(arr + index * self.proc.ptr_size, 0)

    @property
    def last_error(self) -> int:
        return self.teb.LastErrorValue

    @last_error.setter
    def last_error(self, v: int):
        self.teb.LastErrorValue = v & 0xFFFFFFFF

    def start(self, entry: int, arg: int = 0):
        """Run `entry(arg)` on this thread's stack; returning from it ends the thread."""
        proc = self.proc
        cpu = proc.cpu
        mem = proc.mem
        sp = (self.stack_base - 0x100) & ~0xF
        if proc.bits == 32:
            sp -= 8
            mem.w32(sp, proc.thread_ret)
            mem.w32(sp + 4, arg)
            cpu.set_reg("ebp", 0)
        else:
            sp -= 8
            mem.w64(sp, proc.thread_ret)
            cpu.set_reg("rcx", arg)
            cpu.set_reg("rbp", 0)
        cpu.sp = sp
        cpu.run(entry)
