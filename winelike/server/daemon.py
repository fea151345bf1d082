"""The server process: the only part that touches sockets.

One server per prefix, in /tmp/.winelike-<uid>/server-<dev>-<ino>/ (the prefix
directory's device and inode in hex, as Wine does), a directory that must be ours and
0700.  It holds `socket` (0600), `lock` (an fcntl.flock held by the running server:
whoever holds it is the server, so two racing starters make exactly one) and `pid`.

Each client is served by its own host thread (asyncio costs ~3x per round trip and a
selectors loop ~2x, see limits.md §6 and Daemon).  winelike's own clients send two pipe
ends with their hello (SCM_RIGHTS), as Wine's clients do: requests then come on one pipe
and replies go back on the other, which costs ~2 us less per round trip than the socket
(bench/server_roundtrip.py measures both).  A client that sends no fds is served on the
socket itself (the robustness tests, other tools).  Timeouts come
from the core's next deadline; the server exits `persistent` seconds after its last
client leaves (default 3; None = never).
A client that breaks the protocol, sends garbage or floods is dropped alone, and the
core releases what it held.
"""
from __future__ import annotations

import fcntl
import os
import select
import signal
import socket
import stat
import sys
import threading
import time
import traceback

from winelike.server.protocol import (CLIENT_HELLO, CLIENT_MAGIC, SERVER_HELLO, SERVER_MAGIC, VERSION,
                                      FrameReader, ProtocolError, decode_request, encode_reply,
                                      format_reply, format_request)

DEFAULT_PERSISTENCE = 3.0
MAX_BACKLOG = 2 << 20          # unsent reply bytes we keep for a client that does not read (> one 1 MiB registry value)
TICKS = 10_000_000
MAX_SLEEP = 3600.0
# After a reply, poll this client's socket this many times before blocking in recv: its next
# request usually follows at once, and waking a sleeping thread costs more than the request
# (see client.SPIN).  At most ~50 us of CPU per request.
SPIN = 50


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
    raise_fd_limit()
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


def raise_fd_limit() -> None:
    """Each client holds three descriptors here (socket, two pipe ends): take the hard limit."""
    import resource
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard == resource.RLIM_INFINITY or hard > 65536:
            hard = 65536
        if soft != resource.RLIM_INFINITY and soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError):
        pass


def _write_pid(d: str) -> None:
    tmp = os.path.join(d, "pid.tmp")
    with open(tmp, "w") as f:
        f.write(f"{os.getpid()}\n")
    os.replace(tmp, os.path.join(d, "pid"))


# ---- the loop -------------------------------------------------------------------------

def _close_fds(fds) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


class Conn:
    """One client: its socket, and in pipe mode the request pipe's read end (`rfd`) and the
    reply pipe's write end (`wfd`), both non-blocking here."""
    __slots__ = ("sock", "client", "reader", "out", "dead", "n", "wlock", "writing", "rfd", "wfd")

    def __init__(self, sock, n):
        self.sock = sock
        self.n = n
        self.rfd = self.wfd = -1
        self.client = None
        self.reader = FrameReader()
        self.out = bytearray()            # replies the client has not taken yet (it reads slowly)
        self.dead = False
        self.wlock = threading.Lock()
        self.writing = False              # a writer thread is draining `out`


