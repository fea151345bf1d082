"""Threads: CreateThread and friends, suspension, termination, APCs, priorities.

A guest thread is a winelike.threads.Thread (a host thread with its own engine);
a thread handle refers to its ThreadObject, signalled when the thread has ended.
"""
from __future__ import annotations

from winelike import debug, threads
from winelike.abi.types import BOOL, DWORD, HANDLE, INT, PTR, SIZE_T, VOID
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, \
    ERROR_NOT_ENOUGH_MEMORY
from winelike.cpu.memory import OutOfGuestMemory
from winelike.handles import table
from . import dll
from .objects import ThreadObject, abandon_mutexes

ch = debug.Channel("thread")

CREATE_SUSPENDED = 0x4
STACK_SIZE_PARAM_IS_A_RESERVATION = 0x10000
STILL_ACTIVE = threads.STILL_ACTIVE
THREAD_PRIORITY_ERROR_RETURN = 0x7FFFFFFF
MAXIMUM_SUSPEND_COUNT = 127
ERROR_SIGNAL_REFUSED = 156


def _on_exit(p, t):
    abandon_mutexes(p, t)
    p.exited_threads[t.tid] = t.exit_code


threads.exit_hooks.append(_on_exit)


def thread_object(t) -> ThreadObject:
    if t.handle_obj is None:
        t.handle_obj = ThreadObject(t)
    return t.handle_obj


def _thread_of(h, quiet=False):
    """The Thread a handle names (GetCurrentThread() included), or None with ERROR_INVALID_HANDLE.

    A handle the server holds (a thread moved there, another process's thread) gives None
    too; quiet: leave the last error alone then, the caller asks the server.
    """
    p = proc()
    mask = (1 << p.bits) - 1
    if h & mask == mask - 1:
        return p.thread
    obj = table(p).get(h)
    if not isinstance(obj, ThreadObject):
        if not quiet:
            set_last_error(ERROR_INVALID_HANDLE)
        return None
    return obj.thread


def create_thread(entry: int, arg: int, stack: int, flags: int, tid_out: int) -> int:
    p = proc()
    if flags & ~(CREATE_SUSPENDED | STACK_SIZE_PARAM_IS_A_RESERVATION):
        ch.fixme("CreateThread", f"flags {flags:#x} ignored")
    try:
        t = threads.Thread.spawn(p, entry, arg, stack, suspended=bool(flags & CREATE_SUSPENDED))
    except OutOfGuestMemory:
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
        return 0
    h = table(p).add(thread_object(t))
    if tid_out:
        p.mem.w32(tid_out, t.tid)
    ch.trace("create_thread", f"tid {t.tid:04x} entry {entry:#x} arg {arg:#x} handle {h:#x}")
    return h


@dll.stdcall
def CreateThread(attrs: PTR, stack: SIZE_T, entry: PTR, arg: PTR, flags: DWORD, tid_out: PTR) -> HANDLE:
    return create_thread(entry, arg, stack, flags, tid_out)


@dll.stdcall
def ExitThread(code: DWORD) -> VOID:
    threads.exit_thread(proc().thread, code)


@dll.stdcall
def TerminateThread(h: HANDLE, code: DWORD) -> BOOL:
    t = _thread_of(h)
    if t is None:
        return 0
    p = proc()
    if t.exit_code is not None:
        return 1
    if t is p.thread:
        if len(p.threads) <= 1:
            p.terminate(code)
        raise threads.ThreadExit(code)
    t.kill = code
    p.sched.wake(t)
    return 1


@dll.stdcall
def GetExitCodeThread(h: HANDLE, code: PTR) -> BOOL:
    p = proc()
    t = _thread_of(h, quiet=True)
    if t is None:
        r = server_thread_info(h)
        if r is None:
            return 0
        mine = p.exited_threads.get(r.tid) if r.pid == p.pid else None
        p.mem.w32(code, STILL_ACTIVE if not r.exited else mine if mine is not None else r.exit_code)
        return 1
    p.mem.w32(code, STILL_ACTIVE if t.exit_code is None else t.exit_code)
    return 1


