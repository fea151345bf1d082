"""The server's sans-IO core: requests in, replies and wake-ups out, time from an injected clock.

    core = Core(clock=...)                 # clock() -> now in 100 ns ticks (monotonic)
    client = core.connect(transport)       # a new connection (transport is opaque to the core)
    outputs = core.request(client, defn, seq, req)   # decoded request -> [Output, ...]
    outputs = core.expire()                # timers and wait timeouts due by clock()
    core.next_deadline()                   # when expire() next has work (ticks) or None
    outputs = core.disconnect(client)      # the connection is gone: release what it held

An Output is (client, defn, seq, error, fields): a reply to send to `client`.  The
reply to a request comes first in the list it returns; the others are replies to
earlier `select`s of other clients that this request satisfied.

Client rules, whose breach raises RemoteProtocolError (the caller drops the client):
a connection's first request is new_process, new_thread or get_server_info; no request
while the connection's wait is pending.  Everything the client may legitimately get
wrong (bad handles, wrong types, limits) is a Win32 error in the reply instead.
"""
from __future__ import annotations

import collections
import heapq
import time

from winelike.server import event, handles, mutex, process, semaphore, thread, timer, wait  # noqa: F401 (handlers)
from winelike.server import registry  # noqa: F401 (handlers)
from winelike.server import window  # noqa: F401 (handlers)
from winelike.server.object import HANDLERS, Namespace, Win32Error, handler
from winelike.server.protocol import REQUESTS, UNREGISTERED_OK, ProtocolError
from winelike.server.thread import Thread
from winelike.server.wait import PENDING, Wait

Output = collections.namedtuple("Output", "client defn seq error fields")
FILETIME_UNIX_EPOCH = 116444736000000000


class RemoteProtocolError(ProtocolError):
    """The client broke a rule of the protocol: drop it."""


def monotonic_ticks() -> int:
    return time.monotonic_ns() // 100


def wall_ticks() -> int:
    """Now as a FILETIME (100 ns since 1601)."""
    return time.time_ns() // 100 + FILETIME_UNIX_EPOCH


class Client:
    """One connection: after registration, one thread of a process."""

    __slots__ = ("id", "transport", "thread", "wait")

    def __init__(self, cid, transport):
        self.id = cid
        self.transport = transport
        self.thread: Thread | None = None
        self.wait: Wait | None = None

    @property
    def tid(self) -> int:
        return self.thread.tid if self.thread is not None else 0


