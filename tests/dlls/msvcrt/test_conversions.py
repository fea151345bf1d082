"""Host-side helpers of msvcrt's number, path and time conversions (no guest needed)."""
import struct

from winelike.dlls.msvcrt.stdlib import parse_int, parse_double, format_int
from winelike.dlls.msvcrt.fileio import split_path, make_path
from winelike.dlls.msvcrt.timefuncs import format_time, asctime_text
from winelike.dlls.msvcrt.ctype import CTYPE, wide_class


def test_parse_int_bases():
    assert parse_int(b"  -123x", 10) == (-123, 6, True)
    assert parse_int(b"0x1F", 0) == (31, 4, True)
    assert parse_int(b"0777", 0) == (511, 4, True)
    assert parse_int(b"z", 36) == (35, 1, True)
    assert parse_int(b"12", 1)[2] is False


def test_parse_int_bare_0x_converts_nothing():
    # msvcrt skips "0x" and then finds no digit: nothing is converted
    assert parse_int(b"0x", 16)[1] == 0
    assert parse_int(b"0xg", 0)[1] == 0


def test_parse_int_ignores_non_ascii_digits():
    assert parse_int(b"1\xb2", 10) == (1, 1, True)


def test_parse_double():
    assert parse_double(b"0.1") == (0.1, 3)
    assert parse_double(b"  -12.5e-1x") == (-1.25, 10)
    assert parse_double(b"1e") == (1.0, 1)
    assert parse_double(b"1d2") == (100.0, 3)
    assert parse_double(b".") == (0.0, 0)
    v, n = parse_double(b"2.2250738585072011e-308")
    assert struct.pack("<d", v) == struct.pack("<d", 2.2250738585072011e-308) and n == 23


def test_format_int():
    assert format_int(-123, 10, True, 32) == "-123"
    assert format_int(-1, 16, True, 32) == "ffffffff"
    assert format_int(-(1 << 63), 10, True, 64) == "-9223372036854775808"
    assert format_int(255, 2, False, 32) == "11111111"
    assert format_int(5, 1, False, 32) == ""


def test_split_and_make_path():
    assert split_path("C:\\dir\\sub\\file.name.txt") == ("C:", "\\dir\\sub\\", "file.name", ".txt")
    assert split_path("a/b.c/d") == ("", "a/b.c/", "d", "")
    assert make_path("D", "\\x\\y", "name", "ext") == "D:\\x\\y\\name.ext"
    assert make_path("", "dir/", "f", ".c") == "dir/f.c"


def test_strftime_c_locale():
    tm = [58, 59, 23, 31, 11, 99, 5, 364, 0]
    assert format_time("%Y-%m-%d %H:%M:%S %a %b %j %p %I", tm) == "1999-12-31 23:59:58 Fri Dec 365 PM 11"
    assert format_time("%c", tm) == "12/31/99 23:59:58"
    assert format_time("%#d", [0, 0, 0, 5, 0, 100, 0, 0, 0]) == "5"
    assert format_time("%Q", tm) is None
    assert asctime_text([55, 3, 2, 2, 0, 80, 3, 1, 0]) == "Wed Jan 02 02:03:55 1980\n"


def test_ctype_tables():
    assert CTYPE[ord("A")] == 0x81 and CTYPE[ord("g")] == 0x02
    assert CTYPE[ord(" ")] == 0x48 and CTYPE[9] == 0x28 and CTYPE[ord("5")] == 0x84
    assert CTYPE[0xE9] == 0
    assert wide_class(0xE9) & 0x102 == 0x102
