/* The process's own structures, read by hand as programs (and packers) do: TEB, PEB, PEB_LDR_DATA and its
 * three module lists, LDR_DATA_TABLE_ENTRY, RTL_USER_PROCESS_PARAMETERS, KUSER_SHARED_DATA, and a built-in
 * DLL's export directory parsed from its mapped image. */
#include "wltest.h"

typedef struct { USHORT Length, MaximumLength; WCHAR *Buffer; } USTR;
typedef struct
{
    LIST_ENTRY InLoadOrderLinks, InMemoryOrderLinks, InInitializationOrderLinks;
    void *DllBase, *EntryPoint;
    ULONG SizeOfImage;
    USTR FullDllName, BaseDllName;
    ULONG Flags;
    USHORT LoadCount, TlsIndex;
} LDR_ENTRY;
typedef struct
{
    ULONG Length;
    BOOLEAN Initialized;
    void *SsHandle;
    LIST_ENTRY InLoadOrderModuleList, InMemoryOrderModuleList, InInitializationOrderModuleList;
} LDR_DATA;

#ifdef _WIN64
#define TEB_FIELD(off) ((BYTE *)__readgsqword(0x30) + (off))
enum { TEB_SELF = 0x30, TEB_CLIENTID = 0x40, TEB_PEB = 0x60, TEB_LASTERROR = 0x68,
       PEB_IMAGEBASE = 0x10, PEB_LDR = 0x18, PEB_PARAMS = 0x20, PEB_HEAP = 0x30, PEB_OSMAJOR = 0x118,
       PP_IMAGEPATH = 0x60, PP_CMDLINE = 0x70 };
#else
#define TEB_FIELD(off) ((BYTE *)__readfsdword(0x18) + (off))
enum { TEB_SELF = 0x18, TEB_CLIENTID = 0x20, TEB_PEB = 0x30, TEB_LASTERROR = 0x34,
       PEB_IMAGEBASE = 0x08, PEB_LDR = 0x0c, PEB_PARAMS = 0x10, PEB_HEAP = 0x18, PEB_OSMAJOR = 0xa4,
       PP_IMAGEPATH = 0x38, PP_CMDLINE = 0x40 };
#endif
#define FIELD(base, off, type) (*(type *)((BYTE *)(base) + (off)))
#define CONTAINING(p, field) ((LDR_ENTRY *)((BYTE *)(p) - FIELD_OFFSET(LDR_ENTRY, field)))

static BYTE *peb(void) { return *(BYTE **)TEB_FIELD(TEB_PEB); }
static LDR_DATA *ldr(void) { return FIELD(peb(), PEB_LDR, LDR_DATA *); }

static int ustr_ieq(const USTR *u, const char *s)
{
    int i, n = u->Length / 2;
    if (lstrlenA(s) != n) return 0;
    for (i = 0; i < n; i++)
    {
        WCHAR a = u->Buffer[i], b = (WCHAR)(BYTE)s[i];
        if (a >= 'A' && a <= 'Z') a += 32;
        if (b >= 'A' && b <= 'Z') b += 32;
        if (a != b) return 0;
    }
    return u->Buffer[n] == 0;
}

static int bytecmp(const char *a, const char *b)     /* strcmp: export names sort by bytes */
{
    while (*a && *a == *b) a++, b++;
    return (BYTE)*a - (BYTE)*b;
}

static void test_teb(void)
{
    BYTE *self = *(BYTE **)TEB_FIELD(TEB_SELF);
    ok(self == (BYTE *)NtCurrentTeb(), "Tib.Self %p, NtCurrentTeb %p\n", self, NtCurrentTeb());
    ok(peb() != NULL, "no PEB\n");
    SetLastError(0x1234);
    ok(FIELD(self, TEB_LASTERROR, DWORD) == 0x1234, "TEB LastErrorValue %lx\n", FIELD(self, TEB_LASTERROR, DWORD));
    FIELD(self, TEB_LASTERROR, DWORD) = 0x4321;
    ok(GetLastError() == 0x4321, "GetLastError %lx after writing the TEB\n", GetLastError());
    ok(FIELD(self, TEB_CLIENTID, ULONG_PTR) == GetCurrentProcessId(), "ClientId.UniqueProcess %Ix, pid %lx\n",
       FIELD(self, TEB_CLIENTID, ULONG_PTR), GetCurrentProcessId());
    ok(FIELD(self, TEB_CLIENTID + sizeof(void *), ULONG_PTR) == GetCurrentThreadId(), "ClientId.UniqueThread\n");
}

