"""The registry in the server core: keys, access masks, deleted keys, volatility, saving, notifications."""
from __future__ import annotations

import os

from helpers import HKCU, KEY_READ, MAXIMUM_ALLOWED, world_with_registry
from winelike.server import registry
from winelike.server.regfile import parse_wine

KEY_SET_VALUE, KEY_NOTIFY, DELETE = 2, 0x10, 0x10000
ERROR_FILE_NOT_FOUND, ERROR_ACCESS_DENIED, ERROR_KEY_DELETED = 2, 5, 1018
ERROR_CHILD_MUST_BE_VOLATILE, ERROR_NO_MORE_ITEMS = 1021, 259


def create(p, name, parent=0, options=0, access=MAXIMUM_ALLOWED):
    r = p.create_key(parent=parent, access=access, options=options, name=name, cls="")
    assert r.error == 0, r
    return r.handle, r.created


def test_create_open_case_insensitive():
    w = world_with_registry()
    p = w.process()
    h, created = create(p, HKCU + "\\Software\\Foo\\Bar")
    assert created
    h2, created = create(p, HKCU.upper() + "\\software\\FOO\\bar")
    assert not created
    assert p.open_key(parent=h, access=KEY_READ, options=0, name="").error == 0
    assert p.open_key(parent=0, access=KEY_READ, options=0, name=HKCU + "\\nope").error == ERROR_FILE_NOT_FOUND
    r = p.enum_key(handle=p.open_key(parent=0, access=KEY_READ, options=0, name=HKCU + "\\Software").handle, index=0)
    assert r.name == "Foo"                      # the case it was created with


def test_access_mask_enforced():
    w = world_with_registry()
    p = w.process()
    h, _ = create(p, HKCU + "\\Software\\A")
    ro = p.open_key(parent=h, access=KEY_READ, options=0, name="").handle
    assert p.set_key_value(handle=ro, type=1, name="x", data=b"a\0").error == ERROR_ACCESS_DENIED
    assert p.delete_value(handle=ro, name="x").error == ERROR_ACCESS_DENIED
    assert p.delete_key(handle=ro).error == ERROR_ACCESS_DENIED
    wo = p.open_key(parent=h, access=KEY_SET_VALUE, options=0, name="").handle
    assert p.set_key_value(handle=wo, type=1, name="x", data=b"a\0").error == 0
    assert p.get_key_value(handle=wo, max=10, name="x").error == ERROR_ACCESS_DENIED
    assert p.get_key_value(handle=ro, max=10, name="x").data == b"a\0"
    assert p.get_key_value(handle=ro, max=1, name="x").data == b""          # too big for max: size only
    assert p.get_key_value(handle=ro, max=1, name="x").size == 2


def test_deleted_key_stays_open_but_fails():
    w = world_with_registry()
    p = w.process()
    h, _ = create(p, HKCU + "\\Software\\D\\child")
    parent, _ = create(p, HKCU + "\\Software\\D")
    assert p.delete_key(handle=parent).error == ERROR_ACCESS_DENIED       # has a subkey
    assert p.delete_key(handle=h).error == 0
    assert p.set_key_value(handle=h, type=4, name="v", data=b"1234").error == ERROR_KEY_DELETED
    assert p.create_key(parent=h, access=MAXIMUM_ALLOWED, options=0, name="x", cls="").error == ERROR_KEY_DELETED
    assert p.close_handle(handle=h).error == 0
    assert p.enum_key(handle=parent, index=0).error == ERROR_NO_MORE_ITEMS
    assert p.delete_key(handle=parent).error == 0


def test_volatile_keys_are_not_saved(tmp_path):
    w = world_with_registry(tmp_path)
    p = w.process()
    v, _ = create(p, HKCU + "\\Software\\Vol", options=1)
    assert p.create_key(parent=v, access=MAXIMUM_ALLOWED, options=0, name="x", cls="").error == \
        ERROR_CHILD_MUST_BE_VOLATILE
    assert p.set_key_value(handle=v, type=4, name="n", data=b"\1\0\0\0").error == 0
    k, _ = create(p, HKCU + "\\Software\\Keep")
    p.set_key_value(handle=k, type=4, name="n", data=b"\1\0\0\0")
    assert p.flush_key(handle=k).error == 0
    text = (tmp_path / "user.reg").read_text()
    assert "Keep" in text and "Vol" not in text


