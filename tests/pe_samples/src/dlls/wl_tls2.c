/* wl_tls2.dll: the same DLL as wl_tls.dll under another name, for ldr_tls to load with LoadLibrary. */
#include "wl_tls.c"
