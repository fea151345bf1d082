"""`winelike run --sandbox`: the program sees drive C: only and cannot reach past drive_c.

file_sandbox.exe makes more than 50 escape attempts (Z:, \\\\?\\ and \\\\.\\ forms, UNC, .. walks,
drive-relative and rooted names, trailing dots and spaces, symlinks inside drive_c that point
out, a dangling one, moves, copies, deletes, the CRT, LoadLibrary); each must fail, and the
canary directory outside drive_c must be exactly as it was.
"""
from __future__ import annotations

import os

import pytest

from conftest import BIN, ARCHS, run_winelike


def _snapshot(root):
    snap = {}
    for d, dirs, files in os.walk(root):
        for n in dirs + files:
            p = os.path.join(d, n)
            st = os.lstat(p)
            snap[p] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return snap


@pytest.mark.parametrize("arch", ARCHS)
def test_sandbox_refuses_every_escape(tmp_path, arch):
    prefix = tmp_path / "prefix"
    canary = tmp_path / "canary"
    canary.mkdir()
    (canary / "secret.txt").write_text("secret")
    import shutil
    shutil.copy(BIN / "x64" / "file_errors.exe", canary / "run.exe")
    from winelike.prefix import Prefix
    pfx = Prefix(str(prefix)).ensure()
    c = pfx.drive_c
    os.symlink(str(canary), os.path.join(c, "link_dir"))
    os.symlink(str(canary / "secret.txt"), os.path.join(c, "link_file.txt"))
    os.symlink(str(canary / "new.txt"), os.path.join(c, "dangling.txt"))
    with open(os.path.join(c, "inside.txt"), "w") as f:
        f.write("inside")
    before = _snapshot(canary)
    rel = os.path.relpath(canary, os.path.realpath(c))
    r = run_winelike(["run", "--sandbox", str(BIN / arch / "file_sandbox.exe"), str(canary), rel], prefix)
    out = r.stdout.decode(errors="replace")
    assert r.returncode == 0, out + r.stderr.decode(errors="replace")
    assert "0 failures" in out and "escape attempts" in out, out
    n = int(out.split(" escape attempts")[0].rsplit(" ", 1)[1])
    assert n >= 50, out
    assert "Tests skipped" not in out, out          # every group ran, CreateProcess included
    assert _snapshot(canary) == before
    assert not os.path.lexists(canary / "new.txt")


def test_without_sandbox_the_links_work(tmp_path):
    """The same tree without --sandbox: Z: and the links reach the canary (so the test above means something)."""
    prefix = tmp_path / "prefix"
    canary = tmp_path / "canary"
    canary.mkdir()
    (canary / "secret.txt").write_text("secret")
    from winelike.prefix import Prefix
    pfx = Prefix(str(prefix)).ensure()
    os.symlink(str(canary), os.path.join(pfx.drive_c, "link_dir"))
    rel = os.path.relpath(canary, os.path.realpath(pfx.drive_c))
    r = run_winelike(["run", str(BIN / "x64" / "file_sandbox.exe"), str(canary), rel], prefix)
    out = r.stdout.decode(errors="replace")
    assert r.returncode != 0 and "Test failed: opened Z:" in out, out


@pytest.mark.parametrize("name", ["file_apis", "file_errors", "file_mapping", "crt_file"])
def test_ordinary_file_programs_run_in_the_sandbox(prefix, name):
    r = run_winelike(["run", "--sandbox", str(BIN / "x64" / f"{name}.exe")], prefix)
    assert r.returncode == 0, r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace")
