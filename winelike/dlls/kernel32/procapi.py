"""Processes: CreateProcess, process handles and exit codes, TerminateProcess, OpenProcess, pipes.

A child is another winelike host process in the same prefix and server.  The parent
starts it (`python -m winelike run` with a startup record in the environment: the
exact command line, environment block, current directory, std handles and inherited
handles), then registers it with the server (create_process), which copies the
parent's inheritable server handles and gives back process and thread handles at
once.  Inherited pipes and files are host file descriptors handed to the child
process itself, and land in its handle table at the same values.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from winelike import debug, paths
from winelike.abi.types import BOOL, DWORD, HANDLE, LPCSTR, LPCWSTR, PTR, PSTR, PWSTR, UINT
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, \
    ERROR_FILE_NOT_FOUND, ERROR_ACCESS_DENIED
from winelike.handles import HostFile, table
from winelike.threads import process_id, thread_id, STILL_ACTIVE
from . import dll
from .objects import CURRENT_PROCESS, is_server_handle, server_call, promote, SyncObject, inherit_flag

ch = debug.Channel("process")

CREATE_SUSPENDED = 0x4
CREATE_UNICODE_ENVIRONMENT = 0x400
STARTF_USESTDHANDLES = 0x100
PROCESS_ALL_ACCESS = 0x1FFFFF
STARTUP_ENV = "WINELIKE_STARTUP"


def _process_handle(h):
    """The server value for a process handle (GetCurrentProcess() included), or None (ERROR_INVALID_HANDLE)."""
    p = proc()
    mask = (1 << p.bits) - 1
    if h & mask == mask:
        p.server()
        return CURRENT_PROCESS
    if is_server_handle(h) and p.server_registered:
        return h & 0xFFFFFFFF
    set_last_error(ERROR_INVALID_HANDLE)
    return None


@dll.stdcall
def GetProcessId(h: HANDLE) -> DWORD:
    p = proc()
    if h & ((1 << p.bits) - 1) == (1 << p.bits) - 1:
        return p.pid
    ph = _process_handle(h)
    if ph is None:
        return 0
    r = server_call("get_process_info", handle=ph)
    return 0 if r is None else r.pid


@dll.stdcall
def GetExitCodeProcess(h: HANDLE, code: PTR) -> BOOL:
    p = proc()
    if h & ((1 << p.bits) - 1) == (1 << p.bits) - 1:
        p.mem.w32(code, STILL_ACTIVE)
        return 1
    ph = _process_handle(h)
    if ph is None:
        return 0
    r = server_call("get_process_info", handle=ph)
    if r is None:
        return 0
    p.mem.w32(code, r.exit_code if r.exited else STILL_ACTIVE)
    return 1


@dll.stdcall
def OpenProcess(access: DWORD, inherit: BOOL, pid: DWORD) -> HANDLE:
    r = server_call("open_process", pid=pid, access=access, inherit=bool(inherit))
    return 0 if r is None else r.handle


@dll.stdcall
def TerminateProcess(h: HANDLE, code: UINT) -> BOOL:
    p = proc()
    ph = _process_handle(h)
    if ph is None:
        return 0
    r = server_call("terminate_process", handle=ph, code=code)
    if r is None:
        return 0
    if r.self:
        p.terminate(code)
    return 1


# ---- pipes ----------------------------------------------------------------------

class PipeEnd(HostFile):
    type_name = "File"


@dll.stdcall
def CreatePipe(read_out: PTR, write_out: PTR, attrs: PTR, size: DWORD) -> BOOL:
    p = proc()
    r, w = os.pipe()
    inherit = inherit_flag(attrs)
    t = table(p)
    hr = t.add(PipeEnd(r, "pipe", 0x80000000), inherit)
    hw = t.add(PipeEnd(w, "pipe", 0x40000000), inherit)
    p.mem.wptr(read_out, hr)
    p.mem.wptr(write_out, hw)
    return 1


# ---- CreateProcess --------------------------------------------------------------

def _first_token(cmdline: str) -> str:
    s = cmdline.lstrip()
    if s.startswith('"'):
        end = s.find('"', 1)
        return s[1:end if end > 0 else None]
    return s.split(None, 1)[0] if s.split() else ""


def _resolve_program(p, name: str) -> str | None:
    from winelike.process import _ci_file                  # the DLL search's case-insensitive lookup
    cands = [name] if name.lower().endswith(".exe") or "." in os.path.basename(name.replace("\\", "/")) \
        else [name + ".exe", name]
    dirs = None
    for c in cands:
        if ":" in c or c.startswith("\\"):
            host = paths.host_path(p, c)        # drives, case, the sandbox (winelike.paths)
            if host and os.path.isfile(host):
                return host
            continue
        if dirs is None:
            dirs = [os.path.dirname(p.exe_host_path), p.cwd, p.prefix.system32]
            for d in p.env_get("PATH", "").split(";"):
                h = paths.host_path(p, d) if ":" in d else None
                if h:
                    dirs.append(h)
        for d in dirs:
            host = os.path.join(d, c.replace("\\", "/"))
            found = _ci_file(os.path.dirname(host), os.path.basename(host))   # exact, else any case
            if found:
                return found
    return None


def _read_env_block(p, ptr: int, unicode: bool) -> dict:
    env = {}
    mem = p.mem
    while True:
        if unicode:
            s = mem.wstr(ptr)
            ptr += 2 * (len(s) + 1)
        else:
            raw = mem.cstr(ptr)
            s = raw.decode(p.acp, "replace")
            ptr += len(raw) + 1
        if not s:
            return env
        k, sep, v = s.partition("=") if not s.startswith("=") else ("=" + s[1:].partition("=")[0], "=",
                                                                       s[1:].partition("=")[2])
        env[k] = v


def _fd_of(p, h) -> int | None:
    obj = table(p).get(h)
    return obj.fd if isinstance(obj, HostFile) else None


def create_process(app, cmdline, inherit, flags, env_ptr, cwd, si_ptr, pi_ptr) -> int:
    p = proc()
    mem = p.mem
    if cmdline is None and app is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if cmdline is None:
        cmdline = app if " " not in app else f'"{app}"'
    host = _resolve_program(p, app if app else _first_token(cmdline))
    if host is None:
        set_last_error(ERROR_FILE_NOT_FOUND)
        return 0
    conn = p.server()
    # the child's environment, directory and std handles
    env = dict(p.env) if not env_ptr else _read_env_block(p, env_ptr, bool(flags & CREATE_UNICODE_ENVIRONMENT))
    host_cwd = p.cwd
    if cwd:
        host_cwd = paths.host_path(p, cwd)
        if not host_cwd or not os.path.isdir(host_cwd):
            set_last_error(267)            # ERROR_DIRECTORY
            return 0
    std = [None, None, None]
    std_handles = [0, 0, 0]
    P = p.ptr_size
    si_flags = mem.u32(si_ptr + (44 if P == 4 else 60)) if si_ptr else 0
    if si_flags & STARTF_USESTDHANDLES:
        base = si_ptr + (56 if P == 4 else 80)
        for i in range(3):
            h = mem.ptr(base + i * P)
            std_handles[i] = h
            std[i] = _fd_of(p, h)
    else:
        params = p.params
        for i, field in enumerate(("StdInput", "StdOutput", "StdError")):
            h = getattr(params, field)
            std_handles[i] = h
            std[i] = _fd_of(p, h)
    # inheritable local handles: sync objects move to the server (copied by create_process),
    # files and pipes go to the child as host descriptors at the same values
    t = table(p)
    passed = {}
    if inherit:
        for h in sorted(t.inherit):
            obj = t.get(h)
            if isinstance(obj, SyncObject):
                promote(obj)
            elif isinstance(obj, HostFile):
                passed[h] = obj
    startup = {
        "parent": p.pid, "cmdline": cmdline, "env": env, "suspended": bool(flags & CREATE_SUSPENDED),
        "std": std_handles, "files": {}, "win_cwd": cwd or p.win_cwd,
    }
    fds = []
    for h, obj in passed.items():
        startup["files"][str(h)] = [obj.fd, obj.name, obj.access, type(obj).__name__]
        fds.append(obj.fd)
    child_env = dict(os.environ)
    child_env[STARTUP_ENV] = json.dumps(startup)
    child_env["WINELIKEPREFIX"] = p.prefix.root
    pkg_parent = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    child_env["PYTHONPATH"] = pkg_parent + (os.pathsep + child_env["PYTHONPATH"]
                                            if child_env.get("PYTHONPATH") else "")
    argv = [sys.executable, "-m", "winelike", "run", host]
    try:
        with p.blocking():
            child = subprocess.Popen(argv, cwd=host_cwd, env=child_env, pass_fds=fds,
                                     stdin=std[0] if std[0] is not None else None,
                                     stdout=std[1] if std[1] is not None else None,
                                     stderr=std[2] if std[2] is not None else None)
    except OSError as e:
        set_last_error(ERROR_ACCESS_DENIED)
        ch.err("CreateProcess", f"cannot start {host}: {e}")
        return 0
    pid, tid = process_id(child.pid), thread_id(child.pid)
    r = conn.call("create_process", pid=pid, tid=tid, inherit_handles=bool(inherit),
                  suspended=bool(flags & CREATE_SUSPENDED))
    if r.error:
        child.kill()
        set_last_error(r.error)
        return 0
    p.state.setdefault("children", []).append(child)
    if pi_ptr:
        mem.wptr(pi_ptr, r.process)
        mem.wptr(pi_ptr + P, r.thread)
        mem.w32(pi_ptr + 2 * P, pid)
        mem.w32(pi_ptr + 2 * P + 4, tid)
    else:
        conn.call("close_handle", handle=r.process)
        conn.call("close_handle", handle=r.thread)
    ch.trace("CreateProcess", f"{host} pid {pid:04x} command line {cmdline!r}")
    return 1


@dll.stdcall
def CreateProcessW(app: LPCWSTR, cmdline: LPCWSTR, pattrs: PTR, tattrs: PTR, inherit: BOOL, flags: DWORD,
                   env: PTR, cwd: LPCWSTR, si: PTR, pi: PTR) -> BOOL:
    return create_process(app, cmdline, inherit, flags | CREATE_UNICODE_ENVIRONMENT if env and flags &
                          CREATE_UNICODE_ENVIRONMENT else flags, env, cwd, si, pi)


@dll.stdcall
def CreateProcessA(app: LPCSTR, cmdline: LPCSTR, pattrs: PTR, tattrs: PTR, inherit: BOOL, flags: DWORD,
                   env: PTR, cwd: LPCSTR, si: PTR, pi: PTR) -> BOOL:
    return create_process(app, cmdline, inherit, flags, env, cwd, si, pi)
