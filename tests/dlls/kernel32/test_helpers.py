"""Pure helpers behind kernel32 exports, tested without a guest: calendar arithmetic over the whole
FILETIME range, number grouping and rounding, the linguistic sort key, CT_CTYPE1 classes."""
from __future__ import annotations

import datetime
import random

import pytest

from winelike.dlls.kernel32 import locale as nls
from winelike.dlls.kernel32 import timeapi


def test_ft_to_fields_matches_datetime():
    rng = random.Random(7)
    base = datetime.datetime(1601, 1, 1)
    for _ in range(2000):
        ft = rng.randrange(0, (datetime.datetime(9999, 12, 31) - base).days * timeapi.TICKS_PER_DAY)
        d = base + datetime.timedelta(microseconds=ft // 10)
        y, mo, dow, day, h, mi, s, ms = timeapi.ft_to_fields(ft)
        assert (y, mo, day, h, mi, s, ms) == (d.year, d.month, d.day, d.hour, d.minute, d.second,
                                              d.microsecond // 1000)
        assert dow == (d.weekday() + 1) % 7
        assert timeapi.fields_to_ft(y, mo, day, h, mi, s, ms) == ft - ft % 10_000


def test_fields_to_ft_limits():
    assert timeapi.fields_to_ft(1601, 1, 1, 0, 0, 0, 0) == 0
    assert timeapi.fields_to_ft(30827, 12, 31, 23, 59, 59, 999) is not None
    assert timeapi.fields_to_ft(30828, 1, 1, 0, 0, 0, 0) is None
    assert timeapi.fields_to_ft(2001, 2, 29, 0, 0, 0, 0) is None
    assert timeapi.fields_to_ft(2000, 2, 29, 0, 0, 0, 0) is not None
    assert timeapi.fields_to_ft(1900, 2, 29, 0, 0, 0, 0) is None


@pytest.mark.parametrize("ip,grouping,out", [
    ("1234567", 3, "1,234,567"), ("123", 3, "123"), ("1234567", 32, "12,34,567"),
    ("1234567", 0, "1234567"), ("1234567890", 320, "12345,67,890"), ("", 3, ""),
])
def test_group(ip, grouping, out):
    assert nls._group(ip, grouping, ",") == out


@pytest.mark.parametrize("ip,fp,digits,out", [
    ("1", "005", 2, ("1", "01")), ("0", "994", 2, ("0", "99")), ("9", "995", 2, ("10", "00")),
    ("12", "5", 0, ("13", "")), ("", "4", 0, ("0", "")),
])
def test_round_digits(ip, fp, digits, out):
    assert nls._round_digits(ip, fp, digits) == out


@pytest.mark.parametrize("a,b,flags,expected", [
    ("a", "A", 0, nls.CSTR_LESS_THAN), ("a", "A", nls.NORM_IGNORECASE, nls.CSTR_EQUAL),
    ("a", "B", 0, nls.CSTR_LESS_THAN), ("co-op", "coop", 0, nls.CSTR_GREATER_THAN),
    ("co-op", "coop", nls.SORT_STRINGSORT, nls.CSTR_LESS_THAN), ("\u00e6", "ae", 0, nls.CSTR_EQUAL),
    ("e", "\u00e9", nls.NORM_IGNORENONSPACE, nls.CSTR_EQUAL), ("a.b", "ab", nls.NORM_IGNORESYMBOLS, nls.CSTR_EQUAL),
    ("9", "a", 0, nls.CSTR_LESS_THAN), ("!", "1", 0, nls.CSTR_LESS_THAN),
])
def test_compare_strings(a, b, flags, expected):
    assert nls.compare_strings(a, b, flags) == expected


@pytest.mark.parametrize("ch,bits", [
    ("a", 0x382), ("Z", 0x301), ("5", 0x284), (" ", 0x248), ("\t", 0x268), ("\n", 0x228), ("!", 0x210),
    ("\u00e9", 0x302), ("\u00a0", 0x248), ("\ud800", 0),
])
def test_ctype1(ch, bits):
    assert nls.ctype1(ch) == bits


def test_date_picture_tokens():
    st = (2021, 3, 0, 7, 14, 5, 9, 0)
    assert nls._format_date("dddd, MMMM d, yyyy", st) == "Sunday, March 7, 2021"
    assert nls._format_date("'d'd''", st) == "d7'"
    assert nls._format_time("hh:mm:ss tt", st, nls.TIME_NOSECONDS) == "02:05 PM"
    assert nls._format_time("h:mm:ss tt", st, nls.TIME_NOMINUTESORSECONDS | nls.TIME_NOTIMEMARKER) == "2"
