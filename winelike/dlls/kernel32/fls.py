"""kernel32: fls (being written)."""
from . import dll  # noqa: F401
