"""msvcrt: misc (being written)."""
from . import dll  # noqa: F401
