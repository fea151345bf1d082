"""time.h: time, clock, gmtime/localtime/mktime (32- and 64-bit time_t), strftime, asctime, _ftime, _tzset.

Local time is the host's time zone (Python's time module), as Wine's msvcrt on
a host follows the host's zone.  `time`, `localtime`... take a 32-bit time_t on
x86 and a 64-bit one on x64, as msvcrt.dll; the _32/_64 variants are fixed.
msvcrt refuses times before 1970 (NULL / -1, EINVAL).
"""
from __future__ import annotations

import calendar
import time as host_time

from winelike.abi.types import DOUBLE, INT, INT_PTR, LONG, LONGLONG, PTR, SIZE_T, VOID
from winelike.dlls.winapi import proc
from . import dll
from .state import crt, set_errno, static_buffer, EINVAL, ERANGE

_MAX32 = 0x7FFFFFFF
_MAX64 = 32535215999          # 3000-12-31 23:59:59 UTC, msvcrt's _MAX__TIME64_T

_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def _tbits() -> int:
    return 32 if proc().bits == 32 else 64


def _read_time(ptr: int, bits: int) -> int:
    m = proc().mem
    if bits == 32:
        return m.i32(ptr)
    v = m.u64(ptr)
    return v - (1 << 64) if v >> 63 else v


def _write_time(ptr: int, v: int, bits: int):
    m = proc().mem
    if bits == 32:
        m.w32(ptr, v)
    else:
        m.w64(ptr, v)


def _now() -> int:
    return int(host_time.time())


def _time(ptr, bits):
    t = _now()
    if ptr:
        _write_time(ptr, t, bits)
    return t


@dll.cdecl
def time(t: PTR) -> INT_PTR:
    """time_t is pointer-sized in msvcrt.dll: 32-bit on x86, 64-bit on x64."""
    return _time(t, _tbits())


@dll.cdecl
def _time32(t: PTR) -> LONG:
    return _time(t, 32)


@dll.cdecl
def _time64(t: PTR) -> LONGLONG:
    return _time(t, 64)


@dll.cdecl
def clock() -> LONG:
    return int((host_time.monotonic() - proc().start_time) * 1000)


@dll.cdecl
def difftime(t1: INT_PTR, t0: INT_PTR) -> DOUBLE:
    return float(t1 - t0)


@dll.cdecl
def _difftime32(t1: LONG, t0: LONG) -> DOUBLE:
    return float(t1 - t0)


@dll.cdecl
def _difftime64(t1: LONGLONG, t0: LONGLONG) -> DOUBLE:
    return float(t1 - t0)


def _s32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >> 31 else v


# ---- struct tm ---------------------------------------------------------------------------

def _tm_from(st) -> list[int]:
    """tm_sec..tm_isdst from a host struct_time."""
    return [st.tm_sec, st.tm_min, st.tm_hour, st.tm_mday, st.tm_mon - 1, st.tm_year - 1900,
            (st.tm_wday + 1) % 7, st.tm_yday - 1, max(st.tm_isdst, 0)]


def _write_tm(ptr: int, fields) -> None:
    proc().mem.write(ptr, b"".join((v & 0xFFFFFFFF).to_bytes(4, "little") for v in fields))


def _read_tm(ptr: int) -> list[int]:
    m = proc().mem
    return [m.i32(ptr + 4 * i) for i in range(9)]


def _tm_buf() -> int:
    return static_buffer("tm", 36)


def _convert(t: int, local: bool, maxv: int):
    if t < 0 or t > maxv:
        return None
    try:
        st = host_time.localtime(t) if local else host_time.gmtime(t)
    except (OverflowError, OSError, ValueError):
        return None
    return _tm_from(st)


def _to_tm(tptr, bits, local, maxv):
    if not tptr:
        set_errno(EINVAL)
        return 0
    f = _convert(_read_time(tptr, bits), local, maxv)
    if f is None:
        set_errno(EINVAL)
        return 0
    buf = _tm_buf()
    _write_tm(buf, f)
    return buf


def _to_tm_s(out, tptr, bits, local, maxv):
    if not out:
        set_errno(EINVAL)
        return EINVAL
    if not tptr:
        _write_tm(out, [-1] * 9)
        set_errno(EINVAL)
        return EINVAL
    f = _convert(_read_time(tptr, bits), local, maxv)
    if f is None:
        _write_tm(out, [-1] * 9)
        set_errno(EINVAL)
        return EINVAL
    _write_tm(out, f)
    return 0


