"""Files: CreateFile and handles on disk files, devices and the std handles; directories,
attributes, FindFirstFile, moves and copies, drives.

Names go through winelike.paths (GetFullPathName's rules, the prefix's drives, a
case-insensitive lookup and the sandbox).  Handles are process-local objects of
winelike.handles; share modes are enforced between handles and between processes with
open-file-description locks (see sharing.py), without a server round trip.
"""
from __future__ import annotations

import errno
import os
import stat

from winelike import debug, paths
from winelike.abi.types import BOOL, DWORD, HANDLE, LONG, LONGLONG, LPCSTR, LPCWSTR, PTR, UINT
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_HANDLE, ERROR_ACCESS_DENIED
from winelike.handles import table, HostFile
from . import dll, sharing

ch = debug.Channel("file")

FILE_TYPE_UNKNOWN, FILE_TYPE_DISK, FILE_TYPE_CHAR, FILE_TYPE_PIPE = 0, 1, 2, 3
ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND = 2, 3
ERROR_BROKEN_PIPE = 109
ERROR_NO_DATA = 232
ERROR_HANDLE_EOF = 38
ERROR_IO_PENDING = 997
ERROR_IO_INCOMPLETE = 996
ERROR_LOCK_VIOLATION = 33
ERROR_NOT_LOCKED = 158
ERROR_USER_MAPPED_FILE = 1224
ERROR_WRITE_FAULT = 29
ERROR_DISK_FULL = 112
STATUS_PENDING = 0x103
STATUS_END_OF_FILE = 0xC0000011


def host_file(h) -> HostFile | None:
    f = table(proc()).get(h, HostFile)
    if f is None:
        set_last_error(ERROR_INVALID_HANDLE)
    return f


def _os_error(e: OSError) -> int:
    if e.errno == errno.ENOSPC:
        return ERROR_DISK_FULL
    if e.errno in (errno.EBADF, errno.EACCES, errno.EPERM, errno.EISDIR):
        return ERROR_ACCESS_DENIED
    return ERROR_WRITE_FAULT


class Overlapped:
    """An OVERLAPPED structure: Internal, InternalHigh, Offset, OffsetHigh, hEvent."""

    def __init__(self, ptr: int):
        self.ptr = ptr
        self.ps = proc().mem.ptr_size

    @property
    def offset(self) -> int:
        mem = proc().mem
        return mem.u32(self.ptr + 2 * self.ps) | mem.u32(self.ptr + 2 * self.ps + 4) << 32

    def complete(self, status: int, count: int) -> None:
        """The I/O is done: store status and count, then signal the event (synchronous completion)."""
        from .objects import SetEvent
        mem = proc().mem
        mem.wptr(self.ptr, status)
        mem.wptr(self.ptr + self.ps, count)
        ev = mem.ptr(self.ptr + 2 * self.ps + 8)
        if ev:
            SetEvent(ev & ~1)          # the low bit only asks not to queue a completion packet

    def start(self) -> None:
        from .objects import ResetEvent
        mem = proc().mem
        mem.wptr(self.ptr, STATUS_PENDING)
        ev = mem.ptr(self.ptr + 2 * self.ps + 8)
        if ev:
            ResetEvent(ev & ~1)


def _transfer(f, handle, overlapped, count_ptr, io):
    """Run `io(offset)` (offset None: at the file pointer) with ReadFile/WriteFile's OVERLAPPED rules.

    Overlapped I/O is done synchronously; the OVERLAPPED gets the status and count and its
    event is set, so both GetOverlappedResult and a wait on the event see it completed.
    """
    p = proc()
    ov = Overlapped(overlapped) if overlapped else None
    if ov is not None:
        ov.start()
    offset = ov.offset if ov is not None and isinstance(f, DiskFile) else None
    try:
        n, eof = io(offset)
    except OSError as e:
        if ov is not None:
            ov.complete(0xC0000022, 0)
        set_last_error(ERROR_NO_DATA if isinstance(e, BrokenPipeError) else
                       109 if isinstance(e, PipeEnded) else _os_error(e))     # ERROR_BROKEN_PIPE
        return 0
    if count_ptr:
        p.mem.w32(count_ptr, n)
    if ov is not None:
        if eof and isinstance(f, DiskFile):
            ov.complete(STATUS_END_OF_FILE, 0)
            set_last_error(ERROR_HANDLE_EOF)
            return 0
        ov.complete(0, n)
    return 1


@dll.stdcall
def WriteFile(handle: HANDLE, buf: PTR, size: DWORD, written: PTR, overlapped: PTR) -> BOOL:
    p = proc()
    f = host_file(handle)
    if f is None:
        return 0
    if isinstance(f, DiskFile) and not f.writable:
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    data = p.mem.read(buf, size) if size else b""

    def io(offset):
        n = 0
        if offset is not None and offset != 0xFFFFFFFFFFFFFFFF and not f.append:
            while n < len(data):
                n += os.pwrite(f.fd, data[n:], offset + n)
            if not f.overlapped:
                os.lseek(f.fd, offset + n, os.SEEK_SET)
        elif isinstance(f, DiskFile):
            while n < len(data):
                n += os.write(f.fd, data[n:])
        else:
            with p.blocking():          # a full pipe or a stopped terminal blocks
                while n < len(data):
                    n += os.write(f.fd, data[n:])
        return n, False
    return _transfer(f, handle, overlapped, written, io)


@dll.stdcall
def ReadFile(handle: HANDLE, buf: PTR, size: DWORD, read: PTR, overlapped: PTR) -> BOOL:
    p = proc()
    f = host_file(handle)
    if f is None:
        return 0
    if isinstance(f, DiskFile) and not f.readable:
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    if not size and read:
        p.mem.w32(read, 0)

    def io(offset):
        if not size:
            return 0, False
        if offset is not None:
            data = os.pread(f.fd, size, offset)
            if not f.overlapped:
                os.lseek(f.fd, offset + len(data), os.SEEK_SET)
        elif isinstance(f, DiskFile):
            if size >= _DIRECT_MIN:
                n = _read_into_guest(p.mem, f.fd, buf, size)
                if n is not None:
                    return n, not n
            data = os.read(f.fd, size)
        elif os.isatty(f.fd):
            from .console import read_console_bytes
            with p.blocking():
                data = read_console_bytes(f.fd, size)
        else:
            with p.blocking():
                data = os.read(f.fd, size)
            if not data and stat.S_ISFIFO(os.fstat(f.fd).st_mode):
                raise PipeEnded()           # every write end is closed
        if data:
            p.mem.write(buf, data)
        return len(data), not data
    return _transfer(f, handle, overlapped, read, io)


class PipeEnded(OSError):
    """ReadFile on a pipe whose writers are all gone: FALSE with ERROR_BROKEN_PIPE, as on Windows."""


_DIRECT_MIN = 1 << 16


def _read_into_guest(mem, fd: int, buf: int, size: int):
    """A large disk read straight into guest memory (one copy instead of two), or None if the
    buffer spans regions (the caller then reads and copies)."""
    r = mem.find(buf)
    if r is None or buf + size > r.end:
        return None
    off = buf - r.base
    with memoryview(r.mm) as whole, whole[off:off + size] as view:
        return os.readv(fd, [view])


@dll.stdcall
def GetOverlappedResult(handle: HANDLE, overlapped: PTR, count: PTR, wait: BOOL) -> BOOL:
    """Every overlapped operation here completes before ReadFile/WriteFile return."""
    mem = proc().mem
    ps = mem.ptr_size
    status = mem.ptr(overlapped)
    n = mem.ptr(overlapped + ps) & 0xFFFFFFFF
    if status == STATUS_PENDING:
        set_last_error(ERROR_IO_INCOMPLETE)
        return 0
    if count:
        mem.w32(count, n)
    if status == STATUS_END_OF_FILE:
        set_last_error(ERROR_HANDLE_EOF)
        return 0
    if status:
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    return 1


@dll.stdcall
def GetOverlappedResultEx(handle: HANDLE, overlapped: PTR, count: PTR, timeout: DWORD, alertable: BOOL) -> BOOL:
    return GetOverlappedResult(handle, overlapped, count, 1)


@dll.stdcall
def CancelIo(handle: HANDLE) -> BOOL:
    return 1 if host_file(handle) is not None else 0       # nothing is ever pending


