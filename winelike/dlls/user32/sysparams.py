"""System metrics and colours: GetSystemMetrics, GetSysColor, GetSysColorBrush, SystemParametersInfo.

The numbers match what winelike draws (win.py's frame and caption sizes), so a program that
sizes its windows with them gets what it asked for.
"""
from __future__ import annotations

import struct

from winelike.abi.types import BOOL, DWORD, HANDLE, INT, PTR, UINT
from winelike.dlls.winapi import proc, set_last_error
from . import dll

# COLOR_* -> COLORREF (Windows classic scheme)
SYS_COLORS = [
    0xC8D0D4, 0xA56E3A, 0x6A240A, 0x808080, 0xC8D0D4, 0xFFFFFF, 0x000000, 0x000000, 0x000000, 0xFFFFFF,
    0xC8D0D4, 0xC8D0D4, 0x808080, 0x6A240A, 0xFFFFFF, 0xC8D0D4, 0x808080, 0x808080, 0x000000, 0xC8D0D4,
    0xFFFFFF, 0x404040, 0xC8D0D4, 0x000000, 0xE1FFFF, 0xB5B5B5, 0x800000, 0xF0CAA6, 0xC0C0C0, 0x6A240A,
    0xC8D0D4,
]


def sys_color(i: int) -> int:
    return SYS_COLORS[i] if 0 <= i < len(SYS_COLORS) else 0


def sys_color_brush(i: int) -> int:
    from winelike.dlls.gdi32 import objects as GO
    p = proc()
    cache = p.state.setdefault("user32.sysbrush", {})
    h = cache.get(i)
    if h is None:
        b = GO.Brush(GO.BS_SOLID, sys_color(i))
        b.stock = True
        b.sys_color = i
        h = cache[i] = GO.add(b)
    return h


@dll.stdcall
def GetSysColor(index: INT) -> DWORD:
    return sys_color(index)


@dll.stdcall
def GetSysColorBrush(index: INT) -> HANDLE:
    if not 0 <= index < len(SYS_COLORS):
        return 0
    return sys_color_brush(index)


@dll.stdcall
def SetSysColors(n: INT, idx: PTR, vals: PTR) -> BOOL:
    mem = proc().mem
    for i in range(n):
        k = mem.i32(idx + 4 * i)
        if 0 <= k < len(SYS_COLORS):
            SYS_COLORS[k] = mem.u32(vals + 4 * i) & 0xFFFFFF
    return 1


def metrics():
    from winelike.gui import display
    from .win import CAPTION_H, FRAME_THICK, FRAME_DLG, FRAME_BORDER
    w, h = display.screen_size()
    return {
        0: w, 1: h, 2: 16, 3: 16, 4: CAPTION_H, 5: FRAME_BORDER, 6: FRAME_BORDER, 7: FRAME_DLG, 8: FRAME_DLG,
        9: 16, 10: 16, 11: 32, 12: 32, 13: 32, 14: 32, 15: 19, 16: w, 17: h - 30, 19: 1, 20: 16, 21: 16,
        23: 0, 28: 112, 29: 27, 30: 18, 31: 18, 32: FRAME_THICK, 33: FRAME_THICK, 34: 112, 35: 27, 36: 4, 37: 4,
        38: 75, 39: 75, 40: 0, 41: 1, 42: 0, 43: 3, 45: 2, 46: 2, 47: 160, 48: 24, 49: 16, 50: 16, 51: 12,
        52: 15, 53: 15, 54: 15, 55: 19, 56: 8, 57: 160, 58: 24, 59: w + 8, 60: h + 8, 61: w + 8, 62: h - 22,
        63: 0x3, 67: 0, 68: 4, 69: 4, 70: 0, 71: 13, 72: 15, 73: 0, 74: 0, 75: 1, 76: 0, 77: 0, 78: w, 79: h,
        80: 1, 81: 1, 83: 4, 84: 0, 86: 0, 87: 0, 91: 0, 92: 0, 0x1000: 0, 0x1001: 0, 0x2000: 0,
    }


@dll.stdcall
def GetSystemMetrics(index: INT) -> INT:
    return metrics().get(index, 0)


@dll.stdcall
def GetSystemMetricsForDpi(index: INT, dpi: UINT) -> INT:
    return metrics().get(index, 0)


SPI_GETWORKAREA, SPI_GETNONCLIENTMETRICS, SPI_GETICONTITLELOGFONT = 0x30, 0x29, 0x1F


@dll.stdcall
def SystemParametersInfoW(action: UINT, uparam: UINT, pv: PTR, winini: UINT) -> BOOL:
    return _spi(action, uparam, pv, True)


@dll.stdcall
def SystemParametersInfoA(action: UINT, uparam: UINT, pv: PTR, winini: UINT) -> BOOL:
    return _spi(action, uparam, pv, False)


def _spi(action, uparam, pv, wide):
    from winelike.gui import display
    from winelike.dlls.gdi32 import objects as GO
    from winelike.debug import Channel
    mem = proc().mem
    w, h = display.screen_size()
    if action == SPI_GETWORKAREA:
        mem.write(pv, struct.pack("<4i", 0, 0, w, h - 30))
        return 1
    if action in (SPI_GETNONCLIENTMETRICS, SPI_GETICONTITLELOGFONT):
        font = GO.Font(-11, face="MS Shell Dlg").logfont_bytes(wide)
        bold = GO.Font(-11, weight=700, face="MS Shell Dlg").logfont_bytes(wide)
        if action == SPI_GETICONTITLELOGFONT:
            mem.write(pv, font)
            return 1
        size = mem.u32(pv)
        data = struct.pack("<6i", size, 1, 16, 16, 20, 20) + bold + struct.pack("<2i", 16, 16) + bold \
            + struct.pack("<2i", 18, 18) + font + font + font
        if size >= len(data) + 4:
            data += struct.pack("<i", 0)
        mem.write(pv, data[:size] if size else data)
        return 1
    if action in (0x1F00, 0x2000, 0x100A, 0x1002, 0x200A, 0x1016, 0x1042, 0x1018):
        if pv:
            mem.w32(pv, 0)
        return 1
    if action == 0x0068:     # SPI_GETWHEELSCROLLLINES
        mem.w32(pv, 3)
        return 1
    if action == 0x0016:     # SPI_GETKEYBOARDDELAY
        mem.w32(pv, 1)
        return 1
    Channel("win").fixme("SystemParametersInfo", f"action 0x{action:x}")
    set_last_error(120)
    return 0
