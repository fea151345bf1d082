"""kernel32: timeapi (being written)."""
from . import dll  # noqa: F401