@dll.stdcall
def GetFileType(handle: HANDLE) -> DWORD:
    f = host_file(handle)
    if f is None:
        return FILE_TYPE_UNKNOWN
    if isinstance(f, DiskFile) and f.device == "NUL":
        set_last_error(0)
        return FILE_TYPE_CHAR
    try:
        st = os.fstat(f.fd)
    except OSError:
        set_last_error(ERROR_INVALID_HANDLE)
        return FILE_TYPE_UNKNOWN
    set_last_error(0)
    if stat.S_ISCHR(st.st_mode):
        return FILE_TYPE_CHAR
    if stat.S_ISFIFO(st.st_mode) or stat.S_ISSOCK(st.st_mode):
        return FILE_TYPE_PIPE
    return FILE_TYPE_DISK


@dll.stdcall
def CloseHandle(handle: HANDLE) -> BOOL:
    from .objects import close_handle        # local objects here, shared ones in the server
    return int(close_handle(handle))


def temp_path() -> str:
    """GetTempPath's answer: %TMP%, %TEMP%, %USERPROFILE%, then the Windows directory, with a final backslash."""
    p = proc()
    for var in ("TMP", "TEMP", "USERPROFILE"):
        v = p.env_get(var)
        if v:
            break
    else:
        v = "C:\\windows"
    return v if v.endswith("\\") else v + "\\"


@dll.stdcall
def GetTempPathW(size: DWORD, buf: PTR) -> DWORD:
    from winelike.dlls.winapi import write_wstr_buf
    s = temp_path()
    if not buf and size:
        set_last_error(998)     # ERROR_NOACCESS
        return 0
    return write_wstr_buf(buf, size, s) if size else len(s) + 1


@dll.stdcall
def GetTempPathA(size: DWORD, buf: PTR) -> DWORD:
    from winelike.dlls.winapi import write_astr_buf
    s = temp_path()
    if not buf and size:
        set_last_error(998)
        return 0
    return write_astr_buf(buf, size, s) if size else len(proc().encode_astr(s)) + 1


def resolve(name, wildcard=False):
    """paths.resolve for the current process, with the error code set on failure (None)."""
    if name is None:
        set_last_error(ERROR_PATH_NOT_FOUND)
        return None
    try:
        return paths.resolve(proc(), name, wildcard)
    except paths.PathError as e:
        set_last_error(e.error)
        return None


def _host_or_error(name):
    """The host path of a name that must be a file or directory (devices give ERROR_FILE_NOT_FOUND)."""
    t = resolve(name)
    if t is None:
        return None
    if t.device is not None:
        set_last_error(ERROR_FILE_NOT_FOUND)
        return None
    return t.host


def _missing_error(host: str) -> int:
    return ERROR_FILE_NOT_FOUND if os.path.isdir(os.path.dirname(host.rstrip("/")) or "/") else ERROR_PATH_NOT_FOUND


def _delete_file(name) -> int:
    """DeleteFile: directories give ERROR_ACCESS_DENIED, open handles without FILE_SHARE_DELETE a sharing violation."""
    if not name:
        set_last_error(ERROR_PATH_NOT_FOUND if name == "" else ERROR_FILE_NOT_FOUND)
        return 0
    host = _host_or_error(name)
    if host is None:
        return 0
    try:
        st = os.lstat(host)
    except OSError:
        set_last_error(_missing_error(host))
        return 0
    if stat.S_ISDIR(st.st_mode) or not st.st_mode & 0o222 and not stat.S_ISLNK(st.st_mode):
        set_last_error(ERROR_ACCESS_DENIED)      # a read-only file cannot be deleted either
        return 0
    if not sharing.probe(host, False, False, True, 7):
        set_last_error(ERROR_SHARING_VIOLATION)
        return 0
    try:
        os.unlink(host)
    except OSError as e:
        set_last_error(_missing_error(host) if e.errno == errno.ENOENT else ERROR_ACCESS_DENIED)
        return 0
    return 1


@dll.stdcall
def DeleteFileW(name: LPCWSTR) -> BOOL:
    return _delete_file(name)


@dll.stdcall
def DeleteFileA(name: LPCSTR) -> BOOL:
    return _delete_file(name)


# ---------------------------------------------------------------------------
# CreateFile and disk-file basics

GENERIC_READ, GENERIC_WRITE, GENERIC_EXECUTE, GENERIC_ALL = 0x80000000, 0x40000000, 0x20000000, 0x10000000
FILE_READ_DATA, FILE_WRITE_DATA, FILE_APPEND_DATA, FILE_EXECUTE = 0x1, 0x2, 0x4, 0x20
FILE_SHARE_READ, FILE_SHARE_WRITE, FILE_SHARE_DELETE = 1, 2, 4
DELETE = 0x10000
CREATE_NEW, CREATE_ALWAYS, OPEN_EXISTING, OPEN_ALWAYS, TRUNCATE_EXISTING = 1, 2, 3, 4, 5
FILE_ATTRIBUTE_READONLY = 0x1
FILE_FLAG_OVERLAPPED = 0x40000000
FILE_FLAG_DELETE_ON_CLOSE = 0x04000000
FILE_FLAG_BACKUP_SEMANTICS = 0x02000000
ERROR_SHARING_VIOLATION = 32
ERROR_FILE_EXISTS = 80
ERROR_ALREADY_EXISTS = 183
ERROR_INVALID_PARAMETER = 87
ERROR_NEGATIVE_SEEK = 131


class DiskFile(HostFile):
    """An open disk file or device: the access it was opened with and what CloseHandle must undo.

    The host descriptor is opened read-write when the host allows it (access is checked
    here, in ReadFile/WriteFile), so that the sharing locks and LockFile can use it.
    """

    def __init__(self, fd, name, host, access, share, flags, device=None, wants=None):
        super().__init__(fd, name, access)
        self.host = host
        self.share = share
        self.flags = flags
        self.device = device
        self.readable, self.writable, self.deletable = wants or _wants(access)
        self.append = bool(access & FILE_APPEND_DATA) and not access & (FILE_WRITE_DATA | GENERIC_WRITE | GENERIC_ALL)
        self.overlapped = bool(flags & FILE_FLAG_OVERLAPPED)
        self.delete_on_close = bool(flags & FILE_FLAG_DELETE_ON_CLOSE)
        self.mapped_views = 0
        self.locks: list[tuple[int, int, bool]] = []     # LockFile ranges: (start, length, exclusive)

    def close(self):
        if self.delete_on_close and self.host:
            try:
                os.unlink(self.host)
            except OSError:
                pass
        super().close()


_wants_cache: dict[int, tuple[bool, bool, bool]] = {}


def _wants(access: int):
    """(read, write, delete) rights asked for by an access mask."""
    w = _wants_cache.get(access)
    if w is None:
        read = bool(access & (GENERIC_READ | GENERIC_ALL | GENERIC_EXECUTE | FILE_READ_DATA | FILE_EXECUTE))
        write = bool(access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA))
        delete = bool(access & (DELETE | GENERIC_ALL))
        w = _wants_cache[access] = (read, write, delete)
    return w


_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_umask_value = None


def _umask() -> int:
    global _umask_value
    if _umask_value is None:
        _umask_value = os.umask(0o22)
        os.umask(_umask_value)
    return _umask_value


