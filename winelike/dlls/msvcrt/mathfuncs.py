"""math.h as msvcrt exports it: double functions (results in ST0 / XMM0), float variants, classification,
and the floating-point control word functions.

Domain errors return NaN with errno EDOM, pole and overflow errors return
+-HUGE_VAL with ERANGE, as msvcrt does (its _matherr hook is not called).
mingw implements many functions itself (libmingwex); only what programs import
from msvcrt.dll is here.
"""
from __future__ import annotations

import math
import struct

from winelike import debug
from winelike.abi.types import DOUBLE, FLOAT, INT, LONG, PTR, UINT, VOID
from winelike.dlls.winapi import proc
from . import dll
from .state import crt, set_errno, EDOM, ERANGE

ch = debug.Channel("msvcrt")

INF = float("inf")
NAN = float("nan")
# msvcrt's domain-error NaN is the "indefinite" -nan
IND = struct.unpack("<d", struct.pack("<Q", 0xFFF8000000000000))[0]


def _dom():
    set_errno(EDOM)
    return IND


def _range(v):
    set_errno(ERANGE)
    return v


def _wrap1(fn, x):
    if math.isnan(x):
        return x
    try:
        return fn(x)
    except ValueError:
        return _dom()
    except OverflowError:
        return _range(INF)


def _sqrt(x):
    if x < 0:
        return _dom()
    return _wrap1(math.sqrt, x)


def _log(x, fn=math.log):
    if math.isnan(x):
        return x
    if x == 0:
        return _range(-INF)
    if x < 0:
        return _dom()
    return fn(x)


def _exp(x):
    if math.isnan(x):
        return x
    try:
        r = math.exp(x)
    except OverflowError:
        return _range(INF)
    if r == 0.0 and x > -INF:
        set_errno(ERANGE)
    return r


def _pow(x, y):
    try:
        r = math.pow(x, y)
    except ValueError:
        if x == 0 and y < 0:
            return _range(INF)
        return _dom()
    except OverflowError:
        neg = x < 0 and y == int(y) and int(y) % 2 == 1
        return _range(-INF if neg else INF)
    return r


def _trig(fn):
    def f(x):
        if math.isinf(x):
            return _dom()
        return _wrap1(fn, x)
    return f


def _inv_trig(fn):
    def f(x):
        if math.isnan(x):
            return x
        if x < -1 or x > 1:
            return _dom()
        return fn(x)
    return f


def _hyp(fn):
    def f(x):
        if math.isnan(x):
            return x
        try:
            return fn(x)
        except OverflowError:
            return _range(INF if fn is math.cosh or x > 0 else -INF)
    return f


def _fmod(x, y):
    if math.isnan(x) or math.isnan(y):
        return x + y
    if math.isinf(x) or y == 0:
        return _dom()
    return math.fmod(x, y)


_UNARY = {
    "sqrt": _sqrt, "exp": _exp, "log": _log, "log10": lambda x: _log(x, math.log10),
    "sin": _trig(math.sin), "cos": _trig(math.cos), "tan": _trig(math.tan),
    "asin": _inv_trig(math.asin), "acos": _inv_trig(math.acos), "atan": lambda x: math.atan(x),
    "sinh": _hyp(math.sinh), "cosh": _hyp(math.cosh), "tanh": math.tanh,
    "floor": lambda x: x if math.isnan(x) or math.isinf(x) else float(math.floor(x)) if x != 0 else x,
    "ceil": lambda x: x if math.isnan(x) or math.isinf(x) else (math.copysign(float(math.ceil(x)), x)),
    "fabs": math.fabs,
}
_BINARY = {
    "pow": _pow, "atan2": lambda y, x: math.atan2(y, x), "fmod": _fmod,
    "_hypot": lambda x, y: _range(INF) if math.hypot(x, y) == INF and not (math.isinf(x) or math.isinf(y))
    else math.hypot(x, y),
    "_copysign": math.copysign,
    "_nextafter": lambda x, y: math.nextafter(x, y),
}


def _declare_unary(name, fn):
    def d(x: DOUBLE) -> DOUBLE:
        return fn(x)
    d.__name__ = name
    dll.cdecl(d, name=name)

    def f(x: FLOAT) -> FLOAT:
        return fn(x)
    f.__name__ = name + "f"
    if not name.startswith("_"):
        dll.cdecl(f, name=name + "f")


def _declare_binary(name, fn):
    def d(x: DOUBLE, y: DOUBLE) -> DOUBLE:
        return fn(x, y)
    d.__name__ = name
    dll.cdecl(d, name=name)
    if not name.startswith("_"):
        def f(x: FLOAT, y: FLOAT) -> FLOAT:
            return fn(x, y)
        f.__name__ = name + "f"
        dll.cdecl(f, name=name + "f")


for _n, _f in _UNARY.items():
    _declare_unary(_n, _f)
for _n, _f in _BINARY.items():
    _declare_binary(_n, _f)


@dll.cdecl
def _hypotf(x: FLOAT, y: FLOAT) -> FLOAT:
    return math.hypot(x, y)


