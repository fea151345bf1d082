"""In-process checks of the pixel layer: Pillow really draws into the numpy buffer (the zero-copy
trick relies on Pillow internals), bottom-up buffers, ROP3 results, region algebra, script parsing."""
from __future__ import annotations

import numpy as np
import pytest

from winelike.gui.surface import Surface, pil_color, colorref_to_pixel, pixel_to_colorref


def test_pillow_draws_into_the_numpy_buffer():
    s = Surface(8, 4, fill=0xFFFFFF)
    s.draw.rectangle((1, 1, 2, 2), fill=pil_color(0x0000FF))      # COLORREF red
    assert s.u32[1, 1] == colorref_to_pixel(0x0000FF) == 0xFF0000
    assert s.u32[0, 0] == 0xFFFFFF
    s.u32[3, 7] = 0x123456                                          # numpy writes show in Pillow
    assert s.image.getpixel((7, 3))[:3] == (0x56, 0x34, 0x12)


def test_bottom_up_buffer_in_place():
    base = np.zeros((3, 2, 4), np.uint8)
    s = Surface(2, 3, base=base, bottom_up=True)
    s.draw.point((0, 0), fill=pil_color(0xFFFFFF))
    assert base[2, 0, :3].tolist() == [255, 255, 255]               # the top row is last in memory
    assert pixel_to_colorref(int(s.u32[0, 0])) == 0xFFFFFF


def test_rop3_minterms_match_the_fast_paths():
    from winelike.dlls.gdi32.bitmap import rop3
    rng = np.random.default_rng(1)
    d = rng.integers(0, 1 << 24, (4, 4), dtype=np.uint32)
    s = rng.integers(0, 1 << 24, (4, 4), dtype=np.uint32)
    p = np.uint32(0x00FF00)
    m = np.uint32(0xFFFFFF)
    assert np.array_equal(rop3(d, s, p, 0x8800C6), d & s)
    assert np.array_equal(rop3(d, s, p, 0x660046), (d ^ s) & m)
    # MERGECOPY (P & S) and SRCERASE (S & ~D) only through the generic minterm path
    assert np.array_equal(rop3(d, s, p, 0xC000CA), (p & s) & m)
    assert np.array_equal(rop3(d, s, p, 0x440328), (s & ~d) & m)


def test_region_algebra():
    from winelike.dlls.gdi32.objects import combine_rects, RGN_AND, RGN_OR, RGN_DIFF, RGN_XOR
    a, b = [(0, 0, 10, 10)], [(5, 5, 15, 15)]
    assert combine_rects(a, b, RGN_AND) == [(5, 5, 10, 10)]
    area = lambda rs: sum((r - l) * (bb - t) for l, t, r, bb in rs)
    assert area(combine_rects(a, b, RGN_OR)) == 175
    assert area(combine_rects(a, b, RGN_DIFF)) == 75
    assert area(combine_rects(a, b, RGN_XOR)) == 150


def test_script_parsing():
    from winelike.gui.script import parse, ScriptError, parse_key
    cmds = parse('# c\nwait-window "A b"\nclick 3 4\nkey ctrl+a\ntype "x y"\nsleep 5\n')
    assert [c[1] for c in cmds] == ["wait-window", "click", "key", "type", "sleep"]
    assert cmds[1][2] == [3, 4]
    assert parse_key("shift+Tab") == ([0x10], 0x09)
    assert parse_key("F5") == ([], 0x74)
    for bad in ("click 1", "key hyper+x", "bogus", 'type "unterminated'):
        with pytest.raises(ScriptError):
            parse(bad)
