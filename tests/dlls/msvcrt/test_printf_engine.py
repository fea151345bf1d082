"""The msvcrt printf and scanf engines in isolation (host memory, no guest).

The conformance samples tests/pe_samples/src/printf.c and scanf.c hold the Wine-checked
tables; these tests cover what a sample cannot reach yet (FILE streams need fopen) and
pin a few msvcrt oddities close to the code."""
from __future__ import annotations

import struct

from winelike.dlls.msvcrt.printf import format_ex, format_string
from winelike.dlls.msvcrt.scanf import scan, StringSource, StreamSource


class Args:
    """A VarArgReader stand-in over a Python list of raw slot values."""

    def __init__(self, *vals):
        self.vals = list(vals)

    def _next(self):
        return self.vals.pop(0)

    def int32(self):
        return self._next() & 0xFFFFFFFF

    def int64(self):
        return self._next() & 0xFFFFFFFFFFFFFFFF

    def ptr(self):
        return self._next()

    def double(self):
        v = self._next()
        return v if isinstance(v, float) else struct.unpack("<d", struct.pack("<Q", v))[0]


STRINGS = {0x100: "hello", 0x200: "w\u263a"}


def fmt(f, *vals, wide=False, bits=64, limit=None):
    return format_ex(f, Args(*vals), wide, lambda p, m: STRINGS[p][:m], lambda p, m: STRINGS[p][:m],
                     bits, None, limit)


def test_integers_and_flags():
    assert fmt("[%05d|%-4x|%#o|%+u]", -42, 255, 8, 5) == ("[-0042|ff  |010|5]", 0)
    assert fmt("%hd %I64d %Iu", 70000, -2, 7) == ("4464 -2 7", 0)
    assert fmt("[%*5d]", 3, 4)[0] == "[" + " " * 34 + "4]"


def test_msvcrt_floats():
    assert fmt("%e|%g|%.0f", 1.5, 1e-5, 2.5) == ("1.500000e+000|1e-005|3", 0)
    assert fmt("%f|%.1f|%g", float("inf"), float("inf"), float("nan"))[0] == "1.#INF00|1.$|1.#QNAN"
    assert fmt("%f", -float("nan"))[0] == "-1.#IND00"
    assert fmt("%a|%.2a", 1.0, 1.999)[0] == "0x1.0000000000000p+0|0x2.00p+0"


def test_strings_pointers_unknown():
    assert fmt("%s|%.2s|%s", 0x100, 0x100, 0)[0] == "hello|he|(null)"
    assert fmt("%p", 0x1234, bits=32)[0] == "00001234"
    assert fmt("[%y%d]", 9)[0] == "[y9]"
    # a wide string that the C locale cannot narrow fails the whole call
    assert fmt("a%S", 0x200)[1] == -1
    assert fmt("%s", 0x200, wide=True)[0] == "w\u263a"


def test_limit_stops_early():
    text, status = fmt("%s%s", 0x100, 0x100, limit=7)
    assert status == -2 and text.startswith("hellohe")


def test_format_string_compat():
    assert format_string("%d-%s", Args(1, 0x100), False, lambda p, m: STRINGS[p], None, 32) == "1-hello"


class Mem:
    def __init__(self):
        self.b = bytearray(256)

    def write(self, a, d):
        self.b[a:a + len(d)] = d

    def w16(self, a, v):
        self.write(a, struct.pack("<H", v & 0xFFFF))

    def w32(self, a, v):
        self.write(a, struct.pack("<I", v & 0xFFFFFFFF))

    def w64(self, a, v):
        self.write(a, struct.pack("<Q", v & 0xFFFFFFFFFFFFFFFF))

    def i32(self, a):
        return struct.unpack_from("<i", self.b, a)[0]


def sscan(inp: bytes, f: bytes, *ptrs):
    mem = Mem()
    r = scan(f, StringSource(inp), False, Args(*ptrs), mem, 64)
    return r, mem


def test_scan_basics():
    r, mem = sscan(b" -17 0x1f", b"%d %i", 0, 8)
    assert r == 2 and mem.i32(0) == -17 and mem.i32(8) == 31
    assert sscan(b"", b"%d", 0)[0] == -1
    assert sscan(b"   ", b"%d", 0)[0] == 0
    assert sscan(b"   ", b"%s", 0)[0] == -1
    assert sscan(b"1e", b"%lf", 0)[0] == -1
    r, mem = sscan(b"123.456", b"%4lf%lf", 0, 8)
    assert r == 1 and struct.unpack_from("<d", mem.b, 0)[0] == 123.0
    r, mem = sscan(b"abc]d", b"%[]a-c]%n", 0, 16)
    assert r == 1 and bytes(mem.b[:5]) == b"abc]\0" and mem.i32(16) == 4


class FakeStream:
    """Enough of stdio.Stream for the scanner: getc/ungetc over bytes."""

    def __init__(self, data: bytes, text=True):
        self.data, self.pos, self.text = data, 0, text

    def getc(self):
        if self.pos < len(self.data):
            self.pos += 1
            return self.data[self.pos - 1]
        return -1

    def ungetc(self, c):
        self.pos -= 1


def test_scan_stream_pushes_back_lookahead():
    st = FakeStream(b"12 34\nx")
    mem = Mem()
    assert scan(b"%d %d", StreamSource(st, False), False, Args(0, 8), mem, 64) == 2
    assert scan(b"%d", StreamSource(st, False), False, Args(0), mem, 64) == 0
    assert st.getc() == ord("x")
    assert scan(b"%d", StreamSource(st, False), False, Args(0), mem, 64) == -1


def test_scan_wide_binary_stream():
    st = FakeStream("42 w\u263a".encode("utf-16-le"), text=False)
    mem = Mem()
    assert scan([ord(c) for c in "%d %s"], StreamSource(st, True), True, Args(0, 8), mem, 64) == 2
    assert mem.i32(0) == 42 and bytes(mem.b[8:14]) == "w\u263a".encode("utf-16-le") + b"\0\0"