def create_file(name, access, share, disposition, flags):
    p = proc()
    invalid = (1 << p.bits) - 1
    if not name:
        set_last_error(ERROR_PATH_NOT_FOUND)
        return invalid
    if disposition not in (CREATE_NEW, CREATE_ALWAYS, OPEN_EXISTING, OPEN_ALWAYS, TRUNCATE_EXISTING):
        set_last_error(ERROR_INVALID_PARAMETER)
        return invalid
    t = resolve(name)
    if t is None:
        return invalid
    read, write, delete = _wants(access)
    if t.device is not None:
        return _open_device(t.device, name, access, share, flags, invalid)
    host = t.host
    existed = t.exists
    if existed:
        st = t.lstat
        try:
            mode = st.st_mode if st is not None and not stat.S_ISLNK(st.st_mode) else os.stat(host).st_mode
        except OSError:         # a dangling symlink: create through it, or fail as missing
            mode = 0o666
            existed = False
    is_dir = existed and stat.S_ISDIR(mode)
    if is_dir and (not flags & FILE_FLAG_BACKUP_SEMANTICS or disposition not in (OPEN_EXISTING, OPEN_ALWAYS)):
        set_last_error(ERROR_FILE_EXISTS if disposition == CREATE_NEW and flags & FILE_FLAG_BACKUP_SEMANTICS
                       else ERROR_ACCESS_DENIED)
        return invalid
    if (write or flags & FILE_FLAG_DELETE_ON_CLOSE) and existed and not is_dir and not mode & 0o222:
        set_last_error(ERROR_ACCESS_DENIED)          # FILE_ATTRIBUTE_READONLY
        return invalid
    create = os.O_CREAT | os.O_EXCL if disposition == CREATE_NEW else \
        os.O_CREAT if disposition in (CREATE_ALWAYS, OPEN_ALWAYS) else 0
    if is_dir:
        modes = [os.O_RDONLY | os.O_DIRECTORY]
    else:
        want = os.O_RDWR if read and write else os.O_WRONLY if write else os.O_RDONLY
        modes = [os.O_RDWR, want] if want != os.O_RDWR else [os.O_RDWR]
    fd = None
    for open_mode in modes:
        try:
            fd = os.open(host, open_mode | create | _O_CLOEXEC, 0o666)
            break
        except OSError as e:
            err = e
            if e.errno in (errno.EACCES, errno.EPERM, errno.ETXTBSY, errno.EROFS) and open_mode != modes[-1]:
                continue
            break
    if fd is None:
        if err.errno == errno.EEXIST:
            set_last_error(ERROR_FILE_EXISTS)
        elif err.errno == errno.ENOENT:
            set_last_error(_missing_error(host))
        elif err.errno == errno.ENOTDIR:
            set_last_error(ERROR_PATH_NOT_FOUND)
        else:
            set_last_error(ERROR_ACCESS_DENIED)
        return invalid
    if not is_dir and not sharing.claim(fd, read, write, delete or bool(flags & FILE_FLAG_DELETE_ON_CLOSE), share):
        os.close(fd)
        if not existed:             # we created it (OPEN_ALWAYS raced with another opener): leave no trace
            try:
                os.unlink(host)
            except OSError:
                pass
        set_last_error(ERROR_SHARING_VIOLATION)
        return invalid
    if existed and (disposition == CREATE_ALWAYS or disposition == TRUNCATE_EXISTING):
        try:
            os.ftruncate(fd, 0)
        except OSError:         # a descriptor the host opened read-only (Wine truncates for readers too)
            try:
                os.truncate(host, 0)
            except OSError:
                pass
    if not existed or disposition == CREATE_ALWAYS:
        if flags & _KEPT_ATTRIBUTES:
            _store_attributes(host, flags)
        if flags & FILE_ATTRIBUTE_READONLY and not existed:
            os.fchmod(fd, 0o444 & ~_umask())    # read-only from now on; this handle keeps its access
    f = DiskFile(fd, name, host, access, share, flags, wants=(read, write, delete))
    set_last_error(ERROR_ALREADY_EXISTS if existed and disposition in (CREATE_ALWAYS, OPEN_ALWAYS) else 0)
    return table(p).add(f)


def _open_device(dev, name, access, share, flags, invalid):
    p = proc()
    read, write, _ = _wants(access)
    if dev == "CON":
        dev = "CONOUT$" if write and not read else "CONIN$"
    if dev in ("CONIN$", "CONOUT$"):
        from .console import has_console
        if not has_console():
            set_last_error(ERROR_INVALID_HANDLE)      # no console to open
            return invalid
        fd = 0 if dev == "CONIN$" else 1
        try:
            if os.isatty(fd) or not os.path.exists("/dev/tty"):
                return table(p).add(HostFile(fd, dev, access, own=False))
            fd = os.open("/dev/tty", (os.O_RDONLY if dev == "CONIN$" else os.O_WRONLY) | _O_CLOEXEC)
            return table(p).add(HostFile(fd, dev, access))
        except OSError:
            return table(p).add(HostFile(fd, dev, access, own=False))
    if dev == "NUL":
        fd = os.open(os.devnull, os.O_RDWR | _O_CLOEXEC)
        f = DiskFile(fd, name, None, access, share, flags & ~FILE_FLAG_DELETE_ON_CLOSE, device="NUL")
        set_last_error(0)
        return table(p).add(f)
    set_last_error(ERROR_FILE_NOT_FOUND)        # no serial or parallel ports, no printer
    return invalid


@dll.stdcall
def CreateFileW(name: LPCWSTR, access: DWORD, share: DWORD, sa: PTR, disposition: DWORD, flags: DWORD,
                template: HANDLE) -> HANDLE:
    return create_file(name, access, share, disposition, flags)


@dll.stdcall
def CreateFileA(name: LPCSTR, access: DWORD, share: DWORD, sa: PTR, disposition: DWORD, flags: DWORD,
                template: HANDLE) -> HANDLE:
    return create_file(name, access, share, disposition, flags)



def _seek(handle, distance: int, method: int):
    f = host_file(handle)
    if f is None:
        return None
    if method not in (0, 1, 2):
        set_last_error(ERROR_INVALID_PARAMETER)
        return None
    try:
        cur = os.lseek(f.fd, 0, os.SEEK_CUR)
        base = 0 if method == 0 else cur if method == 1 else os.fstat(f.fd).st_size
        if base + distance < 0:
            set_last_error(ERROR_NEGATIVE_SEEK)
            return None
        return os.lseek(f.fd, base + distance, os.SEEK_SET)
    except OSError:
        set_last_error(ERROR_INVALID_HANDLE)
        return None


@dll.stdcall
def SetFilePointer(handle: HANDLE, distance: LONG, high: PTR, method: DWORD) -> DWORD:
    p = proc()
    if high:
        dist = (p.mem.i32(high) << 32) | (distance & 0xFFFFFFFF)
    else:
        dist = distance
    pos = _seek(handle, dist, method)
    if pos is None:
        return 0xFFFFFFFF      # INVALID_SET_FILE_POINTER
    if high:
        p.mem.w32(high, pos >> 32)
    set_last_error(0)
    return pos & 0xFFFFFFFF


@dll.stdcall
def SetFilePointerEx(handle: HANDLE, distance: LONGLONG, newpos: PTR, method: DWORD) -> BOOL:
    pos = _seek(handle, distance, method)
    if pos is None:
        return 0
    if newpos:
        proc().mem.w64(newpos, pos)
    return 1


def _size(handle):
    f = host_file(handle)
    if f is None:
        return None
    try:
        st = os.fstat(f.fd)
    except OSError:
        set_last_error(ERROR_INVALID_HANDLE)
        return None
    return 0 if stat.S_ISDIR(st.st_mode) else st.st_size


@dll.stdcall
def GetFileSize(handle: HANDLE, high: PTR) -> DWORD:
    n = _size(handle)
    if n is None:
        return 0xFFFFFFFF
    if high:
        proc().mem.w32(high, n >> 32)
    set_last_error(0)
    return n & 0xFFFFFFFF


@dll.stdcall
def GetFileSizeEx(handle: HANDLE, size: PTR) -> BOOL:
    n = _size(handle)
    if n is None:
        return 0
    proc().mem.w64(size, n)
    return 1


@dll.stdcall
def SetEndOfFile(handle: HANDLE) -> BOOL:
    f = host_file(handle)
    if f is None:
        return 0
    if isinstance(f, DiskFile) and not f.writable:
        set_last_error(ERROR_INVALID_PARAMETER)     # Wine's answer (Windows: ERROR_ACCESS_DENIED)
        return 0
    if isinstance(f, DiskFile) and f.mapped_views:
        set_last_error(ERROR_USER_MAPPED_FILE)      # the views would lose their pages (SIGBUS on the host)
        return 0
    try:
        os.ftruncate(f.fd, os.lseek(f.fd, 0, os.SEEK_CUR))
    except OSError:
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    return 1


@dll.stdcall
def FlushFileBuffers(handle: HANDLE) -> BOOL:
    f = host_file(handle)
    if f is None:
        return 0
    try:
        os.fsync(f.fd)
    except OSError:
        pass        # pipes and terminals have nothing to flush
    return 1


# ---------------------------------------------------------------------------
# Directories, attributes, full paths and the current directory

FILE_ATTRIBUTE_DIRECTORY, FILE_ATTRIBUTE_ARCHIVE = 0x10, 0x20
INVALID_FILE_ATTRIBUTES = 0xFFFFFFFF
ERROR_DIR_NOT_EMPTY, ERROR_DIRECTORY = 145, 267


FILE_ATTRIBUTE_HIDDEN, FILE_ATTRIBUTE_SYSTEM = 0x2, 0x4
_KEPT_ATTRIBUTES = FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM
_XATTR = "user.DOSATTRIB"       # where Wine keeps the attributes Unix has no bit for ("0x26")


