"""Time: FILETIME/SYSTEMTIME conversions, the host's time zone, DOS dates, tick counts.

The time zone is the host's (as Wine does): bias and daylight rules are derived
from the C library's view of the local zone for the current year.  Like Windows,
FileTimeToLocalFileTime applies the bias in force *now*, not the one at the
converted date; SystemTimeToTzSpecificLocalTime applies the zone's rules.
"""
from __future__ import annotations

import calendar
import datetime
import struct
import time

from winelike import debug
from winelike.abi.types import BOOL, DWORD, LONG, PTR, ULONGLONG, VOID, WORD
from winelike.dlls.winapi import proc, set_last_error, ERROR_INVALID_PARAMETER
from . import dll

ch = debug.Channel("time")

EPOCH_DIFF = 116444736000000000    # 1601-01-01 to 1970-01-01 in 100 ns units
TICKS_PER_SEC = 10_000_000
TICKS_PER_DAY = 86400 * TICKS_PER_SEC
MAX_FILETIME = 0x7FFFFFFFFFFFFFFF

TIME_ZONE_ID_INVALID, TIME_ZONE_ID_UNKNOWN, TIME_ZONE_ID_STANDARD, TIME_ZONE_ID_DAYLIGHT = 0xFFFFFFFF, 0, 1, 2

_ST = struct.Struct("<8H")


# ---------------------------------------------------------------------------
# clocks

def filetime_now() -> int:
    return time.time_ns() // 100 + EPOCH_DIFF


def _ticks_ms() -> int:
    p = proc()
    return int((time.monotonic() - p.start_time) * 1000) + 10_000_000


@dll.stdcall
def GetTickCount() -> DWORD:
    return _ticks_ms()


@dll.stdcall
def GetTickCount64() -> ULONGLONG:
    return _ticks_ms()


@dll.stdcall
def QueryPerformanceCounter(counter: PTR) -> BOOL:
    proc().mem.w64(counter, time.perf_counter_ns() // 100)
    return 1


@dll.stdcall
def QueryPerformanceFrequency(freq: PTR) -> BOOL:
    proc().mem.w64(freq, TICKS_PER_SEC)
    return 1


@dll.stdcall
def GetSystemTimeAsFileTime(ft: PTR) -> VOID:
    proc().mem.w64(ft, filetime_now())


@dll.stdcall
def GetSystemTimePreciseAsFileTime(ft: PTR) -> VOID:
    proc().mem.w64(ft, filetime_now())


@dll.stdcall
def GetSystemTimes(idle: PTR, kernel: PTR, user: PTR) -> BOOL:
    """Host CPU times from /proc/stat (all processors), as FILETIME durations."""
    mem = proc().mem
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        hz = 100
        u, nice, sys_, idle_t = fields[0], fields[1], fields[2], fields[3]
        conv = TICKS_PER_SEC // hz
        vals = (idle_t * conv, (sys_ + idle_t) * conv, (u + nice) * conv)   # kernel time includes idle
    except (OSError, ValueError, IndexError):
        t = int(time.monotonic() * TICKS_PER_SEC)
        vals = (0, t, 0)
    for ptr, v in zip((idle, kernel, user), vals):
        if ptr:
            mem.w64(ptr, v)
    return 1


@dll.stdcall
def GetSystemTimeAdjustment(adjustment: PTR, increment: PTR, disabled: PTR) -> BOOL:
    mem = proc().mem
    mem.w32(adjustment, 156250)
    mem.w32(increment, 156250)
    mem.w32(disabled, 1)
    return 1


# ---------------------------------------------------------------------------
# FILETIME <-> SYSTEMTIME

_BASE = datetime.datetime(1601, 1, 1)


# proleptic Gregorian day arithmetic for the whole FILETIME range (years 1601..30828, past
# what datetime can hold)
_DAYS_1601 = None


def _days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z: int):
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return y + (m <= 2), m, d


_EPOCH_1601 = _days_from_civil(1601, 1, 1)


