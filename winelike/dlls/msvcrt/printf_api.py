"""The printf family as exports (narrow and wide); the formatting engine is printf.py.

Only what msvcrt.dll itself exports (checked against Wine's msvcrt.dll): swprintf and
vswprintf are msvcrt's old two-argument forms (no count), like _swprintf/_vswprintf; the
C99 forms that mingw's headers offer are inline wrappers around _vsnwprintf.  The _l
variants ignore the locale argument: only the "C" locale exists here.
"""
from __future__ import annotations

from winelike import debug
from winelike.abi.types import INT, PTR, SIZE_T, VARARGS
from winelike.dlls.framework import VarArgReader
from winelike.dlls.winapi import proc
from . import dll
from .printf import format_ex
from .state import crt, set_errno, EINVAL, ERANGE
from .stdio import stream, file_size

ch = debug.Channel("msvcrt")

_TRUNCATE = (1 << 64) - 1     # (size_t)-1, compared after masking to the pointer width


# ---------------------------------------------------------------------------
# running the engine against guest memory

def _readers(p):
    mem = p.mem

    def read_str(ptr, maxlen):
        data = mem.cstr(ptr) if maxlen is None else mem.cstr(ptr, maxlen)
        return data.decode("latin-1")

    def read_wstr(ptr, maxlen):
        return mem.wstr(ptr) if maxlen is None else mem.wstr(ptr, maxlen)
    return read_str, read_wstr


def _count_store(p):
    mem = p.mem

    def store(ptr, n):
        mem.w32(ptr, n)          # msvcrt's %n stores an int whatever the length modifier
    return store


def _format(fmt_ptr: int, args, wide: bool, limit=None, strict=False):
    """(text, status) for a guest format string; see printf.format_ex."""
    p = proc()
    if not fmt_ptr:
        set_errno(EINVAL)
        return "", -1
    fmt = p.mem.wstr(fmt_ptr) if wide else p.mem.cstr(fmt_ptr).decode("latin-1")
    rs, rw = _readers(p)
    text, status = format_ex(fmt, args, wide, rs, rw, p.bits, _count_store(p), limit, strict)
    if status == -3:
        set_errno(EINVAL)
    return text, status


def _encode(text: str, wide: bool) -> bytes:
    return text.encode("utf-16-le", "surrogatepass") if wide else text.encode("latin-1")


def va_list(ptr: int) -> VarArgReader:
    p = proc()
    return VarArgReader(p.mem, p.bits, ptr)


def _size(v: int) -> int:
    return v & ((1 << proc().bits) - 1)


def _is_truncate(count: int) -> bool:
    return count == (1 << proc().bits) - 1


# ---------------------------------------------------------------------------
# destinations

def _to_stream(fp: int, fmt: int, args, wide: bool, strict=False) -> int:
    st = stream(fp)
    if st is None:
        return -1
    text, status = _format(fmt, args, wide, strict=strict)
    if not wide:
        ok = st.write(text.encode("latin-1")) if text else True
        return len(text) if ok and status == 0 else -1
    if not st.text:
        ok = st.write(_encode(text, True)) if text else True
        return len(text) if ok and status == 0 else -1
    # a text-mode stream gets the wide text converted in the C locale, character by character
    good = text
    for k, c in enumerate(text):
        if ord(c) > 0xFF:
            good = text[:k]
            status = -1
            break
    ok = st.write(good.encode("latin-1")) if good else True
    return len(text) if ok and status == 0 else -1


def _stdout() -> int:
    return crt().iob + file_size(proc().ptr_size)


def _to_buffer(buf: int, fmt: int, args, wide: bool) -> int:
    """sprintf / swprintf: no limit; the text and a terminator are stored."""
    if not buf:
        set_errno(EINVAL)
        return -1
    text, status = _format(fmt, args, wide)
    data = _encode(text, wide)
    proc().mem.write(buf, data + (b"\0\0" if wide else b"\0"))
    if status:
        return -1
    return len(data) // 2 if wide else len(data)


