"""The native registry API: Nt*Key over the server's keys (winelike/server/registry.py).

Names are object paths: absolute ones start with \\Registry (\\Registry\\Machine,
\\Registry\\User\\S-1-5-21-0-0-0-1000...), relative ones need a RootDirectory key
handle.  The predefined HKEY_* values are advapi32's and are not handles here
(STATUS_INVALID_HANDLE), as on Windows.  Information classes: basic, node, full and
name for keys; basic, full and partial for values.
"""
from __future__ import annotations

import struct

from winelike import debug
from winelike.abi.types import BOOLEAN, HANDLE, NTSTATUS, PTR, ULONG
from winelike.dlls.winapi import proc, server
from . import dll

ch = debug.Channel("reg")

STATUS_SUCCESS = 0
STATUS_BUFFER_OVERFLOW = 0x80000005
STATUS_NO_MORE_ENTRIES = 0x8000001A
STATUS_INVALID_HANDLE = 0xC0000008
STATUS_INVALID_PARAMETER = 0xC000000D
STATUS_NO_MEMORY = 0xC0000017
STATUS_ACCESS_DENIED = 0xC0000022
STATUS_BUFFER_TOO_SMALL = 0xC0000023
STATUS_OBJECT_NAME_NOT_FOUND = 0xC0000034
STATUS_OBJECT_PATH_SYNTAX_BAD = 0xC000003B
STATUS_KEY_DELETED = 0xC000017C
STATUS_CHILD_MUST_BE_VOLATILE = 0xC0000181
STATUS_INVALID_INFO_CLASS = 0xC0000003
STATUS_ACCESS_VIOLATION = 0xC0000005
STATUS_PENDING = 0x103

_STATUS = {0: STATUS_SUCCESS, 2: STATUS_OBJECT_NAME_NOT_FOUND, 5: STATUS_ACCESS_DENIED, 6: STATUS_INVALID_HANDLE,
           8: STATUS_NO_MEMORY, 87: STATUS_INVALID_PARAMETER, 161: STATUS_OBJECT_PATH_SYNTAX_BAD,
           259: STATUS_NO_MORE_ENTRIES, 1018: STATUS_KEY_DELETED, 1021: STATUS_CHILD_MUST_BE_VOLATILE}

_WIN32 = {v: k for k, v in _STATUS.items()}

KeyBasicInformation, KeyNodeInformation, KeyFullInformation, KeyNameInformation = 0, 1, 2, 3
KeyValueBasicInformation, KeyValueFullInformation, KeyValuePartialInformation = 0, 1, 2
REG_CREATED_NEW_KEY, REG_OPENED_EXISTING_KEY = 1, 2
BIG = 0xFFFFFFFF


class NtError(Exception):
    def __init__(self, status):
        super().__init__(status)
        self.status = status


def _call(req, **fields):
    try:
        r = server().call(req, **fields)
    except ValueError:                   # a name too long for a request frame
        raise NtError(STATUS_INVALID_PARAMETER) from None
    if r.error and r.error != 183:
        raise NtError(_STATUS.get(r.error, 0xC0000001))
    return r


def _ustr(addr: int) -> str | None:
    p = proc()
    if not addr:
        return None
    n = p.mem.u16(addr)
    buf = p.mem.ptr(addr + p.ptr_size)
    return p.mem.read(buf, n & ~1).decode("utf-16-le", "surrogatepass") if n else ""


def _attributes(attr: int):
    """OBJECT_ATTRIBUTES -> (server parent handle, name relative to it)."""
    p = proc()
    if not attr:
        raise NtError(STATUS_ACCESS_VIOLATION)
    ps = p.ptr_size
    root = p.mem.ptr(attr + ps)                       # RootDirectory after Length (+ padding)
    name = _ustr(p.mem.ptr(attr + 2 * ps)) or ""
    if root:
        if root >> 32 or root & 0xFFFFFFFF >= 0x80000000:
            raise NtError(STATUS_INVALID_HANDLE)
        if name.startswith("\\"):
            raise NtError(STATUS_OBJECT_PATH_SYNTAX_BAD)
        return root, name
    low = name.lower()
    if low == "\\registry":
        return 0, ""
    if not low.startswith("\\registry\\"):
        raise NtError(STATUS_OBJECT_PATH_SYNTAX_BAD if not name.startswith("\\") else STATUS_OBJECT_NAME_NOT_FOUND)
    return 0, name[len("\\registry\\"):]


