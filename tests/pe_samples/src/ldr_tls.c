/* Static TLS (the PE TLS directory): the program's own TLS data and callback, a statically imported DLL's
 * (wl_tls.dll) and a DLL loaded with LoadLibrary (wl_tls2.dll, the same code); TLS callbacks run before
 * the entry point with DLL_PROCESS_ATTACH.  Not here: gcc's __thread, which mingw emulates with
 * TlsAlloc and winpthreads (a runtime matter, not the loader's), and a second thread's copies. */
#include "wltest.h"
#include "ldr_tls.h"

__declspec(dllimport) int *wl_tls_value_addr(void);
__declspec(dllimport) const char *wl_tls_text(void);
__declspec(dllimport) int wl_tls_callback_reason(void);
__declspec(dllimport) DWORD wl_tls_index(void);

LDR_TLS_VAR(int, exe_tls_value) = 0x5150;
LDR_TLS_VAR(char, exe_tls_text[16]) = "exe tls";

static int main_started, callback_calls, callback_reason = -1, callback_before_main = -1;
static void *callback_module;

static void NTAPI exe_tls_callback(PVOID inst, DWORD reason, PVOID reserved)
{
    if (reason != DLL_PROCESS_ATTACH) return;
    callback_calls++;
    callback_reason = (int)reason;
    callback_module = inst;
    callback_before_main = !main_started;
}
LDR_TLS_CALLBACK(exe_tls_callback);

static void test_exe_tls(void)
{
    int *v = LDR_TLS_ADDR(int, exe_tls_value);
    ok(ldr_tls_array() != NULL, "no ThreadLocalStoragePointer\n");
    ok(*v == 0x5150, "initial value %x\n", *v);
    ok(v != &exe_tls_value, "the thread's copy is the template itself\n");
    ok(!lstrcmpA(LDR_TLS_ADDR(char, exe_tls_text), "exe tls"), "text %s\n", LDR_TLS_ADDR(char, exe_tls_text));
    *v = 99;
    ok(*LDR_TLS_ADDR(int, exe_tls_value) == 99 && exe_tls_value == 0x5150, "copy %d, template %d\n",
       *LDR_TLS_ADDR(int, exe_tls_value), exe_tls_value);
}

static void test_exe_callback(void)
{
    ok(callback_calls == 1, "callback ran %d times\n", callback_calls);
    ok(callback_reason == DLL_PROCESS_ATTACH, "reason %d\n", callback_reason);
    ok(callback_before_main == 1, "callback ran after main started\n");
    ok(callback_module == GetModuleHandleA(NULL), "callback module %p\n", callback_module);
}

static void test_static_dll(void)
{
    int *v = wl_tls_value_addr();
    ok(wl_tls_index() != _tls_index, "the DLL shares the program's TLS index %lu\n", _tls_index);
    ok(v != NULL && *v == 1234, "DLL TLS value %d\n", v ? *v : -1);
    ok(!lstrcmpA(wl_tls_text(), "dlltls"), "DLL TLS text %s\n", wl_tls_text());
    ok(wl_tls_callback_reason() == DLL_PROCESS_ATTACH, "DLL callback reason %d\n", wl_tls_callback_reason());
}

static void test_dynamic_dll(void)
{
    HMODULE h = LoadLibraryA("WL_TLS2");        /* the module keeps the name as given, plus ".dll" */
    char path[MAX_PATH];
    DWORD n = GetModuleFileNameA(h, path, sizeof(path));
    ok(n > 12 && !lstrcmpA(path + n - 12, "\\WL_TLS2.dll"), "module file name %s\n", path);
    int *(*value_addr)(void);
    const char *(*text)(void);
    DWORD (*index)(void);
    int (*reason)(void);
    ok(h != NULL, "wl_tls2 not loaded, error %lu\n", GetLastError());
    if (!h) return;
    value_addr = (void *)GetProcAddress(h, "wl_tls_value_addr");
    text = (void *)GetProcAddress(h, "wl_tls_text");
    index = (void *)GetProcAddress(h, "wl_tls_index");
    reason = (void *)GetProcAddress(h, "wl_tls_callback_reason");
    ok(index() != _tls_index && index() != wl_tls_index(), "index %lu shared\n", index());
    ok(*value_addr() == 1234, "dynamic DLL TLS value %d\n", *value_addr());
    ok(value_addr() != wl_tls_value_addr(), "the two DLLs share a TLS block\n");
    ok(!lstrcmpA(text(), "dlltls"), "dynamic DLL TLS text %s\n", text());
    ok(reason() == DLL_PROCESS_ATTACH, "dynamic DLL callback reason %d\n", reason());
    FreeLibrary(h);
}

int main(void)
{
    main_started = 1;
    test_exe_callback();
    test_exe_tls();
    test_static_dll();
    test_dynamic_dll();
    return wl_summary();
}
