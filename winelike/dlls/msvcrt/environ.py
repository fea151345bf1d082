"""msvcrt: environ (being written)."""
from . import dll  # noqa: F401
