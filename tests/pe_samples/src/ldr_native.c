/* Native DLLs (no built-in): LoadLibrary of wl_sample.dll from the program's directory, its own imports,
 * DllMain attach/detach and their order, reference counting with FreeLibrary, a DLL whose import pulls in
 * another (dependencies initialise first, and detach last), GetModuleHandleEx.
 * At exit, the DllMain reports still arriving are printed (tests/loader checks their order). */
#include "wltest.h"

typedef int (*int2_fn)(int, int);
typedef int (*int3_fn)(int, int, int);
typedef int (*int0_fn)(void);

static char event_log[1024];
static int main_done;

__declspec(dllexport) void ldr_log_event(const char *event)
{
    if (main_done)
    {   /* DLL_PROCESS_DETACH at exit: show it */
        wl_out("exit-event: %s\r\n", event);
        return;
    }
    if (event_log[0]) lstrcatA(event_log, ",");
    lstrcatA(event_log, event);
}

static void check_log(int line, const char *expect)
{
    ok(!lstrcmpA(event_log, expect), "line %d: events \"%s\", expected \"%s\"\n", line, event_log, expect);
    event_log[0] = 0;
}

static void test_load_and_refcount(void)
{
    HMODULE h1, h2, h3;
    int2_fn add;
    char path[MAX_PATH];
    DWORD n;

    SetLastError(0xdeadbeef);
    ok(GetModuleHandleA("wl_sample.dll") == NULL, "wl_sample loaded before LoadLibrary\n");
    ok(GetLastError() == ERROR_MOD_NOT_FOUND, "got error %lu\n", GetLastError());
    h1 = LoadLibraryA("wl_sample.dll");
    ok(h1 != NULL, "LoadLibrary failed, error %lu\n", GetLastError());
    if (!h1) return;
    check_log(__LINE__, "attach:wl_sample:dynamic");
    h2 = LoadLibraryA("WL_SAMPLE");                       /* case and a missing extension do not matter */
    ok(h2 == h1, "second load %p, first %p\n", h2, h1);
    n = GetModuleFileNameA(h1, path, sizeof(path));
    ok(n > 14 && !lstrcmpiA(path + n - 14, "\\wl_sample.dll"), "module file name %s\n", path);
    h3 = LoadLibraryA(path);                              /* by full path: the same module */
    ok(h3 == h1, "load by path %p, first %p\n", h3, h1);
    check_log(__LINE__, "");

    add = (int2_fn)GetProcAddress(h1, "wl_add");
    ok(add && add(40, 2) == 42, "wl_add\n");
    ok(((int0_fn)GetProcAddress(h1, "wl_attach_count"))() == 1, "attached more than once\n");
    ok(!lstrcmpA(((const char *(*)(void))GetProcAddress(h1, "wl_name"))(), "wl_sample"), "msvcrt import\n");
    ok(((int (*)(const char *))GetProcAddress(h1, "wl_strlen"))("abcd") == 4, "kernel32 import\n");
    ok(((HMODULE (*)(void))GetProcAddress(h1, "wl_self"))() == h1, "GetModuleHandleEx from address\n");

    ok(FreeLibrary(h1), "FreeLibrary 1\n");
    ok(FreeLibrary(h2), "FreeLibrary 2\n");
    ok(GetModuleHandleA("wl_sample.dll") == h1, "unloaded with a reference left\n");
    check_log(__LINE__, "");
    ok(FreeLibrary(h3), "FreeLibrary 3\n");
    check_log(__LINE__, "detach:wl_sample:free");
    SetLastError(0xdeadbeef);
    ok(GetModuleHandleA("wl_sample.dll") == NULL, "still loaded after the last FreeLibrary\n");
    ok(GetLastError() == ERROR_MOD_NOT_FOUND, "got error %lu\n", GetLastError());

    /* a fresh image: its static data starts over */
    h1 = LoadLibraryA("wl_sample.dll");
    ok(h1 != NULL, "reload failed\n");
    if (!h1) return;
    check_log(__LINE__, "attach:wl_sample:dynamic");
    ok(((int0_fn)GetProcAddress(h1, "wl_attach_count"))() == 1, "static data survived the unload\n");
    FreeLibrary(h1);
    check_log(__LINE__, "detach:wl_sample:free");
}

static void test_dependencies(void)
{
    HMODULE dep = LoadLibraryA("wl_sample_dep.dll"), sample;
    ok(dep != NULL, "wl_sample_dep not loaded, error %lu\n", GetLastError());
    if (!dep) return;
    check_log(__LINE__, "attach:wl_sample:dynamic,attach:wl_sample_dep:dynamic");
    sample = GetModuleHandleA("wl_sample.dll");
    ok(sample != NULL, "the import did not load wl_sample\n");
    ok(((int0_fn)GetProcAddress(dep, "wl_dep_seen_attach"))() == 1, "wl_sample was not initialised first\n");
    ok(((int3_fn)GetProcAddress(dep, "wl_dep_add3"))(1, 2, 3) == 6, "call through the import\n");
    ok(FreeLibrary(dep), "FreeLibrary\n");
    check_log(__LINE__, "detach:wl_sample_dep:free,detach:wl_sample:free");
    ok(GetModuleHandleA("wl_sample_dep.dll") == NULL, "wl_sample_dep still loaded\n");
    ok(GetModuleHandleA("wl_sample.dll") == NULL, "wl_sample still loaded\n");
}