def _max(bits):
    return _MAX32 if bits == 32 else _MAX64


@dll.cdecl
def localtime(t: PTR) -> PTR:
    return _to_tm(t, _tbits(), True, _max(_tbits()))


@dll.cdecl
def _localtime32(t: PTR) -> PTR:
    return _to_tm(t, 32, True, _MAX32)


@dll.cdecl
def _localtime64(t: PTR) -> PTR:
    return _to_tm(t, 64, True, _MAX64)


@dll.cdecl
def gmtime(t: PTR) -> PTR:
    return _to_tm(t, _tbits(), False, _max(_tbits()))


@dll.cdecl
def _gmtime32(t: PTR) -> PTR:
    return _to_tm(t, 32, False, _MAX32)


@dll.cdecl
def _gmtime64(t: PTR) -> PTR:
    return _to_tm(t, 64, False, _MAX64)


@dll.cdecl
def _localtime32_s(out: PTR, t: PTR) -> INT:
    return _to_tm_s(out, t, 32, True, _MAX32)


@dll.cdecl
def _localtime64_s(out: PTR, t: PTR) -> INT:
    return _to_tm_s(out, t, 64, True, _MAX64)


@dll.cdecl
def _gmtime32_s(out: PTR, t: PTR) -> INT:
    return _to_tm_s(out, t, 32, False, _MAX32)


@dll.cdecl
def _gmtime64_s(out: PTR, t: PTR) -> INT:
    return _to_tm_s(out, t, 64, False, _MAX64)