def attributes_of(st, host: str | None = None, name: str | None = None) -> int:
    """Windows attributes of a host file, as Wine gives them: directory or archive; read-only
    when nobody may write; hidden for a dot-file; hidden and system kept in user.DOSATTRIB."""
    attrs = FILE_ATTRIBUTE_DIRECTORY if stat.S_ISDIR(st.st_mode) else FILE_ATTRIBUTE_ARCHIVE
    if not st.st_mode & 0o222:
        attrs |= FILE_ATTRIBUTE_READONLY
    base = name if name is not None else os.path.basename(host) if host else ""
    if base.startswith(".") and base not in (".", ".."):
        attrs |= FILE_ATTRIBUTE_HIDDEN
    if host:
        attrs |= _stored_attributes(host)
    return attrs


def _stored_attributes(host: str) -> int:
    try:
        return int(os.getxattr(host, _XATTR).split(b"\0")[0], 16) & _KEPT_ATTRIBUTES
    except (OSError, ValueError):
        return 0


def _store_attributes(host: str, attrs: int) -> None:
    """Keep hidden/system in the file's extended attributes (silently not, where the file system has none)."""
    bits = attrs & _KEPT_ATTRIBUTES
    try:
        if bits:
            os.setxattr(host, _XATTR, f"0x{bits:x}".encode())
        else:
            os.removexattr(host, _XATTR)
    except OSError:
        pass


def file_attributes(name) -> int:
    host = _host_or_error(name)
    if host is None:
        return INVALID_FILE_ATTRIBUTES
    try:
        st = os.stat(host)
    except OSError:
        set_last_error(_missing_error(host))
        return INVALID_FILE_ATTRIBUTES
    return attributes_of(st, host)


@dll.stdcall
def GetFileAttributesW(name: LPCWSTR) -> DWORD:
    return file_attributes(name)


@dll.stdcall
def GetFileAttributesA(name: LPCSTR) -> DWORD:
    return file_attributes(name)


def create_directory(name) -> int:
    host = _host_or_error(name)
    if host is None:
        return 0
    try:
        os.mkdir(host)
    except FileExistsError:
        set_last_error(ERROR_ALREADY_EXISTS)
        return 0
    except FileNotFoundError:
        set_last_error(ERROR_PATH_NOT_FOUND)
        return 0
    except OSError:
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    return 1


@dll.stdcall
def CreateDirectoryW(name: LPCWSTR, sa: PTR) -> BOOL:
    return create_directory(name)


@dll.stdcall
def CreateDirectoryA(name: LPCSTR, sa: PTR) -> BOOL:
    return create_directory(name)


def remove_directory(name) -> int:
    host = _host_or_error(name)
    if host is None:
        return 0
    if not os.path.isdir(host):
        set_last_error(ERROR_DIRECTORY if os.path.exists(host) else _missing_error(host))
        return 0
    try:
        os.rmdir(host)
    except OSError as e:
        import errno
        set_last_error(ERROR_DIR_NOT_EMPTY if e.errno == errno.ENOTEMPTY else ERROR_ACCESS_DENIED)
        return 0
    return 1


@dll.stdcall
def RemoveDirectoryW(name: LPCWSTR) -> BOOL:
    return remove_directory(name)


@dll.stdcall
def RemoveDirectoryA(name: LPCSTR) -> BOOL:
    return remove_directory(name)


def _put_path(s: str, size: int, buf: int, wide: bool) -> int:
    """The GetXxxPath convention: chars copied (no NUL), or the size needed with the NUL."""
    from winelike.dlls.winapi import write_astr_buf, write_wstr_buf
    if not buf or size == 0:
        return (len(s) if wide else len(proc().encode_astr(s))) + 1
    return write_wstr_buf(buf, size, s) if wide else write_astr_buf(buf, size, s)


def full_path_name(name, size, buf, filepart, wide):
    if not name:
        if name is None:
            set_last_error(ERROR_INVALID_PARAMETER)
        return 0                # "": Wine fails without setting an error
    full = paths.full_path(proc(), name)
    n = _put_path(full, size, buf, wide)
    if filepart and buf and n < size:
        cut = full.rfind("\\") + 1
        if cut >= len(full):
            proc().mem.wptr(filepart, 0)
        else:
            prefix = full[:cut] if wide else proc().encode_astr(full[:cut])
            proc().mem.wptr(filepart, buf + (2 if wide else 1) * len(prefix))
    return n


@dll.stdcall
def GetFullPathNameW(name: LPCWSTR, size: DWORD, buf: PTR, filepart: PTR) -> DWORD:
    return full_path_name(name, size, buf, filepart, True)


@dll.stdcall
def GetFullPathNameA(name: LPCSTR, size: DWORD, buf: PTR, filepart: PTR) -> DWORD:
    return full_path_name(name, size, buf, filepart, False)


def _cwd_text() -> str:
    w = proc().win_cwd
    return w.rstrip("\\") if len(w) > 3 else w


@dll.stdcall
def GetCurrentDirectoryW(size: DWORD, buf: PTR) -> DWORD:
    return _put_path(_cwd_text(), size, buf, True)


@dll.stdcall
def GetCurrentDirectoryA(size: DWORD, buf: PTR) -> DWORD:
    return _put_path(_cwd_text(), size, buf, False)


def set_current_directory(name) -> int:
    from winelike.dlls.msvcrt.fileio import chdir_path
    host = _host_or_error(name)
    if host is None:
        return 0
    if not os.path.isdir(host):
        set_last_error(ERROR_DIRECTORY if os.path.exists(host) else _missing_error(host))
        return 0
    return 1 if chdir_path(name) == 0 else 0


@dll.stdcall
def SetCurrentDirectoryW(name: LPCWSTR) -> BOOL:
    return set_current_directory(name)


@dll.stdcall
def SetCurrentDirectoryA(name: LPCSTR) -> BOOL:
    return set_current_directory(name)


# ---------------------------------------------------------------------------
# FindFirstFile / FindNextFile with Windows wildcard rules

ERROR_NO_MORE_FILES = 18
from .timeapi import EPOCH_DIFF as EPOCH_AS_FILETIME   # noqa: E402 - one definition of the FILETIME epoch


def wildcard_regex(pattern: str):
    """A compiled, case-insensitive regex for a file-name pattern, with Wine's rules.

    `*` is any run of characters and `?` exactly one; `*.*` matches every name and a
    final `.*` also matches no extension at all ("abc.*" finds "abc"); trailing dots are
    dropped, so "*." is "*" (Windows documents "*." as "no extension"; Wine, our oracle,
    does not).
    """
    import re
    body = pattern.rstrip(".") or pattern
    if body in ("*", "*.*"):
        return re.compile(r"(?s).*")
    if body.endswith(".*"):
        return re.compile("(?is)" + _wild(body[:-2]) + r"(\..*)?\Z")
    return re.compile("(?is)" + _wild(body) + r"\Z")


def _wild(p: str) -> str:
    import re
    return "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in p)


_SHORT_INVALID = set('+,;=[] "*?<>|:/\\')


def short_name(name: str) -> str | None:
    """The 8.3 alias of a long name (None if it is already a valid 8.3 name), Wine-style:
    up to five characters of the name, "~", two hash characters, up to three of the extension.
    Masks match it too ("*.htm" finds "page.html"), as on Windows and Wine."""
    if name in (".", ".."):
        return None
    base, dot, ext = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    if not dot:
        base = name
    if len(base) <= 8 and len(ext) <= 3 and "." not in base and base and not _SHORT_INVALID & set(name):
        return None
    clean = lambda s: "".join("_" if c in _SHORT_INVALID or ord(c) > 127 else c for c in s.upper() if c not in " .")
    h = 0
    for c in name.lower():
        h = (h * 33 + ord(c)) & 0xFFFF
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUV"
    return f"{clean(base)[:5]}~{alphabet[h >> 5 & 31]}{alphabet[h & 31]}" + ("." + clean(ext)[:3] if clean(ext) else "")


class FindHandle:
    type_name = "Find"

    def __init__(self, entries):
        self.entries = entries
        self.pos = 0


def _filetime(t: float) -> int:
    return int(t * 10_000_000) + EPOCH_AS_FILETIME


def _find_data(wide: bool, name: str, st, host: str | None = None) -> bytes:
    import struct as _s
    attrs = attributes_of(st, host, name)
    size = 0 if stat.S_ISDIR(st.st_mode) else st.st_size
    head = _s.pack("<IQQQIIII", attrs, _filetime(st.st_mtime), _filetime(st.st_atime), _filetime(st.st_mtime),
                   size >> 32, size & 0xFFFFFFFF, 0, 0)
    if wide:
        fn = name.encode("utf-16-le")[:518].ljust(520, b"\0")
        return head + fn + bytes(28)
    fn = proc().encode_astr(name)[:259].ljust(260, b"\0")
    return head + fn + bytes(14) + bytes(2)