def _month_days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def ft_to_fields(ft: int):
    """(year, month, dow, day, hour, minute, second, ms) of a FILETIME value."""
    days, rem = divmod(ft, TICKS_PER_DAY)
    y, mo, d = _civil_from_days(days + _EPOCH_1601)
    secs, frac = divmod(rem, TICKS_PER_SEC)
    h, m = divmod(secs, 3600)
    m, s = divmod(m, 60)
    dow = (days + 1) % 7                  # 1601-01-01 was a Monday; Sunday = 0
    return y, mo, dow, d, h, m, s, frac // 10_000


def fields_to_ft(year, month, day, hour, minute, second, ms) -> int | None:
    if not (1601 <= year <= 30827 and 1 <= month <= 12 and 0 <= hour <= 23 and 0 <= minute <= 59
            and 0 <= second <= 59 and 0 <= ms <= 999):
        return None
    if not 1 <= day <= _month_days(year, month):
        return None
    days = _days_from_civil(year, month, day) - _EPOCH_1601
    return ((days * 86400 + hour * 3600 + minute * 60 + second) * 1000 + ms) * 10_000


def read_systemtime(ptr: int):
    return _ST.unpack(proc().mem.read(ptr, 16))


def write_systemtime(ptr: int, fields) -> None:
    proc().mem.write(ptr, _ST.pack(*fields))


def systemtime_to_ft(ptr: int) -> int | None:
    y, mo, dow, d, h, mi, s, ms = read_systemtime(ptr)
    return fields_to_ft(y, mo, d, h, mi, s, ms)


@dll.stdcall
def FileTimeToSystemTime(ft: PTR, st: PTR) -> BOOL:
    v = proc().mem.u64(ft)
    if v > MAX_FILETIME:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    write_systemtime(st, ft_to_fields(v))
    return 1


@dll.stdcall
def SystemTimeToFileTime(st: PTR, ft: PTR) -> BOOL:
    v = systemtime_to_ft(st)
    if v is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    proc().mem.w64(ft, v)
    return 1


@dll.stdcall
def GetSystemTime(st: PTR) -> VOID:
    write_systemtime(st, ft_to_fields(filetime_now()))


@dll.stdcall
def GetLocalTime(st: PTR) -> VOID:
    write_systemtime(st, ft_to_fields(filetime_now() - current_bias_minutes() * 60 * TICKS_PER_SEC))


@dll.stdcall
def CompareFileTime(a: PTR, b: PTR) -> LONG:
    mem = proc().mem
    if not a or not b:
        return -1 if not a and b else (1 if a else 0)
    x, y = mem.u64(a), mem.u64(b)
    return -1 if x < y else (1 if x > y else 0)


# ---------------------------------------------------------------------------
# time zone (the host's)

def current_bias_minutes(at: float | None = None) -> int:
    """Windows bias (UTC = local + bias) in minutes at `at` (default now)."""
    lt = time.localtime(at)
    return -lt.tm_gmtoff // 60


