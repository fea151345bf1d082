"""Console handles on a real terminal (a pseudo-terminal): console modes, WriteConsoleW/A with the
output code page, text attributes as ANSI colours, and cooked ReadFile input ending in CR LF as Windows' console gives it."""
from __future__ import annotations

import os
import pty
import sys
import time

import pytest

from conftest import BIN, ARCHS, ROOT


def _run_on_pty(exe, prefix, stdin_text: bytes, timeout=60) -> tuple[int, bytes]:
    env = dict(os.environ, WINELIKEPREFIX=str(prefix))
    env.pop("WINELIKE_DEBUG", None)
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.execvpe(sys.executable, [sys.executable, "-m", "winelike", "run", str(exe)], env)
    os.write(fd, stdin_text)
    out = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            d = os.read(fd, 4096)
        except OSError:
            break
        if not d:
            break
        out += d
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out


@pytest.mark.parametrize("arch", ARCHS)
def test_console_on_a_terminal(prefix, arch):
    code, out = _run_on_pty(BIN / arch / "k32_console.exe", prefix, b"hi\n")
    assert code == 0, out
    assert "café".encode() in out and "€".encode() in out
    assert b"read: 68 69 0d 0a" in out, out
    assert b"\x1b[0;91;40mred\x1b[0m" in out, out
