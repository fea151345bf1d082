#!/usr/bin/env python3
"""File I/O figures: winelike next to Python's own, measured in the same run.

    python bench/files.py [--quick] [--dir DIR]

* cycles: N x (CreateFile CREATE_ALWAYS, WriteFile 16 bytes, CloseHandle) in a guest program
  (bench/bin/filebench-ARCH.exe, timed inside the guest with QueryPerformanceCounter), next to
  N x (open(path, "wb"), write 16 bytes, close) in this interpreter, on the same directory.
  Target: winelike <= 5x Python per cycle.  On a disk file system (ext4) both are dominated by
  the truncate-and-rewrite flush; /dev/shm (tmpfs) shows the software cost alone.
* read: ReadFile through a 100 MB file in 1 MB chunks, next to Python's readinto with a 1 MB
  buffer, the file warm in the page cache.  Target: winelike >= 0.5x Python's MB/s.

Runs are interleaved (Python, winelike, Python, winelike...) and the best of each is kept,
because the machine is shared.  `rows(quick)` gives bench/run.py its table rows.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXE = os.path.join(HERE, "bin", "filebench-{arch}.exe")
ARCHS = ("x86", "x64")
TARGET_CYCLE_RATIO = 5.0
TARGET_READ_RATIO = 0.5


def _win(path: str) -> str:
    return "Z:" + path.replace("/", "\\")


def guest(arch: str, *args: str) -> tuple[float, int]:
    """Run filebench under winelike; its own (seconds, count)."""
    env = dict(os.environ)
    env.pop("WINELIKE_DEBUG", None)
    r = subprocess.run([sys.executable, "-m", "winelike", "run", EXE.format(arch=arch), *args],
                       capture_output=True, cwd=ROOT, env=env, timeout=600)
    if r.returncode != 0:
        raise SystemExit(f"filebench {args[0]} failed ({r.returncode}): {r.stdout!r} {r.stderr!r}")
    secs, count = r.stdout.split()
    return float(secs), int(count)


def python_cycles(d: str, n: int) -> float:
    path = os.path.join(d, "py.bin")
    t = time.perf_counter()
    for _ in range(n):
        with open(path, "wb") as f:
            f.write(b"0123456789abcdef")
    return time.perf_counter() - t


def python_read(path: str) -> tuple[float, int]:
    buf = bytearray(1 << 20)
    total = 0
    t = time.perf_counter()
    with open(path, "rb", buffering=0) as f:
        while True:
            n = f.readinto(buf)
            if not n:
                break
            total += n
    return time.perf_counter() - t, total


def measure(d: str, n: int, size_mb: int, repeats: int) -> dict:
    res = {}
    for arch in ARCHS:
        py = wl = float("inf")
        for _ in range(repeats):
            py = min(py, python_cycles(d, n))
            s, count = guest(arch, "cycles", _win(d), str(n))
            assert count == n
            wl = min(wl, s)
        res[f"cycles_{arch}"] = {"python_us": py / n * 1e6, "winelike_us": wl / n * 1e6}
    big = os.path.join(d, "big.bin")
    with open(big, "wb") as f:
        chunk = os.urandom(1 << 20)
        for _ in range(size_mb):
            f.write(chunk)
    python_read(big)                        # warm the page cache
    for arch in ARCHS:
        py = wl = float("inf")
        for _ in range(repeats):
            s, total = python_read(big)
            py = min(py, s)
            s, total = guest(arch, "read", _win(big))
            assert total == size_mb << 20, total
            wl = min(wl, s)
        res[f"read_{arch}"] = {"python_mbs": size_mb / py, "winelike_mbs": size_mb / wl}
    os.unlink(big)
    return res


def rows(quick: bool, d: str | None = None) -> tuple[list, dict]:
    """(figure, arch, winelike, reference, ratio, target, ok) rows as bench/run.py prints them."""
    n = 2_000 if quick else 10_000
    repeats = 2 if quick else 3
    own = d is None
    d = d or tempfile.mkdtemp(prefix="wl-filebench-", dir="/tmp")
    try:
        res = measure(d, n, 100, repeats)
    finally:
        if own:
            shutil.rmtree(d, ignore_errors=True)
    out = []
    for arch in ARCHS:
        c = res[f"cycles_{arch}"]
        ratio = c["winelike_us"] / c["python_us"]
        out.append((f"file create/write/close µs ({n:,})", arch, f"{c['winelike_us']:.1f} µs",
                    f"{c['python_us']:.1f} µs (Python)", f"{ratio:.2f}", f"<= {TARGET_CYCLE_RATIO:g}x",
                    ratio <= TARGET_CYCLE_RATIO))
    for arch in ARCHS:
        r = res[f"read_{arch}"]
        ratio = r["winelike_mbs"] / r["python_mbs"]
        out.append(("ReadFile 100 MB, MB/s", arch, f"{r['winelike_mbs']:.0f}", f"{r['python_mbs']:.0f} (Python)",
                    f"{ratio:.2f}", f">= {TARGET_READ_RATIO:g}x", ratio >= TARGET_READ_RATIO))
    return out, {"dir": d, "cycles": n, **res}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--dir", help="directory to work in (default: a new one under /tmp)")
    args = ap.parse_args(argv)
    sys.path.insert(0, ROOT)
    table, res = rows(args.quick, args.dir)
    print(f"winelike file bench in {res['dir']} (load {os.getloadavg()[0]:.2f})")
    for fig, arch, v, ref, q, t, ok in table:
        print(f"{fig:36} {arch:4} {v:>12} {ref:>22} {q:>6}  {t:8} {'ok' if ok else 'MISS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
