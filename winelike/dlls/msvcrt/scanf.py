"""msvcrt's scanf family: one engine for strings, counted strings and FILE streams, narrow and wide.

msvcrt semantics (checked against Wine, tests/pe_samples/src/scanf.c):
- EOF (-1) only when the input is empty at the very start, when %s meets the end of the
  input before any conversion, or when a float is malformed after consuming characters
  ("1e", "-.") before any conversion;
- integers accept a sign for every base (a negative %u wraps), overflow wraps silently;
  %i reads 0x/0 prefixes, %x skips a 0x prefix, %p does not;
- sizes: h = short, hh = int (msvcrt has no char store), l = long, ll/I64 = 64-bit,
  I and z = pointer sized, I32 = int, L ignored for integers; %Lf and %lf store a double;
- floats: decimal only (no inf, nan or hex), a width-limited float makes the rest of the
  input look exhausted (msvcrt's reader loses its look-ahead);
- %s/%S/%c/%C follow the function's width like printf; %c reads `width` characters, no NUL;
- %[...] with ranges either way round and a leading ']'; it stores "" even when it fails;
- %n stores an int and is not counted; an unknown conversion character must match the
  input (after skipping blanks), as %% does;
- the _s variants take a buffer size after each %s, %c and %[ pointer; a word that does not
  fit empties the buffer and ends the scan.
"""
from __future__ import annotations

import struct

from winelike.abi.types import INT, PTR, SIZE_T, VARARGS
from winelike.dlls.framework import VarArgReader
from winelike.dlls.winapi import proc
from . import dll
from .state import crt, set_errno, EINVAL
from .stdio import stream, file_size

EOF = -1
_SPACE = frozenset((0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D))


class StringSource:
    """Characters of a guest string (bytes or UTF-16 units), up to its NUL or `length`."""

    __slots__ = ("data", "pos")

    def __init__(self, data):
        self.data = data          # bytes or a list of code units
        self.pos = 0

    def get(self) -> int:
        if self.pos < len(self.data):
            c = self.data[self.pos]
            self.pos += 1
            return c
        self.pos += 1
        return EOF

    def unget(self, c: int):
        self.pos -= 1


class StreamSource:
    """A FILE stream (stdio.Stream); wide reads take two bytes in binary mode, one in text mode."""

    __slots__ = ("st", "wide")

    def __init__(self, st, wide: bool):
        self.st = st
        self.wide = wide

    def get(self) -> int:
        c = self.st.getc()
        if c == EOF or not self.wide or self.st.text:
            return c
        c2 = self.st.getc()
        if c2 == EOF:
            return EOF
        return c | (c2 << 8)

    def unget(self, c: int):
        if self.wide and not self.st.text:
            self.st.ungetc(c >> 8)
            self.st.ungetc(c & 0xFF)
        else:
            self.st.ungetc(c & 0xFF)


class _Abort(Exception):
    """A secure-variant buffer overflow or an EOF return from deep inside a conversion."""

    def __init__(self, ret):
        self.ret = ret


def _digit(c: int, base: int) -> int:
    if 48 <= c <= 57:
        d = c - 48
    elif 97 <= c <= 122:
        d = c - 87
    elif 65 <= c <= 90:
        d = c - 55
    else:
        return -1
    return d if d < base else -1