static void test_peb(void)
{
    BYTE *p = peb();
    ok(FIELD(p, PEB_IMAGEBASE, HMODULE) == GetModuleHandleA(NULL), "ImageBaseAddress %p, exe %p\n",
       FIELD(p, PEB_IMAGEBASE, HMODULE), GetModuleHandleA(NULL));
    ok(FIELD(p, PEB_HEAP, HANDLE) == GetProcessHeap(), "ProcessHeap %p, GetProcessHeap %p\n",
       FIELD(p, PEB_HEAP, HANDLE), GetProcessHeap());
    ok(ldr() != NULL && ldr()->Initialized, "Ldr %p\n", ldr());
}

static int list_count(LIST_ENTRY *head)
{
    LIST_ENTRY *e;
    int n = 0;
    for (e = head->Flink; e != head && n < 1000; e = e->Flink)
    {
        if (e->Flink->Blink != e) return -1;     /* broken links */
        n++;
    }
    return n;
}

static LDR_ENTRY *find_in_load_order(const char *name)
{
    LIST_ENTRY *head = &ldr()->InLoadOrderModuleList, *e;
    for (e = head->Flink; e != head; e = e->Flink)
        if (ustr_ieq(&CONTAINING(e, InLoadOrderLinks)->BaseDllName, name)) return CONTAINING(e, InLoadOrderLinks);
    return NULL;
}

static void test_module_lists(void)
{
    LDR_DATA *l = ldr();
    LIST_ENTRY *e;
    LDR_ENTRY *first, *k32, *nt;
    HMODULE exe = GetModuleHandleA(NULL);
    WCHAR path[MAX_PATH];
    int nload = list_count(&l->InLoadOrderModuleList), nmem = list_count(&l->InMemoryOrderModuleList);
    int ninit = list_count(&l->InInitializationOrderModuleList), exe_in_init = 0, all_in_init = 1;

    ok(nload >= 3, "load order list has %d entries\n", nload);
    ok(nmem == nload, "memory order %d, load order %d\n", nmem, nload);
    ok(ninit > 0, "init order list has %d entries\n", ninit);

    first = CONTAINING(l->InLoadOrderModuleList.Flink, InLoadOrderLinks);
    ok(first->DllBase == exe, "first in load order is %p, exe is %p\n", first->DllBase, exe);
    ok(CONTAINING(l->InMemoryOrderModuleList.Flink, InMemoryOrderLinks) == first, "memory order starts elsewhere\n");
    GetModuleFileNameW(NULL, path, MAX_PATH);
    ok(first->FullDllName.Buffer && !lstrcmpiW(first->FullDllName.Buffer, path), "exe FullDllName %ls, %ls\n",
       first->FullDllName.Buffer, path);
    ok(ustr_ieq(&first->BaseDllName, "ldr_peb.exe"), "exe BaseDllName %ls\n", first->BaseDllName.Buffer);
    ok(first->EntryPoint != NULL, "exe has no entry point\n");

    k32 = find_in_load_order("kernel32.dll");
    nt = find_in_load_order("ntdll.dll");
    ok(k32 && k32->DllBase == GetModuleHandleA("kernel32.dll"), "kernel32 entry %p\n", k32);
    ok(nt && nt->DllBase == GetModuleHandleA("ntdll.dll"), "ntdll entry %p\n", nt);
    if (k32) ok(k32->SizeOfImage > 0x1000, "kernel32 SizeOfImage %lx\n", k32->SizeOfImage);
    if (k32 && k32->FullDllName.Buffer)
        ok(!lstrcmpiW(k32->FullDllName.Buffer, L"C:\\windows\\system32\\kernel32.dll"), "kernel32 path %ls\n",
           k32->FullDllName.Buffer);

    /* every DLL is initialised before main; the exe itself is not in the init order list */
    for (e = l->InInitializationOrderModuleList.Flink; e != &l->InInitializationOrderModuleList; e = e->Flink)
        if (CONTAINING(e, InInitializationOrderLinks)->DllBase == exe) exe_in_init = 1;
    ok(!exe_in_init, "the exe is in the initialization order list\n");
    for (e = l->InLoadOrderModuleList.Flink; e != &l->InLoadOrderModuleList; e = e->Flink)
    {
        LDR_ENTRY *m = CONTAINING(e, InLoadOrderLinks);
        LIST_ENTRY *i;
        int found = 0;
        if (m->DllBase == exe) continue;
        for (i = l->InInitializationOrderModuleList.Flink; i != &l->InInitializationOrderModuleList; i = i->Flink)
            if (CONTAINING(i, InInitializationOrderLinks) == m) found = 1;
        if (!found) { all_in_init = 0; trace("not initialised: %ls\n", m->BaseDllName.Buffer); }
        ok(GetModuleHandleW(m->BaseDllName.Buffer) == m->DllBase, "GetModuleHandle(%ls) %p, entry %p\n",
           m->BaseDllName.Buffer, GetModuleHandleW(m->BaseDllName.Buffer), m->DllBase);
    }
    ok(all_in_init, "a loaded DLL is missing from the init order list\n");
    ok(nt && CONTAINING(l->InInitializationOrderModuleList.Flink, InInitializationOrderLinks) == nt,
       "ntdll is not first in init order\n");
}

