"""The emulated CPU: the only place that talks to unicorn.

A `Cpu` owns one unicorn engine.  Built-in DLL exports are 16-byte thunks
inside guest memory; one UC_HOOK_CODE limited to the thunk range traps every
call (DESIGN.md decisions 1-2).  The hook is either the compiled cffi helper
(`_fasttrap`) or a ctypes callback (the pure-Python path); both look the thunk
address up in the process's handler table, call `handler(sp, a0, a1, a2, a3)` once
per call and write its result to EAX:EDX / RAX, so a handler never touches
registers for an ordinary return.
"""
from __future__ import annotations

import ctypes
import os
import struct
import threading

import unicorn
from unicorn import Uc, UcError, UC_ARCH_X86, UC_MODE_32, UC_MODE_64, UC_HOOK_CODE
from unicorn import unicorn_const as ucc
from unicorn import x86_const as X

from .memory import GuestMemory, GuestFault, uc_perms

_uclib = unicorn.unicorn_py3.unicorn.uclib
_raw = ctypes.CDLL(_uclib._name)        # the same library, without argtypes: faster calls
_raw_reg_read = _raw.uc_reg_read
_raw_reg_write = _raw.uc_reg_write
_raw_emu_stop = _raw.uc_emu_stop

_HOOK_CODE_CB = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_uint64, ctypes.c_uint32, ctypes.c_void_p)
_MEM_INVALID_CB = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_int, ctypes.c_uint64, ctypes.c_int,
                                   ctypes.c_int64, ctypes.c_void_p)

REGS = {name[len("UC_X86_REG_"):].lower(): getattr(X, name)
        for name in dir(X) if name.startswith("UC_X86_REG_")}

UC_ERR_NAMES = {getattr(ucc, n): n for n in dir(ucc) if n.startswith("UC_ERR_")}

_fast = None
_fast_error = None
SERVER_SPIN = 200       # the C server path's non-blocking reads before poll() (~0.15 us each; see client.SPIN)


def _load_fast():
    global _fast, _fast_error
    if os.environ.get("WINELIKE_TRAP") == "python":
        _fast_error = "disabled by WINELIKE_TRAP=python"
        return None
    try:
        from . import _fasttrap  # type: ignore[attr-defined]
        _fast = _fasttrap
    except ImportError as e:  # no compiler at install time
        _fast_error = str(e)
    return _fast


def trap_kind() -> str:
    """Which API-trap path this process uses: 'cffi' or 'python' (shown by `winelike info`)."""
    if _fast is None and _fast_error is None:
        _load_fast()
    return "cffi" if _fast is not None else "python"


class EmulationError(Exception):
    """The guest CPU stopped on something other than a clean exit (a crash)."""

    def __init__(self, message, address=None, kind=None):
        super().__init__(message)
        self.address = address
        self.kind = kind


