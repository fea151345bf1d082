"""The server process: the only part that touches sockets.

One server per prefix, in /tmp/.winelike-<uid>/server-<dev>-<ino>/ (the prefix
directory's device and inode in hex, as Wine does), a directory that must be ours and
0700.  It holds `socket` (0600), `lock` (an fcntl.flock held by the running server:
whoever holds it is the server, so two racing starters make exactly one) and `pid`.

The loop is a plain selectors loop over non-blocking sockets (asyncio costs ~3x per
round trip, see limits.md §6).  Timeouts come from the core's next deadline; the server
exits `persistent` seconds after its last client leaves (default 3; None = never).
A client that breaks the protocol, sends garbage or floods is dropped alone, and the
core releases what it held.
"""
from __future__ import annotations

import fcntl
import os
import selectors
import signal
import socket
import stat
import sys
import time
import traceback

from winelike.server.core import Core
from winelike.server.protocol import (CLIENT_HELLO, CLIENT_MAGIC, SERVER_HELLO, SERVER_MAGIC, VERSION,
                                      FrameReader, ProtocolError, decode_request, encode_reply,
                                      format_reply, format_request)

DEFAULT_PERSISTENCE = 3.0
MAX_BACKLOG = 2 << 20          # unsent reply bytes we keep for a client that does not read (> one 1 MiB registry value)
TICKS = 10_000_000
MAX_SLEEP = 3600.0


class ServerError(Exception):
    """The server cannot be found, started or trusted (a one-line message for the user)."""


# ---- the server directory -----------------------------------------------------------

def base_dir() -> str:
    return f"/tmp/.winelike-{os.getuid()}"


def _check_dir(path: str) -> None:
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise ServerError(f"{path} is not a directory")
    if st.st_uid != os.getuid():
        raise ServerError(f"{path} is not owned by you (uid {st.st_uid}); refusing to use it")
    if st.st_mode & 0o077:
        raise ServerError(f"{path} has mode {stat.S_IMODE(st.st_mode):o}, wider than 700; refusing to use it")


def server_dir(prefix_root: str, create: bool = True) -> str:
    """The server directory of a prefix, created (and in any case checked) if `create`."""
    try:
        st = os.stat(prefix_root)
    except OSError as e:
        raise ServerError(f"cannot use prefix {prefix_root}: {e.strerror}") from None
    base = base_dir()
    d = os.path.join(base, f"server-{st.st_dev:x}-{st.st_ino:x}")
    for path in (base, d):
        if create:
            try:
                os.mkdir(path, 0o700)
            except FileExistsError:
                pass
            except OSError as e:
                raise ServerError(f"cannot create {path}: {e.strerror}") from None
        elif not os.path.lexists(path):
            return d
        _check_dir(path)
    return d


def socket_path(d: str) -> str:
    return os.path.join(d, "socket")


