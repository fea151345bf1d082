"""The registry API: Reg* (A and W), over the server's keys (winelike/server/registry.py).

Key handles are server handles.  The predefined keys (HKEY_LOCAL_MACHINE...) are
opened on first use and kept for the process, as Wine does; 64-bit programs pass them
sign-extended (0xFFFFFFFF80000002), 32-bit ones zero-extended.  HKEY_CLASSES_ROOT is
the server's merged view of HKCU\\Software\\Classes over HKLM\\Software\\Classes, as on
Windows (Wine 8 does not merge: its HKCR is HKLM\\Software\\Classes).
Reg* functions return their Win32 error and leave the last error alone.

The A functions convert names with the process code page; string data (REG_SZ,
REG_EXPAND_SZ, REG_MULTI_SZ) is stored as UTF-16 and converted both ways, sizes being
reported in the caller's units, as Wine does.
"""
from __future__ import annotations

from contextlib import contextmanager

from winelike import debug
from winelike.abi.types import BOOL, DWORD, HANDLE, LONG, LPCSTR, LPCWSTR, PTR
from winelike.dlls.winapi import proc, server, ERROR_FILE_NOT_FOUND, \
    ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, ERROR_MORE_DATA, ERROR_NOACCESS
from winelike.dlls.ntdll.registry import notify_change
from . import dll

ch = debug.Channel("reg")

ERROR_SUCCESS = 0
ERROR_BADKEY = 1010
ERROR_NO_MORE_ITEMS = 259
ERROR_DATATYPE_MISMATCH = 1629
ERROR_UNSUPPORTED_TYPE = 1630
ERROR_CALL_NOT_IMPLEMENTED = 120

REG_NONE, REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD = 0, 1, 2, 3, 4
REG_MULTI_SZ, REG_QWORD = 7, 11
STRING_TYPES = (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ)

HKEY_CLASSES_ROOT = 0x80000000
HKEY_CURRENT_USER = 0x80000001
HKEY_LOCAL_MACHINE = 0x80000002
HKEY_USERS = 0x80000003
HKEY_PERFORMANCE_DATA = 0x80000004
HKEY_CURRENT_CONFIG = 0x80000005
HKEY_DYN_DATA = 0x80000006
PREDEFINED = {
    HKEY_CURRENT_USER: "User\\S-1-5-21-0-0-0-1000",
    HKEY_LOCAL_MACHINE: "Machine",
    HKEY_USERS: "User",
    HKEY_CURRENT_CONFIG: "Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current",
}
MAXIMUM_ALLOWED = 0x02000000
KEY_QUERY_VALUE, KEY_SET_VALUE, KEY_CREATE_SUB_KEY, KEY_ENUMERATE_SUB_KEYS, KEY_NOTIFY = 1, 2, 4, 8, 0x10
KEY_READ = 0x20019
KEY_WOW64_64KEY, KEY_WOW64_32KEY = 0x100, 0x200
DELETE = 0x10000
REG_OPTION_VOLATILE = 1
REG_OPTION_CREATE_LINK = 2
REG_OPTION_BACKUP_RESTORE = 4
REG_OPTION_OPEN_LINK = 8
REG_CREATED_NEW_KEY, REG_OPENED_EXISTING_KEY = 1, 2

RRF_RT_REG_NONE, RRF_RT_REG_SZ, RRF_RT_REG_EXPAND_SZ, RRF_RT_REG_BINARY = 1, 2, 4, 8
RRF_RT_REG_DWORD, RRF_RT_REG_MULTI_SZ, RRF_RT_REG_QWORD = 0x10, 0x20, 0x40
RRF_RT_DWORD = RRF_RT_REG_BINARY | RRF_RT_REG_DWORD
RRF_RT_QWORD = RRF_RT_REG_BINARY | RRF_RT_REG_QWORD
RRF_RT_ANY = 0xFFFF
RRF_NOEXPAND = 0x10000000
RRF_ZEROONFAILURE = 0x20000000
_TYPE_MASK = {REG_NONE: RRF_RT_REG_NONE, REG_SZ: RRF_RT_REG_SZ, REG_EXPAND_SZ: RRF_RT_REG_EXPAND_SZ,
              REG_BINARY: RRF_RT_REG_BINARY, REG_DWORD: RRF_RT_REG_DWORD, REG_MULTI_SZ: RRF_RT_REG_MULTI_SZ,
              REG_QWORD: RRF_RT_REG_QWORD}
