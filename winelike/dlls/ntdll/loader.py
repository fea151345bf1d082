"""Ldr*: the loader's own entry points (kernel32's LoadLibrary/GetProcAddress family sits on the same
Process methods).  Names arrive as UNICODE_STRING / ANSI_STRING; results are NTSTATUS codes."""
from __future__ import annotations

from winelike.abi.types import DWORD, HMODULE, NTSTATUS, PTR, ULONG
from winelike.cpu.memory import GuestFault
from winelike.dlls.winapi import proc
from winelike.loader.pe import BadImage
from . import dll

STATUS_SUCCESS = 0
STATUS_INVALID_PARAMETER = 0xC000000D
STATUS_ACCESS_VIOLATION = 0xC0000005
STATUS_DLL_NOT_FOUND = 0xC0000135
STATUS_PROCEDURE_NOT_FOUND = 0xC000007A
STATUS_ORDINAL_NOT_FOUND = 0xC0000138
STATUS_INVALID_IMAGE_FORMAT = 0xC000007B
STATUS_DLL_INIT_FAILED = 0xC0000142
STATUS_NO_MORE_ENTRIES = 0x8000001A


def _counted_string(addr: int, wide: bool) -> str | None:
    """A UNICODE_STRING / ANSI_STRING: USHORT Length (bytes), USHORT MaximumLength, pointer Buffer."""
    p = proc()
    if not addr:
        return None
    n = p.mem.u16(addr)
    buf = p.mem.ptr(addr + p.ptr_size)
    data = p.mem.read(buf, n) if n else b""
    return data.decode("utf-16-le", "replace") if wide else data.decode("latin-1")


def _module(handle: int):
    p = proc()
    if handle == 0:
        return p.exe
    for m in p.modules:
        if m.base == handle:
            return m
    return None


@dll.stdcall
def LdrLoadDll(path: PTR, flags: PTR, name: PTR, module: PTR) -> NTSTATUS:
    from winelike.process import DllInitFailed
    p = proc()
    try:
        text = _counted_string(name, True)
    except GuestFault:
        return STATUS_ACCESS_VIOLATION
    if not text or not module:
        return STATUS_INVALID_PARAMETER
    try:
        m = p.load_library(text)
    except BadImage:
        return STATUS_INVALID_IMAGE_FORMAT
    except DllInitFailed:
        return STATUS_DLL_INIT_FAILED
    if m is None:
        p.mem.wptr(module, 0)
        return STATUS_DLL_NOT_FOUND
    p.mem.wptr(module, m.base)
    return STATUS_SUCCESS


@dll.stdcall
def LdrGetDllHandle(path: PTR, flags: PTR, name: PTR, module: PTR) -> NTSTATUS:
    p = proc()
    text = _counted_string(name, True)
    if not text or not module:
        return STATUS_INVALID_PARAMETER
    m = p.find_module(text)
    p.mem.wptr(module, m.base if m else 0)
    return STATUS_SUCCESS if m else STATUS_DLL_NOT_FOUND


@dll.stdcall
def LdrGetProcedureAddress(module: HMODULE, name: PTR, ordinal: ULONG, address: PTR) -> NTSTATUS:
    p = proc()
    m = _module(module)
    if m is None:
        return STATUS_DLL_NOT_FOUND
    if name:
        addr = p.resolve_export(m, name=_counted_string(name, False))
        status = STATUS_PROCEDURE_NOT_FOUND
    else:
        addr = p.resolve_export(m, ordinal=ordinal)
        status = STATUS_PROCEDURE_NOT_FOUND      # Wine's answer for a missing ordinal too
    if address:
        p.mem.wptr(address, addr)
    return STATUS_SUCCESS if addr else status


@dll.stdcall
def LdrUnloadDll(module: HMODULE) -> NTSTATUS:
    p = proc()
    m = _module(module)
    if m is None or m.is_exe:
        return STATUS_DLL_NOT_FOUND if m is None else STATUS_SUCCESS
    if m.builtin is None and not m.pinned:
        m.refcount -= 1
        if m.refcount <= 0:
            p.free_module(m)
    return STATUS_SUCCESS


@dll.stdcall
def LdrAddRefDll(flags: DWORD, module: HMODULE) -> NTSTATUS:
    m = _module(module)
    if m is None:
        return STATUS_INVALID_PARAMETER
    if flags & 1:            # LDR_ADDREF_DLL_PIN
        m.pinned = True
    else:
        m.refcount += 1
    return STATUS_SUCCESS


@dll.stdcall
def LdrFindEntryForAddress(addr: PTR, entry: PTR) -> NTSTATUS:
    p = proc()
    m = p.module_at(addr)
    if m is None or not m.ldr_entry:
        return STATUS_NO_MORE_ENTRIES
    p.mem.wptr(entry, m.ldr_entry)
    return STATUS_SUCCESS
