"""Nt* information queries and NTSTATUS translation."""
from __future__ import annotations

import os
import struct

from winelike import debug
from winelike.abi.types import HANDLE, NTSTATUS, PTR, ULONG
from winelike.dlls.winapi import proc
from . import dll

ch = debug.Channel("ntdll")

STATUS_SUCCESS = 0
STATUS_PENDING = 0x103
STATUS_INFO_LENGTH_MISMATCH = 0xC0000004
STATUS_INVALID_HANDLE = 0xC0000008
STATUS_INVALID_INFO_CLASS = 0xC0000003
STATUS_NOT_IMPLEMENTED = 0xC0000002

_DOS_ERRORS = {
    0x00000000: 0, 0x00000102: 258, 0x00000103: 997, 0x80000005: 234, 0x80000006: 18, 0x8000001A: 259,
    0xC0000001: 31, 0xC0000002: 1, 0xC0000003: 87, 0xC0000004: 24, 0xC0000005: 998, 0xC0000008: 6,
    0xC000000D: 87, 0xC000000F: 2, 0xC0000011: 38, 0xC0000017: 8, 0xC0000018: 487, 0xC000001D: 1,
    0xC0000022: 5, 0xC0000023: 122, 0xC0000024: 6, 0xC0000033: 123, 0xC0000034: 2, 0xC0000035: 183,
    0xC000003A: 3, 0xC0000043: 32, 0xC0000045: 87, 0xC000009A: 1450, 0xC00000BB: 50, 0xC00000BA: 5,
    0xC0000106: 206, 0xC0000135: 126, 0xC0000139: 127, 0xC0000194: 1131, 0xC0000225: 1168,
    0xC0000264: 288,
}


@dll.stdcall
def RtlNtStatusToDosError(status: NTSTATUS) -> ULONG:
    if status in _DOS_ERRORS:
        return _DOS_ERRORS[status]
    if status & 0xFFFF0000 in (0xC0070000, 0x80070000):   # FACILITY_NTWIN32 carries a Win32 code
        return status & 0xFFFF
    return 317    # ERROR_MR_MID_NOT_FOUND, as Windows answers for an unknown status


def _current_process(h: int) -> bool:
    p = proc()
    return h == (1 << p.bits) - 1 or h == 0xFFFFFFFF


@dll.stdcall
def NtQueryInformationProcess(process: HANDLE, cls: ULONG, info: PTR, size: ULONG, ret_len: PTR) -> NTSTATUS:
    p = proc()
    mem = p.mem
    if not _current_process(process):
        ch.fixme("NtQueryInformationProcess", f"handle {process:#x} (only the current process is known)")
        return STATUS_INVALID_HANDLE
    n = min(os.cpu_count() or 1, p.bits)
    if cls == 0:              # ProcessBasicInformation
        if p.bits == 32:
            data = struct.pack("<IIIiII", STATUS_PENDING, p.peb_addr, (1 << n) - 1, 8, p.pid, 0)
        else:
            data = struct.pack("<IIQQqQQ", STATUS_PENDING, 0, p.peb_addr, (1 << n) - 1, 8, p.pid, 0)
    elif cls == 26:           # ProcessWow64Information: the 32-bit PEB address for a WoW64 process
        data = struct.pack("<I" if p.bits == 32 else "<Q", p.peb_addr if p.bits == 32 else 0)
    elif cls == 7:            # ProcessDebugPort
        data = bytes(p.ptr_size)
    elif cls == 0x1F:         # ProcessDebugFlags (TRUE: no debugger)
        data = struct.pack("<I", 1)
    else:
        ch.fixme("NtQueryInformationProcess", f"class {cls} not supported")
        return STATUS_INVALID_INFO_CLASS
    if ret_len:
        mem.w32(ret_len, len(data))
    if size != len(data):
        return STATUS_INFO_LENGTH_MISMATCH
    mem.write(info, data)
    return STATUS_SUCCESS


@dll.stdcall
def NtQuerySystemInformation(cls: ULONG, info: PTR, size: ULONG, ret_len: PTR) -> NTSTATUS:
    p = proc()
    mem = p.mem
    n = min(os.cpu_count() or 1, p.bits)
    if cls == 0:              # SystemBasicInformation
        pages = os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0x100000
        top = 0x7FFEFFFF if p.bits == 32 else 0x7FFFFFFEFFFF
        if p.bits == 32:
            data = struct.pack("<IIIIIIIIIIb3x", 0, 156250, 0x1000, pages & 0xFFFFFFFF, 1, pages & 0xFFFFFFFF,
                               0x10000, 0x10000, top, (1 << n) - 1, n)
        else:
            data = struct.pack("<IIIIIIIIQQQb7x", 0, 156250, 0x1000, pages & 0xFFFFFFFF, 1, pages & 0xFFFFFFFF,
                               0x10000, 0, 0x10000, top, (1 << n) - 1, n)
    else:
        ch.fixme("NtQuerySystemInformation", f"class {cls} not supported")
        return STATUS_INVALID_INFO_CLASS
    if ret_len:
        mem.w32(ret_len, len(data))
    if size != len(data):
        return STATUS_INFO_LENGTH_MISMATCH
    mem.write(info, data)
    return STATUS_SUCCESS


@dll.stdcall
def NtCurrentTeb() -> PTR:
    return proc().thread.teb_addr
