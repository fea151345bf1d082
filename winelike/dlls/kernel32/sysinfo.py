"""System information: versions, processors, computer name, directories, memory status."""
from __future__ import annotations

import os
import struct

from winelike.abi.types import BOOL, DWORD, HANDLE, PTR, UINT, VOID, WORD
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_PARAMETER, ERROR_NOACCESS
from . import dll


def _system_info(ptr: int, native: bool = False):
    p = proc()
    n = min(os.cpu_count() or 1, p.bits)
    if p.bits == 32:
        data = struct.pack("<HHIIIIIIIHH", 0, 0, 0x1000, 0x10000, 0x7FFEFFFF, (1 << n) - 1, n, 586,
                           0x10000, 6, 0x0F03)
        if native:      # WoW64: the machine is x86-64
            data = struct.pack("<HH", 9, 0) + data[4:24] + struct.pack("<I", 8664) + data[28:]
    else:
        data = struct.pack("<HHIQQQIIIHH", 9, 0, 0x1000, 0x10000, 0x7FFFFFFEFFFF, (1 << n) - 1, n, 8664,
                           0x10000, 6, 0x0F03)
    p.mem.write(ptr, data)


@dll.stdcall
def GetSystemInfo(info: PTR) -> VOID:
    _system_info(info)


@dll.stdcall
def GetNativeSystemInfo(info: PTR) -> VOID:
    _system_info(info, native=True)


@dll.stdcall
def GetVersion() -> DWORD:
    # Windows 10 without a manifest reports 6.2 (build 9200), as Windows does
    return (9200 << 16) | (2 << 8) | 6


def _version_ex(ptr: int, wide: bool):
    p = proc()
    size = p.mem.u32(ptr)
    expected = (276, 284) if wide else (148, 156)
    if size not in expected:
        set_last_error(122)     # ERROR_INSUFFICIENT_BUFFER
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
    """What the emulated CPU offers: CX8, MMX, SSE, RDTSC, PAE, SSE2, NX, SSE3, fastfail (+CX16 on x64)."""
    present = {2, 3, 6, 8, 9, 10, 12, 13, 23}
    if proc().bits == 64:
        present.add(14)
    return 1 if feature in present else 0


# ---------------------------------------------------------------------------
# computer name, directories, memory status, WoW64

ERROR_BUFFER_OVERFLOW = 111
ERROR_MORE_DATA = 234


def _hostname() -> str:
    try:
        return os.uname().nodename.split(".")[0] or "winelike"
    except Exception:
        return "winelike"


def computer_name() -> str:
    """The NetBIOS name: the host name upper-cased and cut to 15 characters, as Wine does."""
    return _hostname().upper()[:15]


def _name_to_buf(name: str, buf: int, size_ptr: int, wide: bool, err: int) -> int:
    p = proc()
    if not size_ptr:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    size = p.mem.u32(size_ptr)
    data = name.encode("utf-16-le") if wide else p.encode_astr(name)
    n = len(data) // 2 if wide else len(data)
    if n + 1 > size or not buf:
        p.mem.w32(size_ptr, n + 1)
        set_last_error(err)
        return 0
    p.mem.write(buf, data + (b"\0\0" if wide else b"\0"))
    p.mem.w32(size_ptr, n)
    return 1


@dll.stdcall
def GetComputerNameW(buf: PTR, size: PTR) -> BOOL:
    return _name_to_buf(computer_name(), buf, size, True, ERROR_BUFFER_OVERFLOW)


@dll.stdcall
def GetComputerNameA(buf: PTR, size: PTR) -> BOOL:
    return _name_to_buf(computer_name(), buf, size, False, ERROR_BUFFER_OVERFLOW)


def _name_ex(kind: int) -> str | None:
    # ComputerNameNetBIOS 0, DnsHostname 1, DnsDomain 2, DnsFullyQualified 3, Physical* 4..7
    if kind in (0, 4):
        return computer_name()
    if kind in (1, 5, 3, 7):
        return _hostname().lower() if kind in (1, 5) else socket_fqdn()
    if kind in (2, 6):
        return ""
    return None


