"""wchar.h: wcs* string functions, wide number conversions, wcstok.

Wide strings are handled as arrays of UTF-16 code units ("H"), compared by
code-unit value as msvcrt does; case-insensitive compares fold with towlower.
"""
from __future__ import annotations

import array

from winelike.abi.types import DOUBLE, INT, LONG, LONGLONG, PTR, SIZE_T, ULONG, ULONGLONG, WCHAR
from winelike.dlls.winapi import proc
from . import dll
from .ctype import wlower, wupper
from .state import crt, set_errno, EINVAL, ERANGE
from . import stdlib


def units(ptr: int, limit: int = 1 << 23) -> array.array:
    a = array.array("H")
    a.frombytes(proc().mem.wstr_bytes(ptr, limit))
    return a


def put_units(ptr: int, a, nul=True) -> None:
    data = a.tobytes() if isinstance(a, array.array) else array.array("H", a).tobytes()
    proc().mem.write(ptr, data + (b"\0\0" if nul else b""))


def _cmp(x, y) -> int:
    return 0 if x == y else (-1 if x < y else 1)


def _lower(a):
    return array.array("H", (wlower(c) for c in a))


def _upper(a):
    return array.array("H", (wupper(c) for c in a))


@dll.cdecl
def wcsnlen(s: PTR, n: SIZE_T) -> SIZE_T:
    return len(proc().mem.wstr_bytes(s, n)) // 2


@dll.cdecl
def wcscpy(dst: PTR, src: PTR) -> PTR:
    put_units(dst, units(src))
    return dst


@dll.cdecl
def wcsncpy(dst: PTR, src: PTR, n: SIZE_T) -> PTR:
    if not n:
        return dst
    a = units(src, n)
    a.extend([0] * (n - len(a)))
    put_units(dst, a, nul=False)
    return dst


@dll.cdecl
def wcscat(dst: PTR, src: PTR) -> PTR:
    put_units(dst + 2 * len(units(dst)), units(src))
    return dst


@dll.cdecl
def wcsncat(dst: PTR, src: PTR, n: SIZE_T) -> PTR:
    put_units(dst + 2 * len(units(dst)), units(src, n) if n else array.array("H"))
    return dst


@dll.cdecl
def wcscpy_s(dst: PTR, size: SIZE_T, src: PTR) -> INT:
    if not dst or not size:
        set_errno(EINVAL)
        return EINVAL
    if not src:
        proc().mem.w16(dst, 0)
        set_errno(EINVAL)
        return EINVAL
    a = units(src)
    if len(a) >= size:
        proc().mem.w16(dst, 0)
        set_errno(ERANGE)
        return ERANGE
    put_units(dst, a)
    return 0


@dll.cdecl
def wcscat_s(dst: PTR, size: SIZE_T, src: PTR) -> INT:
    if not dst or not size:
        set_errno(EINVAL)
        return EINVAL
    if not src:
        proc().mem.w16(dst, 0)
        set_errno(EINVAL)
        return EINVAL
    cur = units(dst, size)
    a = units(src)
    if len(cur) + len(a) >= size:
        proc().mem.w16(dst, 0)
        set_errno(ERANGE)
        return ERANGE
    put_units(dst + 2 * len(cur), a)
    return 0


@dll.cdecl
def wcscmp(a: PTR, b: PTR) -> INT:
    return _cmp(units(a), units(b))


@dll.cdecl
def wcsncmp(a: PTR, b: PTR, n: SIZE_T) -> INT:
    if not n:
        return 0
    return _cmp(units(a, n), units(b, n))


@dll.cdecl
def _wcsicmp(a: PTR, b: PTR) -> INT:
    return _cmp(_lower(units(a)), _lower(units(b)))


@dll.cdecl
def _wcsnicmp(a: PTR, b: PTR, n: SIZE_T) -> INT:
    if not n:
        return 0
    return _cmp(_lower(units(a, n)), _lower(units(b, n)))


@dll.cdecl
def _wcsicoll(a: PTR, b: PTR) -> INT:
    return _wcsicmp(a, b)


@dll.cdecl
def wcscoll(a: PTR, b: PTR) -> INT:
    return wcscmp(a, b)


@dll.cdecl
def _wcsncoll(a: PTR, b: PTR, n: SIZE_T) -> INT:
    return wcsncmp(a, b, n)


@dll.cdecl
def _wcsnicoll(a: PTR, b: PTR, n: SIZE_T) -> INT:
    return _wcsnicmp(a, b, n)


@dll.cdecl
def wcsxfrm(dst: PTR, src: PTR, n: SIZE_T) -> SIZE_T:
    a = units(src)
    if dst and n:
        put_units(dst, a[:n - 1])
    return len(a)


@dll.cdecl
def wcschr(s: PTR, c: WCHAR) -> PTR:
    a = units(s)
    c &= 0xFFFF
    if c == 0:
        return s + 2 * len(a)
    try:
        return s + 2 * a.index(c)
    except ValueError:
        return 0


@dll.cdecl
def wcsrchr(s: PTR, c: WCHAR) -> PTR:
    a = units(s)
    c &= 0xFFFF
    if c == 0:
        return s + 2 * len(a)
    for i in range(len(a) - 1, -1, -1):
        if a[i] == c:
            return s + 2 * i
    return 0


