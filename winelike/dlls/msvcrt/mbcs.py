"""Multibyte <-> wide conversions in the "C" locale (code page 0: bytes are Latin-1).

msvcrt's "C" locale maps each byte to the wide char of the same value and
refuses wide chars above 0xFF (EILSEQ); MB_CUR_MAX is 1.
"""
from __future__ import annotations

from winelike.abi.types import INT, PTR, SIZE_T, UINT, WCHAR
from winelike.dlls.winapi import proc
from . import dll
from .state import set_errno, EILSEQ, EINVAL

WEOF = 0xFFFF


@dll.cdecl
def mbstowcs(dst: PTR, src: PTR, n: SIZE_T) -> SIZE_T:
    m = proc().mem
    data = m.cstr(src)
    if not dst:
        return len(data)
    data = data[:n]
    out = data.decode("latin-1").encode("utf-16-le")
    if len(data) < n:
        out += b"\0\0"
    m.write(dst, out)
    return len(data)


@dll.cdecl
def wcstombs(dst: PTR, src: PTR, n: SIZE_T) -> SIZE_T:
    m = proc().mem
    text = m.wstr(src)
    if any(ord(c) > 0xFF for c in text):
        set_errno(EILSEQ)
        return (1 << proc().bits) - 1
    data = text.encode("latin-1")
    if not dst:
        return len(data)
    data = data[:n]
    m.write(dst, data + (b"\0" if len(data) < n else b""))
    return len(data)


@dll.cdecl
def mbtowc(dst: PTR, src: PTR, n: SIZE_T) -> INT:
    if not src or not n:
        return 0
    m = proc().mem
    c = m.u8(src)
    if dst:
        m.w16(dst, c)
    return 1 if c else 0


@dll.cdecl
def wctomb(dst: PTR, wc: WCHAR) -> INT:
    if not dst:
        return 0
    wc &= 0xFFFF
    if wc > 0xFF:
        set_errno(EILSEQ)
        return -1
    proc().mem.w8(dst, wc)
    return 1


@dll.cdecl
def mblen(s: PTR, n: SIZE_T) -> INT:
    if not s or not n:
        return 0
    return 1 if proc().mem.u8(s) else 0


@dll.cdecl
def btowc(c: INT) -> UINT:
    if c == -1 or not 0 <= c <= 255:
        return WEOF
    return c


@dll.cdecl
def wctob(wc: WCHAR) -> INT:
    wc &= 0xFFFF
    return wc if wc <= 0xFF else -1


@dll.cdecl
def mbrtowc(dst: PTR, src: PTR, n: SIZE_T, state: PTR) -> SIZE_T:
    if not src:
        return 0
    if not n:
        return (1 << proc().bits) - 2
    return mbtowc(dst, src, n)


@dll.cdecl
def mbrlen(s: PTR, n: SIZE_T, state: PTR) -> SIZE_T:
    if not n:
        return (1 << proc().bits) - 2
    return mblen(s, n)


@dll.cdecl
def wcrtomb(dst: PTR, wc: WCHAR, state: PTR) -> SIZE_T:
    if not dst:
        return 1
    r = wctomb(dst, wc)
    return (1 << proc().bits) - 1 if r < 0 else r


@dll.cdecl
def _mbstrlen(s: PTR) -> SIZE_T:
    return len(proc().mem.cstr(s))


@dll.cdecl
def _mbslen(s: PTR) -> SIZE_T:
    return len(proc().mem.cstr(s))