def _to_counted(buf: int, count: int, fmt: int, args, wide: bool) -> int:
    """_snprintf / _vsnwprintf: no terminator when the text fills the buffer, -1 when it overflows."""
    count = _size(count)
    if not buf:
        # msvcrt measures when there is no buffer
        text, status = _format(fmt, args, wide)
        return -1 if status else len(_encode(text, wide)) // (2 if wide else 1)
    unit = 2 if wide else 1
    limit = min(count, 0x7FFFFFFF)
    text, status = _format(fmt, args, wide, limit=limit)
    data = _encode(text, wide)
    n = len(data) // unit
    mem = proc().mem
    if n > limit:
        if limit:
            mem.write(buf, data[:limit * unit])
        return -1
    if data:
        mem.write(buf, data)
    if n < limit:
        mem.write(buf + n * unit, b"\0" * unit)
    return -1 if status else n


def _to_secure(buf: int, size: int, count: int, fmt: int, args, wide: bool) -> int:
    """_snprintf_s and friends: always terminated; _TRUNCATE or a count that fits truncates,
    a buffer too small for `count` is cleared and reported (ERANGE)."""
    size, truncate = _size(size), _is_truncate(count)
    count = _size(count)
    if not buf or not size or not fmt:
        set_errno(EINVAL)
        if buf and size:
            proc().mem.write(buf, b"\0\0" if wide else b"\0")
        return -1
    unit = 2 if wide else 1
    length = size if (truncate or size < count + 1) else count + 1
    text, status = _format(fmt, args, wide, limit=length, strict=True)
    data = _encode(text, wide)
    n = len(data) // unit
    mem = proc().mem
    if status == 0 and n < length:
        mem.write(buf, data + b"\0" * unit)
        return n
    if not truncate and count > size:
        set_errno(ERANGE)
        mem.write(buf, b"\0" * (size * unit))
    else:
        keep = min(n, length - 1)
        mem.write(buf, data[:keep * unit] + b"\0" * unit)
    return -1


def _measure(fmt: int, args, wide: bool) -> int:
    text, status = _format(fmt, args, wide)
    if status:
        return -1
    return len(_encode(text, wide)) // (2 if wide else 1)


# ---------------------------------------------------------------------------
# narrow exports

@dll.cdecl
def printf(fmt: PTR, *args: VARARGS) -> INT:
    return _to_stream(_stdout(), fmt, args[0], False)


@dll.cdecl
def printf_s(fmt: PTR, *args: VARARGS) -> INT:
    return _to_stream(_stdout(), fmt, args[0], False, strict=True)


@dll.cdecl
def vprintf(fmt: PTR, ap: PTR) -> INT:
    return _to_stream(_stdout(), fmt, va_list(ap), False)


@dll.cdecl
def vprintf_s(fmt: PTR, ap: PTR) -> INT:
    return _to_stream(_stdout(), fmt, va_list(ap), False, strict=True)