class Engines:
    """The memory backend of one address space shared by several engines (one per guest thread).

    Each guest thread has its own unicorn engine over the same host buffers.  A map,
    protect or unmap applies at once to the engine of the calling thread (the one
    holding the CPU, see winelike.sched) and is logged for the others, which replay the
    log when they next get the CPU (`sync`): an engine is never touched from another
    host thread.  With one engine there is no log at all.
    """

    def __init__(self):
        self.cpus: list = []
        self.log: list = []         # (method name, args)
        self.log_base = 0           # log position of log[0]
        self.local = threading.local()

    def current(self):
        cpu = getattr(self.local, "cpu", None)
        return cpu if cpu is not None else self.cpus[0]

    def _op(self, name, args):
        if len(self.cpus) == 1:
            getattr(self.cpus[0], "_" + name)(*args)
            return
        self.log.append((name, args))
        self.sync(self.current())

    def map_ptr(self, base, size, perms, host):
        self._op("map_ptr", (base, size, perms, host))

    def protect(self, base, size, perms):
        self._op("protect", (base, size, perms))

    def unmap(self, base, size):
        self._op("unmap", (base, size))

    def sync(self, cpu) -> None:
        end = self.log_base + len(self.log)
        if cpu.synced == end:
            return
        for name, args in self.log[cpu.synced - self.log_base:]:
            getattr(cpu, "_" + name)(*args)
        cpu.synced = end
        low = min(c.synced for c in self.cpus)
        if low > self.log_base:
            del self.log[:low - self.log_base]
            self.log_base = low

    def attach(self, cpu, mem) -> None:
        """A new engine: map every current region with its page protections."""
        for r in mem.regions():
            cpu._map_ptr(r.base, r.size, 0, r.host)
            run_start, run_perm = 0, None
            for i in range(len(r.prot) + 1):
                perm = uc_perms(r.prot[i]) if i < len(r.prot) and r.state[i] else (0 if i < len(r.prot) else None)
                if perm != run_perm:
                    if run_perm:
                        cpu._protect(r.base + run_start * 0x1000, (i - run_start) * 0x1000, run_perm)
                    run_start, run_perm = i, perm
        cpu.synced = self.log_base + len(self.log)
        self.cpus.append(cpu)

    def detach(self, cpu) -> None:
        if cpu in self.cpus and len(self.cpus) > 1:
            self.cpus.remove(cpu)
            if self.local.__dict__.get("cpu") is cpu:
                self.local.cpu = None


