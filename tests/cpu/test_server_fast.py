"""The compiled trap's server path (fasttrap_build.py, "Server requests in C"): SetEvent,
ResetEvent, PulseEvent and ReleaseMutex on server handles are made by the hook itself.

sync_waits checks what the calls do (results, last errors, 1,000 rounds in a row, wrong
types, missing rights, closed handles, a non-owner); these tests check that the C path
really made them, and that the Python path (no helper, or relay tracing) gives the same
results without it.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from winelike.cpu import emu

from conftest import ARCHS, ROOT, sample

# runs a sample in this interpreter and prints its exit code and the main engine's C-path requests
SCRIPT = r"""
import os, sys
from winelike.prefix import Prefix
from winelike.process import Process
p = Process(Prefix(sys.argv[1]), sys.argv[2], [])
p.load()
code = p.run()
p.report_exit(code)
print(code, p.main_cpu.server_fast_calls, flush=True)
os._exit(0)
"""

needs_helper = pytest.mark.skipif(emu.trap_kind() != "cffi", reason="the compiled trap helper is not built")


def run(prefix, arch, env=None):
    e = dict(os.environ)
    e.pop("WINELIKE_DEBUG", None)
    e.pop("WINELIKE_TRAP", None)
    e.update(env or {})
    r = subprocess.run([sys.executable, "-c", SCRIPT, str(prefix), str(sample(arch, "sync_waits.exe"))],
                       capture_output=True, text=True, env=e, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    code, fast = r.stdout.split()[-2:]
    return int(code), int(fast)


@needs_helper
@pytest.mark.parametrize("arch", ARCHS)
def test_named_event_calls_take_the_c_path(prefix, arch):
    code, fast = run(prefix, arch)
    assert code == 0
    assert fast >= 2000          # at least the 1,000 set/reset rounds of test_named_calls


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("env", [pytest.param({"WINELIKE_TRAP": "python"}, id="python-trap"),
                                 pytest.param({"WINELIKE_DEBUG": "+relay"}, id="relay")])
def test_the_python_path_gives_the_same_results(prefix, arch, env):
    code, fast = run(prefix, arch, env)
    assert code == 0 and fast == 0
