"""msvcrt: timefuncs (being written)."""
from . import dll  # noqa: F401
