"""msvcrt.dll: the C runtime that mingw-w64 programs link against."""
from winelike.dlls.framework import BuiltinDll

dll = BuiltinDll("msvcrt.dll")

# one module per area; each registers its exports on import
from . import (state, startup, lowio, stdio, printf_api, scanf, stdlib, string, wcs, ctype,  # noqa: E402,F401
               mbcs, timefuncs, mathfuncs, setjmp, fileio, environ, misc)