@dll.cdecl
def modf(x: DOUBLE, iptr: PTR) -> DOUBLE:
    if math.isinf(x):
        ip, frac = x, math.copysign(0.0, x)
    elif math.isnan(x):
        ip = frac = x
    else:
        frac, ip = math.modf(x)
    proc().mem.write(iptr, struct.pack("<d", ip))
    return frac


@dll.cdecl
def frexp(x: DOUBLE, exp: PTR) -> DOUBLE:
    if math.isnan(x) or math.isinf(x):
        proc().mem.w32(exp, 0)
        return x
    m, e = math.frexp(x)
    proc().mem.w32(exp, e)
    return m


@dll.cdecl
def ldexp(x: DOUBLE, exp: INT) -> DOUBLE:
    try:
        r = math.ldexp(x, exp)
    except OverflowError:
        return _range(math.copysign(INF, x))
    if r == 0 and x != 0:
        set_errno(ERANGE)
    return r


@dll.cdecl
def _scalb(x: DOUBLE, exp: LONG) -> DOUBLE:
    return ldexp(x, exp)


@dll.cdecl
def _logb(x: DOUBLE) -> DOUBLE:
    if x == 0:
        return _range(-INF)
    if math.isinf(x):
        return INF
    if math.isnan(x):
        return x
    return float(math.frexp(x)[1] - 1)


@dll.cdecl
def _chgsign(x: DOUBLE) -> DOUBLE:
    return -x


@dll.cdecl
def _isnan(x: DOUBLE) -> INT:
    return int(math.isnan(x))


@dll.cdecl
def _finite(x: DOUBLE) -> INT:
    return int(math.isfinite(x))


_FPCLASS_SNAN, _FPCLASS_QNAN, _FPCLASS_NINF, _FPCLASS_NN, _FPCLASS_ND, _FPCLASS_NZ = 1, 2, 4, 8, 0x10, 0x20
_FPCLASS_PZ, _FPCLASS_PD, _FPCLASS_PN, _FPCLASS_PINF = 0x40, 0x80, 0x100, 0x200


@dll.cdecl
def _fpclass(x: DOUBLE) -> INT:
    bits = struct.unpack("<Q", struct.pack("<d", x))[0]
    neg = bits >> 63
    exp = (bits >> 52) & 0x7FF
    frac = bits & ((1 << 52) - 1)
    if exp == 0x7FF:
        if frac:
            return _FPCLASS_QNAN if frac >> 51 else _FPCLASS_SNAN
        return _FPCLASS_NINF if neg else _FPCLASS_PINF
    if exp == 0:
        if frac:
            return _FPCLASS_ND if neg else _FPCLASS_PD
        return _FPCLASS_NZ if neg else _FPCLASS_PZ
    return _FPCLASS_NN if neg else _FPCLASS_PN


@dll.cdecl
def _cabs(re: DOUBLE, im: DOUBLE) -> DOUBLE:
    return math.hypot(re, im)


# ---- floating-point control ------------------------------------------------------------------

_MCW_EM, _MCW_RC, _MCW_PC, _MCW_IC, _MCW_DN = 0x0008001F, 0x00000300, 0x00030000, 0x00040000, 0x03000000
_CW_DEFAULT_X86 = 0x0009001F
_CW_DEFAULT_X64 = 0x0008001F


def _cw_state():
    s = crt()
    v = s.static.get("fp_cw")
    if v is None:
        v = s.static["fp_cw"] = _CW_DEFAULT_X86 if proc().bits == 32 else _CW_DEFAULT_X64
    return v


def _set_cw(new: int, mask: int) -> int:
    s = crt()
    cur = _cw_state()
    if mask:
        nxt = (cur & ~mask) | (new & mask)
        if (nxt ^ cur) & (_MCW_RC | _MCW_PC):
            ch.fixme("_controlfp", f"rounding/precision {nxt:#x}: the emulated FPU keeps round-to-nearest")
        s.static["fp_cw"] = nxt
        cur = nxt
    return cur


@dll.cdecl
def _controlfp(new: UINT, mask: UINT) -> UINT:
    return _set_cw(new, mask & ~0x00080000 & 0xFFFFFFFF)


@dll.cdecl
def _control87(new: UINT, mask: UINT) -> UINT:
    return _set_cw(new, mask)


@dll.cdecl
def __control87_2(new: UINT, mask: UINT, x86: PTR, sse: PTR) -> INT:
    v = _set_cw(new, mask)
    m = proc().mem
    if x86:
        m.w32(x86, v)
    if sse:
        m.w32(sse, v)
    return 1


@dll.cdecl
def _controlfp_s(cur: PTR, new: UINT, mask: UINT) -> INT:
    v = _set_cw(new, mask)
    if cur:
        proc().mem.w32(cur, v)
    return 0


@dll.cdecl
def _fpreset() -> VOID:
    crt().static["fp_cw"] = _CW_DEFAULT_X86 if proc().bits == 32 else _CW_DEFAULT_X64


@dll.cdecl
def _clearfp() -> UINT:
    """The status word is not tracked: no sticky exception flags are reported."""
    return 0


@dll.cdecl
def _statusfp() -> UINT:
    return 0


@dll.cdecl
def __fpecode() -> PTR:
    from .state import static_buffer
    return static_buffer("fpecode", 4)
