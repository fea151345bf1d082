"""Low-level I/O: CRT file descriptors over kernel32 handles (_open, _read, _write, _close...)."""
from __future__ import annotations

from winelike.abi.types import INT, PTR, UINT, LONG
from winelike.dlls.winapi import proc
from winelike.handles import table
from . import dll
from .state import crt, set_errno, EBADF

_O_TEXT, _O_BINARY, _O_WTEXT, _O_U16TEXT, _O_U8TEXT = 0x4000, 0x8000, 0x10000, 0x20000, 0x40000


class FdInfo:
    def __init__(self, handle: int, host_fd: int, text: bool, append: bool = False):
        self.handle = handle
        self.host_fd = host_fd
        self.text = text
        self.append = append


def register_std_fd(fd: int):
    p = proc()
    table(p)
    field = ("StdInput", "StdOutput", "StdError")[fd]
    crt().fds[fd] = FdInfo(getattr(p.params, field), fd, True)


def fd_info(fd: int) -> FdInfo | None:
    info = crt().fds.get(fd)
    if info is None:
        set_errno(EBADF)
    return info


@dll.cdecl
def _get_osfhandle(fd: INT) -> PTR:
    info = fd_info(fd)
    return (1 << proc().bits) - 1 if info is None else info.handle


@dll.cdecl
def _setmode(fd: INT, mode: INT) -> INT:
    info = fd_info(fd)
    if info is None:
        return -1
    old = _O_TEXT if info.text else _O_BINARY
    if mode & _O_BINARY:
        info.text = False
    elif mode & (_O_TEXT | _O_WTEXT | _O_U16TEXT | _O_U8TEXT):
        info.text = True
    else:
        from .state import EINVAL
        set_errno(EINVAL)
        return -1
    for st in crt().streams.values():
        if st.fd == fd and not st.closed:
            st.flush()
            st.text = info.text
    return old


@dll.cdecl
def _isatty(fd: INT) -> INT:
    import os
    info = fd_info(fd)
    if info is None:
        return 0
    try:
        return 64 if os.isatty(info.host_fd) else 0
    except OSError:
        return 0
