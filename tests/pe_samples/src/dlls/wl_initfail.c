/* wl_initfail.dll: its DllMain refuses DLL_PROCESS_ATTACH (for ldr_native's LoadLibrary failure check). */
#include <windows.h>

typedef void (*log_fn)(const char *event);

static void report(const char *event)
{
    log_fn f = (log_fn)GetProcAddress(GetModuleHandleA(NULL), "ldr_log_event");
    if (f) f(event);
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) { report("attach:wl_initfail"); return FALSE; }
    if (reason == DLL_PROCESS_DETACH) report("detach:wl_initfail");
    return TRUE;
}

__declspec(dllexport) int wl_initfail_dummy(void) { return 1; }
