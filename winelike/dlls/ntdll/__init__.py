"""ntdll.dll: the Nt*/Rtl* layer beneath kernel32 (heap, last error, loader)."""
from winelike.dlls.framework import BuiltinDll

dll = BuiltinDll("ntdll.dll")

from . import heapapi, rtl, ntapi, slist, loader, registry  # noqa: E402,F401  (modules register exports on import)
