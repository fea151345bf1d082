"""Debug channels with Wine's grammar: WINELIKE_DEBUG=[class][+|-]channel[,...].

Classes are err, warn, fixme and trace; err and fixme are on by default for every
channel.  `+relay` turns on every class of the relay channel; `-all` turns every
channel off; `warn+heap` turns on one class of one channel.  Lines look like
Wine's: `0024:fixme:heap:HeapSetInformation args...`.  Every fixme is counted,
whether printed or not, so a run can report what it touched (`--fixme-stats`).
"""
from __future__ import annotations

import collections
import os
import sys
import threading

CLASSES = ("err", "warn", "fixme", "trace")
_DEFAULT = {"err", "fixme"}

_all: set[str] = set(_DEFAULT)
_per_channel: dict[str, set[str]] = {}
fixme_counts: collections.Counter = collections.Counter()
stream = sys.stderr
_tid = threading.local()


def parse(spec: str) -> None:
    """Apply a WINELIKE_DEBUG string; unknown classes are reported, not fatal."""
    global _all
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        pos = max(item.find("+"), item.find("-"))
        if pos < 0:
            cls_part, sign, chan = "", "+", item
        else:
            cls_part, sign, chan = item[:pos], item[pos], item[pos + 1:]
        if cls_part and cls_part not in CLASSES:
            stream.write(f"winelike: unknown debug class {cls_part!r} in WINELIKE_DEBUG\n")
            continue
        classes = {cls_part} if cls_part else set(CLASSES)
        chan = chan.lower()
        if chan == "all":
            if sign == "+":
                _all |= classes
                for s in _per_channel.values():
                    s |= classes
            else:
                _all -= classes
                for s in _per_channel.values():
                    s -= classes
        else:
            cur = _per_channel.setdefault(chan, set(_all))
            if sign == "+":
                cur |= classes
            else:
                cur -= classes


def reset() -> None:
    global _all
    _all = set(_DEFAULT)
    _per_channel.clear()
    fixme_counts.clear()


def on(cls: str, channel: str) -> bool:
    s = _per_channel.get(channel)
    return cls in (s if s is not None else _all)


def thread_id() -> int:
    return getattr(_tid, "value", 0)


def set_thread_id(tid: int) -> None:
    _tid.value = tid


def emit(line: str) -> None:
    try:
        stream.write(f"{thread_id():04x}:{line}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


class Channel:
    """A debug channel: ch = Channel("heap"); ch.fixme("func", "args")."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def _out(self, cls, func, msg):
        if on(cls, self.name):
            emit(f"{cls}:{self.name}:{func} {msg}")

    def err(self, func, msg=""):
        self._out("err", func, msg)

    def warn(self, func, msg=""):
        self._out("warn", func, msg)

    def fixme(self, func, msg=""):
        fixme_counts[f"{self.name}:{func}"] += 1
        self._out("fixme", func, msg)

    def trace(self, func, msg=""):
        self._out("trace", func, msg)

    def tracing(self) -> bool:
        return on("trace", self.name)


def fixme_report() -> str:
    if not fixme_counts:
        return "winelike: no fixme fired\n"
    lines = ["winelike: fixme counts:"]
    for key, n in fixme_counts.most_common():
        lines.append(f"  {n:8d}  {key}")
    return "\n".join(lines) + "\n"


parse(os.environ.get("WINELIKE_DEBUG", ""))
