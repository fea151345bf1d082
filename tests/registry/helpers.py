"""Shared by the registry tests: a server core in memory with a registry over a prefix directory."""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "server"))
from server_harness import World  # noqa: E402

from winelike.server import registry  # noqa: E402

DATA = os.path.join(os.path.dirname(__file__), "data")
MAXIMUM_ALLOWED = 0x02000000
KEY_READ = 0x20019
HKCU = "User\\S-1-5-21-0-0-0-1000"


def world_with_registry(prefix_dir=None, log=None) -> World:
    w = World()
    if prefix_dir is not None:
        registry.attach(w.core, registry.load(str(prefix_dir), log))
    return w
