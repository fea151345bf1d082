#!/usr/bin/env python3
"""winelike benchmarks: speed figures next to their floors, measured in one run.

    python bench/run.py            # full run (a minute or two)
    python bench/run.py --quick    # smaller loops, fewer repeats
    python bench/run.py --json out.json

See bench/README.md for what each figure means and how the floors are built.
Every measurement runs in a fresh worker process (`run.py --worker ...`), so the
trap path (cffi helper or pure Python) can be chosen per worker with
WINELIKE_TRAP, and the winelike and bare-unicorn figures are taken interleaved.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BIN = os.path.join(HERE, "bin")
HELLO = os.path.join(ROOT, "tests", "pe_samples", "bin", "api", "hello-{arch}.exe")
ARCHS = ("x86", "x64")

TARGETS = {
    "apicalls_cffi": 1_000_000,      # calls/s, with the compiled cffi helper
    "apicalls_python": 400_000,      # calls/s, WINELIKE_TRAP=python
    "guest_ratio": 0.9,              # winelike guest speed / bare unicorn
    "hello_warm_ms": 150,
    "hello_fresh_ms": 400,
    "rss_mb": 80,
}


# =============================================================================
# workers (run in a child interpreter; print one JSON object)

def _wl_bench_exe(arch):
    return os.path.join(BIN, f"wlbench-{arch}.exe")


def _wl_run_timed(arch, args, prefix):
    """Run wlbench in a winelike Process in this interpreter; seconds spent in Process.run()."""
    from winelike.process import Process
    proc = Process(prefix, _wl_bench_exe(arch), args)
    proc.load()
    t0 = time.perf_counter()
    code = proc.run()
    dt = time.perf_counter() - t0
    return dt, code, proc.trap_kind


def worker_wl(arch, what, n, repeats):
    """winelike: time of `wlbench <what> n` minus `wlbench api 0` (process start/exit), best of repeats."""
    from winelike.prefix import Prefix
    prefix = Prefix().ensure()
    best = base = float("inf")
    code = kind = None
    for _ in range(repeats):
        dt, code, kind = _wl_run_timed(arch, [what, str(n)], prefix)
        best = min(best, dt)
        b, _, _ = _wl_run_timed(arch, ["api", "0"], prefix)
        base = min(base, b)
    return {"seconds": best, "baseline": base, "net": max(best - base, 1e-9), "code": code, "trap": kind}


def _bare_uc(bits):
    import unicorn
    from unicorn import Uc, UC_ARCH_X86, UC_MODE_32, UC_MODE_64
    return Uc(UC_ARCH_X86, UC_MODE_32 if bits == 32 else UC_MODE_64)


def _map_host(uc, base, size, perms, keep):
    import mmap
    mm = mmap.mmap(-1, size)
    import ctypes
    host = ctypes.addressof(ctypes.c_char.from_buffer(mm))
    uc.mem_map_ptr(base, size, perms, host)
    keep.append(mm)
    return mm


def worker_floor(arch, kind, n, repeats):
    """The trap floor: a guest loop of n calls to a `ret` thunk, trapped exactly as winelike
    traps an API call (winelike.cpu.emu.Cpu.install_trap with a handler table: the cffi
    helper's C hook, or the ctypes hook of the pure-Python path, picked by WINELIKE_TRAP),
    reaching a no-op Python handler(sp, a0..a3) whose result goes to EAX:EDX / RAX.
    No Process, no DLLs: only the CPU object and three mappings."""
    import struct
    from winelike.cpu.emu import Cpu
    from winelike.cpu.memory import PAGE_EXECUTE_READ, PAGE_READWRITE
    bits = 32 if arch == "x86" else 64
    cpu = Cpu(bits)
    code_base, thunk, stack = 0x10000, 0x20000, 0x100000
    cpu.mem.reserve(code_base, 0x10000, PAGE_EXECUTE_READ, tag="loop")
    cpu.mem.reserve(thunk, 0x10000, PAGE_EXECUTE_READ, tag="thunk")
    cpu.mem.reserve(stack, 0x10000, PAGE_READWRITE, tag="stack")
    rel = thunk - (code_base + 5 + 5)
    if bits == 32:
        loop = b"\xBE" + struct.pack("<I", n) + b"\xE8" + struct.pack("<i", rel) + b"\x4E\x75\xF8"
    else:
        loop = b"\xBE" + struct.pack("<I", n) + b"\xE8" + struct.pack("<i", rel) + b"\xFF\xCE\x75\xF7"
    end = code_base + len(loop)
    cpu.mem.write(code_base, loop + b"\xF4")
    cpu.mem.write(thunk, b"\xC3")

    def noop(sp, a0, a1, a2, a3):
        return 0

    def on_error(addr, e):
        raise SystemExit(f"floor: trap error {e!r}")

    table = {thunk: noop}
    got = cpu.install_trap(thunk, thunk + 15, lambda *a: 0, table=table, on_error=on_error)
    if got != kind:
        raise SystemExit(f"floor: wanted the {kind} trap path, got {got}")
    best = float("inf")
    for _ in range(repeats):
        cpu.sp = stack + 0x8000
        t0 = time.perf_counter()
        cpu.uc.emu_start(code_base, end)
        best = min(best, time.perf_counter() - t0)
    return {"seconds": best, "net": best}


def worker_bare_sieve(arch, n, repeats):
    """Bare unicorn running wlbench's exported bench_sieve(sieve_buf, n): the same machine code
    at the same addresses, sections mapped with mem_map_ptr and their own protections, no hooks."""
    import pefile
    from unicorn import x86_const as X
    path = _wl_bench_exe(arch)
    pe = pefile.PE(path, fast_load=True)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_EXPORT"]])
    bits = 64 if pe.FILE_HEADER.Machine == 0x8664 else 32
    base = pe.OPTIONAL_HEADER.ImageBase
    exports = {e.name.decode(): base + e.address for e in pe.DIRECTORY_ENTRY_EXPORT.symbols if e.name}
    fn = exports["bench_sieve"]
    buf = exports["sieve_buf"]          # the exe passes the same static buffer
    best = float("inf")
    result = None
    for _ in range(repeats):
        # a fresh engine and fresh mappings per repeat, as a program run gets (cold TB cache,
        # untouched .bss pages): only emu_start is timed
        uc = _bare_uc(bits)
        keep = []
        hdr = _map_host(uc, base, 0x1000, 1, keep)
        hdr[:0x400] = pe.get_data(0, 0x400).ljust(0x400, b"\0")[:0x400]
        for s in pe.sections:
            size = (max(s.Misc_VirtualSize, s.SizeOfRawData) + 0xFFF) & ~0xFFF
            c = s.Characteristics
            perms = (1 if c & 0x40000000 else 0) | (2 if c & 0x80000000 else 0) | (4 if c & 0x20000000 else 0)
            mm = _map_host(uc, base + s.VirtualAddress, size, perms or 1, keep)
            data = s.get_data()[:s.Misc_VirtualSize or s.SizeOfRawData]
            mm[:len(data)] = data
        stack, sentinel = 0x300000, 0x2000
        _map_host(uc, stack, 0x100000, 3, keep)
        _map_host(uc, sentinel & ~0xFFF, 0x1000, 5, keep)
        uc.mem_write(sentinel, b"\x90" * 16)
        if bits == 32:
            sp = stack + 0x80000
            uc.mem_write(sp, sentinel.to_bytes(4, "little") + buf.to_bytes(4, "little") + n.to_bytes(4, "little"))
            uc.reg_write(X.UC_X86_REG_ESP, sp)
        else:
            sp = stack + 0x80000 - 8
            uc.mem_write(sp, sentinel.to_bytes(8, "little"))
            uc.reg_write(X.UC_X86_REG_RSP, sp)
            uc.reg_write(X.UC_X86_REG_RCX, buf)
            uc.reg_write(X.UC_X86_REG_RDX, n)
        t0 = time.perf_counter()
        uc.emu_start(fn, sentinel)
        best = min(best, time.perf_counter() - t0)
        result = uc.reg_read(X.UC_X86_REG_EAX) & 0xFFFFFFFF
    return {"seconds": best, "net": best, "code": result & 0xFFFF}


def worker_sieve_pair(arch, n, repeats):
    """winelike and bare unicorn, interleaved (one of each per repeat), best of each."""
    wl = {"seconds": float("inf"), "baseline": float("inf")}
    bare = {"seconds": float("inf")}
    for _ in range(repeats):
        w = worker_wl(arch, "sieve", n, 1)
        b = worker_bare_sieve(arch, n, 1)
        wl["seconds"] = min(wl["seconds"], w["seconds"])
        wl["baseline"] = min(wl["baseline"], w["baseline"])
        wl["code"], wl["trap"] = w["code"], w["trap"]
        bare["seconds"] = min(bare["seconds"], b["seconds"])
        bare["code"] = b["code"]
    wl["net"] = max(wl["seconds"] - wl["baseline"], 1e-9)
    bare["net"] = bare["seconds"]
    return {"wl": wl, "bare": bare}


def run_worker(argv):
    kind, arch = argv[0], argv[1]
    n, repeats = int(argv[2]), int(argv[3])
    sys.path.insert(0, ROOT)
    if kind == "wl-api":
        r = worker_wl(arch, "api", n, repeats)
    elif kind == "wl-tick":
        r = worker_wl(arch, "tick", n, repeats)
    elif kind == "wl-sieve":
        r = worker_wl(arch, "sieve", n, repeats)
    elif kind == "floor":
        r = worker_floor(arch, argv[4], n, repeats)
    elif kind == "bare-sieve":
        r = worker_bare_sieve(arch, n, repeats)
    elif kind == "sieve-pair":
        r = worker_sieve_pair(arch, n, repeats)
    else:
        raise SystemExit(f"unknown worker {kind}")
    print(json.dumps(r))


# =============================================================================
# driver

PYCACHE = os.path.join(tempfile.gettempdir(), f"wlbench-pycache-{os.getuid()}")


def _child_env(trap=None, extra=None, bytecode=True):
    """Children run as a user's install does: with a bytecode cache (kept under a temporary
    PYTHONPYCACHEPREFIX so the checkout is not touched), unless bytecode=False."""
    env = dict(os.environ)
    env.pop("WINELIKE_TRAP", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    if not bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX")
    if trap == "python":
        env["WINELIKE_TRAP"] = "python"
    env["PYTHONPATH"] = ROOT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if extra:
        env.update(extra)
    return env


def worker(kind, arch, n, repeats, *extra, trap=None):
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", kind, arch, str(n), str(repeats), *extra]
    out = subprocess.run(cmd, env=_child_env(trap), capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"worker {' '.join(cmd[3:])} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed_child(cmd, env):
    """Wall seconds and peak RSS (MB) of one child process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    _cpu[0] = min(_cpu[0], ru.ru_utime + ru.ru_stime)
    return dt, ru.ru_maxrss / 1024.0, p.returncode, err


