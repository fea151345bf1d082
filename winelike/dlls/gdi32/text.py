"""Fonts and text: CreateFont(Indirect), TextOut/ExtTextOut, GetTextExtentPoint32, GetTextMetrics,
and draw_text(), the engine behind user32's DrawText.

Every font maps to one of the DejaVu faces shipped in winelike/gui/fonts (Sans, Sans Bold,
Sans Mono), so the same program draws the same pixels on every machine.  Glyphs are
rendered by FreeType through Pillow without anti-aliasing (classic GDI look) and with
the basic layout engine, whose hinted integer advances make GetTextExtentPoint32 agree
exactly with what TextOut draws.
"""
from __future__ import annotations

import os
import struct
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from winelike.abi.types import BOOL, DWORD, HANDLE, INT, LPCSTR, LPCWSTR, PTR, UINT
from winelike.dlls.winapi import proc
from winelike.gui.surface import colorref_to_pixel
from . import dll
from . import objects as O
from .objects import ch
from .dc import get_dc, OPAQUE
from .draw import rop2_apply

FONT_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "gui", "fonts")
SANS, BOLD, MONO = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"
CELL_PER_EM = 1.164          # DejaVu's (ascent + descent) / em

TA_UPDATECP, TA_RIGHT, TA_CENTER, TA_BOTTOM, TA_BASELINE = 1, 2, 6, 8, 24
ETO_OPAQUE, ETO_CLIPPED, ETO_GLYPH_INDEX = 2, 4, 0x10
_MONO_FACES = ("courier", "mono", "fixedsys", "terminal", "consolas", "lucida console", "system fixed")


@lru_cache(maxsize=64)
def pil_font(fname: str, size: int):
    return ImageFont.truetype(os.path.join(FONT_DIR, fname), max(size, 1),
                              layout_engine=ImageFont.Layout.BASIC)


class RealFont:
    """A Font resolved to a face file and a pixel size, with its metrics."""

    def __init__(self, font):
        face = (font.face or "").lower()
        mono = (font.pitch_family & 3) == 1 or any(m in face for m in _MONO_FACES)
        self.fname = MONO if mono else (BOLD if font.weight >= 600 else SANS)
        h = font.height
        if h < 0:
            em = -h
        elif h > 0:
            em = max(int(round(h / CELL_PER_EM)), 1)
        else:
            em = 12
        self.em = em
        self.pil = pil_font(self.fname, em)
        self.ascent, self.descent = self.pil.getmetrics()
        self.height = self.ascent + self.descent
        self.italic, self.underline, self.strikeout = font.italic, font.underline, font.strikeout
        self.weight = font.weight or 400
        self.mono = mono
        self.face = font.face or "System"
        self.charset = font.charset
        self.ave = int(round(self.pil.getlength("x")))
        self.maxw = int(round(max(self.pil.getlength("W"), self.pil.getlength("M"))))
        self._widths = {}

    def char_width(self, c: str) -> int:
        w = self._widths.get(c)
        if w is None:
            w = self._widths[c] = int(round(self.pil.getlength(c))) if c not in "\r\n" else 0
        return w

    def extent(self, s: str, extra: int = 0) -> int:
        return sum(self.char_width(c) for c in s) + extra * len(s)


def realize(font) -> RealFont:
    if font._real is None:
        font._real = RealFont(font)
    return font._real


