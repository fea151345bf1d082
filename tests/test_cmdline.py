"""Windows command-line quoting: what `winelike run` builds, msvcrt's __getmainargs splits back."""
from __future__ import annotations

import pytest

from winelike.process import build_command_line, quote_arg
from winelike.dlls.msvcrt.startup import split_command_line

ARGVS = [
    ["prog.exe"],
    ["C:\\Program Files\\x.exe", "a b", "c"],
    ["p", ""],
    ["p", 'say "hi"'],
    ["p", "trailing\\"],
    ["p", "trailing space\\"],
    ["p", "a\\\\b", "\\\\server\\share"],
    ["p", 'back\\"quote'],
    ["p", "tab\there", "new\nline"],
    ["p", '""', '\\"\\"'],
]


@pytest.mark.parametrize("argv", ARGVS, ids=range(len(ARGVS)))
def test_round_trip(argv):
    assert split_command_line(build_command_line(argv)) == argv


@pytest.mark.parametrize("line,expected", [
    ('a "b c" d', ["a", "b c", "d"]),
    (r'a\\\"b c', ['a\\"b', "c"]),
    (r'a\\"b c" d', ["a\\b c", "d"]),
    (r"a\b c\\", ["a\\b", "c\\\\"]),
    ('  lead  trail  ', ["lead", "trail"]),
    ('"a""b"', ['a"b']),
])
def test_split_rules(line, expected):
    assert split_command_line(line) == expected


def test_quote_only_when_needed():
    assert quote_arg("plain") == "plain"
    assert quote_arg("") == '""'
    assert quote_arg("a b") == '"a b"'
