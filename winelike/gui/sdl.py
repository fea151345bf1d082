"""The SDL side of the display: one window showing the desktop buffer, and its input events.

Imported only when a real display is used.  The desktop's B,G,R,X bytes are uploaded as
an SDL_PIXELFORMAT_BGRA32 streaming texture (no conversion).  SDL events become the
display's RawInput tuples: ("mouse", kind, x, y, button), ("wheel", x, y, delta),
("key", down, vk, scancode), ("char", text), ("close",).
"""
from __future__ import annotations

import ctypes
import os
import warnings

VK_FROM_SDL = {}


def _vk_table(sdl2):
    t = {
        sdl2.SDLK_RETURN: 0x0D, sdl2.SDLK_ESCAPE: 0x1B, sdl2.SDLK_BACKSPACE: 0x08, sdl2.SDLK_TAB: 0x09,
        sdl2.SDLK_SPACE: 0x20, sdl2.SDLK_LEFT: 0x25, sdl2.SDLK_UP: 0x26, sdl2.SDLK_RIGHT: 0x27,
        sdl2.SDLK_DOWN: 0x28, sdl2.SDLK_DELETE: 0x2E, sdl2.SDLK_HOME: 0x24, sdl2.SDLK_END: 0x23,
        sdl2.SDLK_PAGEUP: 0x21, sdl2.SDLK_PAGEDOWN: 0x22, sdl2.SDLK_INSERT: 0x2D,
        sdl2.SDLK_LSHIFT: 0x10, sdl2.SDLK_RSHIFT: 0x10, sdl2.SDLK_LCTRL: 0x11, sdl2.SDLK_RCTRL: 0x11,
        sdl2.SDLK_LALT: 0x12, sdl2.SDLK_RALT: 0x12,
    }
    for i in range(12):
        t[sdl2.SDLK_F1 + i] = 0x70 + i
    for c in range(ord("a"), ord("z") + 1):
        t[c] = c - 32
    for c in range(ord("0"), ord("9") + 1):
        t[c] = c
    return t


class SdlBackend:
    def __init__(self, w: int, h: int):
        os.environ.setdefault("SDL_RENDER_DRIVER", "software")
        warnings.filterwarnings("ignore", message="Using SDL2 binaries")
        import sdl2
        self.sdl2 = sdl2
        sdl2.SDL_SetHint(b"SDL_POLL_SENTINEL", b"0")
        sdl2.SDL_SetHint(b"SDL_QUIT_ON_LAST_WINDOW_CLOSE", b"0")
        sdl2.SDL_SetHint(sdl2.SDL_HINT_RENDER_DRIVER, b"software")
        if sdl2.SDL_Init(sdl2.SDL_INIT_VIDEO) != 0:
            raise RuntimeError(sdl2.SDL_GetError().decode(errors="replace"))
        self.driver = (sdl2.SDL_GetCurrentVideoDriver() or b"?").decode()
        self.window = sdl2.SDL_CreateWindow(b"winelike", sdl2.SDL_WINDOWPOS_CENTERED, sdl2.SDL_WINDOWPOS_CENTERED,
                                            w, h, sdl2.SDL_WINDOW_SHOWN)
        if not self.window:
            raise RuntimeError(sdl2.SDL_GetError().decode(errors="replace"))
        self.renderer = sdl2.SDL_CreateRenderer(self.window, -1, sdl2.SDL_RENDERER_SOFTWARE)
        self.texture = sdl2.SDL_CreateTexture(self.renderer, sdl2.SDL_PIXELFORMAT_BGRA32,
                                              sdl2.SDL_TEXTUREACCESS_STREAMING, w, h)
        self.w, self.h = w, h
        self.vk = _vk_table(sdl2)
        self.event = sdl2.SDL_Event()
        sdl2.SDL_StartTextInput()

    def present(self, surface):
        s = self.sdl2
        bits = surface.bits
        s.SDL_UpdateTexture(self.texture, None, bits.ctypes.data_as(ctypes.c_void_p), surface.w * 4)
        s.SDL_RenderCopy(self.renderer, self.texture, None, None)
        s.SDL_RenderPresent(self.renderer)

    def pump(self, display):
        s = self.sdl2
        ev = self.event
        while s.SDL_PollEvent(ctypes.byref(ev)):
            t = ev.type
            if t == s.SDL_MOUSEMOTION:
                display.post_input(("mouse", "move", ev.motion.x, ev.motion.y, 0))
            elif t in (s.SDL_MOUSEBUTTONDOWN, s.SDL_MOUSEBUTTONUP):
                b = {s.SDL_BUTTON_LEFT: "l", s.SDL_BUTTON_RIGHT: "r", s.SDL_BUTTON_MIDDLE: "m"}.get(ev.button.button)
                if b:
                    kind = ("down" if t == s.SDL_MOUSEBUTTONDOWN else "up")
                    if kind == "down" and ev.button.clicks == 2:
                        kind = "dblclk"
                    display.post_input(("mouse", kind, ev.button.x, ev.button.y, b))
            elif t == s.SDL_MOUSEWHEEL:
                display.post_input(("wheel", None, None, ev.wheel.y * 120))
            elif t in (s.SDL_KEYDOWN, s.SDL_KEYUP):
                vk = self.vk.get(ev.key.keysym.sym)
                if vk:
                    display.post_input(("key", t == s.SDL_KEYDOWN, vk, ev.key.keysym.scancode))
            elif t == s.SDL_TEXTINPUT:
                display.post_input(("char", ev.text.text.decode("utf-8", "replace")))
            elif t == s.SDL_QUIT or (t == s.SDL_WINDOWEVENT and ev.window.event == s.SDL_WINDOWEVENT_CLOSE):
                display.post_input(("close",))

    def close(self):
        s = self.sdl2
        s.SDL_DestroyTexture(self.texture)
        s.SDL_DestroyRenderer(self.renderer)
        s.SDL_DestroyWindow(self.window)
        s.SDL_Quit()
