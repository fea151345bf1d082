"""The server over its socket, in a temporary prefix: start on demand, races, idle exit,
the `winelike server` options, robustness against bad clients, and load."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from winelike.server import daemon, protocol
from winelike.server.client import ServerDisconnected, connect
from winelike.server.daemon import ServerError
from winelike.server.protocol import BY_NAME, VERSION, ProtocolVersionError

ROOT = Path(__file__).resolve().parents[2]
ALL = 0x001F0003
INFINITE = protocol.TIMEOUT_INFINITE


def winelike_server(root, *args, timeout=30, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("WINELIKE_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "winelike", "server", "--prefix", root, *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout, **kw)


def wait_until(cond, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.02)
    return cond()


@pytest.fixture
def root(tmp_path):
    r = tmp_path / "prefix"
    r.mkdir()
    yield str(r)
    d = daemon.server_dir(str(r), create=False)
    if daemon.lock_held(d):
        daemon.kill_server(d)
    shutil.rmtree(d, ignore_errors=True)       # the prefix goes away with tmp_path


def sdir(root):
    return daemon.server_dir(root, create=False)


# ---- lifecycle ------------------------------------------------------------------------

def test_start_on_demand_and_status(root):
    assert winelike_server(root, "--status").returncode == 1
    with connect(root) as c:
        r = c.new_process()
        assert r.error == 0 and r.pid and r.tid != r.pid
        st = os.stat(sdir(root))
        assert st.st_mode & 0o777 == 0o700
        assert os.stat(daemon.socket_path(sdir(root))).st_mode & 0o777 == 0o600
        assert Path(sdir(root)).name == f"server-{os.stat(root).st_dev:x}-{os.stat(root).st_ino:x}"
        s = winelike_server(root, "--status")
        assert s.returncode == 0, s.stderr
        assert f"pid {c.server_pid}" in s.stdout and "1 processes" in s.stdout


RACER = """
import sys, time
from winelike.server.client import connect
c = connect(sys.argv[1])
assert c.new_process().error == 0
print(c.server_pid, flush=True)
time.sleep(0.3)
"""


def test_racing_clients_start_one_server(root):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", RACER, root], stdout=subprocess.PIPE, text=True, env=env)
             for _ in range(6)]
    pids = {p.communicate(timeout=30)[0].strip() for p in procs}
    assert all(p.returncode == 0 for p in procs)
    assert len(pids) == 1 and pids != {""}
    assert daemon.server_pid(sdir(root)) == int(pids.pop())


def test_second_server_is_refused(root):
    assert winelike_server(root).returncode == 0
    r = winelike_server(root)
    assert r.returncode == 2 and "already running" in r.stderr


def test_idle_exit_after_the_last_client(root):
    assert winelike_server(root, "--persistent=0.5").returncode == 0
    c = connect(root, start=False)
    c.new_process()
    time.sleep(0.8)
    assert daemon.lock_held(sdir(root))          # a client keeps it alive
    c.close()
    assert wait_until(lambda: not daemon.lock_held(sdir(root)), 5)
    assert not os.path.exists(daemon.socket_path(sdir(root)))


def test_default_idle_timeout_is_3_seconds(root):
    with connect(root) as c:
        c.new_process()
    time.sleep(2.0)
    assert daemon.lock_held(sdir(root))
    assert wait_until(lambda: not daemon.lock_held(sdir(root)), 4)


def test_kill(root):
    c = connect(root)
    c.new_process()
    r = winelike_server(root, "--kill")
    assert r.returncode == 0, r.stderr
    assert not daemon.lock_held(sdir(root))
    with pytest.raises(ServerDisconnected):
        c.get_server_info()
    r = winelike_server(root, "--kill")
    assert r.returncode == 1 and "no server" in r.stderr


def test_wait_blocks_until_exit(root):
    assert winelike_server(root, "--persistent=1").returncode == 0
    t0 = time.monotonic()
    r = winelike_server(root, "--wait")
    assert r.returncode == 0
    assert time.monotonic() - t0 > 0.5
    assert not daemon.lock_held(sdir(root))


def test_persistent_forever_survives_idle(root):
    assert winelike_server(root, "--persistent").returncode == 0
    time.sleep(0.5)
    with connect(root, start=False):
        pass
    time.sleep(3.5)
    assert daemon.lock_held(sdir(root))


def test_debug_trace(root, tmp_path):
    log = tmp_path / "trace.txt"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with open(log, "w") as f:
        p = subprocess.Popen([sys.executable, "-m", "winelike", "server", "--prefix", root, "--foreground",
                              "--debug", "--persistent=0.2"], stderr=f, env=env)
        assert wait_until(lambda: os.path.exists(daemon.socket_path(sdir(root))))
        with connect(root, start=False) as c:
            tid = c.new_process().tid
            c.create_event(access=ALL, manual_reset=1, name="x")
            c.close_handle(handle=0x40)
            with pytest.raises(ProtocolVersionError):
                connect(root, start=False, version=VERSION ^ 1)
        assert p.wait(timeout=10) == 0
    text = log.read_text()
    assert f'{tid:04x}: create_event( access=001f0003, inherit=0, manual_reset=1, initial_state=0, name=L"x" )' \
        in text
    assert f"{tid:04x}: create_event() = 0 {{ handle=0008 }}" in text
    assert f"{tid:04x}: close_handle() = INVALID_HANDLE" in text
    assert "0000: new_process( parent=0000, inherit_handles=0, want_pid=0000, want_tid=0000 )" in text
    assert f"speaks protocol {VERSION ^ 1:08x}, this server {VERSION:08x}" in text


def test_refuses_a_directory_with_wider_permissions(tmp_path, monkeypatch):
    base = tmp_path / "base"
    base.mkdir(mode=0o755)
    os.chmod(base, 0o755)
    monkeypatch.setattr(daemon, "base_dir", lambda: str(base))
    with pytest.raises(ServerError, match="wider than 700"):
        daemon.server_dir(str(tmp_path))
    os.chmod(base, 0o700)
    d = daemon.server_dir(str(tmp_path))
    os.chmod(d, 0o750)
    with pytest.raises(ServerError, match="wider than 700"):
        daemon.server_dir(str(tmp_path))


def test_cli_server_errors_are_one_line(tmp_path, monkeypatch):
    f = tmp_path / "file"
    f.write_text("")
    r = winelike_server(str(f))
    assert r.returncode == 1 and r.stderr.startswith("winelike: ") and "Traceback" not in r.stderr


# ---- robustness ---------------------------------------------------------------------------

class Raw:
    """A hand-driven client.  On the socket, or (pipes=True) as winelike's own clients talk:
    two pipe ends sent with the hello, requests down one pipe, replies up the other."""

    def __init__(self, root, hello=True, version=VERSION, pipes=False, fds=None):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect(daemon.socket_path(sdir(root)))
        self.sock, self.w, self.r = s, -1, -1
        if hello:
            h = protocol.CLIENT_HELLO.pack(protocol.CLIENT_MAGIC, version)
            if fds is not None:                      # whatever the test wants to pass
                socket.send_fds(s, [h], fds)
            elif pipes:
                req_r, self.w = os.pipe()
                self.r, rep_w = os.pipe()
                socket.send_fds(s, [h], [req_r, rep_w])
                os.close(req_r)
                os.close(rep_w)
            else:
                s.sendall(h)
        data = b""
        while len(data) < protocol.SERVER_HELLO.size:
            data += s.recv(protocol.SERVER_HELLO.size - len(data))

    def sendall(self, data):
        if self.w < 0:
            return self.sock.sendall(data)
        view = memoryview(data)
        while view:
            view = view[os.write(self.w, view):]

    def dropped(self):
        """The server closed this connection (after any replies it had sent)."""
        try:
            if self.r < 0:
                while True:
                    if not self.sock.recv(65536):
                        return True
            end = time.monotonic() + 10
            while time.monotonic() < end:
                import select
                if select.select([self.r], [], [], 0.5)[0] and not os.read(self.r, 65536):
                    return True
            return False
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False
        finally:
            self.close()

    def close(self):
        for fd in (self.w, self.r):
            if fd >= 0:
                os.close(fd)
        self.w = self.r = -1
        self.sock.close()


def raw(root, hello=True, version=VERSION, pipes=False):
    return Raw(root, hello, version, pipes)


def dropped(s):
    return s.dropped()


TRANSPORTS = [pytest.param(False, id="socket"), pytest.param(True, id="pipes")]


@pytest.fixture
def live(root):
    c = connect(root)
    assert c.new_process().error == 0
    yield root, c
    c.close()


def still_serving(root, c):
    assert c.get_server_info().error == 0
    with connect(root, start=False) as other:
        assert other.server_pid == c.server_pid
        assert other.new_process().error == 0


def frame(request, seq=1, /, **fields):
    return protocol.encode_request(BY_NAME[request], seq, fields)


@pytest.mark.parametrize("send", [
    pytest.param(b"GET / HTTP/1.1\r\n\r\n" * 4, id="garbage"),
    pytest.param(protocol.LENGTH.pack(0x7FFFFFFF) + b"x" * 100, id="oversized-length"),
    pytest.param(protocol.LENGTH.pack(9) + protocol.REQ_HEADER.pack(BY_NAME["set_event"].opcode, 0, 1) + b"\x04",
                 id="truncated-fields"),
    pytest.param(protocol.LENGTH.pack(8) + protocol.REQ_HEADER.pack(999, 0, 1), id="unknown-opcode"),
    pytest.param(frame("create_event", access=ALL), id="before-new_process"),
])
@pytest.mark.parametrize("pipes", TRANSPORTS)
def test_bad_client_is_dropped_alone(live, send, pipes):
    root, c = live
    s = raw(root, pipes=pipes)
    s.sendall(send)
    assert dropped(s)
    still_serving(root, c)


def test_garbage_handshake(live):
    root, c = live
    s = raw(root, hello=False)
    s.sendall(os.urandom(64))
    assert dropped(s)
    still_serving(root, c)


@pytest.mark.parametrize("fds", [
    pytest.param("one", id="one-fd"), pytest.param("file", id="not-pipes"), pytest.param("three", id="three-fds")])
def test_bad_pipe_hello_is_refused(live, tmp_path, fds):
    root, c = live
    a, b = os.pipe()
    f = os.open(tmp_path / "f", os.O_RDWR | os.O_CREAT)
    try:
        s = Raw(root, fds={"one": [a], "file": [f, f], "three": [a, b, f]}[fds])
        assert dropped(s)
    finally:
        for fd in (a, b, f):
            os.close(fd)
    still_serving(root, c)


def test_client_sees_a_drop_on_its_pipes(live):
    """A server that drops a pipe client closes the reply pipe: the client's next call is a
    clean ServerDisconnected, not a hang."""
    root, c = live
    other = connect(root, start=False)
    assert other.rfd >= 0 and other.new_process().error == 0
    other._send(protocol.LENGTH.pack(8) + protocol.REQ_HEADER.pack(999, 0, 1))     # unknown opcode
    with pytest.raises(ServerDisconnected):
        other._frame()
    other.close()
    still_serving(root, c)


def test_wrong_version_is_an_error_on_both_sides(live):
    root, c = live
    s = raw(root, version=VERSION ^ 1)
    assert dropped(s)
    with pytest.raises(ProtocolVersionError, match="protocol"):
        connect(root, start=False, version=VERSION ^ 1)
    still_serving(root, c)


@pytest.mark.parametrize("pipes", TRANSPORTS)
def test_truncated_frame_then_disconnect(live, pipes):
    root, c = live
    s = raw(root, pipes=pipes)
    s.sendall(frame("new_process"))
    s.sendall(frame("create_event", access=ALL, name="half")[:11])
    s.close()
    still_serving(root, c)
    assert c.open_event(access=ALL, name="half").error == 2


@pytest.mark.parametrize("pipes", TRANSPORTS)
def test_disconnect_with_a_pending_wait(live, pipes):
    root, c = live
    s = raw(root, pipes=pipes)
    s.sendall(frame("new_process", 1) + frame("create_event", 2, access=ALL, name="w")
              + frame("select", 3, timeout=INFINITE, handles=[4]))
    time.sleep(0.2)
    s.close()
    time.sleep(0.1)
    still_serving(root, c)
    assert c.open_event(access=ALL, name="w").error == 2        # its handles were closed


@pytest.mark.parametrize("pipes", TRANSPORTS)
def test_request_while_waiting_is_dropped(live, pipes):
    root, c = live
    s = raw(root, pipes=pipes)
    s.sendall(frame("new_process", 1) + frame("create_event", 2, access=ALL)
              + frame("select", 3, timeout=INFINITE, handles=[8]) + frame("set_event", 4, handle=8))
    assert dropped(s)
    still_serving(root, c)


def test_dead_owner_abandons_its_mutex_over_the_socket(live):
    root, c = live
    owner = connect(root, start=False)
    owner.new_process()
    owner.create_mutex(access=ALL, owned=1, name="abandon-me")
    h = c.open_mutex(access=ALL, name="abandon-me").handle
    got = []
    t = threading.Thread(target=lambda: got.append(c.select(handles=[h], timeout=INFINITE)))
    t.start()
    time.sleep(0.2)
    assert not got
    owner.close()
    t.join(10)
    assert got and got[0].error == 0 and got[0].result == 0x80
    assert c.release_mutex(handle=h).error == 0


def test_wait_timeout_over_the_socket(live):
    root, c = live
    h = c.create_event(access=ALL).handle
    t0 = time.monotonic()
    r = c.select(handles=[h], timeout=200 * 10_000)
    assert r.result == 0x102
    assert 0.19 < time.monotonic() - t0 < 2


def test_many_clients_at_once(live):
    root, _ = live
    n_clients, n_requests = 50, 1000
    errors = []
    barrier = threading.Barrier(n_clients)

    def client(i):
        try:
            with connect(root, start=False) as c:
                c.new_process()
                h = c.create_semaphore(access=ALL, initial=0, max=n_requests + 1, name=f"sem{i}").handle
                barrier.wait()
                for k in range(n_requests):
                    r = c.release_semaphore(handle=h, count=1)
                    if r.error or r.prev_count != k:
                        errors.append((i, k, r))
                        return
        except Exception as e:     # noqa: BLE001 - reported below
            errors.append((i, repr(e)))

    t0 = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(n_clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    elapsed = time.monotonic() - t0
    assert not errors, errors[:5]
    assert elapsed < 20, elapsed


@pytest.mark.parametrize("pipes", TRANSPORTS)
def test_client_that_never_reads_is_dropped(live, pipes):
    root, c = live
    s = raw(root, pipes=pipes)
    burst = frame("get_server_info") * 100_000
    try:
        s.sendall(burst)
    except OSError:
        pass                       # dropped while we were still sending: fine
    s.sock.settimeout(10)
    assert dropped(s)
    still_serving(root, c)


def test_huge_finite_timeout_over_the_socket(live):
    root, c = live
    h = c.create_event(access=ALL, name="huge").handle
    other = connect(root, start=False)
    other.new_process()
    h2 = other.open_event(access=ALL, name="huge").handle
    got = []
    t = threading.Thread(target=lambda: got.append(other.select(handles=[h2], timeout=(1 << 63))))
    t.start()
    time.sleep(0.3)
    still_serving(root, c)
    c.set_event(handle=h)
    t.join(10)
    assert got and got[0].result == 0
    other.close()