def test_saved_shortly_after_a_change_and_parses(tmp_path):
    w = world_with_registry(tmp_path)
    p = w.process()
    k, _ = create(p, "Machine\\Software\\Later")
    p.set_key_value(handle=k, type=1, name="s", data="x\0".encode("utf-16-le"))
    assert not (tmp_path / "system.reg").exists()
    assert w.core.next_deadline() is not None
    w.advance(registry.SAVE_DELAY / 10_000 + 1)
    sections, errors, _ = parse_wine((tmp_path / "system.reg").read_text())
    assert not errors
    assert any(s.path == ["Software", "Later"] and s.values == [("s", 1, "x\0".encode("utf-16-le"))]
               for s in sections)
    assert not [f for f in tmp_path.iterdir() if f.name.endswith(".tmp")]
    assert w.core.next_deadline() is None


def test_notify_signals_event_once():
    w = world_with_registry()
    p = w.process()
    k, _ = create(p, HKCU + "\\Software\\N\\sub")
    top, _ = create(p, HKCU + "\\Software\\N")
    ev = p.event(manual=True)
    assert p.notify_key(handle=top, event=ev, subtree=False, filter=4).error == 0
    p.set_key_value(handle=k, type=4, name="a", data=b"1234")             # a subkey: not watched
    assert p.query_event(handle=ev).state == 0
    p.set_key_value(handle=top, type=4, name="a", data=b"1234")
    assert p.query_event(handle=ev).state == 1
    p.reset_event(handle=ev)
    p.set_key_value(handle=top, type=4, name="b", data=b"1234")           # one-shot
    assert p.query_event(handle=ev).state == 0
    p.notify_key(handle=top, event=ev, subtree=True, filter=4)
    p.set_key_value(handle=k, type=4, name="b", data=b"1234")
    assert p.query_event(handle=ev).state == 1
    ro = p.open_key(parent=top, access=KEY_READ & ~KEY_NOTIFY, options=0, name="").handle
    assert p.notify_key(handle=ro, event=ev, subtree=True, filter=4).error == ERROR_ACCESS_DENIED


def test_two_processes_share_keys():
    w = world_with_registry()
    a, b = w.process(), w.process()
    k, _ = create(a, HKCU + "\\Software\\Shared")
    a.set_key_value(handle=k, type=1, name="v", data="hi\0".encode("utf-16-le"))
    k2 = b.open_key(parent=0, access=KEY_READ, options=0, name=HKCU + "\\Software\\Shared").handle
    assert b.get_key_value(handle=k2, max=100, name="V").data == "hi\0".encode("utf-16-le")
    a.disconnect()
    assert b.get_key_value(handle=k2, max=100, name="v").error == 0


def test_large_value_within_frame_limit():
    w = world_with_registry()
    p = w.process()
    k, _ = create(p, HKCU + "\\Software\\Big")
    big = bytes(range(256)) * 4096                        # 1 MiB
    assert p.set_key_value(handle=k, type=3, name="b", data=big).error == 0
    assert p.get_key_value(handle=k, max=len(big), name="b").data == big
    assert p.set_key_value(handle=k, type=3, name="c", data=big + b"x").error == 8


def test_flush_reports_a_failed_save(tmp_path):
    import io
    log = io.StringIO()
    w = world_with_registry(tmp_path, log)
    p = w.process()
    k, _ = create(p, HKCU + "\\Software\\F")
    p.set_key_value(handle=k, type=4, name="n", data=b"\1\0\0\0")
    (tmp_path / "user.reg").mkdir()                  # the rename cannot replace a directory
    assert p.flush_key(handle=k).error == 1016       # ERROR_REGISTRY_IO_FAILED
    assert "cannot save" in log.getvalue()
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]
    (tmp_path / "user.reg").rmdir()
    assert p.flush_key(handle=k).error == 0
    assert "[Software\\\\F]" in (tmp_path / "user.reg").read_text()
