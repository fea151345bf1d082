/* GetProcAddress: by name and by ordinal, on built-ins and on a native DLL (wl_sample.dll, found next
 * to the program); forwarded exports (chains, and forwards into a DLL not loaded yet); missing names;
 * API-set DLL names. */
#include "wltest.h"

typedef int (*int2_fn)(int, int);

/* ordinal of a named export, read from the module's own export directory */
static WORD export_ordinal(HMODULE mod, const char *name)
{
    BYTE *base = (BYTE *)mod;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
    IMAGE_DATA_DIRECTORY *dd = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT];
    IMAGE_EXPORT_DIRECTORY *dir = (IMAGE_EXPORT_DIRECTORY *)(base + dd->VirtualAddress);
    DWORD *names = (DWORD *)(base + dir->AddressOfNames);
    WORD *ords = (WORD *)(base + dir->AddressOfNameOrdinals);
    DWORD i;
    for (i = 0; i < dir->NumberOfNames; i++)
        if (!lstrcmpA((char *)base + names[i], name)) return (WORD)(ords[i] + dir->Base);
    return 0;
}

static void test_builtin_by_name_and_ordinal(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    FARPROC byname = GetProcAddress(k32, "GetLastError"), byord;
    WORD ord = export_ordinal(k32, "GetLastError");
    ok(byname != NULL, "GetLastError not found\n");
    ok(ord != 0, "GetLastError has no ordinal\n");
    byord = GetProcAddress(k32, MAKEINTRESOURCEA(ord));
    ok(byord == byname, "by ordinal %u: %p, by name %p\n", ord, byord, byname);
    ok(GetProcAddress(k32, "getlasterror") == NULL, "names are case-sensitive\n");
}

static void test_forwarded(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll"), nt = GetModuleHandleA("ntdll.dll");
    FARPROC a = GetProcAddress(k32, "HeapAlloc"), b = GetProcAddress(nt, "RtlAllocateHeap");
    ok(nt != NULL, "ntdll not loaded\n");
    ok(a != NULL && a == b, "kernel32.HeapAlloc %p, ntdll.RtlAllocateHeap %p\n", a, b);
    a = GetProcAddress(k32, MAKEINTRESOURCEA(export_ordinal(k32, "HeapAlloc")));
    ok(a == b, "HeapAlloc by ordinal %p, RtlAllocateHeap %p\n", a, b);
}

