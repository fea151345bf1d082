"""msvcrt: mbcs (being written)."""
from . import dll  # noqa: F401