def _transition_rule(t: float):
    """A SYSTEMTIME-style rule (month, dow, week 1..5, hour, minute) for a transition at t (local wall time)."""
    lt = time.localtime(t - 1)          # wall-clock time just before the change, as Windows states it
    d = datetime.date(lt.tm_year, lt.tm_mon, lt.tm_mday)
    dow = (d.weekday() + 1) % 7
    week = (lt.tm_mday - 1) // 7 + 1
    if lt.tm_mday + 7 > calendar.monthrange(lt.tm_year, lt.tm_mon)[1]:
        week = 5                        # "last such weekday of the month"
    secs = lt.tm_hour * 3600 + lt.tm_min * 60 + lt.tm_sec + 1
    return (0, lt.tm_mon, dow, week, secs // 3600 % 24, secs // 60 % 60, 0, 0)


def zone_info(year: int | None = None):
    """(bias, std_name, std_rule, std_bias, dst_name, dst_rule, dst_bias, has_dst)."""
    if year is None:
        year = time.localtime().tm_year
    year = min(max(year, 1971), 2037)       # the host's tables: use the nearest year they cover
    start = calendar.timegm((year, 1, 1, 0, 0, 0))
    end = calendar.timegm((year + 1, 1, 1, 0, 0, 0))
    # find offset changes during the year (hour steps, then bisect to the second)
    changes = []
    prev = time.localtime(start).tm_gmtoff
    t = start
    while t < end:
        nt = t + 3600 * 6
        off = time.localtime(nt).tm_gmtoff
        if off != prev:
            lo, hi = t, nt
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if time.localtime(mid).tm_gmtoff == prev:
                    lo = mid
                else:
                    hi = mid
            changes.append((hi, prev, off))
            prev = off
        t = nt
    std_name, dst_name = time.tzname
    if len(changes) >= 2:
        offs = {c[2] for c in changes} | {c[1] for c in changes}
        std_off = min(offs)
        dst_off = max(offs)
        to_dst = next(c for c in changes if c[2] == dst_off)
        to_std = next(c for c in changes if c[2] == std_off)
        bias = -std_off // 60
        return (bias, _win_zone_name(std_name, False), _transition_rule(to_std[0]), 0,
                _win_zone_name(dst_name, True), _transition_rule(to_dst[0]), -(dst_off - std_off) // 60, True)
    off = time.localtime(end - 1).tm_gmtoff
    # Windows keeps DaylightBias -60 for zones without daylight time (UTC excepted)
    dbias = 0 if host_zone_key() in ("UTC", None) and off == 0 else -60
    return (-off // 60, _win_zone_name(std_name, False), (0,) * 8, 0,
            _win_zone_name(dst_name if dst_name else std_name, True), (0,) * 8, dbias, False)


# IANA zone -> Windows time zone key (the CLDR mapping, for common zones); the key is also
# the StandardName, with "Daylight" for "Standard" in the DaylightName
_WINDOWS_ZONES = {}
for _key, _zones in {
    "UTC": "Etc/UTC UTC Etc/Universal Etc/Zulu Universal Zulu Etc/GMT GMT Etc/UCT UCT",
    "Eastern Standard Time": "America/New_York America/Toronto America/Detroit US/Eastern",
    "Central Standard Time": "America/Chicago America/Winnipeg US/Central",
    "Mountain Standard Time": "America/Denver America/Edmonton US/Mountain",
    "US Mountain Standard Time": "America/Phoenix",
    "Pacific Standard Time": "America/Los_Angeles America/Vancouver US/Pacific",
    "Alaskan Standard Time": "America/Anchorage",
    "Hawaiian Standard Time": "Pacific/Honolulu",
    "Central Standard Time (Mexico)": "America/Mexico_City",
    "E. South America Standard Time": "America/Sao_Paulo",
    "Argentina Standard Time": "America/Argentina/Buenos_Aires America/Buenos_Aires",
    "GMT Standard Time": "Europe/London Europe/Dublin Europe/Lisbon",
    "W. Europe Standard Time": "Europe/Berlin Europe/Amsterdam Europe/Rome Europe/Vienna Europe/Stockholm "
                               "Europe/Zurich Europe/Oslo Europe/Luxembourg",
    "Romance Standard Time": "Europe/Paris Europe/Brussels Europe/Madrid Europe/Copenhagen",
    "Central Europe Standard Time": "Europe/Prague Europe/Budapest Europe/Belgrade Europe/Bratislava",
    "Central European Standard Time": "Europe/Warsaw Europe/Zagreb",
    "GTB Standard Time": "Europe/Athens Europe/Bucharest",
    "FLE Standard Time": "Europe/Helsinki Europe/Kiev Europe/Kyiv Europe/Riga Europe/Sofia Europe/Tallinn "
                         "Europe/Vilnius",
    "Turkey Standard Time": "Europe/Istanbul",
    "Russian Standard Time": "Europe/Moscow",
    "India Standard Time": "Asia/Kolkata Asia/Calcutta",
    "China Standard Time": "Asia/Shanghai Asia/Hong_Kong",
    "Tokyo Standard Time": "Asia/Tokyo",
    "Korea Standard Time": "Asia/Seoul",
    "Singapore Standard Time": "Asia/Singapore",
    "Arabian Standard Time": "Asia/Dubai",
    "Israel Standard Time": "Asia/Jerusalem",
    "AUS Eastern Standard Time": "Australia/Sydney Australia/Melbourne",
    "E. Australia Standard Time": "Australia/Brisbane",
    "W. Australia Standard Time": "Australia/Perth",
    "Cen. Australia Standard Time": "Australia/Adelaide",
    "New Zealand Standard Time": "Pacific/Auckland",
    "South Africa Standard Time": "Africa/Johannesburg",
    "Egypt Standard Time": "Africa/Cairo",
    "W. Central Africa Standard Time": "Africa/Lagos",
    "E. Africa Standard Time": "Africa/Nairobi",
}.items():
    for _z in _zones.split():
        _WINDOWS_ZONES[_z] = _key


def host_zone_key() -> str | None:
    """The Windows key of the host's zone (from TZ or /etc/localtime), None if not known."""
    import os
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            target = os.path.realpath("/etc/localtime")
            name = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
        except OSError:
            name = ""
    if name.startswith("posix/") or name.startswith("right/"):
        name = name.split("/", 1)[1]
    return _WINDOWS_ZONES.get(name)


def _win_zone_name(abbrev: str, dst: bool) -> str:
    key = host_zone_key()
    if key == "UTC" or (key is None and abbrev in ("UTC", "GMT", "UCT", "Universal", "Zulu")):
        return "Coordinated Universal Time"
    if key:
        return key.replace("Standard", "Daylight") if dst else key
    return abbrev


def _tzi_bytes(info) -> bytes:
    bias, sname, srule, sbias, dname, drule, dbias, _ = info

    def name(s):
        b = s.encode("utf-16-le")[:62]
        return b + bytes(64 - len(b))
    return (struct.pack("<l", bias) + name(sname) + _ST.pack(*srule) + struct.pack("<l", sbias) +
            name(dname) + _ST.pack(*drule) + struct.pack("<l", dbias))


def _zone_id(info) -> int:
    if not info[7]:
        return TIME_ZONE_ID_UNKNOWN
    return TIME_ZONE_ID_DAYLIGHT if time.localtime().tm_isdst > 0 else TIME_ZONE_ID_STANDARD


@dll.stdcall
def GetTimeZoneInformation(tzi: PTR) -> DWORD:
    info = zone_info()
    proc().mem.write(tzi, _tzi_bytes(info))
    return _zone_id(info)


@dll.stdcall
def GetDynamicTimeZoneInformation(tzi: PTR) -> DWORD:
    info = zone_info()
    key = (host_zone_key() or info[1]).encode("utf-16-le")[:254]
    proc().mem.write(tzi, _tzi_bytes(info) + key + bytes(256 - len(key)) + b"\0")
    return _zone_id(info)


def _rule_date(year: int, rule) -> int | None:
    """FILETIME (in the zone's local time) at which a TIME_ZONE_INFORMATION rule fires in `year`."""
    _, month, dow, week, hour, minute, second, ms = rule
    if month == 0:
        return None
    if rule[0]:                      # absolute date
        return fields_to_ft(year, month, week, hour, minute, second, ms)
    first_dow = (_days_from_civil(year, month, 1) - _EPOCH_1601 + 1) % 7
    day = 1 + (dow - first_dow) % 7 + 7 * (week - 1)
    last = _month_days(year, month)
    while day > last:
        day -= 7
    return fields_to_ft(year, month, day, hour, minute, second, ms)


def _read_tzi(ptr: int):
    mem = proc().mem
    data = mem.read(ptr, 172)
    bias = struct.unpack_from("<l", data, 0)[0]
    srule = _ST.unpack_from(data, 68)
    sbias = struct.unpack_from("<l", data, 84)[0]
    drule = _ST.unpack_from(data, 152)
    dbias = struct.unpack_from("<l", data, 168)[0]
    return bias, srule, sbias, drule, dbias


def _is_dst(tz, local_ft: int, year: int) -> bool:
    bias, srule, sbias, drule, dbias = tz
    to_dst, to_std = _rule_date(year, drule), _rule_date(year, srule)
    if to_dst is None or to_std is None:
        return False
    if to_dst < to_std:
        return to_dst <= local_ft < to_std
    return not (to_std <= local_ft < to_dst)      # southern hemisphere


@dll.stdcall
def SystemTimeToTzSpecificLocalTime(tzi: PTR, utc: PTR, local: PTR) -> BOOL:
    ft = systemtime_to_ft(utc)
    if ft is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if tzi:
        tz = _read_tzi(tzi)
    else:
        b, _, srule, sbias, _, drule, dbias, _ = zone_info(read_systemtime(utc)[0])
        tz = (b, srule, sbias, drule, dbias)
    bias = tz[0]
    year = read_systemtime(utc)[0]
    std_local = ft - (bias + tz[2]) * 60 * TICKS_PER_SEC
    # the DST decision is made on standard local time for the start and DST local time for the end
    extra = tz[4] if _is_dst(tz, std_local, year) else tz[2]
    out = ft - (bias + extra) * 60 * TICKS_PER_SEC
    write_systemtime(local, ft_to_fields(out))
    return 1


@dll.stdcall
def TzSpecificLocalTimeToSystemTime(tzi: PTR, local: PTR, utc: PTR) -> BOOL:
    ft = systemtime_to_ft(local)
    if ft is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    year = read_systemtime(local)[0]
    if tzi:
        tz = _read_tzi(tzi)
    else:
        b, _, srule, sbias, _, drule, dbias, _ = zone_info(year)
        tz = (b, srule, sbias, drule, dbias)
    extra = tz[4] if _is_dst(tz, ft, year) else tz[2]
    write_systemtime(utc, ft_to_fields(ft + (tz[0] + extra) * 60 * TICKS_PER_SEC))
    return 1


@dll.stdcall
def FileTimeToLocalFileTime(ft: PTR, local: PTR) -> BOOL:
    mem = proc().mem
    v = mem.u64(ft) - current_bias_minutes() * 60 * TICKS_PER_SEC
    mem.w64(local, v)
    return 1


@dll.stdcall
def LocalFileTimeToFileTime(local: PTR, ft: PTR) -> BOOL:
    mem = proc().mem
    v = mem.u64(local) + current_bias_minutes() * 60 * TICKS_PER_SEC
    mem.w64(ft, v)
    return 1


# ---------------------------------------------------------------------------
# MS-DOS dates

@dll.stdcall
def DosDateTimeToFileTime(date: WORD, time_: WORD, ft: PTR) -> BOOL:
    year = 1980 + (date >> 9)
    month = (date >> 5) & 0xF
    day = date & 0x1F
    hour = time_ >> 11
    minute = (time_ >> 5) & 0x3F
    second = (time_ & 0x1F) * 2
    v = fields_to_ft(year, month, day, hour, minute, second, 0)
    if v is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    proc().mem.w64(ft, v)
    return 1


@dll.stdcall
def FileTimeToDosDateTime(ft: PTR, date: PTR, time_: PTR) -> BOOL:
    mem = proc().mem
    v = mem.u64(ft)
    if v > MAX_FILETIME:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    y, mo, dow, d, h, mi, s, ms = ft_to_fields(v)
    if not 1980 <= y <= 2107:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if date:
        mem.w16(date, ((y - 1980) << 9) | (mo << 5) | d)
    if time_:
        mem.w16(time_, (h << 11) | (mi << 5) | (s // 2))
    return 1
