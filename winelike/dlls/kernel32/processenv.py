"""Process start-up information, command line, exit."""
from __future__ import annotations

from winelike.abi.types import DWORD, PTR, UINT, VOID, HANDLE, BOOL
from winelike.dlls.winapi import proc
from winelike.handles import table
from . import dll


def _cached_string(key, data: bytes) -> int:
    p = proc()
    addr = p.state.get(key)
    if addr is None:
        addr = p.heap_alloc(len(data) + 2, zero=True)
        p.mem.write(addr, data)
        p.state[key] = addr
    return addr


@dll.stdcall
def GetCommandLineA() -> PTR:
    p = proc()
    return _cached_string("cmdline_a", p.encode_astr(p.cmdline) + b"\0")


@dll.stdcall
def GetCommandLineW() -> PTR:
    return proc().params.CommandLine.Buffer


def _fill_startupinfo(ptr: int, wide: bool):
    p = proc()
    size = 68 if p.bits == 32 else 104
    p.mem.write(ptr, bytes(size))
    p.mem.w32(ptr, size)
    P = p.ptr_size
    # lpTitle (offset 3 pointers in): W gets the parameters' buffer; A gets an ANSI copy
    title = p.params.WindowTitle.Buffer if wide else _cached_string(
        "title_a", p.encode_astr(p.exe_win_path) + b"\0")
    p.mem.wptr(ptr + (12 if P == 4 else 24), title)
    # dwFlags and std handles stay 0: no STARTF_USESTDHANDLES from a console parent


@dll.stdcall
def GetStartupInfoA(info: PTR) -> VOID:
    _fill_startupinfo(info, False)


@dll.stdcall
def GetStartupInfoW(info: PTR) -> VOID:
    _fill_startupinfo(info, True)


@dll.stdcall
def ExitProcess(code: UINT) -> VOID:
    proc().terminate(code)


@dll.stdcall
def GetCurrentProcess() -> HANDLE:
    return (1 << proc().bits) - 1


@dll.stdcall
def GetCurrentThread() -> HANDLE:
    return (1 << proc().bits) - 2


@dll.stdcall
def GetCurrentProcessId() -> DWORD:
    return proc().pid


STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE = 0xFFFFFFF6, 0xFFFFFFF5, 0xFFFFFFF4


@dll.stdcall
def GetStdHandle(which: DWORD) -> HANDLE:
    p = proc()
    table(p)
    field = {STD_INPUT_HANDLE: "StdInput", STD_OUTPUT_HANDLE: "StdOutput", STD_ERROR_HANDLE: "StdError"}.get(which)
    if field is None:
        from winelike.dlls.winapi import set_last_error, ERROR_INVALID_HANDLE
        set_last_error(ERROR_INVALID_HANDLE)
        return (1 << p.bits) - 1
    return getattr(p.params, field)


@dll.stdcall
def SetStdHandle(which: DWORD, handle: HANDLE) -> BOOL:
    p = proc()
    table(p)
    field = {STD_INPUT_HANDLE: "StdInput", STD_OUTPUT_HANDLE: "StdOutput", STD_ERROR_HANDLE: "StdError"}.get(which)
    if field is None:
        from winelike.dlls.winapi import set_last_error, ERROR_INVALID_HANDLE
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    setattr(p.params, field, handle)
    return 1