def _normalize(f):
    """tm fields -> (seconds since the epoch as if UTC, normalised fields without wday/yday)."""
    sec, mn, hr, mday, mon, year = f[:6]
    year += 1900 + mon // 12
    mon %= 12
    days = (calendar.timegm((year, mon + 1, 1, 0, 0, 0)) // 86400) + mday - 1
    return days * 86400 + hr * 3600 + mn * 60 + sec


def _mktime(ptr: int, local: bool, maxv: int) -> int:
    if not ptr:
        set_errno(EINVAL)
        return -1
    f = _read_tm(ptr)
    naive = _normalize(f)
    if local:
        isdst = f[8]
        # the host's offset for that wall time (try standard, then DST)
        t = naive + host_time.timezone
        lt = host_time.localtime(t) if -(1 << 40) < t < (1 << 40) else None
        if lt is not None:
            if isdst > 0 and not lt.tm_isdst and host_time.daylight:
                t = naive + host_time.altzone
            elif isdst < 0 and lt.tm_isdst:
                t = naive + host_time.altzone
            elif isdst == 0 and lt.tm_isdst:
                t = naive + host_time.timezone
            elif isdst > 0 and lt.tm_isdst:
                t = naive + host_time.altzone
    else:
        t = naive
    if t < 0 or t > maxv:
        return -1
    nf = _convert(t, local, maxv)
    if nf is None:
        return -1
    _write_tm(ptr, nf)
    return t


@dll.cdecl
def mktime(tm: PTR) -> INT_PTR:
    return _mktime(tm, True, _max(_tbits()))


@dll.cdecl
def _mktime32(tm: PTR) -> LONG:
    return _mktime(tm, True, _MAX32)


@dll.cdecl
def _mktime64(tm: PTR) -> LONGLONG:
    return _mktime(tm, True, _MAX64)


@dll.cdecl
def _mkgmtime(tm: PTR) -> INT_PTR:
    return _mktime(tm, False, _max(_tbits()))


@dll.cdecl
def _mkgmtime32(tm: PTR) -> LONG:
    return _mktime(tm, False, _MAX32)


@dll.cdecl
def _mkgmtime64(tm: PTR) -> LONGLONG:
    return _mktime(tm, False, _MAX64)


# ---- text ------------------------------------------------------------------------------------

def asctime_text(f) -> str:
    sec, mn, hr, mday, mon, year, wday = f[:7]
    return (f"{_DAYS[wday % 7][:3]} {_MONTHS[mon % 12][:3]} {mday:02d} {hr:02d}:{mn:02d}:{sec:02d} "
            f"{year + 1900:4d}\n")


def _put_static(name: str, text: str) -> int:
    buf = static_buffer(name, 64)
    proc().mem.write(buf, text.encode() + b"\0")
    return buf


@dll.cdecl
def asctime(tm: PTR) -> PTR:
    if not tm:
        set_errno(EINVAL)
        return 0
    return _put_static("asctime", asctime_text(_read_tm(tm)))


def _ctime(tptr, bits, maxv):
    if not tptr:
        set_errno(EINVAL)
        return 0
    f = _convert(_read_time(tptr, bits), True, maxv)
    if f is None:
        set_errno(EINVAL)
        return 0
    return _put_static("asctime", asctime_text(f))


@dll.cdecl
def ctime(t: PTR) -> PTR:
    return _ctime(t, _tbits(), _max(_tbits()))


@dll.cdecl
def _ctime32(t: PTR) -> PTR:
    return _ctime(t, 32, _MAX32)


@dll.cdecl
def _ctime64(t: PTR) -> PTR:
    return _ctime(t, 64, _MAX64)


def _tzname(dst: bool) -> str:
    return host_time.tzname[1 if dst else 0]


def format_time(fmt: str, f) -> str | None:
    """msvcrt strftime in the "C" locale; None for an invalid conversion."""
    sec, mn, hr, mday, mon, year, wday, yday, isdst = f
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c != "%":
            out.append(c)
            i += 1
            continue
        i += 1
        alt = False
        if i < n and fmt[i] == "#":
            alt = True
            i += 1
        if i >= n:
            return None
        c = fmt[i]
        i += 1

        def num(v, w=2):
            return str(v) if alt else f"{v:0{w}d}"
        if c == "a":
            out.append(_DAYS[wday % 7][:3])
        elif c == "A":
            out.append(_DAYS[wday % 7])
        elif c == "b":
            out.append(_MONTHS[mon % 12][:3])
        elif c == "B":
            out.append(_MONTHS[mon % 12])
        elif c == "c":
            if alt:
                out.append(f"{_DAYS[wday % 7]}, {_MONTHS[mon % 12]} {mday}, {year + 1900} "
                           f"{hr:02d}:{mn:02d}:{sec:02d}")
            else:
                out.append(f"{mon + 1:02d}/{mday:02d}/{year % 100:02d} {hr:02d}:{mn:02d}:{sec:02d}")
        elif c == "d":
            out.append(num(mday))
        elif c == "H":
            out.append(num(hr))
        elif c == "I":
            out.append(num(hr % 12 or 12))
        elif c == "j":
            out.append(num(yday + 1, 3))
        elif c == "m":
            out.append(num(mon + 1))
        elif c == "M":
            out.append(num(mn))
        elif c == "p":
            out.append("AM" if hr < 12 else "PM")
        elif c == "S":
            out.append(num(sec))
        elif c == "U":
            out.append(num((yday + 7 - wday) // 7))
        elif c == "w":
            out.append(str(wday))
        elif c == "W":
            out.append(num((yday + 7 - (wday + 6) % 7) // 7))
        elif c == "x":
            if alt:
                out.append(f"{_DAYS[wday % 7]}, {_MONTHS[mon % 12]} {mday}, {year + 1900}")
            else:
                out.append(f"{mon + 1:02d}/{mday:02d}/{year % 100:02d}")
        elif c == "X":
            out.append(f"{hr:02d}:{mn:02d}:{sec:02d}")
        elif c == "y":
            out.append(num(year % 100))
        elif c == "Y":
            out.append(num(year + 1900, 1))
        elif c in "zZ":
            out.append(_tzname(isdst > 0))
        elif c == "%":
            out.append("%")
        else:
            return None
    return "".join(out)


def _strftime(buf, size, fmt_text, tm, wide):
    p = proc()
    if not buf or not size:
        set_errno(EINVAL)
        return 0
    f = _read_tm(tm) if tm else None
    if f is None:
        set_errno(EINVAL)
        return 0
    text = format_time(fmt_text, f)
    if text is None:
        p.mem.write(buf, b"\0\0" if wide else b"\0")
        set_errno(EINVAL)
        return 0
    data = text.encode("utf-16-le") if wide else p.encode_astr(text)
    unit = 2 if wide else 1
    if len(data) // unit + 1 > size:
        p.mem.write(buf, b"\0\0" if wide else b"\0")
        set_errno(ERANGE)
        return 0
    p.mem.write(buf, data + (b"\0\0" if wide else b"\0"))
    return len(data) // unit


@dll.cdecl
def strftime(buf: PTR, size: SIZE_T, fmt: PTR, tm: PTR) -> SIZE_T:
    p = proc()
    if not fmt:
        set_errno(EINVAL)
        return 0
    return _strftime(buf, size, p.mem.cstr(fmt).decode(p.acp, "replace"), tm, False)


@dll.cdecl
def wcsftime(buf: PTR, size: SIZE_T, fmt: PTR, tm: PTR) -> SIZE_T:
    if not fmt:
        set_errno(EINVAL)
        return 0
    return _strftime(buf, size, proc().mem.wstr(fmt), tm, True)


@dll.cdecl
def _strdate(buf: PTR) -> PTR:
    f = _tm_from(host_time.localtime())
    proc().mem.write(buf, f"{f[4] + 1:02d}/{f[3]:02d}/{f[5] % 100:02d}".encode() + b"\0")
    return buf


@dll.cdecl
def _strtime(buf: PTR) -> PTR:
    f = _tm_from(host_time.localtime())
    proc().mem.write(buf, f"{f[2]:02d}:{f[1]:02d}:{f[0]:02d}".encode() + b"\0")
    return buf


# ---- _ftime and the time zone ------------------------------------------------------------------

def _do_ftime(buf, bits):
    now = host_time.time()
    t = int(now)
    ms = int((now - t) * 1000)
    lt = host_time.localtime(t)
    m = proc().mem
    _write_time(buf, t, bits)
    off = 4 if bits == 32 else 8
    m.w16(buf + off, ms)
    m.w16(buf + off + 2, (host_time.timezone // 60) & 0xFFFF)
    m.w16(buf + off + 4, 1 if lt.tm_isdst > 0 else 0)


@dll.cdecl
def _ftime(buf: PTR) -> VOID:
    _do_ftime(buf, _tbits())


@dll.cdecl
def _ftime32(buf: PTR) -> VOID:
    _do_ftime(buf, 32)


@dll.cdecl
def _ftime64(buf: PTR) -> VOID:
    _do_ftime(buf, 64)


def _init_timezone(p, addr):
    p.mem.w32(addr, host_time.timezone)
    crt().static["_timezone"] = addr


def _init_daylight(p, addr):
    p.mem.w32(addr, host_time.daylight)
    crt().static["_daylight"] = addr


def _init_dstbias(p, addr):
    p.mem.w32(addr, (host_time.altzone - host_time.timezone) if host_time.daylight else 0)
    crt().static["_dstbias"] = addr


def _init_tzname(p, addr):
    P = p.ptr_size
    for i in range(2):
        s = p.heap_alloc(64, zero=True)
        p.mem.write(s, p.encode_astr(host_time.tzname[i])[:63] + b"\0")
        p.mem.wptr(addr + i * P, s)
    crt().static["_tzname"] = addr


dll.data("_timezone", 4, _init_timezone)
dll.data("_daylight", 4, _init_daylight)
dll.data("_dstbias", 4, _init_dstbias)
dll.data("_tzname", lambda P: 2 * P, _init_tzname)


@dll.cdecl
def _tzset() -> VOID:
    host_time.tzset()
    p = proc()
    s = crt().static
    if "_timezone" in s:
        p.mem.w32(s["_timezone"], host_time.timezone)
    if "_daylight" in s:
        p.mem.w32(s["_daylight"], host_time.daylight)


@dll.cdecl
def __p__timezone() -> PTR:
    return crt().static["_timezone"]


@dll.cdecl
def __p__daylight() -> PTR:
    return crt().static["_daylight"]


@dll.cdecl
def __p__dstbias() -> PTR:
    return crt().static["_dstbias"]


@dll.cdecl
def __p__tzname() -> PTR:
    return crt().static["_tzname"]


@dll.cdecl
def _get_timezone(out: PTR) -> INT:
    if not out:
        set_errno(EINVAL)
        return EINVAL
    proc().mem.w32(out, host_time.timezone)
    return 0


@dll.cdecl
def _get_daylight(out: PTR) -> INT:
    if not out:
        set_errno(EINVAL)
        return EINVAL
    proc().mem.w32(out, host_time.daylight)
    return 0
