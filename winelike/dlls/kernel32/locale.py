"""Locales (en-US only), CompareString, LCMapString, GetStringType.

winelike has one locale: English (United States), LCID 0x409, the one Wine
uses on a host in the C/POSIX or an English locale.  Other LCIDs are refused
with ERROR_INVALID_PARAMETER and a fixme, rather than answered with en-US data.

Linguistic comparison approximates Windows' "word sort": symbols < digits <
letters at the first level (hyphen and apostrophe are ignored there), then
diacritics, then case (lower before upper), then the ignored punctuation.
Checked against Wine 8 on a 50x50 table of short strings (tests/pe_samples/src/k32_string.c
keeps the interesting cases).
"""
from __future__ import annotations

import unicodedata

from winelike import debug
from winelike.abi.types import BOOL, DWORD, INT, LCID, LPCSTR, LPCWSTR, PTR, WORD
from winelike.dlls.winapi import (proc, set_last_error, ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_PARAMETER,
                                  ERROR_INVALID_FLAGS)
from . import dll

ch = debug.Channel("nls")

LOCALE_NEUTRAL, LOCALE_INVARIANT, LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT = 0, 0x7F, 0x400, 0x800
EN_US = 0x409
LOCALE_NAME_MAX_LENGTH = 85

CSTR_LESS_THAN, CSTR_EQUAL, CSTR_GREATER_THAN = 1, 2, 3
NORM_IGNORECASE = 0x1
NORM_IGNORENONSPACE = 0x2
NORM_IGNORESYMBOLS = 0x4
LINGUISTIC_IGNORECASE = 0x10
LINGUISTIC_IGNOREDIACRITIC = 0x20
NORM_IGNOREKANATYPE = 0x10000
NORM_IGNOREWIDTH = 0x20000
NORM_LINGUISTIC_CASING = 0x8000000
SORT_STRINGSORT = 0x1000
SORT_DIGITSASNUMBERS = 0x8
LOCALE_USE_CP_ACP = 0x40000000
COMPARE_FLAGS = (NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS | LINGUISTIC_IGNORECASE |
                 LINGUISTIC_IGNOREDIACRITIC | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH | NORM_LINGUISTIC_CASING |
                 SORT_STRINGSORT | SORT_DIGITSASNUMBERS | LOCALE_USE_CP_ACP)

LCMAP_LOWERCASE = 0x100
LCMAP_UPPERCASE = 0x200
LCMAP_SORTKEY = 0x400
LCMAP_BYTEREV = 0x800

CT_CTYPE1, CT_CTYPE2, CT_CTYPE3 = 1, 2, 4
C1_UPPER, C1_LOWER, C1_DIGIT, C1_SPACE, C1_PUNCT, C1_CNTRL, C1_BLANK, C1_XDIGIT, C1_ALPHA, C1_DEFINED = (
    0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200)

LOCALE_NOUSEROVERRIDE = 0x80000000
LOCALE_RETURN_NUMBER = 0x20000000
LOCALE_USE_CP_ACP_INFO = 0x40000000


# ---------------------------------------------------------------------------
# locale data (en-US)

_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]

EN_US_INFO: dict[int, str] = {
    0x01: "0409", 0x02: "English (United States)", 0x03: "ENU", 0x04: "English", 0x05: "1",
    0x06: "United States", 0x07: "USA", 0x08: "United States", 0x09: "0409", 0x0A: "1", 0x0B: "437",
    0x0C: ",", 0x0D: "1", 0x0E: ".", 0x0F: ",", 0x10: "3;0", 0x11: "2", 0x12: "1", 0x13: "0123456789",
    0x14: "$", 0x15: "USD", 0x16: ".", 0x17: ",", 0x18: "3;0", 0x19: "2", 0x1A: "2", 0x1B: "0",
    0x1C: "0", 0x1D: "/", 0x1E: ":", 0x1F: "M/d/yyyy", 0x20: "dddd, MMMM d, yyyy", 0x21: "0",
    0x22: "0", 0x23: "0", 0x24: "1", 0x25: "0", 0x26: "0", 0x27: "0", 0x28: "AM", 0x29: "PM",
    0x50: "", 0x51: "-", 0x59: "en", 0x5A: "US", 0x5C: "en-US", 0x67: "eng", 0x68: "USA",
    0x6D: "en", 0x72: "English (United States)", 0x73: "English (United States)", 0x78: "MMMM d",
    0x79: "h:mm tt",
    0x1001: "English", 0x1002: "United States", 0x1003: "h:mm:ss tt", 0x1004: "1252", 0x1005: "0",
    0x1006: "MMMM yyyy", 0x1007: "US Dollar", 0x1008: "US Dollar", 0x1009: "1", 0x100A: "1",
    0x100C: "6", 0x100D: "0", 0x1010: "1", 0x1011: "10000", 0x1012: "037", 0x1014: "1",
}
for _i, _d in enumerate(_DAYS):
    EN_US_INFO[0x2A + _i] = _d
    EN_US_INFO[0x31 + _i] = _d[:3]
