"""user32.dll: windows and messages arrive with the GUI issue; wsprintf is here already."""
from winelike.dlls.framework import BuiltinDll

dll = BuiltinDll("user32.dll")

from . import wsprintf  # noqa: E402,F401
