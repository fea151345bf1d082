"""Environment variables: Get/SetEnvironmentVariable, GetEnvironmentStrings, ExpandEnvironmentStrings.

The store is `proc().env` (a dict, shared with msvcrt's getenv); names compare
case-insensitively.  After every change the PEB's environment block
(ProcessParameters->Environment) is rebuilt, sorted as Windows keeps it, so a
program that reads the block directly sees the same variables.
"""
from __future__ import annotations

from winelike import debug
from winelike.abi.types import BOOL, DWORD, LPCSTR, LPCWSTR, PTR
from winelike.dlls.winapi import (proc, set_last_error, ERROR_ENVVAR_NOT_FOUND, ERROR_INVALID_PARAMETER,
                                  ERROR_NOT_ENOUGH_MEMORY, ERROR_INSUFFICIENT_BUFFER)
from . import dll

ch = debug.Channel("environ")

UNICODE_STRING_MAX_CHARS = 32767


def env_find(name: str):
    """The stored key matching `name` case-insensitively, or None."""
    low = name.lower()
    for k in proc().env:
        if k.lower() == low:
            return k
    return None


def env_lookup(name: str):
    k = env_find(name)
    return None if k is None else proc().env[k]


def _rebuild_block():
    p = proc()
    items = sorted(p.env.items(), key=lambda kv: kv[0].upper())
    p.env.clear()
    p.env.update(items)
    block = "".join(f"{k}={v}\0" for k, v in items) + "\0"
    data = block.encode("utf-16-le", "surrogatepass")
    addr = p.heap_alloc(len(data) + 16, zero=True)
    if not addr:
        return
    p.mem.write(addr, data)
    old = p.params.Environment
    p.params.Environment = addr
    p.params.EnvironmentSize = len(data)
    if old:
        p.process_heap.free_block(old)


def env_set(name: str, value: str | None) -> bool:
    """Set (or with None delete) a variable; False (error set) for a bad name."""
    if not name or "=" in name[1:]:
        set_last_error(ERROR_INVALID_PARAMETER)
        return False
    p = proc()
    k = env_find(name)
    if k is not None:
        del p.env[k]
    if value is not None:
        p.env[name] = value
    _rebuild_block()
    return True


@dll.stdcall
def GetEnvironmentVariableW(name: LPCWSTR, buf: PTR, size: DWORD) -> DWORD:
    if name is None:
        set_last_error(ERROR_ENVVAR_NOT_FOUND)
        return 0
    val = env_lookup(name)
    if val is None:
        set_last_error(ERROR_ENVVAR_NOT_FOUND)
        return 0
    data = val.encode("utf-16-le", "surrogatepass")
    n = len(data) // 2
    if n >= size:
        return n + 1
    proc().mem.write(buf, data + b"\0\0")
    return n


@dll.stdcall
def GetEnvironmentVariableA(name: LPCSTR, buf: PTR, size: DWORD) -> DWORD:
    if name is None:
        set_last_error(ERROR_ENVVAR_NOT_FOUND)
        return 0
    val = env_lookup(name)
    if val is None:
        set_last_error(ERROR_ENVVAR_NOT_FOUND)
        return 0
    p = proc()
    data = p.encode_astr(val)
    if len(data) >= size:
        return len(data) + 1
    p.mem.write(buf, data + b"\0")
    return len(data)


@dll.stdcall
def SetEnvironmentVariableW(name: LPCWSTR, value: LPCWSTR) -> BOOL:
    if name is None:
        set_last_error(ERROR_ENVVAR_NOT_FOUND)
        return 0
    return 1 if env_set(name, value) else 0


@dll.stdcall
def SetEnvironmentVariableA(name: LPCSTR, value: LPCSTR) -> BOOL:
    return SetEnvironmentVariableW(name, value)


def _block_text() -> str:
    p = proc()
    return "".join(f"{k}={v}\0" for k, v in p.env.items()) + "\0"


@dll.stdcall
def GetEnvironmentStringsW() -> PTR:
    """A copy of the block in the process heap (FreeEnvironmentStringsW frees it)."""
    p = proc()
    data = _block_text().encode("utf-16-le", "surrogatepass")
    addr = p.heap_alloc(len(data))
    if not addr:
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
        return 0
    p.mem.write(addr, data)
    return addr


@dll.stdcall
def GetEnvironmentStringsA() -> PTR:
    p = proc()
    data = p.encode_astr(_block_text())
    addr = p.heap_alloc(len(data))
    if not addr:
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
        return 0
    p.mem.write(addr, data)
    return addr


@dll.stdcall
def GetEnvironmentStrings() -> PTR:
    return GetEnvironmentStringsA()


@dll.stdcall
def FreeEnvironmentStringsW(block: PTR) -> BOOL:
    p = proc()
    if not p.process_heap.free_block(block):
        ch.warn("FreeEnvironmentStringsW", f"{block:#x} is not an environment block from this process heap")
    return 1


@dll.stdcall
def FreeEnvironmentStringsA(block: PTR) -> BOOL:
    return FreeEnvironmentStringsW(block)


def expand(src: str) -> str:
    """%NAME% replaced by the variable's value; unknown names and lone % stay as they are.

    As in Wine, "%%" is an unknown empty name, so "%%X%%" stays unchanged.
    """
    out = []
    i = 0
    n = len(src)
    while i < n:
        c = src[i]
        if c == "%":
            j = src.find("%", i + 1)
            if j < 0:
                out.append(src[i:])
                break
            val = env_lookup(src[i + 1:j]) if j > i + 1 else None
            if val is None:
                out.append(src[i:j + 1])     # unknown: kept with both %, scanning resumes after them
                i = j + 1
                continue
            out.append(val)
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


@dll.stdcall
def ExpandEnvironmentStringsW(src: LPCWSTR, dst: PTR, size: DWORD) -> DWORD:
    """Returns the characters needed including the NUL; a short buffer gets what fits (NUL-terminated)
    and ERROR_INSUFFICIENT_BUFFER."""
    if src is None:
        src = ""
    text = expand(src) + "\0"
    data = text.encode("utf-16-le", "surrogatepass")
    n = len(data) // 2
    size = min(size, UNICODE_STRING_MAX_CHARS)
    if dst and size:
        if n <= size:
            proc().mem.write(dst, data)
        else:
            proc().mem.write(dst, data[:2 * (size - 1)] + b"\0\0")
            set_last_error(ERROR_INSUFFICIENT_BUFFER)
    return n


@dll.stdcall
def ExpandEnvironmentStringsA(src: LPCSTR, dst: PTR, size: DWORD) -> DWORD:
    p = proc()
    text = expand(src or "")
    data = p.encode_astr(text) + b"\0"
    if dst and size:
        if len(data) <= size:
            p.mem.write(dst, data)
        else:
            p.mem.write(dst, data[:size - 1] + b"\0")
            set_last_error(ERROR_INSUFFICIENT_BUFFER)
    return len(data)