def render_text(dc, rf, x, y, s, width, dx_list=None, clip_rect=None):
    """Draw s (`width` pixels of advance in RealFont rf) with its top-left cell corner at surface (x, y)
    in the DC's text colour (no background)."""
    h = rf.height
    if width <= 0 or not s:
        return
    pad = rf.maxw
    img = Image.new("1", (width + 2 * pad, h), 0)
    d = ImageDraw.Draw(img)
    if dx_list is None and not dc.text_extra:
        d.text((pad, 0), s, font=rf.pil, fill=1)
    else:
        pos = pad
        for i, c in enumerate(s):
            d.text((pos, 0), c, font=rf.pil, fill=1)
            pos += dx_list[i] if dx_list is not None else rf.char_width(c) + dc.text_extra
    if rf.underline:
        uy = min(rf.ascent + 1, h - 1)
        d.line((pad, uy, pad + width - 1, uy), fill=1)
    if rf.strikeout:
        sy = rf.ascent * 2 // 3
        d.line((pad, sy, pad + width - 1, sy), fill=1)
    mask = np.array(img, bool)
    ox, oy = x - pad, y
    pixel = colorref_to_pixel(dc.text_color)
    # (a glyph may overhang its advance by a pixel, as TrueType glyphs do on Windows)
    l, t, r, b = ox, oy, ox + mask.shape[1], oy + h
    if clip_rect is not None:
        l, t, r, b = max(l, clip_rect[0]), max(t, clip_rect[1]), min(r, clip_rect[2]), min(b, clip_rect[3])

    def op(view, x0, y0):
        vh, vw = view.shape
        m = mask[y0 - oy:y0 - oy + vh, x0 - ox:x0 - ox + vw]
        rop2_apply(view, pixel, 13, m)
    dc.apply_array(l, t, r, b, op)


def text_out(dc, x, y, s, options=0, rect=None, dx_list=None):
    """TextOut/ExtTextOut in logical coordinates; returns the advance."""
    rf = realize(dc.font)
    width = rf.extent(s, dc.text_extra) if dx_list is None else sum(dx_list)
    if dc.text_align & TA_UPDATECP:
        x, y = dc.pos
    ha = dc.text_align & 6
    left = x - width if ha == TA_RIGHT else x - width // 2 if ha == TA_CENTER else x
    va = dc.text_align & 24
    top = y - rf.height if va == TA_BOTTOM else y - rf.ascent if va == TA_BASELINE else y
    dx, dy = dc.dx, dc.dy
    srect = None
    if rect is not None:
        srect = (rect[0] + dx, rect[1] + dy, rect[2] + dx, rect[3] + dy)
        if options & ETO_OPAQUE:
            dc.fill_rect(*srect, colorref_to_pixel(dc.bk_color))
    if dc.bk_mode == OPAQUE and not (options & ETO_OPAQUE and rect is not None) and s:
        l, t, r, b = left + dx, top + dy, left + dx + width, top + dy + rf.height
        if srect is not None and options & ETO_CLIPPED:
            l, t, r, b = max(l, srect[0]), max(t, srect[1]), min(r, srect[2]), min(b, srect[3])
        dc.fill_rect(l, t, r, b, colorref_to_pixel(dc.bk_color))
    render_text(dc, rf, left + dx, top + dy, s, width, dx_list, srect if options & ETO_CLIPPED else None)
    if dc.text_align & TA_UPDATECP:
        if ha == TA_RIGHT:
            dc.pos = (x - width, y)
        elif ha != TA_CENTER:
            dc.pos = (x + width, y)
    return width


# ---- DrawText ----------------------------------------------------------------------

DT_CENTER, DT_RIGHT, DT_VCENTER, DT_BOTTOM, DT_WORDBREAK, DT_SINGLELINE = 1, 2, 4, 8, 0x10, 0x20
DT_EXPANDTABS, DT_NOCLIP, DT_EXTERNALLEADING, DT_CALCRECT, DT_NOPREFIX = 0x40, 0x100, 0x200, 0x400, 0x800
DT_END_ELLIPSIS, DT_HIDEPREFIX, DT_PREFIXONLY = 0x8000, 0x100000, 0x200000


def strip_prefix(s: str):
    """'&File' -> ('File', 0): the text without mnemonic marks and the underlined index (or -1)."""
    out, under, i = [], -1, 0
    while i < len(s):
        c = s[i]
        if c == "&" and i + 1 < len(s):
            if s[i + 1] == "&":
                out.append("&")
                i += 2
                continue
            under = len(out)
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out), under


def _wrap(rf, line, width, extra):
    words = line.split(" ")
    lines, cur = [], ""
    for wd in words:
        cand = wd if not cur else cur + " " + wd
        if rf.extent(cand, extra) <= width or not cur:
            cur = cand
        else:
            lines.append(cur)
            cur = wd
    lines.append(cur)
    return lines