def find_first(pattern, data_ptr, wide):
    invalid = (1 << proc().bits) - 1
    if not pattern:
        set_last_error(ERROR_PATH_NOT_FOUND if pattern == "" else ERROR_INVALID_PARAMETER)
        return invalid
    # the pattern is a path like any other first ("C:\\dir\\." names dir itself, "C:\\." nothing)
    full = pattern if pattern.startswith("\\\\?\\") else paths.full_path(proc(), pattern)
    dir_part, _, mask = full.rpartition("\\")
    if not mask or not dir_part:
        set_last_error(ERROR_FILE_NOT_FOUND)
        return invalid
    at_root = dir_part.endswith(":")
    host = _host_or_error(dir_part + "\\" if at_root else dir_part)
    if host is None:
        return invalid
    if not os.path.isdir(host):
        set_last_error(ERROR_PATH_NOT_FOUND)
        return invalid
    rx = wildcard_regex(mask)
    names = [] if at_root else [".", ".."]      # a drive's root lists no . and .., as in Wine
    try:
        names += os.listdir(host)
    except OSError:
        set_last_error(ERROR_ACCESS_DENIED)
        return invalid
    entries = []
    sandbox = paths.sandboxed()
    for nm in names:
        if rx.match(nm) or (not rx.pattern.endswith(".*") and (short := short_name(nm)) and rx.match(short)):
            full = os.path.join(host, nm)
            if sandbox and os.path.islink(full) and not paths.inside_sandbox(proc(), full):
                continue        # a link out of drive_c: not even its target's attributes are read
            try:
                entries.append(_find_data(wide, nm, os.stat(full), full))
            except OSError:
                continue
    if not entries:
        set_last_error(ERROR_FILE_NOT_FOUND)
        return invalid
    h = FindHandle(entries)
    proc().mem.write(data_ptr, entries[0])
    h.pos = 1
    return table(proc()).add(h)


def find_next(handle, data_ptr):
    h = table(proc()).get(handle, FindHandle)
    if h is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    if h.pos >= len(h.entries):
        set_last_error(ERROR_NO_MORE_FILES)
        return 0
    proc().mem.write(data_ptr, h.entries[h.pos])
    h.pos += 1
    return 1


@dll.stdcall
def FindFirstFileW(pattern: LPCWSTR, data: PTR) -> HANDLE:
    return find_first(pattern, data, True)


@dll.stdcall
def FindFirstFileA(pattern: LPCSTR, data: PTR) -> HANDLE:
    return find_first(pattern, data, False)


def find_first_ex(pattern, level, data, op, flt, flags, wide):
    """FindFirstFileEx: both info levels fill WIN32_FIND_DATA (the basic one has no 8.3 name,
    which is never filled here); FindExSearchLimitToDirectories is advisory on Windows too."""
    if level not in (0, 1) or op not in (0, 1) or flt:
        set_last_error(ERROR_INVALID_PARAMETER)
        return (1 << proc().bits) - 1
    return find_first(pattern, data, wide)


@dll.stdcall
def FindFirstFileExW(pattern: LPCWSTR, level: DWORD, data: PTR, op: DWORD, flt: PTR, flags: DWORD) -> HANDLE:
    return find_first_ex(pattern, level, data, op, flt, flags, True)


@dll.stdcall
def FindFirstFileExA(pattern: LPCSTR, level: DWORD, data: PTR, op: DWORD, flt: PTR, flags: DWORD) -> HANDLE:
    return find_first_ex(pattern, level, data, op, flt, flags, False)


@dll.stdcall
def FindNextFileW(handle: HANDLE, data: PTR) -> BOOL:
    return find_next(handle, data)


@dll.stdcall
def FindNextFileA(handle: HANDLE, data: PTR) -> BOOL:
    return find_next(handle, data)


@dll.stdcall
def FindClose(handle: HANDLE) -> BOOL:
    t = table(proc())
    if t.get(handle, FindHandle) is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    t.close(handle)
    return 1


# ---------------------------------------------------------------------------
# Move, copy, attributes and times

MOVEFILE_REPLACE_EXISTING, MOVEFILE_COPY_ALLOWED = 0x1, 0x2


def _src_dst(src, dst):
    hs, hd = _host_or_error(src), _host_or_error(dst)
    if hs is None or hd is None:
        return None, None
    if not os.path.exists(hs):
        set_last_error(_missing_error(hs))
        return None, None
    if not os.path.isdir(os.path.dirname(hd.rstrip("/")) or "/"):
        set_last_error(ERROR_PATH_NOT_FOUND)
        return None, None
    return hs, hd


def _in_use(host: str) -> bool:
    """Would a rename of `host` break a share mode (an open handle without FILE_SHARE_DELETE)?"""
    return not sharing.probe(host, False, False, True, 7)


def move_file(src, dst, flags) -> int:
    import shutil
    hs, hd = _src_dst(src, dst)
    if hs is None:
        return 0
    if os.path.exists(hd) and os.path.realpath(hs) != os.path.realpath(hd):
        if not flags & MOVEFILE_REPLACE_EXISTING:
            set_last_error(ERROR_ALREADY_EXISTS)
            return 0
        if os.path.isdir(hd):
            set_last_error(ERROR_ACCESS_DENIED)
            return 0
    if _in_use(hs):
        set_last_error(ERROR_SHARING_VIOLATION)
        return 0
    try:
        os.rename(hs, hd)
    except OSError as e:
        import errno
        if e.errno == errno.EXDEV:
            try:
                shutil.move(hs, hd)
                return 1
            except OSError:
                pass
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    return 1


@dll.stdcall
def MoveFileW(src: LPCWSTR, dst: LPCWSTR) -> BOOL:
    return move_file(src, dst, MOVEFILE_COPY_ALLOWED)


@dll.stdcall
def MoveFileA(src: LPCSTR, dst: LPCSTR) -> BOOL:
    return move_file(src, dst, MOVEFILE_COPY_ALLOWED)


@dll.stdcall
def MoveFileExW(src: LPCWSTR, dst: LPCWSTR, flags: DWORD) -> BOOL:
    if dst is None:
        return _delete_file(src)       # delayed delete: nothing survives a reboot here, so delete now
    return move_file(src, dst, flags)


@dll.stdcall
def MoveFileExA(src: LPCSTR, dst: LPCSTR, flags: DWORD) -> BOOL:
    if dst is None:
        return _delete_file(src)
    return move_file(src, dst, flags)


def copy_file(src, dst, fail_if_exists) -> int:
    import shutil
    hs, hd = _src_dst(src, dst)
    if hs is None:
        return 0
    if os.path.isdir(hs):
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    if os.path.exists(hd):
        if fail_if_exists:
            set_last_error(ERROR_FILE_EXISTS)
            return 0
        if os.path.isdir(hd) or not os.access(hd, os.W_OK):
            set_last_error(ERROR_ACCESS_DENIED)
            return 0
    try:
        shutil.copyfile(hs, hd)
        shutil.copystat(hs, hd)
    except OSError:
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    return 1


@dll.stdcall
def CopyFileW(src: LPCWSTR, dst: LPCWSTR, fail_if_exists: BOOL) -> BOOL:
    return copy_file(src, dst, fail_if_exists)


@dll.stdcall
def CopyFileA(src: LPCSTR, dst: LPCSTR, fail_if_exists: BOOL) -> BOOL:
    return copy_file(src, dst, fail_if_exists)


def set_file_attributes(name, attrs) -> int:
    host = _host_or_error(name)
    if host is None:
        return 0
    return set_file_attributes_host(host, attrs)


def set_file_attributes_host(host, attrs) -> int:
    """FILE_ATTRIBUTE_READONLY is a file's host write permission (ignored on directories, as in
    Wine); hidden and system go to the user.DOSATTRIB extended attribute; the rest is not kept."""
    try:
        mode = os.stat(host).st_mode
        if not stat.S_ISDIR(mode):
            os.chmod(host, (mode & ~0o222) if attrs & FILE_ATTRIBUTE_READONLY else (mode | 0o200))
        _store_attributes(host, attrs)
    except FileNotFoundError:
        set_last_error(_missing_error(host))
        return 0
    except OSError:
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    return 1


@dll.stdcall
def SetFileAttributesW(name: LPCWSTR, attrs: DWORD) -> BOOL:
    return set_file_attributes(name, attrs)


@dll.stdcall
def SetFileAttributesA(name: LPCSTR, attrs: DWORD) -> BOOL:
    return set_file_attributes(name, attrs)


def _fstat(handle):
    f = host_file(handle)
    if f is None:
        return None, None
    try:
        return f, os.fstat(f.fd)
    except OSError:
        set_last_error(ERROR_INVALID_HANDLE)
        return None, None


