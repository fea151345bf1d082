"""Small process-level CRT functions: _getpid, _sleep."""
from __future__ import annotations


from winelike.abi.types import INT, PTR, UINT, ULONG, VOID
from winelike.dlls.winapi import proc
from . import dll


@dll.cdecl
def _getpid() -> INT:
    return proc().pid


@dll.cdecl
def _sleep(ms: ULONG) -> VOID:
    from winelike.dlls.kernel32.synch import sleep
    sleep(ms, False)


# ---- threads ------------------------------------------------------------------

@dll.cdecl
def _beginthreadex(security: PTR, stack: UINT, start: PTR, arg: PTR, flags: UINT, tid_out: PTR) -> PTR:
    from winelike.dlls.kernel32.thread import create_thread
    return create_thread(start, arg, stack, flags, tid_out)


@dll.cdecl
def _endthreadex(code: UINT) -> VOID:
    from winelike import threads
    threads.exit_thread(proc().thread, code)


@dll.cdecl
def _beginthread(start: PTR, stack: UINT, arg: PTR) -> PTR:
    from winelike.dlls.kernel32.thread import create_thread
    h = create_thread(start, arg, stack, 0, 0)
    return h if h else (1 << proc().bits) - 1


@dll.cdecl
def _endthread() -> VOID:
    from winelike import threads
    threads.exit_thread(proc().thread, 0)
