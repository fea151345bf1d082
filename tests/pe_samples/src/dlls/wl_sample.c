/* wl_sample.dll: a native (non-built-in) DLL for the loader samples (ldr_native, ldr_getproc, ldr_delay).
 * Exports by name and one by ordinal only (wl_sample.def); imports from kernel32 and msvcrt; its DllMain
 * reports attach/detach to the program through the program's own export "ldr_log_event", if it has one. */
#include <windows.h>
#include <string.h>
#include <stdlib.h>

typedef void (*log_fn)(const char *event);

static int attach_count;
static char *heap_block;

static void report(const char *event)
{
    log_fn f = (log_fn)GetProcAddress(GetModuleHandleA(NULL), "ldr_log_event");
    if (f) f(event);
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        attach_count++;
        heap_block = malloc(16);            /* msvcrt import */
        if (heap_block) strcpy(heap_block, "wl_sample");
        report(reserved ? "attach:wl_sample:static" : "attach:wl_sample:dynamic");
        break;
    case DLL_PROCESS_DETACH:
        report(reserved ? "detach:wl_sample:exit" : "detach:wl_sample:free");
        free(heap_block);
        break;
    }
    return TRUE;
}

int wl_add(int a, int b) { return a + b; }
int wl_mul(int a, int b) { return a * b; }                 /* exported by ordinal only (@7 NONAME) */
int wl_attach_count(void) { return attach_count; }
const char *wl_name(void) { return heap_block; }
int wl_strlen(const char *s) { return lstrlenA(s); }      /* kernel32 import */
HMODULE wl_self(void)
{
    HMODULE h = NULL;
    GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       (LPCSTR)wl_self, &h);
    return h;
}