def lock_held(d: str) -> bool:
    """Is a server running (holding the lock) in d?"""
    try:
        fd = os.open(os.path.join(d, "lock"), os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def server_pid(d: str) -> int | None:
    try:
        with open(os.path.join(d, "pid")) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def wait_for_exit(d: str) -> None:
    """Block until no server holds the lock of d."""
    try:
        fd = os.open(os.path.join(d, "lock"), os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def kill_server(d: str, sig: int | None = None, timeout: float = 10.0) -> int | None:
    """Stop the server of d (SIGTERM, then SIGKILL after `timeout`); its pid, or None if none ran."""
    if not lock_held(d):
        return None
    pid = server_pid(d)
    if pid is None:
        raise ServerError(f"a server holds {d}/lock but its pid is unknown")
    try:
        os.kill(pid, sig or signal.SIGTERM)
    except ProcessLookupError:
        return pid
    if sig is not None:
        return pid
    end = time.monotonic() + timeout
    while lock_held(d):
        if time.monotonic() > end:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            end = time.monotonic() + timeout
        time.sleep(0.01)
    return pid


# ---- starting -----------------------------------------------------------------------

def start(prefix_root: str, *, persistent: float | None = DEFAULT_PERSISTENCE, debug: bool = False,
          foreground: bool = False, log=None) -> int:
    """Become the server of the prefix: 0 when it ran (foreground) or was started, 2 if one already runs."""
    d = server_dir(prefix_root, create=True)
    lock_fd = os.open(os.path.join(d, "lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(lock_fd)
        return 2
    path = socket_path(d)
    try:
        os.unlink(path)                   # a stale socket: we hold the lock, so no server owns it
    except FileNotFoundError:
        pass
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o177)
    try:
        listener.bind(path)
    finally:
        os.umask(old_umask)
    listener.listen(128)
    listener.setblocking(False)
    from winelike.server import registry
    reg = registry.load(prefix_root, log)     # before detaching: file errors reach the starter's stderr
    if not foreground:
        r, w = os.pipe()
        pid = os.fork()
        if pid:                           # the starter: wait until the server is set up, then go
            os.close(w)
            ready = os.read(r, 1)
            os._exit(0 if ready else 1)
        os.close(r)
        os.setsid()
        os.chdir(d)                       # hold no other directory busy
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        if not debug:
            os.dup2(null, 2)
        os.close(null)
        _write_pid(d)
        os.write(w, b"1")
        os.close(w)
    else:
        _write_pid(d)
    daemon = Daemon(listener, path, persistent=persistent, debug=debug, log=log or sys.stderr)
    registry.attach(daemon.core, reg)
    try:
        daemon.serve()
    finally:
        registry.save_all(daemon.core)
        daemon.close()
        try:
            os.unlink(os.path.join(d, "pid"))
        except OSError:
            pass
        os.close(lock_fd)
    if not foreground:
        os._exit(0)
    return 0


def _write_pid(d: str) -> None:
    tmp = os.path.join(d, "pid.tmp")
    with open(tmp, "w") as f:
        f.write(f"{os.getpid()}\n")
    os.replace(tmp, os.path.join(d, "pid"))


# ---- the loop -------------------------------------------------------------------------

class Conn:
    __slots__ = ("sock", "client", "reader", "hello", "out", "dead", "n")

    def __init__(self, sock, n):
        self.sock = sock
        self.n = n
        self.client = None
        self.reader = FrameReader()
        self.hello = bytearray()          # None once the handshake is done
        self.out = bytearray()
        self.dead = False


class Daemon:
    def __init__(self, listener, path=None, *, persistent=DEFAULT_PERSISTENCE, debug=False, log=None):
        self.listener = listener
        self.path = path
        self.path_ino = os.stat(path).st_ino if path else None
        self.persistent = persistent
        self.debug = debug
        self.log = log or sys.stderr
        self.core = Core(server_pid=os.getpid())
        self.sel = selectors.DefaultSelector()
        self.conns: set = set()
        self.stopping = False
        self.idle_since = time.monotonic()
        self._n = 0
        self._doomed: list = []
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)

    def say(self, line: str) -> None:
        try:
            self.log.write(line + "\n")
            self.log.flush()
        except (OSError, ValueError):
            pass

    def _on_signal(self, signum, frame):
        self.stopping = True

    def serve(self) -> None:
        self.sel.register(self.listener, selectors.EVENT_READ, None)
        self.sel.register(self._wake_r, selectors.EVENT_READ, "signal")
        old_fd = signal.set_wakeup_fd(self._wake_w.fileno(), warn_on_full_buffer=False)
        old = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
        try:
            self._loop()
        finally:
            signal.set_wakeup_fd(old_fd)
            for s, h in old.items():
                signal.signal(s, h)

    def _loop(self) -> None:
        core = self.core
        sel = self.sel
        while not self.stopping:
            timeout = None
            deadline = core.next_deadline()
            if deadline is not None:      # capped: epoll takes at most ~24 days
                timeout = min(MAX_SLEEP, max(0.0, (deadline - core.clock()) / TICKS))
            if not self.conns and self.persistent is not None:
                idle_left = max(0.0, self.idle_since + self.persistent - time.monotonic())
                timeout = idle_left if timeout is None else min(timeout, idle_left)
            for key, mask in sel.select(timeout):
                conn = key.data
                if conn is None:
                    self._accept()
                elif conn == "signal":
                    try:
                        self._wake_r.recv(512)
                    except OSError:
                        pass
                elif not conn.dead:
                    if mask & selectors.EVENT_WRITE:
                        self._flush(conn)
                    if mask & selectors.EVENT_READ and not conn.dead:
                        self._read(conn)
            if deadline is not None and core.clock() >= deadline:
                self._deliver(core.expire())
            while self._doomed:
                self._drop(self._doomed.pop())
            if not self.conns and self.persistent is not None:
                if time.monotonic() - self.idle_since >= self.persistent:
                    break

    def _accept(self) -> None:
        for _ in range(64):
            try:
                sock, _ = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as e:
                self.say(f"winelike server: accept failed: {e}")
                return
            sock.setblocking(False)
            self._n += 1
            conn = Conn(sock, self._n)
            self.conns.add(conn)
            self.sel.register(sock, selectors.EVENT_READ, conn)
            self._send(conn, SERVER_HELLO.pack(SERVER_MAGIC, VERSION, os.getpid()))

    def _read(self, conn: Conn) -> None:
        try:
            data = conn.sock.recv(16384)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._drop(conn)
            return
        if conn.hello is not None:
            conn.hello += data
            if len(conn.hello) < CLIENT_HELLO.size:
                return
            magic, version = CLIENT_HELLO.unpack_from(conn.hello)
            if magic != CLIENT_MAGIC:
                self._reject(conn, "not a winelike client (bad handshake)")
                return
            if version != VERSION:
                self._reject(conn, f"client speaks protocol {version:08x}, this server {VERSION:08x} "
                                   "(a different winelike version)")
                return
            data = bytes(conn.hello[CLIENT_HELLO.size:])
            conn.hello = None
            conn.client = self.core.connect(conn)
        core = self.core
        try:
            for frame in conn.reader.take(data):
                defn, seq, req = decode_request(frame)
                if self.debug:
                    self.say(format_request(conn.client.tid, defn, req))
                outputs = core.request(conn.client, defn, seq, req)
                if self.debug and (not outputs or outputs[0].client is not conn.client):
                    self.say(f"{conn.client.tid:04x}: {defn.name}() = PENDING")
                self._deliver(outputs)
                if conn.dead:
                    return
        except ProtocolError as e:
            self._reject(conn, str(e))
        except Exception:
            self.say(f"winelike server: internal error on a request of client {conn.n}; dropping it\n"
                     + traceback.format_exc().rstrip())
            self._drop(conn)

    def _reject(self, conn: Conn, why: str) -> None:
        self.say(f"winelike server: client {conn.n}: {why}; dropped")
        self._drop(conn)

    def _deliver(self, outputs) -> None:
        for out in outputs:
            conn = out.client.transport
            if conn is None or conn.dead:
                continue
            if self.debug:
                self.say(format_reply(out.client.tid, out.defn, out.error, out.fields))
            self._send(conn, encode_reply(out.defn, out.seq, out.error, out.fields))

    def _send(self, conn: Conn, data: bytes) -> None:
        if conn.out:
            conn.out += data
        else:
            try:
                n = conn.sock.send(data)
            except (BlockingIOError, InterruptedError):
                n = 0
            except OSError:
                self._doom(conn)
                return
            if n == len(data):
                return
            conn.out += data[n:]
            self.sel.modify(conn.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, conn)
        if len(conn.out) > MAX_BACKLOG:
            self.say(f"winelike server: client {conn.n} does not read its replies; dropped")
            self._doom(conn)

    def _flush(self, conn: Conn) -> None:
        try:
            n = conn.sock.send(conn.out)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._doom(conn)
            return
        del conn.out[:n]
        if not conn.out:
            self.sel.modify(conn.sock, selectors.EVENT_READ, conn)

    def _doom(self, conn: Conn) -> None:
        if not conn.dead:
            conn.dead = True
            self._doomed.append(conn)

    def _drop(self, conn: Conn) -> None:
        if conn not in self.conns:
            return
        conn.dead = True
        self.conns.discard(conn)
        try:
            self.sel.unregister(conn.sock)
        except (KeyError, ValueError):
            pass
        conn.sock.close()
        if conn.client is not None:
            client, conn.client = conn.client, None
            try:
                self._deliver(self.core.disconnect(client))
            except Exception:
                self.say("winelike server: internal error releasing a client\n" + traceback.format_exc().rstrip())
        if not self.conns:
            self.idle_since = time.monotonic()

    def close(self) -> None:
        """Stop listening first (new clients then start a new server), then drop everyone."""
        if self.path is not None:
            try:
                if os.stat(self.path).st_ino == self.path_ino:
                    os.unlink(self.path)
            except OSError:
                pass
        try:
            self.sel.unregister(self.listener)
        except (KeyError, ValueError):
            pass
        self.listener.close()
        for conn in list(self.conns):
            conn.dead = True
            conn.sock.close()
        self.conns.clear()
        self.sel.close()
        self._wake_r.close()
        self._wake_w.close()
