"""The msgbox api-program in its four builds: headless, an input script presses OK (or Enter),
the box seen in a screenshot matches the golden picture."""
from __future__ import annotations

import pytest

from conftest import BIN
from guitools import assert_matches_golden, gui_run  # noqa: F401 (fixture)

BUILDS = ["x86", "x64", "x86-msvcrt", "x64-msvcrt"]


@pytest.mark.parametrize("build", BUILDS)
def test_msgbox_ok_button(gui_run, tmp_path, build):
    shot = tmp_path / "box.png"
    r = gui_run(BIN / "api" / f"msgbox-{build}.exe",
                f'wait-window "winelike"\nscreenshot {shot}\nclick-button "OK"\n')
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    assert r.stdout.replace(b"\r\n", b"\n") == b"MessageBoxA returned 1\n"
    assert_matches_golden(shot, "msgbox.png", tmp_path)


def test_msgbox_enter_key_and_exit_screenshot(gui_run, tmp_path):
    shot = tmp_path / "exit.png"
    r = gui_run(BIN / "api" / "msgbox-x64.exe", 'wait-window "winelike"\nkey Enter\n',
                extra=["--screenshot", str(shot)])
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    assert b"MessageBoxA returned 1" in r.stdout
    assert shot.exists()        # the box is gone by then: the empty desktop


def test_input_script_errors_are_reported(gui_run, tmp_path):
    r = gui_run(BIN / "api" / "msgbox-x64.exe", 'wait-window "no such window" 0.5\n')
    assert r.returncode == 3
    assert b"input script line 1: no window 'no such window'" in r.stderr
    r = gui_run(BIN / "api" / "msgbox-x64.exe", 'frobnicate 1 2\n')
    assert r.returncode == 1 and b"unknown command 'frobnicate'" in r.stderr
