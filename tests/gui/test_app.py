"""gui_app: a dialog from resources driven by an input script (typing, a check box, buttons, a timer),
screenshots compared with golden pictures; and the same dialog driven by the keyboard only."""
from __future__ import annotations

import pytest

from conftest import BIN, ARCHS
from guitools import assert_matches_golden, gui_run  # noqa: F401 (fixture)


@pytest.mark.parametrize("arch", ARCHS)
def test_gui_app_mouse(gui_run, tmp_path, arch):
    start, greeted = tmp_path / "start.png", tmp_path / "greeted.png"
    script = (f'wait-window "Greeter"\nscreenshot {start}\ntype "World"\nclick-button "Shout"\n'
              f'click-button "Greet"\nsleep 400\nscreenshot {greeted}\nclick-button "Close"\n')
    r = gui_run(BIN / arch / "gui_app.exe", script)
    out = r.stdout.replace(b"\r\n", b"\n")
    assert r.returncode == 0, (out + r.stderr).decode(errors="replace")
    assert out == b"greeting: Hello, WORLD!\nticks: 3\nDialogBox returned 2\n"
    assert_matches_golden(start, "gui_app_start.png", tmp_path)
    assert_matches_golden(greeted, "gui_app_greeted.png", tmp_path)


def test_gui_app_keyboard(gui_run, tmp_path):
    # Enter presses the default button (Greet); Tab moves to the check box, Space ticks it; Escape closes
    script = ('wait-window "Greeter"\ntype "ann"\nkey Enter\nkey Tab\nkey Space\nkey shift+Tab\n'
              'key Enter\nkey Escape\n')
    r = gui_run(BIN / "x64" / "gui_app.exe", script)
    out = r.stdout.replace(b"\r\n", b"\n")
    assert r.returncode == 0, (out + r.stderr).decode(errors="replace")
    assert out.startswith(b"greeting: Hello, ann!\ngreeting: Hello, ANN!\n"), out
    assert out.endswith(b"DialogBox returned 2\n")


@pytest.mark.parametrize("arch", ARCHS)
def test_gui_paint_window(gui_run, tmp_path, arch):
    """gui_paint: an overlapped window painting shapes, text and child controls; clicks counted in
    the title (the frame is redrawn, the client kept); its close box ends the program."""
    first, second = tmp_path / "paint1.png", tmp_path / "paint2.png"
    # the window is at (40, 30), 400 wide: the close box's middle is at (426, 43)
    script = (f'wait-window "Paint"\nscreenshot {first}\nclick 100 250\nclick 120 250\n'
              f'wait-window "Paint - 2 click(s)"\nscreenshot {second}\nclick 426 43\n')
    r = gui_run(BIN / arch / "gui_paint.exe", script)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    assert r.stdout.replace(b"\r\n", b"\n") == b"clicks: 2\n"
    assert_matches_golden(first, "gui_paint.png", tmp_path)
    assert_matches_golden(second, "gui_paint_clicked.png", tmp_path)


def test_gui_paint_drag_by_caption(gui_run, tmp_path):
    """Dragging the caption moves the window: its close box is then 100 pixels further."""
    r = gui_run(BIN / "x64" / "gui_paint.exe", 'wait-window "Paint"\ndrag 60 43 160 143\nclick 526 143\n')
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    assert r.stdout.replace(b"\r\n", b"\n") == b"clicks: 0\n"


@pytest.mark.parametrize("arch", ARCHS)
def test_sizing_and_moving_with_the_mouse(gui_run, arch):
    """gui_size: a WS_OVERLAPPEDWINDOW at (40, 30), 300x200, min tracking size 200x150, WM_SIZING
    keeping the width even.  Its bottom-right corner is dragged by (+50, +30); its left edge by
    +21 (the program widens that to +20); its bottom edge up past the minimum height; then its
    caption by (+20, +20).  Each drag is one WM_ENTERSIZEMOVE/WM_EXITSIZEMOVE loop."""
    script = ('wait-window "Sizer"\n'
              'drag 339 229 389 259\n'       # corner: (40, 30, 390, 260)
              'drag 40 130 61 130\n'         # left edge: left 61, made 60 by WM_SIZING
              'drag 200 259 200 100\n'       # bottom edge: stops at the 150 minimum, bottom 180
              'drag 150 40 170 60\n'         # caption: moved by (20, 20)
              'close\n')
    r = gui_run(BIN / arch / "gui_size.exe", script)
    out = r.stdout.replace(b"\r\n", b"\n")
    assert r.returncode == 0, (out + r.stderr).decode(errors="replace")
    assert out == b"window 80 50 410 200, client 322 x 123, size/move loops 4/4, sizing yes\n"


def test_frame_hit_test(gui_run):
    """The corners of a sizing frame reach a caption's height along each edge: the bottom edge
    grabbed 10 pixels from the right is the corner, 60 pixels from it the bottom edge."""
    script = ('wait-window "Sizer"\n'
              'drag 329 229 349 249\n'       # bottom-right corner: (40, 30, 360, 250)
              'drag 299 249 319 269\n'       # bottom edge only: (40, 30, 360, 270)
              'close\n')
    r = gui_run(BIN / "x64" / "gui_size.exe", script)
    out = r.stdout.replace(b"\r\n", b"\n")
    assert r.returncode == 0, (out + r.stderr).decode(errors="replace")
    assert out.startswith(b"window 40 30 360 270,"), out