static void test_get_module_handle_ex(void)
{
    HMODULE h = LoadLibraryA("wl_sample.dll"), got;
    int local;
    check_log(__LINE__, "attach:wl_sample:dynamic");

    got = (HMODULE)0xdeadbeef;
    ok(GetModuleHandleExA(0, "wl_sample.dll", &got) && got == h, "by name: %p\n", got);   /* +1 */
    got = (HMODULE)0xdeadbeef;
    ok(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                          (LPCSTR)GetProcAddress(h, "wl_add"), &got) && got == h, "from address: %p\n", got);
    got = (HMODULE)0xdeadbeef;
    SetLastError(0xdeadbeef);
    ok(!GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (LPCSTR)&local, &got), "a stack address\n");
    ok(got == NULL, "got %p\n", got);
    ok(GetLastError() == ERROR_MOD_NOT_FOUND, "stack address: error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           "wl_sample.dll", &got), "PIN with UNCHANGED_REFCOUNT accepted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "bad flags: error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetModuleHandleExA(0, "wl_sample.dll", NULL), "NULL output accepted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "NULL output: error %lu\n", GetLastError());
    got = (HMODULE)0xdeadbeef;
    ok(GetModuleHandleExW(0, NULL, &got) && got == GetModuleHandleA(NULL), "NULL name: %p\n", got);

    FreeLibrary(h);
    ok(GetModuleHandleA("wl_sample.dll") == h, "GetModuleHandleEx did not add a reference\n");
    /* pinned: FreeLibrary no longer unloads it; it detaches at process exit */
    ok(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_PIN, "wl_sample.dll", &got) && got == h, "PIN\n");
    FreeLibrary(h);
    FreeLibrary(h);
    ok(GetModuleHandleA("wl_sample.dll") == h, "a pinned module was unloaded\n");
    check_log(__LINE__, "");
}

static void test_init_failure(void)
{
    HMODULE h;
    SetLastError(0xdeadbeef);
    h = LoadLibraryA("wl_initfail.dll");
    ok(h == NULL, "a DLL whose DllMain failed was loaded\n");
    ok(GetLastError() == ERROR_DLL_INIT_FAILED, "got error %lu\n", GetLastError());
    trace("events: %s\n", event_log);
    check_log(__LINE__, "attach:wl_initfail,detach:wl_initfail");
    ok(GetModuleHandleA("wl_initfail.dll") == NULL, "wl_initfail.dll still loaded\n");
}

static void test_load_library_ex(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll"), h;
    /* as a data file: a module already loaded as an image answers for itself */
    h = LoadLibraryExA("kernel32.dll", NULL, LOAD_LIBRARY_AS_DATAFILE);
    ok(h == k32, "kernel32 as data file %p, module %p\n", h, k32);
    if (h) FreeLibrary(h);
    h = LoadLibraryExA("wl_sample.dll", (HANDLE)1, 0);      /* the reserved file handle is ignored */
    ok(h != NULL && h == GetModuleHandleA("wl_sample.dll"), "with a file handle %p\n", h);
    if (h) FreeLibrary(h);
    h = LoadLibraryExA("wl_sample.dll", NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    ok(h != NULL && h == GetModuleHandleA("wl_sample.dll"), "altered search path %p\n", h);
    check_log(__LINE__, "");      /* wl_sample is pinned and loaded by now */
    if (h) FreeLibrary(h);
}

static void test_missing(void)
{
    SetLastError(0xdeadbeef);
    ok(LoadLibraryA("wl_no_such_library.dll") == NULL, "loaded a missing DLL\n");
    ok(GetLastError() == ERROR_MOD_NOT_FOUND, "got error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!FreeLibrary((HMODULE)0x12340000), "freed a bad handle\n");
}

int main(void)
{
    HMODULE dep;
    test_load_and_refcount();
    test_dependencies();
    test_get_module_handle_ex();
    test_missing();
    test_init_failure();
    test_load_library_ex();
    /* left loaded for the exit: wl_sample_dep (and wl_sample, pinned) detach, dependents first */
    dep = LoadLibraryA("wl_sample_dep.dll");
    check_log(__LINE__, "attach:wl_sample_dep:dynamic");
    ok(dep != NULL, "wl_sample_dep\n");
    main_done = 1;
    return wl_summary();
}
