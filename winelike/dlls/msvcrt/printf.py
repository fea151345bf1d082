"""The printf engine with msvcrt.dll's semantics.

One implementation serves the narrow and wide families.  The format is a str: for the
narrow family each character stands for one byte (latin-1 mapping), for the wide family it
is the UTF-16 text.  Arguments come from a VarArgReader (stack, x64 registers or va_list).

msvcrt specifics, all checked against Wine (tests/pe_samples/src/printf.c):
- flags "+ -0#"; '0' pads strings and characters too, and is not cancelled by a precision;
  a sign is shown only for d, i and the floating conversions;
- a width from '*' may be followed by more digits, which are appended ("%*5d" with 3 is 35);
  a negative '*' width left-aligns, a negative '*' precision means none;
- length modifiers h, l, ll, L, w, I, I32, I64, j (64-bit), z and t (pointer sized, only
  before diouxX), F and N (ignored); hh is h;
- %S / %C / %Z-less: %S and %C take the *other* width than the function, h forces narrow,
  l and w force wide; wide text reaching a narrow output is converted in the C locale
  (code points above 0xFF fail: %S makes the whole call return -1, %C prints nothing);
- %p is upper-case hex of pointer width, a precision truncates it, '#' prefixes "0X";
- three-digit exponents, decimal rounding half away from zero on the exact binary value;
- 1.#INF, 1.#IND (negative NaN), 1.#QNAN, with msvcrt's odd precision handling (%.1f of
  infinity is "1.$"); %a prints the raw 13-digit mantissa and rounds half up;
- %n stores an int (whatever the length modifier);
- an unknown conversion character is printed as text and formatting goes on from it.
"""
from __future__ import annotations

import math
import struct

_SIGNED_FORMATS = frozenset("diaAeEfFgG")
_INT_FORMATS = frozenset("diouxX")
_FLOAT_FORMATS = frozenset("aAeEfFgG")
_DIGITS = frozenset("0123456789")


class ConversionError(Exception):
    """A wide character that the C locale cannot represent (the call returns -1)."""


def _fill(body: str, width: int, left: bool, zero: bool, sign: str) -> str:
    """msvcrt's field filling: sign, zero or blank padding, left alignment."""
    if sign:
        width -= 1
    pad = width - len(body)
    if pad <= 0:
        return sign + body
    if left:
        return sign + body + " " * pad
    if zero:
        return sign + "0" * pad + body
    return " " * pad + sign + body


def _to_narrow(s: str) -> str:
    # C locale: wctomb maps U+0000..U+00FF to the same byte and fails on anything else
    for ch in s:
        if ord(ch) > 0xFF:
            raise ConversionError(ch)
    return s


def format_string(fmt: str, args, wide: bool, read_str, read_wstr, ptr_bits: int, count_store=None) -> str:
    """The formatted text only (user32's wsprintf uses this); see format_ex."""
    return format_ex(fmt, args, wide, read_str, read_wstr, ptr_bits, count_store)[0]


