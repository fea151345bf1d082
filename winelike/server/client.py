"""The client side: a plain blocking Unix socket, one request at a time.

    conn = connect(prefix_root)            # finds the server, starting it on demand
    conn.new_process()                     # this connection becomes a process's first thread
    r = conn.create_event(access=0x1F0003, manual_reset=1, name="x")
    r.error, r.handle

Each request of protocol.py is a method (or `conn.call(name, **fields)`); it returns the
reply as a namedtuple whose first field is the Win32 `error`.  One Connection is one
thread: do not share it between host threads.  A `select` blocks until it is answered.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

from winelike.server import daemon
from winelike.server.daemon import ServerError
from winelike.server.protocol import (BY_NAME, CLIENT_HELLO, CLIENT_MAGIC, LENGTH, SERVER_HELLO, SERVER_MAGIC,
                                      VERSION, ProtocolError, ProtocolVersionError, decode_reply,
                                      encode_request)

CONNECT_TIMEOUT = 10.0
# Poll for the reply this many times before blocking: on a VM an idle vCPU takes tens of
# microseconds to wake, more than a whole request takes; a reply usually comes within the
# spin (measured: a named SetEvent 48 -> 13 us per call).  Costs at most ~50 us of CPU per
# request that really blocks (a wait).
SPIN = 50


class ServerDisconnected(ServerError):
    """The server closed the connection (it exited, or dropped us)."""


class Connection:
    def __init__(self, sock: socket.socket, server_pid: int, version: int = VERSION):
        self.sock = sock
        self.server_pid = server_pid
        self.version = version
        self.seq = 0
        self._buf = bytearray()

    # ---- requests ------------------------------------------------------------------
    def call(self, request: str, /, **fields):
        defn = BY_NAME[request]
        self.seq = seq = (self.seq + 1) & 0xFFFFFFFF
        try:
            self.sock.sendall(encode_request(defn, seq, fields))
        except OSError as e:
            raise ServerDisconnected(f"lost the server connection: {e}") from None
        rdefn, rseq, reply = decode_reply(self._frame())
        if rdefn is not defn or rseq != seq:
            raise ProtocolError(f"reply to {rdefn.name} #{rseq} for request {request} #{seq}")
        return reply

    def __getattr__(self, name):
        if name in BY_NAME:
            def send(**fields):
                return self.call(name, **fields)
            send.__name__ = name
            return send
        raise AttributeError(name)

    def _frame(self) -> bytes:
        buf = self._buf
        recv = self.sock.recv
        if not buf:                       # the usual case: one whole reply in one recv
            try:
                chunk = None
                for _ in range(SPIN):          # see SPIN
                    try:
                        chunk = recv(65536, socket.MSG_DONTWAIT)
                        break
                    except BlockingIOError:
                        pass
                if chunk is None:
                    chunk = recv(65536)
            except OSError as e:
                raise ServerDisconnected(f"lost the server connection: {e}") from None
            if not chunk:
                raise ServerDisconnected("the server closed the connection")
            if len(chunk) >= 4 and LENGTH.unpack_from(chunk, 0)[0] == len(chunk) - 4:
                return chunk[4:]
            buf += chunk
        while True:
            if len(buf) >= 4:
                (n,) = LENGTH.unpack_from(buf, 0)
                if len(buf) >= 4 + n:
                    frame = bytes(buf[4:4 + n])
                    del buf[:4 + n]
                    return frame
            try:
                chunk = recv(4096)
            except OSError as e:
                raise ServerDisconnected(f"lost the server connection: {e}") from None
            if not chunk:
                raise ServerDisconnected("the server closed the connection")
            buf += chunk

    def close(self) -> None:
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def fileno(self) -> int:
        return self.sock.fileno()


def handshake(sock: socket.socket, version: int = VERSION) -> Connection:
    sock.sendall(CLIENT_HELLO.pack(CLIENT_MAGIC, version))
    data = b""
    while len(data) < SERVER_HELLO.size:
        chunk = sock.recv(SERVER_HELLO.size - len(data))
        if not chunk:
            raise ServerDisconnected("the server closed the connection during the handshake")
        data += chunk
    magic, server_version, pid = SERVER_HELLO.unpack(data)
    if magic != SERVER_MAGIC:
        raise ProtocolError("the socket does not speak the winelike server protocol")
    if server_version != version:
        raise ProtocolVersionError(
            f"the server (pid {pid}) speaks protocol {server_version:08x}, this winelike {version:08x}: "
            "a different winelike version runs a server for this prefix; stop it with `winelike server --kill`")
    return Connection(sock, pid, version)


def _try_connect(path: str, version: int) -> Connection:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
        return handshake(sock, version)
    except BaseException:
        sock.close()
        raise


def spawn_server(prefix_root: str, debug: bool = False) -> int:
    """Run `winelike server` for the prefix; 0 = started, 2 = one already holds the lock."""
    pkg_parent = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = pkg_parent + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cmd = [sys.executable, "-m", "winelike", "server", "--prefix", prefix_root]
    if debug:
        cmd.append("--debug")
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=None if debug else subprocess.PIPE, env=env, timeout=CONNECT_TIMEOUT)
    if r.returncode == 0 and r.stderr:             # what the server reported while starting (registry files)
        sys.stderr.write(r.stderr.decode(errors="replace"))
    if r.returncode not in (0, 2):
        err = (r.stderr or b"").decode(errors="replace").strip().splitlines()
        raise ServerError(f"could not start the server: {err[-1] if err else f'exit status {r.returncode}'}")
    return r.returncode


def connect(prefix_root: str, start: bool = True, timeout: float = CONNECT_TIMEOUT,
            version: int = VERSION) -> Connection:
    """Connect to the prefix's server, starting one if there is none (and `start`)."""
    d = daemon.server_dir(prefix_root, create=start)
    path = daemon.socket_path(d)
    debug = "+server" in os.environ.get("WINELIKE_DEBUG", "")
    end = time.monotonic() + timeout
    attempt = 0
    while True:
        try:
            return _try_connect(path, version)
        except (FileNotFoundError, ConnectionRefusedError, ConnectionResetError, BrokenPipeError,
                ServerDisconnected) as e:
            last = e
        if not start:
            raise ServerError(f"no server is running for {prefix_root}")
        if time.monotonic() > end:
            raise ServerError(f"cannot connect to the server of {prefix_root}: {last}")
        if attempt % 8 == 0:
            spawn_server(prefix_root, debug)
        else:
            time.sleep(min(0.005 * attempt, 0.1))
        attempt += 1