REG_LEGAL_CHANGE_FILTER = 0x1000000F
REG_NOTIFY_THREAD_AGNOSTIC = 0x10000000
BIG = 0xFFFFFFFF
ERROR_NOT_ENOUGH_MEMORY = 8
MAX_VALUE_DATA = 1 << 20          # what the protocol carries (server/registry.py MAX_VALUE_DATA)


class RegError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def _call(request, **fields):
    try:
        r = server().call(request, **fields)
    except ValueError:                   # a name too long for a request frame
        raise RegError(ERROR_INVALID_PARAMETER) from None
    if r.error and r.error != 183:
        raise RegError(r.error)
    return r


def _predefined_index(h: int):
    """The HKEY_* constant h stands for, taking sign extension into account, or None."""
    if h >> 32 == 0xFFFFFFFF:
        h &= 0xFFFFFFFF
    if 0x80000000 <= h <= 0x80000006:
        return h
    return None


def hkey(h: int) -> int:
    """The server handle for a key handle the program passed (RegError if it is not one)."""
    pre = _predefined_index(h)
    if pre is None:
        if h == 0 or h >> 32:
            raise RegError(ERROR_INVALID_HANDLE)
        return h
    p = proc()
    cache = p.state.setdefault("advapi32.hkeys", {})
    sh = cache.get(pre)
    if sh is None:
        path = PREDEFINED.get(pre)
        if pre == HKEY_CLASSES_ROOT:
            sh = _call("open_classes_root", access=MAXIMUM_ALLOWED).handle
        elif path is None:
            ch.fixme("hkey", f"predefined key {pre:#x} is not supported")
            raise RegError(ERROR_INVALID_HANDLE)
        else:
            sh = _call("create_key", parent=0, access=MAXIMUM_ALLOWED, options=0, name=path, cls="").handle
        cache[pre] = sh
    return sh


@contextmanager
def _subkey(k, name, access, create=False):
    """Server key k's subkey `name`, opened (or created) for a with block and closed after;
    k itself when name is empty.  RegError when it cannot be opened."""
    if not name:
        yield k
        return
    if create:
        sub = _call("create_key", parent=k, access=access, options=0, name=name, cls="").handle
    else:
        sub = _call("open_key", parent=k, access=access, options=0, name=name).handle
    try:
        yield sub
    finally:
        server().call("close_handle", handle=sub)


def _ret(fn):
    """Run fn() and turn a RegError (or a bad guest pointer) into the returned error."""
    try:
        fn_result = fn()
    except RegError as e:
        return e.code
    return ERROR_SUCCESS if fn_result is None else fn_result


def _wstr_bytes(s: str) -> bytes:
    return s.encode("utf-16-le", "surrogatepass")


def _to_ansi(data: bytes) -> bytes:
    """UTF-16 string data -> ANSI bytes of the same characters (terminators included)."""
    p = proc()
    n = len(data) & ~1
    text = data[:n].decode("utf-16-le", "replace")
    out = p.encode_astr(text)
    if len(data) & 1:
        out += data[-1:]
    return out


def _out32(ptr, v):
    if ptr:
        proc().mem.w32(ptr, v & 0xFFFFFFFF)


def _out_handle(ptr, v):
    if ptr:
        proc().mem.wptr(ptr, v)


# ---- open, create, close ---------------------------------------------------------------

def open_key(h, name, options, access, out):
    if not out:
        return ERROR_INVALID_PARAMETER
    _out_handle(out, 0)

    def run():
        parent = hkey(h)
        n = name or ""
        if _predefined_index(h) == HKEY_CLASSES_ROOT and n.startswith("\\"):
            n = n[1:]
        r = _call("open_key", parent=parent, access=access, options=options & REG_OPTION_OPEN_LINK, name=n)
        _out_handle(out, r.handle)
    return _ret(run)


@dll.stdcall
def RegOpenKeyExW(h: HANDLE, name: LPCWSTR, options: DWORD, access: DWORD, out: PTR) -> LONG:
    return open_key(h, name, options, access, out)


@dll.stdcall
def RegOpenKeyExA(h: HANDLE, name: LPCSTR, options: DWORD, access: DWORD, out: PTR) -> LONG:
    return open_key(h, name, options, access, out)


def _same_key(h, out):
    """RegOpenKey/RegCreateKey with no name: h itself, when it is a key handle."""
    try:
        hkey(h)
    except RegError as e:
        return e.code
    _out_handle(out, h)
    return ERROR_SUCCESS


def open_key_simple(h, name, out):
    if not out:
        return ERROR_INVALID_PARAMETER
    if not name:
        return _same_key(h, out)
    return open_key(h, name, 0, MAXIMUM_ALLOWED, out)


