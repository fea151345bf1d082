"""stdlib.h: the heap behind malloc/free, number conversions, qsort/bsearch, rand, div.

Number parsing follows msvcrt: strtol and strtoul go through the 64-bit scanner
and then clamp (so strtoul("-1") is ULONG_MAX without an error, and a "0x" with
no hex digit after it converts nothing).  strtod is correctly rounded (Python's
float() is) and accepts msvcrt's 'd'/'D' exponent letter.
"""
from __future__ import annotations

import functools
import math

from winelike import debug
from winelike.abi.types import DOUBLE, INT, LONG, LONGLONG, PTR, SIZE_T, UINT, ULONG, ULONGLONG, VOID
from winelike.dlls.winapi import proc
from . import dll
from .state import crt, set_errno, ENOMEM, EINVAL, ERANGE

ch = debug.Channel("msvcrt")

I64_MAX = (1 << 63) - 1
I64_MIN = -(1 << 63)
U64_MAX = (1 << 64) - 1


def _heap():
    return proc().process_heap


# ---- heap --------------------------------------------------------------------------

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
def _recalloc(ptr: PTR, count: SIZE_T, size: SIZE_T) -> PTR:
    total = count * size
    old = _heap().size(ptr) if ptr else 0
    r = realloc(ptr, total)
    if r and total > old:
        proc().mem.fill(r + max(old, 0), 0, total - max(old, 0))
    return r


@dll.cdecl
def _expand(ptr: PTR, size: SIZE_T) -> PTR:
    r = _heap().realloc(ptr, size, in_place_only=True)
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


def _aligned_alloc(size, align, offset=0):
    """Layout as msvcrt: the pointer to the real block sits just below the aligned one."""
    p = proc()
    P = p.ptr_size
    if align & (align - 1) or (offset and offset >= size):
        set_errno(EINVAL)
        return 0
    align = max(align, P)
    raw = _heap().alloc(size + align + P + offset)
    if not raw:
        set_errno(ENOMEM)
        return 0
    addr = ((raw + P + offset + align - 1) & ~(align - 1)) - offset
    p.mem.wptr((addr & ~(P - 1)) - P, raw)
    return addr


@dll.cdecl
def _aligned_malloc(size: SIZE_T, align: SIZE_T) -> PTR:
    return _aligned_alloc(size, align)


@dll.cdecl
def _aligned_offset_malloc(size: SIZE_T, align: SIZE_T, offset: SIZE_T) -> PTR:
    return _aligned_alloc(size, align, offset)


@dll.cdecl
def _aligned_free(ptr: PTR) -> VOID:
    if ptr:
        P = proc().ptr_size
        free(proc().mem.ptr((ptr & ~(P - 1)) - P))


@dll.cdecl
def _aligned_realloc(ptr: PTR, size: SIZE_T, align: SIZE_T) -> PTR:
    if not ptr:
        return _aligned_alloc(size, align)
    if not size:
        _aligned_free(ptr)
        return 0
    p = proc()
    P = p.ptr_size
    raw = p.mem.ptr((ptr & ~(P - 1)) - P)
    old = _heap().size(raw) - (ptr - raw)
    new = _aligned_alloc(size, align)
    if new:
        p.mem.write(new, p.mem.read(ptr, min(old, size)))
        free(raw)
    return new


# ---- integer parsing -------------------------------------------------------------

_SPACE = b" \t\n\v\f\r"


def _digit(c: int) -> int:
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 122:
        return c - 87
    if 65 <= c <= 90:
        return c - 55
    return 99


def parse_int(s, base: int):
    """msvcrt's integer scan over a sequence of code units (bytes or ords).

    Returns (value, chars consumed (0 when no digit), ok); ok is False for a bad base.
    The value is exact (no clamping)."""
    n = len(s)
    i = 0
    while i < n and s[i] in _SPACE:
        i += 1
    neg = False
    if i < n and s[i] in (43, 45):
        neg = s[i] == 45
        i += 1
    if base < 0 or base == 1 or base > 36:
        return 0, 0, False
    if base in (0, 16) and i + 1 < n and s[i] == 48 and s[i + 1] in (120, 88):
        base = 16
        i += 2
    if base == 0:
        base = 8 if i < n and s[i] == 48 else 10
    start = i
    v = 0
    while i < n:
        d = _digit(s[i])
        if d >= base:
            break
        v = v * base + d
        i += 1
    if i == start:
        return 0, 0, True
    return (-v if neg else v), i, True