class Core:
    def __init__(self, clock=monotonic_ticks, wall=wall_ticks, server_pid: int = 0):
        self.clock = clock
        self.wall = wall
        self.server_pid = server_pid
        self.namespace = Namespace()
        self.processes: dict = {}
        self.threads: dict = {}
        self.clients: set = set()
        self.current = None               # (defn, seq) of the request being handled
        self._handlers = [HANDLERS[d.name] for d in REQUESTS]
        self._next_id = 0x40000000
        self._next_client = 1
        self._schedule: list = []         # heap of (when, kind, n, target, arg)
        self._n = 0
        self._stale = 0                   # heap entries of waits that ended early
        self._out: list = []

    # ---- the driver's interface --------------------------------------------------
    def connect(self, transport=None) -> Client:
        c = Client(self._next_client, transport)
        self._next_client += 1
        self.clients.add(c)
        return c

    def request(self, client: Client, defn, seq: int, req) -> list:
        if client.wait is not None:
            raise RemoteProtocolError(f"{defn.name} while a wait is pending")
        if client.thread is None and defn.name not in UNREGISTERED_OK:
            raise RemoteProtocolError(f"{defn.name} before new_process or new_thread")
        out = self._out = []
        self.current = (defn, seq)
        try:
            result = self._handlers[defn.opcode](self, client, req)
        except Win32Error as e:
            out.insert(0, Output(client, defn, seq, int(e.code), None))
            return out
        if result is PENDING:
            return out
        if type(result) is tuple:
            out.insert(0, Output(client, defn, seq, int(result[0]), result[1]))
        else:
            out.insert(0, Output(client, defn, seq, 0, result))
        return out

    def disconnect(self, client: Client) -> list:
        out = self._out = []
        self.clients.discard(client)
        if client.wait is not None:
            self._cancel(client.wait)
        if client.thread is not None:
            self._end_thread(client.thread)
            client.thread = None
        return out

    def has_deadlines(self) -> bool:
        """Cheaper than next_deadline() when nothing is scheduled (most requests)."""
        return bool(self._schedule)

    def next_deadline(self) -> int | None:
        s = self._schedule
        while s:
            when, kind, _, target, arg = s[0]
            if kind == 1 and target.done or kind == 0 and arg != target.generation:
                heapq.heappop(s)
                continue
            return when
        return None

    def expire(self) -> list:
        out = self._out = []
        now = self.clock()
        s = self._schedule
        while s and s[0][0] <= now:
            when, kind, _, target, arg = heapq.heappop(s)
            if kind == 0:
                target.fire(self, arg, now)
            elif not target.done:
                self._finish(target, 0x102)       # WAIT_TIMEOUT
        return out

    # ---- for the object modules --------------------------------------------------
    def protocol_error(self, message: str) -> RemoteProtocolError:
        return RemoteProtocolError(message)

    def new_id(self) -> int:
        # ids clients derive from host ids are pid*8 and tid*8+4 (winelike.threads); the
        # server's own start far above them (host pids stay below 2**22)
        i = self._next_id
        self._next_id += 4
        while self.id_taken(i):
            i = self._next_id
            self._next_id += 4
        return i

    def kill_process(self, process) -> None:
        """TerminateProcess of another process: kill its host process; its connections then close."""
        import os
        import signal
        if process.pid % 8 == 0 and process.threads and process.starting is None:
            try:
                os.kill(process.pid // 8, signal.SIGKILL)
            except OSError:
                pass
        else:                      # never started, or not a winelike host process: end it here
            for t in list(process.threads):
                if t.client is not None:
                    t.client.thread = None
                self._end_thread(t)

    def id_taken(self, i: int) -> bool:
        return i in self.processes or i in self.threads

    def start_thread(self, client: Client, process, want_tid: int = 0) -> Thread:
        tid = want_tid if want_tid and not self.id_taken(want_tid) else self.new_id()
        t = Thread(tid, process, client)
        process.threads.append(t)
        self.threads[t.tid] = t
        client.thread = t
        return t

    def schedule(self, when: int, target, arg) -> None:
        """Run target at `when`: a Timer (arg = its generation) fires, a Wait times out."""
        self._n += 1
        if self._stale > 256 and self._stale * 2 > len(self._schedule):
            self._schedule = [e for e in self._schedule
                              if not (e[1] == 1 and e[3].done or e[1] == 0 and e[4] != e[3].generation)]
            heapq.heapify(self._schedule)
            self._stale = 0
        heapq.heappush(self._schedule, (when, 0 if arg is not None else 1, self._n, target, arg))

    def due_to_ticks(self, due: int) -> int:
        """A set_timer due time (< 0 relative, > 0 absolute FILETIME, 0 now) on our clock."""
        now = self.clock()
        if due < 0:
            return now - due
        if due > 0:
            return now + max(0, due - self.wall())
        return now

    def wake_up(self, obj) -> None:
        """obj may have become signalled: satisfy the waits on it that now can be, oldest first."""
        for w in list(obj.waiters):
            if not w.done:
                result = w.try_satisfy()
                if result is not None:
                    self._finish(w, int(result))

    def end_wait(self, w: Wait, result: int) -> None:
        """End a pending wait now with `result` (an alerted wait: WAIT_IO_COMPLETION)."""
        self._finish(w, result)

    # ---- internals -----------------------------------------------------------------
    def _finish(self, w: Wait, result: int) -> None:
        self._cancel(w)
        self._out.append(Output(w.client, w.defn, w.seq, 0, {"result": result}))

    def _cancel(self, w: Wait) -> None:
        w.done = True
        if w.deadline is not None:
            self._stale += 1
        for obj in w.objects:
            try:
                obj.waiters.remove(w)
            except ValueError:
                pass
        w.client.wait = None

    def _end_thread(self, t: Thread) -> None:
        t.exited = True
        if t.exit_code == 259:
            t.exit_code = t.process.exit_code if t.process.exit_code != 259 else 0
        self.threads.pop(t.tid, None)
        for m in list(t.mutexes):
            m.abandon(self)
        t.mutexes.clear()
        if t.waiters:
            self.wake_up(t)
        p = t.process
        p.threads.remove(t)
        if not p.threads:
            p.exited = True
            if p.exit_code == 259:
                p.exit_code = t.exit_code
            self.processes.pop(p.pid, None)
            p.handles.close_all()
            if p.waiters:
                self.wake_up(p)


@handler("get_server_info")
def get_server_info(core, client, req):
    return {"pid": core.server_pid, "clients": len(core.clients), "processes": len(core.processes),
            "objects": len(core.namespace.objects)}


_missing = [d.name for d in REQUESTS if d.name not in HANDLERS]
if _missing:
    raise RuntimeError(f"protocol requests without a handler: {', '.join(_missing)}")
