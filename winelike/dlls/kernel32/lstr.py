"""lstr* string functions.

As on Windows, lstrcmp/lstrcmpi compare linguistically (CompareString with the
thread locale), not by code unit, and the copy/length functions survive bad
pointers: Windows wraps them in an exception handler, so a GuestFault here
returns 0/NULL instead of crashing the program.
"""
from __future__ import annotations

from winelike.abi.types import INT, PTR
from winelike.cpu.memory import GuestFault
from winelike.dlls.winapi import proc
from . import dll
from .locale import compare_strings, NORM_IGNORECASE, CSTR_EQUAL


def _astr(ptr: int) -> bytes:
    return proc().mem.cstr(ptr) if ptr else b""


def _wstr(ptr: int) -> str:
    return proc().mem.wstr(ptr) if ptr else ""


@dll.stdcall
def lstrlenA(s: PTR) -> INT:
    try:
        return len(_astr(s))
    except GuestFault:
        return 0


@dll.stdcall
def lstrlenW(s: PTR) -> INT:
    try:
        return len(proc().mem.wstr_bytes(s)) // 2 if s else 0
    except GuestFault:
        return 0


@dll.stdcall
def lstrcpyA(dst: PTR, src: PTR) -> PTR:
    try:
        proc().mem.write(dst, _astr(src) + b"\0")
    except GuestFault:
        return 0
    return dst


@dll.stdcall
def lstrcpyW(dst: PTR, src: PTR) -> PTR:
    try:
        mem = proc().mem
        mem.write(dst, (mem.wstr_bytes(src) if src else b"") + b"\0\0")
    except GuestFault:
        return 0
    return dst


@dll.stdcall
def lstrcpynA(dst: PTR, src: PTR, n: INT) -> PTR:
    """Copies at most n-1 characters and always terminates (when n > 0)."""
    mem = proc().mem
    try:
        if n <= 0:
            return dst
        data = mem.cstr(src, n - 1) if src else b""
        mem.write(dst, data[:n - 1] + b"\0")
    except GuestFault:
        return 0
    return dst


@dll.stdcall
def lstrcpynW(dst: PTR, src: PTR, n: INT) -> PTR:
    mem = proc().mem
    try:
        if n <= 0:
            return dst
        data = mem.wstr_bytes(src, n - 1) if src else b""
        mem.write(dst, data[:2 * (n - 1)] + b"\0\0")
    except GuestFault:
        return 0
    return dst


@dll.stdcall
def lstrcatA(dst: PTR, src: PTR) -> PTR:
    mem = proc().mem
    try:
        mem.write(dst + len(mem.cstr(dst)), _astr(src) + b"\0")
    except GuestFault:
        return 0
    return dst


@dll.stdcall
def lstrcatW(dst: PTR, src: PTR) -> PTR:
    mem = proc().mem
    try:
        mem.write(dst + len(mem.wstr_bytes(dst)), (mem.wstr_bytes(src) if src else b"") + b"\0\0")
    except GuestFault:
        return 0
    return dst


def _lstrcmp(a: str | None, b: str | None, flags: int) -> int:
    """NULL sorts before every string (two NULLs are equal), as Windows does."""
    if a is None or b is None:
        return 0 if a is b else (-1 if a is None else 1)
    return compare_strings(a, b, flags) - CSTR_EQUAL


def _adec(ptr: int) -> str | None:
    return proc().decode_astr(ptr) if ptr else None


def _wdec(ptr: int) -> str | None:
    return proc().mem.wstr(ptr) if ptr else None


@dll.stdcall
def lstrcmpA(a: PTR, b: PTR) -> INT:
    return _lstrcmp(_adec(a), _adec(b), 0)


@dll.stdcall
def lstrcmpiA(a: PTR, b: PTR) -> INT:
    return _lstrcmp(_adec(a), _adec(b), NORM_IGNORECASE)


@dll.stdcall
def lstrcmpW(a: PTR, b: PTR) -> INT:
    return _lstrcmp(_wdec(a), _wdec(b), 0)


@dll.stdcall
def lstrcmpiW(a: PTR, b: PTR) -> INT:
    return _lstrcmp(_wdec(a), _wdec(b), NORM_IGNORECASE)

