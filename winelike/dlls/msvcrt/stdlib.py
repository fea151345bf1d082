"""stdlib: the heap behind malloc/free, conversions, environment."""
from __future__ import annotations

from winelike.abi.types import INT, LONG, PTR, SIZE_T, VOID, ULONG
from winelike.dlls.winapi import proc
from . import dll
from .state import set_errno, ENOMEM, EINVAL, ERANGE


def _heap():
    return proc().process_heap


@dll.cdecl
def malloc(size: SIZE_T) -> PTR:
    r = _heap().alloc(size)
    if not r:
        set_errno(ENOMEM)
    return r


@dll.cdecl
def calloc(count: SIZE_T, size: SIZE_T) -> PTR:
    total = count * size
    if total >> proc().bits:
        set_errno(ENOMEM)
        return 0
    r = _heap().alloc(total, zero=True)
    if not r:
        set_errno(ENOMEM)
    return r


@dll.cdecl
def free(ptr: PTR) -> VOID:
    if ptr and not _heap().free_block(ptr):
        from winelike import debug
        debug.Channel("heap").err("free", f"invalid pointer {ptr:#x}")


@dll.cdecl
def realloc(ptr: PTR, size: SIZE_T) -> PTR:
    h = _heap()
    if not ptr:
        return malloc(size)
    if size == 0:
        h.free_block(ptr)
        return 0
    r = h.realloc(ptr, size)
    if not r:
        set_errno(ENOMEM)
    return r


@dll.cdecl
def _msize(ptr: PTR) -> SIZE_T:
    n = _heap().size(ptr)
    if n < 0:
        set_errno(EINVAL)
        return (1 << proc().bits) - 1
    return n


def _skip_ws(s: bytes, i: int) -> int:
    while i < len(s) and s[i] in b" \t\n\v\f\r":
        i += 1
    return i


def parse_int(s: bytes, base: int):
    """strtol's scan: returns (value, chars consumed, ok) with no range clamping."""
    i = _skip_ws(s, 0)
    neg = False
    if i < len(s) and s[i] in b"+-":
        neg = s[i] == 45
        i += 1
    if base == 0:
        if s[i:i + 2].lower() == b"0x" and i + 2 < len(s) and chr(s[i + 2]).lower() in "0123456789abcdef":
            base, i = 16, i + 2
        elif s[i:i + 1] == b"0":
            base = 8
        else:
            base = 10
    elif base == 16 and s[i:i + 2].lower() == b"0x" and i + 2 < len(s) and \
            chr(s[i + 2]).lower() in "0123456789abcdef":
        i += 2
    if base < 2 or base > 36:
        return 0, 0, False
    start = i
    v = 0
    while i < len(s):
        c = chr(s[i]).lower()
        d = ord(c) - 48 if c.isdigit() else (ord(c) - 87 if "a" <= c <= "z" else 99)
        if d >= base:
            break
        v = v * base + d
        i += 1
    if i == start:
        return 0, 0, True
    return (-v if neg else v), i, True


def _strtox(s_ptr, end_ptr, base, lo, hi, unsigned):
    p = proc()
    s = p.mem.cstr(s_ptr, 4096)
    v, n, ok = parse_int(s, base)
    if not ok:
        set_errno(EINVAL)
    if end_ptr:
        p.mem.wptr(end_ptr, s_ptr + n if n else s_ptr)
    if unsigned:
        mag = -v if v < 0 else v
        if mag > hi:
            set_errno(ERANGE)
            return hi
        return (v & hi) if v >= 0 else ((-mag) & hi)
    if v > hi:
        set_errno(ERANGE)
        return hi
    if v < lo:
        set_errno(ERANGE)
        return lo
    return v


@dll.cdecl
def strtol(s: PTR, end: PTR, base: INT) -> LONG:
    return _strtox(s, end, base, -(1 << 31), (1 << 31) - 1, False)


@dll.cdecl
def strtoul(s: PTR, end: PTR, base: INT) -> ULONG:
    return _strtox(s, end, base, 0, (1 << 32) - 1, True)


@dll.cdecl
def atoi(s: PTR) -> INT:
    v, n, ok = parse_int(proc().mem.cstr(s, 4096), 10)
    return v & 0xFFFFFFFF


@dll.cdecl
def atol(s: PTR) -> LONG:
    return atoi(s)


@dll.cdecl
def getenv(name: PTR) -> PTR:
    """Pointer into the CRT's environment copy (the one __getmainargs built)."""
    p = proc()
    from .state import crt
    key = p.mem.cstr(name).decode(p.acp, "replace")
    s = crt()
    env = s.static.get("env_strings")
    if env is None:
        env = s.static["env_strings"] = {}
    val = p.env_get(key)
    if val is None:
        return 0
    k = key.lower()
    cached = env.get(k)
    if cached is None or cached[0] != val:
        data = p.encode_astr(f"{key}={val}") + b"\0"
        addr = p.heap_alloc(len(data))
        p.mem.write(addr, data)
        cached = env[k] = (val, addr + len(p.encode_astr(key)) + 1)
    return cached[1]
