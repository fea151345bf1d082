#!/usr/bin/env python3
"""Registry figures: RegSetValueEx + RegQueryValueEx pairs per second, and prefix creation.

    python bench/registry.py [--quick]

* pairs: bench/bin/regbench-ARCH.exe (bench/src/regbench.c) sets and reads back a DWORD N
  times, timed inside the guest; each pair is two server requests.  Next to it, the floor
  measured in the same run: two bare server round trips (a Python client sending
  query_key to the same server), and Wine's own figure when Wine is installed.
* prefix init: `Prefix.init()` of a new prefix in this interpreter (directories, dosdevices
  links, the three .reg files), and the whole `winelike prefix init` command including
  Python's start.  Target <= 0.5 s (Wine's wineboot: 7-10 s here).

Best of several runs each, since the machine is shared.
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
sys.path.insert(0, ROOT)
EXE = os.path.join(HERE, "bin", "regbench-{arch}.exe")
TARGET_INIT_S = 0.5


def guest(arch, n, prefix, wine=False):
    exe = EXE.format(arch=arch)
    if wine:
        env = dict(os.environ, WINEPREFIX=prefix, WINEDEBUG="-all")
        cmd = ["wine", exe, str(n)]
    else:
        env = dict(os.environ, WINELIKEPREFIX=prefix)
        cmd = [sys.executable, "-m", "winelike", "run", exe, str(n)]
    r = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, timeout=600)
    if r.returncode != 0:
        raise SystemExit(f"regbench failed: {r.stdout!r} {r.stderr!r}")
    secs, count = r.stdout.split()
    return float(secs), int(count)


def round_trips(prefix, n):
    from winelike.server.client import connect
    conn = connect(prefix)
    conn.new_process(parent=0, inherit_handles=0)
    h = conn.open_key(parent=0, access=0x20019, options=0, name="User").handle
    t0 = time.perf_counter()
    for _ in range(n):
        conn.query_key(handle=h)
    dt = time.perf_counter() - t0
    conn.close()
    return dt / n


def prefix_init(repeats):
    from winelike.prefix import Prefix
    best = float("inf")
    for _ in range(repeats):
        d = tempfile.mkdtemp(prefix="wl-init-")
        t0 = time.perf_counter()
        Prefix(os.path.join(d, "p")).init()
        best = min(best, time.perf_counter() - t0)
        shutil.rmtree(d, ignore_errors=True)
    return best


def measure(quick=False):
    n = 500 if quick else 3000
    repeats = 2 if quick else 3
    res = {"pairs": n}
    tmp = tempfile.mkdtemp(prefix="wl-regbench-")
    try:
        prefix = os.path.join(tmp, "prefix")
        from winelike.prefix import Prefix
        Prefix(prefix).init()
        res["round_trip_s"] = min(round_trips(prefix, n) for _ in range(repeats))
        for arch in ("x86", "x64"):
            res[f"pair_s_{arch}"] = min(guest(arch, n, prefix)[0] for _ in range(repeats)) / n
        subprocess.run([sys.executable, "-m", "winelike", "server", "--kill", "--prefix", prefix],
                       capture_output=True, cwd=ROOT)
        if shutil.which("wine"):
            wp = os.path.join(tmp, "wineprefix")
            try:
                subprocess.run(["wineboot", "-i"], env=dict(os.environ, WINEPREFIX=wp, WINEDEBUG="-all"),
                               capture_output=True, timeout=300)
                for arch in ("x86", "x64"):
                    res[f"wine_pair_s_{arch}"] = min(guest(arch, n, wp, wine=True)[0] for _ in range(repeats)) / n
                subprocess.run(["wineserver", "-k"], env=dict(os.environ, WINEPREFIX=wp), capture_output=True)
            except (OSError, subprocess.SubprocessError, SystemExit):
                pass
        res["init_inprocess_s"] = prefix_init(3 if quick else 7)
        best = float("inf")
        for i in range(3 if quick else 7):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "winelike", "prefix", "init", os.path.join(tmp, f"cli{i}")],
                           capture_output=True, cwd=ROOT, check=True)
            best = min(best, time.perf_counter() - t0)
        res["init_command_s"] = best
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res


def rows(quick=False):
    """(figure, arch, winelike, reference, ratio, target, ok) rows as bench/run.py prints them, and the raw figures."""
    res = measure(quick)
    out = []
    floor = 1 / (2 * res["round_trip_s"])
    for arch in ("x86", "x64"):
        pairs = 1 / res[f"pair_s_{arch}"]
        wine = res.get(f"wine_pair_s_{arch}")
        ref = f"{floor:,.0f}/s (2 round trips)" + (f"; Wine {1 / wine:,.0f}/s" if wine else "")
        out.append(("RegSetValueEx+RegQueryValueEx pairs/s", arch, f"{pairs:,.0f}", ref, f"{pairs / floor:.2f}",
                    "", None))
    t = res["init_command_s"]
    out.append(("winelike prefix init (whole command)", "-", f"{t:.3f} s",
                f"{res['init_inprocess_s'] * 1000:.1f} ms in-process; wineboot 7-10 s", "",
                f"<= {TARGET_INIT_S} s", t <= TARGET_INIT_S))
    return out, res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    out, _ = rows(args.quick)
    for f, a, v, r, q, t, ok in out:
        print(f"{f:40s} {a:4s} {v:>10s}  {r}  {q}  {t}  {'' if ok is None else 'ok' if ok else 'MISS'}")


if __name__ == "__main__":
    main()
