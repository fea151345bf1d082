"""One Windows process in this host process: address space, modules, threads' start-up.

`current` is the running Process; built-in DLL code reaches it as
`process.current`, as Wine's DLLs reach theirs through NtCurrentTeb().
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import struct
import sys
import threading
import time

from winelike import debug
from winelike.abi.structs import layout
from winelike.cpu.emu import Cpu, EmulationError
from winelike.cpu.memory import (GuestFault, PAGE_READWRITE, PAGE_READONLY, PAGE_EXECUTE_READ,
                                 OutOfGuestMemory)
from winelike.dlls import framework
from winelike.dlls.framework import ProcessExit, UnimplementedCall, THUNK_SIZE
from winelike.loader import builtin as builtin_image
from winelike.loader.image import map_image, read_exports
from winelike.loader.pe import BadImage, parse, parse_directories, DIR_IMPORT, DIR_TLS
from winelike.loader.modules import Module, LoadOrder, api_set_host
from winelike.sched import Scheduler
from winelike.threads import ThreadExit, process_id, thread_id

current: "Process | None" = None

ch_module = debug.Channel("module")
ch_loaddll = debug.Channel("loaddll")
ch_relay = debug.Channel("relay")
ch_seh = debug.Channel("seh")

DLL_PROCESS_DETACH, DLL_PROCESS_ATTACH, DLL_THREAD_ATTACH, DLL_THREAD_DETACH = 0, 1, 2, 3

BUILTIN_AREA = {32: (0x7B000000, 0x02000000), 64: (0x7FF000000000, 0x02000000)}
KUSER_SHARED_DATA = 0x7FFE0000


class StartupError(Exception):
    """The process could not start; str() is the one-line reason for the user."""


class Process:
    def __init__(self, prefix, exe_host_path: str, argv: list[str], *, strict_imports=False,
                 env: dict | None = None, mem_limit: int = 2 << 30, cwd: str | None = None):
        global current
        self.prefix = prefix
        self.exe_host_path = os.path.abspath(exe_host_path)
        try:
            with open(self.exe_host_path, "rb") as f:
                data = f.read(MAX_FILE)
        except OSError as e:
            raise StartupError(f"{exe_host_path}: {e.strerror}") from None
        self.exe_name = os.path.basename(exe_host_path)
        self.info = parse(data, self.exe_name)
        if self.info.is_dll:
            raise StartupError(f"{self.exe_name}: is a DLL, not a program")
        self.bits = self.info.bits
        self.ptr_size = self.bits // 8
        self.strict_imports = strict_imports
        self.main_cpu = Cpu(self.bits, mem_limit=mem_limit)
        self.mem = self.main_cpu.mem
        self.local = threading.local()      # .thread: the guest thread this host thread runs
        self.threads: dict = {}             # tid -> Thread, live threads
        self.exited_threads: dict = {}      # tid -> exit code, of threads that ended
        self.sched = Scheduler()
        self.L = layout(self.bits)
        self.acp = "cp1252"
        self.oemcp = "cp437"
        self.modules: list[Module] = []          # load order
        self.by_name: dict[str, Module] = {}      # lower-case base name -> Module
        self.init_order: list[Module] = []
        self.thunks: dict[int, object] = {}
        self.exports_info: dict[int, framework.Export] = {}
        self.load_order = LoadOrder(os.environ.get("WINELIKE_DLLOVERRIDES", ""))
        self.missing_imports: list[str] = []
        self.exe = None
        self.exit_code: int | None = None
        self.exiting = False
        self.start_time = time.monotonic()
        self.pid = process_id(os.getpid())
        self.tls_indices_used = set()
        self.state = {}        # per-DLL process state: dll modules keep theirs here by key
        try:
            self.cwd = cwd or os.getcwd()
        except FileNotFoundError:       # Linux lets a directory go while a process is inside it
            raise StartupError("the current directory no longer exists") from None
        self.win_cwd = prefix.unix_to_dos(self.cwd)
        if not self.win_cwd.endswith("\\"):
            pass
        self.env = dict(env if env is not None else default_environment(prefix, os.environ, self.bits))
        self.exe_win_path = prefix.unix_to_dos(self.exe_host_path)
        self.argv = [self.exe_win_path] + list(argv)
        self.cmdline = build_command_line(self.argv)
        current = self
        debug.set_thread_id(thread_id(os.getpid()))
        self._setup_address_space()

    # ---- threads and the server ------------------------------------------------
    @property
    def thread(self):
        """The guest thread running on this host thread (winelike's own host threads: the main one)."""
        t = getattr(self.local, "thread", None)
        return t if t is not None else self.main_thread

    @property
    def tid(self) -> int:
        return self.thread.tid

    @property
    def cpu(self):
        """The calling guest thread's engine."""
        t = getattr(self.local, "thread", None)
        return t.cpu if t is not None else self.main_cpu

    def blocking(self):
        """`with proc.blocking():` around a host call that may block (a wait, a read, a sleep).

        It lets the process's other guest threads run meanwhile: only one guest thread
        executes guest code at a time, and a thread blocked in the host must give way.
        """
        t = getattr(self.local, "thread", None)
        if t is None or self.sched.owner is not t:
            return contextlib.nullcontext()
        return self.sched.blocking(t)

    def stop_running(self):
        """Stop whichever engine is running guest code now (Ctrl-C)."""
        hook = self.state.get("ctrl_c_hook")       # console handlers (kernel32 console.py) take Ctrl-C
        if hook is not None and hook():
            return
        t = self.sched.owner
        (t.cpu if t is not None else self.main_cpu).stop()

    def thread_attach(self, t):
        """DLL_THREAD_ATTACH on a new thread: TLS callbacks and DllMain of each module, in init order."""
        from winelike.threads import DLL_THREAD_ATTACH
        self._thread_notify(t, [m for m in self.init_order if not m.is_exe] + [self.exe], DLL_THREAD_ATTACH)

    def thread_detach(self, t):
        from winelike.threads import DLL_THREAD_DETACH
        self._thread_notify(t, [self.exe] + [m for m in reversed(self.init_order) if not m.is_exe], DLL_THREAD_DETACH)

    def _thread_notify(self, t, modules, reason):
        cpu = t.cpu
        for m in modules:
            if not (m.attached or m.is_exe) or getattr(m, "no_thread_calls", False):
                continue
            for cb in m.tls_callbacks:
                cpu.call(cb, (m.base, reason, 0), self.callback_ret)
            if m.entry and not m.is_exe:
                cpu.call(m.entry, (m.base, reason, 0), self.callback_ret)

    def on_thread_exit(self, t):
        """A thread ended: whatever waits on it or on what it owned re-checks."""
        from winelike.threads import exit_hooks
        for hook in exit_hooks:
            hook(self, t)
        conn = getattr(t, "server_conn", None)
        if conn is not None:
            if t.cpu is not None:
                t.cpu.server_fast_path_off()
            conn.close()
            t.server_conn = None

    exit_host = False       # the command line sets it: a process ended by another thread ends the host
    fatal = None            # what ended the process, raised by the main thread when it next runs

    def thread_died(self, t, e: BaseException):
        """A thread other than the main one ended the process (ExitProcess, a crash).

        Under `winelike run` the host process exits at once (the main thread may be blocked
        in the host, e.g. reading a pipe).  Used as a library (Process(...).run() in a test
        harness), the main thread is woken to raise it from run() instead.
        """
        if not self.exit_host:
            self.fatal = e
            self.sched.release(t, state="exited")
            self.sched.wake(self.main_thread)
            return
        from winelike.cli import exit_status, failure
        code = e.code if isinstance(e, ProcessExit) else failure(self, e)
        self.report_exit(code)
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(exit_status(code))

    def new_cpu(self):
        """An engine for a new thread: the same address space and the same API trap."""
        cpu = Cpu(self.bits, share=self.main_cpu)
        base, size = BUILTIN_AREA[self.bits]
        cpu.install_trap(base, base + size - 1, self._dispatch, table=self.thunks, on_error=self._trap_error)
        return cpu

    server_registered = False
    parent_pid = 0          # the winelike process id of the parent (CreateProcess), 0 for none

    def server(self):
        """This guest thread's connection to the prefix's server, made on first use."""
        t = self.thread
        conn = t.server_conn
        return conn if conn is not None else self.server_for(t)

    startup = None          # a parent's CreateProcess record: command line, handles, environment

    def apply_startup(self, d: dict) -> None:
        self.startup = d
        self.parent_pid = int(d.get("parent", 0))
        if isinstance(d.get("cmdline"), str):
            self.cmdline = d["cmdline"]

    def report_exit(self, code: int) -> None:
        """Tell the server the exit code (a parent's GetExitCodeProcess reads it)."""
        if self.server_registered:
            try:
                self.server().call("terminate_process", handle=0xFFFFFFFF, code=code & 0xFFFFFFFF)
            except Exception:       # the server is gone: nobody can ask for the code anyway
                pass

    def server_for(self, t):
        """Thread t's connection (t may be another thread, e.g. when its handle moves to the server)."""
        conn = t.server_conn
        if conn is not None:
            return conn
        from winelike.server.client import connect
        conn = connect(self.prefix.root)
        if not self.server_registered:
            r = conn.new_process(parent=self.parent_pid, inherit_handles=0, want_pid=self.pid, want_tid=t.tid)
            self.server_registered = True
        else:
            r = conn.new_thread(pid=self.pid, want_tid=t.tid)
        if r.error:
            conn.close()
            from winelike.server.daemon import ServerError
            raise ServerError(f"the server refused this {'thread' if self.server_registered else 'process'}: "
                              f"error {r.error}")
        t.server_conn = conn
        self._server_fast_path(t, conn)
        return conn

    _server_ops = None

    def _server_fast_path(self, t, conn) -> None:
        """Hand the thread's pipes to the compiled trap, which then makes kernel32's hottest
        requests itself (kernel32.objects.fast_server_ops).  A thread whose engine does not
        exist yet keeps the Python path."""
        if t.cpu is None or conn.wfd < 0 or t.teb is None:
            return
        if self._server_ops is None:
            from winelike.dlls.kernel32.objects import fast_server_ops
            self._server_ops = fast_server_ops(self)
        if self._server_ops:
            lasterr = ctypes.addressof(t.teb) + type(t.teb).LastErrorValue.offset    # the TEB is host memory
            t.cpu.server_fast_path(self._server_ops, conn.wfd, conn.rfd, lasterr)

    # ---- decoding helpers used by invokers ------------------------------------
    def decode_astr(self, ptr: int):
        if not ptr:
            return None
        return self.mem.cstr(ptr).decode(self.acp, "replace")

    def decode_wstr(self, ptr: int):
        if not ptr:
            return None
        return self.mem.wstr(ptr)

    def encode_astr(self, s: str) -> bytes:
        return s.encode(self.acp, "replace")

    # ---- address space ---------------------------------------------------------
    def _setup_address_space(self):
        mem = self.mem
        base, size = BUILTIN_AREA[self.bits]
        self.builtin_base, self.builtin_end = base, base + size
        self.builtin_next = base
        # special thunks: callback return, thread return, unimplemented stubs
        self.special = mem.reserve(base, 0x10000, PAGE_EXECUTE_READ, tag="winelike-thunks")
        self.special_next = base
        self.builtin_next = base + 0x10000
        self.callback_ret = self._special_thunk(self._on_callback_return)
        self.thread_ret = self._special_thunk(self._on_thread_return)
        self.trap_kind = self.main_cpu.install_trap(base, base + size - 1, self._dispatch,
                                               table=self.thunks, on_error=self._trap_error)
        mem.reserve(KUSER_SHARED_DATA, 0x1000, PAGE_READONLY, tag="KUSER_SHARED_DATA")
        self._init_kuser_shared_data()

    def _special_thunk(self, handler) -> int:
        addr = self.special_next
        self.special_next += THUNK_SIZE
        self.special.mm[addr - self.special.base] = 0xC3
        self.thunks[addr] = handler
        return addr

    def _dispatch(self, addr, sp, a0, a1, a2, a3):
        # The trap does this itself from self.thunks and _trap_error (Cpu.install_trap's table),
        # saving this call; kept as the reference behaviour and for traps without a table.
        try:
            return self.thunks[addr](sp, a0, a1, a2, a3)
        except BaseException as e:
            return self._trap_error(addr, e)

    def _trap_error(self, addr, e):
        """A handler raised `e` (or there is none at addr: KeyError): stop the CPU, re-raised by Cpu.run."""
        if isinstance(e, KeyError) and addr not in self.thunks:
            e = EmulationError(f"jump into winelike's built-in area at 0x{addr:x} (no export there)", addr)
        elif isinstance(e, GuestFault):    # a bad guest pointer reached a handler: the guest crashes
            exp = self.exports_info.get(addr)
            where = f" in {exp.dll.name}.{exp.name}" if exp is not None else ""
            e = EmulationError(f"{e}{where}", addr, "fault")
        elif _is_server_failure(e):
            exp = self.exports_info.get(addr)
            where = f" (in {exp.dll.base_name.upper()}.{exp.name})" if exp is not None else ""
            e = ServerFailure(f"{e}{where}")
        elif isinstance(e, Exception) and not isinstance(e, _EXPECTED_HANDLER_ERRORS):
            # a bug in winelike's own code: one clear line for the user, the traceback on request
            exp = self.exports_info.get(addr)
            where = f"{exp.dll.base_name.upper()}.{exp.name}" if exp is not None else f"0x{addr:x}"
            e = InternalError(where, e)
        self.cpu.pending = e
        self.cpu.stop()
        return 0

    def _on_callback_return(self, sp, a0, a1, a2, a3):
        cpu = self.cpu
        cpu.cb_returned = True
        cpu.stop()
        if self.bits == 32:
            return cpu.reg("eax") | (cpu.reg("edx") << 32)
        return cpu.reg("rax")

    def _on_thread_return(self, sp, a0, a1, a2, a3):
        # a thread's start routine returned: ExitThread with its result (the last thread ends the process)
        from winelike.threads import exit_thread
        exit_thread(self.thread, self.cpu.reg("eax") & 0xFFFFFFFF)

    def _init_kuser_shared_data(self):
        mem = self.mem
        k = KUSER_SHARED_DATA
        mem.w32(k + 0x4, 1 << 24)                           # TickCountMultiplier: TickCount is in ms (as Wine)
        mem.write(k + 0x30, "C:\\windows".encode("utf-16-le") + b"\0\0")   # NtSystemRoot
        mem.w32(k + 0x260, 0x1DB1)                          # NtBuildNumber (7601)
        mem.w32(k + 0x264, 1)                               # NtProductType: WinNt
        mem.w8(k + 0x268, 1)                                # ProductTypeIsValid
        mem.w32(k + 0x26C, 10)                              # NtMajorVersion
        mem.w32(k + 0x270, 0)                               # NtMinorVersion
        # PF_*: cmpxchg8b, MMX, SSE, RDTSC, PAE, SSE2, NX, SSE3, (x64) cmpxchg16b, fastfail
        for feat in (2, 3, 6, 8, 9, 10, 12, 13, 23) + ((14,) if self.bits == 64 else ()):
            mem.w8(k + 0x274 + feat, 1)
        mem.w32(k + 0x2D4, 0)                               # KdDebuggerEnabled
        self.update_shared_time()

    def update_shared_time(self):
        mem = self.mem
        k = KUSER_SHARED_DATA
        now = time.time()
        ft = int(now * 10_000_000) + 116444736000000000
        ticks = int((time.monotonic() - self.start_time) * 1000) + 10_000_000
        interrupt = ticks * 10_000
        for off, v in ((0x08, interrupt), (0x14, ft)):
            mem.w32(k + off, v & 0xFFFFFFFF)
            mem.w32(k + off + 4, v >> 32)
            mem.w32(k + off + 8, v >> 32)
        mem.w64(k + 0x320, ticks)                           # TickCount (quad)

    # ---- module loading --------------------------------------------------------
    def reserve_builtin(self, size: int) -> int:
        addr = self.builtin_next
        size = (size + 0xFFFF) & ~0xFFFF
        if addr + size > self.builtin_end:
            raise StartupError("built-in DLL area is full")
        self.builtin_next += size
        return addr

    def find_module(self, name: str) -> Module | None:
        key = _module_key(name)
        m = self.by_name.get(key)
        if m is None:
            host = api_set_host(key)
            if host:
                m = self.by_name.get(host)
        return m

    def module_at(self, addr: int) -> Module | None:
        for m in self.modules:
            if m.base <= addr < m.base + m.size:
                return m
        return None

    def load_library(self, name: str, static: bool = False, requester: Module | None = None) -> Module | None:
        """Load a DLL by name or path (with its dependencies); None if nothing provides it."""
        key = _module_key(name)
        host = api_set_host(key)
        if host:
            ch_loaddll.trace("load_library", f"api set {key} -> {host}")
            key = host
            name = host
        m = self.by_name.get(key)
        if m is not None:
            m.refcount += 1
            return m
        for kind in self.load_order.order(key):
            if kind == "b":
                dll = framework.get_builtin(key)
                if dll is not None:
                    m = self._load_builtin(dll, key)
                    break
            elif kind == "n":
                path = self._search_native(name, requester)
                if path is not None:
                    m = self._load_native(path, name)
                    break
        if m is None:
            ch_loaddll.trace("load_library", f"{name}: not found (order {','.join(self.load_order.order(key))})")
            return None
        m.refcount = 1
        if not static and not self.exiting and self.started:
            try:
                self._initialize_pending()
            except DllInitFailed:
                # Windows: DllMain said FALSE, so detach and unload what this load brought in
                self._unload_failed(m)
                raise
        return m

    def _add_dep(self, m: Module, dep: Module):
        """Record that `m` uses `dep` (an import or a forward); the caller's reference becomes m's."""
        if dep is m or dep in m.deps:
            dep.refcount -= 1
        else:
            m.deps.append(dep)

    def _unload_failed(self, m: Module):
        for x in [x for x in self.modules if x.pending_init or x.init_failed]:
            x.pending_init = False
        m.refcount = 1
        self.free_module(m, force=True)

    def free_module(self, m: Module, force: bool = False):
        """The last reference to a native DLL is gone: detach it, unlink it, unmap it, drop its deps."""
        if m.is_exe or m.builtin is not None or m.pinned or m.key not in self.by_name:
            return
        m.refcount = 0
        if m.attached and not self.exiting:
            m.attached = False
            for cb in m.tls_callbacks:
                self.cpu.call(cb, (m.base, DLL_PROCESS_DETACH, 0), self.callback_ret)
            if m.entry:
                ch_module.trace("process_detach", f"calling DllMain of {m.name}")
                self.cpu.call(m.entry, (m.base, DLL_PROCESS_DETACH, 0), self.callback_ret)
        if debug.on("trace", "loaddll"):
            debug.emit(f"trace:loaddll:free_modref Unloaded module L\"{m.path}\" : native")
        self.unlink_module(m)
        if m.tls_index is not None:
            self.tls_indices_used.discard(m.tls_index)
            for t in self._threads():
                t.free_tls_block(m.tls_index)
        if m.region is not None:
            self.mem.release(m.region)
            m.region = None
        for dep in m.deps:
            dep.refcount -= 1
            if dep.refcount <= 0:
                self.free_module(dep)
        m.deps = []

    def _threads(self):
        if self.threads:
            return list(self.threads.values())
        t = getattr(self, "main_thread", None)
        return [t] if t is not None else []

    started = False

    def _register(self, m: Module):
        self.modules.append(m)
        self.by_name[m.key] = m
        if self.started or True:
            self._link_ldr_entry(m)

    def _load_builtin(self, dll, key) -> Module:
        base = self.reserve_builtin(0x100000)
        img = builtin_image.build(dll, self.bits, base)
        # reserve exactly the image size (area was bump-allocated with a margin)
        region = self.mem.reserve(base, img.size, PAGE_READWRITE, kind=0x1000000, tag=dll.name)
        region.mm[0:img.size] = img.data
        self.mem.protect(base, 0x1000, PAGE_READONLY)
        t_rva, t_size = img.text
        self.mem.protect(base + t_rva, (t_size + 0xFFF) & ~0xFFF, PAGE_EXECUTE_READ)
        e_rva, e_size = img.edata
        self.mem.protect(base + e_rva, (e_size + 0xFFF) & ~0xFFF, PAGE_READONLY)
        name = dll.name      # as Wine's system32 holds it on disk: "kernel32.dll"
        m = Module(self, name, dll.name, f"C:\\windows\\system32\\{name}", None, base, img.size, 0, builtin=dll)
        self._register(m)
        # one implementation answering to several names (kernel32 for kernelbase): one module, many names
        pkg = framework.BUILTIN_PACKAGES.get(dll.name)
        for alias, alias_pkg in framework.BUILTIN_PACKAGES.items():
            if alias_pkg == pkg and alias not in self.by_name:
                self.by_name[alias] = m
        relay = debug.on("trace", "relay")
        for exp in dll.exports.values():
            if exp.func is not None:
                addr = base + img.func_rvas[exp.name]
                if relay and _relay_wanted(exp):
                    self.thunks[addr] = self._relay_wrap(exp, framework.make_invoker(exp, self))
                else:
                    self.thunks[addr] = self._first_call(exp, addr)
                self.exports_info[addr] = exp
        for exp in dll.exports.values():
            if exp.is_data and exp.data_init is not None:
                exp.data_init(self, base + img.data_rvas[exp.name])
        m.load_exports()
        if debug.on("trace", "loaddll"):
            debug.emit(f"trace:loaddll:build_module Loaded L\"{m.path}\" at {base:0{self.bits // 4}x}: builtin")
        for attach in dll.on_attach:
            attach(self)
        # forwards may need their targets: loaded lazily on first resolution
        return m

    def _first_call(self, exp, addr):
        """The thunk's handler until its first call, which builds the invoker and puts it in its place.

        A program calls a few dozen of the ~900 exports of ntdll, kernel32 and msvcrt: building
        every invoker at load was a visible part of start-up.
        """
        def first_call(sp, a0, a1, a2, a3):
            inv = self.thunks[addr] = framework.make_invoker(exp, self)
            return inv(sp, a0, a1, a2, a3)
        return first_call

    def _relay_wrap(self, exp, inv):
        proc = self
        dllname = exp.dll.base_name.upper()

        def relay(sp, a0, a1, a2, a3):
            ret_addr = proc.mem.ptr(sp)
            try:
                args = framework.raw_args(exp, proc, sp, (a0, a1, a2, a3))
                text = ",".join(framework.format_arg(proc, t, v) for t, v in zip(exp.argtypes, args))
            except GuestFault:
                text = "<bad stack>"
            if exp.varargs:
                text += ",..." if text else "..."
            w = proc.bits // 4
            debug.emit(f"Call {dllname}.{exp.name}({text}) ret={ret_addr:0{w}x}")
            r = inv(sp, a0, a1, a2, a3)
            debug.emit(f"Ret  {dllname}.{exp.name}() retval={r & ((1 << proc.bits) - 1):0{w}x} ret={ret_addr:0{w}x}")
            return r
        return relay

    def _search_native(self, name: str, requester) -> str | None:
        if "\\" in name or "/" in name:
            from winelike import paths         # the file layer's rules: drives, devices, the sandbox
            host = paths.host_path(self, name)
            if host and os.path.isfile(host):
                return host
            if not name.lower().endswith(".dll") and host and os.path.isfile(host + ".dll"):
                return host + ".dll"
            return None
        fname = name if "." in name else name + ".dll"
        dirs = [os.path.dirname(self.exe_host_path), self.cwd, self.prefix.system32]
        for p in self.env_get("PATH", "").split(";"):
            if p:
                from winelike import paths
                h = paths.host_path(self, p) if ":" in p else None
                if h:
                    dirs.append(h)
        for d in dirs:
            cand = _ci_file(d, fname)
            if cand:
                return cand
        return None

    def _load_native(self, path: str, name: str) -> Module:
        try:
            with open(path, "rb") as f:
                data = f.read(MAX_FILE)
        except OSError as e:
            raise BadImage(f"{name}: {e.strerror}") from None
        base_name = os.path.basename(path)
        given = name.replace("/", "\\").rsplit("\\", 1)[-1]
        given = given if "." in given else given + ".dll"
        if given.lower() == base_name.lower():
            base_name = given          # the module keeps the name as the program spelled it (as Wine)
        info = parse(data, base_name)
        if info.bits != self.bits:
            raise BadImage(f"{base_name}: is a {info.bits}-bit DLL in a {self.bits}-bit process")
        region = map_image(self.mem, info, base_name)
        win_path = self.prefix.unix_to_dos(path).rsplit("\\", 1)[0] + "\\" + base_name
        # an EXE loaded as a module (LoadLibrary("x.exe")) gets no entry-point call
        m = Module(self, base_name, _module_key(base_name), win_path, path, region.base, info.size_of_image,
                   region.base + info.entry_rva if info.entry_rva and info.is_dll else 0, info=info)
        m.region = region
        if region.base != info.image_base:
            ch_module.warn("map_image", f"{base_name} relocated from 0x{info.image_base:x} to 0x{region.base:x}")
        self._register(m)
        if self.by_name.get(_module_key(name)) is None:
            self.by_name[_module_key(name)] = m      # loaded by a name other than its file's
        if debug.on("trace", "loaddll"):
            debug.emit(f"trace:loaddll:build_module Loaded L\"{win_path}\" at {region.base:0{self.bits // 4}x}: native")
        m.load_exports()
        self._bind_imports(m)
        self._setup_tls(m)
        if m.tls_index is not None:
            # a DLL loaded after start-up: every running thread gets its block now
            for t in self._threads():
                if t.tls_ready:
                    t.add_tls_block(m.tls_index, self._new_tls_block(m))
        m.pending_init = True
        return m

    def resolve_export(self, m: Module, name: str | None = None, ordinal: int | None = None, depth=0) -> int:
        """Address of an export (following forwarders, loading their DLLs); 0 if absent."""
        if depth > 16:
            ch_module.err("find_forwarded_export", f"forwarder loop at {m.name}.{name or ordinal}")
            return 0
        if name is not None:
            o = m.exp_by_name.get(name)
            if o is None:
                return 0
        else:
            o = ordinal
        rva = m.exp_by_ord.get(o)
        if rva is None:
            return 0
        fwd = m.exp_forwards.get(o)
        if fwd is None:
            return m.base + rva
        dll_part, _, func = fwd.rpartition(".")
        target = self.find_module(dll_part)
        if target is None:
            target = self.load_library(dll_part, static=True, requester=m)
            if target is None:
                ch_module.err("find_forwarded_export", f"forward {fwd} of {m.name}: DLL not found")
                return 0
            self._add_dep(m, target)
            if self.started and not self.exiting and target.pending_init:
                self._initialize_pending()
        if func.startswith("#"):
            try:
                return self.resolve_export(target, ordinal=int(func[1:]), depth=depth + 1)
            except ValueError:
                return 0
        return self.resolve_export(target, name=func, depth=depth + 1)

    def _bind_imports(self, m: Module):
        info = m.info
        parse_directories(info, m.name, [DIR_IMPORT])
        pe = info.pe
        delta = m.base - info.image_base
        for entry in getattr(pe, "DIRECTORY_ENTRY_IMPORT", []):
            try:
                dll_name = entry.dll.decode("latin-1")
            except AttributeError:
                raise BadImage(f"{m.name}: import descriptor without a DLL name") from None
            dep = self.load_library(dll_name, static=True, requester=m)
            if dep is None:
                ch_module.warn("import_dll", f"Library {dll_name} (which is needed by L\"{m.path}\") not found;"
                                             " calls into it will abort")
            else:
                self._add_dep(m, dep)
            for imp in entry.imports:
                slot = imp.address + delta
                if imp.name is not None:
                    fname = imp.name.decode("latin-1")
                    addr = self.resolve_export(dep, name=fname) if dep else 0
                    label = fname
                else:
                    addr = self.resolve_export(dep, ordinal=imp.ordinal) if dep else 0
                    label = f"#{imp.ordinal}" if imp.ordinal is not None else "?"
                if not addr:
                    shown = dll_name          # as the import descriptor spells it: "KERNEL32.dll"
                    self.missing_imports.append(f"{shown}.{label}")
                    addr = self.unimplemented_stub(shown, label)
                    ch_module.warn("import_dll", f"No implementation for {shown}.{label} imported from "
                                                 f"L\"{m.path}\", setting it to a stub that aborts")
                try:
                    self.mem.wptr(slot, addr)
                except GuestFault:
                    raise BadImage(f"{m.name}: import address table slot 0x{slot:x} is outside the image") from None

    def unimplemented_stub(self, dll_name: str, func: str) -> int:
        key = (dll_name.lower(), func)
        cache = self.state.setdefault("stubs", {})
        if key in cache:
            return cache[key]
        if self.special_next + THUNK_SIZE > self.special.end:
            raise StartupError("too many unimplemented imports")
        proc = self

        def stub(sp, a0, a1, a2, a3):
            raise UnimplementedCall(dll_name, func, proc.mem.ptr(sp))
        addr = self._special_thunk(stub)
        cache[key] = addr
        return addr

    # ---- TLS -------------------------------------------------------------------
    def _setup_tls(self, m: Module):
        rva, size = m.info.directory(DIR_TLS)
        if not size:
            return
        mem = self.mem
        p = self.ptr_size
        d = m.base + rva
        try:
            start, end, index_addr, callbacks = (mem.ptr(d), mem.ptr(d + p), mem.ptr(d + 2 * p), mem.ptr(d + 3 * p))
            zero_fill = mem.u32(d + 4 * p)
            if end < start or end - start > 0x1000000 or zero_fill > 0x1000000:
                raise BadImage(f"{m.name}: bad TLS directory")
            if end > start and not (m.base <= start and end <= m.base + m.size):
                raise BadImage(f"{m.name}: TLS template 0x{start:x}-0x{end:x} is outside the image")
            idx = 0
            while idx in self.tls_indices_used:
                idx += 1
            self.tls_indices_used.add(idx)
            m.tls_index = idx
            m.tls_template = (start, end - start, zero_fill)
            if index_addr:
                mem.w32(index_addr, idx)
            cbs = []
            if callbacks:
                for i in range(256):
                    cb = mem.ptr(callbacks + i * p)
                    if not cb:
                        break
                    cbs.append(cb)
            m.tls_callbacks = cbs
        except GuestFault as e:
            raise BadImage(f"{m.name}: TLS directory points outside the image ({e})") from None

    def thread_tls_block(self) -> int:
        """Allocate ThreadLocalStoragePointer's array and each module's block for a new thread."""
        mods = [m for m in self.modules if m.tls_index is not None]
        n = max([m.tls_index for m in mods], default=-1) + 1
        if not n:
            return 0
        arr = self.heap_alloc(max(n, 1) * self.ptr_size, zero=True)
        for m in mods:
            self.mem.wptr(arr + m.tls_index * self.ptr_size, self._new_tls_block(m))
        return arr

    def _new_tls_block(self, m: Module) -> int:
        """One thread's copy of a module's TLS template (initialised data, then zero fill)."""
        start, size, zero_fill = m.tls_template
        blk = self.heap_alloc(size + zero_fill + 16, zero=True)
        if size:
            self.mem.write(blk, self.mem.read(start, size))
        return blk

    # ---- PEB / TEB / LDR --------------------------------------------------------
    def _setup_peb(self):
        mem, L = self.mem, self.L
        region = mem.reserve(None, 0x10000, PAGE_READWRITE, tag="PEB", top_down=True)
        self.peb_region = region
        self.peb_addr = region.base
        self.peb = L.PEB.from_buffer(region.mm, 0)
        ldr_off = ctypes.sizeof(L.PEB) + 0x40 & ~0xF
        self.ldr_addr = region.base + ldr_off
        self.ldr = L.PEB_LDR_DATA.from_buffer(region.mm, ldr_off)
        self.ldr.Length = ctypes.sizeof(L.PEB_LDR_DATA)
        self.ldr.Initialized = 1
        for lst in ("InLoadOrderModuleList", "InMemoryOrderModuleList", "InInitializationOrderModuleList"):
            head = self.ldr_addr + getattr(L.PEB_LDR_DATA, lst).offset
            getattr(self.ldr, lst).Flink = head
            getattr(self.ldr, lst).Blink = head
        self.peb.Ldr = self.ldr_addr
        self.peb.NumberOfProcessors = os.cpu_count() or 1
        self.peb.OSMajorVersion = 10
        self.peb.OSMinorVersion = 0
        self.peb.OSBuildNumber = 19045
        self.peb.OSPlatformId = 2
        self.peb.ImageSubSystem = self.info.subsystem
        self.peb.ImageSubSystemMajorVersion = 6
        self.peb.NumberOfHeaps = 1
        self.peb.MaximumNumberOfHeaps = 16
        self.peb.CriticalSectionTimeout = -2592000 * 10_000_000
        self._peb_next = ldr_off + ctypes.sizeof(L.PEB_LDR_DATA) + 0x10 & ~0xF

    def peb_alloc(self, size: int) -> int:
        """Small permanent allocations next to the PEB (loader entries, names)."""
        off = (self._peb_next + 15) & ~15
        if off + size > self.peb_region.size:
            return self.heap_alloc(size, zero=True)
        self._peb_next = off + size
        return self.peb_region.base + off

    def _unicode_string(self, us, s: str):
        data = s.encode("utf-16-le") + b"\0\0"
        buf = self.peb_alloc(len(data))
        self.mem.write(buf, data)
        us.Length = len(data) - 2
        us.MaximumLength = len(data)
        us.Buffer = buf

    def _link_ldr_entry(self, m: Module):
        if not hasattr(self, "ldr"):
            self._setup_peb()
        L = self.L
        size = ctypes.sizeof(L.LDR_DATA_TABLE_ENTRY)
        addr = self.peb_alloc(size)
        r = self.mem.find(addr)
        e = L.LDR_DATA_TABLE_ENTRY.from_buffer(r.mm, addr - r.base)
        e.DllBase = m.base
        e.EntryPoint = m.entry
        e.SizeOfImage = m.size
        self._unicode_string(e.FullDllName, m.path)
        self._unicode_string(e.BaseDllName, m.name)
        e.LoadCount = 0xFFFF if m.builtin else 1
        e.Flags = 0x4 if not m.is_exe else 0        # LDRP_IMAGE_DLL
        e.TlsIndex = 0xFFFF
        e.HashLinks.Flink = e.HashLinks.Blink = addr + L.LDR_DATA_TABLE_ENTRY.HashLinks.offset
        m.ldr_entry = addr
        m.ldr = e
        self._list_append("InLoadOrderModuleList", addr + L.LDR_DATA_TABLE_ENTRY.InLoadOrderLinks.offset)
        self._list_append("InMemoryOrderModuleList", addr + L.LDR_DATA_TABLE_ENTRY.InMemoryOrderLinks.offset)

    def _list_append(self, lst: str, node: int):
        head = self.ldr_addr + getattr(self.L.PEB_LDR_DATA, lst).offset
        mem, p = self.mem, self.ptr_size
        last = mem.ptr(head + p)
        mem.wptr(node, head)
        mem.wptr(node + p, last)
        mem.wptr(last, node)
        mem.wptr(head + p, node)

    def _list_remove(self, node: int):
        mem, p = self.mem, self.ptr_size
        f, b = mem.ptr(node), mem.ptr(node + p)
        mem.wptr(b, f)
        mem.wptr(f + p, b)
        mem.wptr(node, node)
        mem.wptr(node + p, node)

    def _link_init_order(self, m: Module):
        if m.ldr_entry and not m.in_init_list:
            self._list_append("InInitializationOrderModuleList",
                              m.ldr_entry + self.L.LDR_DATA_TABLE_ENTRY.InInitializationOrderLinks.offset)
            m.in_init_list = True

    def unlink_module(self, m: Module):
        L = self.L
        for links in ("InLoadOrderLinks", "InMemoryOrderLinks"):
            self._list_remove(m.ldr_entry + getattr(L.LDR_DATA_TABLE_ENTRY, links).offset)
        if m.in_init_list:
            self._list_remove(m.ldr_entry + L.LDR_DATA_TABLE_ENTRY.InInitializationOrderLinks.offset)
        self.modules.remove(m)
        for k in [k for k, v in self.by_name.items() if v is m]:     # its file name and any alias
            del self.by_name[k]
        if m in self.init_order:
            self.init_order.remove(m)

    # ---- heap (thin: the process heap lives in ntdll) -----------------------------
    def heap_alloc(self, size: int, zero: bool = False) -> int:
        return self.process_heap.alloc(size, zero=zero)

    def env_get(self, name: str, default=None):
        low = name.lower()
        for k, v in self.env.items():
            if k.lower() == low:
                return v
        return default

    # ---- start-up ----------------------------------------------------------------
    def load(self):
        """Map the program and everything it imports; build PEB, TEB and parameters."""
        from winelike.dlls.ntdll import heap as ntheap
        mem = self.mem
        self._setup_peb()
        try:
            self.process_heap = ntheap.Heap(self, reserve=self.info.heap_reserve or 0x100000)
        except OutOfGuestMemory as e:
            raise StartupError(f"{self.exe_name}: cannot reserve the process heap "
                               f"(0x{self.info.heap_reserve:x} bytes): {e}") from None
        self.peb.ProcessHeap = self.process_heap.handle
        heaps = self.peb_alloc(16 * self.ptr_size)
        mem.wptr(heaps, self.process_heap.handle)
        self.peb.ProcessHeaps = heaps
        # the main thread's TEB and stack
        self._setup_params()
        from winelike.threads import Thread
        try:
            self.main_thread = Thread.create_main(self)
        except OutOfGuestMemory as e:
            raise StartupError(f"{self.exe_name}: cannot reserve the main thread's stack "
                               f"(0x{self.info.stack_reserve:x} bytes): {e}") from None
        # ntdll and kernel32 are in every process
        for dll in ("ntdll.dll", "kernel32.dll"):
            if self.load_library(dll, static=True) is None:
                raise StartupError(f"cannot load {dll}")
        region = map_image(mem, self.info, self.exe_name)
        exe = Module(self, self.exe_name, _module_key(self.exe_name), self.exe_win_path, self.exe_host_path,
                     region.base, self.info.size_of_image,
                     region.base + self.info.entry_rva if self.info.entry_rva else 0, info=self.info)
        exe.is_exe = True
        self.exe = exe
        # the exe's LDR entry is first in load order on Windows
        self._register(exe)
        self._move_ldr_first(exe)
        self.peb.ImageBaseAddress = region.base
        self.exe.load_exports()
        self._bind_imports(exe)
        self._setup_tls(exe)
        exe.pending_init = True
        if self.strict_imports and self.missing_imports:
            lines = "\n".join(f"  {x}" for x in sorted(set(self.missing_imports)))
            raise StartupError(f"{self.exe_name}: {len(set(self.missing_imports))} import(s) not provided:\n{lines}")
        self.main_thread.init_tls()

    def _move_ldr_first(self, m: Module):
        L = self.L
        for links, lst in (("InLoadOrderLinks", "InLoadOrderModuleList"),
                           ("InMemoryOrderLinks", "InMemoryOrderModuleList")):
            node = m.ldr_entry + getattr(L.LDR_DATA_TABLE_ENTRY, links).offset
            self._list_remove(node)
            head = self.ldr_addr + getattr(L.PEB_LDR_DATA, lst).offset
            mem, p = self.mem, self.ptr_size
            first = mem.ptr(head)
            mem.wptr(node, first)
            mem.wptr(node + p, head)
            mem.wptr(first + p, node)
            mem.wptr(head, node)
        self.modules.remove(m)
        self.modules.insert(0, m)

    def _setup_params(self):
        L, mem = self.L, self.mem
        size = ctypes.sizeof(L.RTL_USER_PROCESS_PARAMETERS)
        addr = self.peb_alloc(size)
        r = mem.find(addr)
        pp = L.RTL_USER_PROCESS_PARAMETERS.from_buffer(r.mm, addr - r.base)
        pp.MaximumLength = pp.Length = size
        pp.Flags = 1     # normalized
        self._unicode_string(pp.ImagePathName, self.exe_win_path)
        self._unicode_string(pp.CommandLine, self.cmdline)
        cwd = self.win_cwd if self.win_cwd.endswith("\\") else self.win_cwd + "\\"
        self._unicode_string(pp.CurrentDirectory.DosPath, cwd)
        self._unicode_string(pp.WindowTitle, self.exe_win_path)
        self._unicode_string(pp.Desktop, "WinSta0\\Default")
        self._unicode_string(pp.DllPath, "")
        env_block = "".join(f"{k}={v}\0" for k, v in self.env.items()) + "\0"
        data = env_block.encode("utf-16-le", "surrogatepass")
        env_addr = self.heap_alloc(len(data) + 16, zero=True)
        mem.write(env_addr, data)
        pp.Environment = env_addr
        pp.EnvironmentSize = len(data)
        self.params_addr = addr
        self.params = pp
        self.peb.ProcessParameters = addr

    def _initialize_pending(self):
        """Run DllMain(PROCESS_ATTACH) for newly loaded native DLLs, dependencies first."""
        order = []
        seen = set()

        def visit(m):
            if id(m) in seen:
                return
            seen.add(id(m))
            for d in m.deps:
                visit(d)
            if m.pending_init:
                order.append(m)
        for m in list(self.modules):
            visit(m)
        for m in order:
            m.pending_init = False
            if m.is_exe:
                continue
            self.init_order.append(m)
            self._link_init_order(m)
            for cb in m.tls_callbacks:
                self.cpu.call(cb, (m.base, DLL_PROCESS_ATTACH, 0), self.callback_ret)
            if m.entry:
                ch_module.trace("process_attach", f"calling DllMain of {m.name}")
                ok = self.cpu.call(m.entry, (m.base, DLL_PROCESS_ATTACH, 0 if self.started else 1),
                                   self.callback_ret) & 0xFFFFFFFF
                if not ok:
                    m.init_failed = True
                    raise DllInitFailed(m.name)
            m.attached = True

    def run(self) -> int:
        """Initialise DLLs, run TLS callbacks and the entry point; return the exit code."""
        try:
            try:
                for m in self.modules:
                    if m.builtin is not None:
                        self._link_init_order(m)
                self._initialize_pending()
                self.started = True
                for cb in self.exe.tls_callbacks:
                    self.cpu.call(cb, (self.exe.base, DLL_PROCESS_ATTACH, 0), self.callback_ret)
                try:
                    self.main_thread.start(self.exe.entry, self.peb_addr if self.bits == 32 else 0)
                except ThreadExit as e:
                    self.main_thread.finish(e.code)
                    threading.Event().wait()      # the last thread to end exits the host process
            except DllInitFailed as e:
                sys.stderr.write(f"winelike: {e}\n")
                self.exit_code = 0xC0000142
        except ProcessExit as e:
            self.exit_code = e.code
        return self.exit_code if self.exit_code is not None else 0

    def terminate(self, code: int):
        """ExitProcess: detach DLLs (reverse init order), run exit hooks, stop."""
        if self.exiting:
            raise ProcessExit(code)
        self.exiting = True
        self.exit_code = code & 0xFFFFFFFF
        for hook in list(self.state.get("exit_hooks", [])):
            hook(self)
        for m in reversed(self.init_order):
            if m.attached and not m.is_exe:
                m.attached = False
                try:
                    for cb in m.tls_callbacks:
                        self.cpu.call(cb, (m.base, DLL_PROCESS_DETACH, 1), self.callback_ret)
                    if m.entry:
                        self.cpu.call(m.entry, (m.base, DLL_PROCESS_DETACH, 1), self.callback_ret)
                except ProcessExit:
                    pass
        # (the exe's own TLS callbacks get no DLL_PROCESS_DETACH here: Wine 8 does not call them either)
        for hook in list(self.state.get("final_hooks", [])):
            hook(self)
        raise ProcessExit(code)


class InternalError(Exception):
    """A Python exception escaped a built-in function: a winelike bug, reported in one line."""

    def __init__(self, where: str, exc: BaseException):
        import traceback
        super().__init__(f"internal error in {where}: {type(exc).__name__}: {exc}")
        self.where = where
        self.traceback = "".join(traceback.format_exception(exc))


class DllInitFailed(Exception):
    def __init__(self, name):
        super().__init__(f"initialization of {name} failed (DllMain returned FALSE): status c0000142")


MAX_FILE = 512 << 20

class ServerFailure(Exception):
    """The prefix's server could not be reached or refused us: the program cannot go on."""


def _is_server_failure(e) -> bool:
    if not isinstance(e, Exception) or isinstance(e, ServerFailure):
        return False
    from winelike.server.daemon import ServerError
    from winelike.server.protocol import ProtocolError
    return isinstance(e, (ServerError, ProtocolError))


_EXPECTED_HANDLER_ERRORS = (ServerFailure, ThreadExit, UnimplementedCall, EmulationError, BadImage, StartupError, DllInitFailed, InternalError)


def _module_key(name: str) -> str:
    base = name.replace("/", "\\").rsplit("\\", 1)[-1].lower()
    if "." not in base:
        base += ".dll"
    return base


def _relay_wanted(exp) -> bool:
    return True


def _ci_file(d: str, fname: str) -> str | None:
    p = os.path.join(d, fname)
    if os.path.isfile(p):
        return p
    try:
        low = fname.lower()
        for e in os.listdir(d):
            if e.lower() == low and os.path.isfile(os.path.join(d, e)):
                return os.path.join(d, e)
    except OSError:
        pass
    return None


def quote_arg(a: str, always: bool = False) -> str:
    """One argument as Wine's loader writes it into the command line (CommandLineToArgvW and msvcrt
    give it back unchanged): quoted when empty or holding a space or tab (or `always`, as Wine does for
    argv[0]); a quote gets a backslash, and the backslashes before it and before a closing quote double."""
    has_space = always or not a or " " in a or "\t" in a
    if not has_space and '"' not in a:
        return a
    out = ['"'] if has_space else []
    bs = 0
    for c in a:
        if c == "\\":
            bs += 1
        else:
            if c == '"':
                out.append("\\" * (bs + 1))
            bs = 0
        out.append(c)
    if has_space:
        out.append("\\" * bs + '"')
    return "".join(out)


def build_command_line(argv: list[str]) -> str:
    return " ".join(quote_arg(a, always=(i == 0)) for i, a in enumerate(argv))


def default_environment(prefix, host_env, bits: int = 64) -> dict:
    """The Windows environment a program starts with (Wine derives it similarly)."""
    user = prefix.user
    env = {
        "ALLUSERSPROFILE": "C:\\ProgramData",
        "APPDATA": f"C:\\users\\{user}\\AppData\\Roaming",
        "CommonProgramFiles": "C:\\Program Files\\Common Files",
        "COMPUTERNAME": _computer_name(),
        "ComSpec": "C:\\windows\\system32\\cmd.exe",
        "HOMEDRIVE": "C:",
        "HOMEPATH": f"\\users\\{user}",
        "LOCALAPPDATA": f"C:\\users\\{user}\\AppData\\Local",
        "NUMBER_OF_PROCESSORS": str(os.cpu_count() or 1),
        "OS": "Windows_NT",
        "PATH": "C:\\windows\\system32;C:\\windows;C:\\windows\\system32\\wbem",
        "PATHEXT": ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC",
        "PROCESSOR_ARCHITECTURE": "AMD64" if bits == 64 else "x86",
        "ProgramData": "C:\\ProgramData",
        "ProgramFiles": "C:\\Program Files",
        "PUBLIC": "C:\\users\\Public",
        "SystemDrive": "C:",
        "SystemRoot": "C:\\windows",
        "TEMP": f"C:\\users\\{user}\\Temp",
        "TMP": f"C:\\users\\{user}\\Temp",
        "USERNAME": user,
        "USERPROFILE": f"C:\\users\\{user}",
        "windir": "C:\\windows",
    }
    if bits == 32:      # a 32-bit program on a 64-bit Windows (WoW64) sees both
        env["PROCESSOR_ARCHITEW6432"] = "AMD64"
    # like Wine, pass the host's variables through (not the Unix-only ones that would mislead)
    skip = {"path", "temp", "tmp", "home", "pwd", "oldpwd", "shlvl", "_"}
    for k, v in host_env.items():
        if k.lower() in skip or k.upper().startswith("WINELIKE") or any(x.lower() == k.lower() for x in env):
            continue
        env[k] = v
    return dict(sorted(env.items(), key=lambda kv: kv[0].upper()))


def _computer_name() -> str:
    try:
        return os.uname().nodename.split(".")[0].upper()[:15] or "WINELIKE"
    except Exception:
        return "WINELIKE"
