"""The printf (and, later, scanf) families as exports; the formatting engine is printf.py."""
from __future__ import annotations

from winelike.abi.types import INT, PTR, SIZE_T, VARARGS
from winelike.dlls.framework import VarArgReader
from winelike.dlls.winapi import proc
from . import dll
from .printf import format_string
from .state import crt
from .stdio import stream, file_size


# ---------------------------------------------------------------------------
# printf family

def _narrow_readers(p):
    mem = p.mem

    def rs(ptr, prec):
        data = mem.cstr(ptr) if prec is None else mem.cstr(ptr, prec)
        return data.decode("latin-1")

    def rw(ptr, prec):
        s = mem.wstr(ptr) if prec is None else mem.wstr(ptr, prec)
        out = s.encode(p.acp, "replace")
        if prec is not None:
            out = out[:prec]
        return out.decode("latin-1")
    return rs, rw


def _wide_readers(p):
    mem = p.mem

    def rs(ptr, prec):
        data = mem.cstr(ptr) if prec is None else mem.cstr(ptr, prec)
        return data.decode(p.acp, "replace")

    def rw(ptr, prec):
        return mem.wstr(ptr) if prec is None else mem.wstr(ptr, prec)
    return rs, rw


def _count_store(p):
    def store(ptr, n, length):
        if length in ("hh",):
            p.mem.w8(ptr, n)
        elif length == "h":
            p.mem.w16(ptr, n)
        elif length in ("ll", "I64") or (length in ("I", "z") and p.bits == 64):
            p.mem.w64(ptr, n)
        else:
            p.mem.w32(ptr, n)
    return store


def format_narrow(fmt_ptr: int, args) -> bytes:
    p = proc()
    fmt = p.mem.cstr(fmt_ptr).decode("latin-1")
    rs, rw = _narrow_readers(p)
    return format_string(fmt, args, False, rs, rw, p.bits, _count_store(p)).encode("latin-1")


def format_wide(fmt_ptr: int, args) -> str:
    p = proc()
    fmt = p.mem.wstr(fmt_ptr)
    rs, rw = _wide_readers(p)
    return format_string(fmt, args, True, rs, rw, p.bits, _count_store(p))


def va_list(ptr: int) -> VarArgReader:
    p = proc()
    return VarArgReader(p.mem, p.bits, ptr)


def _stdout():
    return stream(crt().iob + file_size(proc().ptr_size))


def _out(st, data: bytes) -> int:
    if st is None:
        return -1
    return len(data) if st.write(data) else -1


@dll.cdecl
def printf(fmt: PTR, *args: VARARGS) -> INT:
    return _out(_stdout(), format_narrow(fmt, args[0]))


@dll.cdecl
def vprintf(fmt: PTR, ap: PTR) -> INT:
    return _out(_stdout(), format_narrow(fmt, va_list(ap)))


@dll.cdecl
def fprintf(fp: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _out(stream(fp), format_narrow(fmt, args[0]))


@dll.cdecl
def vfprintf(fp: PTR, fmt: PTR, ap: PTR) -> INT:
    return _out(stream(fp), format_narrow(fmt, va_list(ap)))


def _to_buffer(buf: int, data: bytes) -> int:
    proc().mem.write(buf, data + b"\0")
    return len(data)


@dll.cdecl
def sprintf(buf: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _to_buffer(buf, format_narrow(fmt, args[0]))


@dll.cdecl
def vsprintf(buf: PTR, fmt: PTR, ap: PTR) -> INT:
    return _to_buffer(buf, format_narrow(fmt, va_list(ap)))


def _snprintf_impl(buf, count, data: bytes) -> int:
    """msvcrt _snprintf: no terminator when it fills the buffer; -1 when truncated."""
    mem = proc().mem
    n = len(data)
    if n < count:
        mem.write(buf, data + b"\0")
        return n
    if count:
        mem.write(buf, data[:count])
    return -1


@dll.cdecl
def _snprintf(buf: PTR, count: SIZE_T, fmt: PTR, *args: VARARGS) -> INT:
    return _snprintf_impl(buf, count, format_narrow(fmt, args[0]))


@dll.cdecl
def _vsnprintf(buf: PTR, count: SIZE_T, fmt: PTR, ap: PTR) -> INT:
    return _snprintf_impl(buf, count, format_narrow(fmt, va_list(ap)))


def _c99_snprintf(buf, count, data: bytes) -> int:
    """C99 snprintf (msvcrt.dll exports it on newer Windows): always terminates, returns the full length."""
    mem = proc().mem
    if count:
        cut = data[:count - 1]
        mem.write(buf, cut + b"\0")
    return len(data)


@dll.cdecl
def _scprintf(fmt: PTR, *args: VARARGS) -> INT:
    return len(format_narrow(fmt, args[0]))


@dll.cdecl
def _vscprintf(fmt: PTR, ap: PTR) -> INT:
    return len(format_narrow(fmt, va_list(ap)))
