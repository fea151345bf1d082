"""The printf engine with msvcrt.dll's semantics.

One implementation serves the narrow and wide families: the format is a str
(decoded from the guest's bytes or UTF-16), arguments come from a
VarArgReader (the stack, x64 registers, or a va_list).  msvcrt specifics kept
on purpose: three-digit exponents (1.000000e+000), %p as zero-padded upper-case
hex of pointer width, %S/%C as the *other* width, "(null)" for NULL strings,
1.#INF / 1.#IND / 1.#QNAN for non-finite numbers, I/I32/I64 length prefixes.
"""
from __future__ import annotations

import math
import struct

FLAGS = "-+ #0"


class Spec:
    __slots__ = ("flags", "width", "prec", "length", "conv")


def _parse_int(fmt, i):
    j = i
    while j < len(fmt) and fmt[j].isdigit():
        j += 1
    return (int(fmt[i:j]) if j > i else None), j


def format_string(fmt: str, args, wide: bool, read_str, read_wstr, ptr_bits: int, count_store=None) -> str:
    """Format like msvcrt's printf.  `wide` selects the wprintf family's %s/%c meaning.

    read_str(ptr, maxlen) -> str (narrow string from guest); read_wstr(ptr, maxlen) -> str.
    count_store(ptr, n, size) implements %n.
    Returns the text as str; the caller encodes it.
    """
    out: list[str] = []
    n = len(fmt)
    i = 0
    total = 0
    while i < n:
        c = fmt[i]
        if c != "%":
            j = fmt.find("%", i)
            if j < 0:
                j = n
            out.append(fmt[i:j])
            total += j - i
            i = j
            continue
        i += 1
        if i >= n:
            break
        flags = ""
        while i < n and fmt[i] in FLAGS:
            flags += fmt[i]
            i += 1
        width = None
        if i < n and fmt[i] == "*":
            width = _s32(args.int32())
            if width < 0:
                flags += "-"
                width = -width
            i += 1
        else:
            width, i = _parse_int(fmt, i)
        prec = None
        if i < n and fmt[i] == ".":
            i += 1
            if i < n and fmt[i] == "*":
                prec = _s32(args.int32())
                if prec < 0:
                    prec = None
                i += 1
            else:
                prec, i = _parse_int(fmt, i)
                if prec is None:
                    prec = 0
        length = ""
        while i < n:
            if fmt.startswith("I64", i):
                length = "I64"; i += 3
            elif fmt.startswith("I32", i):
                length = "I32"; i += 3
            elif fmt[i] == "I":
                length = "I"; i += 1
            elif fmt.startswith("hh", i):
                length = "hh"; i += 2
            elif fmt.startswith("ll", i):
                length = "ll"; i += 2
            elif fmt[i] in "hlLwzjtq":
                length = fmt[i] if not (length == "l" and fmt[i] == "l") else "ll"
                i += 1
            else:
                break
        if i >= n:
            break
        conv = fmt[i]
        i += 1
        piece = _convert(conv, flags, width, prec, length, args, wide, read_str, read_wstr, ptr_bits,
                         count_store, total + sum(0 for _ in ()))
        if piece is None:   # %n
            if count_store is not None:
                count_store(args.ptr(), total, length)
            continue
        out.append(piece)
        total += len(piece)
    return "".join(out)


def _s32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


def _int_arg(args, length, signed, ptr_bits):
    if length in ("ll", "I64", "q", "L"):
        v, bits = args.int64(), 64
    elif length in ("I", "z", "t"):
        bits = ptr_bits
        v = args.int64() if ptr_bits == 64 else args.int32()
    elif length == "j":
        v, bits = args.int64(), 64
    else:
        v, bits = args.int32(), 32
        if length == "h":
            v &= 0xFFFF
            bits = 16
        elif length == "hh":
            v &= 0xFF
            bits = 8
    if signed and v >> (bits - 1) & 1:
        v -= 1 << bits
    return v


def _pad(s: str, flags: str, width, zero_ok=True, sign_len=0) -> str:
    if width is None or len(s) >= width:
        return s
    if "-" in flags:
        return s + " " * (width - len(s))
    if "0" in flags and zero_ok:
        return s[:sign_len] + "0" * (width - len(s)) + s[sign_len:]
    return " " * (width - len(s)) + s


