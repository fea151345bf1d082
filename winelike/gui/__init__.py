"""winelike's display backend for user32/gdi32: pixel buffers (surface), the screen (display),
SDL (sdl, imported only with a real display) and scripted input (script).  See docs/gui.md."""
