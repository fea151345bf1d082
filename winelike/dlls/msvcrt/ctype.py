"""msvcrt: ctype (being written)."""
from . import dll  # noqa: F401
