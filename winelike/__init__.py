"""winelike: a Wine-style Win32 compatibility layer in Python."""
__version__ = "0.1.0"