class Cpu:
    def __init__(self, bits: int, mem_limit: int = 2 << 30, share: "Cpu | None" = None):
        """An engine; with `share`, one more engine over the same address space (a new thread)."""
        self.bits = bits
        self.uc = Uc(UC_ARCH_X86, UC_MODE_32 if bits == 32 else UC_MODE_64)
        self._uch = self.uc._uch
        self.synced = 0
        if share is None:
            self.engines = Engines()
            self.mem = GuestMemory(self.engines, bits, limit=mem_limit)
            self.engines.cpus.append(self)
        else:
            self.engines = share.engines
            self.mem = share.mem
            self.engines.attach(self, self.mem)
        self.ptr_size = bits // 8
        self.pending: BaseException | None = None   # exception raised by a handler, re-raised by run()
        self._hooks = []
        self._buf = ctypes.c_uint64()
        if bits == 32:
            self.r_sp, self.r_pc, self.r_ret = X.UC_X86_REG_ESP, X.UC_X86_REG_EIP, X.UC_X86_REG_EAX
        else:
            self.r_sp, self.r_pc, self.r_ret = X.UC_X86_REG_RSP, X.UC_X86_REG_RIP, X.UC_X86_REG_RAX
        self.fault: tuple | None = None
        self._dispatch = None
        self._table = self._on_error = None
        # invalid-access hook (never runs on valid accesses, so it costs the guest nothing); registered
        # through the raw library: the binding's hook_add takes ~7 ms, a visible share of start-up
        self._fault_cb = _MEM_INVALID_CB(self._on_fault)
        fh = ctypes.c_size_t()
        _raw.uc_hook_add(self._uch, ctypes.byref(fh), ctypes.c_int(ucc.UC_HOOK_MEM_UNMAPPED | ucc.UC_HOOK_MEM_PROT),
                         self._fault_cb, ctypes.c_void_p(0), ctypes.c_uint64(1), ctypes.c_uint64(0))

    # ---- memory (applied by Engines, the backend GuestMemory writes through) --------
    def _map_ptr(self, base, size, perms, host):
        self.uc.mem_map_ptr(base, size, perms, host)

    def _protect(self, base, size, perms):
        self.uc.mem_protect(base, size, perms)

    def _unmap(self, base, size):
        self.uc.mem_unmap(base, size)

    def sync_memory(self) -> None:
        """Apply what other threads changed in the address space (call with the CPU held)."""
        self.engines.local.cpu = self
        self.engines.sync(self)

    def close(self) -> None:
        """This thread is gone: the engine leaves the address space (its memory stays)."""
        self.engines.detach(self)

    # ---- registers ---------------------------------------------------------
    def reg(self, name: str) -> int:
        return self.uc.reg_read(REGS[name])

    def set_reg(self, name: str, value: int) -> None:
        self.uc.reg_write(REGS[name], value)

    @property
    def sp(self) -> int:
        _raw_reg_read(self._uch, self.r_sp, ctypes.byref(self._buf))
        return self._buf.value & (0xFFFFFFFF if self.bits == 32 else 0xFFFFFFFFFFFFFFFF)

    @sp.setter
    def sp(self, v):
        self._buf.value = v
        _raw_reg_write(self._uch, self.r_sp, ctypes.byref(self._buf))

    @property
    def pc(self) -> int:
        return self.uc.reg_read(self.r_pc)

    def set_pc(self, v):
        # A single reg_write: a PC written with reg_write_batch inside a hook is undone (unicorn 2.1.4).
        self.uc.reg_write(self.r_pc, v)

    def set_float_return(self, value: float, single: bool = False) -> None:
        """Return a double (or with single=True a float): ST0 on x86, the low lane of XMM0 on x64."""
        if single:
            try:
                bits = struct.unpack("<I", struct.pack("<f", value))[0]
            except OverflowError:           # too large for a float: infinity, as the FPU rounds it
                bits = 0xFF800000 if value < 0 else 0x7F800000
        if self.bits == 32:
            self._push_st0(struct.unpack("<f", struct.pack("<I", bits))[0] if single else value)
        elif single:
            self.uc.reg_write(X.UC_X86_REG_XMM0, bits)
        else:
            self.uc.reg_write(X.UC_X86_REG_XMM0, struct.unpack("<Q", struct.pack("<d", value))[0])

    def _push_st0(self, value: float):
        # Load the value onto the x87 stack by emulating `fld qword [scratch]` is costly;
        # unicorn exposes ST0 directly as an (mantissa, exponent) pair.
        mant, exp = _f64_to_f80(value)
        fpsw = self.uc.reg_read(X.UC_X86_REG_FPSW)
        top = ((fpsw >> 11) - 1) & 7
        self.uc.reg_write(X.UC_X86_REG_FPSW, (fpsw & ~0x3800) | (top << 11))
        self.uc.reg_write(X.UC_X86_REG_FP0 + top, (mant, exp))
        ftw = self.uc.reg_read(X.UC_X86_REG_FPTAG)
        self.uc.reg_write(X.UC_X86_REG_FPTAG, ftw & ~(3 << (2 * top)))

    def xmm_double(self, n: int) -> float:
        v = self.uc.reg_read(X.UC_X86_REG_XMM0 + n)
        return struct.unpack("<d", struct.pack("<Q", v & 0xFFFFFFFFFFFFFFFF))[0]

    def set_segment_base(self, teb: int) -> None:
        if self.bits == 32:
            self._setup_gdt_fs(teb)
        else:
            self.uc.reg_write(X.UC_X86_REG_GS_BASE, teb)

    def _setup_gdt_fs(self, teb: int) -> None:
        """x86: FS must point at the TEB; unicorn needs a GDT for that in 32-bit mode."""
        gdt_base = self.mem.reserve(None, 0x1000, protect=0x04, tag="gdt", top_down=True).base
        self.engines.sync(self)      # a new thread's engine, not running yet: map the GDT page in it now
        def entry(base, limit, access, flags):
            return struct.pack("<HHBBBB", limit & 0xFFFF, base & 0xFFFF, (base >> 16) & 0xFF,
                               access, ((limit >> 16) & 0xF) | (flags << 4), (base >> 24) & 0xFF)
        gdt = bytearray(8 * 8)
        gdt[1 * 8:2 * 8] = entry(0, 0xFFFFF, 0xFB, 0xC)       # user code 0x0b
        gdt[2 * 8:3 * 8] = entry(0, 0xFFFFF, 0xF3, 0xC)       # user data 0x13
        gdt[3 * 8:4 * 8] = entry(teb, 0xFFF, 0xF3, 0x4)       # fs 0x1b
        gdt[4 * 8:5 * 8] = entry(0, 0xFFFFF, 0x93, 0xC)       # ring0 data 0x20 (for ss load)
        self.mem.write(gdt_base, bytes(gdt))
        self.uc.reg_write(X.UC_X86_REG_GDTR, (0, gdt_base, len(gdt) - 1, 0x0))
        self.uc.reg_write(X.UC_X86_REG_SS, 0x20)
        self.uc.reg_write(X.UC_X86_REG_FS, 0x1B)
        self.uc.reg_write(X.UC_X86_REG_DS, 0x13)
        self.uc.reg_write(X.UC_X86_REG_ES, 0x13)
        self.uc.reg_write(X.UC_X86_REG_GS, 0x13)

    # ---- traps -------------------------------------------------------------
    def install_trap(self, begin: int, end: int, dispatch, table=None, on_error=None) -> str:
        """Trap every instruction fetched in [begin, end] into dispatch(addr, sp, a0..a3).

        With `table` (a dict address -> handler(sp, a0..a3), kept up to date by the caller)
        and `on_error(addr, exc) -> int`, the trap does what such a dispatch does without
        calling it: `table[addr](sp, a0..a3)`, and on_error(addr, e) for a missing entry
        (KeyError) or any exception the handler raises; it saves one Python call per trap.
        """
        fast = _fast if _fast is not None else (None if _fast_error else _load_fast())
        h = ctypes.c_size_t()
        self._dispatch = dispatch
        self._table, self._on_error = (table, on_error) if table is not None and on_error is not None else (None, None)
        ud = 0
        if fast is not None:
            _init_fast(fast, self.bits)
            cb = ctypes.c_void_p(fast.lib.wl_hook_ptr())
            kind = "cffi"
            bind_dispatcher(self)
            self._srv = fast.ffi.new("struct wl_srv *")     # this engine's server fast path, off
            self._srv.wfd = self._srv.rfd = -1
            self._srv.spin = SERVER_SPIN
            ud = int(fast.ffi.cast("uintptr_t", self._srv))
        else:
            cb = _HOOK_CODE_CB(self._python_hook())
            kind = "python"
        err = _raw.uc_hook_add(self._uch, ctypes.byref(h), ctypes.c_int(UC_HOOK_CODE), cb,
                               ctypes.c_void_p(ud), ctypes.c_uint64(begin), ctypes.c_uint64(end))
        if err:
            raise EmulationError(f"uc_hook_add failed: {UC_ERR_NAMES.get(err, err)}")
        self._hooks.append(cb)
        return kind

    _srv = None

    def server_fast_path(self, ops, wfd: int, rfd: int, lasterr_host: int) -> bool:
        """Let the compiled trap make the requests of `ops` [(thunk address, opcode, reply
        frame length)] itself on this engine's thread's pipes (fasttrap_build: "Server
        requests in C"); `lasterr_host` is the host address of the thread's
        TEB.LastErrorValue.  False without the compiled helper (the Python handlers then
        make every request)."""
        s = self._srv
        if s is None:
            return False
        ops = list(ops)[:8]
        for i, (addr, opcode, rlen) in enumerate(ops):
            s.op_addr[i], s.op_code[i], s.op_rlen[i] = addr, opcode, rlen
        s.lasterr = _fast.ffi.cast("uint32_t *", lasterr_host)
        s.rfd, s.wfd = rfd, wfd
        s.nops = len(ops)
        return True

    def server_fast_path_off(self) -> None:
        """Before the pipes close: the C path must never write to a reused descriptor."""
        if self._srv is not None:
            self._srv.nops = 0
            self._srv.wfd = self._srv.rfd = -1

    @property
    def server_fast_calls(self) -> int:
        return self._srv.fast_calls if self._srv is not None else 0

    preemptible = False

    def enable_preemption(self) -> bool:
        """Let the watchdog stop guest code that makes no API call (request_preempt).

        A block hook in the compiled helper stops the engine at the start of the next block
        when asked; it costs a little per block, so only processes with several threads
        get it.  Without the helper, guest code is preempted at API calls only.
        """
        if self.preemptible:
            return True
        fast = _fast if _fast is not None else (None if _fast_error else _load_fast())
        if fast is None:
            return False
        h = ctypes.c_size_t()
        err = _raw.uc_hook_add(self._uch, ctypes.byref(h), ctypes.c_int(ucc.UC_HOOK_BLOCK),
                               ctypes.c_void_p(fast.lib.wl_block_ptr()), ctypes.c_void_p(0),
                               ctypes.c_uint64(1), ctypes.c_uint64(0))
        if err:
            return False
        self.uc.ctl_flush_tb()          # blocks translated before the hook existed must see it
        self.preemptible = True
        return True

    def bind_thread(self, dispatch=None):
        """Make this CPU's dispatcher the one the trap calls (see bind_dispatcher)."""
        if dispatch is not None:
            self._dispatch = dispatch
        bind_dispatcher(self)

    def _python_hook(self):
        """The pure-Python trap: a ctypes UC_HOOK_CODE callback doing table[addr](sp, a0..a3).

        Registers go through one uc_reg_read_batch / uc_reg_write_batch call each way on
        preallocated ctypes arrays (each ctypes call costs ~0.3 us; a batch barely more), and
        the arrays are read/written with struct (iterating a ctypes array is ~10x slower).
        """
        mem = self.mem
        uch = self._uch
        table, on_error = self._table, self._on_error
        if table is None:
            table, on_error = _DispatchTable(self._dispatch), _reraise
        if self.bits == 32:
            esp, eax, edx = X.UC_X86_REG_ESP, X.UC_X86_REG_EAX, X.UC_X86_REG_EDX
            unpack = struct.Struct("<4I").unpack_from
            buf = ctypes.c_uint64()
            pbuf = ctypes.byref(buf)
            rr = _raw_reg_read
            wregs = (ctypes.c_int * 2)(eax, edx)
            wvals = (ctypes.c_uint32 * 2)()
            wptrs = (ctypes.c_void_p * 2)(ctypes.addressof(wvals), ctypes.addressof(wvals) + 4)
            wb = _raw.uc_reg_write_batch
            pack_ret = struct.Struct("<II").pack_into

            def hook(uc, addr, size, ud):
                buf.value = 0
                rr(uch, esp, pbuf)
                sp = buf.value
                r = mem.find(sp + 4)
                if r is not None and sp + 20 <= r.end:
                    a0, a1, a2, a3 = unpack(r.mm, sp + 4 - r.base)
                else:
                    a0 = a1 = a2 = a3 = 0
                try:
                    res = table[addr](sp, a0, a1, a2, a3)
                except BaseException as e:
                    res = on_error(addr, e)
                pack_ret(wvals, 0, res & 0xFFFFFFFF, (res >> 32) & 0xFFFFFFFF)
                wb(uch, wregs, wptrs, 2)
                _py_state[0] += 1
                if _py_state[1]:
                    _py_yield(addr, on_error)
        else:
            rregs = (ctypes.c_int * 5)(X.UC_X86_REG_RSP, X.UC_X86_REG_RCX, X.UC_X86_REG_RDX,
                                       X.UC_X86_REG_R8, X.UC_X86_REG_R9)
            rvals = (ctypes.c_uint64 * 5)()
            rptrs = (ctypes.c_void_p * 5)(*[ctypes.addressof(rvals) + 8 * i for i in range(5)])
            rb = _raw.uc_reg_read_batch
            unpack5 = struct.Struct("<5Q").unpack_from
            rax = X.UC_X86_REG_RAX
            buf = ctypes.c_uint64()
            pbuf = ctypes.byref(buf)
            rw = _raw_reg_write

            def hook(uc, addr, size, ud):
                rb(uch, rregs, rptrs, 5)
                sp, a0, a1, a2, a3 = unpack5(rvals)
                try:
                    res = table[addr](sp, a0, a1, a2, a3)
                except BaseException as e:
                    res = on_error(addr, e)
                buf.value = res & 0xFFFFFFFFFFFFFFFF
                rw(uch, rax, pbuf)
                _py_state[0] += 1
                if _py_state[1]:
                    _py_yield(addr, on_error)
        return hook

    # ---- running -----------------------------------------------------------
    def stop(self):
        _raw_emu_stop(self._uch)

    def stop_on_signals(self, signums=(2, 15), stop=None) -> None:
        """Let Ctrl-C (and SIGTERM) stop guest code that never calls an API.

        Python runs signal handlers only between bytecodes, and a guest spinning inside
        emu_start never returns to the interpreter.  Python's C-level handler writes the
        signal number to a wakeup fd; a watcher thread reading it stops the emulator, and
        the interpreter then raises KeyboardInterrupt (or runs the SIGTERM handler) as usual.
        """
        import signal
        import socket
        import threading
        if threading.current_thread() is not threading.main_thread():
            return
        r, w = socket.socketpair()
        w.setblocking(False)
        try:
            signal.set_wakeup_fd(w.fileno(), warn_on_full_buffer=False)
        except ValueError:
            r.close()
            w.close()
            return
        self._signal_socks = (r, w)
        wanted = set(signums)

        def watch():
            while True:
                try:
                    data = r.recv(64)
                except OSError:
                    return
                if not data:
                    return
                if wanted.intersection(data):
                    (stop or self.stop)()

        threading.Thread(target=watch, name="winelike-signals", daemon=True).start()

    def _on_fault(self, uc, access, address, size, value, ud):
        self.fault = (access, address, size)
        return False

    def run(self, start: int) -> None:
        """Run guest code from `start` until a handler stops it; re-raise a handler's exception."""
        self._emulate(start)

    # Set by the thread that owns this engine: called when emulation stopped without
    # finishing (no handler asked for it); returns True to resume at the current PC (the
    # stop was a time slice ending), False to return to the caller (Ctrl-C).
    on_stop = None
    cb_returned = False

    def _emulate(self, start: int, nested: bool = False) -> None:
        """emu_start from `start`; a handler's exception or a CPU fault comes back as an exception.

        nested: a callback (call()): done only once its return thunk ran; a stop before
        that (the end of a time slice) resumes it.
        """
        self.fault = None
        if _bound is not self._dispatch and self._dispatch is not None:
            bind_dispatcher(self)
        pc = start
        while True:
            try:
                self.uc.emu_start(pc, 0)
            except UcError as e:
                if self.pending is not None:
                    self._raise_pending()
                raise self._crash(e) from None
            if self.pending is not None:
                self._raise_pending()
            if nested and self.cb_returned:
                return
            on_stop = self.on_stop
            if on_stop is None or not on_stop():
                return
            pc = self.pc

    def _raise_pending(self):
        exc, self.pending = self.pending, None
        raise exc

    def _crash(self, e: UcError) -> EmulationError:
        pc = self.pc
        if self.fault is not None:
            access, address, _ = self.fault
            what = {ucc.UC_MEM_READ_UNMAPPED: "read", ucc.UC_MEM_WRITE_UNMAPPED: "write",
                    ucc.UC_MEM_FETCH_UNMAPPED: "execute", ucc.UC_MEM_READ_PROT: "read",
                    ucc.UC_MEM_WRITE_PROT: "write", ucc.UC_MEM_FETCH_PROT: "execute"}.get(access, "access")
            return EmulationError(f"page fault on {what} access to 0x{address:0{self.bits // 4}x} "
                                  f"in {self.bits}-bit code (0x{pc:0{self.bits // 4}x})", pc, "fault")
        name = UC_ERR_NAMES.get(e.errno, str(e.errno))
        if e.errno == ucc.UC_ERR_INSN_INVALID:
            return EmulationError(f"illegal instruction at 0x{pc:0{self.bits // 4}x}", pc, "illegal")
        return EmulationError(f"CPU stopped: {name} at 0x{pc:0{self.bits // 4}x}", pc, name)

    def call(self, fn: int, args=(), ret_thunk: int = 0) -> int:
        """Call guest code fn(*args) and return its EAX/RAX; usable from inside a handler.

        Saves the whole CPU context, lays out a frame under the current stack with
        `ret_thunk` as the return address (a thunk whose handler stops emulation),
        runs a nested emu_start, and restores the context.  stdcall and cdecl
        callees both work: the caller's ESP is restored from the saved context.
        """
        ctx = self.uc.context_save()
        try:
            sp = (self.sp - 0x100) & ~0xF
            mem = self.mem
            if self.bits == 32:
                frame = struct.pack(f"<{1 + len(args)}I", ret_thunk, *[a & 0xFFFFFFFF for a in args])
                sp -= len(frame)
                mem.write(sp, frame)
            else:
                nstack = max(4, len(args))
                sp -= 8 * nstack + 8
                sp &= ~0xF
                sp -= 8
                regs = (X.UC_X86_REG_RCX, X.UC_X86_REG_RDX, X.UC_X86_REG_R8, X.UC_X86_REG_R9)
                for i, a in enumerate(args):
                    a &= 0xFFFFFFFFFFFFFFFF
                    if i < 4:
                        self.uc.reg_write(regs[i], a)
                    mem.w64(sp + 8 + 8 * i, a)
                mem.w64(sp, ret_thunk)
            self.sp = sp
            outer, self.cb_returned = self.cb_returned, False
            try:
                self._emulate(fn, nested=True)
            finally:
                self.cb_returned = outer
            if self.bits == 32:
                return self.uc.reg_read(X.UC_X86_REG_EAX) | (self.uc.reg_read(X.UC_X86_REG_EDX) << 32)
            return self.uc.reg_read(X.UC_X86_REG_RAX)
        finally:
            self.uc.context_restore(ctx)

    def disassemble(self, addr: int, count: int = 6) -> list[str]:
        try:
            import capstone
            md = capstone.Cs(capstone.CS_ARCH_X86, capstone.CS_MODE_32 if self.bits == 32 else capstone.CS_MODE_64)
            code = self.mem.read(addr, 16 * count)
        except (ImportError, GuestFault):
            return []
        out = []
        for ins in md.disasm(code, addr):
            out.append(f"0x{ins.address:0{self.bits // 4}x}: {ins.mnemonic} {ins.op_str}".rstrip())
            if len(out) >= count:
                break
        return out

    def register_dump(self) -> str:
        names = (["eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip", "eflags"] if self.bits == 32 else
                 ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11",
                  "r12", "r13", "r14", "r15", "rip", "rflags"])
        w = self.bits // 4
        parts = [f"{n}={self.reg(n):0{w}x}" for n in names]
        return "\n".join(" ".join(parts[i:i + 4]) for i in range(0, len(parts), 4))


