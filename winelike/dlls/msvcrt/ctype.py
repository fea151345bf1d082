"""ctype.h in the "C" locale: the classification tables and the is*/to* functions.

mingw's ctype macros read the table directly through the `_pctype` data export
(a pointer to the entry for character 0; entry -1 is EOF) or `__pctype_func()`;
`_ctype` is the array itself starting with the EOF entry.  `_pwctype` is the
wide table for 0..255 (Latin-1 letters classify as letters there, as on Windows).
"""
from __future__ import annotations

import unicodedata

from winelike.abi.types import INT, PTR, UINT, WCHAR
from winelike.dlls.winapi import proc
from . import dll
from .state import crt

_UPPER, _LOWER, _DIGIT, _SPACE, _PUNCT, _CONTROL, _BLANK, _HEX, _ALPHA = (
    0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100)
_LEADBYTE = 0x8000
# The byte table holds no _ALPHA bit for ASCII letters and no _BLANK for tab (Wine's
# table, which mingw's macros read); _ALPHA in <ctype.h> is 0x103, so masks use that.
_ALPHA_MASK = _ALPHA | _UPPER | _LOWER


def _c_class(c: int) -> int:
    if c >= 0x80:
        return 0
    ch = chr(c)
    f = 0
    if c < 0x20 or c == 0x7F:
        f |= _CONTROL
    if 9 <= c <= 13 or c == 32:
        f |= _SPACE
    if c == 32:
        f |= _BLANK
    if "A" <= ch <= "Z":
        f |= _UPPER
    elif "a" <= ch <= "z":
        f |= _LOWER
    elif "0" <= ch <= "9":
        f |= _DIGIT
    elif 0x21 <= c <= 0x7E:
        f |= _PUNCT
    if ch in "0123456789abcdefABCDEF":
        f |= _HEX
    return f


def wide_class(c: int) -> int:
    """Classification of a UTF-16 code unit (as GetStringTypeW's CT_CTYPE1)."""
    if c < 0x80:
        f = _c_class(c)
        if f & (_UPPER | _LOWER):
            f |= _ALPHA
        if c == 9:
            f |= _BLANK
        return f
    ch = chr(c)
    cat = unicodedata.category(ch)
    f = 0
    if cat == "Lu":
        f |= _UPPER | _ALPHA
    elif cat == "Ll":
        f |= _LOWER | _ALPHA
    elif cat[0] == "L" or cat in ("Mn", "Mc"):
        f |= _ALPHA
    elif cat == "Nd":
        f |= _DIGIT
    elif cat in ("Zs",):
        f |= _SPACE | _BLANK
    elif cat in ("Zl", "Zp"):
        f |= _SPACE
    elif cat[0] in "PS" or cat in ("No", "Nl"):
        f |= _PUNCT
    elif cat == "Cc":
        f |= _CONTROL
        if c == 0x85:
            f |= _SPACE
    return f


CTYPE = [_c_class(c) for c in range(256)]
WCTYPE = [wide_class(c) for c in range(256)]


def _init_ctype_table(p, addr):
    """_ctype: EOF entry then 256 entries; also the shared storage behind _pctype."""
    data = bytearray(2 * 257)
    for c in range(256):
        data[2 + 2 * c:4 + 2 * c] = CTYPE[c].to_bytes(2, "little")
    p.mem.write(addr, bytes(data))
    crt().static["_ctype"] = addr


def _init_wctype_table(p):
    s = crt()
    addr = s.static.get("wctype_table")
    if addr is None:
        addr = p.heap_alloc(512)
        p.mem.write(addr, b"".join(v.to_bytes(2, "little") for v in WCTYPE))
        s.static["wctype_table"] = addr
    return addr


def _ctype_table(p) -> int:
    return crt().static["_ctype"]


def _init_pctype(p, addr):
    p.mem.wptr(addr, _ctype_table(p) + 2)
    crt().static["_pctype"] = addr


def _init_pwctype(p, addr):
    p.mem.wptr(addr, _init_wctype_table(p))
    crt().static["_pwctype"] = addr


dll.data("_ctype", 2 * 257, _init_ctype_table)
dll.data("_pctype", lambda P: P, _init_pctype)
dll.data("_pwctype", lambda P: P, _init_pwctype)


@dll.cdecl
def __pctype_func() -> PTR:
    return _ctype_table(proc()) + 2


@dll.cdecl
def __p__pctype() -> PTR:
    return crt().static["_pctype"]


@dll.cdecl
def __pwctype_func() -> PTR:
    return _init_wctype_table(proc())


@dll.cdecl
def __p__pwctype() -> PTR:
    return crt().static["_pwctype"]


def ctype_of(c: int) -> int:
    if -1 <= c <= 255:
        return CTYPE[c] if c >= 0 else 0
    return 0


@dll.cdecl
def _isctype(c: INT, mask: INT) -> INT:
    return ctype_of(c) & mask


