"""Pixel buffers: a numpy (h, w, 4) uint8 array in Windows 32-bpp DIB byte order (B, G, R, X).

Pillow draws into the same memory (the zero-copy `frombuffer` trick, see
docs/gui.md); numpy does raster operations on a uint32 view.  A buffer may live in
host memory (window surfaces, compatible bitmaps) or in guest memory (32-bpp DIB
sections, bottom-up or top-down), so a program that writes its DIB's bits sees them
drawn and vice versa.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw


class Surface:
    __slots__ = ("w", "h", "bits", "u32", "_img", "_draw", "_base", "_flip", "dirty")

    def __init__(self, w: int, h: int, base: np.ndarray | None = None, bottom_up: bool = False,
                 fill: int = 0):
        """w x h pixels; `base` is a (h, w, 4) contiguous uint8 array to draw into in place
        (rows in memory order; bottom_up means the first row in memory is the bottom one)."""
        self.w, self.h = w, h
        if base is None:
            base = np.empty((max(h, 0), max(w, 0), 4), np.uint8)
            base.view(np.uint32)[...] = fill
        self._base = base
        self._flip = bottom_up
        self.bits = base[::-1] if bottom_up else base       # bits[y, x] with y = 0 at the top
        self.u32 = self.bits.view(np.uint32)[..., 0]
        self._img = None
        self._draw = None
        self.dirty = True

    @property
    def image(self) -> Image.Image:
        """A Pillow "RGBA" image over the same bytes (channels are B, G, R, X: pass colours swapped)."""
        if self._img is None:
            img = Image.frombuffer("RGBA", (self.w, self.h), self._base, "raw", "RGBA", 0,
                                   -1 if self._flip else 1)
            img.readonly = 0
            self._img = img
        return self._img

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        if self._draw is None:
            self._draw = ImageDraw.Draw(self.image)
            self._draw.fontmode = "1"
        return self._draw

    def to_rgb_image(self) -> Image.Image:
        """A copy as an RGB Pillow image (for PNG files)."""
        return Image.fromarray(np.ascontiguousarray(self.bits[..., 2::-1]), "RGB")

    def resized(self, w: int, h: int, fill: int = 0) -> "Surface":
        s = Surface(w, h, fill=fill)
        cw, chh = min(w, self.w), min(h, self.h)
        if cw > 0 and chh > 0:
            s.u32[:chh, :cw] = self.u32[:chh, :cw]
        return s


def colorref_to_pixel(c: int) -> int:
    """COLORREF 0x00BBGGRR -> pixel value of a B,G,R,X uint32 (0x00RRGGBB)."""
    return ((c & 0xFF) << 16) | (c & 0xFF00) | ((c >> 16) & 0xFF)


def pixel_to_colorref(p: int) -> int:
    return ((p & 0xFF) << 16) | (p & 0xFF00) | ((p >> 16) & 0xFF)


def pil_color(c: int) -> tuple:
    """COLORREF -> the 4-tuple Pillow writes into a B,G,R,X buffer."""
    return ((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF, 0)
