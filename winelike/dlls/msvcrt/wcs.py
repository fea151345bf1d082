"""msvcrt: wcs (being written)."""
from . import dll  # noqa: F401
