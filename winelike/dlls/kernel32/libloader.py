"""Module loading: LoadLibrary, GetModuleHandle, GetProcAddress, FreeLibrary, GetModuleFileName."""
from __future__ import annotations

from winelike import debug
from winelike.abi.types import BOOL, DWORD, FARPROC, HANDLE, HMODULE, LPCSTR, LPCWSTR, PTR, PSTR
from winelike.dlls.winapi import (proc, set_last_error, write_astr_buf, write_wstr_buf, ERROR_MOD_NOT_FOUND,
                                  ERROR_PROC_NOT_FOUND, ERROR_INVALID_HANDLE, ERROR_INSUFFICIENT_BUFFER,
                                  ERROR_INVALID_PARAMETER)
from winelike.loader.pe import BadImage
from . import dll

ch = debug.Channel("module")
ERROR_BAD_EXE_FORMAT = 193
ERROR_CALL_NOT_IMPLEMENTED = 120
ERROR_DLL_INIT_FAILED = 1114

GET_MODULE_HANDLE_EX_FLAG_PIN = 1
GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT = 2
GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS = 4
LOAD_LIBRARY_AS_DATAFILE = 0x2


def _module_for_handle(h: int):
    p = proc()
    if h == 0:
        return p.exe
    for m in p.modules:
        if m.base == h:
            return m
    return None


def get_module_handle(name):
    p = proc()
    if name is None:
        return p.exe.base
    m = p.find_module(name)
    if m is None:
        set_last_error(ERROR_MOD_NOT_FOUND)
        return 0
    return m.base


@dll.stdcall
def GetModuleHandleW(name: LPCWSTR) -> HMODULE:
    return get_module_handle(name)


@dll.stdcall
def GetModuleHandleA(name: LPCSTR) -> HMODULE:
    return get_module_handle(name)


def _get_module_handle_ex(flags, name_or_addr, out, wide):
    p = proc()
    if out:
        p.mem.wptr(out, 0)
    pin_unchanged = GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT
    if not out or flags & ~(pin_unchanged | GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) or \
            flags & pin_unchanged == pin_unchanged:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS:
        m = p.module_at(name_or_addr)
    else:
        name = (p.decode_wstr if wide else p.decode_astr)(name_or_addr)
        m = p.exe if name is None else p.find_module(name)
    if m is None:
        set_last_error(ERROR_MOD_NOT_FOUND)
        return 0
    if flags & GET_MODULE_HANDLE_EX_FLAG_PIN:
        m.pinned = True
    elif not flags & GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT:
        m.refcount += 1
    p.mem.wptr(out, m.base)
    return 1


@dll.stdcall
def GetModuleHandleExW(flags: DWORD, name: PTR, module: PTR) -> BOOL:
    return _get_module_handle_ex(flags, name, module, True)


@dll.stdcall
def GetModuleHandleExA(flags: DWORD, name: PTR, module: PTR) -> BOOL:
    return _get_module_handle_ex(flags, name, module, False)


def load_library(name, flags=0):
    p = proc()
    if name is None or name == "":
        set_last_error(ERROR_INVALID_PARAMETER if name is None else ERROR_MOD_NOT_FOUND)
        return 0
    try:
        m = p.load_library(name)
    except BadImage as e:
        ch.warn("LoadLibrary", str(e))
        set_last_error(ERROR_BAD_EXE_FORMAT)
        return 0
    except Exception as e:
        from winelike.process import DllInitFailed
        if isinstance(e, DllInitFailed):
            set_last_error(ERROR_DLL_INIT_FAILED)
            return 0
        raise
    if m is None:
        set_last_error(ERROR_MOD_NOT_FOUND)
        return 0
    return m.base


@dll.stdcall
def LoadLibraryA(name: LPCSTR) -> HMODULE:
    return load_library(name)


@dll.stdcall
def LoadLibraryW(name: LPCWSTR) -> HMODULE:
    return load_library(name)


