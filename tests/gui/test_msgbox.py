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


@pytest.mark.parametrize("arch", ["x86", "x64"])
def test_every_button_set(gui_run, tmp_path, arch):
    """gui_msgbox: each MB_ set and icon, answered by click, Enter (the default button), Escape."""
    shot = tmp_path / "b3.png"
    script = f"""
wait-window "B0"
click-button "OK"
wait-window "B1"
key Escape
wait-window "B2"
click-button "Retry"
wait-window "B3"
screenshot {shot}
key Enter
wait-window "B4"
key Enter
wait-window "B5"
click-button "Cancel"
wait-window "B6"
click-button "Continue"
wait-window "B7"
key Escape
"""
    r = gui_run(BIN / arch / "gui_msgbox.exe", script)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    got = r.stdout.replace(b"\r\n", b"\n").decode().split()
    # IDOK 1, IDCANCEL 2, IDRETRY 4, IDNO 7 (MB_DEFBUTTON2), IDNO 7, IDCANCEL 2, IDCONTINUE 11, IDOK 1
    assert got == ["B0", "1", "B1", "2", "B2", "4", "B3", "7", "B4", "7", "B5", "2", "B6", "11", "B7", "1"]
    assert_matches_golden(shot, "msgbox_yesnocancel.png", tmp_path)
