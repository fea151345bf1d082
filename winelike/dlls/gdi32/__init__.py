"""gdi32.dll: device contexts, GDI objects, drawing, bitmaps and text (process-local objects).

Pixels live in numpy buffers (winelike/gui/surface.py); see docs/gui.md.
"""
from winelike.dlls.framework import BuiltinDll

dll = BuiltinDll("gdi32.dll")

from . import objects, dc, draw, bitmap, text  # noqa: E402,F401