@dll.stdcall
def RegOpenKeyW(h: HANDLE, name: LPCWSTR, out: PTR) -> LONG:
    return open_key_simple(h, name, out)


@dll.stdcall
def RegOpenKeyA(h: HANDLE, name: LPCSTR, out: PTR) -> LONG:
    return open_key_simple(h, name, out)


def create_key(h, name, cls, options, access, out, disp):
    if not out:
        return ERROR_BADKEY
    if name is None:
        return ERROR_INVALID_PARAMETER
    if options & ~(REG_OPTION_VOLATILE | REG_OPTION_CREATE_LINK | REG_OPTION_BACKUP_RESTORE | REG_OPTION_OPEN_LINK):
        return ERROR_INVALID_PARAMETER

    def run():
        parent = hkey(h)
        r = _call("create_key", parent=parent, access=access, options=options, name=name, cls=cls or "")
        _out_handle(out, r.handle)
        _out32(disp, REG_CREATED_NEW_KEY if r.created else REG_OPENED_EXISTING_KEY)
    return _ret(run)


@dll.stdcall
def RegCreateKeyExW(h: HANDLE, name: LPCWSTR, reserved: DWORD, cls: LPCWSTR, options: DWORD, access: DWORD,
                    sa: PTR, out: PTR, disp: PTR) -> LONG:
    return create_key(h, name, cls, options, access, out, disp)


@dll.stdcall
def RegCreateKeyExA(h: HANDLE, name: LPCSTR, reserved: DWORD, cls: LPCSTR, options: DWORD, access: DWORD,
                    sa: PTR, out: PTR, disp: PTR) -> LONG:
    return create_key(h, name, cls, options, access, out, disp)


def create_key_simple(h, name, out):
    if not out:
        return ERROR_INVALID_PARAMETER
    if not name:
        return _same_key(h, out)
    return create_key(h, name, None, 0, MAXIMUM_ALLOWED, out, 0)


@dll.stdcall
def RegCreateKeyW(h: HANDLE, name: LPCWSTR, out: PTR) -> LONG:
    return create_key_simple(h, name, out)


@dll.stdcall
def RegCreateKeyA(h: HANDLE, name: LPCSTR, out: PTR) -> LONG:
    return create_key_simple(h, name, out)


@dll.stdcall
def RegCloseKey(h: HANDLE) -> LONG:
    if not h:
        return ERROR_INVALID_HANDLE
    if _predefined_index(h) is not None:
        return ERROR_SUCCESS
    r = server().call("close_handle", handle=h & 0xFFFFFFFF)
    return ERROR_INVALID_HANDLE if r.error else ERROR_SUCCESS


@dll.stdcall
def RegOpenCurrentUser(access: DWORD, out: PTR) -> LONG:
    return open_key(HKEY_CURRENT_USER, "", 0, access, out)


@dll.stdcall
def RegDisablePredefinedCache() -> LONG:
    """The predefined handles are per process here; nothing is shared to disable."""
    return ERROR_SUCCESS


def connect_registry(machine, h, out):
    if not out:
        return ERROR_INVALID_PARAMETER
    if machine:
        ch.fixme("RegConnectRegistry", f"remote registry {machine!r} is not supported")
        return 53                       # ERROR_BAD_NETPATH
    return open_key(h, "", 0, MAXIMUM_ALLOWED, out)


@dll.stdcall
def RegConnectRegistryW(machine: LPCWSTR, h: HANDLE, out: PTR) -> LONG:
    return connect_registry(machine, h, out)


@dll.stdcall
def RegConnectRegistryA(machine: LPCSTR, h: HANDLE, out: PTR) -> LONG:
    return connect_registry(machine, h, out)


@dll.stdcall
def RegFlushKey(h: HANDLE) -> LONG:
    return _ret(lambda: _call("flush_key", handle=hkey(h)) and None)


# ---- values ------------------------------------------------------------------------------

def _fix_terminator(p, t, data_ptr, count, unit):
    """NT adds the terminator a caller forgot to count (its string is terminated in memory)."""
    if count and t in STRING_TYPES and count >= unit:
        last = p.mem.read(data_ptr + count - unit, unit)
        try:
            after = p.mem.read(data_ptr + count, unit)
        except Exception:
            return count
        if any(last) and not any(after):
            return count + unit
    return count


