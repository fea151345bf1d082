"""Guest threads on host threads: who runs, who waits, and waking up.

Design (DESIGN.md "Threads", option b): every guest thread is a host thread with its
own unicorn engine over the shared address space (winelike.cpu.emu.Engines), and
exactly one of them executes at a time: it holds "the CPU".  So `lock`-prefixed
instructions, Interlocked* and every in-process structure a handler touches are
atomic without further locking, as on a single-core machine.

* A thread gives the CPU up when it blocks: in a wait (`wait`), or around a host call
  that may block (`blocking()`: a read from a pipe, a sleep).  The CPU passes directly
  to the first thread in the ready queue (a baton: each thread sleeps on its own lock,
  so a switch wakes exactly one host thread).
* Waiting is keyed: a thread waits for any of a set of keys (objects, guest addresses)
  until its condition holds or a deadline passes; `notify(key)` moves the threads
  waiting on `key` to the ready queue, where each re-checks its condition when it runs.
  A condition is only ever checked with the CPU held, so check-and-consume is atomic.
* A busy thread is preempted: when others have been ready for a whole time slice, it
  yields at the end of its next API call (cpu.emu.request_yield), or, in guest code that
  makes no calls, its engine stops itself at the next block (cpu.emu.request_preempt: a
  block hook of the compiled helper; uc_emu_stop from another thread cannot be used, see
  tests/cpu/test_preempt.py).  It goes to the back of the queue and resumes there.

The lock `S.lock` guards only the scheduler's own fields (owner, ready queue, waiter
lists): it is taken briefly from any host thread, never while guest code runs.
"""
from __future__ import annotations

import collections
import os
import threading
import time

SLICE = 0.005           # seconds a busy thread runs while others are ready
UNPIN_ENV = "WINELIKE_UNPIN"


def unpin_inherited() -> None:
    """Undo a pinned parent's CPU affinity (see Scheduler.pin), at the start of a winelike process."""
    cpus = os.environ.pop(UNPIN_ENV, None)
    if cpus:
        try:
            os.sched_setaffinity(0, {int(c) for c in cpus.split(",")})
        except (OSError, ValueError, AttributeError):
            pass

RUNNING, READY, BLOCKED, HOST = "running", "ready", "blocked", "host"


