"""Low-level I/O: CRT file descriptors over host files (_open, _read, _write, _close, _stat...).

Each CRT fd owns a host fd and a kernel32 handle on it (so _get_osfhandle works).
Text mode: _write turns "\\n" into "\\r\\n" and returns the count of the caller's
bytes; _read turns "\\r\\n" into "\\n" and stops at Ctrl-Z.  Paths come from the
guest in Windows form and go through fileio.host_path().
"""
from __future__ import annotations

import errno as host_errno
import os
import stat as host_stat
import time

from winelike.abi.types import INT, LONG, LONGLONG, PTR, UINT, VARARGS
from winelike.dlls.winapi import proc
from winelike.handles import table, HostFile
from . import dll
from .state import crt, set_errno, EBADF, EINVAL, ENOENT, EACCES, EEXIST, EMFILE, ENOTEMPTY, EXDEV, ENOSPC

_O_RDONLY, _O_WRONLY, _O_RDWR, _O_APPEND = 0, 1, 2, 8
_O_RANDOM, _O_SEQUENTIAL, _O_TEMPORARY, _O_NOINHERIT = 0x10, 0x20, 0x40, 0x80
_O_CREAT, _O_TRUNC, _O_EXCL, _O_SHORT_LIVED = 0x100, 0x200, 0x400, 0x1000
_O_TEXT, _O_BINARY, _O_WTEXT, _O_U16TEXT, _O_U8TEXT = 0x4000, 0x8000, 0x10000, 0x20000, 0x40000
_S_IFDIR, _S_IFCHR, _S_IFIFO, _S_IFREG = 0x4000, 0x2000, 0x1000, 0x8000
_S_IREAD, _S_IWRITE, _S_IEXEC = 0x100, 0x80, 0x40
MAX_FDS = 2048


class FdInfo:
    def __init__(self, handle: int, host_fd: int, text: bool, append: bool = False, path: str = "",
                 temporary: bool = False):
        self.handle = handle
        self.host_fd = host_fd
        self.text = text
        self.append = append
        self.path = path            # host path (for _O_TEMPORARY)
        self.temporary = temporary
        self.pending_cr = False     # text _read: a CR ended the last read
        self.eof_ctrl_z = False


def errno_from_os(e: OSError) -> int:
    return {host_errno.ENOENT: ENOENT, host_errno.EACCES: EACCES, host_errno.EPERM: EACCES,
            host_errno.EEXIST: EEXIST, host_errno.EISDIR: EACCES, host_errno.ENOTDIR: ENOENT,
            host_errno.ENOTEMPTY: ENOTEMPTY, host_errno.EXDEV: EXDEV, host_errno.ENOSPC: ENOSPC,
            host_errno.EMFILE: EMFILE, host_errno.EBADF: EBADF, host_errno.EINVAL: EINVAL,
            host_errno.ESPIPE: EINVAL}.get(e.errno, EINVAL)


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


def alloc_fd(host_fd: int, text: bool, append=False, path="", temporary=False, name="", start=3) -> int:
    """A new CRT fd (lowest free from `start`) over an open host fd; -1 (EMFILE) when full."""
    s = crt()
    fd = start
    while fd in s.fds:
        fd += 1
    if fd >= MAX_FDS:
        set_errno(EMFILE)
        return -1
    h = table(proc()).add(HostFile(host_fd, name))
    s.fds[fd] = FdInfo(h, host_fd, text, append, path, temporary)
    return fd


def default_text() -> bool:
    addr = crt().static.get("_fmode")
    return not (addr and proc().mem.u32(addr) & _O_BINARY)


