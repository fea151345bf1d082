"""kernel32: lstr (being written)."""
from . import dll  # noqa: F401