static void test_missing(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    SetLastError(0xdeadbeef);
    ok(GetProcAddress(k32, "NoSuchExportAnywhere") == NULL, "found a missing name\n");
    ok(GetLastError() == ERROR_PROC_NOT_FOUND, "got error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetProcAddress(k32, "") == NULL, "found an empty name\n");
    ok(GetLastError() == ERROR_PROC_NOT_FOUND, "got error %lu\n", GetLastError());
}

static void test_native(void)
{
    HMODULE h = LoadLibraryA("wl_sample.dll"), k32 = GetModuleHandleA("kernel32.dll"), dep;
    int2_fn add, mul, alias;
    FARPROC f, g;
    ok(h != NULL, "wl_sample.dll not loaded, error %lu\n", GetLastError());
    if (!h) return;
    add = (int2_fn)GetProcAddress(h, "wl_add");
    ok(add != NULL && add(2, 3) == 5, "wl_add %p\n", add);
    ok((FARPROC)add == GetProcAddress(h, MAKEINTRESOURCEA(1)), "ordinal 1 is not wl_add\n");
    mul = (int2_fn)GetProcAddress(h, MAKEINTRESOURCEA(7));
    ok(mul != NULL && mul(6, 7) == 42, "ordinal 7 (no name) %p\n", mul);
    SetLastError(0xdeadbeef);
    ok(GetProcAddress(h, "wl_mul") == NULL, "an ordinal-only export has a name\n");
    ok(GetLastError() == ERROR_PROC_NOT_FOUND, "got error %lu\n", GetLastError());
    alias = (int2_fn)GetProcAddress(h, "wl_add_alias");
    ok(alias == add, "alias %p, wl_add %p\n", alias, add);
    SetLastError(0xdeadbeef);
    ok(GetProcAddress(h, MAKEINTRESOURCEA(6)) == NULL, "ordinal 6 is a hole in the table\n");
    ok(GetLastError() == ERROR_PROC_NOT_FOUND, "hole: got error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetProcAddress(h, MAKEINTRESOURCEA(500)) == NULL, "ordinal 500 found\n");
    ok(GetLastError() == ERROR_PROC_NOT_FOUND, "ordinal 500: got error %lu\n", GetLastError());

    /* wl_sample.wl_forward_heap -> kernel32.HeapAlloc -> ntdll.RtlAllocateHeap */
    f = GetProcAddress(h, "wl_forward_heap");
    ok(f != NULL && f == GetProcAddress(k32, "HeapAlloc"), "forward chain: %p\n", f);
    /* wl_sample.wl_forward_chain -> wl_sample_dep (not loaded yet) -> kernel32.GetCurrentProcessId */
    ok(GetModuleHandleA("wl_sample_dep.dll") == NULL, "wl_sample_dep already loaded\n");
    f = GetProcAddress(h, "wl_forward_chain");
    g = GetProcAddress(k32, "GetCurrentProcessId");
    ok(f != NULL && f == g, "forward into an unloaded DLL: %p, expected %p\n", f, g);
    dep = GetModuleHandleA("wl_sample_dep.dll");
    ok(dep != NULL, "the forward did not load wl_sample_dep\n");
    if (f) ok(((DWORD (WINAPI *)(void))f)() == GetCurrentProcessId(), "wrong function\n");
    FreeLibrary(h);
}

static void test_api_set(void)
{
    HMODULE h, k32 = GetModuleHandleA("kernel32.dll"), kb = GetModuleHandleA("kernelbase.dll");
    FARPROC f;
    SetLastError(0xdeadbeef);
    h = LoadLibraryA("api-ms-win-core-synch-l1-2-0.dll");
    ok(h != NULL, "api-ms-win-core-synch-l1-2-0 not loaded, error %lu\n", GetLastError());
    if (!h) return;
    /* Windows and Wine resolve the contract to its host, kernelbase.dll (here kernel32 answers to both names) */
    ok(kb != NULL && h == kb, "api set module %p, kernelbase %p, kernel32 %p\n", h, kb, k32);
    f = GetProcAddress(h, "EnterCriticalSection");
    ok(f != NULL, "EnterCriticalSection not found through the api set\n");
    ok(GetModuleHandleA("api-ms-win-core-synch-l1-2-0.dll") == h, "GetModuleHandle of the api set\n");
    FreeLibrary(h);
    SetLastError(0xdeadbeef);
    ok(LoadLibraryA("api-ms-win-core-nosuchthing-l9-9-9.dll") == NULL, "unknown api set loaded\n");
    ok(GetLastError() == ERROR_MOD_NOT_FOUND, "unknown api set: error %lu\n", GetLastError());
}

typedef struct { USHORT Length, MaximumLength; void *Buffer; } COUNTED_STRING;
typedef LONG (WINAPI *LdrGetProcedureAddress_fn)(HMODULE, COUNTED_STRING *, ULONG, void **);
typedef LONG (WINAPI *LdrDll_fn)(const WCHAR *, ULONG *, COUNTED_STRING *, HMODULE *);
typedef LONG (WINAPI *LdrUnloadDll_fn)(HMODULE);

static void test_ntdll_loader(void)
{
    HMODULE nt = GetModuleHandleA("ntdll.dll"), k32 = GetModuleHandleA("kernel32.dll"), h = NULL;
    LdrGetProcedureAddress_fn getproc = (void *)GetProcAddress(nt, "LdrGetProcedureAddress");
    LdrDll_fn gethandle = (void *)GetProcAddress(nt, "LdrGetDllHandle");
    LdrDll_fn load = (void *)GetProcAddress(nt, "LdrLoadDll");
    LdrUnloadDll_fn unload = (void *)GetProcAddress(nt, "LdrUnloadDll");
    COUNTED_STRING name = { 12, 13, "GetLastError" }, missing = { 5, 6, "NoSuch" };
    WCHAR k32name[] = L"kernel32.dll", sample[] = L"wl_reloc_a.dll";
    COUNTED_STRING wk32 = { sizeof(k32name) - 2, sizeof(k32name), k32name };
    COUNTED_STRING wsample = { sizeof(sample) - 2, sizeof(sample), sample };
    void *addr = (void *)1;
    LONG status;

    ok(getproc && gethandle && load && unload, "Ldr functions missing\n");
    if (!getproc || !gethandle || !load || !unload) return;
    status = getproc(k32, &name, 0, &addr);
    ok(status == 0 && addr == (void *)GetProcAddress(k32, "GetLastError"), "by name: %lx %p\n", status, addr);
    status = getproc(k32, &missing, 0, &addr);
    ok(status == (LONG)0xc000007a, "missing name: %lx\n", status);
    status = getproc(k32, NULL, 0xfff0, &addr);
    ok(status == (LONG)0xc000007a, "missing ordinal: %lx\n", status);     /* Wine; not ORDINAL_NOT_FOUND */
    status = gethandle(NULL, NULL, &wk32, &h);
    ok(status == 0 && h == k32, "LdrGetDllHandle: %lx %p\n", status, h);
    h = (HMODULE)1;
    status = gethandle(NULL, NULL, &wsample, &h);
    ok(status == (LONG)0xc0000135, "LdrGetDllHandle of a DLL not loaded: %lx\n", status);
    status = load(NULL, NULL, &wsample, &h);
    ok(status == 0 && h != NULL && h == GetModuleHandleA("wl_reloc_a.dll"), "LdrLoadDll: %lx %p\n", status, h);
    if (!status) ok(unload(h) == 0, "LdrUnloadDll\n");
    ok(GetModuleHandleA("wl_reloc_a.dll") == NULL, "wl_reloc_a still loaded after LdrUnloadDll\n");
}

int main(void)
{
    test_builtin_by_name_and_ordinal();
    test_forwarded();
    test_missing();
    test_native();
    test_api_set();
    test_ntdll_loader();
    return wl_summary();
}
