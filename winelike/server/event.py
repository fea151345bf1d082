"""Events: manual-reset (stays signalled, wakes every waiter) or auto-reset (a satisfied
wait resets it, so one waiter wakes).  PulseEvent wakes whoever waits now, then resets."""
from __future__ import annotations

from winelike.server.object import SYNCHRONIZE, STANDARD_RIGHTS_READ, STANDARD_RIGHTS_REQUIRED, \
    Object, create_named, handler, open_named

EVENT_QUERY_STATE = 0x0001
EVENT_MODIFY_STATE = 0x0002
EVENT_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3


class Event(Object):
    type_name = "Event"
    signal_access = EVENT_MODIFY_STATE
    mapping = (STANDARD_RIGHTS_READ | EVENT_QUERY_STATE, STANDARD_RIGHTS_READ | EVENT_MODIFY_STATE,
               STANDARD_RIGHTS_READ | SYNCHRONIZE, EVENT_ALL_ACCESS)

    def __init__(self, manual_reset: bool, state: bool):
        super().__init__()
        self.manual_reset = bool(manual_reset)
        self.state = bool(state)

    def signaled(self, thread) -> bool:
        return self.state

    def satisfy(self, thread) -> bool:
        if not self.manual_reset:
            self.state = False
        return False

    def signal(self, core, thread) -> None:
        self.set(core)

    def set(self, core) -> bool:
        prev = self.state
        self.state = True
        if self.waiters:
            core.wake_up(self)
        return prev

    def reset(self) -> bool:
        prev = self.state
        self.state = False
        return prev


def _event(client, h, access=EVENT_MODIFY_STATE):
    return client.thread.process.handles.get(h, Event, access)


@handler("create_event")
def create_event(core, client, req):
    return create_named(core, client, Event, req, lambda: Event(req.manual_reset, req.initial_state))


@handler("open_event")
def open_event(core, client, req):
    return open_named(core, client, Event, req)


@handler("set_event")
def set_event(core, client, req):
    return {"prev_state": _event(client, req.handle).set(core)}


@handler("reset_event")
def reset_event(core, client, req):
    return {"prev_state": _event(client, req.handle).reset()}


@handler("pulse_event")
def pulse_event(core, client, req):
    event = _event(client, req.handle)
    prev = event.set(core)
    event.reset()
    return {"prev_state": prev}


@handler("query_event")
def query_event(core, client, req):
    event = _event(client, req.handle, EVENT_QUERY_STATE)
    return {"manual_reset": event.manual_reset, "state": event.state}