static void test_export_directory(void)
{
    static const char *names[] = { "GetLastError", "GetProcAddress", "LoadLibraryA", "HeapAlloc", "ExitProcess" };
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    BYTE *base = (BYTE *)k32;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
    IMAGE_DATA_DIRECTORY *dd = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT];
    IMAGE_EXPORT_DIRECTORY *dir = (IMAGE_EXPORT_DIRECTORY *)(base + dd->VirtualAddress);
    DWORD *funcs = (DWORD *)(base + dir->AddressOfFunctions), *nm = (DWORD *)(base + dir->AddressOfNames);
    WORD *ords = (WORD *)(base + dir->AddressOfNameOrdinals);
    DWORD i, j;

    ok(((IMAGE_DOS_HEADER *)base)->e_magic == IMAGE_DOS_SIGNATURE, "no MZ\n");
    ok(nt->Signature == IMAGE_NT_SIGNATURE, "no PE\n");
    ok(nt->FileHeader.Characteristics & IMAGE_FILE_DLL, "kernel32 is not a DLL image\n");
    ok(dd->VirtualAddress && dd->Size, "no export directory\n");
    ok(!lstrcmpiA((char *)base + dir->Name, "kernel32.dll"), "export name %s\n", (char *)base + dir->Name);
    for (i = 1; i < dir->NumberOfNames; i++)
        if (bytecmp((char *)base + nm[i - 1], (char *)base + nm[i]) >= 0) break;
    ok(i == dir->NumberOfNames || dir->NumberOfNames == 0, "names not sorted at %lu\n", i);
    for (j = 0; j < sizeof(names) / sizeof(names[0]); j++)
    {
        FARPROC expect = GetProcAddress(k32, names[j]), got = NULL;
        for (i = 0; i < dir->NumberOfNames; i++)
        {
            DWORD rva;
            if (lstrcmpA((char *)base + nm[i], names[j])) continue;
            rva = funcs[ords[i]];
            if (rva >= dd->VirtualAddress && rva < dd->VirtualAddress + dd->Size)
            {   /* forwarder "DLL.Name" */
                char dllname[64], *dot;
                lstrcpynA(dllname, (char *)base + rva, sizeof(dllname));
                dot = dllname;
                while (*dot && *dot != '.') dot++;
                *dot = 0;
                got = GetProcAddress(GetModuleHandleA(dllname), dot + 1);
            }
            else got = (FARPROC)(base + rva);
        }
        ok(got != NULL && got == expect, "%s: table %p, GetProcAddress %p\n", names[j], got, expect);
    }
}

static void test_process_parameters(void)
{
    BYTE *pp = FIELD(peb(), PEB_PARAMS, BYTE *);
    USTR *cmd = (USTR *)(pp + PP_CMDLINE), *image = (USTR *)(pp + PP_IMAGEPATH);
    WCHAR path[MAX_PATH];
    ok(pp != NULL, "no ProcessParameters\n");
    ok(cmd->Buffer == GetCommandLineW(), "CommandLine.Buffer %p, GetCommandLineW %p\n", cmd->Buffer,
       GetCommandLineW());
    ok(cmd->Length == lstrlenW(GetCommandLineW()) * 2, "CommandLine.Length %u\n", cmd->Length);
    GetModuleFileNameW(NULL, path, MAX_PATH);
    ok(image->Buffer && !lstrcmpiW(image->Buffer, path), "ImagePathName %ls, module %ls\n", image->Buffer, path);
}

static void test_kuser_shared_data(void)
{
    BYTE *k = (BYTE *)0x7ffe0000;
    ULONG major = FIELD(k, 0x26c, ULONG), mult = FIELD(k, 0x4, ULONG);
    ULONG64 ticks = ((ULONG64)FIELD(k, 0x320, ULONG) * mult) >> 24;
    DWORD now = GetTickCount();
    /* (NtMajorVersion need not equal the PEB's OSMajorVersion: Wine set to Windows 10 keeps 6 here) */
    ok(major >= 6, "NtMajorVersion %lu\n", major);
    ok(mult != 0, "TickCountMultiplier 0\n");
    ok((LONG)(now - (DWORD)ticks) >= -100 && (LONG)(now - (DWORD)ticks) < 5000, "shared tick count %lu, GetTickCount %lu\n",
       (DWORD)ticks, now);
    ok(!lstrcmpiW((WCHAR *)(k + 0x30), L"C:\\windows"), "NtSystemRoot %ls\n", (WCHAR *)(k + 0x30));
}

int main(void)
{
    test_teb();
    test_peb();
    test_module_lists();
    test_export_directory();
    test_process_parameters();
    test_kuser_shared_data();
    return wl_summary();
}