for _i, _m in enumerate(_MONTHS):
    EN_US_INFO[0x38 + _i] = _m
    EN_US_INFO[0x44 + _i] = _m[:3]

# LOCALE_I* values that LOCALE_RETURN_NUMBER may return as a number
_NUMERIC = {0x01, 0x05, 0x09, 0x0A, 0x0B, 0x0D, 0x11, 0x12, 0x19, 0x1A, 0x1B, 0x1C, 0x21, 0x22, 0x23,
            0x24, 0x25, 0x26, 0x27, 0x1004, 0x1005, 0x1009, 0x100A, 0x100C, 0x100D, 0x1010, 0x1011,
            0x1012, 0x1014}


def resolve_lcid(lcid: int) -> int | None:
    """The LCID this process answers for `lcid`, or None (error set) if it has no data."""
    if lcid in (LOCALE_NEUTRAL, LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT, EN_US, LOCALE_INVARIANT,
                0x0009, 0x10409):   # LANG_ENGLISH neutral, en-US with a sort id
        return EN_US
    if lcid == 0x7C09 or lcid & 0x3FF == 0x09:
        ch.fixme("resolve_lcid", f"English locale {lcid:#x} answered with en-US data")
        return EN_US
    ch.fixme("resolve_lcid", f"locale {lcid:#x} not supported (only en-US)")
    set_last_error(ERROR_INVALID_PARAMETER)
    return None


def _name_to_lcid(name: str | None) -> int | None:
    if name is None or name == "" or name.lower() in ("en-us", "en", "!x-sys-default-locale"):
        return EN_US
    return None


@dll.stdcall
def GetUserDefaultLCID() -> LCID:
    return EN_US


@dll.stdcall
def GetSystemDefaultLCID() -> LCID:
    return EN_US


@dll.stdcall
def GetUserDefaultLangID() -> WORD:
    return EN_US


@dll.stdcall
def GetSystemDefaultLangID() -> WORD:
    return EN_US


@dll.stdcall
def GetUserDefaultUILanguage() -> WORD:
    return EN_US


@dll.stdcall
def GetSystemDefaultUILanguage() -> WORD:
    return EN_US


@dll.stdcall
def GetThreadLocale() -> LCID:
    return proc().thread.teb.CurrentLocale


@dll.stdcall
def SetThreadLocale(lcid: LCID) -> BOOL:
    if lcid in (LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT):
        lcid = EN_US
    if resolve_lcid(lcid) is None:
        return 0
    proc().thread.teb.CurrentLocale = lcid
    return 1


@dll.stdcall
def GetThreadUILanguage() -> WORD:
    return EN_US


@dll.stdcall
def IsValidLocale(lcid: LCID, flags: DWORD) -> BOOL:
    return 1 if lcid in (EN_US, LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT, LOCALE_INVARIANT) else 0


def _write_w(buf: int, size: int, text: str) -> int:
    """Write text+NUL (GetLocaleInfo convention): chars incl NUL, 0/INSUFFICIENT_BUFFER if short."""
    n = len(text) + 1
    if size == 0:
        return n
    if n > size:
        set_last_error(ERROR_INSUFFICIENT_BUFFER)
        return 0
    proc().mem.write(buf, text.encode("utf-16-le") + b"\0\0")
    return n


def _locale_value(lcid: int, lctype: int):
    """(value string or int for RETURN_NUMBER) or None with the error set."""
    if resolve_lcid(lcid) is None:
        return None
    kind = lctype & ~(LOCALE_NOUSEROVERRIDE | LOCALE_RETURN_NUMBER | LOCALE_USE_CP_ACP_INFO)
    val = EN_US_INFO.get(kind)
    if val is None:
        ch.fixme("GetLocaleInfo", f"lctype {lctype:#x} not known")
        set_last_error(ERROR_INVALID_FLAGS)
        return None
    if lctype & LOCALE_RETURN_NUMBER:
        if kind not in _NUMERIC:
            set_last_error(ERROR_INVALID_FLAGS)
            return None
        return int(val, 16) if kind in (0x01, 0x09) else int(val)
    return val


@dll.stdcall
def GetLocaleInfoW(lcid: LCID, lctype: DWORD, buf: PTR, size: INT) -> INT:
    if size < 0 or (size and not buf):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    val = _locale_value(lcid, lctype)
    if val is None:
        return 0
    if isinstance(val, int):
        if size == 0:
            return 2
        if size < 2:
            set_last_error(ERROR_INSUFFICIENT_BUFFER)
            return 0
        proc().mem.w32(buf, val)
        return 2
    return _write_w(buf, size, val)


@dll.stdcall
def GetLocaleInfoA(lcid: LCID, lctype: DWORD, buf: PTR, size: INT) -> INT:
    if size < 0 or (size and not buf):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if lctype & LOCALE_RETURN_NUMBER:
        set_last_error(ERROR_INVALID_FLAGS)   # only the W function returns numbers
        return 0
    val = _locale_value(lcid, lctype)
    if val is None:
        return 0
    p = proc()
    data = p.encode_astr(val) + b"\0"
    if size == 0:
        return len(data)
    if len(data) > size:
        set_last_error(ERROR_INSUFFICIENT_BUFFER)
        return 0
    p.mem.write(buf, data)
    return len(data)


