"""msvcrt.dll: the C runtime that mingw-w64 programs link against."""
from winelike.dlls.framework import BuiltinDll

dll = BuiltinDll("msvcrt.dll")

from . import state, startup, lowio, stdio, stdlib, string  # noqa: E402,F401
