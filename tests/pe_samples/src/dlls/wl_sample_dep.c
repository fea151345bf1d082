/* wl_sample_dep.dll: imports wl_sample.dll, so the loader must initialise wl_sample first. */
#include <windows.h>

typedef void (*log_fn)(const char *event);
__declspec(dllimport) int wl_add(int a, int b);
__declspec(dllimport) int wl_attach_count(void);

static int sample_attached_before_me = -1;

static void report(const char *event)
{
    log_fn f = (log_fn)GetProcAddress(GetModuleHandleA(NULL), "ldr_log_event");
    if (f) f(event);
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH)
    {
        sample_attached_before_me = wl_attach_count();
        report(reserved ? "attach:wl_sample_dep:static" : "attach:wl_sample_dep:dynamic");
    }
    else if (reason == DLL_PROCESS_DETACH)
        report(reserved ? "detach:wl_sample_dep:exit" : "detach:wl_sample_dep:free");
    return TRUE;
}

__declspec(dllexport) int wl_dep_seen_attach(void) { return sample_attached_before_me; }
__declspec(dllexport) int wl_dep_add3(int a, int b, int c) { return wl_add(wl_add(a, b), c); }
/* target of wl_sample's forwarder chain: wl_sample.wl_forward_chain -> here -> kernel32 */
