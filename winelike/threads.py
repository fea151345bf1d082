"""Guest threads: TEB, stack, TLS slots, start-up, exit.

Each guest thread is a host thread with its own engine (winelike.sched explains how
they share the CPU).  A Thread owns its TEB (FS on x86, GS on x64 points at it) and
stack, sized from the image header or CreateThread's argument.

Ids: Windows process and thread ids share one namespace and are multiples of 4.
winelike derives them from the host's ids, which are unique among live host
processes and threads: process id = host pid * 8, thread id = host tid * 8 + 4.
So they are unique within the server too, without asking it.
"""
from __future__ import annotations

import ctypes
import os
import sys
import threading

from winelike import debug
from winelike.cpu.memory import PAGE_READWRITE, PAGE, GRANULARITY

ch = debug.Channel("thread")

STILL_ACTIVE = 259
exit_hooks: list = []     # f(proc, thread) when a thread has ended (kernel32: abandon its mutexes...)
DLL_THREAD_ATTACH, DLL_THREAD_DETACH = 2, 3


def process_id(host_pid: int) -> int:
    return (host_pid * 8) & 0xFFFFFFFF


def thread_id(host_tid: int) -> int:
    return (host_tid * 8 + 4) & 0xFFFFFFFF


class ThreadExit(BaseException):
    """Ends the guest thread it is raised in (ExitThread, TerminateThread, a returning start routine)."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


class Thread:
    def __init__(self, proc, tid: int):
        self.proc = proc
        self.tid = tid
        self.teb_addr = 0
        self.teb = None
        self.stack_base = 0
        self.stack_limit = 0
        self.cpu = None
        self.baton = threading.Lock()
        self.baton.acquire()              # released by the scheduler to hand this thread the CPU
        self.sched_state = "host"
        self.wait_keys = ()
        self.preempt = False
        self.exit_code = None             # set when the thread has ended
        self.kill = None                  # TerminateThread's exit code, acted on when the thread runs
        self.suspend_count = 0
        self.apcs: list = []              # (function, argument) queued by QueueUserAPC
        self.priority = 0
        self.host = None                  # the threading.Thread
        self.handle_obj = None            # the kernel object its handles refer to
        self.server_conn = None           # its connection to the server, made on first use

    @classmethod
    def create_main(cls, proc) -> "Thread":
        t = cls(proc, thread_id(os.getpid()))
        t.cpu = proc.main_cpu
        t.cpu.on_stop = t._on_stop
        info = proc.info
        t._alloc_teb()
        t._alloc_stack(max(info.stack_reserve, 0x10000), max(info.stack_commit, PAGE))
        t.cpu.set_segment_base(t.teb_addr)
        t.cpu.sp = (t.stack_base - 0x100) & ~0xF     # for DllMain/TLS callbacks before the entry
        proc.threads[t.tid] = t
        proc.local.thread = t
        proc.sched.acquire(t)
        return t

    @classmethod
    def spawn(cls, proc, entry: int, arg: int, stack_size: int = 0, suspended: bool = False) -> "Thread":
        """CreateThread: a new guest thread that runs entry(arg) once the caller lets it have the CPU."""
        t = cls(proc, 0)
        t.suspend_count = 1 if suspended else 0
        info = proc.info
        t.cpu = proc.new_cpu()
        t.cpu.on_stop = t._on_stop
        t.cpu.enable_preemption()
        proc.cpu.enable_preemption()          # the creating thread's engine (from its own hook: allowed)
        t._alloc_teb()
        reserve = max(info.stack_reserve, 0x10000)
        if stack_size > reserve:
            reserve = stack_size
        t._alloc_stack(reserve, max(info.stack_commit, PAGE))
        t.cpu.set_segment_base(t.teb_addr)
        t.cpu.sp = (t.stack_base - 0x100) & ~0xF     # for DLL_THREAD_ATTACH before the start routine
        t.entry, t.arg = entry, arg
        t.init_tls()
        started = threading.Event()
        t.host = threading.Thread(target=t._host_main, args=(started,), name=f"guest-thread", daemon=True)
        t.host.start()
        started.wait()
        t.tid = thread_id(t.host.native_id)
        t.teb.ClientId.UniqueThread = t.tid
        proc.threads[t.tid] = t
        proc.sched.threads += 1
        proc.sched.pin()                     # before the watchdog starts: it inherits the CPU
        if proc.sched._watchdog is None:
            from winelike.cpu.emu import set_yield_handler
            set_yield_handler(_yield_current)
            proc.sched.start_watchdog()
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

    # ---- running ----------------------------------------------------------------
    def _host_main(self, started):
        proc = self.proc
        proc.local.thread = self
        started.set()
        debug.set_thread_id(0)
        code = 0
        try:
            proc.sched.acquire(self)
            debug.set_thread_id(self.tid)
            self.on_resume()
            proc.thread_attach(self)
            self.start(self.entry, self.arg)
        except ThreadExit as e:
            code = e.code
        except BaseException as e:            # the process ends: a crash, ExitProcess, an internal error
            proc.thread_died(self, e)
            return
        self.finish(code)

    wait_deadline = None
    _resuming = False

    def on_resume(self):
        """Run with the CPU just (re)acquired: act on TerminateThread and SuspendThread
        (and, for the main thread, on another thread having ended the process)."""
        fatal = self.proc.fatal
        if fatal is not None:
            if self is self.proc.main_thread:
                raise fatal
            raise ThreadExit(0)
        if self.kill is not None and not self.proc.exiting:
            raise ThreadExit(self.kill)
        if self.suspend_count > 0 and not self._resuming:
            self._resuming = True
            try:
                self.proc.sched.wait(self, (("suspend", self),),
                                     lambda: self.suspend_count <= 0 or self.kill is not None)
            finally:
                self._resuming = False
            if self.kill is not None:
                raise ThreadExit(self.kill)

    def _on_stop(self) -> bool:
        """The engine stopped without a handler asking (a time slice ended, or Ctrl-C, whose
        KeyboardInterrupt Python raises on its own): give way, then resume."""
        self.proc.sched.yield_cpu(self)
        return True

    def finish(self, code: int):
        """The thread has ended (its DLL detach already ran): signal it, release the CPU."""
        proc = self.proc
        self.exit_code = code & 0xFFFFFFFF
        proc.threads.pop(self.tid, None)
        proc.on_thread_exit(self)
        if self.cpu is not proc.main_cpu:
            self.cpu.close()
        proc.sched.release(self, state="exited")

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


def exit_thread(t: Thread, code: int):
    """ExitThread: DLL_THREAD_DETACH (TLS callbacks, DllMain) on this thread, then end it.

    The last thread ending ends the process with its exit code, as on Windows.
    """
    proc = t.proc
    if len(proc.threads) <= 1:
        proc.terminate(code)
    proc.thread_detach(t)
    raise ThreadExit(code)


def _yield_current():
    """The trap's yield at the end of a time slice (see cpu.emu.request_yield)."""
    from winelike import process
    p = process.current
    t = getattr(p.local, "thread", None)
    if t is not None:
        p.sched.yield_cpu(t)