def _convert(conv, flags, width, prec, length, args, wide, read_str, read_wstr, ptr_bits, count_store, total):
    if conv in "di":
        v = _int_arg(args, length, True, ptr_bits)
        digits = str(abs(v))
        if prec is not None:
            digits = "" if (prec == 0 and v == 0) else digits.rjust(prec, "0")
        sign = "-" if v < 0 else "+" if "+" in flags else " " if " " in flags else ""
        return _pad(sign + digits, flags, width, prec is None, len(sign))
    if conv in "uoxX":
        v = _int_arg(args, length, False, ptr_bits)
        if conv == "u":
            digits = str(v)
        elif conv == "o":
            digits = format(v, "o")
        else:
            digits = format(v, "x" if conv == "x" else "X")
        prefix = ""
        if prec is not None:
            digits = "" if (prec == 0 and v == 0) else digits.rjust(prec, "0")
        if "#" in flags and v != 0:
            if conv == "o":
                if not digits.startswith("0"):
                    digits = "0" + digits
            elif conv in "xX":
                prefix = "0" + conv
        return _pad(prefix + digits, flags, width, prec is None, len(prefix))
    if conv in "pP":
        v = args.ptr() if ptr_bits == 64 else args.int32()
        digits = format(v, "X").rjust(ptr_bits // 4 if prec is None else prec, "0")
        if "#" in flags:
            digits = "0X" + digits
        return _pad(digits, flags.replace("0", ""), width)
    if conv in "cC":
        is_wide = (conv == "C") != wide if length not in ("h", "l", "w") else length in ("l", "w")
        v = args.int32()
        if is_wide:
            ch = chr(v & 0xFFFF) if (v & 0xFFFF) < 0xD800 or (v & 0xFFFF) > 0xDFFF else "\ufffd"
        else:
            ch = bytes([v & 0xFF]).decode("latin-1")
        return _pad(ch, flags.replace("0", "") if True else flags, width)
    if conv in "sS":
        is_wide = (conv == "S") != wide if length not in ("h", "l", "w") else length in ("l", "w")
        p = args.ptr()
        if not p:
            s = "(null)"
            if prec is not None:
                s = s[:prec]
        else:
            s = read_wstr(p, prec) if is_wide else read_str(p, prec)
        return _pad(s, flags.replace("0", "") if "-" in flags else flags, width)
    if conv in "eEfFgGaA":
        v = args.double()
        return _float(v, conv, flags, width, prec)
    if conv == "n":
        return None
    if conv == "%":
        return "%"
    # unknown conversion: msvcrt prints the character itself
    return conv


def _float(v: float, conv: str, flags: str, width, prec) -> str:
    neg = math.copysign(1.0, v) < 0
    sign = "-" if neg else "+" if "+" in flags else " " if " " in flags else ""
    a = abs(v)
    if math.isinf(a) or math.isnan(a):
        p = 6 if prec is None else prec
        if math.isinf(a):
            body = "1.#INF"
        elif neg:
            body = "1.#IND"
        else:
            body = "1.#QNAN"
        if conv in "eEfFgG":
            # msvcrt formats the special value like a number with the requested precision
            digits = body[2:]
            if p == 0:
                body = "1"
            elif len(digits) >= p:
                body = "1." + digits[:p]
                if len(digits) > p and p > 0:
                    body = _round_special(digits, p)
            else:
                body = "1." + digits + "0" * (p - len(digits))
        if conv in "EG":
            body = body.upper()
        return _pad(sign + body, flags.replace("0", ""), width)
    up = conv in "EFGA"
    c = conv.lower()
    if c == "a":
        body = _hexfloat(a, prec, "#" in flags)
        body = ("0X" + body[2:].upper().replace("X", "X")) if up else body
        if up:
            body = body.upper()
        return _pad(sign + body, flags, width, True, len(sign) + 2)
    p = 6 if prec is None else prec
    if c == "f":
        body = f"{a:.{p}f}"
        if "#" in flags and p == 0:
            body += "."
    elif c == "e":
        body = _exp(a, p, "#" in flags)
    else:  # g
        if p == 0:
            p = 1
        if a == 0:
            x = 0
        else:
            x = int(f"{a:.{p - 1}e}".split("e")[1])
        if p > x >= -4:
            body = f"{a:.{p - 1 - x}f}"
            if "#" not in flags and "." in body:
                body = body.rstrip("0").rstrip(".")
            elif "#" in flags and "." not in body:
                body += "."
        else:
            body = _exp(a, p - 1, "#" in flags)
            if "#" not in flags:
                m, e = body.split("e")
                if "." in m:
                    m = m.rstrip("0").rstrip(".")
                body = m + "e" + e
    if up:
        body = body.upper()
    return _pad(sign + body, flags, width, True, len(sign))


def _round_special(digits: str, p: int) -> str:
    # "#INF00" at precision p rounds like digits would: msvcrt shows e.g. 1.#J for %.1f of inf
    d = digits[:p]
    nxt = digits[p]
    if nxt.isdigit() and int(nxt) >= 5 or (not nxt.isdigit() and ord(nxt) >= ord("5")):
        last = chr(ord(d[-1]) + 1)
        d = d[:-1] + last
    return "1." + d


def _exp(a: float, p: int, alt: bool) -> str:
    s = f"{a:.{p}e}"
    m, e = s.split("e")
    ev = int(e)
    if alt and "." not in m:
        m += "."
    return f"{m}e{'-' if ev < 0 else '+'}{abs(ev):03d}"


def _hexfloat(a: float, prec, alt) -> str:
    if a == 0:
        mant, exp = "0", 0
        s = "0x0"
        if prec:
            s += "." + "0" * prec
        elif alt:
            s += "."
        return s + "p+0"
    h = a.hex()        # 0x1.8000000000000p+1
    m, e = h[2:].split("p")
    lead, _, frac = m.partition(".")
    frac = frac.rstrip("0") if prec is None else frac
    if prec is not None:
        if len(frac) < prec:
            frac = frac + "0" * (prec - len(frac))
        elif len(frac) > prec:
            full = int(lead + frac, 16)
            drop = 4 * (len(frac) - prec)
            q, r = divmod(full, 1 << drop)
            half = 1 << (drop - 1)
            if r > half or (r == half and q & 1):
                q += 1
            digits = format(q, "x").rjust(1 + prec, "0")
            lead, frac = digits[:-prec] if prec else digits, digits[-prec:] if prec else ""
    s = "0x" + lead
    if frac or alt:
        s += "." + frac
    ev = int(e)
    return s + f"p{'-' if ev < 0 else '+'}{abs(ev)}"
