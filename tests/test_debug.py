"""WINELIKE_DEBUG follows Wine's WINEDEBUG grammar."""
from __future__ import annotations

import io

import pytest

from winelike import debug


@pytest.fixture(autouse=True)
def clean():
    debug.reset()
    yield
    debug.reset()


def test_defaults_are_err_and_fixme():
    assert debug.on("err", "heap") and debug.on("fixme", "heap")
    assert not debug.on("warn", "heap") and not debug.on("trace", "heap")


def test_plus_channel_enables_every_class_of_it():
    debug.parse("+relay")
    assert all(debug.on(c, "relay") for c in debug.CLASSES)
    assert not debug.on("trace", "heap")


def test_class_and_channel():
    debug.parse("warn+heap,trace+file")
    assert debug.on("warn", "heap") and not debug.on("trace", "heap")
    assert debug.on("trace", "file") and not debug.on("warn", "file")


def test_minus_all_silences_defaults_then_channel_back_on():
    debug.parse("-all,+relay")
    assert not debug.on("err", "heap") and not debug.on("fixme", "module")
    assert debug.on("trace", "relay")


def test_fixme_minus_all():
    debug.parse("fixme-all")
    assert not debug.on("fixme", "heap") and debug.on("err", "heap")


def test_unknown_class_is_reported_not_fatal(monkeypatch):
    buf = io.StringIO()
    monkeypatch.setattr(debug, "stream", buf)
    debug.parse("bogus+heap,+relay")
    assert "unknown debug class" in buf.getvalue()
    assert debug.on("trace", "relay")


def test_line_format_and_fixme_counting(monkeypatch):
    buf = io.StringIO()
    monkeypatch.setattr(debug, "stream", buf)
    debug.set_thread_id(0x24)
    ch = debug.Channel("heap")
    ch.fixme("HeapSetInformation", "class 1")
    ch.fixme("HeapSetInformation", "class 1")
    ch.warn("HeapAlloc", "not shown")
    assert buf.getvalue() == "0024:fixme:heap:HeapSetInformation class 1\n" * 2
    assert debug.fixme_counts["heap:HeapSetInformation"] == 2
    assert "heap:HeapSetInformation" in debug.fixme_report()
