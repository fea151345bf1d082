"""Helpers shared by built-in DLLs: last error, writing results into guest buffers."""
from __future__ import annotations

from winelike import process

# winerror.h values used across DLLs
ERROR_SUCCESS = 0
ERROR_INVALID_FUNCTION = 1
ERROR_FILE_NOT_FOUND = 2
ERROR_PATH_NOT_FOUND = 3
ERROR_ACCESS_DENIED = 5
ERROR_INVALID_HANDLE = 6
ERROR_NOT_ENOUGH_MEMORY = 8
ERROR_INVALID_DATA = 13
ERROR_OUTOFMEMORY = 14
ERROR_NO_MORE_FILES = 18
ERROR_BAD_LENGTH = 24
ERROR_NOT_SUPPORTED = 50
ERROR_INVALID_PARAMETER = 87
ERROR_CALL_NOT_IMPLEMENTED = 120
ERROR_INSUFFICIENT_BUFFER = 122
ERROR_INVALID_NAME = 123
ERROR_MOD_NOT_FOUND = 126
ERROR_PROC_NOT_FOUND = 127
ERROR_ALREADY_EXISTS = 183
ERROR_ENVVAR_NOT_FOUND = 203
ERROR_MORE_DATA = 234
ERROR_NO_UNICODE_TRANSLATION = 1113
ERROR_INVALID_ADDRESS = 487
ERROR_NOACCESS = 998
ERROR_INVALID_FLAGS = 1004
ERROR_RESOURCE_DATA_NOT_FOUND = 1812
ERROR_RESOURCE_TYPE_NOT_FOUND = 1813
ERROR_RESOURCE_NAME_NOT_FOUND = 1814


def proc():
    return process.current


def thread():
    """The guest thread making the current call."""
    return process.current.thread


def server():
    """The calling guest thread's server connection (connects on first use): `server().call(...)`."""
    return process.current.server()


def set_last_error(code: int) -> None:
    process.current.thread.teb.LastErrorValue = code & 0xFFFFFFFF


def get_last_error() -> int:
    return process.current.thread.teb.LastErrorValue


def write_astr_buf(buf: int, size: int, s: str) -> int:
    """Copy s (ANSI) into buf of `size` chars.

    Returns the number of chars copied without the NUL, or, when it does not fit,
    the size needed including the NUL (the GetXxxA convention).
    """
    p = process.current
    data = p.encode_astr(s)
    if len(data) + 1 > size:
        return len(data) + 1
    p.mem.write(buf, data + b"\0")
    return len(data)


def write_wstr_buf(buf: int, size: int, s: str) -> int:
    data = s.encode("utf-16-le", "surrogatepass")
    n = len(data) // 2
    if n + 1 > size:
        return n + 1
    process.current.mem.write(buf, data + b"\0\0")
    return n