@dll.stdcall
def GetLocaleInfoEx(name: LPCWSTR, lctype: DWORD, buf: PTR, size: INT) -> INT:
    lcid = _name_to_lcid(name)
    if lcid is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return GetLocaleInfoW(lcid, lctype, buf, size)


@dll.stdcall
def GetUserDefaultLocaleName(buf: PTR, size: INT) -> INT:
    return _write_w(buf, size, "en-US") if size > 0 else _fail(ERROR_INSUFFICIENT_BUFFER)


@dll.stdcall
def GetSystemDefaultLocaleName(buf: PTR, size: INT) -> INT:
    return GetUserDefaultLocaleName(buf, size)


def _fail(err: int) -> int:
    set_last_error(err)
    return 0


@dll.stdcall
def LocaleNameToLCID(name: LPCWSTR, flags: DWORD) -> LCID:
    lcid = _name_to_lcid(name)
    if lcid is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return lcid


@dll.stdcall
def LCIDToLocaleName(lcid: LCID, buf: PTR, size: INT, flags: DWORD) -> INT:
    if resolve_lcid(lcid) is None:
        return 0
    return _write_w(buf, size, "en-US")


# ---------------------------------------------------------------------------
# comparison

def _char_weights(c: str, flags: int):
    """(primary, diacritic, case) for one character; None when the character is ignored."""
    o = ord(c)
    if o == 0:
        return None
    decomp = unicodedata.normalize("NFD", c)
    base = decomp[0]
    marks = decomp[1:]
    cat = unicodedata.category(base)
    if cat[0] == "L":
        folded = base.lower()
        primary = (3, ord(folded) if len(folded) == 1 else o)
        case = 1 if base != folded else 0
    elif cat == "Nd":
        primary = (2, unicodedata.digit(base, 0))
        case = 0
    elif cat == "Zs" or base in "\t\n\v\f\r":
        if flags & NORM_IGNORESYMBOLS:
            return None
        primary = (0, o)            # blanks sort before the other symbols
        case = 0
    elif cat[0] == "M":
        if flags & (NORM_IGNORENONSPACE | LINGUISTIC_IGNOREDIACRITIC):
            return None
        return ((0, 0), o, 0)
    else:
        if flags & NORM_IGNORESYMBOLS:
            return None
        primary = (1, o)
        case = 0
    if flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE):
        case = 0
    dia = 0 if flags & (NORM_IGNORENONSPACE | LINGUISTIC_IGNOREDIACRITIC) else sum(ord(m) for m in marks)
    return primary, dia, case


# letters that sort as two (Windows expands them at every level: "\u00e6" equals "ae")
_EXPANSIONS = {"\u00e6": "ae", "\u00c6": "AE", "\u00df": "ss", "\u0153": "oe", "\u0152": "OE",
               "\u0133": "ij", "\u0132": "IJ"}


def sort_key(s: str, flags: int):
    prim, dia, case, special = [], [], [], []
    if any(c in _EXPANSIONS for c in s):
        s = "".join(_EXPANSIONS.get(c, c) for c in s)
    for i, c in enumerate(s):
        if c in "-'\u2019" and not flags & SORT_STRINGSORT:
            if not flags & NORM_IGNORESYMBOLS:
                special.append((-i, ord(c)))    # an earlier hyphen sorts later: "-ab" > "a-b" > "ab-"
            continue
        w = _char_weights(c, flags)
        if w is None:
            continue
        if w[0] == (0, 0):          # combining mark: adds to the previous character's diacritic
            if dia:
                dia[-1] += w[1]
            continue
        prim.append(w[0])
        dia.append(w[1])
        case.append(w[2])
    return prim, dia, case, special


def compare_strings(a: str, b: str, flags: int) -> int:
    """CSTR_LESS_THAN / CSTR_EQUAL / CSTR_GREATER_THAN, as CompareStringW for en-US."""
    ka, kb = sort_key(a, flags), sort_key(b, flags)
    for x, y in zip(ka, kb):
        if x != y:
            return CSTR_LESS_THAN if x < y else CSTR_GREATER_THAN
    return CSTR_EQUAL


def _read_w(ptr: int, n: int) -> str:
    mem = proc().mem
    if n < 0:
        return mem.wstr(ptr)
    return mem.read(ptr, 2 * n).decode("utf-16-le", "surrogatepass")


def _read_a(ptr: int, n: int, flags: int = 0) -> str:
    p = proc()
    data = p.mem.cstr(ptr) if n < 0 else p.mem.read(ptr, n)
    return data.decode(p.acp, "replace")


def _compare_checks(flags: int, s1: int, s2: int) -> bool:
    if not s1 or not s2:
        set_last_error(ERROR_INVALID_PARAMETER)
        return False
    if flags & ~COMPARE_FLAGS:
        set_last_error(ERROR_INVALID_FLAGS)
        return False
    return True


