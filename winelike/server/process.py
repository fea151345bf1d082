"""Process objects: one per client program, registered by its first connection.

A process owns a handle table; it is signalled (waitable) once its last thread is gone,
and then its handles are closed, which is how a client that dies releases what it held.
"""
from __future__ import annotations

from winelike.server.handles import HandleTable
from winelike.server.object import SYNCHRONIZE, STANDARD_RIGHTS_REQUIRED, Object, Win32Error, handler
from winelike.server.protocol import Error

PROCESS_DUP_HANDLE = 0x0040
PROCESS_TERMINATE = 0x0001
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
STILL_ACTIVE = 259
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
        self.exit_code = STILL_ACTIVE
        self.starting = None      # create_process: the main Thread waiting for its client

    def signaled(self, thread) -> bool:
        return self.exited

    def describe(self) -> str:
        return f"Process {self.pid:04x}"


@handler("new_process")
def new_process(core, client, req):
    if client.thread is not None:
        raise core.protocol_error("new_process on a connection that is already a thread")
    made = core.processes.get(req.want_pid) if req.want_pid else None
    if made is not None and made.starting is not None:
        # the child of a create_process connecting: it becomes that process's main thread
        thread, made.starting = made.starting, None
        thread.client = client
        client.thread = thread
        return {"pid": made.pid, "tid": thread.tid}
    parent = None
    if req.parent:
        parent = core.processes.get(req.parent)
        if parent is None:
            raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    pid = req.want_pid if req.want_pid and not core.id_taken(req.want_pid) else core.new_id()
    process = Process(core, pid)
    core.processes[process.pid] = process
    if parent is not None and req.inherit_handles:
        process.handles.inherit_from(parent.handles)
    thread = core.start_thread(client, process, req.want_tid)
    return {"pid": process.pid, "tid": thread.tid}


@handler("create_process")
def create_process(core, client, req):
    """A child about to start (its host process exists): make its process and main thread now,
    with the inherited handles, and give the caller handles to both."""
    from winelike.server.thread import Thread
    if core.id_taken(req.pid) or core.id_taken(req.tid) or not req.pid or not req.tid:
        raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    parent = client.thread.process
    process = Process(core, req.pid)
    core.processes[process.pid] = process
    if req.inherit_handles:
        process.handles.inherit_from(parent.handles)
    thread = Thread(req.tid, process, None)
    process.threads.append(thread)
    core.threads[thread.tid] = thread
    process.starting = thread
    if req.suspended:
        from winelike.server.event import Event
        thread.suspend = 1
        thread.resume_event = Event(True, False)
    ph = parent.handles.add(process, PROCESS_ALL_ACCESS)
    th = parent.handles.add(thread, thread.map_access(0x10000000))
    return {"process": ph, "thread": th}


@handler("terminate_process")
def terminate_process(core, client, req):
    """Record the exit code; another process is also killed (its host process, by pid)."""
    process = client.thread.process.handles.get(req.handle, Process, PROCESS_TERMINATE, client.thread)
    if process.exited:
        raise Win32Error(Error.ERROR_ACCESS_DENIED)
    process.exit_code = req.code
    if process is client.thread.process:
        return {"self": 1}
    core.kill_process(process)
    return {"self": 0}


@handler("get_process_info")
def get_process_info(core, client, req):
    process = client.thread.process.handles.get(req.handle, Process, PROCESS_QUERY_LIMITED_INFORMATION,
                                                client.thread)
    return {"pid": process.pid, "exit_code": process.exit_code, "exited": process.exited}


@handler("open_process")
def open_process(core, client, req):
    process = core.processes.get(req.pid)
    if process is None:
        raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    return {"handle": client.thread.process.handles.add(process, process.map_access(req.access), req.inherit)}