def set_value(h, name, t, data_ptr, count, ansi):
    p = proc()
    if data_ptr and data_ptr >> 16 == 0:
        return ERROR_NOACCESS
    if not data_ptr and count:
        return ERROR_NOACCESS

    def run():
        k = hkey(h)
        n = count
        if data_ptr:
            n = _fix_terminator(p, t, data_ptr, count, 1 if ansi else 2)
        if n > MAX_VALUE_DATA * 2:
            raise RegError(ERROR_NOT_ENOUGH_MEMORY)
        data = p.mem.read(data_ptr, n) if n else b""
        if ansi and t in STRING_TYPES:
            data = data.decode(p.acp, "replace").encode("utf-16-le", "surrogatepass")
        if len(data) > MAX_VALUE_DATA:
            ch.fixme("RegSetValueEx", f"values over {MAX_VALUE_DATA} bytes are not supported ({len(data)})")
            raise RegError(ERROR_NOT_ENOUGH_MEMORY)
        _call("set_key_value", handle=k, type=t, name=name or "", data=data)
    return _ret(run)


@dll.stdcall
def RegSetValueExW(h: HANDLE, name: LPCWSTR, reserved: DWORD, t: DWORD, data: PTR, count: DWORD) -> LONG:
    return set_value(h, name, t, data, count, False)


@dll.stdcall
def RegSetValueExA(h: HANDLE, name: LPCSTR, reserved: DWORD, t: DWORD, data: PTR, count: DWORD) -> LONG:
    return set_value(h, name, t, data, count, True)


def set_key_value(h, subkey, name, t, data_ptr, count, ansi):
    if not subkey:
        return set_value(h, name, t, data_ptr, count, ansi)
    try:
        with _subkey(hkey(h), subkey, KEY_SET_VALUE, create=True) as sub:
            return set_value(sub, name, t, data_ptr, count, ansi)
    except RegError as e:
        return e.code


@dll.stdcall
def RegSetKeyValueW(h: HANDLE, subkey: LPCWSTR, name: LPCWSTR, t: DWORD, data: PTR, count: DWORD) -> LONG:
    return set_key_value(h, subkey, name, t, data, count, False)


@dll.stdcall
def RegSetKeyValueA(h: HANDLE, subkey: LPCSTR, name: LPCSTR, t: DWORD, data: PTR, count: DWORD) -> LONG:
    return set_key_value(h, subkey, name, t, data, count, True)


@dll.stdcall
def RegSetValueW(h: HANDLE, subkey: LPCWSTR, t: DWORD, data: PTR, count: DWORD) -> LONG:
    if t != REG_SZ or not data:
        return ERROR_INVALID_PARAMETER
    n = len(proc().mem.wstr_bytes(data)) + 2
    return set_key_value(h, subkey, None, t, data, n, False)


@dll.stdcall
def RegSetValueA(h: HANDLE, subkey: LPCSTR, t: DWORD, data: PTR, count: DWORD) -> LONG:
    if t != REG_SZ or not data:
        return ERROR_INVALID_PARAMETER
    n = len(proc().mem.cstr(data)) + 1
    return set_key_value(h, subkey, None, t, data, n, True)


def _get(k, name, want):
    """(type, full size, data or None when larger than want)."""
    r = _call("get_key_value", handle=k, max=want, name=name or "")
    return r.type, r.size, (r.data if r.size <= want else None)


def _query_full(k, name):
    r = _call("get_key_value", handle=k, max=BIG, name=name or "")
    return r.type, r.data


def query_value_w(k, name, type_ptr, data_ptr, count_ptr):
    """RegQueryValueExW once the handle is known; raises RegError."""
    p = proc()
    cap = p.mem.u32(count_ptr) if count_ptr else 0
    t, size, data = _get(k, name, cap if data_ptr else 0)
    err = ERROR_SUCCESS
    if data_ptr:
        if data is None:
            err = ERROR_MORE_DATA
        else:
            p.mem.write(data_ptr, data)
            # a string stored without its terminator gets one when there is room
            if t in STRING_TYPES and size + 2 <= cap and size >= 2 and data[size - 2:size] != b"\0\0":
                p.mem.write(data_ptr + size, b"\0\0")
    _out32(type_ptr, t)
    _out32(count_ptr, size)
    return err


def query_value_a(k, name, type_ptr, data_ptr, count_ptr):
    p = proc()
    cap = p.mem.u32(count_ptr) if count_ptr else 0
    t, size, data = _get(k, name, BIG)
    err = ERROR_SUCCESS
    if t in STRING_TYPES:
        data = _to_ansi(data)
        size = len(data)
        if data_ptr and size:
            if size > cap:
                err = ERROR_MORE_DATA
            else:
                p.mem.write(data_ptr, data)
                if size < cap and data[-1]:
                    p.mem.write(data_ptr + size, b"\0")
    elif data_ptr:
        if size > cap:
            err = ERROR_MORE_DATA
        else:
            p.mem.write(data_ptr, data)
    _out32(type_ptr, t)
    _out32(count_ptr, size)
    return err