@dll.cdecl
def _isctype_l(c: INT, mask: INT, locale: PTR) -> INT:
    return ctype_of(c) & mask


def _is(mask):
    def f(c):
        return ctype_of(c) & mask
    return f


def _declare_is(name, mask):
    def fn(c: INT) -> INT:
        return ctype_of(c) & mask
    fn.__name__ = name
    dll.cdecl(fn, name=name)

    def fn_l(c: INT, locale: PTR) -> INT:
        return ctype_of(c) & mask
    fn_l.__name__ = name.lstrip("_") + "_l"
    dll.cdecl(fn_l, name="_" + name + "_l")


for _name, _mask in (("isalpha", _ALPHA_MASK), ("isupper", _UPPER), ("islower", _LOWER), ("isdigit", _DIGIT),
                     ("isxdigit", _HEX), ("isspace", _SPACE), ("ispunct", _PUNCT), ("iscntrl", _CONTROL),
                     ("isalnum", _ALPHA_MASK | _DIGIT), ("isprint", _ALPHA_MASK | _DIGIT | _PUNCT | _BLANK),
                     ("isgraph", _ALPHA_MASK | _DIGIT | _PUNCT)):
    _declare_is(_name, _mask)


@dll.cdecl
def isblank(c: INT) -> INT:
    return _BLANK if c in (9, 32) else 0


@dll.cdecl
def __isascii(c: INT) -> INT:
    return int(0 <= c < 0x80)


@dll.cdecl
def __toascii(c: INT) -> INT:
    return c & 0x7F


@dll.cdecl
def __iscsym(c: INT) -> INT:
    return int(c == 95 or bool(ctype_of(c) & (_ALPHA_MASK | _DIGIT)))


@dll.cdecl
def __iscsymf(c: INT) -> INT:
    return int(c == 95 or bool(ctype_of(c) & _ALPHA_MASK))


@dll.cdecl
def toupper(c: INT) -> INT:
    return c - 32 if 97 <= c <= 122 else c


@dll.cdecl
def tolower(c: INT) -> INT:
    return c + 32 if 65 <= c <= 90 else c


@dll.cdecl
def _toupper(c: INT) -> INT:
    return c - 32


@dll.cdecl
def _tolower(c: INT) -> INT:
    return c + 32


@dll.cdecl
def _toupper_l(c: INT, locale: PTR) -> INT:
    return toupper(c)


@dll.cdecl
def _tolower_l(c: INT, locale: PTR) -> INT:
    return tolower(c)


# ---- wide -----------------------------------------------------------------------------

def wctype_of(c: int) -> int:
    c &= 0xFFFF
    if c < 256:
        return WCTYPE[c]
    if 0xD800 <= c <= 0xDFFF:
        return 0
    return wide_class(c)


@dll.cdecl
def iswctype(c: WCHAR, mask: UINT) -> INT:
    c &= 0xFFFF
    if c == 0xFFFF:
        return 0
    return wctype_of(c) & mask


@dll.cdecl
def is_wctype(c: WCHAR, mask: UINT) -> INT:
    return iswctype(c, mask)


def _declare_isw(name, mask):
    def fn(c: WCHAR) -> INT:
        c &= 0xFFFF
        return 0 if c == 0xFFFF else wctype_of(c) & mask
    fn.__name__ = name
    dll.cdecl(fn, name=name)


for _name, _mask in (("iswalpha", _ALPHA), ("iswupper", _UPPER), ("iswlower", _LOWER), ("iswdigit", _DIGIT),
                     ("iswxdigit", _HEX), ("iswspace", _SPACE), ("iswpunct", _PUNCT), ("iswcntrl", _CONTROL),
                     ("iswalnum", _ALPHA | _DIGIT), ("iswprint", _ALPHA | _DIGIT | _PUNCT | _BLANK),
                     ("iswgraph", _ALPHA | _DIGIT | _PUNCT)):
    _declare_isw(_name, _mask)


@dll.cdecl
def iswascii(c: WCHAR) -> INT:
    return int((c & 0xFFFF) < 0x80)


def wupper(c: int) -> int:
    c &= 0xFFFF
    if c < 0x80:
        return c - 32 if 97 <= c <= 122 else c
    if 0xD800 <= c <= 0xDFFF:
        return c
    u = chr(c).upper()
    return ord(u) if len(u) == 1 and ord(u) <= 0xFFFF else c


def wlower(c: int) -> int:
    c &= 0xFFFF
    if c < 0x80:
        return c + 32 if 65 <= c <= 90 else c
    if 0xD800 <= c <= 0xDFFF:
        return c
    u = chr(c).lower()
    return ord(u) if len(u) == 1 and ord(u) <= 0xFFFF else c


@dll.cdecl
def towupper(c: WCHAR) -> INT:
    return wupper(c)


@dll.cdecl
def towlower(c: WCHAR) -> INT:
    return wlower(c)