def _units(ptr: int, wide: bool):
    m = proc().mem
    if wide:
        b = m.wstr_bytes(ptr, 4096)
        return [c if c < 0x80 else 0xFF for c in memoryview(b).cast("H")]
    return m.cstr(ptr, 4096)


def _scan(s_ptr, end_ptr, base, wide):
    s = _units(s_ptr, wide)
    v, n, ok = parse_int(s, base)
    if not ok:
        set_errno(EINVAL)
    if end_ptr:
        proc().mem.wptr(end_ptr, s_ptr + n * (2 if wide else 1))
    return v, n


def strtoi64(s_ptr, end_ptr, base, wide=False) -> int:
    v, _ = _scan(s_ptr, end_ptr, base, wide)
    if v > I64_MAX:
        set_errno(ERANGE)
        return I64_MAX
    if v < I64_MIN:
        set_errno(ERANGE)
        return I64_MIN
    return v


def strtoui64(s_ptr, end_ptr, base, wide=False) -> int:
    v, _ = _scan(s_ptr, end_ptr, base, wide)
    if _babs(v) > U64_MAX:
        set_errno(ERANGE)
        return U64_MAX
    return v & U64_MAX


def strtol_(s_ptr, end_ptr, base, wide=False) -> int:
    v = strtoi64(s_ptr, end_ptr, base, wide)
    if v > 0x7FFFFFFF:
        set_errno(ERANGE)
        return 0x7FFFFFFF
    if v < -0x80000000:
        set_errno(ERANGE)
        return -0x80000000
    return v


def strtoul_(s_ptr, end_ptr, base, wide=False) -> int:
    v = strtoi64(s_ptr, end_ptr, base, wide)
    if v > 0xFFFFFFFF:
        set_errno(ERANGE)
        return 0xFFFFFFFF
    if v < -0xFFFFFFFF:
        set_errno(ERANGE)
        return 1
    return v & 0xFFFFFFFF


@dll.cdecl
def strtol(s: PTR, end: PTR, base: INT) -> LONG:
    return strtol_(s, end, base)


@dll.cdecl
def strtoul(s: PTR, end: PTR, base: INT) -> ULONG:
    return strtoul_(s, end, base)


@dll.cdecl
def _strtoi64(s: PTR, end: PTR, base: INT) -> LONGLONG:
    return strtoi64(s, end, base)


@dll.cdecl
def _strtoui64(s: PTR, end: PTR, base: INT) -> ULONGLONG:
    return strtoui64(s, end, base)


def _atoi(ptr, wide=False) -> int:
    if not ptr:
        return 0
    v, _, _ = parse_int(_units(ptr, wide), 10)
    return v


@dll.cdecl
def atoi(s: PTR) -> INT:
    return _atoi(s)


@dll.cdecl
def atol(s: PTR) -> LONG:
    return _atoi(s)


@dll.cdecl
def _atoi64(s: PTR) -> LONGLONG:
    v = _atoi(s)
    return max(I64_MIN, min(I64_MAX, v))


# ---- floating point parsing ---------------------------------------------------------

def parse_double(s):
    """(value, chars consumed) for msvcrt's strtod over code units; consumed 0 when no number."""
    n = len(s)
    i = 0
    while i < n and s[i] in _SPACE:
        i += 1
    sign = ""
    if i < n and s[i] in (43, 45):
        sign = "-" if s[i] == 45 else ""
        i += 1
    j = i
    while j < n and 48 <= s[j] <= 57:
        j += 1
    mant = bytes(s[i:j])
    frac = b""
    if j < n and s[j] == 46:
        k = j + 1
        while k < n and 48 <= s[k] <= 57:
            k += 1
        frac = bytes(s[j + 1:k])
        if mant or frac:
            j = k
    if not mant and not frac:
        return 0.0, 0
    text = (mant or b"0") + b"." + (frac or b"0")
    if j < n and s[j] in (101, 69, 100, 68):
        k = j + 1
        esign = b""
        if k < n and s[k] in (43, 45):
            esign = b"-" if s[k] == 45 else b""
            k += 1
        e0 = k
        while k < n and 48 <= s[k] <= 57:
            k += 1
        if k > e0:
            text += b"e" + esign + bytes(s[e0:k]).lstrip(b"0")[:9].rjust(1, b"0")
            j = k
    return float(sign + text.decode()), j


