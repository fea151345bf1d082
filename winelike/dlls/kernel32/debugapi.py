"""Debugging: IsDebuggerPresent, OutputDebugString (to the debugstr channel), DebugBreak."""
from __future__ import annotations

from winelike import debug
from winelike.abi.types import BOOL, LPCSTR, LPCWSTR, VOID
from . import dll

ch = debug.Channel("debugstr")


@dll.stdcall
def IsDebuggerPresent() -> BOOL:
    return 0


@dll.stdcall
def OutputDebugStringA(text: LPCSTR) -> VOID:
    if ch.tracing():
        debug.emit(f"trace:debugstr:OutputDebugStringA {text!r}")


@dll.stdcall
def OutputDebugStringW(text: LPCWSTR) -> VOID:
    if ch.tracing():
        debug.emit(f"trace:debugstr:OutputDebugStringW {text!r}")