def _run(fn):
    try:
        r = fn()
    except NtError as e:
        return e.status
    return STATUS_SUCCESS if r is None else r


@dll.stdcall
def NtCreateKey(out: PTR, access: ULONG, attr: PTR, index: ULONG, cls: PTR, options: ULONG,
                disposition: PTR) -> NTSTATUS:
    def run():
        p = proc()
        if not out:
            raise NtError(STATUS_ACCESS_VIOLATION)
        parent, name = _attributes(attr)
        r = _call("create_key", parent=parent, access=access, options=options, name=name, cls=_ustr(cls) or "")
        p.mem.wptr(out, r.handle)
        if disposition:
            p.mem.w32(disposition, REG_CREATED_NEW_KEY if r.created else REG_OPENED_EXISTING_KEY)
    return _run(run)


def _open(out, access, attr, options):
    def run():
        if not out:
            raise NtError(STATUS_ACCESS_VIOLATION)
        parent, name = _attributes(attr)
        r = _call("open_key", parent=parent, access=access, options=options, name=name)
        proc().mem.wptr(out, r.handle)
    return _run(run)


@dll.stdcall
def NtOpenKey(out: PTR, access: ULONG, attr: PTR) -> NTSTATUS:
    return _open(out, access, attr, 0)


@dll.stdcall
def NtOpenKeyEx(out: PTR, access: ULONG, attr: PTR, options: ULONG) -> NTSTATUS:
    return _open(out, access, attr, options)


@dll.stdcall
def NtDeleteKey(key: HANDLE) -> NTSTATUS:
    return _run(lambda: _call("delete_key", handle=key & 0xFFFFFFFF) and None)


@dll.stdcall
def NtFlushKey(key: HANDLE) -> NTSTATUS:
    return _run(lambda: _call("flush_key", handle=key & 0xFFFFFFFF) and None)


@dll.stdcall
def NtSetValueKey(key: HANDLE, name: PTR, index: ULONG, t: ULONG, data: PTR, size: ULONG) -> NTSTATUS:
    def run():
        if size > 1 << 20:
            ch.fixme("NtSetValueKey", f"values over 1 MiB are not supported ({size})")
            raise NtError(STATUS_NO_MEMORY)
        payload = proc().mem.read(data, size) if size else b""
        _call("set_key_value", handle=key & 0xFFFFFFFF, type=t, name=_ustr(name) or "", data=payload)
    return _run(run)


@dll.stdcall
def NtDeleteValueKey(key: HANDLE, name: PTR) -> NTSTATUS:
    def run():
        _call("delete_value", handle=key & 0xFFFFFFFF, name=_ustr(name) or "")
    return _run(run)


def _fill(info: int, length: int, result_len: int, fixed: bytes, var: bytes, min_size=None):
    """Write the fixed part and as much of the rest as fits; the status Windows returns."""
    p = proc()
    total = len(fixed) + len(var)
    if result_len:
        p.mem.w32(result_len, total)
    if length < (len(fixed) if min_size is None else min_size):
        return STATUS_BUFFER_TOO_SMALL
    whole = fixed + var
    p.mem.write(info, whole[:length])
    return STATUS_SUCCESS if length >= total else STATUS_BUFFER_OVERFLOW


def _value_info(cls, t, name, data):
    nb = name.encode("utf-16-le", "surrogatepass")
    if cls == KeyValueBasicInformation:
        return struct.pack("<III", 0, t, len(nb)), nb
    if cls == KeyValueFullInformation:
        off = 20 + len(nb)
        return struct.pack("<IIIII", 0, t, off, len(data), len(nb)), nb + data
    if cls == KeyValuePartialInformation:
        return struct.pack("<III", 0, t, len(data)), data
    raise NtError(STATUS_INVALID_PARAMETER)


@dll.stdcall
def NtQueryValueKey(key: HANDLE, name: PTR, cls: ULONG, info: PTR, length: ULONG, result_len: PTR) -> NTSTATUS:
    def run():
        vname = _ustr(name) or ""
        r = _call("get_key_value", handle=key & 0xFFFFFFFF, max=BIG, name=vname)
        fixed, var = _value_info(cls, r.type, vname, r.data)
        return _fill(info, length, result_len, fixed, var)
    return _run(run)


@dll.stdcall
def NtEnumerateValueKey(key: HANDLE, index: ULONG, cls: ULONG, info: PTR, length: ULONG,
                        result_len: PTR) -> NTSTATUS:
    def run():
        r = _call("enum_value", handle=key & 0xFFFFFFFF, index=index, max=BIG)
        fixed, var = _value_info(cls, r.type, r.name, r.data)
        return _fill(info, length, result_len, fixed, var)
    return _run(run)


