/* A DLL whose export table holds forwarders that loop (self, two-step) and a
   forwarder to a DLL that does not exist; the fuzzer mutates it (see ../pe_mutants.py). */
#include <windows.h>

__declspec(dllexport) int real_func(int x) { return x + 1; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    return TRUE;
}
