"""winelike.paths: GetFullPathName's rules against the table captured from Wine, devices, the
case-insensitive lookup and its cache as the tree changes, \\\\?\\ names, UNC, the sandbox."""
from __future__ import annotations

import os
import re
import time

import pytest

from winelike import paths
from winelike.paths import PathError
from winelike.prefix import Prefix
from conftest import ROOT, run_winelike

TABLE = ROOT / "tests" / "pe_samples" / "src" / "file_paths_table.h"


def _rows(section):
    text = TABLE.read_text().split(section + "[] = {")[1].split("};")[0]
    un = lambda s: re.sub(r"\\(.)", r"\1", s)      # noqa: E731
    return [(un(a), un(b)) for a, b in re.findall(r'\{ "((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)" \}', text)]


@pytest.mark.parametrize("name,expected", _rows("full_cases"))
def test_full_path_name_matches_wine(name, expected):
    env = {"=Q:": "Q:\\qdir\\deeper"}
    assert paths.full_path_name(name, "C:\\windows", env.get) == expected


@pytest.mark.parametrize("name,dev", [("nul", "nul"), ("C:\\x\\CON.txt", "CON"), ("lpt9", "lpt9"), ("com0", None),
                                      ("nul  .a", "nul"), ("NULL", None), ("CONOUT$", "CONOUT$"), ("\\\\.\\CON", "CON"),
                                      ("\\\\server\\nul", None), ("aux:", "aux")])
def test_dos_device(name, dev):
    r = paths.dos_device(name)
    assert (name[r[0]:r[0] + r[1]] if r else None) == dev


class FakeProc:
    def __init__(self, prefix, cwd="C:\\"):
        self.prefix = prefix
        self.win_cwd = cwd
        self.env = {}

    def env_get(self, name, default=None):
        return self.env.get(name, default)


@pytest.fixture
def proc(tmp_path):
    return FakeProc(Prefix(str(tmp_path / "prefix")).ensure())


def test_case_insensitive_lookup_follows_the_tree(proc):
    c = proc.prefix.drive_c
    os.makedirs(os.path.join(c, "Dir"))
    open(os.path.join(c, "Dir", "File.TXT"), "w").close()
    t = paths.resolve(proc, "c:\\DIR\\file.txt")
    assert t.exists and t.host == os.path.join(c, "Dir", "File.TXT")
    time.sleep(0.06)
    paths.resolve(proc, "C:\\dir\\FILE.txt")      # cached now
    os.rename(os.path.join(c, "Dir", "File.TXT"), os.path.join(c, "Dir", "fILE.txt"))
    t = paths.resolve(proc, "C:\\dir\\FILE.TXT")
    assert t.exists and t.host.endswith("/Dir/fILE.txt")
    os.unlink(os.path.join(c, "Dir", "fILE.txt"))
    t = paths.resolve(proc, "C:\\dir\\FILE.TXT")
    assert not t.exists and t.host.endswith("/Dir/FILE.TXT")
    open(os.path.join(c, "Dir", "Late.txt"), "w").close()      # created right after a listing
    assert paths.resolve(proc, "C:\\dir\\late.TXT").exists


def test_errors(proc):
    def err(name):
        with pytest.raises(PathError) as e:
            paths.resolve(proc, name)
        return e.value.error
    assert not paths.resolve(proc, "C:\\nothere").exists
    assert err("C:\\nothere\\x") == 3
    assert err("\\\\server\\share\\x") == 3
    assert err("\\\\?\\UNC\\server\\share") == 3
    assert err("\\\\?\\C:\\windows\\..\\x") == 123
    assert err("\\\\?\\C:\\a/../b") == 123
    assert err("C:\\a*b") == 123
    assert err("\\\\.\\PhysicalDrive0") == 2
    assert paths.resolve(proc, "C:\\x\\nul.txt").device == "NUL"
    assert paths.resolve(proc, "\\\\.\\CONOUT$").device == "CONOUT$"


def test_per_drive_directory_from_the_environment(proc):
    proc.env["=Z:"] = "Z:\\tmp"
    assert paths.full_path_name("z:x", "C:\\windows", proc.env_get) == "Z:\\tmp\\x"
    assert paths.resolve(proc, "z:x").host == "/tmp/x"


def test_sandbox_hides_other_drives_and_links_out(proc, monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "_sandbox", True)
    os.symlink("/etc", os.path.join(proc.prefix.drive_c, "etc"))
    with pytest.raises(PathError):
        paths.resolve(proc, "Z:\\etc\\passwd")
    with pytest.raises(PathError) as e:
        paths.resolve(proc, "C:\\etc\\passwd")
    assert e.value.error == 5
    assert paths.resolve(proc, "C:\\windows").exists
    assert paths.drive_root(proc.prefix, "z") is None


def test_winepath_both_ways(prefix):
    r = run_winelike(["path", "-w", "/tmp"], prefix)
    assert r.stdout.decode().strip() == "Z:\\tmp"
    r = run_winelike(["path", "-u", "C:\\windows"], prefix)
    assert r.stdout.decode().strip().endswith("/drive_c/windows")