def draw_text(dc, s: str, rect, fmt: int):
    """DrawText: returns (height, new rect for DT_CALCRECT or None)."""
    rf = realize(dc.font)
    l, t, r, b = rect
    under = -1
    if not fmt & DT_NOPREFIX:
        s, under = strip_prefix(s)
        if fmt & DT_HIDEPREFIX:
            under = -1
    if fmt & DT_EXPANDTABS:
        s = s.expandtabs(8)
    lh = rf.height
    if fmt & DT_SINGLELINE:
        lines = [s.replace("\r", "").replace("\n", " ")] if s else [""]
    else:
        lines = s.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if fmt & DT_WORDBREAK:
            wrapped = []
            for ln in lines:
                wrapped.extend(_wrap(rf, ln, r - l, dc.text_extra))
            lines = wrapped
    total = lh * len(lines)
    if fmt & DT_CALCRECT:
        maxw = max((rf.extent(ln, dc.text_extra) for ln in lines), default=0)
        return total, (l, t, l + maxw, t + total)
    y = t
    if fmt & DT_SINGLELINE:
        if fmt & DT_VCENTER:
            y = t + ((b - t) - lh) // 2
        elif fmt & DT_BOTTOM:
            y = b - lh
    align, dc.text_align = dc.text_align, 0
    clip = None if fmt & DT_NOCLIP else (l, t, r, b)
    pos = 0
    dx, dy = dc.dx, dc.dy
    for ln in lines:
        w = rf.extent(ln, dc.text_extra)
        x = l + ((r - l) - w) // 2 if fmt & DT_CENTER else r - w if fmt & DT_RIGHT else l
        options = ETO_CLIPPED if clip else 0
        text_out(dc, x, y, ln, options, clip)
        if 0 <= under - pos < len(ln):
            k = under - pos
            ux = x + rf.extent(ln[:k], dc.text_extra)
            uw = rf.char_width(ln[k])
            uy = y + rf.ascent + 1
            if uw > 0 and (clip is None or clip[1] <= uy < clip[3]):
                dc.fill_rect(ux + dx, uy + dy, ux + dx + uw, uy + dy + 1, colorref_to_pixel(dc.text_color))
        pos += len(ln) + 1
        y += lh
    dc.text_align = align
    if fmt & DT_SINGLELINE and fmt & (DT_VCENTER | DT_BOTTOM):
        return (y - t), None
    return total, None


# ---- exports ------------------------------------------------------------------------

def _logfont(ptr, wide):
    mem = proc().mem
    v = struct.unpack("<5i8B", mem.read(ptr, 28))
    if wide:
        face = mem.wstr(ptr + 28, 32)
    else:
        face = mem.cstr(ptr + 28, 32).decode(proc().acp, "replace")
    return O.Font(*v, face=face)


@dll.stdcall
def CreateFontIndirectW(lf: PTR) -> HANDLE:
    if not lf:
        return 0
    return O.add(_logfont(lf, True))


@dll.stdcall
def CreateFontIndirectA(lf: PTR) -> HANDLE:
    if not lf:
        return 0
    return O.add(_logfont(lf, False))


@dll.stdcall
def CreateFontW(height: INT, width: INT, esc: INT, orient: INT, weight: INT, italic: DWORD, underline: DWORD,
                strike: DWORD, charset: DWORD, out_prec: DWORD, clip_prec: DWORD, quality: DWORD,
                pitch: DWORD, face: LPCWSTR) -> HANDLE:
    return O.add(O.Font(height, width, esc, orient, weight, italic & 0xFF, underline & 0xFF, strike & 0xFF,
                        charset & 0xFF, out_prec & 0xFF, clip_prec & 0xFF, quality & 0xFF, pitch & 0xFF,
                        face or ""))


@dll.stdcall
def CreateFontA(height: INT, width: INT, esc: INT, orient: INT, weight: INT, italic: DWORD, underline: DWORD,
                strike: DWORD, charset: DWORD, out_prec: DWORD, clip_prec: DWORD, quality: DWORD,
                pitch: DWORD, face: LPCSTR) -> HANDLE:
    return CreateFontW(height, width, esc, orient, weight, italic, underline, strike, charset, out_prec,
                       clip_prec, quality, pitch, face)