@dll.cdecl
def wcsstr(hay: PTR, needle: PTR) -> PTR:
    m = proc().mem
    h = m.wstr_bytes(hay)
    n = m.wstr_bytes(needle)
    i = h.find(n)
    while i >= 0 and i % 2:
        i = h.find(n, i + 1)
    return 0 if i < 0 else hay + i


def _span(a, accept, inside):
    acc = set(accept)
    for i, c in enumerate(a):
        if (c in acc) != inside:
            return i
    return len(a)


@dll.cdecl
def wcsspn(s: PTR, accept: PTR) -> SIZE_T:
    return _span(units(s), units(accept), True)


@dll.cdecl
def wcscspn(s: PTR, reject: PTR) -> SIZE_T:
    return _span(units(s), units(reject), False)


@dll.cdecl
def wcspbrk(s: PTR, accept: PTR) -> PTR:
    a = units(s)
    i = _span(a, units(accept), False)
    return 0 if i >= len(a) else s + 2 * i


def _wcstok(s, delim, get_next, set_next):
    if not s:
        s = get_next()
        if not s:
            return 0
    d = set(units(delim))
    a = units(s)
    i = 0
    while i < len(a) and a[i] in d:
        i += 1
    if i == len(a):
        set_next(0)
        return 0
    j = i
    while j < len(a) and a[j] not in d:
        j += 1
    if j < len(a):
        proc().mem.w16(s + 2 * j, 0)
        set_next(s + 2 * j + 2)
    else:
        set_next(s + 2 * j)
    return s + 2 * i


@dll.cdecl
def wcstok(s: PTR, delim: PTR) -> PTR:
    st = crt()

    def set_next(v):
        st.wcstok_next = v
    return _wcstok(s, delim, lambda: st.wcstok_next, set_next)


@dll.cdecl
def wcstok_s(s: PTR, delim: PTR, ctx: PTR) -> PTR:
    m = proc().mem
    if not delim or not ctx or (not s and not m.ptr(ctx)):
        set_errno(EINVAL)
        return 0
    return _wcstok(s, delim, lambda: m.ptr(ctx), lambda v: m.wptr(ctx, v))


@dll.cdecl
def _wcsdup(s: PTR) -> PTR:
    if not s:
        return 0
    data = proc().mem.wstr_bytes(s) + b"\0\0"
    r = proc().process_heap.alloc(len(data))
    if r:
        proc().mem.write(r, data)
    return r


@dll.cdecl
def _wcslwr(s: PTR) -> PTR:
    put_units(s, _lower(units(s)))
    return s


@dll.cdecl
def _wcsupr(s: PTR) -> PTR:
    put_units(s, _upper(units(s)))
    return s


@dll.cdecl
def _wcslwr_s(s: PTR, size: SIZE_T) -> INT:
    if not s or not size:
        set_errno(EINVAL)
        return EINVAL
    a = units(s, size)
    if len(a) >= size:
        proc().mem.w16(s, 0)
        set_errno(EINVAL)
        return EINVAL
    put_units(s, _lower(a))
    return 0


@dll.cdecl
def _wcsupr_s(s: PTR, size: SIZE_T) -> INT:
    if not s or not size:
        set_errno(EINVAL)
        return EINVAL
    a = units(s, size)
    if len(a) >= size:
        proc().mem.w16(s, 0)
        set_errno(EINVAL)
        return EINVAL
    put_units(s, _upper(a))
    return 0


@dll.cdecl
def _wcsrev(s: PTR) -> PTR:
    a = units(s)
    a.reverse()
    put_units(s, a)
    return s


@dll.cdecl
def _wcsset(s: PTR, c: WCHAR) -> PTR:
    n = len(units(s))
    put_units(s, [c & 0xFFFF] * n, nul=False)
    return s


# ---- numbers ---------------------------------------------------------------------------

@dll.cdecl
def wcstol(s: PTR, end: PTR, base: INT) -> LONG:
    return stdlib.strtol_(s, end, base, wide=True)


@dll.cdecl
def wcstoul(s: PTR, end: PTR, base: INT) -> ULONG:
    return stdlib.strtoul_(s, end, base, wide=True)


@dll.cdecl
def _wcstoi64(s: PTR, end: PTR, base: INT) -> LONGLONG:
    return stdlib.strtoi64(s, end, base, wide=True)


@dll.cdecl
def _wcstoui64(s: PTR, end: PTR, base: INT) -> ULONGLONG:
    return stdlib.strtoui64(s, end, base, wide=True)


@dll.cdecl
def wcstod(s: PTR, end: PTR) -> DOUBLE:
    return stdlib.strtod_(s, end, wide=True)


@dll.cdecl
def _wtoi(s: PTR) -> INT:
    return stdlib._atoi(s, wide=True)


@dll.cdecl
def _wtol(s: PTR) -> LONG:
    return stdlib._atoi(s, wide=True)


@dll.cdecl
def _wtoi64(s: PTR) -> LONGLONG:
    return max(stdlib.I64_MIN, min(stdlib.I64_MAX, stdlib._atoi(s, wide=True)))


@dll.cdecl
def _wtof(s: PTR) -> DOUBLE:
    return stdlib.parse_double(stdlib._units(s, True))[0]
