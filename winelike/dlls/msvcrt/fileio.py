"""msvcrt: fileio (being written)."""
from . import dll  # noqa: F401
