"""Wine's registry file format: real Wine files load and are written back byte for byte."""
from __future__ import annotations

import gzip
import io
import os
import shutil

import pytest

from helpers import DATA, world_with_registry
from winelike.server import regfile


def _read(name):
    path = os.path.join(DATA, name)
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rb") as f:
        return f.read()


@pytest.mark.parametrize("src,dst", [("wine-user.reg", "user.reg"), ("wine-userdef.reg", "userdef.reg"),
                                     ("wine-system.reg.gz", "system.reg")])
def test_wine_made_file_round_trips(tmp_path, src, dst):
    raw = _read(src)
    (tmp_path / dst).write_bytes(raw)
    log = io.StringIO()
    w = world_with_registry(tmp_path, log)
    assert log.getvalue() == ""
    reg = w.core.registry
    branch = next(b for b in reg.branches if b.path.endswith(dst))
    branch.dirty = True
    reg.save(branch)
    assert (tmp_path / dst).read_bytes() == raw


def test_wine_made_values_read_correctly(tmp_path):
    (tmp_path / "user.reg").write_bytes(_read("wine-user.reg"))
    w = world_with_registry(tmp_path)
    p = w.process()
    h = p.open_key(parent=0, access=0x20019, options=0, name="User\\S-1-5-21-0-0-0-1000\\Software\\WinelikeDemo").handle
    def val(name):
        r = p.get_key_value(handle=h, max=4096, name=name)
        assert r.error == 0, name
        return r.type, r.data
    assert val("") == (1, "default\0".encode("utf-16-le"))
    assert val("Dw") == (4, b"\x34\x12\0\0")
    assert val("Exp") == (2, "%SystemRoot%\\x\0".encode("utf-16-le"))
    assert val("Multi") == (7, "a\0b\0c\0\0".encode("utf-16-le"))
    assert val("Qw") == (11, bytes.fromhex("8967452301000000"))
    assert val("Str") == (1, 'hello "quoted" \\back\0'.encode("utf-16-le"))
    assert val("Uni") == (1, "caf\xe9\0".encode("utf-16-le"))
    assert val("Long") == (3, bytes(range(48)))
    assert val("None") == (0, b"\0\0")


def test_escapes_round_trip():
    s = "a\\b\"c\x01\n\t\x1b\xe91\xe9z\x007"
    text = regfile.escape_wine(s, '""')
    assert regfile._unescape_wine(text + '"', 0, '"')[0] == s
    assert text == 'a\\\\b\\"c\\1\\n\\t\\e\\x00e91\\xe9z\\0007'   # 4 digits before a hex digit


def test_corrupt_file_reports_line_keeps_rest_and_backs_up(tmp_path):
    good = _read("wine-user.reg").decode()
    lines = good.split("\n")
    idx = next(i for i, l in enumerate(lines) if l.startswith('"Dw"='))
    lines[idx] = '"Dw"=dword:zzzz'
    bad = "\n".join(lines)
    cut = bad[:bad.index('"Uni"=') + 8]          # truncated in the middle of a value line
    (tmp_path / "user.reg").write_text(cut)
    log = io.StringIO()
    w = world_with_registry(tmp_path, log)
    msg = log.getvalue()
    assert f"user.reg:{idx + 1}: bad dword" in msg
    assert "truncated" in msg
    backups = [f for f in os.listdir(tmp_path) if f.startswith("user.reg.corrupt-")]
    assert backups and (tmp_path / backups[0]).read_text() == cut
    p = w.process()
    h = p.open_key(parent=0, access=0x20019, options=0, name="User\\S-1-5-21-0-0-0-1000\\Software\\WinelikeDemo").handle
    assert p.get_key_value(handle=h, max=100, name="Str").error == 0       # kept what parsed
    assert p.get_key_value(handle=h, max=100, name="Dw").error == 2
    assert w.core.registry.branches[1].dirty                              # will be rewritten whole


def test_not_a_registry_file(tmp_path):
    (tmp_path / "system.reg").write_text("hello\n")
    log = io.StringIO()
    world_with_registry(tmp_path, log)
    assert "system.reg:1: not a Wine registry file" in log.getvalue()
    assert (tmp_path / "system.reg.corrupt-0").exists()


def test_regedit_import_parses_v4_and_deletions():
    text = ("REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\X]\r\n\"a\"=\"b\\\"c\"\r\n\"e\"=hex(2):41,42,00\r\n"
            "\"gone\"=-\r\n[-HKEY_CURRENT_USER\\Software\\Y]\r\n")
    ops, errors = regfile.parse_regedit(text)
    assert not errors
    assert ops == [("key", "HKEY_CURRENT_USER\\Software\\X"), ("value", "a", 1, 'b"c\0'.encode("utf-16-le")),
                   ("value", "e", 2, "AB\0".encode("utf-16-le")), ("delete_value", "gone"),
                   ("delete_key", "HKEY_CURRENT_USER\\Software\\Y")]


def test_export_matches_wine_capture():
    raw = _read("reg-export.reg")
    text = raw[2:].decode("utf-16-le")
    ops, errors = regfile.parse_regedit(text)
    assert not errors
    keys, cur = [], None
    for op in ops:
        if op[0] == "key":
            cur = (op[1], [])
            keys.append(cur)
        else:
            cur[1].append(op[1:])
    assert regfile.export_regedit(keys) == raw


def test_arch_line_is_kept(tmp_path):
    text = _read("wine-userdef.reg").decode().replace("#arch=win64", "#arch=win32")
    (tmp_path / "userdef.reg").write_text(text)
    w = world_with_registry(tmp_path)
    b = next(b for b in w.core.registry.branches if b.path.endswith("userdef.reg"))
    b.dirty = True
    w.core.registry.save(b)
    assert (tmp_path / "userdef.reg").read_text() == text