def query_value(h, name, reserved, type_ptr, data_ptr, count_ptr, ansi):
    if (data_ptr and not count_ptr) or reserved:
        return ERROR_INVALID_PARAMETER
    return _ret(lambda: (query_value_a if ansi else query_value_w)(hkey(h), name, type_ptr, data_ptr, count_ptr))


@dll.stdcall
def RegQueryValueExW(h: HANDLE, name: LPCWSTR, reserved: PTR, t: PTR, data: PTR, count: PTR) -> LONG:
    return query_value(h, name, reserved, t, data, count, False)


@dll.stdcall
def RegQueryValueExA(h: HANDLE, name: LPCSTR, reserved: PTR, t: PTR, data: PTR, count: PTR) -> LONG:
    return query_value(h, name, reserved, t, data, count, True)


def query_value_simple(h, subkey, data_ptr, count_ptr, ansi):
    if not h:
        return ERROR_INVALID_HANDLE
    try:
        with _subkey(hkey(h), subkey, MAXIMUM_ALLOWED) as k:
            try:
                return (query_value_a if ansi else query_value_w)(k, None, 0, data_ptr, count_ptr)
            except RegError as e:
                if e.code != ERROR_FILE_NOT_FOUND:
                    raise
        unit = 1 if ansi else 2                  # no default value: an empty string
        if data_ptr:
            proc().mem.write(data_ptr, b"\0" * unit)
        _out32(count_ptr, unit)
        return ERROR_SUCCESS
    except RegError as e:
        return e.code


@dll.stdcall
def RegQueryValueW(h: HANDLE, subkey: LPCWSTR, data: PTR, count: PTR) -> LONG:
    return query_value_simple(h, subkey, data, count, False)


@dll.stdcall
def RegQueryValueA(h: HANDLE, subkey: LPCSTR, data: PTR, count: PTR) -> LONG:
    return query_value_simple(h, subkey, data, count, True)


def _restrict(flags, t, size, err):
    if err not in (ERROR_SUCCESS, ERROR_MORE_DATA):
        return err
    mask = _TYPE_MASK.get(t, 0)
    if not flags & mask:
        return ERROR_UNSUPPORTED_TYPE
    expect = None
    if t == REG_DWORD:
        expect = 4
    elif t == REG_QWORD:
        expect = 8
    elif t == REG_BINARY:
        rt = flags & RRF_RT_ANY
        if rt == RRF_RT_DWORD:
            expect = 4
        elif rt == RRF_RT_QWORD:
            expect = 8
    if expect is not None and size != expect:
        return ERROR_DATATYPE_MISMATCH
    return err


def get_value(h, subkey, name, flags, type_ptr, data_ptr, count_ptr, ansi):
    p = proc()
    if data_ptr and not count_ptr:
        return ERROR_INVALID_PARAMETER
    if flags & RRF_RT_REG_EXPAND_SZ and not flags & RRF_NOEXPAND and flags & RRF_RT_ANY != RRF_RT_ANY:
        return ERROR_INVALID_PARAMETER
    cap = p.mem.u32(count_ptr) if count_ptr else 0
    try:
        with _subkey(hkey(h), subkey, KEY_QUERY_VALUE) as k:
            t, data = _query_full(k, name)
    except RegError as e:
        if data_ptr and flags & RRF_ZEROONFAILURE and cap:
            p.mem.write(data_ptr, b"\0" * cap)
        return e.code
    if t == REG_EXPAND_SZ and not flags & RRF_NOEXPAND:
        from winelike.dlls.kernel32.environ import expand
        text = data[:len(data) & ~1].decode("utf-16-le", "replace").split("\0", 1)[0]
        text = expand(text) + "\0"
        data = p.encode_astr(text) if ansi else text.encode("utf-16-le", "surrogatepass")
        t = REG_SZ
    elif ansi and t in STRING_TYPES:
        data = _to_ansi(data)
    size = len(data)
    err = ERROR_SUCCESS
    if data_ptr:
        if size > cap:
            err = ERROR_MORE_DATA
        else:
            p.mem.write(data_ptr, data)
    err = _restrict(flags, t, size, err)
    if data_ptr and err != ERROR_SUCCESS and flags & RRF_ZEROONFAILURE and cap:
        p.mem.write(data_ptr, b"\0" * cap)
    _out32(type_ptr, t)
    _out32(count_ptr, size)
    return err


