"""The process's handle table for objects that live in this host process.

Handles are multiples of 4 as on Windows.  Objects shared between processes
(events, mutexes, processes, threads) move to the server in its own issue;
host files and the console stay here.
"""
from __future__ import annotations

import os


class HostFile:
    """A handle to a host file descriptor (console, pipe or disk file)."""

    type_name = "File"

    def __init__(self, fd: int, name: str = "", access: int = 0, own: bool = True):
        self.fd = fd
        self.name = name
        self.access = access
        self.own = own

    def close(self):
        if self.own and self.fd > 2:
            try:
                os.close(self.fd)
            except OSError:
                pass


class HandleTable:
    def __init__(self):
        self.objects: dict[int, object] = {}
        self.next = 0x4

    def add(self, obj) -> int:
        while self.next in self.objects:
            self.next += 4
        h = self.next
        self.objects[h] = obj
        self.next += 4
        return h

    def get(self, h: int, kind=None):
        obj = self.objects.get(h & 0xFFFFFFFF if h < (1 << 32) else h)
        if obj is None or (kind is not None and not isinstance(obj, kind)):
            return None
        return obj

    def close(self, h: int) -> bool:
        obj = self.objects.pop(h, None)
        if obj is None:
            return False
        close = getattr(obj, "close", None)
        if close is not None and not any(o is obj for o in self.objects.values()):
            close()
        return True


def table(proc) -> HandleTable:
    t = proc.state.get("handles")
    if t is None:
        t = proc.state["handles"] = HandleTable()
        # std handles: the host's fds 0, 1, 2
        for fd, field in ((0, "StdInput"), (1, "StdOutput"), (2, "StdError")):
            h = t.add(HostFile(fd, ("CONIN$", "CONOUT$", "CONOUT$")[fd], own=False))
            setattr(proc.params, field, h)
    return t
