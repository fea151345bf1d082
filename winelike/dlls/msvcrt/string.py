"""string.h on guest memory: mem*, str*, strtok, case-insensitive compares, strerror.

Strings are compared as unsigned bytes (msvcrt's strcmp returns -1/0/1).  The
case-insensitive functions fold ASCII only, as msvcrt does in the "C" locale.
"""
from __future__ import annotations

from winelike.abi.types import INT, PTR, SIZE_T, UINT, VOID
from winelike.dlls.winapi import proc
from . import dll
from .state import crt, set_errno, static_buffer, EINVAL, ERANGE, STRUNCATE

_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_UPPER = bytes.maketrans(b"abcdefghijklmnopqrstuvwxyz", b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _cmp(x, y) -> int:
    return 0 if x == y else (-1 if x < y else 1)


def _heap_copy(data: bytes) -> int:
    r = proc().process_heap.alloc(len(data))
    if r:
        proc().mem.write(r, data)
    return r


# ---- memory ------------------------------------------------------------------

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
    if not n:
        return 0
    m = proc().mem
    return _cmp(m.read(a, n), m.read(b, n))


@dll.cdecl
def _memicmp(a: PTR, b: PTR, n: SIZE_T) -> INT:
    if not n:
        return 0
    m = proc().mem
    return _cmp(m.read(a, n).translate(_LOWER), m.read(b, n).translate(_LOWER))


@dll.cdecl
def memchr(s: PTR, c: INT, n: SIZE_T) -> PTR:
    if not n:
        return 0
    i = proc().mem.read(s, n).find(bytes((c & 0xFF,)))
    return 0 if i < 0 else s + i


@dll.cdecl
def _memccpy(dst: PTR, src: PTR, c: INT, n: SIZE_T) -> PTR:
    m = proc().mem
    data = m.read(src, n) if n else b""
    i = data.find(bytes((c & 0xFF,)))
    if i >= 0:
        m.write(dst, data[:i + 1])
        return dst + i + 1
    if data:
        m.write(dst, data)
    return 0


@dll.cdecl
def memcpy_s(dst: PTR, size: SIZE_T, src: PTR, n: SIZE_T) -> INT:
    if not n:
        return 0
    if not dst or not src:
        if dst:
            proc().mem.fill(dst, 0, size)
        set_errno(EINVAL)
        return EINVAL
    if n > size:
        proc().mem.fill(dst, 0, size)
        set_errno(ERANGE)
        return ERANGE
    memcpy(dst, src, n)
    return 0


@dll.cdecl
def memmove_s(dst: PTR, size: SIZE_T, src: PTR, n: SIZE_T) -> INT:
    if not n:
        return 0
    if not dst or not src:
        set_errno(EINVAL)
        return EINVAL
    if n > size:
        set_errno(ERANGE)
        return ERANGE
    memcpy(dst, src, n)
    return 0


# ---- lengths, search -----------------------------------------------------------

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


@dll.cdecl
def strstr(hay: PTR, needle: PTR) -> PTR:
    m = proc().mem
    i = m.cstr(hay).find(m.cstr(needle))
    return 0 if i < 0 else hay + i


def _span(s: bytes, accept: bytes, inside: bool) -> int:
    acc = set(accept)
    i = 0
    for i, c in enumerate(s):
        if (c in acc) != inside:
            return i
    return len(s)


@dll.cdecl
def strspn(s: PTR, accept: PTR) -> SIZE_T:
    m = proc().mem
    return _span(m.cstr(s), m.cstr(accept), True)


@dll.cdecl
def strcspn(s: PTR, reject: PTR) -> SIZE_T:
    m = proc().mem
    return _span(m.cstr(s), m.cstr(reject), False)


@dll.cdecl
def strpbrk(s: PTR, accept: PTR) -> PTR:
    m = proc().mem
    data = m.cstr(s)
    i = _span(data, m.cstr(accept), False)
    return 0 if i >= len(data) else s + i


@dll.cdecl
def strtok(s: PTR, delim: PTR) -> PTR:
    """msvcrt keeps strtok's position per thread; one guest thread here, so per process."""
    m = proc().mem
    st = crt()
    if not s:
        s = st.strtok_next
        if not s:
            return 0
    d = set(m.cstr(delim))
    data = m.cstr(s)
    i = 0
    while i < len(data) and data[i] in d:
        i += 1
    if i == len(data):
        st.strtok_next = 0
        return 0
    j = i
    while j < len(data) and data[j] not in d:
        j += 1
    if j < len(data):
        m.w8(s + j, 0)
        st.strtok_next = s + j + 1
    else:
        st.strtok_next = s + j
    return s + i


@dll.cdecl
def strtok_s(s: PTR, delim: PTR, ctx: PTR) -> PTR:
    m = proc().mem
    if not delim or not ctx or (not s and not m.ptr(ctx)):
        set_errno(EINVAL)
        return 0
    if not s:
        s = m.ptr(ctx)
    d = set(m.cstr(delim))
    data = m.cstr(s)
    i = 0
    while i < len(data) and data[i] in d:
        i += 1
    if i == len(data):
        m.wptr(ctx, s + i)
        return 0
    j = i
    while j < len(data) and data[j] not in d:
        j += 1
    if j < len(data):
        m.w8(s + j, 0)
        m.wptr(ctx, s + j + 1)
    else:
        m.wptr(ctx, s + j)
    return s + i


# ---- comparison ------------------------------------------------------------------

@dll.cdecl
def strcmp(a: PTR, b: PTR) -> INT:
    m = proc().mem
    return _cmp(m.cstr(a), m.cstr(b))


@dll.cdecl
def strncmp(a: PTR, b: PTR, n: SIZE_T) -> INT:
    m = proc().mem
    return _cmp(m.cstr(a, n), m.cstr(b, n))


@dll.cdecl
def _stricmp(a: PTR, b: PTR) -> INT:
    m = proc().mem
    return _cmp(m.cstr(a).translate(_LOWER), m.cstr(b).translate(_LOWER))


@dll.cdecl
def _strnicmp(a: PTR, b: PTR, n: SIZE_T) -> INT:
    m = proc().mem
    return _cmp(m.cstr(a, n).translate(_LOWER), m.cstr(b, n).translate(_LOWER))


@dll.cdecl
def _strcmpi(a: PTR, b: PTR) -> INT:
    return _stricmp(a, b)


@dll.cdecl
def _stricoll(a: PTR, b: PTR) -> INT:
    return _stricmp(a, b)


@dll.cdecl
def strcoll(a: PTR, b: PTR) -> INT:
    """The "C" locale collates by byte value."""
    return strcmp(a, b)


@dll.cdecl
def _strcoll(a: PTR, b: PTR) -> INT:
    return strcmp(a, b)


@dll.cdecl
def _strncoll(a: PTR, b: PTR, n: SIZE_T) -> INT:
    return strncmp(a, b, n)


@dll.cdecl
def _strnicoll(a: PTR, b: PTR, n: SIZE_T) -> INT:
    return _strnicmp(a, b, n)


@dll.cdecl
def strxfrm(dst: PTR, src: PTR, n: SIZE_T) -> SIZE_T:
    m = proc().mem
    data = m.cstr(src)
    if dst and n:
        m.write(dst, data[:n - 1] + b"\0" if len(data) >= n else data + b"\0")
    return len(data)


# ---- copying ---------------------------------------------------------------------

@dll.cdecl
def strcpy(dst: PTR, src: PTR) -> PTR:
    m = proc().mem
    m.write(dst, m.cstr(src) + b"\0")
    return dst


@dll.cdecl
def strncpy(dst: PTR, src: PTR, n: SIZE_T) -> PTR:
    if not n:
        return dst
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
    m.write(dst + len(m.cstr(dst)), (m.cstr(src, n) if n else b"") + b"\0")
    return dst


@dll.cdecl
def strcpy_s(dst: PTR, size: SIZE_T, src: PTR) -> INT:
    m = proc().mem
    if not dst or not size:
        set_errno(EINVAL)
        return EINVAL
    if not src:
        m.w8(dst, 0)
        set_errno(EINVAL)
        return EINVAL
    data = m.cstr(src)
    if len(data) >= size:
        m.w8(dst, 0)
        set_errno(ERANGE)
        return ERANGE
    m.write(dst, data + b"\0")
    return 0


@dll.cdecl
def strcat_s(dst: PTR, size: SIZE_T, src: PTR) -> INT:
    m = proc().mem
    if not dst or not size:
        set_errno(EINVAL)
        return EINVAL
    if not src:
        m.w8(dst, 0)
        set_errno(EINVAL)
        return EINVAL
    cur = m.cstr(dst, size)
    data = m.cstr(src)
    if len(cur) >= size or len(cur) + len(data) >= size:
        m.w8(dst, 0)
        set_errno(ERANGE)
        return ERANGE
    m.write(dst + len(cur), data + b"\0")
    return 0


@dll.cdecl
def strncpy_s(dst: PTR, size: SIZE_T, src: PTR, count: SIZE_T) -> INT:
    m = proc().mem
    if not count and not dst and not size:
        return 0
    if not dst or not size:
        set_errno(EINVAL)
        return EINVAL
    if not src:
        m.w8(dst, 0)
        set_errno(EINVAL)
        return EINVAL
    truncate = count == (1 << proc().bits) - 1
    data = m.cstr(src, size if truncate else min(count, size))
    if len(data) >= size:
        if truncate:
            m.write(dst, data[:size - 1] + b"\0")
            return STRUNCATE
        m.w8(dst, 0)
        set_errno(ERANGE)
        return ERANGE
    m.write(dst, data + b"\0")
    return 0


@dll.cdecl
def _strdup(s: PTR) -> PTR:
    if not s:
        return 0
    return _heap_copy(proc().mem.cstr(s) + b"\0")


@dll.cdecl
def _strlwr(s: PTR) -> PTR:
    m = proc().mem
    m.write(s, m.cstr(s).translate(_LOWER))
    return s


@dll.cdecl
def _strupr(s: PTR) -> PTR:
    m = proc().mem
    m.write(s, m.cstr(s).translate(_UPPER))
    return s


@dll.cdecl
def _strrev(s: PTR) -> PTR:
    m = proc().mem
    m.write(s, m.cstr(s)[::-1])
    return s


@dll.cdecl
def _strset(s: PTR, c: INT) -> PTR:
    m = proc().mem
    n = len(m.cstr(s))
    if n:
        m.fill(s, c, n)
    return s


@dll.cdecl
def _strnset(s: PTR, c: INT, n: SIZE_T) -> PTR:
    m = proc().mem
    k = len(m.cstr(s, n)) if n else 0
    if k:
        m.fill(s, c, k)
    return s


def _case_s(s: int, size: int, table: bytes) -> int:
    """_strlwr_s/_strupr_s: EINVAL (and an emptied buffer) when the string does not fit in size."""
    m = proc().mem
    if not s or not size:
        set_errno(EINVAL)
        return EINVAL
    data = m.cstr(s, size)
    if len(data) >= size:
        m.w8(s, 0)
        set_errno(EINVAL)
        return EINVAL
    m.write(s, data.translate(table))
    return 0


@dll.cdecl
def _strlwr_s(s: PTR, size: SIZE_T) -> INT:
    return _case_s(s, size, _LOWER)


@dll.cdecl
def _strupr_s(s: PTR, size: SIZE_T) -> INT:
    return _case_s(s, size, _UPPER)


# ---- errors ------------------------------------------------------------------------

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


def _init_sys_nerr(p, addr):
    p.mem.w32(addr, len(_ERRLIST) - 1)


dll.data("_sys_nerr", 4, _init_sys_nerr)


@dll.cdecl
def strerror(errnum: INT) -> PTR:
    buf = static_buffer("strerror", 96)
    proc().mem.write(buf, strerror_text(errnum).encode() + b"\0")
    return buf


@dll.cdecl
def _strerror(msg: PTR) -> PTR:
    from .state import get_errno
    p = proc()
    buf = static_buffer("_strerror", 512)
    text = strerror_text(get_errno()).encode()
    if msg:
        prefix = p.mem.cstr(msg, 400)
        if prefix:
            text = prefix + b": " + text
    p.mem.write(buf, text + b"\n\0")
    return buf


@dll.cdecl
def strerror_s(buf: PTR, size: SIZE_T, errnum: INT) -> INT:
    if not buf or not size:
        set_errno(EINVAL)
        return EINVAL
    text = strerror_text(errnum).encode()[:size - 1]
    proc().mem.write(buf, text + b"\0")
    return 0
