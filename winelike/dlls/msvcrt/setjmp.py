"""msvcrt: setjmp (being written)."""
from . import dll  # noqa: F401
