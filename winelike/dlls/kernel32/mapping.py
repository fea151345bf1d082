"""File mappings: CreateFileMapping, OpenFileMapping, MapViewOfFile(Ex), UnmapViewOfFile, FlushViewOfFile.

A view is a host mmap of the backing file mapped into the guest as one region
(GuestMemory.reserve with `mm`): the guest, Python and every other process mapping the
same file see the same pages.

* File-backed mappings map the CreateFile handle's host file (MAP_SHARED; FILE_MAP_COPY
  views are MAP_PRIVATE).  A writable mapping larger than the file extends it, as on
  Windows; SetEndOfFile fails with ERROR_USER_MAPPED_FILE while views exist.
* Pagefile-backed mappings live in a file: unnamed ones in an anonymous memfd, named
  ones in `<server directory>/mappings/<hash of the name>` (the prefix's per-user 0700
  server directory, shared by every process of the prefix), so OpenFileMapping and
  CreateFileMapping in another process map the same pages.

Lifetime of a named mapping (between processes, without the server): every process that
has a handle to it holds a shared OFD lock on the backing file.  When a process closes
its last handle it tries an exclusive lock: if that succeeds nobody else has it open and
the file is unlinked, so the name disappears with the last handle, as in Wine (views
keep their pages: they are mmaps of the file, which outlive its name).  An opener takes its shared lock and then checks that the file is
still linked (else it retries), so it never adopts a file being deleted.  A file left by a
process that was killed is found unlocked by the next creator and reused as new (zeroed).
A named file-backed mapping has a small name file instead (`<hash>.file`, holding the mapped
size and the host path of the file) with the same lifetime rule; another process opening
the name opens that host file and maps it.
"""
from __future__ import annotations

import hashlib
import mmap
import os
import time

from winelike import debug
from winelike.abi.types import BOOL, DWORD, HANDLE, LPCSTR, LPCWSTR, PTR, SIZE_T
from winelike.cpu.memory import (GRANULARITY, PAGE, MEM_MAPPED, PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY,
                                 PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY,
                                 OutOfGuestMemory)
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, \
    ERROR_ACCESS_DENIED, ERROR_ALREADY_EXISTS
from winelike.handles import table
from . import dll, sharing

ch = debug.Channel("virtual")

FILE_MAP_COPY, FILE_MAP_WRITE, FILE_MAP_READ, FILE_MAP_EXECUTE = 0x1, 0x2, 0x4, 0x20
FILE_MAP_ALL_ACCESS = 0xF001F
SEC_IMAGE = 0x1000000
ERROR_FILE_NOT_FOUND = 2
ERROR_NOT_ENOUGH_MEMORY = 8
ERROR_INVALID_ADDRESS = 487
ERROR_MAPPED_ALIGNMENT = 1132
ERROR_FILE_INVALID = 1006
ERROR_INVALID_NAME = 123

_WRITABLE = {PAGE_READWRITE, PAGE_EXECUTE_READWRITE}
_COPY = {PAGE_WRITECOPY, PAGE_EXECUTE_WRITECOPY}
_VALID = {PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE,
          PAGE_EXECUTE_WRITECOPY}


class Mapping:
    """A section object: a host descriptor of the backing file, its size and protection."""

    type_name = "Section"

    def __init__(self, fd, size, protect, name=None, shared_path=None, disk_file=None, name_fd=None):
        self.fd = fd
        self.size = size
        self.protect = protect
        self.name = name
        self.shared_path = shared_path      # the name's file in the mappings directory
        self.name_fd = fd if name_fd is None else name_fd   # holds the "I use it" lock on that file
        self.disk_file = disk_file          # the DiskFile of a file-backed mapping
        self.handles = 0
        self.views = 0

    def close(self):
        """The last handle is gone: the name goes (as in Wine); views keep their pages (they are mmaps)."""
        self.handles = 0
        if self.fd is None:
            return
        names = _names()
        if self.name is not None and names.get(self.name.lower()) is self:
            del names[self.name.lower()]
        if self.shared_path is not None and sharing.lock(self.name_fd, 0, 1, True):
            try:
                os.unlink(self.shared_path)         # nobody else has it: the name dies with us
            except OSError:
                pass
        if self.name_fd != self.fd:
            os.close(self.name_fd)
        os.close(self.fd)
        self.fd = None