def open_host(path: str, oflag: int, pmode: int, shflag: int = 0x40) -> int:
    """_open's work on a guest path; returns the CRT fd or -1 with errno set.

    Share modes are kernel32's (sharing.claim_crt; _open is _SH_DENYNO): a sharing
    violation is EACCES and leaves the file untruncated, as with CreateFile underneath."""
    from .fileio import host_path
    hp = host_path(path)
    if hp is None:
        set_errno(ENOENT)
        return -1
    acc = oflag & 3
    flags = (os.O_RDONLY, os.O_WRONLY, os.O_RDWR, os.O_RDWR)[acc]
    if oflag & _O_CREAT:
        flags |= os.O_CREAT
    if oflag & _O_EXCL and oflag & _O_CREAT:
        flags |= os.O_EXCL
    mode = 0o666 if (pmode & _S_IWRITE or not oflag & _O_CREAT) else 0o444
    if os.path.isdir(hp):
        set_errno(EACCES)
        return -1
    try:
        host_fd = os.open(hp, flags | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as e:
        set_errno(errno_from_os(e))
        return -1
    from winelike.dlls.kernel32 import sharing
    if not sharing.claim_crt(host_fd, hp, acc != 1, acc != 0, shflag):
        os.close(host_fd)
        set_errno(EACCES)
        return -1
    if oflag & _O_TRUNC:
        try:
            os.ftruncate(host_fd, 0)
        except OSError as e:
            sharing.release_crt(host_fd)
            os.close(host_fd)
            set_errno(errno_from_os(e))
            return -1
    if oflag & _O_BINARY:
        text = False
    elif oflag & (_O_TEXT | _O_WTEXT | _O_U16TEXT | _O_U8TEXT):
        text = True
    else:
        text = default_text()
    fd = alloc_fd(host_fd, text, bool(oflag & _O_APPEND), hp, bool(oflag & _O_TEMPORARY), path)
    if fd < 0:
        sharing.release_crt(host_fd)
        os.close(host_fd)
    return fd


def _path_arg(ptr: int, wide: bool) -> str:
    p = proc()
    return p.mem.wstr(ptr) if wide else p.mem.cstr(ptr).decode(p.acp, "replace")


@dll.cdecl
def _open(path: PTR, oflag: INT, *args: VARARGS) -> INT:
    pmode = args[0].int32() if oflag & _O_CREAT else 0
    if not path:
        set_errno(EINVAL)
        return -1
    return open_host(_path_arg(path, False), oflag, pmode)


@dll.cdecl
def _wopen(path: PTR, oflag: INT, *args: VARARGS) -> INT:
    pmode = args[0].int32() if oflag & _O_CREAT else 0
    if not path:
        set_errno(EINVAL)
        return -1
    return open_host(_path_arg(path, True), oflag, pmode)


@dll.cdecl
def _sopen(path: PTR, oflag: INT, shflag: INT, *args: VARARGS) -> INT:
    pmode = args[0].int32() if oflag & _O_CREAT else 0
    return open_host(_path_arg(path, False), oflag, pmode, shflag)


@dll.cdecl
def _wsopen(path: PTR, oflag: INT, shflag: INT, *args: VARARGS) -> INT:
    pmode = args[0].int32() if oflag & _O_CREAT else 0
    return open_host(_path_arg(path, True), oflag, pmode, shflag)


@dll.cdecl
def _sopen_s(out: PTR, path: PTR, oflag: INT, shflag: INT, pmode: INT) -> INT:
    from .state import get_errno
    if not out:
        set_errno(EINVAL)
        return EINVAL
    fd = open_host(_path_arg(path, False), oflag, pmode, shflag)
    proc().mem.w32(out, fd)
    return 0 if fd >= 0 else get_errno()


@dll.cdecl
def _creat(path: PTR, pmode: INT) -> INT:
    return open_host(_path_arg(path, False), _O_CREAT | _O_TRUNC | _O_RDWR, pmode)


@dll.cdecl
def _wcreat(path: PTR, pmode: INT) -> INT:
    return open_host(_path_arg(path, True), _O_CREAT | _O_TRUNC | _O_RDWR, pmode)


def close_fd(fd: int) -> int:
    s = crt()
    info = s.fds.pop(fd, None)
    if info is None:
        set_errno(EBADF)
        return -1
    if fd > 2:
        table(proc()).close(info.handle)
        if not any(i.host_fd == info.host_fd for i in s.fds.values()):
            from winelike.dlls.kernel32 import sharing
            sharing.release_crt(info.host_fd)
            try:
                os.close(info.host_fd)
            except OSError:
                pass
        if info.temporary and info.path:
            try:
                os.unlink(info.path)
            except OSError:
                pass
    return 0


@dll.cdecl
def _close(fd: INT) -> INT:
    for st in crt().streams.values():
        if st.fd == fd and not st.closed:
            st.flush()
    return close_fd(fd)


def write_fd(info: FdInfo, data: bytes) -> int:
    if info.text:
        data = data.replace(b"\n", b"\r\n")
    if info.append:
        os.lseek(info.host_fd, 0, os.SEEK_END)
    n = 0
    while n < len(data):
        n += os.write(info.host_fd, data[n:])
    return n


@dll.cdecl
def _write(fd: INT, buf: PTR, count: UINT) -> INT:
    info = fd_info(fd)
    if info is None:
        return -1
    if not count:
        return 0
    data = proc().mem.read(buf, count)
    try:
        write_fd(info, data)
    except OSError as e:
        set_errno(ENOSPC if e.errno == host_errno.ENOSPC else EBADF)
        return -1
    return count


@dll.cdecl
def _read(fd: INT, buf: PTR, count: UINT) -> INT:
    info = fd_info(fd)
    if info is None:
        return -1
    if not count:
        return 0
    if info.eof_ctrl_z:
        return 0
    try:
        with proc().blocking():
            data = os.read(info.host_fd, count)
    except OSError as e:
        set_errno(errno_from_os(e))
        return -1
    if info.text and data:
        if info.pending_cr:
            data = b"\r" + data
            info.pending_cr = False
        z = data.find(b"\x1a")
        if z >= 0:
            data = data[:z]
            info.eof_ctrl_z = True
        if data.endswith(b"\r") and len(data) > 1:
            # look ahead one byte for the LF of a CRLF pair split across reads
            try:
                nxt = os.read(info.host_fd, 1)
            except OSError:
                nxt = b""
            if nxt == b"\n":
                data = data[:-1] + b"\n"
            elif nxt:
                os.lseek(info.host_fd, -1, os.SEEK_CUR) if _seekable(info.host_fd) else None
        data = data.replace(b"\r\n", b"\n")
    if data:
        proc().mem.write(buf, data)
    return len(data)


def _seekable(fd):
    try:
        os.lseek(fd, 0, os.SEEK_CUR)
        return True
    except OSError:
        return False


def lseek_fd(fd: int, off: int, whence: int) -> int:
    info = fd_info(fd)
    if info is None:
        return -1
    if whence not in (0, 1, 2):
        set_errno(EINVAL)
        return -1
    try:
        pos = os.lseek(info.host_fd, off, whence)
    except OSError as e:
        set_errno(EINVAL)
        return -1
    info.eof_ctrl_z = False
    info.pending_cr = False
    return pos


@dll.cdecl
def _lseek(fd: INT, off: LONG, whence: INT) -> LONG:
    r = lseek_fd(fd, off, whence)
    if r > 0x7FFFFFFF:
        set_errno(EINVAL)
        return -1
    return r


@dll.cdecl
def _lseeki64(fd: INT, off: LONGLONG, whence: INT) -> LONGLONG:
    return lseek_fd(fd, off, whence)


@dll.cdecl
def _tell(fd: INT) -> LONG:
    return lseek_fd(fd, 0, 1)


@dll.cdecl
def _telli64(fd: INT) -> LONGLONG:
    return lseek_fd(fd, 0, 1)


@dll.cdecl
def _eof(fd: INT) -> INT:
    info = fd_info(fd)
    if info is None:
        return -1
    try:
        cur = os.lseek(info.host_fd, 0, os.SEEK_CUR)
        end = os.fstat(info.host_fd).st_size
    except OSError:
        set_errno(EBADF)
        return -1
    return 1 if cur >= end or info.eof_ctrl_z else 0


@dll.cdecl
def _filelength(fd: INT) -> LONG:
    info = fd_info(fd)
    if info is None:
        return -1
    return os.fstat(info.host_fd).st_size


@dll.cdecl
def _filelengthi64(fd: INT) -> LONGLONG:
    info = fd_info(fd)
    if info is None:
        return -1
    return os.fstat(info.host_fd).st_size


@dll.cdecl
def _chsize(fd: INT, size: LONG) -> INT:
    info = fd_info(fd)
    if info is None:
        return -1
    try:
        os.ftruncate(info.host_fd, size)
    except OSError as e:
        set_errno(errno_from_os(e))
        return -1
    return 0


@dll.cdecl
def _commit(fd: INT) -> INT:
    info = fd_info(fd)
    if info is None:
        return -1
    try:
        os.fsync(info.host_fd)
    except OSError:
        pass
    return 0


@dll.cdecl
def _dup(fd: INT) -> INT:
    info = fd_info(fd)
    if info is None:
        return -1
    host = os.dup(info.host_fd)
    new = alloc_fd(host, info.text, info.append)
    if new < 0:
        os.close(host)
    return new


@dll.cdecl
def _dup2(fd: INT, fd2: INT) -> INT:
    info = fd_info(fd)
    if info is None or fd2 < 0 or fd2 >= MAX_FDS:
        set_errno(EBADF)
        return -1
    if fd2 == fd:
        return 0
    s = crt()
    if fd2 in s.fds:
        _close(fd2)
    if fd2 <= 2:
        os.dup2(info.host_fd, fd2)
        host = fd2
    else:
        host = os.dup(info.host_fd)
    h = table(proc()).add(HostFile(host, "", own=fd2 > 2))
    s.fds[fd2] = FdInfo(h, host, info.text, info.append)
    return 0


@dll.cdecl
def _get_osfhandle(fd: INT) -> PTR:
    info = fd_info(fd)
    return (1 << proc().bits) - 1 if info is None else info.handle


@dll.cdecl
def _open_osfhandle(handle: PTR, flags: INT) -> INT:
    f = table(proc()).get(handle, HostFile)
    if f is None:
        set_errno(EBADF)
        return -1
    s = crt()
    fd = 3
    while fd in s.fds:
        fd += 1
    text = not flags & _O_BINARY if flags & (_O_BINARY | _O_TEXT) else default_text()
    s.fds[fd] = FdInfo(handle, f.fd, text, bool(flags & _O_APPEND))
    return fd


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
        set_errno(EINVAL)
        return -1
    for st in crt().streams.values():
        if st.fd == fd and not st.closed:
            st.flush()
            st.text = info.text
    return old


@dll.cdecl
def _isatty(fd: INT) -> INT:
    info = fd_info(fd)
    if info is None:
        return 0
    try:
        return 64 if os.isatty(info.host_fd) else 0
    except OSError:
        return 0


@dll.cdecl
def _locking(fd: INT, mode: INT, nbytes: LONG) -> INT:
    return 0 if fd_info(fd) is not None else -1
