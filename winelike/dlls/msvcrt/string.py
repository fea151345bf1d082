"""string.h and wchar.h basics on guest memory."""
from __future__ import annotations

from winelike.abi.types import INT, PTR, SIZE_T
from winelike.dlls.winapi import proc
from . import dll


@dll.cdecl
def memcpy(dst: PTR, src: PTR, n: SIZE_T) -> PTR:
    if n:
        m = proc().mem
        m.write(dst, m.read(src, n))
    return dst


@dll.cdecl
def memmove(dst: PTR, src: PTR, n: SIZE_T) -> PTR:
    return memcpy(dst, src, n)


@dll.cdecl
def memset(dst: PTR, c: INT, n: SIZE_T) -> PTR:
    if n:
        proc().mem.fill(dst, c, n)
    return dst


@dll.cdecl
def memcmp(a: PTR, b: PTR, n: SIZE_T) -> INT:
    m = proc().mem
    x, y = m.read(a, n), m.read(b, n)
    return 0 if x == y else (-1 if x < y else 1)


@dll.cdecl
def memchr(s: PTR, c: INT, n: SIZE_T) -> PTR:
    i = proc().mem.read(s, n).find(bytes((c & 0xFF,)))
    return 0 if i < 0 else s + i


@dll.cdecl
def strlen(s: PTR) -> SIZE_T:
    return len(proc().mem.cstr(s))


@dll.cdecl
def strnlen(s: PTR, n: SIZE_T) -> SIZE_T:
    return len(proc().mem.cstr(s, n))


@dll.cdecl
def wcslen(s: PTR) -> SIZE_T:
    return len(proc().mem.wstr_bytes(s)) // 2


@dll.cdecl
def strchr(s: PTR, c: INT) -> PTR:
    data = proc().mem.cstr(s)
    c &= 0xFF
    if c == 0:
        return s + len(data)
    i = data.find(bytes((c,)))
    return 0 if i < 0 else s + i


@dll.cdecl
def strrchr(s: PTR, c: INT) -> PTR:
    data = proc().mem.cstr(s)
    c &= 0xFF
    if c == 0:
        return s + len(data)
    i = data.rfind(bytes((c,)))
    return 0 if i < 0 else s + i


def _cmp(x: bytes, y: bytes) -> int:
    return 0 if x == y else (-1 if x < y else 1)


@dll.cdecl
def strcmp(a: PTR, b: PTR) -> INT:
    m = proc().mem
    return _cmp(m.cstr(a), m.cstr(b))


@dll.cdecl
def strncmp(a: PTR, b: PTR, n: SIZE_T) -> INT:
    m = proc().mem
    return _cmp(m.cstr(a, n), m.cstr(b, n))


@dll.cdecl
def strcpy(dst: PTR, src: PTR) -> PTR:
    m = proc().mem
    m.write(dst, m.cstr(src) + b"\0")
    return dst


@dll.cdecl
def strncpy(dst: PTR, src: PTR, n: SIZE_T) -> PTR:
    m = proc().mem
    data = m.cstr(src, n)
    m.write(dst, data + bytes(n - len(data)))
    return dst


@dll.cdecl
def strcat(dst: PTR, src: PTR) -> PTR:
    m = proc().mem
    m.write(dst + len(m.cstr(dst)), m.cstr(src) + b"\0")
    return dst


@dll.cdecl
def strncat(dst: PTR, src: PTR, n: SIZE_T) -> PTR:
    m = proc().mem
    m.write(dst + len(m.cstr(dst)), m.cstr(src, n) + b"\0")
    return dst


@dll.cdecl
def strstr(hay: PTR, needle: PTR) -> PTR:
    m = proc().mem
    i = m.cstr(hay).find(m.cstr(needle))
    return 0 if i < 0 else hay + i


@dll.cdecl
def _strdup(s: PTR) -> PTR:
    p = proc()
    if not s:
        return 0
    data = p.mem.cstr(s) + b"\0"
    r = p.process_heap.alloc(len(data))
    if r:
        p.mem.write(r, data)
    return r


_ERRLIST = [
    "No error", "Operation not permitted", "No such file or directory", "No such process",
    "Interrupted function call", "Input/output error", "No such device or address", "Arg list too long",
    "Exec format error", "Bad file descriptor", "No child processes", "Resource temporarily unavailable",
    "Not enough space", "Permission denied", "Bad address", "Unknown error", "Resource device",
    "File exists", "Improper link", "No such device", "Not a directory", "Is a directory",
    "Invalid argument", "Too many open files in system", "Too many open files",
    "Inappropriate I/O control operation", "Unknown error", "File too large", "No space left on device",
    "Invalid seek", "Read-only file system", "Too many links", "Broken pipe", "Domain error",
    "Result too large", "Unknown error", "Resource deadlock avoided", "Unknown error", "Filename too long",
    "No locks available", "Function not implemented", "Directory not empty", "Illegal byte sequence",
    "Unknown error",
]


def strerror_text(n: int) -> str:
    return _ERRLIST[n] if 0 <= n < len(_ERRLIST) else "Unknown error"


@dll.cdecl
def strerror(errnum: INT) -> PTR:
    from .state import static_buffer
    buf = static_buffer("strerror", 96)
    proc().mem.write(buf, strerror_text(errnum).encode() + b"\0")
    return buf
