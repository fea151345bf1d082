"""Fiber-local storage (FlsAlloc and friends).

There are no fibers yet, so each thread has one FLS vector; values are kept on
the host side per thread id.  FlsFree runs the slot's callback on a non-NULL
value, and at process exit every slot's callback runs for the values still set
(before DLLs get DLL_PROCESS_DETACH, as Windows does for the exiting thread).
"""
from __future__ import annotations

from winelike import debug
from winelike.abi.types import BOOL, DWORD, PTR
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_PARAMETER, ERROR_NOT_ENOUGH_MEMORY
from . import dll

ch = debug.Channel("fls")

FLS_MAXIMUM_AVAILABLE = 4080
FLS_OUT_OF_INDEXES = 0xFFFFFFFF


def _state():
    p = proc()
    st = p.state.get("fls")
    if st is None:
        st = p.state["fls"] = {"callbacks": {}, "values": {}}
        p.state.setdefault("exit_hooks", []).append(_run_exit_callbacks)
    return st


def _values():
    return _state()["values"].setdefault(proc().tid, {})


def _run_exit_callbacks(p):
    st = p.state.get("fls")
    if not st:
        return
    values = st["values"].get(p.tid, {})
    for index in sorted(st["callbacks"]):
        cb = st["callbacks"][index]
        v = values.pop(index, 0)
        if cb and v:
            p.cpu.call(cb, (v,), p.callback_ret)


@dll.stdcall
def FlsAlloc(callback: PTR) -> DWORD:
    st = _state()
    for i in range(1, FLS_MAXIMUM_AVAILABLE):     # index 0 is never handed out, as on Windows
        if i not in st["callbacks"]:
            st["callbacks"][i] = callback
            for vals in st["values"].values():
                vals.pop(i, None)
            return i
    set_last_error(ERROR_NOT_ENOUGH_MEMORY)
    return FLS_OUT_OF_INDEXES


def _valid(index: int) -> bool:
    if index not in _state()["callbacks"]:
        set_last_error(ERROR_INVALID_PARAMETER)
        return False
    return True


@dll.stdcall
def FlsFree(index: DWORD) -> BOOL:
    if not _valid(index):
        return 0
    st = _state()
    cb = st["callbacks"].pop(index)
    p = proc()
    for vals in st["values"].values():
        v = vals.pop(index, 0)
        if cb and v:
            p.cpu.call(cb, (v,), p.callback_ret)
    return 1


@dll.stdcall
def FlsGetValue(index: DWORD) -> PTR:
    """An index that is in range but not allocated gives NULL with the error untouched, as in Wine 8."""
    if not 0 < index < FLS_MAXIMUM_AVAILABLE:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if index not in _state()["callbacks"]:
        return 0
    set_last_error(0)
    return _values().get(index, 0)


@dll.stdcall
def FlsSetValue(index: DWORD, value: PTR) -> BOOL:
    if not _valid(index):
        return 0
    _values()[index] = value
    return 1


@dll.stdcall
def IsThreadAFiber() -> BOOL:
    return 0
