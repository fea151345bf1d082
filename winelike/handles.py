"""The process's handle table for objects that live in this host process.

A process keeps to itself what nobody else uses: files, pipes, the console, and
unnamed events, semaphores, mutexes and thread objects.  Their handles are the
values 8k+4 (4, 12, 20, ...); the server hands out multiples of 8 for what lives
there (named objects, processes, anything shared), so a value says where to look:
a value not in this table goes to the server.  When a local object must be shared
(another process gets it, or a wait mixes it with server objects) it moves into the
server at the same value (kernel32.objects.promote).
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
        self.free: list[int] = []
        self.inherit: set[int] = set()

    def add(self, obj, inherit: bool = False) -> int:
        free = self.free
        if free:
            h = free.pop()
        else:
            h = self.next
            self.next += 8
        self.objects[h] = obj
        if inherit:
            self.inherit.add(h)
        return h

    def put(self, h: int, obj, inherit: bool = False) -> None:
        """At a given value (handles inherited from a parent keep theirs)."""
        self.objects[h] = obj
        if h in self.free:
            self.free.remove(h)
        while self.next <= h:
            if self.next != h:
                self.free.append(self.next)
            self.next += 8
        if inherit:
            self.inherit.add(h)

    def handles_of(self, obj) -> list:
        return [h for h, o in self.objects.items() if o is obj]

    def get(self, h: int, kind=None):
        obj = self.objects.get(h & 0xFFFFFFFF if h < (1 << 32) else h)
        if obj is None or (kind is not None and not isinstance(obj, kind)):
            return None
        return obj

    def close(self, h: int) -> bool:
        obj = self.remove(h)
        if obj is None:
            return False
        close = getattr(obj, "close", None)
        if close is not None and not any(o is obj for o in self.objects.values()):
            close()
        return True

    def remove(self, h: int):
        """Take the entry out without closing the object (it moved to the server)."""
        h &= 0xFFFFFFFF
        obj = self.objects.pop(h, None)
        if obj is not None:
            self.free.append(h)
            self.inherit.discard(h)
        return obj


def table(proc) -> HandleTable:
    t = proc.state.get("handles")
    if t is None:
        t = proc.state["handles"] = HandleTable()
        startup = getattr(proc, "startup", None) or {}
        # files and pipes inherited from a parent (CreateProcess): at the values it gave them
        for h, (fd, name, access, _kind) in (startup.get("files") or {}).items():
            t.put(int(h), HostFile(fd, name, access), inherit=True)
        # std handles: the host's fds 0, 1, 2 (a parent's values when it gave them)
        std = startup.get("std") or [0, 0, 0]
        for fd, field in ((0, "StdInput"), (1, "StdOutput"), (2, "StdError")):
            v = std[fd] & 0xFFFFFFFF
            if v and v in t.objects:
                h = v
            elif v and v & 7 == 4:
                h = v
                t.put(v, HostFile(fd, ("CONIN$", "CONOUT$", "CONOUT$")[fd], own=False))
            else:
                h = t.add(HostFile(fd, ("CONIN$", "CONOUT$", "CONOUT$")[fd], own=False))
            setattr(proc.params, field, h)
    return t