class Daemon:
    """One host thread per client, on a blocking socket (Wine's server gives each client
    thread its own request pipe for the same reason): a request is recv, the core under
    one lock, send, and nothing else.  A selectors loop over non-blocking sockets costs
    about 2x a blocking round trip in Python; this costs the blocking round trip plus the
    core's own work.  Wake-ups of other clients (a SetEvent ending someone's wait) are
    sent by the thread that caused them; the timer thread runs the core's timeouts; the
    main thread accepts, watches the idle timeout and handles signals."""

    def __init__(self, listener, path=None, *, persistent=DEFAULT_PERSISTENCE, debug=False, log=None):
        self.listener = listener
        self.path = path
        self.path_ino = os.stat(path).st_ino if path else None
        self.persistent = persistent
        self.debug = debug
        self.log = log or sys.stderr
        from winelike.server.core import Core     # here: clients import this module for its paths
        self.core = Core(server_pid=os.getpid())
        self.lock = threading.Lock()                  # the core, the connection set
        self.timer_cv = threading.Condition(self.lock)
        self.timer_at = None                          # the deadline the timer thread sleeps to
        self.conns: set = set()
        self.stopping = False
        self.idle_since = time.monotonic()
        self._n = 0

    def say(self, line: str) -> None:
        try:
            self.log.write(line + "\n")
            self.log.flush()
        except (OSError, ValueError):
            pass

    def _on_signal(self, signum, frame):
        self.stopping = True

    def serve(self) -> None:
        old = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
        timer = threading.Thread(target=self._timer, name="timer", daemon=True)
        timer.start()
        try:
            self._accept_loop()
        finally:
            with self.lock:
                self.stopping = True
                self.timer_cv.notify()
            for s, h in old.items():
                signal.signal(s, h)

    # ---- accepting, idling ------------------------------------------------------------
    def _accept_loop(self) -> None:
        self.listener.settimeout(0.1)                 # to notice signals and the idle timeout
        while not self.stopping:
            try:
                sock, _ = self.listener.accept()
            except socket.timeout:
                with self.lock:
                    idle = not self.conns and self.persistent is not None and \
                        time.monotonic() - self.idle_since >= self.persistent
                if idle:
                    return
                continue
            except InterruptedError:
                continue
            except OSError as e:
                if self.stopping:
                    return
                self.say(f"winelike server: accept failed: {e}")
                time.sleep(0.05)
                continue
            sock.settimeout(None)
            with self.lock:
                self._n += 1
                conn = Conn(sock, self._n)
                self.conns.add(conn)
            threading.Thread(target=self._serve_client, args=(conn,), name=f"client-{conn.n}",
                             daemon=True).start()

    # ---- one client -----------------------------------------------------------------------
    def _serve_client(self, conn: Conn) -> None:
        try:
            self._send(conn, SERVER_HELLO.pack(SERVER_MAGIC, VERSION, os.getpid()))
            data = self._handshake(conn)
            if data is None:
                return
            read_now, read_wait = self._pipe_readers(conn) if conn.rfd >= 0 else self._socket_readers(conn)
            while not conn.dead:
                if data:
                    self._requests(conn, data)
                    if conn.dead:
                        return
                data = None
                for _ in range(SPIN):            # the next request usually follows at once
                    try:
                        data = read_now()
                        break
                    except BlockingIOError:
                        pass
                    except OSError:
                        data = b""
                        break
                if data is None:
                    try:
                        data = read_wait()
                    except OSError:
                        data = b""
                if not data:
                    return
        except Exception:
            self.say(f"winelike server: internal error on a request of client {conn.n}; dropping it\n"
                     + traceback.format_exc().rstrip())
        finally:
            self._drop(conn)

    @staticmethod
    def _socket_readers(conn: Conn):
        recv = conn.sock.recv
        return (lambda: recv(65536, socket.MSG_DONTWAIT)), (lambda: recv(65536))

    @staticmethod
    def _pipe_readers(conn: Conn):
        """Requests come on the request pipe; a blocked read waits in poll() on it and on the
        socket, which a drop shuts down (and the client's death closes) to wake us."""
        rfd, read = conn.rfd, os.read
        poller = select.poll()
        poller.register(rfd, select.POLLIN)
        poller.register(conn.sock.fileno(), select.POLLIN)

        def read_wait():
            while True:
                if any(fd != rfd for fd, _ in poller.poll()):
                    return b""          # the socket: the client closed it, or we shut it down
                try:
                    return read(rfd, 65536)
                except BlockingIOError:
                    pass
        return (lambda: read(rfd, 65536)), read_wait

    def _handshake(self, conn: Conn):
        hello = b""
        fds = []
        truncated = False
        conn.sock.settimeout(10.0)
        try:
            while len(hello) < CLIENT_HELLO.size:
                chunk, got, flags, _ = socket.recv_fds(conn.sock, 4096, 2)
                fds += got
                truncated |= bool(flags & socket.MSG_CTRUNC)
                if not chunk:
                    break
                hello += chunk
        except (socket.timeout, OSError):
            pass
        if len(hello) < CLIENT_HELLO.size:
            _close_fds(fds)
            return None
        conn.sock.settimeout(None)
        magic, version = CLIENT_HELLO.unpack_from(hello)
        if magic != CLIENT_MAGIC:
            _close_fds(fds)
            self._reject(conn, "not a winelike client (bad handshake)")
            return None
        if version != VERSION:
            _close_fds(fds)
            self._reject(conn, f"client speaks protocol {version:08x}, this server {VERSION:08x} "
                               "(a different winelike version)")
            return None
        if fds or truncated:
            if truncated or len(fds) != 2 or not all(stat.S_ISFIFO(os.fstat(fd).st_mode) for fd in fds):
                _close_fds(fds)
                self._reject(conn, "the hello must carry two pipe ends (request read end, reply write end)")
                return None
            for fd in fds:
                os.set_blocking(fd, False)
            conn.rfd, conn.wfd = fds
        with self.lock:
            conn.client = self.core.connect(conn)
        return hello[CLIENT_HELLO.size:]

    def _requests(self, conn: Conn, data: bytes) -> None:
        core, lock, debug = self.core, self.lock, self.debug
        try:
            for frame in conn.reader.take(data):
                defn, seq, req = decode_request(frame)
                with lock:
                    if debug:
                        self.say(format_request(conn.client.tid, defn, req))
                    outputs = core.request(conn.client, defn, seq, req)
                    if debug and (not outputs or outputs[0].client is not conn.client):
                        self.say(f"{conn.client.tid:04x}: {defn.name}() = PENDING")
                    if core.has_deadlines():
                        self._rearm_timer()
                out = outputs[0] if len(outputs) == 1 and not debug else None
                if out is not None and out.client.transport is conn:      # the usual case
                    self._send(conn, encode_reply(out.defn, out.seq, out.error, out.fields))
                else:
                    self._deliver(outputs)
                if conn.dead:
                    return
        except ProtocolError as e:
            self._reject(conn, str(e))

    def _rearm_timer(self) -> None:
        """(lock held) Wake the timer thread if the core now has an earlier deadline."""
        d = self.core.next_deadline()
        if d is not None and (self.timer_at is None or d < self.timer_at):
            self.timer_cv.notify()

    def _timer(self) -> None:
        core = self.core
        while True:
            with self.lock:
                while not self.stopping:
                    d = core.next_deadline()
                    self.timer_at = d
                    if d is not None and core.clock() >= d:
                        break
                    self.timer_cv.wait(None if d is None else min(MAX_SLEEP, (d - core.clock()) / TICKS))
                if self.stopping:
                    return
                outputs = core.expire()
                self.timer_at = None
            self._deliver(outputs)

    def _reject(self, conn: Conn, why: str) -> None:
        self.say(f"winelike server: client {conn.n}: {why}; dropped")
        self._drop(conn)

    # ---- replies --------------------------------------------------------------------------
    def _deliver(self, outputs) -> None:
        for out in outputs:
            conn = out.client.transport
            if conn is None or conn.dead:
                continue
            if self.debug:
                self.say(format_reply(out.client.tid, out.defn, out.error, out.fields))
            self._send(conn, encode_reply(out.defn, out.seq, out.error, out.fields))

    def _send(self, conn: Conn, data: bytes) -> None:
        """Send without ever blocking the calling thread: what the socket does not take now
        waits in conn.out for a writer thread; a client that lets it grow is dropped."""
        with conn.wlock:
            if conn.out:
                conn.out += data
            else:
                try:
                    n = os.write(conn.wfd, data) if conn.wfd >= 0 else conn.sock.send(data, socket.MSG_DONTWAIT)
                except (BlockingIOError, InterruptedError):
                    n = 0
                except OSError:
                    n = -1
                if n == len(data):
                    return
                if n >= 0:
                    conn.out += data[n:]
            overflow = n < 0 or len(conn.out) > MAX_BACKLOG
            start_writer = not overflow and not conn.writing
            if start_writer:
                conn.writing = True
        if overflow:
            if n >= 0:
                self.say(f"winelike server: client {conn.n} does not read its replies; dropped")
            self._close_socket(conn)
        elif start_writer:
            threading.Thread(target=self._writer, args=(conn,), daemon=True).start()

    def _writer(self, conn: Conn) -> None:
        while True:
            with conn.wlock:
                chunk = bytes(conn.out[:65536])
                if not chunk or conn.dead:
                    conn.writing = False
                    return
            try:
                if conn.wfd >= 0:
                    p = select.poll()           # not select(): descriptors may pass 1024 here
                    p.register(conn.wfd, select.POLLOUT)
                    p.poll(1000)
                    n = os.write(conn.wfd, chunk)
                else:
                    n = conn.sock.send(chunk)
            except (BlockingIOError, InterruptedError):
                n = 0
            except (OSError, ValueError):
                with conn.wlock:
                    conn.writing = False
                self._close_socket(conn)
                return
            with conn.wlock:
                del conn.out[:n]

    def _close_socket(self, conn: Conn) -> None:
        """Make the client's own thread see the end (its recv returns) and drop it."""
        try:
            conn.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _drop(self, conn: Conn) -> None:
        with self.lock:
            if conn not in self.conns:
                return
            conn.dead = True
            self.conns.discard(conn)
            outputs = []
            if conn.client is not None:
                client, conn.client = conn.client, None
                try:
                    outputs = self.core.disconnect(client)
                except Exception:
                    self.say("winelike server: internal error releasing a client\n" + traceback.format_exc().rstrip())
                self._rearm_timer()
            if not self.conns:
                self.idle_since = time.monotonic()
        try:
            conn.sock.close()
        except OSError:
            pass
        with conn.wlock:
            fds, conn.rfd, conn.wfd = (conn.rfd, conn.wfd), -1, -1
        _close_fds(fd for fd in fds if fd >= 0)
        self._deliver(outputs)

    def close(self) -> None:
        """Stop listening first (new clients then start a new server), then drop everyone."""
        if self.path is not None:
            try:
                if os.stat(self.path).st_ino == self.path_ino:
                    os.unlink(self.path)
            except OSError:
                pass
        self.listener.close()
        with self.lock:
            conns = list(self.conns)
            self.conns.clear()
        for conn in conns:
            conn.dead = True
            self._close_socket(conn)
            try:
                conn.sock.close()
            except OSError:
                pass