# ---- which Python callable the compiled trap calls ---------------------------------
#
# The cffi helper's hook makes one call per API call to its `extern "Python"` entry point,
# and that entry point IS the dispatcher (Process._dispatch): no lookup per call.  There is
# one entry point per host process, so it is bound to one CPU at a time; Cpu.run() and
# Cpu.call() rebind it when another CPU (another Process in the same interpreter) runs.
#
# PER-THREAD DISPATCH GOES HERE.  Guest threads run either on a scheduler in one host
# thread (then: call bind_dispatcher for the CPU of the guest thread being switched in,
# a no-op when it is the same) or one host thread per guest thread, each with its own
# engine (then: bind a small function that picks the dispatcher from a threading.local,
# at the cost of that lookup per call).  The pure-Python hook is a closure per CPU and
# needs nothing of this.

# ---- preemption at API calls ----------------------------------------------------------
#
# A thread's time slice ends by stopping its engine (uc_emu_stop) only when it is in
# guest code; if it is making API calls, stopping could land while a handler runs, and
# the engine would then run the thunk, hence the call, again when resumed.  So the
# watchdog asks for a yield instead, which the trap performs after the handler's result
# is written: `trap_calls()` tells which case it is (it changes with every call).

_py_state = [0, 0]      # pure-Python trap: calls so far, yield requested
_yield_fn = None