@dll.cdecl
def fprintf(fp: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _to_stream(fp, fmt, args[0], False)


@dll.cdecl
def fprintf_s(fp: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _to_stream(fp, fmt, args[0], False, strict=True)


@dll.cdecl
def _fprintf_l(fp: PTR, fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _to_stream(fp, fmt, args[0], False)


@dll.cdecl
def vfprintf(fp: PTR, fmt: PTR, ap: PTR) -> INT:
    return _to_stream(fp, fmt, va_list(ap), False)


@dll.cdecl
def vfprintf_s(fp: PTR, fmt: PTR, ap: PTR) -> INT:
    return _to_stream(fp, fmt, va_list(ap), False, strict=True)


@dll.cdecl
def _vfprintf_l(fp: PTR, fmt: PTR, locale: PTR, ap: PTR) -> INT:
    return _to_stream(fp, fmt, va_list(ap), False)


@dll.cdecl
def sprintf(buf: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _to_buffer(buf, fmt, args[0], False)


@dll.cdecl
def _sprintf_l(buf: PTR, fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _to_buffer(buf, fmt, args[0], False)


@dll.cdecl
def vsprintf(buf: PTR, fmt: PTR, ap: PTR) -> INT:
    return _to_buffer(buf, fmt, va_list(ap), False)


@dll.cdecl
def _vsprintf_l(buf: PTR, fmt: PTR, locale: PTR, ap: PTR) -> INT:
    return _to_buffer(buf, fmt, va_list(ap), False)


@dll.cdecl
def _snprintf(buf: PTR, count: SIZE_T, fmt: PTR, *args: VARARGS) -> INT:
    return _to_counted(buf, count, fmt, args[0], False)


@dll.cdecl
def _snprintf_l(buf: PTR, count: SIZE_T, fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _to_counted(buf, count, fmt, args[0], False)


@dll.cdecl
def _vsnprintf(buf: PTR, count: SIZE_T, fmt: PTR, ap: PTR) -> INT:
    return _to_counted(buf, count, fmt, va_list(ap), False)


@dll.cdecl
def vsnprintf(buf: PTR, count: SIZE_T, fmt: PTR, ap: PTR) -> INT:
    """msvcrt.dll's vsnprintf is its _vsnprintf (-1 on overflow), not C99's."""
    return _to_counted(buf, count, fmt, va_list(ap), False)


@dll.cdecl
def _vsnprintf_l(buf: PTR, count: SIZE_T, fmt: PTR, locale: PTR, ap: PTR) -> INT:
    return _to_counted(buf, count, fmt, va_list(ap), False)


@dll.cdecl
def sprintf_s(buf: PTR, size: SIZE_T, fmt: PTR, *args: VARARGS) -> INT:
    """msvcrt.dll's sprintf_s is _snprintf underneath (Wine: -1 and no terminator when too small)."""
    return _to_counted(buf, size, fmt, args[0], False)


@dll.cdecl
def vsprintf_s(buf: PTR, size: SIZE_T, fmt: PTR, ap: PTR) -> INT:
    return _to_counted(buf, size, fmt, va_list(ap), False)


@dll.cdecl
def _snprintf_s(buf: PTR, size: SIZE_T, count: SIZE_T, fmt: PTR, *args: VARARGS) -> INT:
    return _to_secure(buf, size, count, fmt, args[0], False)


@dll.cdecl
def _vsnprintf_s(buf: PTR, size: SIZE_T, count: SIZE_T, fmt: PTR, ap: PTR) -> INT:
    return _to_secure(buf, size, count, fmt, va_list(ap), False)


@dll.cdecl
def _scprintf(fmt: PTR, *args: VARARGS) -> INT:
    return _measure(fmt, args[0], False)


@dll.cdecl
def _scprintf_l(fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _measure(fmt, args[0], False)


@dll.cdecl
def _vscprintf(fmt: PTR, ap: PTR) -> INT:
    return _measure(fmt, va_list(ap), False)


@dll.cdecl
def _vscprintf_l(fmt: PTR, locale: PTR, ap: PTR) -> INT:
    return _measure(fmt, va_list(ap), False)


# ---------------------------------------------------------------------------
# wide exports

@dll.cdecl
def wprintf(fmt: PTR, *args: VARARGS) -> INT:
    return _to_stream(_stdout(), fmt, args[0], True)


@dll.cdecl
def wprintf_s(fmt: PTR, *args: VARARGS) -> INT:
    return _to_stream(_stdout(), fmt, args[0], True, strict=True)


@dll.cdecl
def vwprintf(fmt: PTR, ap: PTR) -> INT:
    return _to_stream(_stdout(), fmt, va_list(ap), True)


@dll.cdecl
def vwprintf_s(fmt: PTR, ap: PTR) -> INT:
    return _to_stream(_stdout(), fmt, va_list(ap), True, strict=True)


@dll.cdecl
def fwprintf(fp: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _to_stream(fp, fmt, args[0], True)


@dll.cdecl
def fwprintf_s(fp: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _to_stream(fp, fmt, args[0], True, strict=True)


@dll.cdecl
def _fwprintf_l(fp: PTR, fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _to_stream(fp, fmt, args[0], True)


@dll.cdecl
def vfwprintf(fp: PTR, fmt: PTR, ap: PTR) -> INT:
    return _to_stream(fp, fmt, va_list(ap), True)


@dll.cdecl
def vfwprintf_s(fp: PTR, fmt: PTR, ap: PTR) -> INT:
    return _to_stream(fp, fmt, va_list(ap), True, strict=True)


@dll.cdecl
def _vfwprintf_l(fp: PTR, fmt: PTR, locale: PTR, ap: PTR) -> INT:
    return _to_stream(fp, fmt, va_list(ap), True)


@dll.cdecl
def swprintf(buf: PTR, fmt: PTR, *args: VARARGS) -> INT:
    """msvcrt's old form, without a count (the C99 one is _snwprintf-based in the headers)."""
    return _to_buffer(buf, fmt, args[0], True)


@dll.cdecl
def _swprintf(buf: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _to_buffer(buf, fmt, args[0], True)


@dll.cdecl
def vswprintf(buf: PTR, fmt: PTR, ap: PTR) -> INT:
    return _to_buffer(buf, fmt, va_list(ap), True)


@dll.cdecl
def _vswprintf(buf: PTR, fmt: PTR, ap: PTR) -> INT:
    return _to_buffer(buf, fmt, va_list(ap), True)


@dll.cdecl
def _vswprintf_l(buf: PTR, fmt: PTR, locale: PTR, ap: PTR) -> INT:
    return _to_buffer(buf, fmt, va_list(ap), True)


@dll.cdecl
def _snwprintf(buf: PTR, count: SIZE_T, fmt: PTR, *args: VARARGS) -> INT:
    return _to_counted(buf, count, fmt, args[0], True)


@dll.cdecl
def _snwprintf_l(buf: PTR, count: SIZE_T, fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _to_counted(buf, count, fmt, args[0], True)


@dll.cdecl
def _vsnwprintf(buf: PTR, count: SIZE_T, fmt: PTR, ap: PTR) -> INT:
    return _to_counted(buf, count, fmt, va_list(ap), True)


@dll.cdecl
def _vsnwprintf_l(buf: PTR, count: SIZE_T, fmt: PTR, locale: PTR, ap: PTR) -> INT:
    return _to_counted(buf, count, fmt, va_list(ap), True)


@dll.cdecl
def swprintf_s(buf: PTR, size: SIZE_T, fmt: PTR, *args: VARARGS) -> INT:
    return _to_secure(buf, size, size, fmt, args[0], True)


@dll.cdecl
def vswprintf_s(buf: PTR, size: SIZE_T, fmt: PTR, ap: PTR) -> INT:
    return _to_secure(buf, size, size, fmt, va_list(ap), True)


@dll.cdecl
def _snwprintf_s(buf: PTR, size: SIZE_T, count: SIZE_T, fmt: PTR, *args: VARARGS) -> INT:
    return _to_secure(buf, size, count, fmt, args[0], True)


@dll.cdecl
def _vsnwprintf_s(buf: PTR, size: SIZE_T, count: SIZE_T, fmt: PTR, ap: PTR) -> INT:
    return _to_secure(buf, size, count, fmt, va_list(ap), True)


@dll.cdecl
def _scwprintf(fmt: PTR, *args: VARARGS) -> INT:
    return _measure(fmt, args[0], True)


@dll.cdecl
def _scwprintf_l(fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _measure(fmt, args[0], True)


@dll.cdecl
def _vscwprintf(fmt: PTR, ap: PTR) -> INT:
    return _measure(fmt, va_list(ap), True)


@dll.cdecl
def _vscwprintf_l(fmt: PTR, locale: PTR, ap: PTR) -> INT:
    return _measure(fmt, va_list(ap), True)