@dll.stdcall
def RegGetValueW(h: HANDLE, subkey: LPCWSTR, name: LPCWSTR, flags: DWORD, t: PTR, data: PTR, count: PTR) -> LONG:
    return get_value(h, subkey, name, flags, t, data, count, False)


@dll.stdcall
def RegGetValueA(h: HANDLE, subkey: LPCSTR, name: LPCSTR, flags: DWORD, t: PTR, data: PTR, count: PTR) -> LONG:
    return get_value(h, subkey, name, flags, t, data, count, True)


def delete_value(h, name):
    def run():
        _call("delete_value", handle=hkey(h), name=name or "")
    return _ret(run)


@dll.stdcall
def RegDeleteValueW(h: HANDLE, name: LPCWSTR) -> LONG:
    return delete_value(h, name)


@dll.stdcall
def RegDeleteValueA(h: HANDLE, name: LPCSTR) -> LONG:
    return delete_value(h, name)


def delete_key_value(h, subkey, name):
    if not subkey:
        return delete_value(h, name)
    try:
        with _subkey(hkey(h), subkey, KEY_SET_VALUE) as sub:
            return delete_value(sub, name)
    except RegError as e:
        return e.code


@dll.stdcall
def RegDeleteKeyValueW(h: HANDLE, subkey: LPCWSTR, name: LPCWSTR) -> LONG:
    return delete_key_value(h, subkey, name)


@dll.stdcall
def RegDeleteKeyValueA(h: HANDLE, subkey: LPCSTR, name: LPCSTR) -> LONG:
    return delete_key_value(h, subkey, name)


# ---- enumeration and information -------------------------------------------------------