def _astr(ptr, n):
    p = proc()
    if n < 0:
        return p.mem.cstr(ptr).decode(p.acp, "replace")
    return p.mem.read(ptr, n).decode(p.acp, "replace")


def _wstr(ptr, n):
    p = proc()
    if n < 0:
        return p.mem.wstr(ptr)
    return p.mem.read(ptr, 2 * n).decode("utf-16-le", "replace")


@dll.stdcall
def TextOutW(hdc: HANDLE, x: INT, y: INT, s: PTR, n: INT) -> BOOL:
    dc = get_dc(hdc)
    if dc is None or n < 0:
        return 0
    text_out(dc, x, y, _wstr(s, n) if n else "")
    return 1


@dll.stdcall
def TextOutA(hdc: HANDLE, x: INT, y: INT, s: PTR, n: INT) -> BOOL:
    dc = get_dc(hdc)
    if dc is None or n < 0:
        return 0
    text_out(dc, x, y, _astr(s, n) if n else "")
    return 1


def _ext_text_out(hdc, x, y, options, rc, text, dx):
    dc = get_dc(hdc)
    if dc is None:
        return 0
    mem = proc().mem
    rect = struct.unpack("<4i", mem.read(rc, 16)) if rc else None
    dxl = list(struct.unpack(f"<{len(text)}i", mem.read(dx, 4 * len(text)))) if dx and text else None
    if options & ETO_GLYPH_INDEX:
        ch.fixme("ExtTextOut", "ETO_GLYPH_INDEX drawn as characters")
    text_out(dc, x, y, text, options, rect, dxl)
    return 1


@dll.stdcall
def ExtTextOutW(hdc: HANDLE, x: INT, y: INT, options: UINT, rc: PTR, s: PTR, n: UINT, dx: PTR) -> BOOL:
    return _ext_text_out(hdc, x, y, options, rc, _wstr(s, n) if n and s else "", dx)


@dll.stdcall
def ExtTextOutA(hdc: HANDLE, x: INT, y: INT, options: UINT, rc: PTR, s: PTR, n: UINT, dx: PTR) -> BOOL:
    return _ext_text_out(hdc, x, y, options, rc, _astr(s, n) if n and s else "", dx)


def _extent(hdc, text, size):
    dc = get_dc(hdc)
    if dc is None or not size:
        return 0
    rf = realize(dc.font)
    proc().mem.write(size, struct.pack("<2i", rf.extent(text, dc.text_extra), rf.height))
    return 1


@dll.stdcall
def GetTextExtentPoint32W(hdc: HANDLE, s: PTR, n: INT, size: PTR) -> BOOL:
    return _extent(hdc, _wstr(s, n) if n > 0 else "", size)


@dll.stdcall
def GetTextExtentPoint32A(hdc: HANDLE, s: PTR, n: INT, size: PTR) -> BOOL:
    return _extent(hdc, _astr(s, n) if n > 0 else "", size)


@dll.stdcall
def GetTextExtentPointW(hdc: HANDLE, s: PTR, n: INT, size: PTR) -> BOOL:
    return GetTextExtentPoint32W(hdc, s, n, size)


@dll.stdcall
def GetTextExtentPointA(hdc: HANDLE, s: PTR, n: INT, size: PTR) -> BOOL:
    return GetTextExtentPoint32A(hdc, s, n, size)


def _extent_ex(hdc, text, max_ext, fit, dx, size):
    dc = get_dc(hdc)
    if dc is None:
        return 0
    rf = realize(dc.font)
    mem = proc().mem
    pos, nfit, parts = 0, 0, []
    for c in text:
        pos += rf.char_width(c) + dc.text_extra
        parts.append(pos)
        if pos <= max_ext:
            nfit += 1
    if fit:
        mem.w32(fit, nfit if max_ext >= 0 else len(text))
    if dx:
        mem.write(dx, struct.pack(f"<{len(parts)}i", *parts))
    if size:
        mem.write(size, struct.pack("<2i", pos, rf.height))
    return 1