def socket_fqdn() -> str:
    return _hostname().lower()


@dll.stdcall
def GetComputerNameExW(kind: DWORD, buf: PTR, size: PTR) -> BOOL:
    name = _name_ex(kind)
    if name is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _name_to_buf(name, buf, size, True, ERROR_MORE_DATA)


@dll.stdcall
def GetComputerNameExA(kind: DWORD, buf: PTR, size: PTR) -> BOOL:
    name = _name_ex(kind)
    if name is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _name_to_buf(name, buf, size, False, ERROR_MORE_DATA)


def _dir_result(path: str, buf: int, size: int, wide: bool) -> int:
    """Length without the NUL when it fits, else the size needed with it (GetXxxDirectory)."""
    p = proc()
    data = path.encode("utf-16-le") if wide else p.encode_astr(path)
    n = len(data) // 2 if wide else len(data)
    if n + 1 > size or not buf:
        return n + 1
    p.mem.write(buf, data + (b"\0\0" if wide else b"\0"))
    return n


SYSTEM_DIR = "C:\\windows\\system32"
WINDOWS_DIR = "C:\\windows"
SYSWOW64_DIR = "C:\\windows\\syswow64"


@dll.stdcall
def GetSystemDirectoryW(buf: PTR, size: UINT) -> UINT:
    return _dir_result(SYSTEM_DIR, buf, size, True)


@dll.stdcall
def GetSystemDirectoryA(buf: PTR, size: UINT) -> UINT:
    return _dir_result(SYSTEM_DIR, buf, size, False)


@dll.stdcall
def GetWindowsDirectoryW(buf: PTR, size: UINT) -> UINT:
    return _dir_result(WINDOWS_DIR, buf, size, True)


@dll.stdcall
def GetWindowsDirectoryA(buf: PTR, size: UINT) -> UINT:
    return _dir_result(WINDOWS_DIR, buf, size, False)


@dll.stdcall
def GetSystemWindowsDirectoryW(buf: PTR, size: UINT) -> UINT:
    return _dir_result(WINDOWS_DIR, buf, size, True)


@dll.stdcall
def GetSystemWindowsDirectoryA(buf: PTR, size: UINT) -> UINT:
    return _dir_result(WINDOWS_DIR, buf, size, False)


@dll.stdcall
def GetSystemWow64DirectoryW(buf: PTR, size: UINT) -> UINT:
    return _dir_result(SYSWOW64_DIR, buf, size, True)


@dll.stdcall
def GetSystemWow64DirectoryA(buf: PTR, size: UINT) -> UINT:
    return _dir_result(SYSWOW64_DIR, buf, size, False)


def _meminfo() -> tuple[int, int]:
    total, avail = 4 << 30, 2 << 30
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                k, v = line.split(":", 1)
                if k == "MemTotal":
                    total = int(v.split()[0]) * 1024
                elif k == "MemAvailable":
                    avail = int(v.split()[0]) * 1024
    except (OSError, ValueError):
        pass
    return total, avail


def _virtual_totals() -> tuple[int, int]:
    p = proc()
    top = 0x7FFE0000 if p.bits == 32 else 0x7FFFFFFE0000
    total = top - 0x10000
    return total, max(total - p.mem.reserved, 0)


@dll.stdcall
def GlobalMemoryStatusEx(status: PTR) -> BOOL:
    p = proc()
    if p.mem.u32(status) != 64:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    total, avail = _meminfo()
    vtotal, vavail = _virtual_totals()
    load = 100 - avail * 100 // total if total else 0
    p.mem.write(status + 4, struct.pack("<IQQQQQQQ", load, total, avail, total * 2, avail + total, vtotal,
                                        vavail, 0))
    return 1