class View:
    __slots__ = ("mapping", "region", "mm")

    def __init__(self, mapping, region, mm):
        self.mapping, self.region, self.mm = mapping, region, mm


def _names() -> dict:
    return proc().state.setdefault("mapping_names", {})


def _views() -> dict:
    return proc().state.setdefault("mapping_views", {})


def _shared_dir() -> str | None:
    from winelike.server.daemon import server_dir
    try:
        d = os.path.join(server_dir(proc().prefix.root), "mappings")
        os.makedirs(d, mode=0o700, exist_ok=True)
        return d
    except Exception:       # noqa: BLE001 - no shared directory: mappings stay process-local
        return None


def _shared_path(name: str) -> str | None:
    d = _shared_dir()
    if d is None:
        return None
    key = name.lower()
    if key.startswith(("global\\", "local\\")):
        key = key.split("\\", 1)[1]
    return os.path.join(d, hashlib.sha1(key.encode("utf-8")).hexdigest())


def _open_shared(path: str, create: bool, size: int):
    """(fd, existed) for a named pagefile mapping's file, holding the shared user lock; None if absent."""
    for _ in range(100):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CLOEXEC | (os.O_CREAT if create else 0), 0o600)
        except FileNotFoundError:
            return None
        if not sharing.lock(fd, 0, 1, True):
            # in use: join its users (a shared lock fails only while the last one is deleting it)
            if not sharing.lock(fd, 0, 1, False):
                os.close(fd)
                time.sleep(0.001)       # its creator is converting its lock, or its last user deleting it
                continue
            if os.fstat(fd).st_nlink == 0:
                os.close(fd)
                continue
            return fd, True
        # nobody uses it: we just created it, or it was left by a process that died
        if os.fstat(fd).st_nlink == 0:
            os.close(fd)
            continue
        if not create:
            try:
                os.unlink(path)         # left by a process that died holding it: nobody's name now
            except OSError:
                pass
            sharing.unlock(fd, 0, 1)
            os.close(fd)
            return None
        os.ftruncate(fd, 0)
        os.ftruncate(fd, size)
        sharing.lock(fd, 0, 1, False)            # convert to the shared "I use it" lock
        return fd, False
    return None


def create_mapping(file_handle, protect, size, name):
    from .fileapi import DiskFile
    p = proc()
    invalid_file = file_handle in (0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF, (1 << p.bits) - 1)
    sec = protect & 0xFF000000
    protect &= 0xFF
    if protect not in _VALID:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if sec & SEC_IMAGE:
        ch.fixme("CreateFileMapping", "SEC_IMAGE")
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if name == "":
        name = None
    if name is not None:
        m = _names().get(name.lower()) or _open_named(name)
        if m is not None:
            m.handles += 1
            set_last_error(ERROR_ALREADY_EXISTS)
            return table(p).add(m)
    if invalid_file:
        if size == 0:
            set_last_error(ERROR_INVALID_PARAMETER)
            return 0
        path = _shared_path(name) if name is not None else None
        if path is not None:
            got = _open_shared(path, True, size)
            if got is None:
                set_last_error(ERROR_ACCESS_DENIED)
                return 0
            fd, existed = got
            size = os.fstat(fd).st_size if existed else size
            m = Mapping(fd, size, protect, name, path)
        else:
            fd = os.memfd_create("winelike-section", os.MFD_CLOEXEC)
            os.ftruncate(fd, size)
            existed = False
            m = Mapping(fd, size, protect, name)
    else:
        f = table(p).get(file_handle)
        if not isinstance(f, DiskFile) or f.host is None:
            set_last_error(ERROR_INVALID_HANDLE)
            return 0
        if not f.readable or (protect in _WRITABLE and not f.writable):
            set_last_error(ERROR_ACCESS_DENIED)
            return 0
        cur = os.fstat(f.fd).st_size
        if size == 0:
            if cur == 0:
                set_last_error(ERROR_FILE_INVALID)
                return 0
            size = cur
        elif size > cur:
            if protect not in _WRITABLE:
                set_last_error(ERROR_NOT_ENOUGH_MEMORY)
                return 0
            os.ftruncate(f.fd, size)
        m = Mapping(os.dup(f.fd), size, protect, name, disk_file=f)
        existed = False
        path = _shared_path(name) if name is not None else None
        if path is not None:
            got = _open_shared(path + ".file", True, 0)
            if got is not None:
                nfd, joined = got
                if joined:                   # another process made it meanwhile: use theirs
                    os.close(nfd)
                    os.close(m.fd)
                    m = _open_named(name)
                    if m is None:
                        set_last_error(ERROR_ACCESS_DENIED)
                        return 0
                    existed = True
                else:
                    os.pwrite(nfd, f"{size}\n{os.path.realpath(f.host)}".encode("utf-8", "surrogateescape"), 0)
                    m.shared_path, m.name_fd = path + ".file", nfd
    if name is not None:
        _names()[name.lower()] = m
    m.handles += 1
    set_last_error(ERROR_ALREADY_EXISTS if existed else 0)
    return table(p).add(m)


