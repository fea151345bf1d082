"""The prefix has Wine's layout and maps paths both ways."""
from __future__ import annotations

import os

from winelike.prefix import Prefix


def test_created_with_wine_layout(tmp_path):
    p = Prefix(str(tmp_path / "pfx")).ensure()
    root = tmp_path / "pfx"
    assert (root / "drive_c" / "windows" / "system32").is_dir()
    assert os.readlink(root / "dosdevices" / "c:") == "../drive_c"
    assert os.readlink(root / "dosdevices" / "z:") == "/"
    assert (root / "drive_c" / "users" / p.user / "Temp").is_dir()


def test_path_mapping(tmp_path):
    p = Prefix(str(tmp_path / "pfx")).ensure()
    sys32 = tmp_path / "pfx" / "drive_c" / "windows" / "system32"
    assert p.unix_to_dos(str(sys32)) == "C:\\windows\\system32"
    assert p.unix_to_dos("/usr/bin") == "Z:\\usr\\bin"
    assert p.dos_to_unix("c:\\WINDOWS\\System32") == str(sys32)      # case-insensitive
    assert p.dos_to_unix("Z:\\usr/bin") == "/usr/bin"
    assert p.dos_to_unix("q:\\nothing") is None


def test_env_default(monkeypatch, tmp_path):
    monkeypatch.setenv("WINELIKEPREFIX", str(tmp_path / "env-pfx"))
    assert Prefix().root == str(tmp_path / "env-pfx")
