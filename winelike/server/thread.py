"""Thread objects: each client connection is one thread of some process.

A thread is signalled when its connection goes away; at that point the mutexes it owns
are abandoned and, if it was its process's last thread, the process exits.
"""
from __future__ import annotations

from winelike.server.object import SYNCHRONIZE, STANDARD_RIGHTS_REQUIRED, Object, Win32Error, handler
from winelike.server.protocol import Error

THREAD_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFF


class Thread(Object):
    type_name = "Thread"
    mapping = (0x00020048, 0x00020037, 0x00121000, THREAD_ALL_ACCESS)

    def __init__(self, tid: int, process, client):
        super().__init__()
        self.tid = tid
        self.process = process
        self.client = client
        self.mutexes: list = []        # owned mutexes, abandoned if the thread goes
        self.exited = False
        self.exit_code = 259           # STILL_ACTIVE
        self.suspend = 0               # counted for threads of other processes (CREATE_SUSPENDED children)
        self.resume_event = None       # set when `suspend` drops to 0; wait_resume waits on it
        self.alerted = False           # alert_thread came while no alertable wait was pending

    def signaled(self, thread) -> bool:
        return self.exited

    def describe(self) -> str:
        return f"Thread {self.tid:04x}"


@handler("new_thread")
def new_thread(core, client, req):
    if client.thread is not None:
        raise core.protocol_error("new_thread on a connection that is already a thread")
    process = core.processes.get(req.pid)
    if process is None or process.exited:
        raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    return {"tid": core.start_thread(client, process, req.want_tid).tid}


@handler("alert_thread")
def alert_thread(core, client, req):
    thread = core.threads.get(req.tid)
    if thread is None or thread.process is not client.thread.process or thread.exited:
        raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    w = thread.client.wait if thread.client is not None else None
    if w is not None and w.alertable and not w.done:
        core.end_wait(w, 0xC0)                    # WAIT_IO_COMPLETION
    else:
        thread.alerted = True
    return {}


@handler("open_thread")
def open_thread(core, client, req):
    thread = core.threads.get(req.tid)
    if thread is None:
        raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    return {"handle": client.thread.process.handles.add(thread, thread.map_access(req.access), req.inherit)}


@handler("get_thread_info")
def get_thread_info(core, client, req):
    thread = client.thread.process.handles.get(req.handle, Thread, 0x0800, client.thread)
    return {"tid": thread.tid, "pid": thread.process.pid, "exit_code": thread.exit_code, "exited": thread.exited}


THREAD_SUSPEND_RESUME = 0x0002


@handler("suspend_thread")
def suspend_thread(core, client, req):
    thread = client.thread.process.handles.get(req.handle, Thread, THREAD_SUSPEND_RESUME, client.thread)
    prev = thread.suspend
    thread.suspend += 1
    if thread.resume_event is not None:
        thread.resume_event.state = False
    return {"prev_count": prev}


@handler("resume_thread")
def resume_thread(core, client, req):
    thread = client.thread.process.handles.get(req.handle, Thread, THREAD_SUSPEND_RESUME, client.thread)
    prev = thread.suspend
    if prev:
        thread.suspend -= 1
        if not thread.suspend and thread.resume_event is not None:
            thread.resume_event.state = True
            core.wake_up(thread.resume_event)
    return {"prev_count": prev}


@handler("wait_resume")
def wait_resume(core, client, req):
    from winelike.server.wait import begin_wait
    ev = client.thread.resume_event
    if ev is None or not client.thread.suspend:
        return {"result": 0}
    return begin_wait(core, client, [ev], 0, (1 << 64) - 1)
