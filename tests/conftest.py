"""Shared fixtures: run winelike as a user would, in a fresh temporary prefix."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "pe_samples"
BIN = SAMPLES / "bin"
API_PROGRAMS = ROOT.parent / "shared" / "samples" / "api-programs"
ARCHS = ("x86", "x64")


def run_winelike(args, prefix, env=None, timeout=120, input=None, cwd=None):
    e = dict(os.environ)
    e["WINELIKEPREFIX"] = str(prefix)
    e.pop("WINELIKE_DEBUG", None)
    if env:
        e.update(env)
    return subprocess.run([sys.executable, "-m", "winelike", *args], capture_output=True, env=e,
                          timeout=timeout, input=input, cwd=cwd or ROOT)


@pytest.fixture(scope="session")
def prefix(tmp_path_factory):
    return tmp_path_factory.mktemp("prefix")


@pytest.fixture
def fresh_prefix(tmp_path):
    return tmp_path / "prefix"


@pytest.fixture
def winelike(prefix):
    def run(*args, env=None, timeout=120, input=None, cwd=None):
        return run_winelike(list(args), prefix, env=env, timeout=timeout, input=input, cwd=cwd)
    return run


def sample(arch: str, name: str) -> Path:
    return BIN / arch / name
