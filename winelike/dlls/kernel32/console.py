"""The console as a program on a host terminal sees it.

A std handle is a console handle only when its host descriptor is a terminal;
otherwise (redirected to a file or pipe) the console functions fail with
ERROR_INVALID_HANDLE, as they do on Windows, and programs fall back to WriteFile.
Text written with WriteConsoleA is decoded with the console output code page and
written to the terminal as UTF-8.
"""
from __future__ import annotations

import os

from winelike import debug
from winelike.abi.types import BOOL, DWORD, HANDLE, HWND, LPCSTR, LPCWSTR, PTR, UINT, WORD
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER
from winelike.handles import table, HostFile
from . import dll

ch = debug.Channel("console")

ENABLE_PROCESSED_INPUT, ENABLE_LINE_INPUT, ENABLE_ECHO_INPUT = 0x1, 0x2, 0x4
ENABLE_PROCESSED_OUTPUT, ENABLE_WRAP_AT_EOL_OUTPUT = 0x1, 0x2


def _state():
    p = proc()
    st = p.state.get("console")
    if st is None:
        from .stringapi import GetOEMCP
        oem = GetOEMCP()
        st = p.state["console"] = {"cp": oem, "out_cp": oem, "modes": {}, "ctrl_handlers": []}
    return st


def console_fd(handle: int) -> int | None:
    """The host fd behind a console handle, or None (error set) if it is not a console."""
    f = table(proc()).get(handle, HostFile)
    if f is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return None
    try:
        tty = os.isatty(f.fd)
    except OSError:
        tty = False
    if not tty:
        set_last_error(ERROR_INVALID_HANDLE)
        return None
    return f.fd


@dll.stdcall
def GetConsoleMode(handle: HANDLE, mode: PTR) -> BOOL:
    fd = console_fd(handle)
    if fd is None:
        return 0
    default = ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT if fd == 0 else \
        ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT
    proc().mem.w32(mode, _state()["modes"].get(fd, default))
    return 1


@dll.stdcall
def SetConsoleMode(handle: HANDLE, mode: DWORD) -> BOOL:
    fd = console_fd(handle)
    if fd is None:
        return 0
    _state()["modes"][fd] = mode
    f = table(proc()).get(handle, HostFile)
    if f is not None and f.name.upper() in ("CONIN$", "CON"):
        _apply_input_mode(fd, mode)
    return 1


def _apply_input_mode(fd: int, mode: int) -> None:
    """Console input modes on the host terminal: line input is ICANON, echo ECHO, processed input
    (Ctrl-C as a signal) ISIG.  The terminal's own settings come back at exit."""
    import atexit
    import termios
    try:
        attrs = termios.tcgetattr(fd)
    except termios.error:
        return
    st = _state()
    if "termios" not in st:
        st["termios"] = (fd, [a[:] if isinstance(a, list) else a for a in attrs])

        def restore(saved=st["termios"]):
            try:
                termios.tcsetattr(saved[0], termios.TCSANOW, saved[1])
            except termios.error:
                pass
        atexit.register(restore)
    lflag = attrs[3]
    for bit, flag in ((ENABLE_LINE_INPUT, termios.ICANON), (ENABLE_ECHO_INPUT, termios.ECHO),
                      (ENABLE_PROCESSED_INPUT, termios.ISIG)):
        lflag = lflag | flag if mode & bit else lflag & ~flag
    attrs[3] = lflag
    if not mode & ENABLE_LINE_INPUT:
        attrs[6][termios.VMIN], attrs[6][termios.VTIME] = 1, 0
    try:
        termios.tcsetattr(fd, termios.TCSANOW, attrs)
    except termios.error:
        pass


ERROR_INVALID_ACCESS = 12


def has_console() -> bool:
    """Does the process have a console?  Yes when a std descriptor is a terminal or there is a
    controlling terminal; a program with everything redirected and no terminal has none (as a
    Windows program started detached, and as Wine then): code pages read 0, setting them,
    GenerateConsoleCtrlEvent and opening CONIN$/CONOUT$ fail."""
    p = proc()
    present = p.state.get("console_present")
    if present is None:
        present = False
        for fd in (0, 1, 2):
            try:
                if os.isatty(fd):
                    present = True
                    break
            except OSError:
                pass
        if not present:
            try:
                os.close(os.open("/dev/tty", os.O_RDONLY | os.O_NOCTTY | os.O_CLOEXEC))
                present = True
            except OSError:
                pass
        p.state["console_present"] = present
    return present


@dll.stdcall
def GetConsoleCP() -> UINT:
    return _state()["cp"] if has_console() else 0


@dll.stdcall
def GetConsoleOutputCP() -> UINT:
    return _state()["out_cp"] if has_console() else 0


