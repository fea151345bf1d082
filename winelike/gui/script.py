"""Scripted input for GUI programs: `winelike run --input-script FILE`.

One command a line; `#` starts a comment; arguments are words or "quoted strings":

    wait-window "Title" [SECONDS]   wait until a visible top-level window has this title (default 10 s)
    click-button "OK"               click the centre of a visible button with this text (& ignored)
    click X Y                       left click at screen coordinates (also: rclick, dblclick, move X Y)
    drag X1 Y1 X2 Y2                press the left button at X1 Y1, move to X2 Y2, release
    key NAME                        press and release a key: Enter, Tab, Escape, Space, Backspace,
                                    Delete, Left, Right, Up, Down, Home, End, F1..F12, a letter or digit;
                                    modifiers joined with +: ctrl+a, shift+Tab, alt+F4
    type "text"                     type the text (key presses, US layout; others as characters)
    screenshot FILE.png             save the screen as the program shows it now
    wait-idle                       wait until the program has handled everything sent so far
    close                           ask the active window to close (as its close box does)
    sleep MS                        wait MS milliseconds

Before each command the script waits until the program is idle (waiting for messages with
nothing left to do), so a screenshot shows the result of the input before it.  The script
runs on a host thread of its own and feeds the display's input queue, exactly where SDL's
events go.  A command that cannot be done (no such window, no such button, a program that
stays busy) stops the program with exit status 3 and a message saying which line failed.
"""
from __future__ import annotations

import os
import shlex
import sys
import threading
import time

KEYS = {"enter": 0x0D, "return": 0x0D, "tab": 0x09, "escape": 0x1B, "esc": 0x1B, "space": 0x20,
        "backspace": 0x08, "delete": 0x2E, "del": 0x2E, "left": 0x25, "up": 0x26, "right": 0x27,
        "down": 0x28, "home": 0x24, "end": 0x23, "pageup": 0x21, "pagedown": 0x22, "insert": 0x2D}
MODS = {"ctrl": 0x11, "control": 0x11, "shift": 0x10, "alt": 0x12}


class ScriptError(Exception):
    pass


def parse(text: str):
    cmds = []
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        try:
            words = shlex.split(s, comments=True)
        except ValueError as e:
            raise ScriptError(f"line {n}: {e}") from None
        if not words:
            continue
        cmd, args = words[0].lower(), words[1:]
        need = {"wait-window": (1, 2), "click-button": (1, 1), "click": (2, 2), "rclick": (2, 2),
                "dblclick": (2, 2), "move": (2, 2), "drag": (4, 4), "key": (1, 1), "type": (1, 1), "screenshot": (1, 1),
                "sleep": (1, 1), "wait-idle": (0, 0), "close": (0, 0)}.get(cmd)
        if need is None:
            raise ScriptError(f"line {n}: unknown command {cmd!r}")
        if not need[0] <= len(args) <= need[1]:
            raise ScriptError(f"line {n}: {cmd} takes {need[0]}" + (f"-{need[1]}" if need[1] != need[0] else "")
                              + " argument(s)")
        if cmd in ("click", "rclick", "dblclick", "move", "sleep", "drag"):
            try:
                args = [int(a) for a in args]
            except ValueError:
                raise ScriptError(f"line {n}: {cmd} needs numbers") from None
        if cmd == "key":
            parse_key(args[0], n)
        cmds.append((n, cmd, args))
    return cmds


def parse_key(spec: str, n: int = 0):
    parts = spec.split("+")
    mods = []
    for m in parts[:-1]:
        if m.lower() not in MODS:
            raise ScriptError(f"line {n}: unknown modifier {m!r}")
        mods.append(MODS[m.lower()])
    k = parts[-1]
    low = k.lower()
    if low in KEYS:
        vk = KEYS[low]
    elif low.startswith("f") and low[1:].isdigit() and 1 <= int(low[1:]) <= 12:
        vk = 0x6F + int(low[1:])
    elif len(k) == 1 and k.isalnum():
        vk = ord(k.upper())
    else:
        raise ScriptError(f"line {n}: unknown key {k!r}")
    return mods, vk