@dll.stdcall
def CreateFileMappingW(file: HANDLE, sa: PTR, protect: DWORD, size_high: DWORD, size_low: DWORD,
                       name: LPCWSTR) -> HANDLE:
    return create_mapping(file, protect, size_high << 32 | size_low, name)


@dll.stdcall
def CreateFileMappingA(file: HANDLE, sa: PTR, protect: DWORD, size_high: DWORD, size_low: DWORD,
                       name: LPCSTR) -> HANDLE:
    return create_mapping(file, protect, size_high << 32 | size_low, name)


def _open_named(name):
    """A mapping another process created under `name` (pagefile-backed or file-backed), or None."""
    path = _shared_path(name)
    if path is None:
        return None
    got = _open_shared(path, False, 0)
    if got is not None:
        fd, _ = got
        m = Mapping(fd, os.fstat(fd).st_size, PAGE_READWRITE, name, path)
    else:
        got = _open_shared(path + ".file", False, 0)
        if got is None:
            return None
        nfd, _ = got
        try:
            size_text, host = os.pread(nfd, 65536, 0).decode("utf-8", "surrogateescape").split("\n", 1)
            try:
                fd = os.open(host, os.O_RDWR | os.O_CLOEXEC)
                protect = PAGE_READWRITE
            except OSError:
                fd = os.open(host, os.O_RDONLY | os.O_CLOEXEC)
                protect = PAGE_READONLY
        except (OSError, ValueError):
            sharing.unlock(nfd, 0, 1)
            os.close(nfd)
            return None
        m = Mapping(fd, int(size_text), protect, name, path + ".file", name_fd=nfd)
    _names()[name.lower()] = m
    return m


def open_mapping(access, name):
    p = proc()
    if not name:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    m = _names().get(name.lower()) or _open_named(name)
    if m is None:
        set_last_error(ERROR_FILE_NOT_FOUND)
        return 0
    m.handles += 1
    return table(p).add(m)


@dll.stdcall
def OpenFileMappingW(access: DWORD, inherit: BOOL, name: LPCWSTR) -> HANDLE:
    return open_mapping(access, name)


@dll.stdcall
def OpenFileMappingA(access: DWORD, inherit: BOOL, name: LPCSTR) -> HANDLE:
    return open_mapping(access, name)