@dll.stdcall
def CompareStringW(lcid: LCID, flags: DWORD, s1: PTR, n1: INT, s2: PTR, n2: INT) -> INT:
    if not _compare_checks(flags, s1, s2):
        return 0
    if resolve_lcid(lcid) is None:
        return 0
    return compare_strings(_read_w(s1, n1), _read_w(s2, n2), flags)


@dll.stdcall
def CompareStringA(lcid: LCID, flags: DWORD, s1: PTR, n1: INT, s2: PTR, n2: INT) -> INT:
    if not _compare_checks(flags, s1, s2):
        return 0
    if resolve_lcid(lcid) is None:
        return 0
    return compare_strings(_read_a(s1, n1), _read_a(s2, n2), flags)


@dll.stdcall
def CompareStringEx(name: LPCWSTR, flags: DWORD, s1: PTR, n1: INT, s2: PTR, n2: INT,
                    version: PTR, reserved: PTR, param: PTR) -> INT:
    if not _compare_checks(flags, s1, s2):
        return 0
    if _name_to_lcid(name) is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return compare_strings(_read_w(s1, n1), _read_w(s2, n2), flags)


def _upper_units(data: bytes) -> list[int]:
    out = []
    for i in range(0, len(data), 2):
        u = data[i] | data[i + 1] << 8
        if not 0xD800 <= u <= 0xDFFF:
            up = chr(u).upper()
            if len(up) == 1:
                u = ord(up)
        out.append(u)
    return out


@dll.stdcall
def CompareStringOrdinal(s1: PTR, n1: INT, s2: PTR, n2: INT, ignore_case: BOOL) -> INT:
    """Code-unit comparison; with ignore_case both sides are upper-cased unit by unit."""
    if not s1 or not s2:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    mem = proc().mem
    a = mem.wstr_bytes(s1) if n1 < 0 else mem.read(s1, 2 * n1)
    b = mem.wstr_bytes(s2) if n2 < 0 else mem.read(s2, 2 * n2)
    if ignore_case:
        ua, ub = _upper_units(a), _upper_units(b)
    else:
        ua = [a[i] | a[i + 1] << 8 for i in range(0, len(a), 2)]
        ub = [b[i] | b[i + 1] << 8 for i in range(0, len(b), 2)]
    if ua == ub:
        return CSTR_EQUAL
    return CSTR_LESS_THAN if ua < ub else CSTR_GREATER_THAN


# ---------------------------------------------------------------------------
# LCMapString

def _map_text(flags: int, text: str) -> str | None:
    kind = flags & (LCMAP_LOWERCASE | LCMAP_UPPERCASE)
    if kind == (LCMAP_LOWERCASE | LCMAP_UPPERCASE):
        return None
    if kind == LCMAP_UPPERCASE:
        return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)
    if kind == LCMAP_LOWERCASE:
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return text


def _lcmap_flags_ok(flags: int) -> bool:
    known = LCMAP_LOWERCASE | LCMAP_UPPERCASE | NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS | \
        LCMAP_BYTEREV | LOCALE_USE_CP_ACP | NORM_LINGUISTIC_CASING | 0x01000000
    if flags & LCMAP_SORTKEY:
        ch.fixme("LCMapString", "LCMAP_SORTKEY not supported")
        set_last_error(ERROR_INVALID_FLAGS)
        return False
    if flags & ~known or (flags & LCMAP_LOWERCASE and flags & LCMAP_UPPERCASE):
        set_last_error(ERROR_INVALID_FLAGS)
        return False
    if flags & (NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS | LCMAP_BYTEREV):
        ch.fixme("LCMapString", f"flags {flags:#x} partly ignored")
    return True


def _lcmap_w(flags: int, src: int, srclen: int, dst: int, dstlen: int) -> int:
    if not src or srclen == 0 or dstlen < 0 or (dstlen and not dst):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if not _lcmap_flags_ok(flags):
        return 0
    text = _read_w(src, srclen) + ("\0" if srclen < 0 else "")
    out = _map_text(flags, text)
    data = out.encode("utf-16-le", "surrogatepass")
    n = len(data) // 2
    if dstlen == 0:
        return n
    if n > dstlen:
        set_last_error(ERROR_INSUFFICIENT_BUFFER)
        return 0
    proc().mem.write(dst, data)
    return n


@dll.stdcall
def LCMapStringW(lcid: LCID, flags: DWORD, src: PTR, srclen: INT, dst: PTR, dstlen: INT) -> INT:
    if resolve_lcid(lcid) is None:
        return 0
    return _lcmap_w(flags, src, srclen, dst, dstlen)


@dll.stdcall
def LCMapStringEx(name: LPCWSTR, flags: DWORD, src: PTR, srclen: INT, dst: PTR, dstlen: INT,
                  version: PTR, reserved: PTR, param: PTR) -> INT:
    if _name_to_lcid(name) is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _lcmap_w(flags, src, srclen, dst, dstlen)