def format_ex(fmt: str, args, wide: bool, read_str, read_wstr, ptr_bits: int,
              count_store=None, limit=None, strict=False):
    """Format like msvcrt's printf.  Returns (text, status).

    read_str(ptr, maxlen) -> str, one char per byte; read_wstr(ptr, maxlen) -> str (UTF-16 text);
    maxlen is None or the precision.  count_store(ptr, n) implements %n.
    status is 0, or -1 when a conversion failed (text holds what was produced before it),
    or -2 when the output grew past `limit` characters (text holds at least limit+1 chars),
    or -3 when `strict` (the _s functions) and the format has an unknown conversion.
    """
    out: list[str] = []
    n = len(fmt)
    i = 0
    total = 0
    while i < n:
        if fmt[i] != "%":
            j = fmt.find("%", i)
            if j < 0:
                j = n
            out.append(fmt[i:j])
            total += j - i
            i = j
            if limit is not None and total > limit:
                return "".join(out), -2
            continue
        i += 1
        if i < n and fmt[i] == "%":
            out.append("%")
            total += 1
            i += 1
            if limit is not None and total > limit:
                return "".join(out), -2
            continue
        # flags
        sign = ""
        left = zero = alt = False
        while i < n:
            c = fmt[i]
            if c == "+" or c == " ":
                if sign != "+":
                    sign = c
            elif c == "-":
                left = True
            elif c == "0":
                zero = True
            elif c == "#":
                alt = True
            else:
                break
            i += 1
        # width
        width = 0
        if i < n and fmt[i] == "*":
            i += 1
            width = _s32(args.int32())
            if width < 0:
                left = True
                width = -width
        while i < n and fmt[i] in _DIGITS:
            width = width * 10 + ord(fmt[i]) - 48
            i += 1
        # precision
        prec = -1
        if i < n and fmt[i] == ".":
            prec = 0
            i += 1
            if i < n and fmt[i] == "*":
                i += 1
                prec = _s32(args.int32())
            else:
                while i < n and fmt[i] in _DIGITS:
                    prec = prec * 10 + ord(fmt[i]) - 48
                    i += 1
        # length modifiers
        ilen = ""            # "h" or "l"
        idouble = native = wflag = False
        while i < n:
            c = fmt[i]
            nxt = fmt[i + 1] if i + 1 < n else ""
            if c == "l" and nxt == "l":
                idouble = True
                i += 1
            elif c == "l" or c == "h":
                ilen = c
            elif c == "I":
                if fmt.startswith("64", i + 1):
                    idouble = True
                    i += 2
                elif fmt.startswith("32", i + 1):
                    i += 2
                elif nxt and nxt in _INT_FORMATS:
                    native = True
                else:
                    break
            elif c == "w":
                wflag = True
            elif (c == "z" or c == "t") and nxt and nxt in _INT_FORMATS:
                native = True
            elif c == "j":
                idouble = True
            elif c not in "LFN":
                break
            i += 1
        if i >= n:
            if strict:
                return "".join(out), -3
            break
        conv = fmt[i]
        if conv == "s" or conv == "S" or conv == "c" or conv == "C":
            is_char = conv == "c" or conv == "C"
            if wflag or ilen == "l":
                src_wide = True
            elif ilen == "h":
                src_wide = False
            else:
                src_wide = (conv in "SC") != wide
            if is_char:
                v = args.int32()
                s = chr(v & 0xFFFF) if src_wide else chr(v & 0xFF)
                if prec >= 0:
                    s = s[:prec]
                if src_wide and not wide and s and ord(s) > 0xFF:
                    # msvcrt ignores the conversion error of a single character
                    piece = _fill("", width - 1, left, zero, "") if not left else ""
                    out.append(piece)
                    total += len(piece)
                    i += 1
                    continue
            else:
                ptr = args.ptr()
                if not ptr:
                    s = "(null)" if prec < 0 else "(null)"[:prec]
                else:
                    maxlen = prec if prec >= 0 else None
                    s = read_wstr(ptr, maxlen) if src_wide else read_str(ptr, maxlen)
                    if prec >= 0:
                        s = s[:prec]
                    if src_wide and not wide:
                        try:
                            _to_narrow(s)
                        except ConversionError:
                            if not left:
                                out.append(_fill("", width - len(s), left, zero, ""))
                            return "".join(out), -1
            piece = _fill(s, width, left, zero, "")
        elif conv in _INT_FORMATS:
            if conv in "xX" and zero and alt and not left and prec < width - 2:
                prec = width - 2
            if idouble or (native and ptr_bits == 64):
                v = args.int64()
                if conv in "di" and v >> 63:
                    v -= 1 << 64
            else:
                v = args.int32()
                if ilen == "h":
                    v &= 0xFFFF
                    if conv in "di" and v & 0x8000:
                        v -= 0x10000
                elif conv in "di" and v & 0x80000000:
                    v -= 1 << 32
            if v < 0:
                sign = "-"
                v = -v
            elif conv not in "di":
                sign = ""
            if v == 0:
                alt = False
                digits = "0" if prec else ""
            elif conv == "d" or conv == "i" or conv == "u":
                digits = str(v)
            elif conv == "o":
                digits = "%o" % v
            elif conv == "x":
                digits = "%x" % v
            else:
                digits = "%X" % v
            if prec > len(digits):
                digits = "0" * (prec - len(digits)) + digits
            if alt:
                if conv == "x":
                    digits = "0x" + digits
                elif conv == "X":
                    digits = "0X" + digits
                elif conv == "o" and digits[0] != "0":
                    digits = "0" + digits
            piece = _fill(digits, width, left, zero, sign)
        elif conv in _FLOAT_FORMATS:
            v = args.double()
            if math.copysign(1.0, v) < 0:
                sign = "-"
                v = -v
            if v != v or v == math.inf:
                piece = _special(v == math.inf, conv, sign, width, prec, left, zero, alt)
            elif conv == "a" or conv == "A":
                piece = _hexfloat(v, conv, sign, width, prec, left, zero, alt)
            else:
                piece = _fill(_decimal(v, conv, prec, alt), width, left, zero, sign)
        elif conv == "p":
            v = args.ptr() if ptr_bits == 64 else args.int32()
            s = "%0*X" % (ptr_bits // 4, v)
            if alt:
                s = "0X" + s
            if prec >= 0:
                s = s[:prec]
            piece = _fill(s, width, left, False, "")
        elif conv == "n":
            ptr = args.ptr()
            if count_store is not None:
                count_store(ptr, total)
            i += 1
            continue
        else:
            # unknown conversion: nothing is printed for the specification and the
            # character itself is read again as format text
            if strict:
                return "".join(out), -3
            continue
        i += 1
        out.append(piece)
        total += len(piece)
        if limit is not None and total > limit:
            return "".join(out), -2
    return "".join(out), 0


def _s32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


# ---------------------------------------------------------------------------
# floating point

def _round_div(num: int, den: int) -> int:
    """num/den rounded half away from zero (msvcrt's rounding of the exact binary value)."""
    q, r = divmod(num, den)
    if 2 * r >= den:
        q += 1
    return q


def _exp_digits(e: int) -> str:
    return ("-" if e < 0 else "+") + "%03d" % abs(e)


def _fixed(num: int, den: int, p: int, alt: bool) -> str:
    q = _round_div(num * 10 ** p, den)
    s = str(q)
    if p:
        if len(s) <= p:
            s = "0" * (p + 1 - len(s)) + s
        return s[:-p] + "." + s[-p:]
    return s + "." if alt else s


def _sci(num: int, den: int, p: int):
    """(digits, exponent): the value rounded to p+1 significant digits."""
    if num == 0:
        return "0" * (p + 1), 0
    k = len(str(num // den)) - 1 if num >= den else -len(str(den // num))
    # fix the estimate so that 10**k <= num/den < 10**(k+1)
    while True:
        lo = num * 10 ** max(-k, 0) >= den * 10 ** max(k, 0)
        if not lo:
            k -= 1
            continue
        hi = num * 10 ** max(-(k + 1), 0) < den * 10 ** max(k + 1, 0)
        if not hi:
            k += 1
            continue
        break
    shift = p - k
    if shift >= 0:
        q = _round_div(num * 10 ** shift, den)
    else:
        q = _round_div(num, den * 10 ** -shift)
    if q >= 10 ** (p + 1):
        q //= 10
        k += 1
    return str(q), k


def _decimal(v: float, conv: str, prec: int, alt: bool) -> str:
    num, den = v.as_integer_ratio()
    p = 6 if prec < 0 else prec
    c = conv.lower()
    if c == "f":
        return _fixed(num, den, p, alt)
    if c == "e":
        digits, k = _sci(num, den, p)
        body = digits[0] + ("." + digits[1:] if p or alt else "") + conv + _exp_digits(k)
        return body
    # g / G
    if p == 0:
        p = 1
    digits, k = _sci(num, den, p - 1)
    if -4 <= k < p:
        fp = p - 1 - k
        if k >= 0:
            body = digits[:k + 1] + ("." + digits[k + 1:] if fp or alt else "")
        else:
            body = "0." + "0" * (-k - 1) + digits
        if not alt and "." in body:
            body = body.rstrip("0").rstrip(".")
        return body
    mant = digits[0] + ("." + digits[1:] if p > 1 or alt else "")
    if not alt and "." in mant:
        mant = mant.rstrip("0").rstrip(".")
    return mant + ("E" if conv == "G" else "e") + _exp_digits(k)


def _special(is_inf: bool, conv: str, sign: str, width: int, prec: int, left: bool, zero: bool,
             alt: bool) -> str:
    """msvcrt's 1.#INF / 1.#IND / 1.#QNAN, shaped by the precision like a number would be."""
    out = ""
    is_hex = conv in "aA"
    if conv in "gG":
        prec -= 1                   # msvcrt counts one digit less for %g here
    if zero and is_hex:
        head = sign + ("0x" if conv == "a" else "0X")
        out = head
        width -= len(head)
    pfx = "0x" if (is_hex and not zero and conv == "a") else "0X" if (is_hex and not zero) else ""
    if is_inf:
        frac = "#INF"
    elif sign == "-":
        frac = "#IND"
    else:
        frac = "#QNAN"
    pfx = list(pfx + "1." + frac)
    frac_len = len(frac)
    if out:
        sign = ""
    if 0 <= prec < frac_len:
        k = len(pfx) - frac_len + prec - 1
        pfx[k] = chr(ord(pfx[k]) + 1)
    pfx = "".join(pfx)
    if conv in "aAeE":
        sfx = {"a": "p", "A": "P", "e": "e", "E": "E"}[conv] + "+0" + ("00" if conv in "eE" else "")
    else:
        sfx = ""
    if not alt and conv in "gG":
        sfx_len = frac_len
    else:
        sfx_len = prec
    if sfx_len == -1:
        if conv in "fFeE":
            sfx_len = 6
        elif is_hex:
            sfx_len = 13
    sfx_len += len(sfx) - frac_len
    if sfx_len > 0:
        width -= sfx_len
    if prec >= 0:
        if prec == 0:
            prec = -1
        prec += len(pfx) - frac_len
        if prec >= 0:
            pfx = pfx[:prec]
    out += _fill(pfx, width, left, zero, sign)
    out += _fill(sfx, sfx_len, left, True, "")
    return out


_HEX_UP = str.maketrans("abcdef", "ABCDEF")


def _hexfloat(v: float, conv: str, sign: str, width: int, prec: int, left: bool, zero: bool,
              alt: bool) -> str:
    bits = struct.unpack("<Q", struct.pack("<d", v))[0]
    mant = bits & ((1 << 52) - 1)
    ebits = (bits >> 52) & 0x7FF
    if ebits == 0:
        lead = 0
        exp = 0 if mant == 0 else -1022
    else:
        lead = 1
        exp = ebits - 1023
    frac = "%013x" % mant
    extra = 0
    dot = True
    if prec == 0:
        if frac[0] >= "8":
            lead += 1
        frac = ""
        dot = alt
    elif 0 < prec < 13:
        up = frac[prec] >= "8"
        frac = frac[:prec]
        if up:
            val = int(frac, 16) + 1
            if val >> (4 * prec):
                lead += 1
                val &= (1 << (4 * prec)) - 1
            frac = "%0*x" % (prec, val)
    elif prec > 13:
        extra = prec - 13
    x = "x" if conv == "a" else "X"
    body = "%d" % lead + ("." if dot else "") + frac
    if conv == "A":
        body = body.translate(_HEX_UP)
    sfx = ("p" if conv == "a" else "P") + ("-" if exp < 0 else "+") + str(abs(exp))
    sfx_len = len(sfx) + extra
    out = ""
    if zero:
        out = sign + "0" + x
        width -= len(out)
        sign = ""
    else:
        body = "0" + x + body
    width -= sfx_len
    out += _fill(body, width, left, zero, sign)
    out += _fill(sfx, sfx_len, left, True, "")
    return out