DONT_RESOLVE_DLL_REFERENCES = 0x1
LOAD_LIBRARY_AS_IMAGE_RESOURCE = 0x20
LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE = 0x40
AS_DATA = LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_IMAGE_RESOURCE | LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE
# search-path flags (LOAD_WITH_ALTERED_SEARCH_PATH, LOAD_LIBRARY_SEARCH_*, SAFE_CURRENT_DIRS, ...):
# the ordinary search is used, which finds what these would find for programs next to their DLLs
HONOURED_BY_NORMAL_LOAD = 0x8 | 0x10 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800 | 0x1000 | 0x2000


def load_library_ex(name, file, flags, func):
    p = proc()          # `file` is reserved; Wine ignores it too
    if flags & AS_DATA:
        # a module already loaded as an image answers for itself (Windows and Wine do the same)
        m = p.find_module(name) if name else None
        if m is not None:
            if m.builtin is None and not m.pinned:
                m.refcount += 1
            return m.base
        ch.fixme(func, f"{name!r} flags {flags:#x}: loading as a data file / image resource is not "
                       "supported")
        set_last_error(ERROR_CALL_NOT_IMPLEMENTED)
        return 0
    if flags & DONT_RESOLVE_DLL_REFERENCES:
        ch.fixme(func, f"{name!r} DONT_RESOLVE_DLL_REFERENCES: loaded normally (imports bound, DllMain run)")
    elif flags & ~HONOURED_BY_NORMAL_LOAD:
        ch.fixme(func, f"{name!r} flags {flags:#x} treated as a normal load")
    return load_library(name, flags)


@dll.stdcall
def LoadLibraryExA(name: LPCSTR, file: HANDLE, flags: DWORD) -> HMODULE:
    return load_library_ex(name, file, flags, "LoadLibraryExA")


@dll.stdcall
def LoadLibraryExW(name: LPCWSTR, file: HANDLE, flags: DWORD) -> HMODULE:
    return load_library_ex(name, file, flags, "LoadLibraryExW")


@dll.stdcall
def GetProcAddress(module: HMODULE, name: PSTR) -> FARPROC:
    p = proc()
    m = _module_for_handle(module)
    if m is None:
        set_last_error(ERROR_MOD_NOT_FOUND)
        return 0
    if name >> 16 == 0:
        addr = p.resolve_export(m, ordinal=name & 0xFFFF)
    else:
        addr = p.resolve_export(m, name=p.mem.cstr(name, 4096).decode("latin-1"))
    if not addr:
        set_last_error(ERROR_PROC_NOT_FOUND)
    return addr


@dll.stdcall
def FreeLibrary(module: HMODULE) -> BOOL:
    p = proc()
    m = _module_for_handle(module)
    if m is None or m.is_exe:
        set_last_error(ERROR_INVALID_HANDLE if m is None else 0)
        return 0 if m is None else 1
    if m.builtin is not None or m.pinned:
        return 1
    m.refcount -= 1
    if m.refcount <= 0:
        p.free_module(m)
    return 1


def _module_file_name(module) -> str | None:
    m = _module_for_handle(module)
    return None if m is None else m.path


@dll.stdcall
def GetModuleFileNameW(module: HMODULE, buf: PTR, size: DWORD) -> DWORD:
    return _copy_truncated(_module_file_name(module), buf, size, True)


@dll.stdcall
def GetModuleFileNameA(module: HMODULE, buf: PTR, size: DWORD) -> DWORD:
    return _copy_truncated(_module_file_name(module), buf, size, False)


def _copy_truncated(s, buf, size, wide):
    """GetModuleFileName's rule: truncate, terminate, return size and ERROR_INSUFFICIENT_BUFFER."""
    p = proc()
    if s is None:
        set_last_error(ERROR_MOD_NOT_FOUND)
        return 0
    if size == 0:
        set_last_error(ERROR_INSUFFICIENT_BUFFER)
        return 0
    if wide:
        data = s.encode("utf-16-le")
        cu = 2
    else:
        data = p.encode_astr(s)
        cu = 1
    n = len(data) // cu
    if n < size:
        p.mem.write(buf, data + b"\0" * cu)
        set_last_error(0)
        return n
    p.mem.write(buf, data[:(size - 1) * cu] + b"\0" * cu)
    set_last_error(ERROR_INSUFFICIENT_BUFFER)
    return size
