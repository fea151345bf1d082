"""Run PE mutants through winelike's run path in a pool of forked workers.

Each worker loads and runs many images in-process, the way `winelike run`
does (cli.cmd_run: Process(...).load(), .run()), with the guest's memory
capped and stdin/stdout on /dev/null, and reports one outcome per image:

  refused        BadImage / StartupError: one line naming the problem
  exit           the program ran and exited (any exit code)
  unimplemented  it called an export winelike does not provide
  crash          the guest crashed (EmulationError): clean one-line report
  guest-loop     still running guest code after the time limit (see below)
  error          any other Python exception: a bug (traceback kept)
  bad-message    refused or crash report, but the message is not one line
  hang           timed out while loading, or not stoppable: a bug
  worker-died    the worker process died (segfault, OOM kill): a bug

The parent enforces the per-image time limit.  On a timeout it sends SIGINT, as
a user pressing Ctrl-C would, then SIGTERM.  A worker that was running guest
code (load() had finished) is running a program that mutated code or data made
loop or wait forever (e.g. mingw's CRT start-up spins on Sleep() when its
.bss lock is not zero), which Windows would do as well: that counts as
"guest-loop", not a failure, provided SIGINT or SIGTERM stopped it; the worker
is replaced.  A timeout during load(), or a worker that only SIGKILL stops,
is a "hang" failure.

Standalone:  python tests/loader/fuzz_runner.py [COUNT] [SEED]
(WLFUZZ_STDERR=FILE keeps the workers' stderr; WLFUZZ_DUMP=FILE writes every result as JSON.)
"""
from __future__ import annotations

import io
import multiprocessing as mp
import os
import signal
import sys
import tempfile
import time
import traceback
from multiprocessing.connection import wait as conn_wait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
import pe_mutants  # noqa: E402

OK_OUTCOMES = ("refused", "exit", "unimplemented", "crash", "guest-loop")
MEM_LIMIT = 256 << 20
TIMEOUT = 10.0
RSS_LIMIT = 1 << 30


def _one_line(msg: str) -> bool:
    return bool(msg.strip()) and "\n" not in msg.strip() and "Traceback" not in msg and len(msg) < 400


def _cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _rss() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def run_image(prefix, path: str, send_phase) -> tuple[str, str]:
    """Load and run one image like cli.cmd_run; (outcome, detail)."""
    from winelike import cli, process
    from winelike.loader.pe import BadImage
    from winelike.process import Process, StartupError
    from winelike.cpu.emu import EmulationError
    from winelike.dlls.framework import UnimplementedCall
    proc = None
    err = io.StringIO()
    old_err = sys.stderr
    sys.stderr = err
    try:
        try:
            proc = Process(prefix, path, [], mem_limit=MEM_LIMIT)
            proc.load()
        except (BadImage, StartupError) as e:
            msg = str(e)
            return ("refused" if _one_line(msg) else "bad-message"), msg
        send_phase("run")
        try:
            code = proc.run()
            return "exit", f"exit code 0x{code & 0xFFFFFFFF:x}"
        except UnimplementedCall as e:
            return "unimplemented", str(e)
        except EmulationError as e:
            report = io.StringIO()
            sys.stderr = report
            cli._crash_report(proc, e)
            sys.stderr = err
            text = report.getvalue()
            first = text.splitlines()[0] if text else ""
            if not first.startswith("winelike: unhandled exception:") or "Traceback" in text \
                    or "no further details" in text:
                return "bad-message", text
            return "crash", first
        except KeyboardInterrupt:
            return "guest-loop", "interrupted by SIGINT"
    except KeyboardInterrupt:
        return "hang", "interrupted by SIGINT while loading"
    except BaseException:
        return "error", traceback.format_exc()
    finally:
        sys.stderr = old_err
        process.current = None
        del proc


def _worker(conn, seed: int):
    """Child: read indexes, answer (index, outcome, detail)."""
    os.setsid()        # a process group of its own: _kill_group also ends what its mutants started
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):
        os.dup2(devnull, fd)
    os.dup2(os.open(os.environ.get("WLFUZZ_STDERR", os.devnull), os.O_WRONLY | os.O_CREAT | os.O_APPEND), 2)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from winelike.prefix import Prefix
    work = tempfile.mkdtemp(prefix="wlfuzz-")
    prefix = Prefix(os.path.join(work, "prefix")).ensure()
    while True:
        try:
            index = conn.recv()
        except EOFError:
            return
        if index is None:
            return
        d = tempfile.mkdtemp(dir=work)
        try:
            m = pe_mutants.make(seed, index)
            path = pe_mutants.write(m, d)
            outcome, detail = run_image(prefix, path, lambda phase: conn.send(("phase", index, phase)))
        except BaseException:
            outcome, detail = "error", "mutant generation: " + traceback.format_exc()
        finally:
            for name in os.listdir(d):
                os.unlink(os.path.join(d, name))
            os.rmdir(d)
        retire = _rss() > RSS_LIMIT      # memory kept across many processes: let a fresh worker go on
        conn.send(("done", index, outcome, detail, retire))
        if retire:
            return


