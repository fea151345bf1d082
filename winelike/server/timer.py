"""Waitable timers: armed with a due time (relative, or absolute FILETIME) and an
optional period; the core's clock signals them.  A manual-reset (notification) timer
stays signalled until it is set again; a synchronization timer is reset by the wait it
satisfies.  A periodic timer that fell behind fires once and catches up."""
from __future__ import annotations

from winelike.server.object import SYNCHRONIZE, STANDARD_RIGHTS_READ, STANDARD_RIGHTS_REQUIRED, \
    Object, create_named, handler, open_named

TIMER_QUERY_STATE = 0x0001
TIMER_MODIFY_STATE = 0x0002
TIMER_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3
TICKS_PER_MS = 10_000


class Timer(Object):
    type_name = "Timer"
    mapping = (STANDARD_RIGHTS_READ | TIMER_QUERY_STATE, STANDARD_RIGHTS_READ | TIMER_MODIFY_STATE,
               STANDARD_RIGHTS_READ | SYNCHRONIZE, TIMER_ALL_ACCESS)

    def __init__(self, manual_reset: bool):
        super().__init__()
        self.manual_reset = bool(manual_reset)
        self.state = False
        self.due: int | None = None     # on the core's clock, in 100 ns ticks
        self.period = 0                 # in ticks
        self.generation = 0             # bumped on set/cancel so stale schedule entries are ignored

    def signaled(self, thread) -> bool:
        return self.state

    def satisfy(self, thread) -> bool:
        if not self.manual_reset:
            self.state = False
        return False

    def set(self, core, due: int, period_ms: int) -> bool:
        prev = self.state
        self.state = False
        self.generation += 1
        self.due = core.due_to_ticks(due)
        self.period = period_ms * TICKS_PER_MS
        core.schedule(self.due, self, self.generation)
        return prev

    def cancel(self) -> bool:
        self.generation += 1
        self.due = None
        return self.state

    def fire(self, core, generation: int, now: int) -> None:
        if generation != self.generation or self.due is None:
            return
        self.state = True
        if self.period:
            due = self.due + self.period
            if due <= now:
                due = now + self.period - (now - self.due) % self.period
            self.due = due
            core.schedule(due, self, generation)
        else:
            self.due = None
        if self.waiters:
            core.wake_up(self)

    def last_handle_closed(self, core) -> None:
        self.cancel()
        super().last_handle_closed(core)


def _timer(client, h, access=TIMER_MODIFY_STATE):
    return client.thread.process.handles.get(h, Timer, access)


@handler("create_timer")
def create_timer(core, client, req):
    return create_named(core, client, Timer, req, lambda: Timer(req.manual_reset))


@handler("open_timer")
def open_timer(core, client, req):
    return open_named(core, client, Timer, req)


@handler("set_timer")
def set_timer(core, client, req):
    return {"signaled": _timer(client, req.handle).set(core, req.due, req.period)}


@handler("cancel_timer")
def cancel_timer(core, client, req):
    return {"signaled": _timer(client, req.handle).cancel()}


@handler("query_timer")
def query_timer(core, client, req):
    timer = _timer(client, req.handle, TIMER_QUERY_STATE)
    remaining = 0 if timer.due is None else max(0, timer.due - core.clock())
    return {"signaled": timer.state, "remaining": remaining}
