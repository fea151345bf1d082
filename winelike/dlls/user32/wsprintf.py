"""wsprintfA/W and wvsprintfA/W: user32's small formatter (no floating point, 1024-char limit)."""
from __future__ import annotations

from winelike.abi.types import INT, PTR, VARARGS
from winelike.dlls.winapi import proc
from winelike.dlls.msvcrt.printf import format_string
from winelike.dlls.framework import VarArgReader
from . import dll

LIMIT = 1024



def _format(fmt: str, args, wide: bool) -> str:
    p = proc()
    mem = p.mem
    if wide:
        rs = lambda ptr, prec: mem.cstr(ptr, prec if prec is not None else 1 << 20).decode(p.acp, "replace")
        rw = lambda ptr, prec: mem.wstr(ptr, prec if prec is not None else 1 << 20)
    else:
        rs = lambda ptr, prec: mem.cstr(ptr, prec if prec is not None else 1 << 20).decode("latin-1")
        rw = lambda ptr, prec: mem.wstr(ptr, prec if prec is not None else 1 << 20).encode(
            p.acp, "replace").decode("latin-1")
    return format_string(fmt, args, wide, rs, rw, 32 if p.bits == 32 else p.bits)


def _write(buf: int, text: str, wide: bool) -> int:
    p = proc()
    text = text[:LIMIT - 1]
    if wide:
        p.mem.write(buf, text.encode("utf-16-le", "surrogatepass") + b"\0\0")
    else:
        p.mem.write(buf, text.encode("latin-1", "replace") + b"\0")
    return len(text)


@dll.stdcall
def wvsprintfA(buf: PTR, fmt: PTR, ap: PTR) -> INT:
    p = proc()
    return _write(buf, _format(p.mem.cstr(fmt).decode("latin-1"), VarArgReader(p.mem, p.bits, ap), False), False)


@dll.stdcall
def wvsprintfW(buf: PTR, fmt: PTR, ap: PTR) -> INT:
    p = proc()
    return _write(buf, _format(p.mem.wstr(fmt), VarArgReader(p.mem, p.bits, ap), True), True)


@dll.cdecl
def wsprintfA(buf: PTR, fmt: PTR, *args: VARARGS) -> INT:
    p = proc()
    return _write(buf, _format(p.mem.cstr(fmt).decode("latin-1"), args[0], False), False)


@dll.cdecl
def wsprintfW(buf: PTR, fmt: PTR, *args: VARARGS) -> INT:
    p = proc()
    return _write(buf, _format(p.mem.wstr(fmt), args[0], True), True)
