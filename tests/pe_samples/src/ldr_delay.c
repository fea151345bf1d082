/* Delay-load imports (mingw: dlltool --output-delaylib, see the Makefile): wl_sample.dll is loaded on the
 * first call, by the program's own helper (__delayLoadHelper2 from mingw's CRT, which calls LoadLibrary and
 * GetProcAddress), not by the loader at start-up. */
#include "wltest.h"

int wl_add(int a, int b);
int wl_attach_count(void);

static void test_not_a_static_import(void)
{
    /* GNU ld leaves DataDirectory[IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT] empty; the descriptors are still
     * there for the helper.  What matters to the loader: wl_sample.dll is no ordinary import. */
    BYTE *base = (BYTE *)GetModuleHandleA(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
    IMAGE_DATA_DIRECTORY *dd = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    IMAGE_IMPORT_DESCRIPTOR *d = (IMAGE_IMPORT_DESCRIPTOR *)(base + dd->VirtualAddress);
    int n = 0, found = 0;
    for (; d->Name; d++, n++)
        if (!lstrcmpiA((char *)base + d->Name, "wl_sample.dll")) found = 1;
    ok(n >= 1, "no import descriptors\n");
    ok(!found, "wl_sample.dll is an ordinary import\n");
}

static void test_delay_load(void)
{
    HMODULE before = GetModuleHandleA("wl_sample.dll"), after;
    ok(before == NULL, "wl_sample.dll loaded at start-up\n");
    ok(wl_add(20, 22) == 42, "wl_add through the delay thunk\n");
    after = GetModuleHandleA("wl_sample.dll");
    ok(after != NULL, "wl_sample.dll not loaded by the first call\n");
    ok(wl_attach_count() == 1, "attach count %d\n", wl_attach_count());
    ok(wl_add(1, 1) == 2, "second call\n");
    ok(GetModuleHandleA("wl_sample.dll") == after, "module changed\n");
}

int main(void)
{
    test_not_a_static_import();
    test_delay_load();
    return wl_summary();
}
