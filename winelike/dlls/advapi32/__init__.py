"""advapi32.dll: the registry (registry.py); security and services arrive with their own issues."""
from winelike.dlls.framework import BuiltinDll

dll = BuiltinDll("advapi32.dll")

from . import registry  # noqa: E402,F401  (modules register exports on import)