def set_yield_handler(fn) -> None:
    """fn() gives the CPU away; the trap calls it after a call once request_yield() was made."""
    global _yield_fn
    _yield_fn = fn
    if _fast is not None:
        _fast.lib.wl_set_yield(id(fn))


def request_preempt() -> bool:
    """Stop the running engine at its next block (it must be preemptible); False if impossible."""
    if _fast is None:
        return False
    _fast.lib.wl_request_preempt()
    return True


def request_yield() -> None:
    if _fast is not None:
        _fast.lib.wl_request_yield()
    _py_state[1] = 1


def trap_calls() -> int:
    return (_fast.lib.wl_calls() if _fast is not None else 0) + _py_state[0]


def _py_yield(addr, on_error):
    _py_state[1] = 0
    if _yield_fn is not None:
        try:
            _yield_fn()
        except BaseException as e:
            on_error(addr, e)


_bound = None           # the dispatcher the compiled hook currently calls
_fast_mode = None       # the mode (32/64) the compiled helper was initialised for


def bind_dispatcher(cpu) -> None:
    global _bound
    if _fast is None:
        return
    if _fast_mode != cpu.bits:
        _init_fast(_fast, cpu.bits)
    if _bound is not cpu._dispatch:
        if cpu._table is not None:
            # the hook calls table[addr](...) itself; the objects stay alive: the C side holds
            # references, and so does the Cpu
            _fast.lib.wl_set_table(id(cpu._table), id(cpu._on_error))
        else:
            _fast.lib.wl_set_table(0, 0)
            _fast.ffi.def_extern(name="wl_py_api")(cpu._dispatch)
        _bound = cpu._dispatch