def map_view(handle, access, offset, size, base):
    p = proc()
    m = table(p).get(handle, Mapping)
    if m is None or m.fd is None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    if offset % GRANULARITY:
        set_last_error(ERROR_MAPPED_ALIGNMENT)
        return 0
    if base and base % GRANULARITY:
        set_last_error(ERROR_MAPPED_ALIGNMENT)
        return 0
    write = access & FILE_MAP_WRITE or access == FILE_MAP_ALL_ACCESS
    copy = bool(access & FILE_MAP_COPY) and not write
    if write and m.protect not in _WRITABLE:
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    if offset >= m.size and not (offset == 0 and m.size == 0):
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    if size == 0:
        size = m.size - offset
    if offset + size > m.size:
        set_last_error(ERROR_ACCESS_DENIED)
        return 0
    length = (size + PAGE - 1) & ~(PAGE - 1)
    execute = access & FILE_MAP_EXECUTE
    if write:
        guest_prot = PAGE_EXECUTE_READWRITE if execute else PAGE_READWRITE
    elif copy or m.protect in _COPY:
        guest_prot = PAGE_EXECUTE_WRITECOPY if execute else PAGE_WRITECOPY
    else:
        guest_prot = PAGE_EXECUTE_READ if execute else PAGE_READONLY
    try:
        # Python writes guest memory through this buffer too, so it is always host-writable;
        # a view the host may not write through (copy-on-write, a read-only file) is private
        shared_ok = not copy and m.protect not in _COPY and _fd_writable(m.fd)
        mm = _file_mmap(m.fd, length, offset, shared_ok)
    except (OSError, ValueError):
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
        return 0
    try:
        region = p.mem.reserve(base or None, length, guest_prot, kind=MEM_MAPPED, tag="view", mm=mm)
    except OutOfGuestMemory:
        mm.close()
        set_last_error(ERROR_INVALID_ADDRESS if base else ERROR_NOT_ENOUGH_MEMORY)
        return 0
    region.alloc_prot = guest_prot
    _views()[region.base] = View(m, region, mm)
    m.views += 1
    if m.disk_file is not None:
        m.disk_file.mapped_views += 1
    return region.base


_libc_mmap = None


def _file_mmap(fd: int, length: int, offset: int, shared: bool) -> mmap.mmap:
    """A Python mmap object whose pages are the file's, `length` bytes from `offset`.

    Python's mmap refuses a length past the end of the file, which a view may have
    (its last page); so an anonymous mmap of the right size is made and the file is
    mapped over it with MAP_FIXED: the object then reads, writes, finds and flushes
    the file's pages, and closing it unmaps them.
    """
    import ctypes
    global _libc_mmap
    if _libc_mmap is None:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.mmap
        fn.restype = ctypes.c_void_p
        fn.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int64)
        _libc_mmap = fn
    mm = mmap.mmap(-1, length, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    addr = ctypes.addressof(ctypes.c_char.from_buffer(mm))
    flags = (mmap.MAP_SHARED if shared else mmap.MAP_PRIVATE) | 0x10        # MAP_FIXED
    res = _libc_mmap(addr, length, mmap.PROT_READ | mmap.PROT_WRITE, flags, fd, offset)
    if res is None or res != addr:
        err = ctypes.get_errno()
        mm.close()
        raise OSError(err, os.strerror(err))
    return mm


def _fd_writable(fd) -> bool:
    import fcntl
    try:
        return fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDWR
    except OSError:
        return False


@dll.stdcall
def MapViewOfFile(handle: HANDLE, access: DWORD, off_high: DWORD, off_low: DWORD, size: SIZE_T) -> PTR:
    return map_view(handle, access, off_high << 32 | off_low, size, 0)


@dll.stdcall
def MapViewOfFileEx(handle: HANDLE, access: DWORD, off_high: DWORD, off_low: DWORD, size: SIZE_T,
                    base: PTR) -> PTR:
    return map_view(handle, access, off_high << 32 | off_low, size, base)


def _view_at(addr):
    r = proc().mem.find(addr)
    if r is None:
        return None
    return _views().get(r.base)


@dll.stdcall
def UnmapViewOfFile(addr: PTR) -> BOOL:
    v = _view_at(addr)
    if v is None:
        set_last_error(ERROR_INVALID_ADDRESS)
        return 0
    p = proc()
    del _views()[v.region.base]
    p.mem.release(v.region)
    try:
        v.mm.close()
    except (BufferError, ValueError):
        pass        # a ctypes view of it is still alive somewhere: the GC will unmap it
    m = v.mapping
    m.views -= 1
    if m.disk_file is not None:
        m.disk_file.mapped_views -= 1
    return 1


@dll.stdcall
def FlushViewOfFile(addr: PTR, size: SIZE_T) -> BOOL:
    v = _view_at(addr)
    if v is None:
        set_last_error(ERROR_INVALID_ADDRESS)
        return 0
    start = (addr - v.region.base) & ~(PAGE - 1)
    end = v.region.size if size == 0 else min(v.region.size, addr - v.region.base + size)
    try:
        v.mm.flush(start, end - start)
    except (OSError, ValueError):
        pass
    return 1
