"""Every conformance sample in tests/pe_samples passes under winelike, for both architectures.

A sample is a C program using wltest.h: it prints Wine-style failure lines and a
summary, and exits with the number of failures.  Samples that need arguments or
checks beyond their own exit code have dedicated tests elsewhere and are marked
in their source with `WLTEST-MANUAL`.
"""
from __future__ import annotations

import re

import pytest

from conftest import SAMPLES, BIN, ARCHS

SUMMARY = re.compile(rb"(\d+) tests executed \((\d+) marked as todo, (\d+) failures\), (\d+) skipped\.")


def _samples():
    out = []
    for src in sorted((SAMPLES / "src").glob("*.c")):
        text = src.read_text(errors="replace")
        if '"wltest.h"' not in text or "WLTEST-MANUAL" in text:
            continue
        for arch in ARCHS:
            out.append(pytest.param(arch, src.stem, id=f"{arch}-{src.stem}"))
    return out


@pytest.mark.parametrize("arch,name", _samples())
def test_sample(winelike, arch, name):
    exe = BIN / arch / f"{name}.exe"
    assert exe.exists(), f"{exe} is not built: run make -C tests/pe_samples"
    r = winelike("run", str(exe), timeout=300)
    out = r.stdout
    m = SUMMARY.search(out)
    detail = (out.decode(errors="replace") + r.stderr.decode(errors="replace"))[-4000:]
    assert m, f"no summary line from {name} ({arch}), exit {r.returncode}:\n{detail}"
    assert r.returncode == 0 and m.group(3) == b"0", f"{name} ({arch}) failed:\n{detail}"
    assert b"Traceback" not in r.stderr, detail