@dll.stdcall
def LCMapStringA(lcid: LCID, flags: DWORD, src: PTR, srclen: INT, dst: PTR, dstlen: INT) -> INT:
    if resolve_lcid(lcid) is None:
        return 0
    if not src or srclen == 0 or dstlen < 0 or (dstlen and not dst):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if not _lcmap_flags_ok(flags):
        return 0
    p = proc()
    text = _read_a(src, srclen) + ("\0" if srclen < 0 else "")
    data = p.encode_astr(_map_text(flags, text))
    if dstlen == 0:
        return len(data)
    if len(data) > dstlen:
        set_last_error(ERROR_INSUFFICIENT_BUFFER)
        return 0
    p.mem.write(dst, data)
    return len(data)


# ---------------------------------------------------------------------------
# GetStringType

def ctype1(c: str) -> int:
    o = ord(c)
    if 0xD800 <= o <= 0xDFFF:
        return 0
    cat = unicodedata.category(c)
    if cat == "Cn":
        return 0
    f = C1_DEFINED
    if cat == "Lu":
        f |= C1_UPPER | C1_ALPHA
    elif cat == "Ll":
        f |= C1_LOWER | C1_ALPHA
    elif cat[0] == "L":
        f |= C1_ALPHA
    elif cat == "Nd":
        f |= C1_DIGIT
    elif cat[0] in "PS":
        f |= C1_PUNCT
    elif cat == "Cc":
        f |= C1_CNTRL
    # combining marks (category M*) get no CT_CTYPE1 class bits
    if cat == "Zs" or o in (9, 10, 11, 12, 13, 0x85, 0x2028, 0x2029):
        f |= C1_SPACE
    if cat == "Zs" or o == 9:
        f |= C1_BLANK
    if c in "0123456789abcdefABCDEF" or 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF26 or 0xFF41 <= o <= 0xFF46:
        f |= C1_XDIGIT
    return f


def _string_type_w(kind: int, text: str, out: int) -> bool:
    if kind != CT_CTYPE1:
        if kind in (CT_CTYPE2, CT_CTYPE3):
            ch.fixme("GetStringTypeW", f"CT_CTYPE{kind.bit_length()} not supported")
        set_last_error(ERROR_INVALID_FLAGS if kind not in (CT_CTYPE2, CT_CTYPE3) else ERROR_INVALID_PARAMETER)
        return False
    data = b"".join(ctype1(c).to_bytes(2, "little") for c in text)
    proc().mem.write(out, data)
    return True


@dll.stdcall
def GetStringTypeW(kind: DWORD, src: PTR, count: INT, out: PTR) -> BOOL:
    if not src or not out:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    text = _read_w(src, count) + ("\0" if count < 0 else "")
    return 1 if _string_type_w(kind, text, out) else 0


@dll.stdcall
def GetStringTypeExW(lcid: LCID, kind: DWORD, src: PTR, count: INT, out: PTR) -> BOOL:
    return GetStringTypeW(kind, src, count, out)


@dll.stdcall
def GetStringTypeA(lcid: LCID, kind: DWORD, src: PTR, count: INT, out: PTR) -> BOOL:
    """One WORD per byte of the ANSI string (single-byte code pages only)."""
    if not src or not out:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    p = proc()
    data = p.mem.cstr(src) + b"\0" if count < 0 else p.mem.read(src, count)
    from .stringapi import decode_bytewise
    return 1 if _string_type_w(kind, decode_bytewise(data, p.acp), out) else 0


@dll.stdcall
def GetStringTypeExA(lcid: LCID, kind: DWORD, src: PTR, count: INT, out: PTR) -> BOOL:
    return GetStringTypeA(lcid, kind, src, count, out)


# ---------------------------------------------------------------------------
# date and time formatting (en-US pictures)

DATE_SHORTDATE, DATE_LONGDATE, DATE_USE_ALT_CALENDAR, DATE_YEARMONTH = 0x1, 0x2, 0x4, 0x8
DATE_LTRREADING, DATE_RTLREADING, DATE_AUTOLAYOUT = 0x10, 0x20, 0x40
TIME_NOMINUTESORSECONDS, TIME_NOSECONDS, TIME_NOTIMEMARKER, TIME_FORCE24HOURFORMAT = 0x1, 0x2, 0x4, 0x8


def _tokens(picture: str):
    """Split a picture into (field letters, run length) and ('', literal) tokens."""
    out = []
    i, n = 0, len(picture)
    while i < n:
        c = picture[i]
        if c == "'":
            if picture[i + 1:i + 2] == "'":          # '' outside a quoted run: one quote
                out.append(("", "'"))
                i += 2
                continue
            j = i + 1
            lit = []
            while j < n:
                if picture[j] == "'":
                    if picture[j + 1:j + 2] == "'":
                        lit.append("'")
                        j += 2
                        continue
                    j += 1
                    break
                lit.append(picture[j])
                j += 1
            out.append(("", "".join(lit)))
            i = j
            continue
        if c in "dMyghHmst":
            j = i
            while j < n and picture[j] == c:
                j += 1
            out.append((c, j - i))
            i = j
            continue
        out.append(("", c))
        i += 1
    return out