@dll.stdcall
def GlobalMemoryStatus(status: PTR) -> VOID:
    p = proc()
    total, avail = _meminfo()
    vtotal, vavail = _virtual_totals()
    cap = (1 << (p.bits if p.bits == 32 else 64)) - 1
    load = 100 - avail * 100 // total if total else 0
    if p.bits == 32:
        vals = [min(v, 0x7FFFFFFF) for v in (total, avail, total * 2, avail + total, vtotal, vavail)]
        p.mem.write(status, struct.pack("<II6I", 32, load, *vals))
    else:
        vals = [min(v, cap) for v in (total, avail, total * 2, avail + total, vtotal, vavail)]
        p.mem.write(status, struct.pack("<II6Q", 56, load, *vals))


@dll.stdcall
def IsWow64Process(process: HANDLE, result: PTR) -> BOOL:
    """TRUE for a 32-bit program: winelike presents an x86-64 Windows, as Wine's wow64 mode does."""
    if not result:
        set_last_error(ERROR_NOACCESS)
        return 0
    proc().mem.w32(result, 1 if proc().bits == 32 else 0)
    return 1


@dll.stdcall
def IsWow64Process2(process: HANDLE, machine: PTR, native: PTR) -> BOOL:
    p = proc()
    if machine:
        p.mem.w16(machine, 0x14C if p.bits == 32 else 0)
    if native:
        p.mem.w16(native, 0x8664)
    return 1


@dll.stdcall
def GetCurrentProcessorNumber() -> DWORD:
    return 0


@dll.stdcall
def GetProcessAffinityMask(process: HANDLE, proc_mask: PTR, sys_mask: PTR) -> BOOL:
    p = proc()
    n = min(os.cpu_count() or 1, p.bits)
    mask = (1 << n) - 1
    if proc_mask:
        p.mem.wptr(proc_mask, mask)
    if sys_mask:
        p.mem.wptr(sys_mask, mask)
    return 1


RelationProcessorCore, RelationNumaNode, RelationCache, RelationProcessorPackage = 0, 1, 2, 3


@dll.stdcall
def GetLogicalProcessorInformation(buf: PTR, length: PTR) -> BOOL:
    """One core per processor, one package and one NUMA node holding them all (no cache entries)."""
    p = proc()
    if not length:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    n = min(os.cpu_count() or 1, p.bits)
    everything = (1 << n) - 1
    entries = [(1 << i, RelationProcessorCore, 0) for i in range(n)]
    entries += [(everything, RelationProcessorPackage, 0), (everything, RelationNumaNode, 0)]
    fmt = "<II16s" if p.bits == 32 else "<QI4x16s"
    size = struct.calcsize(fmt)
    need = size * len(entries)
    have = p.mem.u32(length)
    p.mem.w32(length, need)
    if have < need or not buf:
        set_last_error(122)     # ERROR_INSUFFICIENT_BUFFER
        return 0
    p.mem.write(buf, b"".join(struct.pack(fmt, mask, rel, bytes([flags]) + bytes(15))
                              for mask, rel, flags in entries))
    return 1


@dll.stdcall
def GetNumaHighestNodeNumber(node: PTR) -> BOOL:
    proc().mem.w32(node, 0)
    return 1


@dll.stdcall
def GetActiveProcessorCount(group: WORD) -> DWORD:
    if group not in (0, 0xFFFF):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return min(os.cpu_count() or 1, proc().bits)


ERROR_INVALID_FUNCTION = 1


@dll.stdcall
def Wow64DisableWow64FsRedirection(old: PTR) -> BOOL:
    """Accepted for 32-bit programs (winelike presents WoW64 but never redirects system32)."""
    p = proc()
    if p.bits != 32:
        set_last_error(ERROR_INVALID_FUNCTION)
        return 0
    if old:
        p.mem.w32(old, p.state.get("wow64_fs_redirection_off", 0))
    p.state["wow64_fs_redirection_off"] = 1
    return 1


@dll.stdcall
def Wow64RevertWow64FsRedirection(old: PTR) -> BOOL:
    p = proc()
    if p.bits != 32:
        set_last_error(ERROR_INVALID_FUNCTION)
        return 0
    p.state["wow64_fs_redirection_off"] = 1 if old else 0
    return 1