@dll.stdcall
def GetTextExtentExPointW(hdc: HANDLE, s: PTR, n: INT, max_ext: INT, fit: PTR, dx: PTR, size: PTR) -> BOOL:
    return _extent_ex(hdc, _wstr(s, n) if n > 0 else "", max_ext, fit, dx, size)


@dll.stdcall
def GetTextExtentExPointA(hdc: HANDLE, s: PTR, n: INT, max_ext: INT, fit: PTR, dx: PTR, size: PTR) -> BOOL:
    return _extent_ex(hdc, _astr(s, n) if n > 0 else "", max_ext, fit, dx, size)


def text_metrics(rf: RealFont, wide: bool) -> bytes:
    pitch = (0 if rf.mono else 1) | 2 | 4 | (0x30 if rf.mono else 0x20)
    head = struct.pack("<11i", rf.height, rf.ascent, rf.descent, rf.height - rf.em, 0, rf.ave, rf.maxw,
                       rf.weight, 0, 96, 96)
    if wide:
        return head + struct.pack("<4H5B", 0x20, 0xFFFC, 0x1F, 0x20, 1 if rf.italic else 0,
                                  1 if rf.underline else 0, 1 if rf.strikeout else 0, pitch,
                                  rf.charset) + b"\0" * 3
    return head + struct.pack("<9B", 0x1E, 0xFF, 0x1F, 0x20, 1 if rf.italic else 0, 1 if rf.underline else 0,
                              1 if rf.strikeout else 0, pitch, rf.charset) + b"\0" * 3


@dll.stdcall
def GetTextMetricsW(hdc: HANDLE, tm: PTR) -> BOOL:
    dc = get_dc(hdc)
    if dc is None or not tm:
        return 0
    proc().mem.write(tm, text_metrics(realize(dc.font), True))
    return 1


@dll.stdcall
def GetTextMetricsA(hdc: HANDLE, tm: PTR) -> BOOL:
    dc = get_dc(hdc)
    if dc is None or not tm:
        return 0
    proc().mem.write(tm, text_metrics(realize(dc.font), False))
    return 1


@dll.stdcall
def GetTextFaceW(hdc: HANDLE, n: INT, buf: PTR) -> INT:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    face = realize(dc.font).face
    if not buf:
        return len(face) + 1
    s = face[:max(n - 1, 0)]
    proc().mem.write(buf, s.encode("utf-16-le") + b"\0\0")
    return len(s)


@dll.stdcall
def GetTextFaceA(hdc: HANDLE, n: INT, buf: PTR) -> INT:
    dc = get_dc(hdc)
    if dc is None:
        return 0
    face = proc().encode_astr(realize(dc.font).face)
    if not buf:
        return len(face) + 1
    s = face[:max(n - 1, 0)]
    proc().mem.write(buf, s + b"\0")
    return len(s)


@dll.stdcall
def GetCharWidth32W(hdc: HANDLE, first: UINT, last: UINT, out: PTR) -> BOOL:
    dc = get_dc(hdc)
    if dc is None or last < first:
        return 0
    rf = realize(dc.font)
    proc().mem.write(out, struct.pack(f"<{last - first + 1}i", *(rf.char_width(chr(c)) for c in range(first, last + 1))))
    return 1


@dll.stdcall
def GetCharWidth32A(hdc: HANDLE, first: UINT, last: UINT, out: PTR) -> BOOL:
    dc = get_dc(hdc)
    if dc is None or last < first:
        return 0
    rf = realize(dc.font)
    acp = proc().acp
    ws = [rf.char_width(bytes([c & 0xFF]).decode(acp, "replace")) for c in range(first, last + 1)]
    proc().mem.write(out, struct.pack(f"<{len(ws)}i", *ws))
    return 1


@dll.stdcall
def GetCharWidthW(hdc: HANDLE, first: UINT, last: UINT, out: PTR) -> BOOL:
    return GetCharWidth32W(hdc, first, last, out)


@dll.stdcall
def GetCharWidthA(hdc: HANDLE, first: UINT, last: UINT, out: PTR) -> BOOL:
    return GetCharWidth32A(hdc, first, last, out)
