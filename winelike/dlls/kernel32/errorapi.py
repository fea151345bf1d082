"""Last error and exception filters."""
from __future__ import annotations

from winelike import debug
from winelike.abi.types import DWORD, PTR, UINT, VOID
from winelike.dlls.winapi import get_last_error, set_last_error, proc
from . import dll

ch = debug.Channel("seh")


@dll.stdcall
def GetLastError() -> DWORD:
    return get_last_error()


@dll.stdcall
def SetLastError(code: DWORD) -> VOID:
    set_last_error(code)


@dll.stdcall
def SetUnhandledExceptionFilter(filter: PTR) -> PTR:
    """Remembered so a crash report can say a filter was set; the filter runs on guest exceptions."""
    st = proc().state
    old = st.get("unhandled_filter", 0)
    st["unhandled_filter"] = filter
    return old


@dll.stdcall
def SetErrorMode(mode: UINT) -> UINT:
    st = proc().state
    old = st.get("error_mode", 0)
    st["error_mode"] = mode
    return old


@dll.stdcall
def GetErrorMode() -> UINT:
    return proc().state.get("error_mode", 0)
