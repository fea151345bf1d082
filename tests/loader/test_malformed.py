"""Malformed PE images: refused in one line naming the problem, or run (and maybe crash) cleanly.

Never a Python traceback, never a hang: the fuzz test runs WINELIKE_FUZZ_COUNT
(default 2,000) mutants of the committed samples, made by pe_mutants.py from
WINELIKE_FUZZ_SEED (default: a fresh seed, printed; set it to reproduce a run),
through the same Process(...).load()/.run() path as `winelike run`, in two
worker processes (fuzz_runner.py).  A few dozen more go through the real
command line.  Reproduce one image:  python tests/loader/pe_mutants.py SEED INDEX DIR
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time

import pytest

import fuzz_runner
import pe_mutants
from conftest import ROOT, BIN

SEED = int(os.environ.get("WINELIKE_FUZZ_SEED") or random.randrange(1 << 32))
COUNT = int(os.environ.get("WINELIKE_FUZZ_COUNT", "2000"))


def _describe(seed, index, outcome, detail):
    return f"[seed {seed}] {pe_mutants.make(seed, index).label()}\n  -> {outcome}: {detail}"


def test_fuzz_malformed_images():
    print(f"\nmalformed-PE fuzz: seed {SEED} (set WINELIKE_FUZZ_SEED={SEED} to reproduce), {COUNT} images")
    t0 = time.monotonic()
    results = fuzz_runner.run(COUNT, SEED, workers=2, timeout=fuzz_runner.TIMEOUT)
    elapsed = time.monotonic() - t0
    counts = fuzz_runner.summarize(results)
    per_class = {}
    for index, (outcome, _, _) in results.items():
        k = pe_mutants.klass_of(index)
        per_class.setdefault(k, {}).setdefault(outcome, 0)
        per_class[k][outcome] += 1
    print(f"{len(results)} images in {elapsed:.1f} s: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for k, c in sorted(per_class.items()):
        print(f"  {k:16} " + ", ".join(f"{o} {n}" for o, n in sorted(c.items())))
    for index, (outcome, detail, _) in sorted(results.items()):
        if outcome == "guest-loop":
            print("  " + _describe(SEED, index, outcome, detail).replace("\n", "\n  "))

    assert len(results) == COUNT
    failures = [_describe(SEED, i, o, d) for i, (o, d, _) in sorted(results.items())
                if o not in fuzz_runner.OK_OUTCOMES]
    assert not failures, f"{len(failures)} of {COUNT} images failed:\n\n" + "\n\n".join(failures[:20])

    # every refusal is one line that starts with the file's name and says what is wrong
    for index, (outcome, detail, _) in results.items():
        if outcome == "refused":
            names = pe_mutants.file_names(index)
            assert any(detail.startswith(f"{name}: ") for name in names), _describe(SEED, index, outcome, detail)
            assert len(detail.split(": ", 1)[1]) >= 8, _describe(SEED, index, outcome, detail)

    # the mutations were deliberate: every class ran often enough to mean something
    all_classes = {f.__name__[2:] for f in pe_mutants.EXE_CLASSES + pe_mutants.DLL_CLASSES}
    if COUNT >= 1000:
        for k in all_classes:
            assert sum(per_class.get(k, {}).values()) >= 20, f"mutation class {k} hardly ran: {per_class.get(k)}"
        # and they both break loading and leave programs runnable
        assert counts.get("refused", 0) > COUNT // 5
        assert counts.get("exit", 0) + counts.get("unimplemented", 0) > COUNT // 20
        assert counts.get("crash", 0) > 0


def test_fuzz_through_the_command_line(tmp_path):
    """A few dozen mutants through `python -m winelike run`: no traceback text on stderr."""
    seed = SEED ^ 0x5A5A5A5A
    n = 36
    env = dict(os.environ, WINELIKEPREFIX=str(tmp_path / "prefix"))
    env.pop("WINELIKE_DEBUG", None)
    subprocess.run([sys.executable, "-m", "winelike", "info"], env=env, capture_output=True, cwd=ROOT)
    pending = list(range(n))
    running = []
    bad = []
    outcomes = {}

    def finish(index, p, d, timed_out):
        err = p.stderr.read().decode("utf-8", "replace")
        p.stderr.close()
        label = pe_mutants.make(seed, index).label()
        lines = [l for l in err.splitlines() if l.strip()]
        if "Traceback" in err or 'File "' in err:
            bad.append(f"[seed {seed}] {label}: traceback on stderr:\n{err[-3000:]}")
        elif timed_out:
            outcomes["timeout"] = outcomes.get("timeout", 0) + 1
        elif p.returncode == 1 and lines and lines[-1].startswith("winelike: ") and \
                any(lines[-1].startswith(f"winelike: {name}: ") for name in pe_mutants.file_names(index)):
            outcomes["refused"] = outcomes.get("refused", 0) + 1
        elif any(l.startswith("winelike: unhandled exception: ") for l in lines):
            if p.returncode == 0:
                bad.append(f"[seed {seed}] {label}: crash report but exit status 0")
            outcomes["crash"] = outcomes.get("crash", 0) + 1
        else:
            outcomes["ran"] = outcomes.get("ran", 0) + 1

    while pending or running:
        while pending and len(running) < 2:
            index = pending.pop()
            d = tempfile.mkdtemp(dir=tmp_path)
            path = pe_mutants.write(pe_mutants.make(seed, index), d)
            p = subprocess.Popen([sys.executable, "-m", "winelike", "run", path], env=env, cwd=ROOT,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 start_new_session=True)     # its children go with it (killpg below)
            running.append((index, p, d, time.monotonic()))
        time.sleep(0.05)
        for item in list(running):
            index, p, d, started = item
            if p.poll() is not None:
                fuzz_runner._kill_group(p.pid)      # a child it started (suspended, say) must not linger
                running.remove(item)
                finish(index, p, d, False)
            elif time.monotonic() - started > fuzz_runner.TIMEOUT:
                p.terminate()
                p.wait()
                fuzz_runner._kill_group(p.pid)
                running.remove(item)
                finish(index, p, d, True)
    print(f"\ncommand line: {n} mutants (seed {seed}): {outcomes}")
    assert not bad, "\n\n".join(bad)


# ---- specific refusals, one per problem ----------------------------------------------------------

def _load(tmp_path, data, name="bad.exe"):
    """(outcome, message) of loading `data` in-process with the guest capped at 256 MB."""
    from winelike.prefix import Prefix
    path = tmp_path / name
    path.write_bytes(bytes(data))
    prefix = Prefix(str(tmp_path / "prefix")).ensure()
    outcome, detail = fuzz_runner.run_image(prefix, str(path), lambda phase: None)
    return outcome, detail


def _image(arch="x86"):
    return pe_mutants.Image((BIN / arch / "smoke.exe").read_bytes())


@pytest.mark.parametrize("arch", ["x86", "x64"])
@pytest.mark.parametrize("mutate, expected", [
    (lambda img: img.b.__delitem__(slice(0x30, None)), "file too small"),
    (lambda img: img.w32(0x3C, 0xFFFFFFF0), "PE header offset 0xfffffff0 is outside the file"),
    (lambda img: img.w16(img.fh + 2, 0), "bad section count 0"),
    (lambda img: img.w16(img.fh + 16, 0x10), "bad optional header size 16"),
    (lambda img: img.w32(img.opt + 56, 0xFFFFFFFF), "bad image size 0xffffffff"),
    (lambda img: img.w32(img.opt + 56, 0x1F000000), "guest memory limit of 256 MB"),
    (lambda img: img.w32(img.opt + 60, 0), "bad header size 0x0"),
    (lambda img: img.w32(img.section(0) + 12, 0xFFFFF000), "is outside the image"),
    (lambda img: img.w32(img.section(0) + 20, 0xFFFFFFF0), "raw data is outside the file"),
    (lambda img: img.set_dir(1, 0xFFFFFFF0, 0x20), "data directory 1 (0xfffffff0+0x20) is outside the image"),
    (lambda img: img.w32(img.opt + 16, 0xFFFFFFF0), "entry point 0xfffffff0 is outside the image"),
    (lambda img: img.wptr(img.opt + 72 + 2 * img.p, (1 << img.bits) - 1), "cannot reserve the process heap"),
    (lambda img: img.wptr(img.opt + 72, 0x7FFFFFFF), "cannot reserve the main thread's stack"),
])
def test_refused_in_one_line(tmp_path, arch, mutate, expected):
    img = _image(arch)
    mutate(img)
    outcome, msg = _load(tmp_path, img.b)
    assert outcome == "refused", msg
    assert msg.startswith("bad.exe: ") and expected in msg and "\n" not in msg


@pytest.mark.parametrize("arch", ["x86", "x64"])
def test_bad_relocation_block_when_relocated(tmp_path, arch):
    img = _image(arch)
    pe_mutants.force_relocation(img, None)
    rva, _ = img.dir(5)
    img.w32(img.off(rva) + 4, 3)        # SizeOfBlock below the 8-byte header
    outcome, msg = _load(tmp_path, img.b)
    assert outcome == "refused" and msg.startswith("bad.exe: ") and "relocation block" in msg, msg


@pytest.mark.parametrize("arch", ["x86", "x64"])
def test_relocated_image_runs(tmp_path, arch):
    img = _image(arch)
    pe_mutants.force_relocation(img, None)
    assert _load(tmp_path, img.b) == ("exit", "exit code 0x0")


@pytest.mark.parametrize("arch", ["x86", "x64"])
def test_forwarder_loops_do_not_hang_binding(tmp_path, arch):
    """fwdloop.dll forwards self_loop to itself and ping<->pong: the imports become stubs, the program runs."""
    corpus = pe_mutants.CORPUS / arch
    (tmp_path / "fwdloop.dll").write_bytes((corpus / "fwdloop.dll").read_bytes())
    assert _load(tmp_path, (corpus / "fwdhost.exe").read_bytes(), "fwdhost.exe") == ("exit", "exit code 0x0")


@pytest.mark.parametrize("arch", ["x86", "x64"])
def test_tls_callbacks_into_garbage_crash_cleanly(tmp_path, arch):
    img = _image(arch)
    rva, _ = img.dir(9)
    text = img.section_named(b".text")
    img.wptr(img.off(rva) + 3 * img.p, img.image_base() + text.VirtualAddress + 1)   # "callbacks" = code bytes
    outcome, msg = _load(tmp_path, img.b)
    assert outcome in ("crash", "refused"), msg
    assert "\n" not in msg