class Runner:
    def __init__(self, proc, cmds, timeout=10.0):
        self.proc = proc
        self.cmds = cmds
        self.timeout = timeout
        self.thread = threading.Thread(target=self._run, name="winelike-input-script", daemon=True)

    def start(self):
        self.thread.start()

    # ---- helpers ----------------------------------------------------------------------
    def _user(self):
        return self.proc.state.get("user32")

    def _display(self):
        from winelike.gui import display
        return display.get()

    def _idle(self, fn=None, timeout=None):
        """Wait until the GUI thread is idle (optionally running fn there); False on timeout."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while self._user() is None:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        st = self._user()
        ev = threading.Event()
        st.idle_waiters.append((ev, fn))
        for q in list(st.queues.values()):
            q.wake()
        return ev.wait(max(deadline - time.monotonic(), 0.01))

    def _post(self, ev):
        self._display().post_input(ev)

    def _find_window(self, title):
        st = self._user()
        if st is None:
            return None
        for w in list(st.toplevel):
            if not w.destroyed and w.visible and w.text == title:
                return w
        return None

    def _find_button(self, text):
        st = self._user()
        if st is None:
            return None
        want = text.replace("&", "")
        found = []

        def walk(lst):
            for w in lst:
                if w.destroyed or not w.visible:
                    continue
                if w.cls.name.lower() == "button" and w.text.replace("&", "") == want:
                    found.append(w)
                walk(w.children)
        tops = list(st.toplevel)
        if st.active in tops:
            tops.remove(st.active)
            tops.insert(0, st.active)
        walk(tops)
        return found[0] if found else None

    def _click(self, x, y, button="l", double=False):
        self._post(("mouse", "move", x, y, None))
        self._post(("mouse", "down", x, y, button))
        self._post(("mouse", "up", x, y, button))
        if double:
            self._post(("mouse", "dblclk", x, y, button))
            self._post(("mouse", "up", x, y, button))

    def _key(self, vk, mods=()):
        from winelike.dlls.user32.input import SCANCODES
        for m in mods:
            self._post(("key", True, m, SCANCODES.get(m, 0)))
        self._post(("key", True, vk, SCANCODES.get(vk, 0)))
        self._post(("key", False, vk, SCANCODES.get(vk, 0)))
        for m in reversed(mods):
            self._post(("key", False, m, SCANCODES.get(m, 0)))

    def _fail(self, n, msg):
        sys.stderr.write(f"winelike: input script line {n}: {msg}\n")
        sys.stderr.flush()
        try:
            sys.stdout.flush()
        except Exception:
            pass
        os._exit(3)

    # ---- the commands ------------------------------------------------------------------
    def _run(self):
        for n, cmd, args in self.cmds:
            if cmd not in ("sleep",) and not self._idle():
                self._fail(n, f"the program stayed busy for {self.timeout:g} s")
            if cmd == "wait-window":
                limit = float(args[1]) if len(args) > 1 else self.timeout
                deadline = time.monotonic() + limit
                while self._find_window(args[0]) is None:
                    if time.monotonic() > deadline:
                        self._fail(n, f"no window {args[0]!r} after {limit:g} s")
                    time.sleep(0.02)
                self._idle()
            elif cmd == "click-button":
                b = self._find_button(args[0])
                if b is None:
                    self._fail(n, f"no visible button {args[0]!r}")
                x, y = b.client_screen()
                w, h = b.client_size()
                self._click(x + w // 2, y + h // 2)
            elif cmd in ("click", "rclick", "dblclick"):
                self._click(args[0], args[1], "r" if cmd == "rclick" else "l", cmd == "dblclick")
            elif cmd == "drag":
                x1, y1, x2, y2 = args
                self._post(("mouse", "move", x1, y1, None))
                self._post(("mouse", "down", x1, y1, "l"))
                for i in range(1, 5):
                    self._post(("mouse", "move", x1 + (x2 - x1) * i // 4, y1 + (y2 - y1) * i // 4, None))
                self._post(("mouse", "up", x2, y2, "l"))
            elif cmd == "move":
                self._post(("mouse", "move", args[0], args[1], None))
            elif cmd == "key":
                mods, vk = parse_key(args[0], n)
                self._key(vk, mods)
            elif cmd == "type":
                from winelike.dlls.user32.input import char_to_vk
                for c in args[0]:
                    kv = char_to_vk(c)
                    if kv is None:
                        self._post(("char", c))
                    else:
                        vk, shift = kv
                        self._key(vk, (0x10,) if shift else ())
            elif cmd == "screenshot":
                path = args[0]
                disp = self._display()
                if not self._idle(lambda: disp.screenshot(path)):
                    self._fail(n, "the program stayed busy")
            elif cmd == "sleep":
                time.sleep(args[0] / 1000)
            elif cmd == "wait-idle":
                pass
            elif cmd == "close":
                self._post(("close",))


def start(proc, path: str):
    """Read and check the script now (errors before the program starts), run it on its own thread."""
    with open(path, encoding="utf-8") as f:
        cmds = parse(f.read())
    r = Runner(proc, cmds)
    r.start()
    return r
