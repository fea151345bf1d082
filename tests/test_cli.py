"""The command line: bad input gives one clear line and a non-zero status, never a traceback."""
from __future__ import annotations

import pytest

from conftest import BIN


def _one_line_error(r):
    err = r.stderr.decode()
    assert r.returncode != 0
    assert "Traceback" not in err
    lines = [l for l in err.splitlines() if l.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("winelike: ")
    return lines[0]


def test_missing_program(winelike, tmp_path):
    line = _one_line_error(winelike("run", str(tmp_path / "nope.exe")))
    assert "cannot find" in line


def test_text_file(winelike, tmp_path):
    f = tmp_path / "notes.exe"
    f.write_text("just text\n" * 20)
    assert "not a PE image" in _one_line_error(winelike("run", str(f)))


def test_truncated_image(winelike, tmp_path):
    data = (BIN / "x86" / "smoke.exe").read_bytes()
    f = tmp_path / "trunc.exe"
    f.write_bytes(data[:0x200])
    _one_line_error(winelike("run", str(f)))


def testexit_status_mapping():
    from winelike.cli import exit_status
    assert exit_status(0) == 0
    assert exit_status(3) == 3
    assert exit_status(0x80000100) == 255
    assert exit_status(256) == 255
    assert exit_status(0xC0000005) == 5


def test_windows_path_in_prefix(winelike, prefix):
    import shutil
    winelike("info")
    target = prefix / "drive_c" / "Program Files" / "hello.exe"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(BIN / "api" / "hello-x86.exe", target)
    r = winelike("run", "C:\\Program Files\\HELLO.EXE")
    assert r.returncode == 0 and r.stdout.replace(b"\r\n", b"\n") == b"hello\n", r.stderr


def test_info_names_trap_path(winelike):
    r = winelike("info")
    assert b"trap path: " in r.stdout


def test_bug_in_a_builtin_is_one_line_not_a_traceback(monkeypatch, capsys, tmp_path):
    """A Python exception escaping a handler names the function; the traceback only with +winelike."""
    from winelike import cli
    from winelike.dlls.kernel32 import errorapi

    def broken(code):
        raise ZeroDivisionError("deliberate")
    monkeypatch.setattr(errorapi.SetLastError.export, "func", broken)
    monkeypatch.setenv("WINELIKEPREFIX", str(tmp_path / "pfx"))
    status = cli.main(["run", str(BIN / "x86" / "smoke.exe")])
    err = capsys.readouterr().err
    assert status != 0
    assert "Traceback" not in err
    assert "internal error in KERNEL32.SetLastError: ZeroDivisionError: deliberate" in err


@pytest.mark.parametrize("arch", ["x86", "x64"])
def test_guest_crash_report(winelike, arch):
    r = winelike("run", str(BIN / arch / "crash_write.exe"))
    err = r.stderr.decode()
    assert r.returncode == 5                    # 0xC0000005 & 0xFF
    assert "Traceback" not in err
    assert "page fault on write access to 0x" in err and "10 in " in err.splitlines()[0]
    assert "crash_write.exe" in err and "Registers:" in err and "mov dword ptr" in err


def test_ctrl_c_stops_a_spinning_guest(prefix):
    """SIGINT ends a guest that never returns to Python, with STATUS_CONTROL_C_EXIT (0xC000013A)."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from conftest import ROOT
    env = dict(os.environ, WINELIKEPREFIX=str(prefix))
    p = subprocess.Popen([sys.executable, "-m", "winelike", "run", str(BIN / "x64" / "spin.exe")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    try:
        assert p.stdout.readline().strip() == b"spinning"
        time.sleep(0.2)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=20)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 0x3A, (p.returncode, err)       # 0xC000013A & 0xFF
    assert b"Traceback" not in err


def test_path_conversion_both_ways(winelike, prefix):
    r = winelike("path", "-w", "/usr/bin", str(prefix / "drive_c" / "windows"))
    assert r.returncode == 0 and r.stdout.decode().splitlines() == ["Z:\\usr\\bin", "C:\\windows"], r.stderr
    r = winelike("path", "-u", "c:\\WINDOWS\\system32", "Z:\\etc")
    assert r.stdout.decode().splitlines() == [str(prefix / "drive_c" / "windows" / "system32"), "/etc"]
    r = winelike("path", "-u", "q:\\nowhere")
    assert r.returncode == 1 and b"cannot convert" in r.stderr and b"Traceback" not in r.stderr


def test_an_unusable_server_is_one_line_not_an_internal_error(tmp_path):
    """A program that needs the server (the registry) when the server directory is unsafe."""
    import subprocess
    import sys
    base = tmp_path / "base"
    base.mkdir()
    base.chmod(0o777)                     # wider than 0700: the client must refuse it
    script = (
        "import sys\n"
        "from winelike.server import daemon\n"
        f"daemon.base_dir = lambda: {str(base)!r}\n"
        "from winelike import cli\n"
        f"sys.exit(cli.main(['run', '--prefix', {str(tmp_path / 'pfx')!r}, "
        f"{str(BIN / 'api' / 'registry-x64.exe')!r}]))\n")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120,
                       cwd=str(BIN.parent.parent.parent))
    err = r.stderr.decode()
    assert r.returncode != 0
    assert "winelike: server:" in err and "ADVAPI32." in err, err
    assert "Traceback" not in err and "internal error" not in err, err


def test_deleted_current_directory(prefix, tmp_path):
    """Linux lets a directory go while a process sits in it (Windows does not): one line."""
    import os
    import subprocess
    import sys
    from conftest import ROOT
    gone = tmp_path / "gone"
    gone.mkdir()
    env = dict(os.environ, WINELIKEPREFIX=str(prefix), PYTHONPATH=str(ROOT))
    env.pop("WINELIKE_DEBUG", None)
    r = subprocess.run(["sh", "-c", 'cd "$1" && rmdir "$1" && exec "$2" -m winelike run "$3"', "sh", str(gone),
                        sys.executable, str(BIN / "api" / "hello-x64.exe")], capture_output=True, env=env, timeout=60)
    assert "current directory no longer exists" in _one_line_error(r)
