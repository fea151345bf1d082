"""Helpers for the GUI tests: headless runs with input scripts; screenshots compared with golden PNGs.

WINELIKE_REGEN_GOLDEN=1 rewrites the golden files (look at them before committing).
On a mismatch the actual picture and a diff are left next to the test's tmp_path.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest


from conftest import run_winelike, BIN, ARCHS  # noqa: E402  (tests/conftest.py)

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def gui_run(prefix, tmp_path):
    def run(exe, script_text=None, env=None, timeout=60, extra=()):
        args = ["run"]
        if script_text is not None:
            sp = tmp_path / "input.txt"
            sp.write_text(script_text)
            args += ["--input-script", str(sp)]
        args += list(extra) + [str(exe)]
        e = {"WINELIKE_HEADLESS": "1"}
        e.update(env or {})
        return run_winelike(args, prefix, env=e, timeout=timeout)
    return run


def assert_matches_golden(actual: Path, name: str, tmp_path: Path):
    import numpy as np
    from PIL import Image
    golden = GOLDEN / name
    if os.environ.get("WINELIKE_REGEN_GOLDEN") == "1" or not golden.exists():
        if os.environ.get("WINELIKE_REGEN_GOLDEN") != "1":
            pytest.fail(f"no golden file {golden}: run with WINELIKE_REGEN_GOLDEN=1 and look at it")
        shutil.copy(actual, golden)
        return
    a = np.asarray(Image.open(actual).convert("RGB"))
    g = np.asarray(Image.open(golden).convert("RGB"))
    if a.shape == g.shape and np.array_equal(a, g):
        return
    diff = tmp_path / f"diff-{name}"
    if a.shape == g.shape:
        d = (np.any(a != g, axis=-1) * 255).astype("uint8")
        Image.fromarray(d).save(diff)
        n = int(np.count_nonzero(d))
    else:
        n = -1
    pytest.fail(f"{actual} differs from {golden} ({n} pixels; diff in {diff})")