def scan(fmt, src, wide: bool, args, mem, ptr_bits: int, secure: bool = False) -> int:
    """Run msvcrt's scanf over `src` (StringSource/StreamSource) with format `fmt` (a sequence
    of code units: bytes or list of ints).  Stores through `mem`; returns the scanf result."""
    if not fmt:
        return 0
    consumed = 1
    nch = src.get()
    if nch == EOF:
        return EOF
    rd = 0
    n = len(fmt)
    i = 0

    def get():
        nonlocal consumed
        consumed += 1
        return src.get()

    def store_int(ptr, v, size):
        if size == 8:
            mem.w64(ptr, v)
        elif size == 2:
            mem.w16(ptr, v)
        else:
            mem.w32(ptr, v)

    try:
        while i < n:
            f = fmt[i]
            if f in _SPACE:
                while nch != EOF and nch in _SPACE:
                    nch = get()
            elif f == 37:   # '%'
                st = 0
                suppress = False
                width = 0
                h = 0
                l_prefix = w_prefix = L_prefix = False
                i64 = False
                i += 1
                if i < n and fmt[i] == 42:   # '*'
                    suppress = True
                    i += 1
                while True:
                    while i < n and 48 <= fmt[i] <= 57:
                        width = width * 10 + fmt[i] - 48
                        i += 1
                    c = fmt[i] if i < n else 0
                    if c == 104:          # h
                        h += 1
                    elif c == 108:        # l
                        if i + 1 < n and fmt[i + 1] == 108:
                            i64 = True
                            i += 1
                        l_prefix = True
                    elif c == 119:        # w
                        w_prefix = True
                    elif c == 76:         # L
                        L_prefix = True
                    elif c == 73:         # I
                        if fmt[i + 1:i + 3] in (b"64", [54, 52]):
                            i64 = True
                            i += 2
                        elif fmt[i + 1:i + 3] in (b"32", [51, 50]):
                            i += 2
                        elif ptr_bits == 64:
                            i64 = True
                    elif c == 122:        # z
                        if ptr_bits == 64:
                            i64 = True
                    else:
                        break
                    i += 1
                if width == 0:
                    width = -1
                conv = chr(fmt[i]) if i < n else "\0"
                if conv in "pPxXoudi":
                    if conv in "pP":
                        base = 16
                        if ptr_bits == 64:
                            i64 = True
                    else:
                        base = {"x": 16, "X": 16, "o": 8, "u": 10, "d": 10, "i": 0}[conv]
                    cur = 0
                    negative = False
                    seen = False
                    while nch != EOF and nch in _SPACE:
                        nch = get()
                    if nch == 45 or nch == 43:
                        negative = nch == 45
                        nch = get()
                        if width > 0:
                            width -= 1
                    if width != 0 and nch == 48 and conv not in "pP":
                        nch = get()
                        if width > 0:
                            width -= 1
                        seen = True
                        if width != 0 and nch in (120, 88):
                            if base == 0:
                                base = 16
                            if base == 16:
                                nch = get()
                                if width > 0:
                                    width -= 1
                                seen = False
                        elif base == 0:
                            base = 8
                    if base == 0:
                        base = 10
                    while width != 0 and nch == 48:
                        nch = get()
                        if width > 0:
                            width -= 1
                        seen = True
                    while width != 0 and nch != EOF and _digit(nch, base) != -1:
                        cur = cur * base + _digit(nch, base)
                        nch = get()
                        if width > 0:
                            width -= 1
                        seen = True
                    if seen:
                        st = 1
                        if not suppress:
                            v = (-cur if negative else cur) & 0xFFFFFFFFFFFFFFFF
                            size = 8 if i64 else 4 if l_prefix else 2 if h == 1 else 4
                            store_int(args.ptr(), v, size)
                elif conv in "eEfgG":
                    while nch != EOF and nch in _SPACE:
                        nch = get()
                    if nch != EOF:
                        text, err, nch, used = _scan_float(src, nch, width)
                        consumed += used
                        if err and not rd:
                            raise _Abort(EOF)
                        if not err and text:
                            st = 1
                            if not suppress:
                                v = float(text)
                                ptr = args.ptr()
                                if L_prefix or l_prefix:
                                    mem.write(ptr, struct.pack("<d", v))
                                else:
                                    try:
                                        mem.write(ptr, struct.pack("<f", v))
                                    except OverflowError:
                                        mem.write(ptr, struct.pack("<f", float("inf") if v > 0 else float("-inf")))
                elif conv in "sScC":
                    if w_prefix or l_prefix:
                        dest_wide = True
                    elif h:
                        dest_wide = False
                    else:
                        dest_wide = (conv in "sc") == wide
                    unit = 2 if dest_wide else 1
                    ptr = 0 if suppress else args.ptr()
                    size = 0xFFFFFFFF
                    if secure and not suppress:
                        size = args.int32()
                    out = []
                    if conv in "sS":
                        while nch != EOF and nch in _SPACE:
                            nch = get()
                        while width != 0 and nch != EOF and nch not in _SPACE:
                            if not suppress:
                                out.append(nch)
                                if size > 1:
                                    size -= 1
                                else:
                                    _put(mem, ptr, [0], unit)
                                    raise _Abort(rd)
                            st += 1
                            nch = get()
                            if width > 0:
                                width -= 1
                        if nch == EOF and rd == 0 and st == 0 and not dest_wide:
                            raise _Abort(EOF)
                        if st and not suppress:
                            out.append(0)
                            _put(mem, ptr, out, unit)
                    else:
                        if width == -1:
                            width = 1
                        while width and nch != EOF:
                            if not suppress:
                                if size:
                                    size -= 1
                                else:
                                    _put(mem, ptr, out + [0], unit)
                                    raise _Abort(rd)
                                out.append(nch)
                            st += 1
                            width -= 1
                            nch = get()
                        if out:
                            _put(mem, ptr, out, unit)
                elif conv == "n":
                    if not suppress:
                        mem.w32(args.ptr(), consumed - 1)
                    suppress = True
                    st = 1
                elif conv == "[":
                    ptr = 0 if suppress else args.ptr()
                    size = 0xFFFFFFFF
                    if secure and not suppress:
                        size = args.int32()
                    i += 1
                    invert = False
                    members = set()
                    if i < n and fmt[i] == 94:      # '^'
                        invert = True
                        i += 1
                    if i < n and fmt[i] == 93:      # ']'
                        members.add(93)
                        i += 1
                    while i < n and fmt[i] != 93:
                        if i + 2 < n and fmt[i + 1] == 45 and fmt[i + 2] != 93:
                            lo, hi = sorted((fmt[i], fmt[i + 2]))
                            members.update(range(lo, hi + 1))
                            i += 2
                        else:
                            members.add(fmt[i])
                        i += 1
                    out = []
                    while width != 0 and nch != EOF:
                        if (nch in members) == invert:
                            break
                        if not suppress:
                            out.append(nch)
                        st += 1
                        nch = get()
                        if width > 0:
                            width -= 1
                        if size > 1:
                            size -= 1
                        else:
                            if not suppress:
                                _put(mem, ptr, [0], 2 if wide else 1)
                            raise _Abort(rd)
                    if not suppress:
                        out.append(0)
                        _put(mem, ptr, out, 2 if wide else 1)
                else:
                    # %% and unknown conversions: the character must come next in the input
                    while nch != EOF and nch in _SPACE:
                        nch = get()
                    if i < n and nch == fmt[i]:
                        suppress = True
                        st = 1
                        nch = get()
                if st and not suppress:
                    rd += 1
                elif not st:
                    break
            else:
                if nch == f:
                    nch = get()
                else:
                    break
            i += 1
    except _Abort as a:
        return a.ret
    if nch != EOF:
        src.unget(nch)
    return rd