def _server_suspend(h, req):
    from .objects import is_server_handle, server_call
    if not is_server_handle(h):
        set_last_error(ERROR_INVALID_HANDLE)
        return 0xFFFFFFFF
    r = server_call(req, handle=h & 0xFFFFFFFF)
    return 0xFFFFFFFF if r is None else r.prev_count


@dll.stdcall
def SuspendThread(h: HANDLE) -> DWORD:
    t = _thread_of(h, quiet=True)
    if t is None:
        return _server_suspend(h, "suspend_thread")
    if t.exit_code is not None:
        return 0xFFFFFFFF
    prev = t.suspend_count
    if prev >= MAXIMUM_SUSPEND_COUNT:
        set_last_error(ERROR_SIGNAL_REFUSED)
        return 0xFFFFFFFF
    t.suspend_count = prev + 1
    if t is proc().thread:
        t.on_resume()                     # suspending oneself: stop here until resumed
    return prev


@dll.stdcall
def ResumeThread(h: HANDLE) -> DWORD:
    t = _thread_of(h, quiet=True)
    if t is None:
        return _server_suspend(h, "resume_thread")
    prev = t.suspend_count
    if prev:
        t.suspend_count = prev - 1
        if prev == 1:
            proc().sched.notify(("suspend", t))
    return prev


@dll.stdcall
def GetThreadId(h: HANDLE) -> DWORD:
    t = _thread_of(h, quiet=True)
    if t is None:
        r = server_thread_info(h)
        return 0 if r is None else r.tid
    return t.tid


@dll.stdcall
def GetCurrentThreadId() -> DWORD:
    return proc().thread.tid


@dll.stdcall
def OpenThread(access: DWORD, inherit: BOOL, tid: DWORD) -> HANDLE:
    p = proc()
    t = p.threads.get(tid)
    if t is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return table(p).add(thread_object(t))


@dll.stdcall
def SetThreadPriority(h: HANDLE, priority: INT) -> BOOL:
    t = _thread_of(h)
    if t is None:
        return 0
    if priority not in (-15, -2, -1, 0, 1, 2, 15):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    t.priority = priority                 # recorded; the scheduler treats all threads alike
    return 1


@dll.stdcall
def GetThreadPriority(h: HANDLE) -> INT:
    t = _thread_of(h)
    return THREAD_PRIORITY_ERROR_RETURN if t is None else t.priority


@dll.stdcall
def SetThreadPriorityBoost(h: HANDLE, disable: BOOL) -> BOOL:
    return 0 if _thread_of(h) is None else 1


@dll.stdcall
def QueueUserAPC(fn: PTR, h: HANDLE, data: PTR) -> DWORD:
    t = _thread_of(h)
    if t is None:
        return 0
    if t.exit_code is not None:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    t.apcs.append((fn, (data,)))
    p = proc()
    p.sched.wake(t)               # a non-alertable wait just goes back to sleep
    if t is not p.thread and t.server_conn is not None:
        # it may be in an alertable wait on server objects (or about to be): the server ends it
        # (an error means the thread is gone there: nothing to wake, and no last error to set)
        p.server().call("alert_thread", tid=t.tid)
    return 1


@dll.stdcall
def DisableThreadLibraryCalls(module: HANDLE) -> BOOL:
    m = proc().module_at(module)
    if m is None or m.base != module:
        set_last_error(ERROR_INVALID_HANDLE)
        return 0
    m.no_thread_calls = True
    return 1


def server_thread_info(h):
    from .objects import is_server_handle, server_call
    if not is_server_handle(h) or not proc().server_registered:
        set_last_error(ERROR_INVALID_HANDLE)
        return None
    return server_call("get_thread_info", handle=h & 0xFFFFFFFF)
