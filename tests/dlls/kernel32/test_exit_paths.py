"""kernel32 paths that end a process or need a look at its output: RaiseException with and
without a top-level filter, single-thread deadlocks, FatalAppExit, FLS callbacks at exit, and OutputDebugString."""
from __future__ import annotations

import pytest

from conftest import BIN, ARCHS

RAISE = "k32_raise.exe"


@pytest.mark.parametrize("arch", ARCHS)
def test_RaiseException_unhandled_ends_with_its_code(winelike, arch):
    r = winelike("run", str(BIN / arch / RAISE), "raise")
    assert r.returncode == 0x42                    # 0xE0000042 as a Unix exit status
    assert b"Unhandled exception 0xe0000042" in r.stderr
    assert b"not reached" not in r.stdout
    assert b"Traceback" not in r.stderr


@pytest.mark.parametrize("arch", ARCHS)
def test_RaiseException_filter_execute_handler(winelike, arch):
    r = winelike("run", str(BIN / arch / RAISE), "filter")
    assert r.returncode == 0x43
    assert b"filter: code e0000043 params 2 p0 1234" in r.stdout
    assert b"not reached" not in r.stdout


@pytest.mark.parametrize("arch", ARCHS)
def test_RaiseException_filter_continue_execution(winelike, arch):
    r = winelike("run", str(BIN / arch / RAISE), "continue")
    assert r.returncode == 0, r.stderr
    assert b"filter: continue\r\ncontinued" in r.stdout


@pytest.mark.parametrize("arch", ARCHS)
def test_SleepConditionVariableCS_infinite_is_a_deadlock(winelike, arch):
    r = winelike("run", str(BIN / arch / RAISE), "deadlock", timeout=60)
    assert r.returncode == 0xC0000194 & 0xFF       # STATUS_POSSIBLE_DEADLOCK
    assert b"err:sync:SleepConditionVariableCS" in r.stderr
    assert b"not reached" not in r.stdout
    assert b"Traceback" not in r.stderr


@pytest.mark.parametrize("arch", ARCHS)
def test_FatalAppExit_reports_and_ends(winelike, arch):
    r = winelike("run", str(BIN / arch / RAISE), "fatal")
    assert r.returncode == 255
    assert b"k32_raise: fatal" in r.stderr
    assert b"not reached" not in r.stdout


@pytest.mark.parametrize("arch", ARCHS)
def test_FlsAlloc_callback_runs_at_exit(winelike, arch):
    r = winelike("run", str(BIN / arch / "k32_sync.exe"))
    assert r.returncode == 0, r.stdout[-2000:]
    assert b"FLS callback at exit" in r.stdout


@pytest.mark.parametrize("arch", ARCHS)
def test_OutputDebugString_goes_to_debugstr(winelike, arch):
    r = winelike("run", str(BIN / arch / "k32_sysinfo.exe"), env={"WINELIKE_DEBUG": "+debugstr"})
    assert r.returncode == 0, r.stdout[-2000:]
    assert b"debugstr" in r.stderr and b"OutputDebugStringA" in r.stderr
    assert b"OutputDebugStringW" in r.stderr

