"""Drive the sans-IO core in memory: every request and reply goes through the real
encoder and decoder, time comes from a FakeClock (h11's ConnectionPair + trio's MockClock)."""
from __future__ import annotations

import collections

from winelike.server import protocol
from winelike.server.core import FILETIME_UNIX_EPOCH, Core

ALL = 0x001F0003
MS = 10_000           # 100 ns ticks per millisecond
WALL0 = FILETIME_UNIX_EPOCH + 1_700_000_000 * 10_000_000


class FakeClock:
    def __init__(self):
        self.now = 5_000_000

    def __call__(self):
        return self.now


class World:
    def __init__(self):
        self.clock = FakeClock()
        self.core = Core(clock=self.clock, wall=lambda: WALL0 + self.clock.now)
        self.mail = collections.defaultdict(list)

    def route(self, outputs):
        for out in outputs:
            frame = protocol.encode_reply(out.defn, out.seq, out.error, out.fields)
            defn, seq, reply = protocol.decode_reply(frame[4:])
            assert defn is out.defn and seq == out.seq
            self.mail[out.client].append((seq, reply))

    def process(self, parent=None, inherit=False) -> "T":
        t = T(self, self.core.connect())
        r = t("new_process", parent=parent.pid if parent else 0, inherit_handles=inherit)
        assert r.error == 0
        t.pid, t.tid = r.pid, r.tid
        return t

    def advance(self, ms: float):
        self.clock.now += int(ms * MS)
        self.route(self.core.expire())


class T:
    """One client connection (a thread)."""

    def __init__(self, world, client):
        self.world = world
        self.client = client
        self.seq = 0
        self.pending = None

    def __call__(self, request, /, **fields):
        defn = protocol.BY_NAME[request]
        self.seq += 1
        frame = protocol.encode_request(defn, self.seq, fields)
        d, seq, req = protocol.decode_request(frame[4:])
        self.world.route(self.world.core.request(self.client, d, seq, req))
        for i, (s, reply) in enumerate(self.world.mail[self.client]):
            if s == self.seq:
                del self.world.mail[self.client][i]
                return reply
        self.pending = self.seq
        return None

    def __getattr__(self, name):
        if name in protocol.BY_NAME:
            return lambda **f: self(name, **f)
        raise AttributeError(name)

    def thread(self) -> "T":
        t = T(self.world, self.world.core.connect())
        r = t("new_thread", pid=self.pid)
        assert r.error == 0
        t.pid, t.tid = self.pid, r.tid
        return t

    def woken(self):
        """The late reply to this thread's pending select, or None if it still waits."""
        box = self.world.mail[self.client]
        if box:
            assert len(box) == 1 and box[0][0] == self.pending
            self.pending = None
            return box.pop()[1]
        return None

    def wait(self, *handles, timeout=protocol.TIMEOUT_INFINITE, all=False):
        r = self("select", flags=protocol.SELECT_ALL if all else 0, timeout=timeout, handles=list(handles))
        return r

    def disconnect(self):
        self.world.route(self.world.core.disconnect(self.client))

    # shorthands returning handles
    def event(self, manual=False, state=False, name="", access=ALL, inherit=False):
        r = self("create_event", access=access, inherit=inherit, manual_reset=manual, initial_state=state, name=name)
        assert r.error in (0, 183), r
        return r.handle

    def mutex(self, owned=False, name=""):
        r = self("create_mutex", access=ALL, owned=owned, name=name)
        assert r.error in (0, 183), r
        return r.handle

    def semaphore(self, initial, maximum, name=""):
        r = self("create_semaphore", access=ALL, initial=initial, max=maximum, name=name)
        assert r.error in (0, 183), r
        return r.handle

    def timer(self, manual=False, name=""):
        r = self("create_timer", access=ALL, manual_reset=manual, name=name)
        assert r.error in (0, 183), r
        return r.handle


def ok(reply, **expect):
    """An immediate reply without error, with these field values."""
    assert reply is not None, "expected an immediate reply"
    assert reply.error == 0, reply
    for k, v in expect.items():
        assert getattr(reply, k) == v, reply
    return reply