def _format_date(picture: str, st) -> str:
    y, mo, dow, d = st[0], st[1], st[2], st[3]
    days = ["Sunday"] + _DAYS[:6]
    parts = []
    for f, n in _tokens(picture):
        if f == "":
            parts.append(n)
        elif f == "d":
            parts.append(str(d) if n == 1 else f"{d:02d}" if n == 2 else days[dow][:3] if n == 3 else days[dow])
        elif f == "M":
            parts.append(str(mo) if n == 1 else f"{mo:02d}" if n == 2 else _MONTHS[mo - 1][:3] if n == 3
                         else _MONTHS[mo - 1])
        elif f == "y":
            parts.append(str(y % 100) if n == 1 else f"{y % 100:02d}" if n == 2 else str(y))
        elif f == "g":
            parts.append("A.D.")
        else:
            parts.append(f * n)
    return "".join(parts)


def _format_time(picture: str, st, flags: int) -> str:
    h, m, s = st[4], st[5], st[6]
    toks = _tokens(picture)
    drop = set()
    if flags & TIME_NOMINUTESORSECONDS:
        drop |= {"m", "s"}
    elif flags & TIME_NOSECONDS:
        drop.add("s")
    if flags & TIME_NOTIMEMARKER:
        drop.add("t")
    kept = []
    for f, n in toks:
        if f in drop:
            while kept and kept[-1][0] == "":      # the separator before a dropped field goes too
                kept.pop()
            continue
        kept.append((f, n))
    parts = []
    for f, n in kept:
        if f == "":
            parts.append(n)
        elif f == "h" and not flags & TIME_FORCE24HOURFORMAT:
            h12 = h % 12 or 12
            parts.append(str(h12) if n == 1 else f"{h12:02d}")
        elif f in "hH":
            parts.append(str(h) if n == 1 else f"{h:02d}")
        elif f == "m":
            parts.append(str(m) if n == 1 else f"{m:02d}")
        elif f == "s":
            parts.append(str(s) if n == 1 else f"{s:02d}")
        elif f == "t":
            mark = "AM" if h < 12 else "PM"
            parts.append(mark[:1] if n == 1 else mark)
        else:
            parts.append(f * n)
    return "".join(parts)


def _systemtime_or_now(ptr: int, check_date: bool, check_time: bool):
    from .timeapi import read_systemtime, ft_to_fields, filetime_now, current_bias_minutes, fields_to_ft
    if not ptr:
        return ft_to_fields(filetime_now() - current_bias_minutes() * 600_000_000)
    st = read_systemtime(ptr)
    y, mo, dow, d, h, mi, s, ms = st
    if check_date:
        ft = fields_to_ft(y, mo, d, 0, 0, 0, 0)
        if ft is None:
            return None
        st = ft_to_fields(ft)[:4] + st[4:]        # the day of week is computed, not trusted
    if check_time and not (h <= 23 and mi <= 59 and s <= 59 and ms <= 999):
        return None
    return st


def _write_result(buf: int, size: int, text: str, wide: bool) -> int:
    p = proc()
    data = (text.encode("utf-16-le") + b"\0\0") if wide else (p.encode_astr(text) + b"\0")
    n = len(data) // 2 if wide else len(data)
    if size == 0:
        return n
    if n > size:
        set_last_error(ERROR_INSUFFICIENT_BUFFER)
        return 0
    p.mem.write(buf, data)
    return n


def _get_date_format(lcid, flags, date, fmt: str | None, buf, size, wide) -> int:
    if size < 0 or (size and not buf):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    kinds = flags & (DATE_SHORTDATE | DATE_LONGDATE | DATE_YEARMONTH)
    if fmt is not None and kinds or kinds & (kinds - 1) or \
            flags & ~(DATE_SHORTDATE | DATE_LONGDATE | DATE_YEARMONTH | DATE_USE_ALT_CALENDAR | DATE_LTRREADING |
                      DATE_RTLREADING | DATE_AUTOLAYOUT | LOCALE_NOUSEROVERRIDE):
        set_last_error(ERROR_INVALID_FLAGS)
        return 0
    if lcid is not None and resolve_lcid(lcid) is None:
        return 0
    st = _systemtime_or_now(date, True, False)
    if st is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if fmt is None:
        fmt = EN_US_INFO[0x20 if kinds == DATE_LONGDATE else 0x1006 if kinds == DATE_YEARMONTH else 0x1F]
    return _write_result(buf, size, _format_date(fmt, st), wide)


def _get_time_format(lcid, flags, t, fmt: str | None, buf, size, wide) -> int:
    if size < 0 or (size and not buf):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if flags & ~(TIME_NOMINUTESORSECONDS | TIME_NOSECONDS | TIME_NOTIMEMARKER | TIME_FORCE24HOURFORMAT |
                 LOCALE_NOUSEROVERRIDE):
        set_last_error(ERROR_INVALID_FLAGS)
        return 0
    if fmt is not None and flags & LOCALE_NOUSEROVERRIDE:
        set_last_error(ERROR_INVALID_FLAGS)
        return 0
    if lcid is not None and resolve_lcid(lcid) is None:
        return 0
    st = _systemtime_or_now(t, False, True)
    if st is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _write_result(buf, size, _format_time(fmt if fmt is not None else EN_US_INFO[0x1003], st, flags), wide)