def _init_fast(fast, bits):
    global _fast_mode
    regs = fast.ffi.new("int[9]", [X.UC_X86_REG_EAX, X.UC_X86_REG_EDX, X.UC_X86_REG_ESP,
                                   X.UC_X86_REG_RAX, X.UC_X86_REG_RSP, X.UC_X86_REG_RCX,
                                   X.UC_X86_REG_RDX, X.UC_X86_REG_R8, X.UC_X86_REG_R9])
    addr_of = lambda f: ctypes.cast(f, ctypes.c_void_p).value
    fast.lib.wl_init(addr_of(_raw.uc_reg_read), addr_of(_raw.uc_reg_write),
                     addr_of(_raw.uc_mem_read), int(bits == 64), regs)
    fast.lib.wl_set_stop(addr_of(_raw.uc_emu_stop))
    _fast_mode = bits


class _DispatchTable:
    """A trap without a handler table: table[addr](sp, a0..a3) calls dispatch(addr, sp, a0..a3)."""

    def __init__(self, dispatch):
        self.dispatch = dispatch

    def __getitem__(self, addr):
        return lambda sp, a0, a1, a2, a3: self.dispatch(addr, sp, a0, a1, a2, a3)


def _reraise(addr, e):
    raise e


def _f64_to_f80(value: float) -> tuple[int, int]:
    """IEEE double -> x87 extended (mantissa with explicit integer bit, sign|exponent)."""
    bits = struct.unpack("<Q", struct.pack("<d", value))[0]
    sign = bits >> 63
    exp = (bits >> 52) & 0x7FF
    frac = bits & ((1 << 52) - 1)
    if exp == 0 and frac == 0:
        return 0, sign << 15
    if exp == 0x7FF:
        return (1 << 63) | (frac << 11), (sign << 15) | 0x7FFF
    if exp == 0:  # subnormal double: normalise
        shift = frac.bit_length()
        mant = frac << (64 - shift)
        e = 1 - 1023 - (52 - shift + 1) + 16383
        return mant, (sign << 15) | e
    return (1 << 63) | (frac << 11), (sign << 15) | (exp - 1023 + 16383)
