"""The screen: a virtual desktop surface that user32 composites top-level windows into, shown in
one SDL window when a display exists, or kept in memory only (headless).

Headless is chosen when WINELIKE_HEADLESS=1 or when neither DISPLAY nor WAYLAND_DISPLAY is
set (WINELIKE_HEADLESS=0 forces SDL); SDL is then never imported, so a headless GUI run costs no SDL start-up.  With a
display, SDL (pysdl2 + pysdl2-dll) is imported on first use, with the software renderer and
the SDL_POLL_SENTINEL=0 hint (docs/gui.md says why).  Input, from SDL or from an input
script (gui/script.py), arrives as RawInput events in one thread-safe queue that user32
turns into window messages.
"""
from __future__ import annotations

import collections
import os
import threading

from winelike.debug import Channel
from winelike.gui.surface import Surface

ch = Channel("display")

DEFAULT_SIZE = (640, 480)
DESKTOP_COLOR = 0x3A6EA5        # pixel value (0x00RRGGBB): Windows' classic teal-blue desktop


def screen_size():
    spec = os.environ.get("WINELIKE_SCREEN", "")
    try:
        w, h = (int(v) for v in spec.lower().split("x"))
        if 64 <= w <= 8192 and 64 <= h <= 8192:
            return w, h
    except ValueError:
        pass
    return DEFAULT_SIZE


def headless_wanted() -> bool:
    """WINELIKE_HEADLESS=1: no SDL at all; =0: SDL even without a display (SDL_VIDEODRIVER=dummy
    then exercises the whole presenting path, as the benchmark does); unset: SDL when a display exists."""
    v = os.environ.get("WINELIKE_HEADLESS")
    if v == "1":
        return True
    if v == "0":
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class Display:
    def __init__(self):
        w, h = screen_size()
        self.w, self.h = w, h
        self.desktop = Surface(w, h, fill=DESKTOP_COLOR)
        self.headless = headless_wanted()
        self.input = collections.deque()       # RawInput tuples, appended by any host thread
        self.lock = threading.Lock()
        self.waker = None                      # user32: wakes a thread waiting for messages
        self.sdl = None
        self.compose_fn = None                 # user32: draws the windows into the desktop
        self.frames = 0

    # ---- input ------------------------------------------------------------------
    def post_input(self, ev):
        """Queue a raw input event (from any host thread) and wake the GUI thread."""
        self.input.append(ev)
        w = self.waker
        if w is not None:
            w()

    def take_input(self):
        try:
            return self.input.popleft()
        except IndexError:
            return None

    # ---- output -----------------------------------------------------------------
    def compose(self):
        if self.compose_fn is not None:
            self.compose_fn(self.desktop)
        return self.desktop

    def present(self):
        """Compose and, with a real display, show the desktop."""
        self.compose()
        self.frames += 1
        if not self.headless:
            if self.sdl is None:
                self._start_sdl()
            if self.sdl is not None:
                self.sdl.present(self.desktop)

    def pump(self):
        """Move pending SDL events into the input queue (no-op headless)."""
        if self.sdl is not None:
            self.sdl.pump(self)

    def screenshot(self, path: str):
        self.compose().to_rgb_image().save(path)

    def _start_sdl(self):
        try:
            from winelike.gui.sdl import SdlBackend
            self.sdl = SdlBackend(self.w, self.h)
            ch.trace("start", f"SDL video driver {self.sdl.driver}")
        except Exception as e:     # no usable SDL: carry on headless, loudly
            import sys
            sys.stderr.write(f"winelike: no SDL display ({e}); running headless\n")
            self.headless = True
            self.sdl = None

    def close(self):
        if self.sdl is not None:
            self.sdl.close()
            self.sdl = None


_display: Display | None = None


def get() -> Display:
    global _display
    if _display is None:
        _display = Display()
    return _display


def active() -> Display | None:
    return _display
