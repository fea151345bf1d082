"""kernel32: environ (being written)."""
from . import dll  # noqa: F401
