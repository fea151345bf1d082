"""user32's character helpers: CharUpper/CharLower (string or single character), CharNext/CharPrev,
IsCharAlpha and friends."""
from __future__ import annotations

from winelike.abi.types import BOOL, DWORD, PTR, WORD
from winelike.dlls.winapi import proc
from . import dll


def _map_case(s, upper):
    """Upper- or lower-case s character by character; one that would become several stays."""
    f = str.upper if upper else str.lower
    return "".join(m if len(m := f(c)) == 1 else c for c in s)


def _case(ptr, upper, wide, n=None):
    p = proc()
    mem = p.mem
    if ptr <= 0xFFFF and n is None:         # a single character in the low word
        c = _ch(ptr, wide)
        c = c.upper() if upper else c.lower()
        if len(c) != 1:
            return ptr
        return ord(c) if wide else (c.encode(p.acp, "replace")[:1] or b"?")[0]
    if wide:
        s = mem.wstr(ptr) if n is None else mem.read(ptr, 2 * n).decode("utf-16-le", "replace")
        mem.write(ptr, _map_case(s, upper).encode("utf-16-le"))
    else:
        data = mem.cstr(ptr) if n is None else mem.read(ptr, n)
        out = _map_case(data.decode(p.acp, "replace"), upper).encode(p.acp, "replace")
        if len(out) == len(data):
            mem.write(ptr, out)
    return ptr if n is None else n


@dll.stdcall
def CharUpperA(s: PTR) -> PTR:
    return _case(s, True, False)


@dll.stdcall
def CharUpperW(s: PTR) -> PTR:
    return _case(s, True, True)


@dll.stdcall
def CharLowerA(s: PTR) -> PTR:
    return _case(s, False, False)


@dll.stdcall
def CharLowerW(s: PTR) -> PTR:
    return _case(s, False, True)


@dll.stdcall
def CharUpperBuffA(s: PTR, n: DWORD) -> DWORD:
    return _case(s, True, False, n)


@dll.stdcall
def CharUpperBuffW(s: PTR, n: DWORD) -> DWORD:
    return _case(s, True, True, n)


@dll.stdcall
def CharLowerBuffA(s: PTR, n: DWORD) -> DWORD:
    return _case(s, False, False, n)


@dll.stdcall
def CharLowerBuffW(s: PTR, n: DWORD) -> DWORD:
    return _case(s, False, True, n)


@dll.stdcall
def CharNextA(s: PTR) -> PTR:
    return s + 1 if proc().mem.u8(s) else s


@dll.stdcall
def CharNextW(s: PTR) -> PTR:
    return s + 2 if proc().mem.u16(s) else s


@dll.stdcall
def CharPrevA(start: PTR, s: PTR) -> PTR:
    return s - 1 if s > start else start


@dll.stdcall
def CharPrevW(start: PTR, s: PTR) -> PTR:
    return s - 2 if s > start else start


def _ch(c, wide):
    return chr(c & 0xFFFF) if wide else bytes([c & 0xFF]).decode(proc().acp, "replace")


@dll.stdcall
def IsCharAlphaA(c: WORD) -> BOOL:
    return int(_ch(c, False).isalpha())


@dll.stdcall
def IsCharAlphaW(c: WORD) -> BOOL:
    return int(_ch(c, True).isalpha())


@dll.stdcall
def IsCharAlphaNumericA(c: WORD) -> BOOL:
    return int(_ch(c, False).isalnum())


@dll.stdcall
def IsCharAlphaNumericW(c: WORD) -> BOOL:
    return int(_ch(c, True).isalnum())


@dll.stdcall
def IsCharUpperA(c: WORD) -> BOOL:
    return int(_ch(c, False).isupper())


@dll.stdcall
def IsCharUpperW(c: WORD) -> BOOL:
    return int(_ch(c, True).isupper())


@dll.stdcall
def IsCharLowerA(c: WORD) -> BOOL:
    return int(_ch(c, False).islower())


@dll.stdcall
def IsCharLowerW(c: WORD) -> BOOL:
    return int(_ch(c, True).islower())
