"""_putenv/_wputenv and getenv_s: the environment is proc().env, shared with kernel32.

"NAME=" removes NAME, as msvcrt does; the change is visible to GetEnvironmentVariable
(the PEB block is rebuilt through kernel32's env_set).
"""
from __future__ import annotations

from winelike.abi.types import INT, PTR, SIZE_T
from winelike.dlls.winapi import proc
from . import dll
from .state import set_errno, EINVAL, ERANGE
from .stdlib import getenv_ptr


def _putenv_text(text: str) -> int:
    from winelike.dlls.kernel32.environ import env_set
    name, eq, value = text.partition("=")
    if not eq or not name:
        set_errno(EINVAL)
        return -1
    if not env_set(name, value if value else None):
        set_errno(EINVAL)
        return -1
    return 0


@dll.cdecl
def _putenv(s: PTR) -> INT:
    if not s:
        set_errno(EINVAL)
        return -1
    p = proc()
    return _putenv_text(p.mem.cstr(s).decode(p.acp, "replace"))


@dll.cdecl
def _wputenv(s: PTR) -> INT:
    if not s:
        set_errno(EINVAL)
        return -1
    return _putenv_text(proc().mem.wstr(s))


@dll.cdecl
def _putenv_s(name: PTR, value: PTR) -> INT:
    p = proc()
    if not name or not value:
        set_errno(EINVAL)
        return EINVAL
    n = p.mem.cstr(name).decode(p.acp, "replace")
    v = p.mem.cstr(value).decode(p.acp, "replace")
    return 0 if _putenv_text(f"{n}={v}") == 0 else EINVAL


@dll.cdecl
def getenv_s(ret: PTR, buf: PTR, size: SIZE_T, name: PTR) -> INT:
    p = proc()
    if not ret or (not buf and size) or not name:
        set_errno(EINVAL)
        return EINVAL
    val = p.env_get(p.mem.cstr(name).decode(p.acp, "replace"))
    if val is None:
        p.mem.wptr(ret, 0)
        if buf and size:
            p.mem.w8(buf, 0)
        return 0
    data = p.encode_astr(val) + b"\0"
    p.mem.wptr(ret, len(data))
    if len(data) > size:
        if buf and size:
            p.mem.w8(buf, 0)
        set_errno(ERANGE)
        return ERANGE
    p.mem.write(buf, data)
    return 0


@dll.cdecl
def _dupenv_s(out: PTR, count: PTR, name: PTR) -> INT:
    p = proc()
    if not out or not name:
        set_errno(EINVAL)
        return EINVAL
    val = p.env_get(p.mem.cstr(name).decode(p.acp, "replace"))
    if val is None:
        p.mem.wptr(out, 0)
        if count:
            p.mem.wptr(count, 0)
        return 0
    data = p.encode_astr(val) + b"\0"
    addr = p.heap_alloc(len(data))
    p.mem.write(addr, data)
    p.mem.wptr(out, addr)
    if count:
        p.mem.wptr(count, len(data))
    return 0