def _valid_cp(cp: int) -> bool:
    from .stringapi import IsValidCodePage
    return bool(IsValidCodePage(cp))


@dll.stdcall
def SetConsoleCP(cp: UINT) -> BOOL:
    if not has_console():
        set_last_error(ERROR_INVALID_ACCESS)
        return 0
    if not _valid_cp(cp):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    _state()["cp"] = cp
    return 1


@dll.stdcall
def SetConsoleOutputCP(cp: UINT) -> BOOL:
    if not has_console():
        set_last_error(ERROR_INVALID_ACCESS)
        return 0
    if not _valid_cp(cp):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    _state()["out_cp"] = cp
    return 1


def _write_text(handle: int, text: str, count: int, written: int) -> int:
    fd = console_fd(handle)
    if fd is None:
        return 0
    data = text.encode("utf-8", "replace")
    try:
        n = 0
        while n < len(data):
            n += os.write(fd, data[n:])
    except OSError:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    if written:
        proc().mem.w32(written, count)
    return 1


@dll.stdcall
def WriteConsoleW(handle: HANDLE, buf: PTR, count: DWORD, written: PTR, reserved: PTR) -> BOOL:
    p = proc()
    text = p.mem.read(buf, 2 * count).decode("utf-16-le", "replace") if count else ""
    return _write_text(handle, text, count, written)


@dll.stdcall
def WriteConsoleA(handle: HANDLE, buf: PTR, count: DWORD, written: PTR, reserved: PTR) -> BOOL:
    from .stringapi import codec_for, decode_bytewise
    p = proc()
    codec = codec_for(_state()["out_cp"]) or p.oemcp
    data = p.mem.read(buf, count) if count else b""
    text = data.decode("utf-8", "replace") if codec == "utf-8" else decode_bytewise(data, codec)
    return _write_text(handle, text, count, written)


