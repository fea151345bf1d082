"""Process objects: one per client program, registered by its first connection.

A process owns a handle table; it is signalled (waitable) once its last thread is gone,
and then its handles are closed, which is how a client that dies releases what it held.
"""
from __future__ import annotations

from winelike.server.handles import HandleTable
from winelike.server.object import SYNCHRONIZE, STANDARD_RIGHTS_REQUIRED, Object, Win32Error, handler
from winelike.server.protocol import Error

PROCESS_DUP_HANDLE = 0x0040
PROCESS_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFF


class Process(Object):
    type_name = "Process"
    mapping = (0x00020410, 0x00020BEA, 0x00121000, PROCESS_ALL_ACCESS)

    def __init__(self, core, pid: int):
        super().__init__()
        self.pid = pid
        self.handles = HandleTable(core, self)
        self.threads: list = []
        self.exited = False

    def signaled(self, thread) -> bool:
        return self.exited

    def describe(self) -> str:
        return f"Process {self.pid:04x}"


@handler("new_process")
def new_process(core, client, req):
    if client.thread is not None:
        raise core.protocol_error("new_process on a connection that is already a thread")
    parent = None
    if req.parent:
        parent = core.processes.get(req.parent)
        if parent is None:
            raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    process = Process(core, core.new_id())
    core.processes[process.pid] = process
    if parent is not None and req.inherit_handles:
        process.handles.inherit_from(parent.handles)
    thread = core.start_thread(client, process)
    return {"pid": process.pid, "tid": thread.tid}


@handler("open_process")
def open_process(core, client, req):
    process = core.processes.get(req.pid)
    if process is None:
        raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    return {"handle": client.thread.process.handles.add(process, process.map_access(req.access), req.inherit)}
