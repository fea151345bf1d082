"""kernel32: console (being written)."""
from . import dll  # noqa: F401
