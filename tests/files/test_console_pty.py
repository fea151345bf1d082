"""The console on a real pseudo-terminal: Ctrl-C reaching SetConsoleCtrlHandler's handlers on a new
thread and the default handler's exit code; line input echoed by the terminal; Unicode and colours.
(tests/dlls/kernel32/test_console.py checks modes, WriteConsole and cooked input bytes.)"""
from __future__ import annotations

import os
import pty
import select
import sys
import time

import pytest

from conftest import BIN, ARCHS, ROOT


class Pty:
    def __init__(self, exe, prefix, *args):
        env = dict(os.environ, WINELIKEPREFIX=str(prefix))
        env.pop("WINELIKE_DEBUG", None)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(ROOT)
            os.execvpe(sys.executable, [sys.executable, "-m", "winelike", "run", str(exe), *args], env)
        self.out = b""

    def expect(self, what: bytes, timeout=60) -> None:
        deadline = time.monotonic() + timeout
        while what not in self.out:
            left = deadline - time.monotonic()
            assert left > 0, f"no {what!r} in {self.out!r}"
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    d = os.read(self.fd, 4096)
                except OSError:
                    d = b""
                assert d, f"no {what!r} in {self.out!r} (closed)"
                self.out += d

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def wait(self, timeout=60) -> int:
        deadline = time.monotonic() + timeout
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            assert time.monotonic() < deadline, self.out
            try:
                r, _, _ = select.select([self.fd], [], [], 0.1)
                if r:
                    self.out += os.read(self.fd, 4096)
            except OSError:
                time.sleep(0.05)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize("arch", ARCHS)
def test_ctrl_c_runs_the_handler_on_a_new_thread_then_the_default_handler_exits(prefix, arch):
    t = Pty(BIN / arch / "con_ctrl.exe", prefix, "wait")
    t.expect(b"ready")
    time.sleep(0.2)
    t.send(b"\x03")
    t.expect(b"again")
    assert b"handled on another thread" in t.out, t.out
    time.sleep(0.2)
    t.send(b"\x03")
    code = t.wait()
    assert code == 0x3A, (code, t.out)          # STATUS_CONTROL_C_EXIT's low byte, as Wine exits
    assert b"not stopped" not in t.out and b"Test failed" not in t.out, t.out


@pytest.mark.parametrize("arch", ARCHS)
def test_line_input_is_echoed_and_output_is_utf8_with_colours(prefix, arch):
    t = Pty(BIN / arch / "k32_console.exe", prefix)
    time.sleep(0.5)
    t.send("héllo\n".encode())
    code = t.wait()
    assert code == 0, t.out
    assert "héllo\r\n".encode() in t.out, t.out       # the terminal echoed the line as it was typed
    assert "café".encode() in t.out and "€".encode() in t.out
    assert b"\x1b[0;91;40mred\x1b[0m" in t.out, t.out


def test_ctrl_c_without_handlers_exits_with_status_control_c_exit(prefix):
    t = Pty(BIN / "x64" / "spin.exe", prefix)
    time.sleep(1.5)
    t.send(b"\x03")
    assert t.wait() == 0x3A, t.out


@pytest.mark.parametrize("arch", ARCHS)
def test_generate_console_ctrl_event_with_a_console(prefix, arch):
    """Without a console (the automatic runner) the sample skips this part, as under Wine."""
    t = Pty(BIN / arch / "con_ctrl.exe", prefix)
    assert t.wait() == 0, t.out
    assert b"8 tests executed (0 marked as todo, 0 failures), 0 skipped" in t.out, t.out
