"""kernel32.dll (also answers for kernelbase.dll and the api-ms-win-core-* sets)."""
from winelike.dlls.framework import BuiltinDll

dll = BuiltinDll("kernel32.dll")

# one module per area; each registers its exports on import
from . import (errorapi, processenv, libloader, synch, memoryapi, heapapi, fileapi,  # noqa: E402,F401
               sysinfo, stringapi, debugapi, tlsapi, environ, timeapi, locale, lstr, fls, slist, console, objects, thread,
               mapping, procapi)
