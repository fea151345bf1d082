"""Durability: the server is killed with SIGKILL at random moments while clients write and
flush; the .reg files always parse and hold every value whose flush returned.  Two
processes writing different keys at once lose nothing.  (About 10-20 s.)"""
from __future__ import annotations

import os
import random
import signal
import threading
import time

from winelike.prefix import Prefix
from winelike.server import daemon
from winelike.server.client import ServerDisconnected, connect
from winelike.server.daemon import ServerError
from winelike.server.regfile import parse_wine

HKCU = "User\\S-1-5-21-0-0-0-1000"
WRITES = 1000


class Writer:
    """One client process writing Software\\Dur<n>: value i, then flush_key, i = 0..count-1."""

    def __init__(self, root, n, count):
        self.root, self.n, self.count = root, n, count
        self.flushed = -1          # the highest i whose flush returned
        self.reconnects = 0
        self.error = None

    def _connect(self):
        for attempt in range(50):         # the server may be killed while we reconnect, too
            try:
                return self._connect_once()
            except (ServerDisconnected, ServerError, OSError):
                self.reconnects += 1
                time.sleep(0.01)
        return self._connect_once()

    def _connect_once(self):
        conn = connect(self.root)
        conn.new_process(parent=0, inherit_handles=0)
        h = conn.create_key(parent=0, access=0x02000000, options=0, name=f"{HKCU}\\Software\\Dur{self.n}", cls="")
        assert h.error == 0
        return conn, h.handle

    def run(self):
        try:
            conn, h = self._connect()
            i = 0
            while i < self.count:
                try:
                    r = conn.set_key_value(handle=h, type=4, name=f"v{i}", data=i.to_bytes(4, "little"))
                    assert r.error == 0
                    r = conn.flush_key(handle=h)
                    assert r.error == 0
                    self.flushed = i
                    i += 1
                except (ServerDisconnected, ServerError, OSError):
                    conn.close()
                    self.reconnects += 1
                    conn, h = self._connect()
            conn.close()
        except BaseException as e:          # reported by the test
            self.error = e


def _check(path, writers):
    """The file parses; every flushed value of every writer is in it."""
    with open(path, "rb") as f:
        text = f.read().decode()
    sections, errors, _ = parse_wine(text)
    assert not errors, errors
    assert text.endswith("\n")
    found = {tuple(s.path): {name: data for name, _, data in s.values} for s in sections}
    for w, upto in writers:
        vals = found.get(("Software", f"Dur{w.n}"), {})
        for i in range(upto + 1):
            assert vals.get(f"v{i}") == i.to_bytes(4, "little"), (w.n, i, upto)


def test_sigkill_during_writes_loses_no_flushed_value(tmp_path):
    root = str(tmp_path / "prefix")
    Prefix(root).init()
    d = daemon.server_dir(root)
    path = os.path.join(root, "user.reg")
    writers = [Writer(root, 1, WRITES // 2), Writer(root, 2, WRITES // 2)]
    threads = [threading.Thread(target=w.run) for w in writers]
    for t in threads:
        t.start()
    rng = random.Random(4)
    kills = 0
    try:
        while any(t.is_alive() for t in threads):
            time.sleep(rng.uniform(0.05, 0.4))
            before = [(w, w.flushed) for w in writers]
            pid = daemon.server_pid(d)
            if pid is None or not daemon.lock_held(d):
                continue
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
            kills += 1
            while daemon.lock_held(d):
                time.sleep(0.005)
            _check(path, before)      # what was flushed before the kill is on disk, whole
    finally:
        for t in threads:
            t.join(60)
    for w in writers:
        assert w.error is None, repr(w.error)
        assert w.flushed == w.count - 1
    daemon.kill_server(d)
    _check(path, [(w, w.count - 1) for w in writers])
    print(f"{kills} kills, {sum(w.reconnects for w in writers)} reconnects, {WRITES} flushed writes")
    assert kills >= 2, kills