@dll.stdcall
def GetFileTime(handle: HANDLE, created: PTR, accessed: PTR, written: PTR) -> BOOL:
    f, st = _fstat(handle)
    if st is None:
        return 0
    mem = proc().mem
    for ptr, t in ((created, st.st_mtime), (accessed, st.st_atime), (written, st.st_mtime)):
        if ptr:
            mem.w64(ptr, _filetime(t))
    return 1


@dll.stdcall
def SetFileTime(handle: HANDLE, created: PTR, accessed: PTR, written: PTR) -> BOOL:
    f, st = _fstat(handle)
    if st is None:
        return 0
    mem = proc().mem

    def pick(ptr, cur_ns):
        if ptr:
            v = mem.u64(ptr)
            if v not in (0, 0xFFFFFFFFFFFFFFFF):
                return (v - EPOCH_AS_FILETIME) * 100
        return cur_ns
    try:
        os.utime(f.fd, ns=(pick(accessed, st.st_atime_ns), pick(written, st.st_mtime_ns)))
    except OSError:
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    return 1


@dll.stdcall
def GetFileInformationByHandle(handle: HANDLE, info: PTR) -> BOOL:
    import struct as _s
    f, st = _fstat(handle)
    if st is None:
        return 0
    attrs = attributes_of(st, getattr(f, "host", None))
    size = st.st_size
    proc().mem.write(info, _s.pack("<IQQQIIIIII", attrs, _filetime(st.st_mtime), _filetime(st.st_atime),
                                   _filetime(st.st_mtime), st.st_dev & 0xFFFFFFFF, size >> 32, size & 0xFFFFFFFF,
                                   st.st_nlink, (st.st_ino >> 32) & 0xFFFFFFFF, st.st_ino & 0xFFFFFFFF))
    return 1


# ---------------------------------------------------------------------------
# Drives and volumes

DRIVE_UNKNOWN, DRIVE_NO_ROOT_DIR, DRIVE_REMOVABLE, DRIVE_FIXED = 0, 1, 2, 3


def _drive_root(name):
    """The host directory of a drive named by "C:", "C:\\" or a path on it (cwd's drive for None)."""
    p = proc()
    letter = (name or p.win_cwd)[:1]
    if not letter.isalpha() or (name and len(name) > 1 and name[1] != ":"):
        return None, letter
    return paths.drive_root(p.prefix, letter), letter.upper()


@dll.stdcall
def GetLogicalDrives() -> DWORD:
    mask = 0
    for i in range(26):
        if paths.drive_root(proc().prefix, chr(ord("a") + i)):
            mask |= 1 << i
    return mask


def _logical_drive_strings(size, buf, wide):
    mask = GetLogicalDrives()
    text = "".join(f"{chr(ord('A') + i)}:\\\0" for i in range(26) if mask >> i & 1)
    data = text.encode("utf-16-le") if wide else text.encode("ascii")
    unit = 2 if wide else 1
    need = len(text) + 1
    if size < need:
        return need
    proc().mem.write(buf, data + b"\0" * unit)
    return len(text)


@dll.stdcall
def GetLogicalDriveStringsW(size: DWORD, buf: PTR) -> DWORD:
    return _logical_drive_strings(size, buf, True)


@dll.stdcall
def GetLogicalDriveStringsA(size: DWORD, buf: PTR) -> DWORD:
    return _logical_drive_strings(size, buf, False)


def drive_type(name) -> int:
    root, _ = _drive_root(name)
    if root is None or not os.path.isdir(root):
        return DRIVE_NO_ROOT_DIR
    return DRIVE_FIXED


@dll.stdcall
def GetDriveTypeW(root: LPCWSTR) -> UINT:
    return drive_type(root)


@dll.stdcall
def GetDriveTypeA(root: LPCSTR) -> UINT:
    return drive_type(root)


def _statvfs(name):
    root, _ = _drive_root(name)
    if root is None:
        set_last_error(ERROR_PATH_NOT_FOUND)
        return None
    try:
        return os.statvfs(root)
    except OSError:
        set_last_error(ERROR_PATH_NOT_FOUND)
        return None


@dll.stdcall
def GetDiskFreeSpaceExW(root: LPCWSTR, avail: PTR, total: PTR, free: PTR) -> BOOL:
    st = _statvfs(root)
    if st is None:
        return 0
    mem = proc().mem
    for ptr, v in ((avail, st.f_bavail * st.f_frsize), (total, st.f_blocks * st.f_frsize),
                   (free, st.f_bfree * st.f_frsize)):
        if ptr:
            mem.w64(ptr, v)
    return 1


@dll.stdcall
def GetDiskFreeSpaceExA(root: LPCSTR, avail: PTR, total: PTR, free: PTR) -> BOOL:
    return GetDiskFreeSpaceExW(root, avail, total, free)


