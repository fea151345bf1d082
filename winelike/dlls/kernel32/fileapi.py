"""Files as far as the core runtime needs them: the std handles, WriteFile/ReadFile, GetFileType.

The full file API (CreateFile and the prefix's drives) is its own issue.
"""
from __future__ import annotations

import os
import stat

from winelike import debug
from winelike.abi.types import BOOL, DWORD, HANDLE, PTR
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_HANDLE, ERROR_ACCESS_DENIED
from winelike.handles import table, HostFile
from . import dll

ch = debug.Channel("file")

FILE_TYPE_UNKNOWN, FILE_TYPE_DISK, FILE_TYPE_CHAR, FILE_TYPE_PIPE = 0, 1, 2, 3
ERROR_BROKEN_PIPE = 109
ERROR_NO_DATA = 232


def host_file(h) -> HostFile | None:
    f = table(proc()).get(h, HostFile)
    if f is None:
        set_last_error(ERROR_INVALID_HANDLE)
    return f


@dll.stdcall
def WriteFile(handle: HANDLE, buf: PTR, size: DWORD, written: PTR, overlapped: PTR) -> BOOL:
    p = proc()
    f = host_file(handle)
    if f is None:
        return 0
    data = p.mem.read(buf, size) if size else b""
    try:
        n = 0
        while n < len(data):
            n += os.write(f.fd, data[n:])
    except BrokenPipeError:
        set_last_error(ERROR_NO_DATA)
        return 0
    except OSError as e:
        set_last_error(ERROR_ACCESS_DENIED if e.errno in (9, 13) else 31)
        return 0
    if written:
        p.mem.w32(written, n)
    return 1


@dll.stdcall
def ReadFile(handle: HANDLE, buf: PTR, size: DWORD, read: PTR, overlapped: PTR) -> BOOL:
    p = proc()
    f = host_file(handle)
    if f is None:
        return 0
    try:
        if size and os.isatty(f.fd):
            from .console import read_console_bytes
            data = read_console_bytes(f.fd, size)
        else:
            data = os.read(f.fd, size) if size else b""
    except OSError as e:
        set_last_error(ERROR_ACCESS_DENIED if e.errno in (9, 13) else 31)
        return 0
    if data:
        p.mem.write(buf, data)
    if read:
        p.mem.w32(read, len(data))
    return 1


@dll.stdcall
def GetFileType(handle: HANDLE) -> DWORD:
    f = host_file(handle)
    if f is None:
        return FILE_TYPE_UNKNOWN
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
    if table(proc()).close(handle):
        return 1
    set_last_error(ERROR_INVALID_HANDLE)
    return 0
