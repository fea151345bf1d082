"""Per-process C runtime state (streams, errno, atexit list, locale)."""
from __future__ import annotations

from winelike.dlls.winapi import proc
from . import dll


class CrtState:
    def __init__(self, p):
        self.proc = p
        self.atexit: list[int] = []
        self.app_type = 0
        self.errno_addr = p.heap_alloc(16, zero=True)     # errno, _doserrno
        self.streams = {}          # FILE* -> Stream
        self.iob = 0               # address of _iob
        self.fds = {}              # CRT fd -> FdInfo
        self.signals = {}
        self.exiting = False
        self.static = {}           # named static buffers (strerror, setlocale results...)
        self.rand_seed = 1
        self.strtok_next = 0
        self.wcstok_next = 0


def crt() -> CrtState:
    p = proc()
    st = p.state.get("msvcrt")
    if st is None:
        st = p.state["msvcrt"] = CrtState(p)
    return st


def static_buffer(name: str, size: int) -> int:
    s = crt()
    addr = s.static.get(name)
    if addr is None:
        addr = s.static[name] = proc().heap_alloc(size, zero=True)
    return addr


def set_errno(v: int) -> None:
    p = proc()
    p.mem.w32(crt().errno_addr, v)


def get_errno() -> int:
    return proc().mem.i32(crt().errno_addr)


# errno values (msvcrt)
EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
EAGAIN, ENOMEM, EACCES, EFAULT, EBUSY, EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR = 11, 12, 13, 14, 16, 17, 18, 19, 20, 21
EINVAL, ENFILE, EMFILE, ENOTTY, EFBIG, ENOSPC, ESPIPE, EROFS, EMLINK, EPIPE = 22, 23, 24, 25, 27, 28, 29, 30, 31, 32
EDOM, ERANGE, EDEADLK, ENAMETOOLONG, ENOLCK, ENOSYS, ENOTEMPTY, EILSEQ = 33, 34, 36, 38, 39, 40, 41, 42
STRUNCATE = 80
