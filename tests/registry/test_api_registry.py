"""The registry api-program (../shared/samples/api-programs/registry.c) in its four builds, and
persistence: the second run finds the key (disp=2), also after the server restarts."""
from __future__ import annotations

import sys
import os

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))
from conftest import BIN, run_winelike  # noqa: E402

BUILDS = ["x86", "x64", "x86-msvcrt", "x64-msvcrt"]


def test_registry_program_persists(tmp_path):
    prefix = tmp_path / "prefix"
    outs = []
    for build in BUILDS:
        r = run_winelike(["run", str(BIN / "api" / f"registry-{build}.exe")], prefix)
        assert r.returncode == 0, r.stderr.decode()
        outs.append(r.stdout.decode().replace("\r\n", "\n"))
    assert outs[0] == "disp=1 type=1 size=15 value=hello registry\ndword rc=0 type=4 value=0x1234\n"
    for out in outs[1:]:
        assert out == "disp=2 type=1 size=15 value=hello registry\ndword rc=0 type=4 value=0x1234\n"
    assert run_winelike(["server", "--kill"], prefix).returncode == 0
    text = (prefix / "user.reg").read_text()
    assert '[Software\\\\WinelikeBench]' in text and '"Greeting"="hello registry"' in text
    r = run_winelike(["run", str(BIN / "api" / "registry-x64.exe")], prefix)
    assert r.stdout.decode().startswith("disp=2 ")
    run_winelike(["server", "--kill"], prefix)


def test_prefix_init_is_fast_and_has_defaults(tmp_path):
    prefix = tmp_path / "p"
    r = run_winelike(["prefix", "init", str(prefix)], tmp_path / "unused")
    assert r.returncode == 0, r.stderr
    for d in ("drive_c/windows/system32", "drive_c/Program Files", "drive_c/ProgramData", "dosdevices/c:",
              "dosdevices/z:"):
        assert os.path.lexists(prefix / d), d
    system = (prefix / "system.reg").read_text()
    user = (prefix / "user.reg").read_text()
    assert '"ProductName"="Windows 10 Pro"' in system and '"CurrentMajorVersionNumber"=dword:0000000a' in system
    assert "[System\\\\CurrentControlSet\\\\Control\\\\Session Manager\\\\Environment]" in system
    assert "[Environment]" in user and "[Volatile Environment]" in user
    assert (prefix / "userdef.reg").exists()
    r = run_winelike(["regedit", "query", "HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion", "/v",
                      "CurrentBuildNumber"], prefix)
    assert r.stdout == (b"\r\nHKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion\r\n"
                        b"    CurrentBuildNumber    REG_SZ    19045\r\n\r\n")
    run_winelike(["server", "--kill"], prefix)


@pytest.mark.parametrize("arch", ["x86", "x64"])
def test_one_process_writes_another_reads(tmp_path, arch):
    """reg_child's two halves as two winelike processes (CreateProcess does not exist yet)."""
    prefix = tmp_path / "prefix"
    exe = str(BIN / arch / "reg_child.exe")
    w = run_winelike(["run", exe, "write"], prefix)
    assert w.returncode == 0, w.stdout.decode() + w.stderr.decode()
    r = run_winelike(["run", exe, "read"], prefix)
    assert r.returncode == 0, r.stdout.decode() + r.stderr.decode()
    assert b"22 tests executed (0 marked as todo, 0 failures)" in r.stdout
    run_winelike(["server", "--kill"], prefix)

