"""Rtl* runtime: last error, pointer encoding."""
from __future__ import annotations

from winelike.abi.types import DWORD, PTR, VOID
from winelike.dlls.winapi import get_last_error, set_last_error, proc
from . import dll

_COOKIE = 0x5A3C96E1


@dll.stdcall
def RtlGetLastWin32Error() -> DWORD:
    return get_last_error()


@dll.stdcall
def RtlSetLastWin32Error(code: DWORD) -> VOID:
    set_last_error(code)


def _rotate(v, n, bits):
    n %= bits
    m = (1 << bits) - 1
    return ((v >> n) | (v << (bits - n))) & m


@dll.stdcall
def RtlEncodePointer(ptr: PTR) -> PTR:
    bits = proc().bits
    return _rotate(ptr ^ _COOKIE, _COOKIE & 0x1F, bits)


@dll.stdcall
def RtlDecodePointer(ptr: PTR) -> PTR:
    bits = proc().bits
    return _rotate(ptr, bits - (_COOKIE & 0x1F), bits) ^ _COOKIE