def _key_info(cls, modif, name, klass, full=None):
    nb = name.encode("utf-16-le", "surrogatepass")
    cb = klass.encode("utf-16-le", "surrogatepass")
    if cls == KeyBasicInformation:
        return struct.pack("<QII", modif, 0, len(nb)), nb
    if cls == KeyNodeInformation:
        return struct.pack("<QIIII", modif, 0, 24 + len(nb), len(cb), len(nb)), nb + cb
    if cls == KeyNameInformation:
        return struct.pack("<I", len(nb)), nb
    if cls == KeyFullInformation and full is not None:
        return struct.pack("<QIIIIIIIII", modif, 0, 44 if cb else 0xFFFFFFFF, len(cb), full.subkeys,
                           full.max_subkey * 2, full.max_class * 2, full.values, full.max_value * 2,
                           full.max_data), cb
    raise NtError(STATUS_INVALID_PARAMETER)


@dll.stdcall
def NtEnumerateKey(key: HANDLE, index: ULONG, cls: ULONG, info: PTR, length: ULONG, result_len: PTR) -> NTSTATUS:
    def run():
        k = key & 0xFFFFFFFF
        r = _call("enum_key", handle=k, index=index)
        full = None
        if cls == KeyFullInformation:
            sub = _call("open_key", parent=k, access=0x20019, options=0, name=r.name).handle
            try:
                full = _call("query_key", handle=sub)
            finally:
                server().call("close_handle", handle=sub)
        fixed, var = _key_info(cls, r.modif, r.name, r.cls, full)
        return _fill(info, length, result_len, fixed, var)
    return _run(run)


@dll.stdcall
def NtQueryKey(key: HANDLE, cls: ULONG, info: PTR, length: ULONG, result_len: PTR) -> NTSTATUS:
    def run():
        r = _call("query_key", handle=key & 0xFFFFFFFF)
        fixed, var = _key_info(cls, r.modif, r.name, r.cls, r)
        return _fill(info, length, result_len, fixed, var)
    return _run(run)


# ---- change notification -------------------------------------------------------------------
#
# The server signals a server event.  A program's event that still lives in the process
# (kernel32 keeps unnamed full-access events local) is moved into the server first, at
# the same handle value (kernel32.objects.promote), so a change made by any process
# signals it.

ERROR_INVALID_PARAMETER = 87


def _server_event(event: int) -> None:
    p = proc()
    try:
        from winelike.handles import table
        from winelike.dlls.kernel32 import objects
    except ImportError:
        return
    obj = table(p).get(event)
    if isinstance(obj, objects.Event):
        if not objects.promote(obj):
            raise NtError(STATUS_INVALID_HANDLE)


def notify_change(k: int, subtree, flt, event, asynchronous) -> int:
    """Watch server key k; a Win32 error code (0 on success).  Synchronous: wait for the change."""
    p = proc()
    if asynchronous and not event:
        return ERROR_INVALID_PARAMETER
    try:
        if not asynchronous:
            sev = _call("create_event", access=0x1F0003, inherit=0, manual_reset=1, initial_state=0, name="").handle
            try:
                _call("notify_key", handle=k, event=sev, subtree=subtree, filter=flt & 0xF)
                with p.blocking():
                    server().call("select", flags=0, timeout=(1 << 64) - 1, handles=(sev,))
            finally:
                server().call("close_handle", handle=sev)
            return 0
        _server_event(event)
        _call("notify_key", handle=k, event=event & 0xFFFFFFFF, subtree=subtree, filter=flt & 0xF)
    except NtError as e:
        return _WIN32.get(e.status, 31)           # ERROR_GEN_FAILURE
    return 0


@dll.stdcall
def NtNotifyChangeKey(key: HANDLE, event: HANDLE, apc: PTR, apc_ctx: PTR, iosb: PTR, flt: ULONG, subtree: BOOLEAN,
                      buf: PTR, length: ULONG, asynchronous: BOOLEAN) -> NTSTATUS:
    if apc:
        ch.fixme("NtNotifyChangeKey", "APC routines are not supported")
    err = notify_change(key & 0xFFFFFFFF, subtree, flt, event, asynchronous)
    if err:
        return _STATUS.get(err, 0xC0000001)
    return STATUS_PENDING if asynchronous else STATUS_SUCCESS
