"""ntdll: ntapi (being written)."""
from . import dll  # noqa: F401
