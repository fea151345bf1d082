"""msvcrt: mathfuncs (being written)."""
from . import dll  # noqa: F401
