"""Share modes, byte-range locks and named mappings between two winelike processes.

file_xproc.exe runs itself as its own second process where CreateProcess exists; here
the holder and the checker are two `winelike run` processes on one prefix, which is
what the OFD locks and the mapping directory have to make work.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from conftest import BIN, ARCHS, ROOT, run_winelike


def _win(path) -> str:
    return "Z:" + str(path).replace("/", "\\")


@pytest.mark.parametrize("arch", ARCHS)
def test_sharing_locks_and_mapping_between_processes(prefix, tmp_path, arch):
    exe = BIN / arch / "file_xproc.exe"
    name = f"wl_xproc_pytest_{arch}_{os.getpid()}"
    env = dict(os.environ, WINELIKEPREFIX=str(prefix))
    env.pop("WINELIKE_DEBUG", None)
    holder = subprocess.Popen([sys.executable, "-m", "winelike", "run", str(exe), "hold", _win(tmp_path), name],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "ready").exists():
            assert holder.poll() is None, holder.communicate()
            assert time.monotonic() < deadline, "the holder never got ready"
            time.sleep(0.02)
        r = run_winelike(["run", str(exe), "check", _win(tmp_path), name], prefix)
        out = r.stdout.decode(errors="replace")
        assert r.returncode == 0, out + r.stderr.decode(errors="replace")
        assert "0 failures" in out and "skipped" in out, out
        assert holder.wait(60) == 0, holder.communicate()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    # the mapping's name went with the holder's last handle
    r = run_winelike(["run", str(exe), "check", _win(tmp_path), name], prefix)
    assert b"open mapping" in r.stdout, r.stdout


def test_named_mapping_file_is_removed_with_its_last_user(prefix, tmp_path):
    from winelike.server.daemon import server_dir
    d = os.path.join(server_dir(str(prefix)), "mappings")
    before = set(os.listdir(d)) if os.path.isdir(d) else set()
    test_sharing_locks_and_mapping_between_processes(prefix, tmp_path, "x64")
    after = set(os.listdir(d)) if os.path.isdir(d) else set()
    assert after <= before


def test_a_killed_holder_leaves_no_share_modes_and_no_mapping(prefix, tmp_path):
    """The kernel drops a dead process's OFD locks; its mapping's file is found unused and removed."""
    from winelike.server.daemon import server_dir
    exe = BIN / "x64" / "file_xproc.exe"
    name = f"wl_xproc_killed_{os.getpid()}"
    env = dict(os.environ, WINELIKEPREFIX=str(prefix))
    env.pop("WINELIKE_DEBUG", None)
    holder = subprocess.Popen([sys.executable, "-m", "winelike", "run", str(exe), "hold", _win(tmp_path), name],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (tmp_path / "ready").exists():
        assert holder.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    holder.kill()
    holder.wait()
    d = os.path.join(server_dir(str(prefix)), "mappings")
    left = len(os.listdir(d))
    r = run_winelike(["run", str(exe), "check", _win(tmp_path), name], prefix)
    out = r.stdout.decode(errors="replace")
    assert "Test failed: reader not sharing write" in out, out
    assert "Test failed: locked by the holder" in out, out
    assert "Test failed: open mapping" in out and "Test failed: open file-backed mapping" in out, out
    assert len(os.listdir(d)) == left - 2, out      # both names' files, found unused, are gone