def _put(mem, ptr, units, unit):
    if unit == 2:
        mem.write(ptr, struct.pack("<%dH" % len(units), *[u & 0xFFFF for u in units]))
    else:
        mem.write(ptr, bytes(u & 0xFF for u in units))


def _scan_float(src, first, width):
    """msvcrt's float reader: (text, err, next char, characters used).

    It can push back a single character only: a number that needs more than that
    ("1e+x", "-.") or that ends at the end of the input after a partial exponent is an
    error.  A width that runs out leaves the scanner without a look-ahead (EOF)."""
    started = [False]
    pending = [False]
    err = [False]
    state = {"cur": first, "length": width, "used": 0}

    def get():
        state["cur"] = EOF
        if state["length"] == 0:
            return EOF
        if not started[0]:
            started[0] = True
            c = first
        else:
            c = src.get()
            if c == EOF:
                return EOF
            state["used"] += 1
        if state["length"] > 0:
            state["length"] -= 1
        state["cur"] = c
        return c

    def unget():
        if state["length"] >= 0:
            state["length"] += 1
        if pending[0] or state["cur"] == EOF:
            err[0] = True
            return
        pending[0] = True

    text = []
    c = get()
    sign = ""
    if c in (43, 45):
        sign = chr(c)
        c = get()
    found = False
    while 48 <= c <= 57:
        text.append(chr(c))
        found = True
        c = get()
    if c == 46:       # '.'
        text.append(".")
        c = get()
        while 48 <= c <= 57:
            text.append(chr(c))
            found = True
            c = get()
        if not found:
            if c != EOF:
                unget()
            unget()   # the '.'
            if sign:
                unget()
            return "", True, state["cur"], state["used"]
    if not found:
        if c != EOF:
            unget()
        if sign:
            unget()
        return "", err[0], state["cur"], state["used"]
    if c in (101, 69):   # e E
        c = get()
        esign = ""
        if c in (43, 45):
            esign = chr(c)
            c = get()
        if 48 <= c <= 57:
            exp = []
            while 48 <= c <= 57:
                exp.append(chr(c))
                c = get()
            text.append("e" + esign + "".join(exp))
        else:
            if c != EOF:
                unget()
            if esign:
                unget()
            unget()
    if c != EOF and not err[0]:
        unget()
    return sign + "".join(text), err[0], state["cur"], state["used"]