@dll.stdcall
def GetDiskFreeSpaceW(root: LPCWSTR, spc: PTR, bps: PTR, free_clusters: PTR, clusters: PTR) -> BOOL:
    st = _statvfs(root)
    if st is None:
        return 0
    mem = proc().mem
    cluster = 4096
    # the values fit in DWORDs as on Windows for volumes past 2 TB: clamp the cluster counts
    vals = (8, 512, min(st.f_bavail * st.f_frsize // cluster, 0xFFFFFFFF),
            min(st.f_blocks * st.f_frsize // cluster, 0xFFFFFFFF))
    for ptr, v in zip((spc, bps, free_clusters, clusters), vals):
        if ptr:
            mem.w32(ptr, v)
    return 1


@dll.stdcall
def GetDiskFreeSpaceA(root: LPCSTR, spc: PTR, bps: PTR, free_clusters: PTR, clusters: PTR) -> BOOL:
    return GetDiskFreeSpaceW(root, spc, bps, free_clusters, clusters)


def volume_information(root, name_buf, name_size, serial, max_len, flags, fs_buf, fs_size, wide):
    host, letter = _drive_root(root)
    if host is None or not os.path.isdir(host):
        set_last_error(ERROR_PATH_NOT_FOUND)
        return 0
    mem = proc().mem
    from winelike.dlls.winapi import write_astr_buf, write_wstr_buf
    put = write_wstr_buf if wide else write_astr_buf
    if name_buf and name_size:
        put(name_buf, name_size, "")
    if serial:
        mem.w32(serial, (os.stat(host).st_dev * 2654435761) & 0xFFFFFFFF)
    if max_len:
        mem.w32(max_len, 255)
    if flags:
        mem.w32(flags, 0x0000002F)   # case-sensitive/preserved names, unicode on disk, persistent ACLs
    if fs_buf and fs_size:
        if put(fs_buf, fs_size, "NTFS") > 4:
            set_last_error(ERROR_INSUFFICIENT_BUFFER)
            return 0
    return 1


ERROR_INSUFFICIENT_BUFFER = 122


@dll.stdcall
def GetVolumeInformationW(root: LPCWSTR, name: PTR, name_size: DWORD, serial: PTR, max_len: PTR, flags: PTR,
                          fs: PTR, fs_size: DWORD) -> BOOL:
    return volume_information(root, name, name_size, serial, max_len, flags, fs, fs_size, True)


@dll.stdcall
def GetVolumeInformationA(root: LPCSTR, name: PTR, name_size: DWORD, serial: PTR, max_len: PTR, flags: PTR,
                          fs: PTR, fs_size: DWORD) -> BOOL:
    return volume_information(root, name, name_size, serial, max_len, flags, fs, fs_size, False)


def long_path(name, buf, size, wide, short=False):
    r"""GetLongPathName/GetShortPathName, as Wine: the name as given, each existing component in
    its on-disk spelling (separators, "." and ".." kept).  No 8.3 names are made, so both give
    long names; Wine's GetLongPathName leaves a \\?\ name untouched."""
    t = resolve(name)
    if t is None or (t.device is None and not t.exists):
        set_last_error(ERROR_FILE_NOT_FOUND)     # Wine says "file" even when a directory is missing
        return 0
    if t.device is not None or (name.startswith("\\\\?\\") and not short):
        return _put_path(name, size, buf, wide)
    return _put_path(_disk_spelling(name), size, buf, wide)


def _disk_spelling(name: str) -> str:
    import re
    prefix = re.match(r"(\\\\\?\\)?([A-Za-z]:)?", name).group(0)
    out = built = prefix
    for part in re.split(r"([\\/]+)", name[len(prefix):]):
        if part and part[0] not in "\\/" and part not in (".", ".."):
            try:
                t = paths.resolve(proc(), built + part)
                if t.device is None and t.exists:
                    out += os.path.basename(t.host.rstrip("/")) or part
                else:
                    out += part
            except paths.PathError:
                out += part
        else:
            out += part
        built += part
    return out


@dll.stdcall
def GetLongPathNameW(name: LPCWSTR, buf: PTR, size: DWORD) -> DWORD:
    return long_path(name, buf, size, True)


@dll.stdcall
def GetLongPathNameA(name: LPCSTR, buf: PTR, size: DWORD) -> DWORD:
    return long_path(name, buf, size, False)


@dll.stdcall
def GetShortPathNameW(name: LPCWSTR, buf: PTR, size: DWORD) -> DWORD:
    return long_path(name, buf, size, True, short=True)


@dll.stdcall
def GetShortPathNameA(name: LPCSTR, buf: PTR, size: DWORD) -> DWORD:
    return long_path(name, buf, size, False, short=True)


# ---------------------------------------------------------------------------
# Byte-range locks: OFD locks on the real range, so they hold between processes too.
# As in Wine (the oracle) they are advisory: ReadFile/WriteFile do not check them, where
# Windows fails I/O into another handle's range with ERROR_LOCK_VIOLATION.  Unlocking a
# range that is not exactly a lock gives Wine's ERROR_LOCK_VIOLATION (Windows: ERROR_NOT_LOCKED).

LOCKFILE_FAIL_IMMEDIATELY, LOCKFILE_EXCLUSIVE_LOCK = 1, 2


def _lock_range(f, start: int, length: int, exclusive: bool, wait: bool) -> int:
    """Lock [start, start+length) for this handle; Windows refuses overlapping locks of one handle too."""
    end = start + length
    for s, n, ex in f.locks:
        if s < end and start < s + n and (exclusive or ex):
            set_last_error(ERROR_LOCK_VIOLATION)
            return 0
    if length == 0:
        f.locks.append((start, 0, exclusive))
        return 1
    try:
        if wait:
            with proc().blocking():
                ok = sharing.lock(f.fd, start, length, exclusive, wait=True)
        else:
            ok = sharing.lock(f.fd, start, length, exclusive)
    except OSError:
        try:        # a descriptor the host opened read-only: the best it can hold is a shared lock
            ok = sharing.lock(f.fd, start, length, False, wait=wait)
        except OSError:
            ok = False
    if not ok:
        set_last_error(ERROR_LOCK_VIOLATION)
        return 0
    f.locks.append((start, length, exclusive))
    return 1


def _unlock_range(f, start: int, length: int) -> int:
    for i, (s, n, ex) in enumerate(f.locks):
        if s == start and n == length:
            del f.locks[i]
            if length:
                sharing.unlock(f.fd, start, length)
                for s2, n2, ex2 in f.locks:         # give back what another of this handle's locks covers
                    if n2 and s2 < start + length and start < s2 + n2:
                        try:
                            sharing.lock(f.fd, s2, n2, ex2)
                        except OSError:
                            pass
            return 1
    set_last_error(ERROR_LOCK_VIOLATION)
    return 0


def _disk_file(handle):
    f = host_file(handle)
    if f is not None and not isinstance(f, DiskFile):
        set_last_error(ERROR_INVALID_HANDLE)
        return None
    return f


@dll.stdcall
def LockFile(handle: HANDLE, off_low: DWORD, off_high: DWORD, len_low: DWORD, len_high: DWORD) -> BOOL:
    f = _disk_file(handle)
    if f is None:
        return 0
    return _lock_range(f, off_high << 32 | off_low, len_high << 32 | len_low, True, False)


@dll.stdcall
def UnlockFile(handle: HANDLE, off_low: DWORD, off_high: DWORD, len_low: DWORD, len_high: DWORD) -> BOOL:
    f = _disk_file(handle)
    if f is None:
        return 0
    return _unlock_range(f, off_high << 32 | off_low, len_high << 32 | len_low)


@dll.stdcall
def LockFileEx(handle: HANDLE, flags: DWORD, reserved: DWORD, len_low: DWORD, len_high: DWORD,
               overlapped: PTR) -> BOOL:
    f = _disk_file(handle)
    if f is None:
        return 0
    if reserved or not overlapped:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    ov = Overlapped(overlapped)
    done = _lock_range(f, ov.offset, len_high << 32 | len_low, bool(flags & LOCKFILE_EXCLUSIVE_LOCK),
                       not flags & LOCKFILE_FAIL_IMMEDIATELY)
    if done:
        ov.complete(0, 0)
    return done


@dll.stdcall
def UnlockFileEx(handle: HANDLE, reserved: DWORD, len_low: DWORD, len_high: DWORD, overlapped: PTR) -> BOOL:
    f = _disk_file(handle)
    if f is None:
        return 0
    if reserved or not overlapped:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _unlock_range(f, Overlapped(overlapped).offset, len_high << 32 | len_low)


# ---------------------------------------------------------------------------
# ReplaceFile, CopyFileEx, GetTempFileName, SearchPath, GetFinalPathNameByHandle, attribute data

ERROR_UNABLE_TO_REMOVE_REPLACED, ERROR_UNABLE_TO_MOVE_REPLACEMENT = 1175, 1176


def replace_file(replaced, replacement, backup, flags) -> int:
    hr = _host_or_error(replaced)
    if hr is None:
        return 0
    hn = _host_or_error(replacement)
    if hn is None:
        return 0
    hb = None
    if backup:
        hb = _host_or_error(backup)
        if hb is None:
            return 0
    if not os.path.isfile(hr) or not os.path.isfile(hn):
        set_last_error(ERROR_FILE_NOT_FOUND)
        return 0
    if not sharing.probe(hr, False, True, True, 7) or not sharing.probe(hn, True, False, True, 7):
        set_last_error(ERROR_SHARING_VIOLATION)
        return 0
    if not os.stat(hr).st_mode & 0o222:
        set_last_error(ERROR_UNABLE_TO_REMOVE_REPLACED)
        return 0
    try:
        if hb is not None:
            os.replace(hr, hb)
        mode = os.stat(hb if hb else hr).st_mode
        os.replace(hn, hr)
        os.chmod(hr, stat.S_IMODE(mode))          # the replaced file's attributes survive
    except OSError:
        set_last_error(ERROR_UNABLE_TO_MOVE_REPLACEMENT)
        return 0
    return 1


@dll.stdcall
def ReplaceFileW(replaced: LPCWSTR, replacement: LPCWSTR, backup: LPCWSTR, flags: DWORD, exclude: PTR,
                 reserved: PTR) -> BOOL:
    return replace_file(replaced, replacement, backup, flags)


@dll.stdcall
def ReplaceFileA(replaced: LPCSTR, replacement: LPCSTR, backup: LPCSTR, flags: DWORD, exclude: PTR,
                 reserved: PTR) -> BOOL:
    return replace_file(replaced, replacement, backup, flags)


COPY_FILE_FAIL_IF_EXISTS = 1


@dll.stdcall
def CopyFileExW(src: LPCWSTR, dst: LPCWSTR, progress: PTR, data: PTR, cancel: PTR, flags: DWORD) -> BOOL:
    if progress:
        ch.fixme("CopyFileEx", "the progress routine is not called")
    return copy_file(src, dst, flags & COPY_FILE_FAIL_IF_EXISTS)


@dll.stdcall
def CopyFileExA(src: LPCSTR, dst: LPCSTR, progress: PTR, data: PTR, cancel: PTR, flags: DWORD) -> BOOL:
    return CopyFileExW(src, dst, progress, data, cancel, flags)


def temp_file_name(path, prefix, unique, buf, wide) -> int:
    """path\\PPPxxxx.tmp; with unique 0 the file is created, as on Windows."""
    import time
    if path is None or prefix is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    base = path if path.endswith("\\") or not path else path + "\\"
    host = _host_or_error(base or ".")
    if host is None or not os.path.isdir(host):
        set_last_error(ERROR_DIRECTORY)         # Wine's answer for a directory that is not there
        return 0
    pre = prefix[:3]
    st = proc().state
    n = unique & 0xFFFF
    tries = 0x10000
    if not unique:
        n = st.get("temp_file_seed", (os.getpid() ^ int(time.time() * 1000)) & 0xFFFF) or 1
    while True:
        name = f"{base}{pre}{n:X}.tmp"
        if unique:
            break
        h = create_file(name, GENERIC_WRITE, 0, CREATE_NEW, 0)
        if h != (1 << proc().bits) - 1:
            table(proc()).close(h)
            st["temp_file_seed"] = n % 0xFFFF + 1
            break
        from winelike.dlls.winapi import get_last_error
        if get_last_error() != ERROR_FILE_EXISTS:
            return 0
        n = n % 0xFFFF + 1
        tries -= 1
        if not tries:
            set_last_error(ERROR_FILE_EXISTS)
            return 0
    data = name.encode("utf-16-le") + b"\0\0" if wide else proc().encode_astr(name) + b"\0"
    proc().mem.write(buf, data)
    set_last_error(0)
    return n


@dll.stdcall
def GetTempFileNameW(path: LPCWSTR, prefix: LPCWSTR, unique: UINT, buf: PTR) -> UINT:
    return temp_file_name(path, prefix, unique, buf, True)


@dll.stdcall
def GetTempFileNameA(path: LPCSTR, prefix: LPCSTR, unique: UINT, buf: PTR) -> UINT:
    return temp_file_name(path, prefix, unique, buf, False)


def _exists_file(name: str) -> bool:
    try:
        t = paths.resolve(proc(), name)
    except paths.PathError:
        return False
    return t.device is None and t.exists


def search_path(path, name, ext, size, buf, filepart, wide) -> int:
    """SearchPath: with no path, the program's directory, the current one, system32, the Windows directory, PATH."""
    p = proc()
    if not name:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    leaf = name.replace("/", "\\").rsplit("\\", 1)[-1]
    if ext and "." not in leaf:
        name += ext
    candidates = []
    if paths.path_type(name) not in (paths.RELATIVE,) or name.startswith((".\\", "..\\", "./", "../")):
        candidates = [name]
    else:
        if path is not None:
            dirs = [d for d in path.split(";") if d]
        else:
            exe_dir = p.exe_win_path.rsplit("\\", 1)[0]
            dirs = [exe_dir, ".", "C:\\windows\\system32", "C:\\windows"] + \
                [d for d in (p.env_get("PATH") or "").split(";") if d]
        candidates = [d.rstrip("\\") + "\\" + name for d in dirs]
    for c in candidates:
        if _exists_file(c):
            full = paths.full_path(p, c)
            n = _put_path(full, size, buf, wide)
            if filepart and buf and n < size:
                cut = full.rfind("\\") + 1
                pre = full[:cut] if wide else p.encode_astr(full[:cut])
                p.mem.wptr(filepart, buf + (2 if wide else 1) * len(pre))
            return n
    set_last_error(ERROR_FILE_NOT_FOUND)
    return 0


@dll.stdcall
def SearchPathW(path: LPCWSTR, name: LPCWSTR, ext: LPCWSTR, size: DWORD, buf: PTR, filepart: PTR) -> DWORD:
    return search_path(path, name, ext, size, buf, filepart, True)


@dll.stdcall
def SearchPathA(path: LPCSTR, name: LPCSTR, ext: LPCSTR, size: DWORD, buf: PTR, filepart: PTR) -> DWORD:
    return search_path(path, name, ext, size, buf, filepart, False)


VOLUME_NAME_DOS, VOLUME_NAME_GUID, VOLUME_NAME_NT, VOLUME_NAME_NONE = 0, 1, 2, 4


def final_path(handle, buf, size, flags, wide) -> int:
    f = _disk_file(handle)
    if f is None:
        return 0
    if not f.host:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    dos = proc().prefix.unix_to_dos(os.path.realpath(f.host))
    kind = flags & 7
    if kind == VOLUME_NAME_DOS:
        s = "\\\\?\\" + dos
    elif kind == VOLUME_NAME_NONE:
        s = dos[2:]
    elif kind == VOLUME_NAME_NT:
        s = "\\Device\\HarddiskVolume" + str(ord(dos[0].upper()) - 64) + dos[2:]
    else:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    n = len(s) if wide else len(proc().encode_astr(s))
    if not buf or size <= n:
        return n + 1 if wide else n            # Wine's A function leaves the NUL out of the size it asks for
    return _put_path(s, size, buf, wide)


@dll.stdcall
def GetFinalPathNameByHandleW(handle: HANDLE, buf: PTR, size: DWORD, flags: DWORD) -> DWORD:
    return final_path(handle, buf, size, flags, True)


@dll.stdcall
def GetFinalPathNameByHandleA(handle: HANDLE, buf: PTR, size: DWORD, flags: DWORD) -> DWORD:
    return final_path(handle, buf, size, flags, False)


def attribute_data(name, level, info) -> int:
    import struct as _s
    if level != 0:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    host = _host_or_error(name)
    if host is None:
        return 0
    try:
        st = os.stat(host)
    except OSError:
        set_last_error(_missing_error(host))
        return 0
    size = 0 if stat.S_ISDIR(st.st_mode) else st.st_size
    proc().mem.write(info, _s.pack("<IQQQII", attributes_of(st, host), _filetime(st.st_mtime), _filetime(st.st_atime),
                                   _filetime(st.st_mtime), size >> 32, size & 0xFFFFFFFF))
    return 1


@dll.stdcall
def GetFileAttributesExW(name: LPCWSTR, level: DWORD, info: PTR) -> BOOL:
    return attribute_data(name, level, info)


@dll.stdcall
def GetFileAttributesExA(name: LPCSTR, level: DWORD, info: PTR) -> BOOL:
    return attribute_data(name, level, info)


FileBasicInfo, FileStandardInfo, FileNameInfo, FileRenameInfo, FileDispositionInfo = 0, 1, 2, 3, 4
FileAllocationInfo, FileEndOfFileInfo = 5, 6
ERROR_MORE_DATA, ERROR_BAD_LENGTH = 234, 24


@dll.stdcall
def GetFileInformationByHandleEx(handle: HANDLE, cls: DWORD, buf: PTR, size: DWORD) -> BOOL:
    import struct as _s
    f, st = _fstat(handle)
    if st is None:
        return 0
    mem = proc().mem
    if cls == FileBasicInfo:
        data = _s.pack("<QQQQI4x", _filetime(st.st_mtime), _filetime(st.st_atime), _filetime(st.st_mtime),
                       _filetime(st.st_ctime), attributes_of(st, getattr(f, "host", None)))
    elif cls == FileStandardInfo:
        d = stat.S_ISDIR(st.st_mode)
        data = _s.pack("<qqIBB2x", 0 if d else st.st_blocks * 512, 0 if d else st.st_size, st.st_nlink,
                       int(getattr(f, "delete_on_close", False)), int(d))
    elif cls == FileNameInfo:
        host = getattr(f, "host", None)
        if not host:
            set_last_error(ERROR_INVALID_PARAMETER)
            return 0
        name = proc().prefix.unix_to_dos(os.path.realpath(host))[2:].encode("utf-16-le")
        if size < 4:
            set_last_error(ERROR_BAD_LENGTH)
            return 0
        mem.w32(buf, len(name))
        mem.write(buf + 4, name[:max(0, size - 4)])
        if size - 4 < len(name):
            set_last_error(ERROR_MORE_DATA)
            return 0
        return 1
    else:
        ch.fixme("GetFileInformationByHandleEx", f"class {cls}")
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if size < len(data):
        set_last_error(ERROR_BAD_LENGTH)
        return 0
    mem.write(buf, data)
    return 1


@dll.stdcall
def SetFileInformationByHandle(handle: HANDLE, cls: DWORD, buf: PTR, size: DWORD) -> BOOL:
    f = _disk_file(handle)
    if f is None:
        return 0
    mem = proc().mem
    if cls == FileDispositionInfo:
        if size < 1:
            set_last_error(ERROR_BAD_LENGTH)
            return 0
        if mem.u8(buf) and not f.deletable:
            set_last_error(ERROR_ACCESS_DENIED)
            return 0
        f.delete_on_close = bool(mem.u8(buf))
        return 1
    if cls in (FileEndOfFileInfo, FileAllocationInfo):
        if size < 8:
            set_last_error(ERROR_BAD_LENGTH)
            return 0
        if not f.writable:
            set_last_error(ERROR_ACCESS_DENIED)
            return 0
        if cls == FileAllocationInfo:
            return 1                                # allocation is the host's business
        try:
            os.ftruncate(f.fd, mem.u64(buf))
        except OSError:
            set_last_error(ERROR_ACCESS_DENIED)
            return 0
        return 1
    if cls == FileBasicInfo:
        if size < 36:
            set_last_error(ERROR_BAD_LENGTH)
            return 0
        attrs = mem.u32(buf + 32)
        if attrs and f.host:
            set_file_attributes_host(f.host, attrs)
        return SetFileTime(handle, buf + 0, buf + 8, buf + 16)
    ch.fixme("SetFileInformationByHandle", f"class {cls}")
    set_last_error(ERROR_INVALID_PARAMETER)
    return 0
