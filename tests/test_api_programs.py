"""../shared/samples/api-programs in their four builds print exactly the expected output."""
from __future__ import annotations

import pytest

from conftest import BIN

BUILDS = ("x86", "x64", "x86-msvcrt", "x64-msvcrt")
EXPECTED = {
    "hello": b"hello\n",
    "apicalls": b"calls=200000 acc_ok=1\n",
    "cpuloop": b"primes<=5000000: 348513\n",
    "threads": b"event_wait=0 thread_wait=0 value=7 exit=42\n",
}


@pytest.mark.parametrize("build", BUILDS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_api_program(winelike, name, build):
    r = winelike("run", str(BIN / "api" / f"{name}-{build}.exe"))
    # stdout is a pipe in text mode, so msvcrt writes CRLF as it does on Windows and under Wine
    assert r.stdout.replace(b"\r\n", b"\n") == EXPECTED[name], r.stderr.decode(errors="replace")
    assert r.returncode == 0
    assert r.stderr == b""


@pytest.mark.parametrize("build", BUILDS)
def test_fileio(winelike, build):
    """fileio.c: GetTempPathA, CreateFileA/WriteFile/CloseHandle, reopen, ReadFile, DeleteFileA."""
    r = winelike("run", str(BIN / "api" / f"fileio-{build}.exe"))
    out = r.stdout.replace(b"\r\n", b"\n").decode()
    assert r.returncode == 0, r.stderr
    assert out.startswith("path=C:\\users\\") and out.endswith(
        "\\Temp\\wl_test.txt wrote=24 read=24 data=winelike file test 12345 match=1\n"), out