@dll.stdcall
def ReadConsoleW(handle: HANDLE, buf: PTR, count: DWORD, read: PTR, control: PTR) -> BOOL:
    """Line input from the terminal (cooked mode: the host terminal edits the line)."""
    fd = console_fd(handle)
    if fd is None:
        return 0
    p = proc()
    pending = _state().setdefault("pending", "")
    if not pending:
        try:
            raw = os.read(fd, 4096)
        except OSError:
            set_last_error(ERROR_INVALID_HANDLE)
            return 0
        pending = raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\n", "\r\n")
    take, rest = pending[:count], pending[count:]
    _state()["pending"] = rest
    data = take.encode("utf-16-le", "surrogatepass")
    p.mem.write(buf, data)
    if read:
        p.mem.w32(read, len(data) // 2)
    return 1


def read_console_bytes(fd: int, count: int) -> bytes:
    """Cooked console input in the console code page: a line ends with CR LF, as on Windows.

    The host terminal edits the line and ends it with LF; what does not fit in
    `count` stays pending for the next read.
    """
    st = _state()
    pending = st.setdefault("pending_a", b"")
    if not pending:
        raw = os.read(fd, 4096)
        from .stringapi import codec_for
        codec = codec_for(st["cp"]) or proc().oemcp
        text = raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\n", "\r\n")
        pending = text.encode(codec, "replace")
    out, st["pending_a"] = pending[:count], pending[count:]
    return out


@dll.stdcall
def ReadConsoleA(handle: HANDLE, buf: PTR, count: DWORD, read: PTR, control: PTR) -> BOOL:
    fd = console_fd(handle)
    if fd is None:
        return 0
    p = proc()
    try:
        raw = read_console_bytes(fd, count) if count else b""
    except OSError:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    p.mem.write(buf, raw)
    if read:
        p.mem.w32(read, len(raw))
    return 1


# ---------------------------------------------------------------------------
# Ctrl-C: the handlers run on a new thread, as on Windows

CTRL_C_EVENT, CTRL_BREAK_EVENT = 0, 1
STATUS_CONTROL_C_EXIT = 0xC000013A


@dll.stdcall
def SetConsoleCtrlHandler(handler: PTR, add: BOOL) -> BOOL:
    """Handlers run last-registered first on a new guest thread when Ctrl-C arrives (see CtrlRoutine);
    a NULL handler with add TRUE makes the process ignore Ctrl-C."""
    st = _state()
    hs = st["ctrl_handlers"]
    if not handler:
        st["ignore_ctrl_c"] = bool(add)
    elif add:
        hs.append(handler)
    elif handler in hs:
        del hs[len(hs) - 1 - hs[::-1].index(handler)]
    else:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    _install_sigint(True)       # from now on Ctrl-C goes through CtrlRoutine, default handler included
    return 1


def _install_sigint(ours: bool) -> None:
    """Take Ctrl-C over while the program has handlers (or ignores it); give it back after.

    The signal watcher (Cpu.stop_on_signals, a host thread that sees the signal at once,
    whichever thread the kernel delivered it to) calls Process.stop_running, which asks
    the "ctrl_c_hook" first: ours starts the handler thread instead of stopping the guest.
    Python's own SIGINT handler, which would raise KeyboardInterrupt in the first thread,
    is replaced by one that does nothing.
    """
    import signal
    import threading
    p = proc()
    if ours:
        p.state["ctrl_c_hook"] = lambda: _on_ctrl_c(p)
    else:
        p.state.pop("ctrl_c_hook", None)
    if threading.current_thread() is not threading.main_thread():
        if ours:
            ch.fixme("SetConsoleCtrlHandler", "called from a thread other than the first: Ctrl-C also raises "
                     "KeyboardInterrupt")
        return
    try:
        signal.signal(signal.SIGINT, (lambda signum, frame: None) if ours else signal.default_int_handler)
    except (ValueError, OSError):
        pass


def _on_ctrl_c(p) -> bool:
    """From the signal watcher thread: hand the event to a courier; True: do not stop the guest."""
    import threading
    st = _state_of(p)
    if st["ctrl_handlers"] or not st.get("ignore_ctrl_c"):
        threading.Thread(target=_deliver, args=(p, CTRL_C_EVENT), name="winelike-ctrl-c", daemon=True).start()
    return True


def _state_of(p):
    return p.state["console"]


class _Courier:
    """A host thread that borrows the CPU to start the handler thread, as Windows' kernel does."""

    sched_state = "host"
    wait_keys = ()
    wait_deadline = None
    preempt = False

    def __init__(self):
        import threading
        import types
        self.baton = threading.Lock()
        self.baton.acquire()
        self.cpu = types.SimpleNamespace(sync_memory=lambda: None, stop=lambda: None)

    def on_resume(self):
        pass


def _deliver(p, event: int) -> None:
    courier = _Courier()
    p.sched.start_watchdog()
    p.sched.acquire(courier)
    try:
        if not p.exiting:
            _spawn_ctrl_thread(p, event)
    finally:
        p.sched.release(courier)


def _spawn_ctrl_thread(p, event: int) -> None:
    """Start CtrlRoutine(event) on a new guest thread (the CPU held)."""
    from winelike import threads
    m = p.find_module("kernel32.dll")
    entry = p.resolve_export(m, name="CtrlRoutine") if m is not None else 0
    if not entry:
        return
    try:
        threads.Thread.spawn(p, entry, event)
    except Exception as e:      # noqa: BLE001 - out of guest memory: the Ctrl-C is lost, say so
        ch.err("CtrlRoutine", f"cannot start the Ctrl-C thread: {e}")


@dll.stdcall
def CtrlRoutine(event: PTR) -> DWORD:
    """The Ctrl-C thread's start routine: the handlers, newest first, until one returns TRUE;
    if none does, the default handler ends the process with STATUS_CONTROL_C_EXIT."""
    p = proc()
    event &= 0xFFFFFFFF
    for h in reversed(list(_state()["ctrl_handlers"])):
        if p.cpu.call(h, (event,), p.callback_ret) & 0xFFFFFFFF:
            return 0
    if event == CTRL_C_EVENT and _state().get("ignore_ctrl_c"):
        return 0
    from .processenv import ExitProcess
    ExitProcess(STATUS_CONTROL_C_EXIT)
    return 0


@dll.stdcall
def GenerateConsoleCtrlEvent(event: DWORD, group: DWORD) -> BOOL:
    """Only this process's own console group: the handlers run on a new thread, as for Ctrl-C."""
    if event not in (CTRL_C_EVENT, CTRL_BREAK_EVENT):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if not has_console():
        set_last_error(ERROR_INVALID_ACCESS)
        return 0
    if group:
        ch.fixme("GenerateConsoleCtrlEvent", f"process group {group}: only this process gets the event")
    _spawn_ctrl_thread(proc(), event)
    return 1


@dll.stdcall
def GetConsoleWindow() -> HWND:
    return 0


@dll.stdcall
def SetConsoleTitleW(title: LPCWSTR) -> BOOL:
    _state()["title"] = title or ""
    return 1


@dll.stdcall
def SetConsoleTitleA(title: LPCSTR) -> BOOL:
    return SetConsoleTitleW(title)


# ---------------------------------------------------------------------------
# screen buffer: the host terminal, driven with ANSI escape sequences

FOREGROUND_BLUE, FOREGROUND_GREEN, FOREGROUND_RED, FOREGROUND_INTENSITY = 0x1, 0x2, 0x4, 0x8
BACKGROUND_BLUE, BACKGROUND_GREEN, BACKGROUND_RED, BACKGROUND_INTENSITY = 0x10, 0x20, 0x40, 0x80
DEFAULT_ATTRIBUTES = FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE
# console colour index (BGR bits) -> ANSI colour number (RGB order)
_ANSI = [0, 4, 2, 6, 1, 5, 3, 7]


def _terminal_size(fd: int) -> tuple[int, int]:
    try:
        sz = os.get_terminal_size(fd)
        if sz.columns > 0 and sz.lines > 0:          # a fresh pseudo-terminal reports 0 x 0
            return min(sz.columns, 0x7FFF), min(sz.lines, 0x7FFF)
    except OSError:
        pass
    return 80, 25


@dll.stdcall
def GetConsoleScreenBufferInfo(handle: HANDLE, info: PTR) -> BOOL:
    """The window is the terminal; the cursor position is not known (reported as the last one set)."""
    import struct
    fd = console_fd(handle)
    if fd is None:
        return 0
    st = _state()
    cols, rows = _terminal_size(fd)
    x, y = st.get("cursor", (0, 0))
    attrs = st.get("attributes", DEFAULT_ATTRIBUTES)
    proc().mem.write(info, struct.pack("<hhhhHhhhhhh", cols, rows, min(x, cols - 1), min(y, rows - 1), attrs,
                                       0, 0, cols - 1, rows - 1, cols, rows))
    return 1


def _ansi(fd: int, seq: str) -> None:
    try:
        os.write(fd, seq.encode("ascii"))
    except OSError:
        pass


@dll.stdcall
def SetConsoleTextAttribute(handle: HANDLE, attrs: WORD) -> BOOL:
    fd = console_fd(handle)
    if fd is None:
        return 0
    _state()["attributes"] = attrs
    fg = _ANSI[attrs & 7] + (90 if attrs & FOREGROUND_INTENSITY else 30)
    bg = _ANSI[(attrs >> 4) & 7] + (100 if attrs & BACKGROUND_INTENSITY else 40)
    if attrs == DEFAULT_ATTRIBUTES:
        _ansi(fd, "\x1b[0m")
    else:
        _ansi(fd, f"\x1b[0;{fg};{bg}m")
    return 1


@dll.stdcall
def SetConsoleCursorPosition(handle: HANDLE, pos: DWORD) -> BOOL:
    """COORD passed by value: X in the low word, Y in the high word."""
    fd = console_fd(handle)
    if fd is None:
        return 0
    x, y = pos & 0xFFFF, (pos >> 16) & 0xFFFF
    cols, rows = _terminal_size(fd)
    if x >= 0x8000 or y >= 0x8000 or x >= cols or y >= rows:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    _state()["cursor"] = (x, y)
    _ansi(fd, f"\x1b[{y + 1};{x + 1}H")
    return 1


@dll.stdcall
def GetConsoleCursorInfo(handle: HANDLE, info: PTR) -> BOOL:
    fd = console_fd(handle)
    if fd is None:
        return 0
    size, visible = _state().get("cursor_info", (25, 1))
    proc().mem.w32(info, size)
    proc().mem.w32(info + 4, visible)
    return 1


@dll.stdcall
def SetConsoleCursorInfo(handle: HANDLE, info: PTR) -> BOOL:
    fd = console_fd(handle)
    if fd is None:
        return 0
    size, visible = proc().mem.u32(info), proc().mem.u32(info + 4)
    if not 1 <= size <= 100:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    _state()["cursor_info"] = (size, 1 if visible else 0)
    _ansi(fd, "\x1b[?25h" if visible else "\x1b[?25l")
    return 1


@dll.stdcall
def FlushConsoleInputBuffer(handle: HANDLE) -> BOOL:
    fd = console_fd(handle)
    if fd is None:
        return 0
    _state()["pending"] = ""
    _state()["pending_a"] = b""
    try:
        import termios
        termios.tcflush(fd, termios.TCIFLUSH)
    except (ImportError, OSError):
        pass
    return 1


@dll.stdcall
def GetConsoleTitleW(buf: PTR, size: DWORD) -> DWORD:
    title = _state().get("title", proc().exe_win_path)
    if not size:
        return 0
    data = title.encode("utf-16-le")[:2 * (size - 1)]
    proc().mem.write(buf, data + b"\0\0")
    return len(data) // 2


@dll.stdcall
def GetConsoleTitleA(buf: PTR, size: DWORD) -> DWORD:
    p = proc()
    title = _state().get("title", p.exe_win_path)
    if not size:
        return 0
    data = p.encode_astr(title)[:size - 1]
    p.mem.write(buf, data + b"\0")
    return len(data)
