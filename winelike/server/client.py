"""The client side: one request at a time, on a pipe pair or the socket.

winelike's clients send the server two pipe ends with their hello (SCM_RIGHTS), as Wine's
do: requests go down one pipe, replies come back on the other, ~2 us per round trip
cheaper than the socket (bench/server_roundtrip.py).  `connect(..., pipes=False)` keeps
everything on the socket.

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
import select
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
    def __init__(self, sock: socket.socket, server_pid: int, version: int = VERSION, pipes=None):
        self.sock = sock
        self.server_pid = server_pid
        self.version = version
        self.seq = 0
        self._buf = bytearray()
        # pipe mode: (request pipe write end, reply pipe read end, non-blocking)
        self.wfd, self.rfd = pipes if pipes else (-1, -1)
        self._poll = None
        if self.rfd >= 0:
            self._poll = select.poll()
            self._poll.register(self.rfd, select.POLLIN)

    # ---- requests ------------------------------------------------------------------
    def call(self, request: str, /, **fields):
        defn = BY_NAME[request]
        self.seq = seq = (self.seq + 1) & 0xFFFFFFFF
        self._send(encode_request(defn, seq, fields))
        rdefn, rseq, reply = decode_reply(self._frame())
        if rdefn is not defn or rseq != seq:
            raise ProtocolError(f"reply to {rdefn.name} #{rseq} for request {request} #{seq}")
        return reply

    def call_fixed(self, defn, *values):
        """`call` for a request of fixed fields only, given in their order (the hot path of
        SetEvent and the like): no dict, one struct each way."""
        self.seq = seq = (self.seq + 1) & 0xFFFFFFFF
        rf = defn.req_frame
        self._send(rf.pack(rf.size - 4, defn.opcode, 0, seq, *values))
        frame = self._frame()
        body = defn.reply_body
        if len(frame) == body.size and not defn.reply_var:
            v = body.unpack(frame)
            if v[0] == defn.opcode and v[2] == seq:
                return defn.Reply._make(v[3:])
        rdefn, rseq, reply = decode_reply(frame)
        if rdefn is not defn or rseq != seq:
            raise ProtocolError(f"reply to {rdefn.name} #{rseq} for request {defn.name} #{seq}")
        return reply

    def _send(self, data: bytes) -> None:
        try:
            if self.wfd >= 0:
                n = os.write(self.wfd, data)
                while n < len(data):              # over a pipe's capacity: the rest as it drains
                    data = data[n:]
                    n = os.write(self.wfd, data)
            else:
                self.sock.sendall(data)
        except OSError as e:
            raise ServerDisconnected(f"lost the server connection: {e}") from None

    def __getattr__(self, name):
        if name in BY_NAME:
            def send(**fields):
                return self.call(name, **fields)
            send.__name__ = name
            return send
        raise AttributeError(name)

    def _read(self, first: bool) -> bytes:
        """Some bytes of the reply: poll a while first (see SPIN), then block."""
        try:
            if self.rfd >= 0:
                read, fd = os.read, self.rfd
                if first:
                    for _ in range(SPIN):
                        try:
                            return read(fd, 65536)
                        except BlockingIOError:
                            pass
                while True:
                    self._poll.poll()
                    try:
                        return read(fd, 65536)
                    except BlockingIOError:
                        pass
            recv = self.sock.recv
            if first:
                for _ in range(SPIN):
                    try:
                        return recv(65536, socket.MSG_DONTWAIT)
                    except BlockingIOError:
                        pass
            return recv(65536)
        except OSError as e:
            raise ServerDisconnected(f"lost the server connection: {e}") from None

    def _frame(self) -> bytes:
        buf = self._buf
        if not buf:                       # the usual case: one whole reply in one read
            chunk = self._read(True)
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
            chunk = self._read(False)
            if not chunk:
                raise ServerDisconnected("the server closed the connection")
            buf += chunk

    def close(self) -> None:
        for fd in (self.wfd, self.rfd):
            if fd >= 0:
                os.close(fd)
        self.wfd = self.rfd = -1
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def fileno(self) -> int:
        return self.sock.fileno()


def handshake(sock: socket.socket, version: int = VERSION, pipes: bool = True) -> Connection:
    hello = CLIENT_HELLO.pack(CLIENT_MAGIC, version)
    mine = None
    if pipes:
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        try:
            if socket.send_fds(sock, [hello], [req_r, rep_w]) != len(hello):
                raise ServerDisconnected("the hello was cut short")
        except BaseException:
            for fd in (req_w, rep_r):
                os.close(fd)
            raise
        finally:
            os.close(req_r)                   # the server has its own copies now
            os.close(rep_w)
        os.set_blocking(rep_r, False)
        mine = (req_w, rep_r)
    else:
        sock.sendall(hello)
    try:
        return _hello_reply(sock, version, mine)
    except BaseException:
        for fd in mine or ():
            os.close(fd)
        raise


def _hello_reply(sock, version, pipes) -> Connection:
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
    return Connection(sock, pid, version, pipes)


def _try_connect(path: str, version: int, pipes: bool = True) -> Connection:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
        return handshake(sock, version, pipes)
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


_fd_limit_raised = False


def connect(prefix_root: str, start: bool = True, timeout: float = CONNECT_TIMEOUT,
            version: int = VERSION, pipes: bool = True) -> Connection:
    """Connect to the prefix's server, starting one if there is none (and `start`)."""
    global _fd_limit_raised
    if not _fd_limit_raised:                 # a process with hundreds of threads: 3 fds each
        daemon.raise_fd_limit()
        _fd_limit_raised = True
    d = daemon.server_dir(prefix_root, create=start)
    path = daemon.socket_path(d)
    debug = "+server" in os.environ.get("WINELIKE_DEBUG", "")
    end = time.monotonic() + timeout
    attempt = 0
    while True:
        try:
            return _try_connect(path, version, pipes)
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
