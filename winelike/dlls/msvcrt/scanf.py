"""msvcrt: scanf (being written)."""
from . import dll  # noqa: F401
