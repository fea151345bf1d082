"""The API trap: a handler may redirect the guest (write SP and PC) on either trap path and arch."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("trap_setpc_probe.py")
ROOT = PROBE.parent.parent.parent


@pytest.mark.parametrize("bits", [32, 64])
@pytest.mark.parametrize("path", ["default", "python"])
def test_handler_can_set_pc(bits, path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if path == "python":
        env["WINELIKE_TRAP"] = "python"
    r = subprocess.run([sys.executable, str(PROBE), str(bits)], capture_output=True, env=env, timeout=60)
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr.decode()
    assert "ebx 2 eax 7" in out, out + r.stderr.decode()
