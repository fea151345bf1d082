"""A process's handle table: handle -> (object, granted access, flags).

Handles the server hands out are multiples of 8 from 8 up (the lowest free one is
reused); the values 8k+4 belong to the client, which keeps some objects itself
(winelike.handles) and may move one here at its own value (dup_handle's `at`).  The
low two bits are ignored on lookup, as on Windows.  Each entry counts as one reference for the
object's name: when an object's last handle goes, so does its name.
"""
from __future__ import annotations

from winelike.server.protocol import (CURRENT_PROCESS, CURRENT_THREAD, HANDLE_FLAG_INHERIT,
                                      HANDLE_FLAG_PROTECT_FROM_CLOSE, Error)
from winelike.server.object import Win32Error

FULL_ACCESS = 0x001FFFFF


class HandleEntry:
    __slots__ = ("obj", "access", "flags")

    def __init__(self, obj, access, flags):
        self.obj, self.access, self.flags = obj, access, flags


class HandleTable:
    def __init__(self, core, process):
        self.core = core
        self.process = process
        self.entries: dict[int, HandleEntry] = {}
        self._free: list[int] = []
        self._next = 8

    def __len__(self):
        return len(self.entries)

    def _new_handle(self) -> int:
        if self._free:
            return self._free.pop()
        h = self._next
        self._next += 8
        return h

    def add(self, obj, access: int, inherit=False, handle: int | None = None) -> int:
        if handle is None:
            h = self._new_handle()
        else:                      # inherited handles keep their value
            h = handle
            if h in self.entries:
                raise Win32Error(Error.ERROR_INVALID_PARAMETER)
            if h % 8 == 0:
                if h >= self._next:
                    self._free.extend(range(self._next, h, 8))
                    self._free.sort(reverse=True)
                    self._next = h + 8
                elif h in self._free:
                    self._free.remove(h)
        self.entries[h] = HandleEntry(obj, access, HANDLE_FLAG_INHERIT if inherit else 0)
        obj.handle_count += 1
        return h

    def entry(self, h: int, thread=None) -> HandleEntry:
        """The entry for h; pseudo-handles resolve to the process and `thread` with full access."""
        if h == CURRENT_PROCESS:
            return HandleEntry(self.process, FULL_ACCESS, 0)
        if h == CURRENT_THREAD and thread is not None:
            return HandleEntry(thread, FULL_ACCESS, 0)
        e = self.entries.get(h & ~3)
        if e is None:
            raise Win32Error(Error.ERROR_INVALID_HANDLE)
        return e

    def get(self, h: int, cls, access: int = 0, thread=None):
        """The object behind h, checked for type (ERROR_INVALID_HANDLE) and access (ERROR_ACCESS_DENIED)."""
        e = self.entry(h, thread)
        if cls is not None and not isinstance(e.obj, cls):
            raise Win32Error(Error.ERROR_INVALID_HANDLE)
        if access & ~e.access:
            raise Win32Error(Error.ERROR_ACCESS_DENIED)
        return e.obj

    def close(self, h: int, force: bool = False) -> None:
        h &= ~3
        e = self.entries.get(h)
        if e is None or (e.flags & HANDLE_FLAG_PROTECT_FROM_CLOSE and not force):
            raise Win32Error(Error.ERROR_INVALID_HANDLE)
        del self.entries[h]
        if h % 8 == 0:
            self._free.append(h)
            if len(self._free) > 1 and self._free[-1] > self._free[-2]:
                self._free.sort(reverse=True)       # hand out the lowest free handle first
        self._release(e.obj)

    def _release(self, obj):
        obj.handle_count -= 1
        if obj.handle_count == 0:
            obj.last_handle_closed(self.core)

    def close_all(self) -> None:
        entries, self.entries = self.entries, {}
        self._free, self._next = [], 8
        for e in entries.values():
            self._release(e.obj)

    def inherit_from(self, parent: "HandleTable") -> None:
        for h, e in sorted(parent.entries.items()):
            if e.flags & HANDLE_FLAG_INHERIT:
                self.add(e.obj, e.access, True, handle=h)


# ---- requests on handles ----------------------------------------------------------

from winelike.server.object import handler  # noqa: E402  (after the table, which object users import)
from winelike.server.protocol import DUPLICATE_CLOSE_SOURCE, DUPLICATE_SAME_ACCESS  # noqa: E402


@handler("close_handle")
def close_handle(core, client, req):
    client.thread.process.handles.close(req.handle)
    return {}


def _process(core, client, h):
    from winelike.server.process import PROCESS_DUP_HANDLE, Process
    return client.thread.process.handles.get(h, Process, PROCESS_DUP_HANDLE)


@handler("dup_handle")
def dup_handle(core, client, req):
    src = _process(core, client, req.src_process)
    thread = client.thread if src is client.thread.process else None
    entry = src.handles.entry(req.src_handle, thread)
    try:
        dst = _process(core, client, req.dst_process)
        access = entry.access if req.options & DUPLICATE_SAME_ACCESS else entry.obj.map_access(req.access)
        h = dst.handles.add(entry.obj, access, req.inherit, handle=(req.at & ~3) or None)
    finally:
        # Windows closes the source even when the duplication fails
        if req.options & DUPLICATE_CLOSE_SOURCE and (req.src_handle & ~3) in src.handles.entries:
            src.handles.close(req.src_handle, force=True)
    return {"handle": h}


@handler("get_handle_info")
def get_handle_info(core, client, req):
    e = client.thread.process.handles.entry(req.handle, client.thread)
    return {"access": e.access, "flags": e.flags, "type": e.obj.type_name}


@handler("set_handle_info")
def set_handle_info(core, client, req):
    e = client.thread.process.handles.entry(req.handle, None)
    old = e.flags
    e.flags = (old & ~req.mask) | (req.flags & req.mask & (HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE))
    return {"old_flags": old}
