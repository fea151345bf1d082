"""kernel32: slist (being written)."""
from . import dll  # noqa: F401
