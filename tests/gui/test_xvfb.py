"""A real SDL window on an X server (Xvfb): what X shows equals winelike's own buffer, pixel for pixel.

Skipped when Xvfb is not installed (apt-get install xvfb).  The X screen is grabbed with
Pillow's ImageGrab (XCB), while the input script keeps the message box up.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import BIN, ROOT


@pytest.fixture
def xvfb(tmp_path):
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed")
    rfd, wfd = os.pipe()
    p = subprocess.Popen(["Xvfb", "-displayfd", str(wfd), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
                         pass_fds=(wfd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(wfd)
    with os.fdopen(rfd) as f:
        num = f.readline().strip()
    try:
        yield f":{num}"
    finally:
        p.terminate()
        p.wait(10)


def test_sdl_window_equals_headless_buffer(xvfb, tmp_path, prefix):
    import numpy as np
    from PIL import Image, ImageGrab
    buf = tmp_path / "buffer.png"
    script = tmp_path / "in.txt"
    script.write_text(f'wait-window "winelike"\nscreenshot {buf}\nsleep 2000\nclick-button "OK"\n')
    env = dict(os.environ, DISPLAY=xvfb, WINELIKEPREFIX=str(prefix))
    env.pop("WINELIKE_HEADLESS", None)
    env.pop("SDL_VIDEODRIVER", None)
    p = subprocess.Popen([sys.executable, "-m", "winelike", "run", "--input-script", str(script),
                          str(BIN / "api" / "msgbox-x64.exe")], env=env, cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not buf.exists() and time.monotonic() < deadline and p.poll() is None:
            time.sleep(0.05)
        assert buf.exists(), p.stderr.read().decode(errors="replace") if p.poll() is not None else "no screenshot"
        time.sleep(0.3)
        # the box stays up for 2 s; the X server may lag behind on a loaded machine: grab until it
        # shows the same picture or the box is gone
        mine = None
        grabs = []
        for _ in range(8):
            grabs.append(np.asarray(ImageGrab.grab(xdisplay=xvfb).convert("RGB")))
            try:
                mine = np.asarray(Image.open(buf).convert("RGB"))
            except OSError:          # still being written
                time.sleep(0.1)
                continue
            if grabs[-1].shape == mine.shape and np.array_equal(grabs[-1], mine):
                break
            time.sleep(0.2)
        grab = grabs[-1]
        out, err = p.communicate(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 0, err.decode(errors="replace")
    assert b"MessageBoxA returned 1" in out
    mine = np.asarray(Image.open(buf).convert("RGB"))
    assert grab.shape == mine.shape
    assert len(np.unique(mine.reshape(-1, 3), axis=0)) > 4          # the box is there, not a blank screen
    assert int(np.count_nonzero(np.any(grab != mine, axis=-1))) == 0