class Scheduler:
    def __init__(self):
        self.lock = threading.Lock()
        self.owner = None                               # the thread holding the CPU
        self.ready: collections.deque = collections.deque()
        self.waiters: dict = {}                         # key -> {thread: None} (ordered)
        self.switches = 0                               # times the CPU changed hands
        self._watchdog = None
        self.threads = 0                                # live guest threads

    # ---- the CPU -------------------------------------------------------------------
    def _grant_next(self) -> None:
        """Hand the CPU to the first ready thread, or leave it free (self.lock held)."""
        if self.ready:
            t = self.ready.popleft()
            t.sched_state = RUNNING
            self.owner = t
            self.switches += 1
            t.baton.release()
        else:
            self.owner = None

    def acquire(self, t) -> None:
        """`t` wants the CPU (starting, or back from the host): take it or queue for it."""
        with self.lock:
            granted = self._take_or_queue(t)
        if not granted:
            t.baton.acquire()
        t.cpu.sync_memory()
        t.on_resume()

    def _take_or_queue(self, t) -> bool:
        """(lock held) `t` gets the CPU if it is free (True), else joins the ready queue."""
        if self.owner is None:
            self.owner = t
            t.sched_state = RUNNING
            return True
        t.sched_state = READY
        self.ready.append(t)
        return False

    def release(self, t, state=HOST) -> None:
        with self.lock:
            if self.owner is t:
                t.sched_state = state
                self._grant_next()

    def blocking(self, t):
        return _Blocking(self, t)

    def yield_cpu(self, t) -> None:
        """Let ready threads run first (SwitchToThread, Sleep(0), the end of a slice)."""
        with self.lock:
            if not self.ready or self.owner is not t:
                return
            t.sched_state = READY
            self.ready.append(t)
            self._grant_next()
        t.baton.acquire()
        t.cpu.sync_memory()
        t.on_resume()

    # ---- waiting -------------------------------------------------------------------
    def wait(self, t, keys, ready, deadline=None, alerted=None) -> bool:
        """Block `t` until ready() is true (checked with the CPU held) or `deadline` passes.

        keys: what may make ready() true (notify(key) re-checks it); deadline: a
        time.monotonic() value or None for no limit; alerted(): checked like ready(), a
        true result ends the wait as well (APCs).  Returns True when ready() held.
        """
        while True:
            if ready():
                return True
            if alerted is not None and alerted():
                return False
            if deadline is not None and time.monotonic() >= deadline:
                return False
            with self.lock:
                for k in keys:
                    self.waiters.setdefault(k, {})[t] = None
                t.wait_keys = keys
                t.wait_deadline = deadline
                t.sched_state = BLOCKED
                if self.owner is t:
                    self._grant_next()
            if deadline is None:
                t.baton.acquire()
            else:
                timeout = deadline - time.monotonic()
                if timeout <= 0 or not t.baton.acquire(timeout=timeout):
                    with self.lock:
                        if t.sched_state == BLOCKED:       # nobody woke us: want the CPU back
                            self._unregister(t)
                            granted = self._take_or_queue(t)
                        else:
                            granted = False                # woken meanwhile: the baton comes
                    if not granted:
                        t.baton.acquire()
            t.cpu.sync_memory()
            t.on_resume()

    def _unregister(self, t) -> None:
        for k in t.wait_keys:
            w = self.waiters.get(k)
            if w is not None:
                w.pop(t, None)
                if not w:
                    del self.waiters[k]
        t.wait_keys = ()

    def deadlocked(self, t, threads) -> bool:
        """Would `t` blocking forever now leave no thread that could ever run again?"""
        with self.lock:
            return not self.ready and all(o is t or (o.sched_state == BLOCKED and o.wait_deadline is None)
                                          for o in threads)

    def notify(self, key) -> None:
        """Something about `key` changed: its waiters re-check their condition."""
        if key not in self.waiters:
            return
        with self.lock:
            w = self.waiters.get(key)
            if not w:
                return
            for t in list(w):
                self._unregister(t)
                t.sched_state = READY
                self.ready.append(t)
            if self.owner is None:
                self._grant_next()

    def wake(self, t) -> None:
        """Make a blocked thread re-check (an APC was queued, it was resumed, it must exit)."""
        with self.lock:
            if t.sched_state != BLOCKED:
                return
            self._unregister(t)
            t.sched_state = READY
            self.ready.append(t)
            if self.owner is None:
                self._grant_next()

    # ---- placement -----------------------------------------------------------------
    pinned = False

    def pin(self) -> None:
        """Keep all of this process's host threads on the CPU it runs on now.

        Only one guest thread runs at a time, so one CPU loses nothing; but a hand-off between
        threads on two CPUs must wake the other one, which on a VM costs tens of microseconds
        (measured: ping-pong 17,000 switches/s spread, 86,000 on one CPU).
        """
        if self.pinned:
            return
        self.pinned = True
        try:
            with open("/proc/self/stat", "rb") as f:
                cpu = int(f.read().rsplit(b")", 1)[1].split()[37])
            allowed = os.sched_getaffinity(0)
            if cpu not in allowed or len(allowed) < 2:
                return
            # processes started from here (CreateProcess children, a server) must not inherit it
            os.environ[UNPIN_ENV] = ",".join(str(c) for c in sorted(allowed))
            for tid in os.listdir("/proc/self/task"):
                try:
                    os.sched_setaffinity(int(tid), {cpu})
                except OSError:
                    pass
        except (OSError, ValueError, IndexError, AttributeError):
            pass                     # not Linux, or not allowed: run spread out

    # ---- preemption ----------------------------------------------------------------
    def start_watchdog(self) -> None:
        if self._watchdog is None:
            self._watchdog = threading.Thread(target=self._watch, name="winelike-slices", daemon=True)
            self._watchdog.start()

    def _watch(self) -> None:
        from winelike.cpu.emu import request_preempt, request_yield, trap_calls
        last = None
        while True:
            time.sleep(SLICE)
            owner = self.owner
            if owner is None or not self.ready:
                last = None
                continue
            mark = (owner, self.switches, trap_calls())
            if last is not None and mark[:2] == last[:2]:
                # the same thread held the CPU for a whole slice
                if mark[2] != last[2]:
                    request_yield()          # it makes API calls: give way after the next one
                elif owner.cpu.preemptible:
                    request_preempt()        # pure guest code: stop at the next block
                last = None
            else:
                last = mark


class _Blocking:
    __slots__ = ("s", "t")

    def __init__(self, s, t):
        self.s, self.t = s, t

    def __enter__(self):
        self.s.release(self.t)

    def __exit__(self, *exc):
        self.s.acquire(self.t)