def strtod_(s_ptr, end_ptr, wide=False) -> float:
    s = _units(s_ptr, wide)
    v, n = parse_double(s)
    if end_ptr:
        proc().mem.wptr(end_ptr, s_ptr + n * (2 if wide else 1))
    if math.isinf(v):
        set_errno(ERANGE)
    elif v == 0.0 and n:
        digits = bytes(c for c in s[:n] if 49 <= c <= 57)
        mant_part = bytes(s[:n]).lower().replace(b"d", b"e").split(b"e")[0]
        if any(49 <= c <= 57 for c in mant_part):
            set_errno(ERANGE)
    elif v != 0.0 and abs(v) < 2.2250738585072014e-308:
        set_errno(ERANGE)
    return v


@dll.cdecl
def strtod(s: PTR, end: PTR) -> DOUBLE:
    return strtod_(s, end)


@dll.cdecl
def atof(s: PTR) -> DOUBLE:
    return parse_double(_units(s, False))[0]


@dll.cdecl
def _atof_l(s: PTR, locale: PTR) -> DOUBLE:
    return atof(s)


@dll.cdecl
def _strtod_l(s: PTR, end: PTR, locale: PTR) -> DOUBLE:
    return strtod_(s, end)


# ---- integer to text ---------------------------------------------------------------

def _babs(v):
    return v if v >= 0 else -v


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def format_int(value: int, radix: int, signed_bits: int, bits: int) -> str:
    """msvcrt's _itoa family: a '-' only in radix 10 for the signed variants."""
    if not 2 <= radix <= 36:
        return ""
    mask = (1 << bits) - 1
    value &= mask
    neg = False
    if signed_bits and radix == 10 and value >> (bits - 1):
        neg = True
        value = (1 << bits) - value
    out = []
    while True:
        value, d = divmod(value, radix)
        out.append(_DIGITS[d])
        if not value:
            break
    return ("-" if neg else "") + "".join(reversed(out))


def _put_num(buf, value, radix, signed, bits, wide):
    if not buf:
        set_errno(EINVAL)
        return 0
    text = format_int(value, radix, signed, bits)
    if not text:
        set_errno(EINVAL)
        proc().mem.write(buf, b"\0\0" if wide else b"\0")
        return buf
    proc().mem.write(buf, text.encode("utf-16-le") + b"\0\0" if wide else text.encode() + b"\0")
    return buf


def _put_num_s(buf, size, value, radix, signed, bits, wide):
    if not buf or not size or not 2 <= radix <= 36:
        if buf and size:
            proc().mem.write(buf, b"\0\0" if wide else b"\0")
        set_errno(EINVAL)
        return EINVAL
    text = format_int(value, radix, signed, bits)
    if len(text) + 1 > size:
        proc().mem.write(buf, b"\0\0" if wide else b"\0")
        set_errno(ERANGE)
        return ERANGE
    proc().mem.write(buf, text.encode("utf-16-le") + b"\0\0" if wide else text.encode() + b"\0")
    return 0


@dll.cdecl
def _itoa(value: INT, buf: PTR, radix: INT) -> PTR:
    return _put_num(buf, value, radix, True, 32, False)


@dll.cdecl
def _ltoa(value: LONG, buf: PTR, radix: INT) -> PTR:
    return _put_num(buf, value, radix, True, 32, False)


@dll.cdecl
def _ultoa(value: ULONG, buf: PTR, radix: INT) -> PTR:
    return _put_num(buf, value, radix, False, 32, False)


@dll.cdecl
def _i64toa(value: LONGLONG, buf: PTR, radix: INT) -> PTR:
    return _put_num(buf, value, radix, True, 64, False)


@dll.cdecl
def _ui64toa(value: ULONGLONG, buf: PTR, radix: INT) -> PTR:
    return _put_num(buf, value, radix, False, 64, False)


@dll.cdecl
def _itow(value: INT, buf: PTR, radix: INT) -> PTR:
    return _put_num(buf, value, radix, True, 32, True)


