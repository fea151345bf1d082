"""../shared/samples/api-programs in their four builds print exactly the expected output."""
from __future__ import annotations

import pytest

from conftest import BIN

BUILDS = ("x86", "x64", "x86-msvcrt", "x64-msvcrt")
EXPECTED = {
    "hello": b"hello\n",
    "apicalls": b"calls=200000 acc_ok=1\n",
    "cpuloop": b"primes<=5000000: 348513\n",
}


@pytest.mark.parametrize("build", BUILDS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_api_program(winelike, name, build):
    r = winelike("run", str(BIN / "api" / f"{name}-{build}.exe"))
    # stdout is a pipe in text mode, so msvcrt writes CRLF as it does on Windows and under Wine
    assert r.stdout.replace(b"\r\n", b"\n") == EXPECTED[name], r.stderr.decode(errors="replace")
    assert r.returncode == 0
    assert r.stderr == b""
