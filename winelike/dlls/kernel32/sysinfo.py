"""System information and time."""
from __future__ import annotations

import os
import struct
import time

from winelike.abi.types import BOOL, DWORD, PTR, ULONGLONG, VOID
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_PARAMETER
from . import dll

def _system_info(ptr: int):
    p = proc()
    n = os.cpu_count() or 1
    if p.bits == 32:
        data = struct.pack("<HHIIIIIIIHH", 0, 0, 0x1000, 0x10000, 0x7FFEFFFF, (1 << n) - 1, n, 586,
                           0x10000, 6, 0x0F03)
    else:
        data = struct.pack("<HHIQQQIIIHH", 9, 0, 0x1000, 0x10000, 0x7FFFFFFEFFFF, (1 << n) - 1, n, 8664,
                           0x10000, 6, 0x0F03)
    p.mem.write(ptr, data)


@dll.stdcall
def GetSystemInfo(info: PTR) -> VOID:
    _system_info(info)


@dll.stdcall
def GetNativeSystemInfo(info: PTR) -> VOID:
    _system_info(info)
    if proc().bits == 32:
        proc().mem.w16(info, 9)   # the host is x86-64 (as on WoW64)


@dll.stdcall
def GetVersion() -> DWORD:
    # Windows 10 without a manifest reports 6.2 (build 9200), as Windows does
    return (9200 << 16) | (2 << 8) | 6


def _version_ex(ptr: int, wide: bool):
    p = proc()
    size = p.mem.u32(ptr)
    expected = (276, 284) if wide else (148, 156)
    if size not in expected:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    p.mem.write(ptr + 4, struct.pack("<IIII", 6, 2, 9200, 2))
    csd_size = 256 if wide else 128
    p.mem.write(ptr + 20, bytes(csd_size))
    if size == expected[1]:
        p.mem.write(ptr + 20 + csd_size, struct.pack("<HHHBB", 0, 0, 0x100, 1, 0))
    return 1


@dll.stdcall
def GetVersionExA(info: PTR) -> BOOL:
    return _version_ex(info, False)


@dll.stdcall
def GetVersionExW(info: PTR) -> BOOL:
    return _version_ex(info, True)


@dll.stdcall
def IsProcessorFeaturePresent(feature: DWORD) -> BOOL:
    present = {0, 1, 2, 3, 6, 7, 10, 13, 17, 23}   # FPU, MMX, 3DNow... SSE/SSE2/SSE3, NX, RDTSC, fastfail
    return 1 if feature in present else 0