def _kill_group(pid: int) -> None:
    """SIGKILL a worker's process group: the worker and any child process a mutant started
    (CreateProcess with CREATE_SUSPENDED, say) that would otherwise outlive the run."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class _Slot:
    def __init__(self, ctx, seed):
        self.conn, child = ctx.Pipe()
        self.p = ctx.Process(target=_worker, args=(child, seed), daemon=True)
        self.p.start()
        child.close()
        self.index = None
        self.started = 0.0
        self.cpu0 = 0.0
        self.phase = "load"

    def give(self, index):
        self.index, self.phase = index, "load"
        self.started, self.cpu0 = time.monotonic(), _cpu_seconds(self.p.pid)
        self.conn.send(index)

    def stop(self):
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.p.join(2)
        _kill_group(self.p.pid)
        self.p.join()


def run(count: int, seed: int, workers: int = 2, timeout: float = TIMEOUT, progress=None):
    """Run mutants 0..count-1; returns {index: (outcome, detail, seconds)}."""
    ctx = mp.get_context("fork")
    slots = [_Slot(ctx, seed) for _ in range(workers)]
    todo = list(range(count))
    results = {}
    todo.reverse()
    for s in slots:
        if todo:
            s.give(todo.pop())
    try:
        while any(s.index is not None for s in slots):
            busy = [s for s in slots if s.index is not None]
            ready = conn_wait([s.conn for s in busy] + [s.p.sentinel for s in busy], timeout=0.5)
            now = time.monotonic()
            for i, s in enumerate(slots):
                if s.index is None:
                    continue
                finished = None
                if s.conn in ready:
                    try:
                        msg = s.conn.recv()
                    except (EOFError, OSError):
                        msg = None
                    if msg is None:
                        finished = ("worker-died", f"exit status {s.p.exitcode}")
                    elif msg[0] == "phase":
                        s.phase = msg[2]
                        continue
                    else:
                        finished = (msg[2], msg[3])
                        if msg[4]:
                            s.p.join(5)
                elif not s.p.is_alive():
                    finished = ("worker-died", f"exit status {s.p.exitcode}")
                elif now - s.started > timeout:
                    finished = _timed_out(s, timeout)
                if finished is None:
                    continue
                results[s.index] = (*finished, time.monotonic() - s.started)
                if progress:
                    progress(s.index, finished[0])
                if finished[0] in ("worker-died", "hang", "guest-loop"):
                    _kill_group(s.p.pid)
                    s.p.join()
                if not s.p.is_alive():
                    s.conn.close()
                    slots[i] = s = _Slot(ctx, seed)
                s.index = None
                if todo:
                    s.give(todo.pop())
    finally:
        for s in slots:
            s.stop()
    return results


def _timed_out(s, timeout):
    """Decide what a timed-out image was (see the module docstring)."""
    cpu = _cpu_seconds(s.p.pid) - s.cpu0
    wall = time.monotonic() - s.started
    phase = s.phase
    how = None
    os.kill(s.p.pid, signal.SIGINT)         # what a user does first
    if s.conn.poll(3):
        try:
            msg = s.conn.recv()
            if msg[0] == "done":
                how = "stopped by Ctrl-C"
        except (EOFError, OSError):
            pass
    if how is None and s.p.is_alive():
        # unicorn does not return to Python while the guest loops without calling an API,
        # so Ctrl-C waits; SIGTERM (kill) still ends the process
        s.p.terminate()
        s.p.join(2)
        if not s.p.is_alive():
            how = "Ctrl-C ignored while in guest code; ended by SIGTERM"
    _kill_group(s.p.pid)
    s.p.join()
    detail = (f"no result after {timeout:.0f} s in {phase}; {cpu:.1f} s CPU in {wall:.1f} s; "
              f"{how or 'needed SIGKILL'}")
    if phase == "run" and how is not None:
        return "guest-loop", detail
    return "hang", detail


def summarize(results):
    counts = {}
    for outcome, _, _ in results.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def main(argv):
    count = int(argv[1]) if len(argv) > 1 else 200
    seed = int(argv[2]) if len(argv) > 2 else int(os.environ.get("WINELIKE_FUZZ_SEED", "1"))
    t0 = time.monotonic()
    res = run(count, seed)
    print(f"seed {seed}: {count} images in {time.monotonic() - t0:.1f} s: {summarize(res)}")
    slow = sorted(res.items(), key=lambda kv: -kv[1][2])[:5]
    for idx, (o, d, t) in slow:
        print(f"  slowest #{idx} {t:.2f} s {o}: {pe_mutants.make(seed, idx).label()}")
    if os.environ.get("WLFUZZ_DUMP"):
        import json
        with open(os.environ["WLFUZZ_DUMP"], "w") as f:
            json.dump({i: [pe_mutants.make(seed, i).label(), *v] for i, v in res.items()}, f, indent=0)
    for idx, (o, d, t) in sorted(res.items()):
        if o not in OK_OUTCOMES or o == "guest-loop":
            print(f"--- {o}: {pe_mutants.make(seed, idx).label()}\n{d}")


if __name__ == "__main__":
    main(sys.argv)