_cpu = [float("inf")]      # best CPU time (user+sys) of the children of the last best_of


def best_of(cmd, env, repeats, fresh_prefix=False, expect_rc=0):
    best, rss = float("inf"), 0.0
    _cpu[0] = float("inf")
    for _ in range(repeats):
        tmp = None
        e = env
        if fresh_prefix:
            tmp = tempfile.mkdtemp(prefix="wlbench-prefix-")
            e = dict(env, WINELIKEPREFIX=os.path.join(tmp, "p"))
        dt, r, rc, err = timed_child(cmd, e)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        if expect_rc is not None and rc != expect_rc:
            raise SystemExit(f"{' '.join(cmd)}: exit code {rc}\n{err}")
        best, rss = min(best, dt), max(rss, r)
    return best, rss


def fmt_rate(x):
    return f"{x:,.0f}"


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--worker":
        return run_worker(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller loops, fewer repeats")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    quick = args.quick
    reps = 3 if quick else 5
    n_api = 50_000 if quick else 200_000
    n_sieve = 1_000_000 if quick else 5_000_000
    sys.path.insert(0, ROOT)
    from winelike.cpu.emu import trap_kind
    have_cffi = trap_kind() == "cffi"
    rows = []   # (figure, arch, value, floor/reference, ratio, target, ok)
    res = {"quick": quick, "loadavg": os.getloadavg()[0]}

    def add(fig, arch, value, ref, ratio, target, ok):
        rows.append((fig, arch, value, ref, ratio, target, ok))

    # ---- API calls ----------------------------------------------------------
    traps = (["cffi"] if have_cffi else []) + ["python"]
    for arch in ARCHS:
        for trap in traps:
            wl = worker("wl-api", arch, n_api, reps, trap=trap)
            fl = worker("floor", arch, n_api, reps, trap, trap=trap)
            if wl["trap"] != trap:
                raise SystemExit(f"expected trap path {trap}, winelike used {wl['trap']}")
            rate = n_api / wl["net"]
            floor = n_api / fl["net"]
            tgt = TARGETS[f"apicalls_{trap}"]
            res[f"apicalls_{trap}_{arch}"] = {"rate": rate, "floor": floor, "wl": wl, "floor_raw": fl}
            add(f"apicalls ({trap}) calls/s", arch, fmt_rate(rate), fmt_rate(floor) + " (floor)",
                f"{rate / floor:.2f}", f">= {fmt_rate(tgt)}", rate >= tgt)
            if not quick:
                # informational: GetTickCount, whose handler also reads and scales a clock
                tk = worker("wl-tick", arch, n_api, reps, trap=trap)
                trate = n_api / tk["net"]
                res[f"tick_{trap}_{arch}"] = {"rate": trate, "wl": tk}
                add(f"  GetTickCount ({trap}) calls/s", arch, fmt_rate(trate), fmt_rate(floor) + " (floor)",
                    f"{trate / floor:.2f}", "", None)
    # ---- guest speed --------------------------------------------------------
    for arch in ARCHS:
        pair = worker("sieve-pair", arch, n_sieve, reps)
        wl, bare = pair["wl"], pair["bare"]
        if (wl["code"] & 0xFF) != (bare["code"] & 0xFF):
            raise SystemExit(f"sieve result differs: winelike {wl['code']} bare {bare['code']}")
        ratio = bare["net"] / wl["net"]
        res[f"cpuloop_{arch}"] = {"wl": wl, "bare": bare, "ratio": ratio}
        add("cpuloop guest speed (sieve)", arch, f"{wl['net'] * 1000:.0f} ms",
            f"{bare['net'] * 1000:.0f} ms (bare)", f"{ratio:.2f}", f">= {TARGETS['guest_ratio']}",
            ratio >= TARGETS["guest_ratio"])
    # ---- startup ------------------------------------------------------------
    env = _child_env()
    imp, _ = best_of([sys.executable, "-c", "import unicorn"], env, reps)
    imp_cpu = _cpu[0]
    res["import_unicorn"] = imp
    ref = f"{imp * 1000:.0f} ms (cpu {imp_cpu * 1000:.0f}; import unicorn)"
    rss_all = 0.0
    for arch in ARCHS:
        cmd = [sys.executable, "-m", "winelike", "run", HELLO.format(arch=arch)]
        best_of(cmd, env, 1)            # make sure the default prefix exists (and caches are warm)
        warm, rss = best_of(cmd, env, reps)
        warm_cpu = _cpu[0]
        fresh, rss2 = best_of(cmd, env, reps, fresh_prefix=True)
        fresh_cpu = _cpu[0]
        rss_all = max(rss_all, rss, rss2)
        res[f"hello_{arch}"] = {"warm": warm, "fresh": fresh, "warm_cpu": warm_cpu, "fresh_cpu": fresh_cpu,
                                "rss": max(rss, rss2)}
        add("hello wall, warm", arch, f"{warm * 1000:.0f} ms (cpu {warm_cpu * 1000:.0f})", ref,
            f"{warm / imp:.2f}", f"<= {TARGETS['hello_warm_ms']} ms", warm * 1000 <= TARGETS["hello_warm_ms"])
        add("hello wall, fresh prefix", arch, f"{fresh * 1000:.0f} ms (cpu {fresh_cpu * 1000:.0f})", ref,
            f"{fresh / imp:.2f}", f"<= {TARGETS['hello_fresh_ms']} ms", fresh * 1000 <= TARGETS["hello_fresh_ms"])
    # informational: the same without any bytecode cache (every module compiled from source,
    # as in an environment with PYTHONDONTWRITEBYTECODE=1 and no __pycache__)
    nopyc, _ = best_of([sys.executable, "-m", "winelike", "run", HELLO.format(arch="x64")],
                       _child_env(bytecode=False), max(1, reps // 2))
    res["hello_nopyc"] = nopyc
    add("hello wall, no .pyc (info)", "x64", f"{nopyc * 1000:.0f} ms (cpu {_cpu[0] * 1000:.0f})", ref,
        f"{nopyc / imp:.2f}", "", None)
    # peak RSS of a full run that touches the most memory: the sieve
    for arch in ARCHS:
        cmd = [sys.executable, "-m", "winelike", "run", _wl_bench_exe(arch), "sieve", str(n_sieve)]
        _, rss = best_of(cmd, env, 1, expect_rc=None)
        rss_all = max(rss_all, rss)
    res["peak_rss_mb"] = rss_all
    add("peak RSS (hello, sieve)", "both", f"{rss_all:.1f} MB", "", "", f"<= {TARGETS['rss_mb']} MB",
        rss_all <= TARGETS["rss_mb"])

    # ---- files (bench/files.py) ----------------------------------------------
    sys.path.insert(0, HERE)
    import files
    file_rows, res["files"] = files.rows(quick)
    rows.extend(file_rows)

    # ---- GUI (bench/gui.py) ---------------------------------------------------
    import gui
    gui_rows, res["gui"] = gui.rows(quick)
    rows.extend(gui_rows)

    # ---- registry (bench/registry.py) -------------------------------------------
    import registry
    reg_rows, res["registry"] = registry.rows(quick)
    rows.extend(reg_rows)

    # ---- threads, events, processes (bench/threads.py) ----------------------------
    import threads
    thread_rows, res["threads"] = threads.rows(quick)
    rows.extend(thread_rows)

    # ---- table --------------------------------------------------------------
    head = ("figure", "arch", "winelike", "floor / reference", "ratio", "target", "")
    table = [head] + [(f, a, v, r, q, t, "" if ok is None else "ok" if ok else "MISS")
                      for f, a, v, r, q, t, ok in rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(head))]
    print(f"winelike bench ({'quick' if quick else 'full'}; api calls {n_api:,}, sieve n={n_sieve:,}, "
          f"best of {reps}; load {res['loadavg']:.2f}; cffi helper {'built' if have_cffi else 'NOT built'})")
    for i, row in enumerate(table):
        print("  ".join(str(c).ljust(widths[j]) if j in (0, 1, 5, 6) else str(c).rjust(widths[j])
                        for j, c in enumerate(row)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
