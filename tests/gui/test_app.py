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