# ---------------------------------------------------------------------------
# exports

def _string_source(p, ptr: int, wide: bool, length=None):
    if wide:
        data = p.mem.wstr_bytes(ptr) if length is None else p.mem.wstr_bytes(ptr, length)
        units = list(struct.unpack("<%dH" % (len(data) // 2), data))
        return StringSource(units if length is None else units[:length])
    data = p.mem.cstr(ptr) if length is None else p.mem.cstr(ptr, length)
    return StringSource(data)


def _format(p, ptr: int, wide: bool):
    if wide:
        data = p.mem.wstr_bytes(ptr)
        return list(struct.unpack("<%dH" % (len(data) // 2), data))
    return p.mem.cstr(ptr)


def _scan_string(buf: int, fmt: int, args, wide: bool, secure=False, length=None) -> int:
    p = proc()
    if not buf or not fmt:
        set_errno(EINVAL)
        return EOF
    return scan(_format(p, fmt, wide), _string_source(p, buf, wide, length), wide, args, p.mem, p.bits, secure)


def _scan_stream(fp: int, fmt: int, args, wide: bool, secure=False) -> int:
    p = proc()
    st = stream(fp)
    if st is None or not fmt:
        set_errno(EINVAL)
        return EOF
    return scan(_format(p, fmt, wide), StreamSource(st, wide), wide, args, p.mem, p.bits, secure)


def _stdin() -> int:
    return crt().iob


def _va(ap: int) -> VarArgReader:
    p = proc()
    return VarArgReader(p.mem, p.bits, ap)


@dll.cdecl
def sscanf(buf: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], False)


@dll.cdecl
def sscanf_s(buf: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], False, secure=True)


@dll.cdecl
def _sscanf_l(buf: PTR, fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], False)


@dll.cdecl
def _sscanf_s_l(buf: PTR, fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], False, secure=True)


@dll.cdecl
def _snscanf(buf: PTR, length: SIZE_T, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], False, length=length)


@dll.cdecl
def _snscanf_s(buf: PTR, length: SIZE_T, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], False, secure=True, length=length)


@dll.cdecl
def _snscanf_l(buf: PTR, length: SIZE_T, fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], False, length=length)


@dll.cdecl
def swscanf(buf: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], True)


@dll.cdecl
def swscanf_s(buf: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], True, secure=True)


@dll.cdecl
def _swscanf_l(buf: PTR, fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], True)


@dll.cdecl
def _snwscanf(buf: PTR, length: SIZE_T, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], True, length=length)


@dll.cdecl
def _snwscanf_s(buf: PTR, length: SIZE_T, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_string(buf, fmt, args[0], True, secure=True, length=length)


@dll.cdecl
def fscanf(fp: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_stream(fp, fmt, args[0], False)


@dll.cdecl
def fscanf_s(fp: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_stream(fp, fmt, args[0], False, secure=True)


@dll.cdecl
def _fscanf_l(fp: PTR, fmt: PTR, locale: PTR, *args: VARARGS) -> INT:
    return _scan_stream(fp, fmt, args[0], False)


@dll.cdecl
def fwscanf(fp: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_stream(fp, fmt, args[0], True)


@dll.cdecl
def fwscanf_s(fp: PTR, fmt: PTR, *args: VARARGS) -> INT:
    return _scan_stream(fp, fmt, args[0], True, secure=True)


@dll.cdecl
def scanf(fmt: PTR, *args: VARARGS) -> INT:
    return _scan_stream(_stdin(), fmt, args[0], False)


@dll.cdecl
def scanf_s(fmt: PTR, *args: VARARGS) -> INT:
    return _scan_stream(_stdin(), fmt, args[0], False, secure=True)


@dll.cdecl
def wscanf(fmt: PTR, *args: VARARGS) -> INT:
    return _scan_stream(_stdin(), fmt, args[0], True)


@dll.cdecl
def wscanf_s(fmt: PTR, *args: VARARGS) -> INT:
    return _scan_stream(_stdin(), fmt, args[0], True, secure=True)