@dll.cdecl
def _ltow(value: LONG, buf: PTR, radix: INT) -> PTR:
    return _put_num(buf, value, radix, True, 32, True)


@dll.cdecl
def _ultow(value: ULONG, buf: PTR, radix: INT) -> PTR:
    return _put_num(buf, value, radix, False, 32, True)


@dll.cdecl
def _i64tow(value: LONGLONG, buf: PTR, radix: INT) -> PTR:
    return _put_num(buf, value, radix, True, 64, True)


@dll.cdecl
def _ui64tow(value: ULONGLONG, buf: PTR, radix: INT) -> PTR:
    return _put_num(buf, value, radix, False, 64, True)


@dll.cdecl
def _itoa_s(value: INT, buf: PTR, size: SIZE_T, radix: INT) -> INT:
    return _put_num_s(buf, size, value, radix, True, 32, False)


@dll.cdecl
def _ltoa_s(value: LONG, buf: PTR, size: SIZE_T, radix: INT) -> INT:
    return _put_num_s(buf, size, value, radix, True, 32, False)


@dll.cdecl
def _ultoa_s(value: ULONG, buf: PTR, size: SIZE_T, radix: INT) -> INT:
    return _put_num_s(buf, size, value, radix, False, 32, False)


@dll.cdecl
def _i64toa_s(value: LONGLONG, buf: PTR, size: SIZE_T, radix: INT) -> INT:
    return _put_num_s(buf, size, value, radix, True, 64, False)


@dll.cdecl
def _ui64toa_s(value: ULONGLONG, buf: PTR, size: SIZE_T, radix: INT) -> INT:
    return _put_num_s(buf, size, value, radix, False, 64, False)


@dll.cdecl
def _itow_s(value: INT, buf: PTR, size: SIZE_T, radix: INT) -> INT:
    return _put_num_s(buf, size, value, radix, True, 32, True)


# ---- arithmetic -------------------------------------------------------------------

def _s32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >> 31 else v


@dll.cdecl(name="abs")
def abs_(n: INT) -> INT:
    return n if n >= 0 else -n


@dll.cdecl
def labs(n: LONG) -> LONG:
    return n if n >= 0 else -n


@dll.cdecl
def _abs64(n: LONGLONG) -> LONGLONG:
    return n if n >= 0 else -n




def _cdiv(a, b):
    q = _babs(a) // _babs(b)
    if (a < 0) != (b < 0):
        q = -q
    return q, a - q * b


@dll.cdecl
def div(num: INT, den: INT) -> LONGLONG:
    """div_t {int quot, rem;} is 8 bytes: returned in EDX:EAX (x86) / RAX (x64)."""
    if den == 0:
        raise ZeroDivisionError
    q, r = _cdiv(num, den)
    return (q & 0xFFFFFFFF) | ((r & 0xFFFFFFFF) << 32)


@dll.cdecl
def ldiv(num: LONG, den: LONG) -> LONGLONG:
    return div(num, den)


# ---- sorting and searching ------------------------------------------------------------

def _guest_cmp(fn, ctx=None):
    p = proc()
    call = p.cpu.call
    ret = p.callback_ret
    if ctx is None:
        return lambda a, b: _s32(call(fn, (a, b), ret))
    return lambda a, b: _s32(call(fn, (ctx, a, b), ret))


def _qsort(base, count, size, cmp):
    if count < 2 or not size:
        return
    m = proc().mem
    addrs = [base + i * size for i in range(count)]
    order = sorted(addrs, key=functools.cmp_to_key(cmp))
    data = b"".join(m.read(a, size) for a in order)
    m.write(base, data)


@dll.cdecl
def qsort(base: PTR, count: SIZE_T, size: SIZE_T, compare: PTR) -> VOID:
    """Sorted on the host with the guest's comparator; elements stay in place while it runs."""
    _qsort(base, count, size, _guest_cmp(compare))


@dll.cdecl
def qsort_s(base: PTR, count: SIZE_T, size: SIZE_T, compare: PTR, ctx: PTR) -> VOID:
    _qsort(base, count, size, _guest_cmp(compare, ctx))


def _bsearch(key, base, count, size, cmp):
    lo, hi = 0, count - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        r = cmp(key, base + mid * size)
        if r == 0:
            return base + mid * size
        if r < 0:
            hi = mid - 1
        else:
            lo = mid + 1
    return 0


