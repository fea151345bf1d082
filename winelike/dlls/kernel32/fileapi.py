"""Files as far as the core runtime needs them: the std handles, WriteFile/ReadFile, GetFileType.

The full file API (CreateFile and the prefix's drives) is its own issue.
"""
from __future__ import annotations

import os
import stat

from winelike import debug
from winelike.abi.types import BOOL, DWORD, HANDLE, LPCSTR, LPCWSTR, PTR
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


ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND = 2, 3


def _delete_file(name) -> int:
    """DeleteFile: the prefix's drives; directories and missing files give Windows' errors."""
    import errno
    from winelike.dlls.msvcrt.fileio import host_path
    if not name:
        set_last_error(ERROR_PATH_NOT_FOUND if name == "" else ERROR_FILE_NOT_FOUND)
        return 0
    host = host_path(name)
    if host is None:
        set_last_error(ERROR_PATH_NOT_FOUND)
        return 0
    try:
        if os.path.isdir(host):
            set_last_error(ERROR_ACCESS_DENIED)
            return 0
        os.unlink(host)
    except OSError as e:
        if e.errno == errno.ENOENT:
            set_last_error(ERROR_FILE_NOT_FOUND if os.path.isdir(os.path.dirname(host)) else ERROR_PATH_NOT_FOUND)
        elif e.errno == errno.ENOTDIR:
            set_last_error(ERROR_PATH_NOT_FOUND)
        else:
            set_last_error(ERROR_ACCESS_DENIED)
        return 0
    return 1


@dll.stdcall
def DeleteFileW(name: LPCWSTR) -> BOOL:
    return _delete_file(name)


@dll.stdcall
def DeleteFileA(name: LPCSTR) -> BOOL:
    return _delete_file(name)
