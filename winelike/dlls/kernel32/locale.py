"""kernel32: locale (being written)."""
from . import dll  # noqa: F401