@dll.cdecl
def bsearch(key: PTR, base: PTR, count: SIZE_T, size: SIZE_T, compare: PTR) -> PTR:
    return _bsearch(key, base, count, size, _guest_cmp(compare))


@dll.cdecl
def bsearch_s(key: PTR, base: PTR, count: SIZE_T, size: SIZE_T, compare: PTR, ctx: PTR) -> PTR:
    return _bsearch(key, base, count, size, _guest_cmp(compare, ctx))


@dll.cdecl
def _lfind(key: PTR, base: PTR, count: PTR, size: UINT, compare: PTR) -> PTR:
    cmp = _guest_cmp(compare)
    n = proc().mem.u32(count)
    for i in range(n):
        if cmp(key, base + i * size) == 0:
            return base + i * size
    return 0


# ---- random numbers ------------------------------------------------------------------

@dll.cdecl
def srand(seed: UINT) -> VOID:
    crt().rand_seed = seed


@dll.cdecl
def rand() -> INT:
    s = crt()
    s.rand_seed = (s.rand_seed * 214013 + 2531011) & 0xFFFFFFFF
    return (s.rand_seed >> 16) & 0x7FFF


# ---- bits and bytes ----------------------------------------------------------------------

@dll.cdecl
def _byteswap_ushort(v: UINT) -> UINT:
    v &= 0xFFFF
    return ((v & 0xFF) << 8) | (v >> 8)


@dll.cdecl
def _byteswap_ulong(v: ULONG) -> ULONG:
    return int.from_bytes((v & 0xFFFFFFFF).to_bytes(4, "little"), "big")


@dll.cdecl
def _byteswap_uint64(v: ULONGLONG) -> ULONGLONG:
    return int.from_bytes(v.to_bytes(8, "little"), "big")


@dll.cdecl
def _rotl(v: UINT, n: INT) -> UINT:
    n &= 31
    v &= 0xFFFFFFFF
    return ((v << n) | (v >> (32 - n))) & 0xFFFFFFFF


@dll.cdecl
def _rotr(v: UINT, n: INT) -> UINT:
    n &= 31
    v &= 0xFFFFFFFF
    return ((v >> n) | (v << (32 - n))) & 0xFFFFFFFF


@dll.cdecl
def _lrotl(v: ULONG, n: INT) -> ULONG:
    return _rotl(v, n)


@dll.cdecl
def _lrotr(v: ULONG, n: INT) -> ULONG:
    return _rotr(v, n)


@dll.cdecl
def _rotl64(v: ULONGLONG, n: INT) -> ULONGLONG:
    n &= 63
    return ((v << n) | (v >> (64 - n))) & U64_MAX


@dll.cdecl
def _rotr64(v: ULONGLONG, n: INT) -> ULONGLONG:
    n &= 63
    return ((v >> n) | (v << (64 - n))) & U64_MAX


# ---- environment (the store is proc().env, shared with kernel32) ------------------------

def _env_cache():
    s = crt()
    env = s.static.get("env_strings")
    if env is None:
        env = s.static["env_strings"] = {}
    return env


def getenv_ptr(key: str, wide: bool) -> int:
    """A stable pointer to the value of `key` (re-made only when the value changes)."""
    p = proc()
    val = p.env_get(key)
    if val is None:
        return 0
    env = _env_cache()
    k = (key.lower(), wide)
    cached = env.get(k)
    if cached is None or cached[0] != val:
        if wide:
            data = val.encode("utf-16-le", "surrogatepass") + b"\0\0"
        else:
            data = p.encode_astr(val) + b"\0"
        addr = p.heap_alloc(len(data))
        p.mem.write(addr, data)
        cached = env[k] = (val, addr)
    return cached[1]


@dll.cdecl
def getenv(name: PTR) -> PTR:
    if not name:
        set_errno(EINVAL)
        return 0
    p = proc()
    return getenv_ptr(p.mem.cstr(name).decode(p.acp, "replace"), False)


@dll.cdecl
def _wgetenv(name: PTR) -> PTR:
    if not name:
        set_errno(EINVAL)
        return 0
    return getenv_ptr(proc().mem.wstr(name), True)