@dll.stdcall
def GetDateFormatW(lcid: LCID, flags: DWORD, date: PTR, fmt: LPCWSTR, buf: PTR, size: INT) -> INT:
    return _get_date_format(lcid, flags, date, fmt, buf, size, True)


@dll.stdcall
def GetDateFormatA(lcid: LCID, flags: DWORD, date: PTR, fmt: LPCSTR, buf: PTR, size: INT) -> INT:
    return _get_date_format(lcid, flags, date, fmt, buf, size, False)


@dll.stdcall
def GetDateFormatEx(name: LPCWSTR, flags: DWORD, date: PTR, fmt: LPCWSTR, buf: PTR, size: INT,
                    calendar: LPCWSTR) -> INT:
    if _name_to_lcid(name) is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _get_date_format(None, flags, date, fmt, buf, size, True)


@dll.stdcall
def GetTimeFormatW(lcid: LCID, flags: DWORD, t: PTR, fmt: LPCWSTR, buf: PTR, size: INT) -> INT:
    return _get_time_format(lcid, flags, t, fmt, buf, size, True)


@dll.stdcall
def GetTimeFormatA(lcid: LCID, flags: DWORD, t: PTR, fmt: LPCSTR, buf: PTR, size: INT) -> INT:
    return _get_time_format(lcid, flags, t, fmt, buf, size, False)


@dll.stdcall
def GetTimeFormatEx(name: LPCWSTR, flags: DWORD, t: PTR, fmt: LPCWSTR, buf: PTR, size: INT) -> INT:
    if _name_to_lcid(name) is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _get_time_format(None, flags, t, fmt, buf, size, True)


# ---------------------------------------------------------------------------
# enumeration (one locale, the code pages this process can convert)

LCID_INSTALLED, LCID_SUPPORTED = 0x1, 0x2
LOCALE_ALL, LOCALE_WINDOWS = 0x0, 0x1


def _guest_string(text: str, wide: bool) -> int:
    p = proc()
    data = (text.encode("utf-16-le") + b"\0\0") if wide else (text.encode("ascii") + b"\0")
    addr = p.heap_alloc(len(data))
    p.mem.write(addr, data)
    return addr


def _enumerate(callback: int, items, wide: bool, extra=()) -> int:
    p = proc()
    for text in items:
        s = _guest_string(text, wide)
        try:
            more = p.cpu.call(callback, (s, *extra), p.callback_ret) & 0xFFFFFFFF
        finally:
            p.process_heap.free_block(s)
        if not more:
            break
    return 1


@dll.stdcall
def EnumSystemLocalesW(callback: PTR, flags: DWORD) -> BOOL:
    if not callback:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _enumerate(callback, ["00000409"], True)


@dll.stdcall
def EnumSystemLocalesA(callback: PTR, flags: DWORD) -> BOOL:
    if not callback:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _enumerate(callback, ["00000409"], False)


@dll.stdcall
def EnumSystemLocalesEx(callback: PTR, flags: DWORD, param: PTR, reserved: PTR) -> BOOL:
    if not callback:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _enumerate(callback, ["en-US"], True, (LOCALE_WINDOWS, param))


@dll.stdcall
def IsValidLocaleName(name: LPCWSTR) -> BOOL:
    return 1 if name is not None and name.lower() in ("en-us", "en") else 0


def _code_pages():
    from .stringapi import _CODECS
    return [str(cp) for cp in sorted(_CODECS)]


@dll.stdcall
def EnumSystemCodePagesW(callback: PTR, flags: DWORD) -> BOOL:
    if not callback:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _enumerate(callback, _code_pages(), True)


@dll.stdcall
def EnumSystemCodePagesA(callback: PTR, flags: DWORD) -> BOOL:
    if not callback:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _enumerate(callback, _code_pages(), False)


# ---------------------------------------------------------------------------
# number and currency formatting

_NEG_NUMBER = ["({})", "-{}", "- {}", "{}-", "{} -"]
_NEG_CURRENCY = ["({s}{n})", "-{s}{n}", "{s}-{n}", "{s}{n}-", "({n}{s})", "-{n}{s}", "{n}-{s}", "{n}{s}-",
                 "-{n} {s}", "-{s} {n}", "{n} {s}-", "{s} {n}-", "{s} -{n}", "{n}- {s}", "({s} {n})", "({n} {s})"]
_POS_CURRENCY = ["{s}{n}", "{n}{s}", "{s} {n}", "{n} {s}"]


def _parse_number(text: str):
    """(negative, integer digits, fraction digits) of a number string, or None if it is not one."""
    if not text:
        return None
    neg = text.startswith("-")
    body = text[1:] if neg else text
    if body.count(".") > 1:
        return None
    ip, _, fp = body.partition(".")
    if not (ip + fp) or not (ip + fp).isdigit() or not all("0" <= c <= "9" for c in ip + fp):
        return None
    return neg, ip, fp


