"""Files written by winelike are read by real Wine (opt-in: WINELIKE_WINE_TESTS=1, needs Wine;
about 20 s, most of it wineboot).  Checked: Wine's `reg query /s` of the demo key, from a
user.reg that winelike wrote, equals the capture Wine made of its own registry."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from helpers import DATA
from test_regedit import K, SETUP, run
from winelike.prefix import Prefix
from winelike.server import daemon

pytestmark = pytest.mark.skipif(os.environ.get("WINELIKE_WINE_TESTS") != "1" or not shutil.which("wine"),
                                reason="set WINELIKE_WINE_TESTS=1 (needs Wine)")


def test_wine_reads_what_winelike_wrote(tmp_path):
    ours = str(tmp_path / "ours")
    Prefix(ours).init()
    for args in SETUP:
        assert run(ours, *args)[0] == 0
    daemon.kill_server(daemon.server_dir(ours, create=False))         # saves at exit
    wine_prefix = str(tmp_path / "wine")
    env = dict(os.environ, WINEPREFIX=wine_prefix, WINEDEBUG="-all")
    subprocess.run(["wineboot", "-i"], env=env, capture_output=True, timeout=300)
    subprocess.run(["wineserver", "-w"], env=env, timeout=300)
    shutil.copy(os.path.join(ours, "user.reg"), os.path.join(wine_prefix, "user.reg"))
    r = subprocess.run(["wine", "reg", "query", K, "/s"], env=env, capture_output=True, timeout=300, cwd=tmp_path)
    subprocess.run(["wineserver", "-k"], env=env, timeout=60)
    with open(os.path.join(DATA, "reg-query-s.txt"), "rb") as f:
        assert r.stdout == f.read()
