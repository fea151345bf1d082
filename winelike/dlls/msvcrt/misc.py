"""Small process-level CRT functions: _getpid, _sleep."""
from __future__ import annotations

import time as host_time

from winelike.abi.types import INT, ULONG, VOID
from winelike.dlls.winapi import proc
from . import dll


@dll.cdecl
def _getpid() -> INT:
    return proc().pid


@dll.cdecl
def _sleep(ms: ULONG) -> VOID:
    host_time.sleep(ms / 1000)