def _round_digits(ip: str, fp: str, digits: int):
    """Round half away from zero to `digits` fraction digits; returns (int part, frac part) strings."""
    fp = fp.ljust(digits + 1, "0")
    keep, nxt = fp[:digits], fp[digits]
    n = int((ip or "0") + keep)
    if nxt >= "5":
        n += 1
    s = str(n).rjust(digits + 1, "0")
    return (s[:-digits] if digits else s), (s[-digits:] if digits else "")


def _group(ip: str, grouping: int, sep: str) -> str:
    if not grouping:
        return ip
    sizes = [int(c) for c in str(grouping)]
    repeat = sizes[-1] if sizes[-1] else None
    if sizes[-1] == 0:
        sizes = sizes[:-1]
    parts = []
    rest = ip
    i = 0
    while rest:
        size = sizes[i] if i < len(sizes) else repeat if repeat is not None else 0
        if size == 0 or len(rest) <= size:
            parts.append(rest)
            break
        parts.append(rest[-size:])
        rest = rest[:-size]
        i += 1
    return sep.join(reversed(parts))


def _number_core(value, digits, lead, grouping, dec, thou):
    neg, ip, fp = value
    ip, fp = _round_digits(ip, fp, digits)
    ip = ip.lstrip("0")
    if not ip and lead:
        ip = "0"
    text = _group(ip, grouping, thou)
    if digits:
        text += dec + fp
    is_zero = not any(c not in "0" for c in ip + fp)
    return text, neg and not is_zero


def _read_fmt(ptr: int, wide: bool, currency: bool):
    p = proc()
    mem, P = p.mem, p.ptr_size
    digits, lead, grouping = mem.u32(ptr), mem.u32(ptr + 4), mem.u32(ptr + 8)
    off = 12 if P == 4 else 16
    dec_p, thou_p = mem.ptr(ptr + off), mem.ptr(ptr + off + P)
    neg = mem.u32(ptr + off + 2 * P)
    rd = (lambda a: mem.wstr(a) if a else None) if wide else (lambda a: p.decode_astr(a) if a else None)
    if currency:
        pos = mem.u32(ptr + off + 2 * P + 4)
        sym = rd(mem.ptr(ptr + off + 2 * P + 8))
        return digits, lead, grouping, rd(dec_p), rd(thou_p), neg, pos, sym
    return digits, lead, grouping, rd(dec_p), rd(thou_p), neg


def _format_number(lcid, flags, value: str | None, fmt: int, buf: int, size: int, wide: bool, currency: bool):
    if size < 0 or (size and not buf) or value is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if fmt and flags & ~0:
        set_last_error(ERROR_INVALID_FLAGS)
        return 0
    if lcid is not None and resolve_lcid(lcid) is None:
        return 0
    v = _parse_number(value)
    if v is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if fmt:
        f = _read_fmt(fmt, wide, currency)
        if f[3] is None or f[4] is None or (currency and f[7] is None) or f[1] > 1 or \
                f[5] > (15 if currency else 4) or (currency and f[6] > 3):
            set_last_error(ERROR_INVALID_PARAMETER)
            return 0
    elif currency:
        f = (2, 1, 3, ".", ",", 0, 0, "$")
    else:
        f = (2, 1, 3, ".", ",", 1)
    text, neg = _number_core(v, f[0], f[1], f[2], f[3], f[4])
    if currency:
        tmpl = _NEG_CURRENCY[f[5]] if neg else _POS_CURRENCY[f[6]]
        out = tmpl.format(s=f[7], n=text)
    else:
        out = _NEG_NUMBER[f[5]].format(text) if neg else text
    return _write_result(buf, size, out, wide)


@dll.stdcall
def GetNumberFormatW(lcid: LCID, flags: DWORD, value: LPCWSTR, fmt: PTR, buf: PTR, size: INT) -> INT:
    return _format_number(lcid, flags, value, fmt, buf, size, True, False)


@dll.stdcall
def GetNumberFormatA(lcid: LCID, flags: DWORD, value: LPCSTR, fmt: PTR, buf: PTR, size: INT) -> INT:
    return _format_number(lcid, flags, value, fmt, buf, size, False, False)


@dll.stdcall
def GetNumberFormatEx(name: LPCWSTR, flags: DWORD, value: LPCWSTR, fmt: PTR, buf: PTR, size: INT) -> INT:
    if _name_to_lcid(name) is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _format_number(None, flags, value, fmt, buf, size, True, False)


@dll.stdcall
def GetCurrencyFormatW(lcid: LCID, flags: DWORD, value: LPCWSTR, fmt: PTR, buf: PTR, size: INT) -> INT:
    return _format_number(lcid, flags, value, fmt, buf, size, True, True)


@dll.stdcall
def GetCurrencyFormatA(lcid: LCID, flags: DWORD, value: LPCSTR, fmt: PTR, buf: PTR, size: INT) -> INT:
    return _format_number(lcid, flags, value, fmt, buf, size, False, True)


@dll.stdcall
def GetCurrencyFormatEx(name: LPCWSTR, flags: DWORD, value: LPCWSTR, fmt: PTR, buf: PTR, size: INT) -> INT:
    if _name_to_lcid(name) is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    return _format_number(None, flags, value, fmt, buf, size, True, True)