def enum_key(h, index, name_ptr, name_len_ptr, reserved, cls_ptr, cls_len_ptr, ft_ptr, ansi):
    p = proc()
    if reserved or not name_len_ptr:
        return ERROR_INVALID_PARAMETER
    try:
        r = _call("enum_key", handle=hkey(h), index=index)
    except RegError as e:
        return e.code
    enc = p.encode_astr if ansi else _wstr_bytes
    unit = 1 if ansi else 2
    name = enc(r.name)
    cls = enc(r.cls)
    if ft_ptr:
        p.mem.w64(ft_ptr, r.modif)
    cap = p.mem.u32(name_len_ptr)
    ccap = p.mem.u32(cls_len_ptr) if cls_len_ptr else 0
    if len(name) // unit >= cap or (cls_ptr and cls_len_ptr and len(cls) // unit >= ccap):
        return ERROR_MORE_DATA
    p.mem.w32(name_len_ptr, len(name) // unit)
    p.mem.write(name_ptr, name + b"\0" * unit)
    if cls_len_ptr:
        p.mem.w32(cls_len_ptr, len(cls) // unit)
        if cls_ptr:
            p.mem.write(cls_ptr, cls + b"\0" * unit)
    return ERROR_SUCCESS


@dll.stdcall
def RegEnumKeyExW(h: HANDLE, index: DWORD, name: PTR, name_len: PTR, reserved: PTR, cls: PTR, cls_len: PTR,
                  ft: PTR) -> LONG:
    return enum_key(h, index, name, name_len, reserved, cls, cls_len, ft, False)


@dll.stdcall
def RegEnumKeyExA(h: HANDLE, index: DWORD, name: PTR, name_len: PTR, reserved: PTR, cls: PTR, cls_len: PTR,
                  ft: PTR) -> LONG:
    return enum_key(h, index, name, name_len, reserved, cls, cls_len, ft, True)


def enum_key_simple(h, index, name_ptr, size, ansi):
    p = proc()
    try:
        r = _call("enum_key", handle=hkey(h), index=index)
    except RegError as e:
        return e.code
    name = p.encode_astr(r.name) if ansi else _wstr_bytes(r.name)
    unit = 1 if ansi else 2
    if len(name) // unit >= size:
        return ERROR_MORE_DATA
    p.mem.write(name_ptr, name + b"\0" * unit)
    return ERROR_SUCCESS


@dll.stdcall
def RegEnumKeyW(h: HANDLE, index: DWORD, name: PTR, size: DWORD) -> LONG:
    return enum_key_simple(h, index, name, size, False)


@dll.stdcall
def RegEnumKeyA(h: HANDLE, index: DWORD, name: PTR, size: DWORD) -> LONG:
    return enum_key_simple(h, index, name, size, True)


def enum_value(h, index, name_ptr, name_len_ptr, reserved, type_ptr, data_ptr, count_ptr, ansi):
    p = proc()
    if reserved or not name_len_ptr or (data_ptr and not count_ptr):
        return ERROR_INVALID_PARAMETER
    try:
        r = _call("enum_value", handle=hkey(h), index=index, max=BIG)
    except RegError as e:
        return e.code
    unit = 1 if ansi else 2
    name = p.encode_astr(r.name) if ansi else _wstr_bytes(r.name)
    data = r.data
    if ansi and r.type in STRING_TYPES:
        data = _to_ansi(data)
    err = ERROR_SUCCESS
    if name_ptr or data_ptr:
        if name_ptr:
            if len(name) // unit >= p.mem.u32(name_len_ptr):
                err = ERROR_MORE_DATA
            else:
                p.mem.write(name_ptr, name + b"\0" * unit)
                p.mem.w32(name_len_ptr, len(name) // unit)
        if data_ptr and err == ERROR_SUCCESS:
            cap = p.mem.u32(count_ptr)
            if len(data) > cap:
                err = ERROR_MORE_DATA
            else:
                p.mem.write(data_ptr, data)
                if r.type in STRING_TYPES and len(data) + unit <= cap and data and \
                        data[len(data) - unit:] != b"\0" * unit:
                    p.mem.write(data_ptr + len(data), b"\0" * unit)
    _out32(type_ptr, r.type)
    _out32(count_ptr, len(data))
    return err


@dll.stdcall
def RegEnumValueW(h: HANDLE, index: DWORD, name: PTR, name_len: PTR, reserved: PTR, t: PTR, data: PTR,
                  count: PTR) -> LONG:
    return enum_value(h, index, name, name_len, reserved, t, data, count, False)


@dll.stdcall
def RegEnumValueA(h: HANDLE, index: DWORD, name: PTR, name_len: PTR, reserved: PTR, t: PTR, data: PTR,
                  count: PTR) -> LONG:
    return enum_value(h, index, name, name_len, reserved, t, data, count, True)


def query_info(h, cls_ptr, cls_len_ptr, reserved, subkeys, max_subkey, max_class, values, max_value,
               max_data, security, modif, ansi):
    p = proc()
    if reserved:
        return ERROR_INVALID_PARAMETER
    try:
        r = _call("query_key", handle=hkey(h))
    except RegError as e:
        return e.code
    err = ERROR_SUCCESS
    unit = 1 if ansi else 2
    cls = p.encode_astr(r.cls) if ansi else _wstr_bytes(r.cls)
    if cls_len_ptr:
        cap = p.mem.u32(cls_len_ptr)
        if cls_ptr and cap:
            if len(cls) // unit + 1 > cap:
                err = ERROR_MORE_DATA
            else:
                p.mem.write(cls_ptr, cls + b"\0" * unit)
        p.mem.w32(cls_len_ptr, len(cls) // unit)
    _out32(subkeys, r.subkeys)
    _out32(max_subkey, r.max_subkey)
    _out32(max_class, r.max_class)
    _out32(values, r.values)
    _out32(max_value, r.max_value)
    _out32(max_data, r.max_data)
    _out32(security, 0)
    if modif:
        p.mem.w64(modif, r.modif)
    return err


@dll.stdcall
def RegQueryInfoKeyW(h: HANDLE, cls: PTR, cls_len: PTR, reserved: PTR, subkeys: PTR, max_subkey: PTR,
                     max_class: PTR, values: PTR, max_value: PTR, max_data: PTR, security: PTR,
                     modif: PTR) -> LONG:
    return query_info(h, cls, cls_len, reserved, subkeys, max_subkey, max_class, values, max_value, max_data,
                      security, modif, False)


@dll.stdcall
def RegQueryInfoKeyA(h: HANDLE, cls: PTR, cls_len: PTR, reserved: PTR, subkeys: PTR, max_subkey: PTR,
                     max_class: PTR, values: PTR, max_value: PTR, max_data: PTR, security: PTR,
                     modif: PTR) -> LONG:
    return query_info(h, cls, cls_len, reserved, subkeys, max_subkey, max_class, values, max_value, max_data,
                      security, modif, True)


# ---- deleting and copying trees ----------------------------------------------------------

def delete_key(h, name, access=0):
    if name is None:
        return ERROR_INVALID_PARAMETER
    try:
        sub = _call("open_key", parent=hkey(h), access=DELETE | (access & (KEY_WOW64_32KEY | KEY_WOW64_64KEY)),
                    options=0, name=name).handle
    except RegError as e:
        return e.code
    try:
        r = server().call("delete_key", handle=sub)
        return r.error
    finally:
        server().call("close_handle", handle=sub)


@dll.stdcall
def RegDeleteKeyW(h: HANDLE, name: LPCWSTR) -> LONG:
    return delete_key(h, name)


@dll.stdcall
def RegDeleteKeyA(h: HANDLE, name: LPCSTR) -> LONG:
    return delete_key(h, name)


@dll.stdcall
def RegDeleteKeyExW(h: HANDLE, name: LPCWSTR, access: DWORD, reserved: DWORD) -> LONG:
    return delete_key(h, name, access)


@dll.stdcall
def RegDeleteKeyExA(h: HANDLE, name: LPCSTR, access: DWORD, reserved: DWORD) -> LONG:
    return delete_key(h, name, access)


def _subkey_names(k):
    names = []
    i = 0
    while True:
        r = server().call("enum_key", handle=k, index=i)
        if r.error:
            if r.error == ERROR_NO_MORE_ITEMS:
                return names
            raise RegError(r.error)
        names.append(r.name)
        i += 1


def _delete_subtree(k):
    """Delete every subkey of the server handle k, depth first."""
    while True:
        r = server().call("enum_key", handle=k, index=0)
        if r.error == ERROR_NO_MORE_ITEMS:
            return
        if r.error:
            raise RegError(r.error)
        sub = _call("open_key", parent=k, access=KEY_READ | DELETE, options=0, name=r.name).handle
        try:
            _delete_subtree(sub)
            _call("delete_key", handle=sub)
        finally:
            server().call("close_handle", handle=sub)


def delete_tree(h, subkey):
    try:
        k = hkey(h)
        if subkey:
            with _subkey(k, subkey, KEY_READ | DELETE) as sub:
                _delete_subtree(sub)
                _call("delete_key", handle=sub)
        else:
            _delete_subtree(k)
            while True:
                r = server().call("enum_value", handle=k, index=0, max=0)
                if r.error == ERROR_NO_MORE_ITEMS:
                    break
                if r.error:
                    raise RegError(r.error)
                _call("delete_value", handle=k, name=r.name)
    except RegError as e:
        return e.code
    return ERROR_SUCCESS


@dll.stdcall
def RegDeleteTreeW(h: HANDLE, subkey: LPCWSTR) -> LONG:
    return delete_tree(h, subkey)


@dll.stdcall
def RegDeleteTreeA(h: HANDLE, subkey: LPCSTR) -> LONG:
    return delete_tree(h, subkey)


def copy_tree_handles(src, dst):
    i = 0
    while True:
        r = server().call("enum_value", handle=src, index=i, max=BIG)
        if r.error == ERROR_NO_MORE_ITEMS:
            break
        if r.error:
            raise RegError(r.error)
        _call("set_key_value", handle=dst, type=r.type, name=r.name, data=r.data)
        i += 1
    for name in _subkey_names(src):
        s = _call("open_key", parent=src, access=KEY_READ, options=0, name=name).handle
        try:
            d = _call("create_key", parent=dst, access=MAXIMUM_ALLOWED, options=0, name=name, cls="").handle
            try:
                copy_tree_handles(s, d)
            finally:
                server().call("close_handle", handle=d)
        finally:
            server().call("close_handle", handle=s)


def copy_tree(h_src, subkey, h_dst):
    try:
        src = hkey(h_src)
        dst = hkey(h_dst)
        with _subkey(src, subkey, KEY_READ) as src:
            copy_tree_handles(src, dst)
    except RegError as e:
        return e.code
    return ERROR_SUCCESS


@dll.stdcall
def RegCopyTreeW(src: HANDLE, subkey: LPCWSTR, dst: HANDLE) -> LONG:
    return copy_tree(src, subkey, dst)


@dll.stdcall
def RegCopyTreeA(src: HANDLE, subkey: LPCSTR, dst: HANDLE) -> LONG:
    return copy_tree(src, subkey, dst)


# ---- change notification (ntdll/registry.py holds the mechanism) ---------------------------

def notify(h, subtree, flt, event, asynchronous):
    try:
        k = hkey(h)
    except RegError as e:
        return e.code
    return notify_change(k, subtree, flt, event, asynchronous)


@dll.stdcall
def RegNotifyChangeKeyValue(h: HANDLE, subtree: BOOL, flt: DWORD, event: HANDLE, asynchronous: BOOL) -> LONG:
    return notify(h, subtree, flt, event, asynchronous)
