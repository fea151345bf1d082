#!/usr/bin/env python3
"""GUI figures: FillRect calls/s, full-window 640x480 BitBlt frames/s shown through SDL, and
PostMessage -> GetMessage round trips/s, for both architectures.

    python bench/gui.py [--quick]

The guest is bench/bin/guibench-ARCH.exe (bench/src/guibench.c), timed inside the guest with
QueryPerformanceCounter.  The blit figure runs SDL with its dummy video driver
(WINELIKE_HEADLESS=0, SDL_VIDEODRIVER=dummy): every frame goes through the whole presenting
path (compose, SDL_UpdateTexture, RenderCopy, RenderPresent); the worker also counts the frames
the display really presented.  Each measurement runs in a fresh interpreter; best of the repeats.
`rows(quick)` gives bench/run.py its table rows.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXE = os.path.join(HERE, "bin", "guibench-{arch}.exe")
ARCHS = ("x86", "x64")
TARGETS = {"fillrect": 50_000, "blit": 60, "post": 20_000}
LABELS = {"fillrect": "FillRect 8x8 calls/s", "blit": "BitBlt 640x480 frames/s (SDL)",
          "post": "PostMessage+GetMessage round trips/s"}


def worker(arch, mode, n):
    """In this interpreter: run guibench MODE N; print {"secs", "n", "frames"}."""
    import contextlib
    import io
    sys.path.insert(0, ROOT)
    from winelike.prefix import Prefix
    from winelike.process import Process
    prefix = Prefix(os.environ.get("WINELIKEPREFIX") or tempfile.mkdtemp(prefix="wl-guibench-")).ensure()
    proc = Process(prefix, EXE.format(arch=arch), [mode, str(n)])
    proc.load()
    out = io.StringIO()
    r, w = os.pipe()
    saved = os.dup(1)
    os.dup2(w, 1)
    try:
        code = proc.run()
        try:
            from winelike.dlls.msvcrt.stdio import flush_all_streams
            flush_all_streams()
        except Exception:
            pass
    finally:
        os.dup2(saved, 1)
        os.close(w)
    data = os.read(r, 4096).decode()
    os.close(r)
    secs, count = data.split()[:2]
    from winelike.gui import display
    d = display.active()
    frames = d.frames if d is not None else 0
    driver = d.sdl.driver if d is not None and d.sdl is not None else "headless"
    print(json.dumps({"secs": float(secs), "n": int(count), "frames": frames, "code": code, "driver": driver}))


def measure(arch, mode, n, repeats):
    env = dict(os.environ)
    env.pop("WINELIKE_DEBUG", None)
    if mode == "blit":
        env.update(WINELIKE_HEADLESS="0", SDL_VIDEODRIVER="dummy")
    else:
        env["WINELIKE_HEADLESS"] = "1"
    best = None
    for _ in range(repeats):
        r = subprocess.run([sys.executable, __file__, "--worker", arch, mode, str(n)], capture_output=True,
                           env=env, cwd=ROOT, timeout=600)
        if r.returncode != 0:
            raise SystemExit(f"guibench {arch} {mode} failed: {r.stdout!r} {r.stderr[-2000:]!r}")
        res = json.loads(r.stdout.decode().strip().splitlines()[-1])
        if best is None or res["secs"] < best["secs"]:
            best = res
    best["rate"] = best["n"] / best["secs"]
    return best


def rows(quick: bool):
    sizes = {"fillrect": 5_000 if quick else 20_000, "blit": 60 if quick else 300, "post": 5_000 if quick else 20_000}
    repeats = 2 if quick else 3
    out, res = [], {}
    for mode in ("fillrect", "blit", "post"):
        for arch in ARCHS:
            m = measure(arch, mode, sizes[mode], repeats)
            res[f"{mode}_{arch}"] = m
            ref = ""
            if mode == "blit":
                ref = f"{m['frames']} presented ({m['driver']})"
            out.append((LABELS[mode], arch, f"{m['rate']:,.0f}", ref, "", f">= {TARGETS[mode]:,}",
                        m["rate"] >= TARGETS[mode] and (mode != "blit" or m["frames"] >= m["n"])))
    return out, res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--worker", nargs=3, metavar=("ARCH", "MODE", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker[0], args.worker[1], int(args.worker[2]))
        return 0
    table, _ = rows(args.quick)
    print(f"winelike GUI bench (load {os.getloadavg()[0]:.2f})")
    for fig, arch, v, ref, q, t, ok in table:
        print(f"{fig:38} {arch:4} {v:>10}  {ref:28} {t:10} {'ok' if ok else 'MISS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
