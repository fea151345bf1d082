"""µs per server request over the real socket, next to a bare Python Unix-socket round trip.

    python3 bench/server_roundtrip.py [--n 20000]

Measures, in one run: (1) a bare blocking Unix-stream echo (32 B request, 16 B reply)
between two processes, the floor for any Python server (limits.md §6: ~10 µs on the
machine of limits.md); (1b) the same echo over a pipe pair, the transport winelike's
clients use (limits.md §6: ~6 µs there); (2) set_event + reset_event through winelike's
server (per request), on its pipes and, for comparison, on its socket; (3) the same two
requests through the sans-IO core alone, codec included, no socket (the server's own
CPU cost per request).
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from winelike.server import daemon, protocol  # noqa: E402
from winelike.server.client import connect  # noqa: E402
from winelike.server.core import Core  # noqa: E402

ALL = 0x001F0003


def best_of(fn, repeats=3):
    return min(fn() for _ in range(repeats))


def bare_unix(n: int) -> float:
    d = tempfile.mkdtemp()
    path = os.path.join(d, "s")
    lst = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    lst.bind(path)
    lst.listen(1)
    pid = os.fork()
    if pid == 0:
        conn, _ = lst.accept()
        reply = b"r" * 16
        while True:
            data = conn.recv(4096)
            if not data:
                os._exit(0)
            conn.sendall(reply)
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.connect(path)
    msg = b"q" * 32

    def run():
        t0 = time.perf_counter()
        for _ in range(n):
            c.sendall(msg)
            c.recv(4096)
        return (time.perf_counter() - t0) / n * 1e6
    try:
        return best_of(run)
    finally:
        c.close()
        os.waitpid(pid, 0)
        lst.close()
        os.unlink(path)
        os.rmdir(d)


def bare_pipes(n: int) -> float:
    """The echo of bare_unix over a pipe pair (os.read/os.write, both blocking)."""
    req_r, req_w = os.pipe()
    rep_r, rep_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(req_w)
        os.close(rep_r)
        reply = b"r" * 16
        while True:
            if not os.read(req_r, 4096):
                os._exit(0)
            os.write(rep_w, reply)
    os.close(req_r)
    os.close(rep_w)
    msg = b"q" * 32

    def run():
        t0 = time.perf_counter()
        for _ in range(n):
            os.write(req_w, msg)
            os.read(rep_r, 4096)
        return (time.perf_counter() - t0) / n * 1e6
    try:
        return best_of(run)
    finally:
        os.close(req_w)
        os.waitpid(pid, 0)
        os.close(rep_r)


def server(n: int, root: str, pipes: bool = True) -> float:
    """set_event + reset_event as kernel32 sends them (Connection.call_fixed), µs per request."""
    with connect(root, pipes=pipes) as c:
        c.new_process()
        h = c.create_event(access=ALL, manual_reset=1).handle
        call, set_event, reset_event = c.call_fixed, protocol.BY_NAME["set_event"], protocol.BY_NAME["reset_event"]

        def run():
            t0 = time.perf_counter()
            for _ in range(n // 2):
                call(set_event, h)
                call(reset_event, h)
            return (time.perf_counter() - t0) / (n // 2 * 2) * 1e6
        return best_of(run)


def core_only(n: int) -> float:
    core = Core()
    client = core.connect()
    defs = protocol.BY_NAME
    _, _, req = protocol.decode_request(protocol.encode_request(defs["new_process"], 1, {})[4:])
    core.request(client, defs["new_process"], 1, req)
    out = core.request(client, defs["create_event"], 2, defs["create_event"].Request(ALL, 0, 1, 0, ""))
    h = out[0].fields["handle"]
    frames = [protocol.encode_request(defs[name], 0, {"handle": h})[4:] for name in ("set_event", "reset_event")]

    def run():
        t0 = time.perf_counter()
        for _ in range(n // 2):
            for f in frames:
                d, seq, r = protocol.decode_request(f)
                for o in core.request(client, d, seq, r):
                    protocol.encode_reply(o.defn, o.seq, o.error, o.fields)
        return (time.perf_counter() - t0) / (n // 2 * 2) * 1e6
    return best_of(run)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    n = ap.parse_args().n
    root = tempfile.mkdtemp(prefix="wl-bench-")
    try:
        bare = bare_unix(n)
        pipes = bare_pipes(n)
        srv = server(n, root)
        srv_sock = server(n, root, pipes=False)
        core = core_only(n)
    finally:
        d = daemon.server_dir(root, create=False)
        if daemon.lock_held(d):
            daemon.kill_server(d)
        shutil.rmtree(d, ignore_errors=True)
        os.rmdir(root)
    print(f"bare Python unix-socket round trip : {bare:6.1f} us")
    print(f"bare Python pipe-pair round trip    : {pipes:6.1f} us")
    print(f"winelike server request (set/reset) : {srv:6.1f} us  ({srv / bare:.2f}x the socket)")
    print(f"  the same on the server's socket   : {srv_sock:6.1f} us")
    print(f"  of which core + codec, no socket  : {core:6.1f} us")


if __name__ == "__main__":
    main()
