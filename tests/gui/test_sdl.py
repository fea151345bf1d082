"""The SDL backend under SDL's dummy video driver: presenting a buffer, and SDL events (pushed with
SDL_PushEvent, as a real X server would deliver them) becoming winelike's raw input."""
from __future__ import annotations

import ctypes
import os

import pytest


class FakeDisplay:
    def __init__(self):
        self.events = []

    def post_input(self, ev):
        self.events.append(ev)


@pytest.fixture
def backend(monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    from winelike.gui.sdl import SdlBackend
    b = SdlBackend(64, 48)
    yield b
    b.close()


def test_present_and_events(backend):
    import sdl2
    from winelike.gui.surface import Surface
    assert backend.driver == "dummy"
    backend.present(Surface(64, 48, fill=0x3A6EA5))
    d = FakeDisplay()
    backend.pump(d)          # the window's own start-up events
    d.events.clear()

    def push(ev):
        assert sdl2.SDL_PushEvent(ctypes.byref(ev)) == 1
    ev = sdl2.SDL_Event()
    ev.type = sdl2.SDL_MOUSEBUTTONDOWN
    ev.button.button, ev.button.x, ev.button.y, ev.button.clicks = sdl2.SDL_BUTTON_LEFT, 10, 20, 1
    push(ev)
    ev = sdl2.SDL_Event()
    ev.type = sdl2.SDL_MOUSEBUTTONUP
    ev.button.button, ev.button.x, ev.button.y = sdl2.SDL_BUTTON_RIGHT, 11, 21
    push(ev)
    ev = sdl2.SDL_Event()
    ev.type = sdl2.SDL_KEYDOWN
    ev.key.keysym.sym, ev.key.keysym.scancode = sdl2.SDLK_RETURN, 40
    push(ev)
    ev = sdl2.SDL_Event()
    ev.type = sdl2.SDL_KEYUP
    ev.key.keysym.sym = ord("a")
    push(ev)
    ev = sdl2.SDL_Event()
    ev.type = sdl2.SDL_QUIT
    push(ev)
    backend.pump(d)
    evs = [e for e in d.events if e[0] != "mouse" or e[1] != "move"]
    assert evs == [("mouse", "down", 10, 20, "l"), ("mouse", "up", 11, 21, "r"), ("key", True, 0x0D, 40),
                   ("key", False, 0x41, 0), ("close",)]
