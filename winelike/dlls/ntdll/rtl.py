"""Rtl* runtime: last error, pointer encoding, versions, strings and memory helpers."""
from __future__ import annotations

import os
import struct

from winelike.abi.types import DWORD, NTSTATUS, PTR, SIZE_T, ULONG, VOID, BYTE
from winelike.dlls.winapi import get_last_error, set_last_error, proc
from . import dll

STATUS_SUCCESS = 0
STATUS_INVALID_PARAMETER = 0xC000000D
STATUS_BUFFER_TOO_SMALL = 0xC0000023
STATUS_NAME_TOO_LONG = 0xC0000106


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


def _cookie(key: str) -> int:
    """A random per-process cookie (the process one) or a fixed per-boot one (the system one)."""
    st = proc().state
    c = st.get(key)
    if c is None:
        c = st[key] = int.from_bytes(os.urandom(8), "little") if key == "ptr_cookie" else 0x5A3C96E1D2B4F087
    return c & ((1 << proc().bits) - 1)


def _encode(ptr: int, cookie: int) -> int:
    bits = proc().bits
    return _rotate(ptr ^ cookie, cookie & 0x3F, bits)


def _decode(ptr: int, cookie: int) -> int:
    bits = proc().bits
    return _rotate(ptr, bits - (cookie & 0x3F) % bits, bits) ^ cookie


@dll.stdcall
def RtlEncodePointer(ptr: PTR) -> PTR:
    return _encode(ptr, _cookie("ptr_cookie"))


@dll.stdcall
def RtlDecodePointer(ptr: PTR) -> PTR:
    return _decode(ptr, _cookie("ptr_cookie"))


@dll.stdcall
def RtlEncodeSystemPointer(ptr: PTR) -> PTR:
    return _encode(ptr, _cookie("sys_ptr_cookie"))


@dll.stdcall
def RtlDecodeSystemPointer(ptr: PTR) -> PTR:
    return _decode(ptr, _cookie("sys_ptr_cookie"))


# ---------------------------------------------------------------------------
# versions (the real ones, from the PEB: RtlGetVersion ignores compatibility manifests)

def _peb_version():
    peb = proc().peb
    return peb.OSMajorVersion, peb.OSMinorVersion, peb.OSBuildNumber, peb.OSPlatformId


@dll.stdcall
def RtlGetVersion(info: PTR) -> NTSTATUS:
    """RTL_OSVERSIONINFOW (276 bytes) or RTL_OSVERSIONINFOEXW (284)."""
    mem = proc().mem
    size = mem.u32(info)
    if size not in (276, 284):
        return STATUS_INVALID_PARAMETER
    major, minor, build, platform = _peb_version()
    mem.write(info + 4, struct.pack("<IIII", major, minor, build, platform) + bytes(256))
    if size == 284:
        mem.write(info + 276, struct.pack("<HHHBB", 0, 0, 0x100, 1, 0))
    return STATUS_SUCCESS


@dll.stdcall
def RtlGetNtVersionNumbers(major: PTR, minor: PTR, build: PTR) -> VOID:
    mem = proc().mem
    ma, mi, b, _ = _peb_version()
    if major:
        mem.w32(major, ma)
    if minor:
        mem.w32(minor, mi)
    if build:
        mem.w32(build, b | 0xF0000000)


@dll.stdcall
def RtlGetCurrentPeb() -> PTR:
    return proc().peb_addr


# ---------------------------------------------------------------------------
# counted strings (UNICODE_STRING / ANSI_STRING: USHORT Length, USHORT MaximumLength, PTR Buffer)

def _init_counted(dest: int, src: int, unit: int, max_bytes: int) -> int:
    p = proc()
    mem = p.mem
    P = p.ptr_size
    if src:
        n = len(mem.wstr_bytes(src)) if unit == 2 else len(mem.cstr(src))
        if n > max_bytes - unit:
            n = max_bytes - unit
            status = STATUS_NAME_TOO_LONG
        else:
            status = STATUS_SUCCESS
        mem.w16(dest, n)
        mem.w16(dest + 2, n + unit)
    else:
        mem.w16(dest, 0)
        mem.w16(dest + 2, 0)
        status = STATUS_SUCCESS
    mem.wptr(dest + P, src)
    return status


@dll.stdcall
def RtlInitUnicodeString(dest: PTR, src: PTR) -> VOID:
    _init_counted(dest, src, 2, 0xFFFE)


@dll.stdcall
def RtlInitUnicodeStringEx(dest: PTR, src: PTR) -> NTSTATUS:
    return _init_counted(dest, src, 2, 0xFFFE)


@dll.stdcall
def RtlInitAnsiString(dest: PTR, src: PTR) -> VOID:
    _init_counted(dest, src, 1, 0xFFFF)


@dll.stdcall
def RtlInitAnsiStringEx(dest: PTR, src: PTR) -> NTSTATUS:
    return _init_counted(dest, src, 1, 0xFFFF)


@dll.stdcall
def RtlInitString(dest: PTR, src: PTR) -> VOID:
    _init_counted(dest, src, 1, 0xFFFF)


# ---------------------------------------------------------------------------
# memory helpers

@dll.stdcall
def RtlMoveMemory(dst: PTR, src: PTR, size: SIZE_T) -> VOID:
    if size:
        mem = proc().mem
        mem.write(dst, mem.read(src, size))


@dll.stdcall
def RtlCopyMemory(dst: PTR, src: PTR, size: SIZE_T) -> VOID:
    RtlMoveMemory(dst, src, size)


@dll.stdcall
def RtlZeroMemory(dst: PTR, size: SIZE_T) -> VOID:
    if size:
        proc().mem.write(dst, bytes(size))


@dll.stdcall
def RtlFillMemory(dst: PTR, size: SIZE_T, value: BYTE) -> VOID:
    if size:
        proc().mem.write(dst, bytes([value & 0xFF]) * size)


@dll.stdcall
def RtlCompareMemory(a: PTR, b: PTR, size: SIZE_T) -> SIZE_T:
    """The number of leading bytes that match."""
    if not size:
        return 0
    mem = proc().mem
    x, y = mem.read(a, size), mem.read(b, size)
    for i in range(size):
        if x[i] != y[i]:
            return i
    return size


@dll.stdcall
def RtlCompareMemoryUlong(src: PTR, size: SIZE_T, value: ULONG) -> SIZE_T:
    mem = proc().mem
    n = size & ~3
    for i in range(0, n, 4):
        if mem.u32(src + i) != value:
            return i
    return n
