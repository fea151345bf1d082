/* kernel32 virtual memory: VirtualAlloc/Free/Protect/Query rules and error codes, IsBad*Ptr. */
#include "wltest.h"

static void check_query(int line, void *addr, void *base, void *alloc_base, DWORD alloc_prot, SIZE_T size,
                        DWORD state, DWORD prot, DWORD type)
{
    MEMORY_BASIC_INFORMATION mbi;
    SIZE_T r = VirtualQuery(addr, &mbi, sizeof(mbi));
    ok(r == sizeof(mbi), "line %d: VirtualQuery returned %lu\n", line, (DWORD)r);
    ok(mbi.BaseAddress == base, "line %d: base %p, expected %p\n", line, mbi.BaseAddress, base);
    ok(mbi.AllocationBase == alloc_base, "line %d: alloc base %p, expected %p\n", line, mbi.AllocationBase, alloc_base);
    ok(mbi.AllocationProtect == alloc_prot, "line %d: alloc prot %lx, expected %lx\n", line, mbi.AllocationProtect, alloc_prot);
    ok(!size || mbi.RegionSize == size, "line %d: size %lx, expected %lx\n", line, (DWORD)mbi.RegionSize, (DWORD)size);
    ok(mbi.State == state, "line %d: state %lx, expected %lx\n", line, mbi.State, state);
    ok(mbi.Protect == prot, "line %d: prot %lx, expected %lx\n", line, mbi.Protect, prot);
    ok(mbi.Type == type, "line %d: type %lx, expected %lx\n", line, mbi.Type, type);
}

static void test_reserve_commit(void)
{
    char *base, *p;
    DWORD old;
    BOOL r;

    base = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE);
    ok(base != NULL && ((ULONG_PTR)base & 0xffff) == 0, "reserve %p\n", base);
    check_query(__LINE__, base, base, base, PAGE_READWRITE, 0x10000, MEM_RESERVE, 0, MEM_PRIVATE);

    p = VirtualAlloc(base + 0x1100, 0x100, MEM_COMMIT, PAGE_READWRITE);
    ok(p == base + 0x1000, "commit returned %p, base %p\n", p, base);
    check_query(__LINE__, base, base, base, PAGE_READWRITE, 0x1000, MEM_RESERVE, 0, MEM_PRIVATE);
    check_query(__LINE__, base + 0x1800, base + 0x1000, base, PAGE_READWRITE, 0x1000, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);
    check_query(__LINE__, base + 0x2000, base + 0x2000, base, PAGE_READWRITE, 0xe000, MEM_RESERVE, 0, MEM_PRIVATE);
    p[0] = 1; p[0xfff] = 2;

    /* committing again keeps the contents */
    p = VirtualAlloc(base + 0x1000, 0x1000, MEM_COMMIT, PAGE_READWRITE);
    ok(p == base + 0x1000 && p[0] == 1 && p[0xfff] == 2, "recommit lost data\n");

    r = VirtualProtect(base + 0x1000, 0x1000, PAGE_READONLY, &old);
    ok(r && old == PAGE_READWRITE, "VirtualProtect %d old %lx\n", r, old);
    check_query(__LINE__, base + 0x1000, base + 0x1000, base, PAGE_READWRITE, 0x1000, MEM_COMMIT, PAGE_READONLY, MEM_PRIVATE);
    ok(IsBadWritePtr(base + 0x1000, 4), "IsBadWritePtr on a read-only page\n");
    ok(!IsBadReadPtr(base + 0x1000, 4), "IsBadReadPtr on a read-only page\n");
    ok(IsBadReadPtr(base, 4), "IsBadReadPtr on a reserved page\n");
    r = VirtualProtect(base + 0x1000, 0x1000, PAGE_READWRITE | PAGE_GUARD, &old);
    ok(r && old == PAGE_READONLY, "guard: %d old %lx\n", r, old);
    check_query(__LINE__, base + 0x1000, base + 0x1000, base, PAGE_READWRITE, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD, MEM_PRIVATE);
    r = VirtualProtect(base + 0x1000, 0x1000, PAGE_READWRITE, &old);
    ok(r && old == (PAGE_READWRITE | PAGE_GUARD), "unguard: %d old %lx\n", r, old);

    SetLastError(0xdeadbeef);
    r = VirtualProtect(base + 0x3000, 0x1000, PAGE_READONLY, &old);
    ok(!r && GetLastError() == ERROR_INVALID_ADDRESS, "protect reserved: %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = VirtualProtect(base + 0x1000, 0x1000, PAGE_READONLY, NULL);
    ok(!r && GetLastError() == ERROR_NOACCESS, "protect without old: %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = VirtualProtect(base + 0x1000, 0x1000, 0, &old);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "protect 0: %d err %lu\n", r, GetLastError());

    /* commit beyond the reservation */
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(base + 0xf000, 0x2000, MEM_COMMIT, PAGE_READWRITE);
    ok(p == NULL && GetLastError() == ERROR_INVALID_ADDRESS, "commit past end: %p err %lu\n", p, GetLastError());

    r = VirtualFree(base + 0x1000, 0x1000, MEM_DECOMMIT);
    ok(r, "decommit failed %lu\n", GetLastError());
    check_query(__LINE__, base + 0x1000, base + 0x1000, base, PAGE_READWRITE, 0xf000, MEM_RESERVE, 0, MEM_PRIVATE);

    SetLastError(0xdeadbeef);
    r = VirtualFree(base, 0x1000, MEM_RELEASE);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "release with size: %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = VirtualFree(base + 0x1000, 0, MEM_RELEASE);
    ok(!r && GetLastError() == ERROR_INVALID_ADDRESS, "release not at base: %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = VirtualFree(base, 0, MEM_RELEASE | MEM_DECOMMIT);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "release|decommit: %d err %lu\n", r, GetLastError());
    r = VirtualFree(base, 0, MEM_RELEASE);
    ok(r, "release failed %lu\n", GetLastError());
    check_query(__LINE__, base, base, NULL, 0, 0, MEM_FREE, PAGE_NOACCESS, 0);
    SetLastError(0xdeadbeef);
    r = VirtualFree(base, 0, MEM_RELEASE);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "double release: %d err %lu\n", r, GetLastError());
}

static void test_alloc_errors(void)
{
    void *p, *q;

    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, 0, MEM_COMMIT, PAGE_READWRITE);
    ok(p == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "size 0: %p err %lu\n", p, GetLastError());
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, 0);
    ok(p == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "prot 0: %p err %lu\n", p, GetLastError());
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_READONLY);
    ok(p == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "two prots: %p err %lu\n", p, GetLastError());
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, 0x1000, 0, PAGE_READWRITE);
    ok(p == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "no type: %p err %lu\n", p, GetLastError());

    /* commit without reserve at a free address */
    p = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
    ok(p != NULL, "reserve\n");
    VirtualFree(p, 0, MEM_RELEASE);
    SetLastError(0xdeadbeef);
    q = VirtualAlloc(p, 0x1000, MEM_COMMIT, PAGE_READWRITE);
    ok(q == NULL && GetLastError() == ERROR_INVALID_ADDRESS, "commit free: %p err %lu\n", q, GetLastError());

    /* reserve at a chosen address, then overlap it */
    q = VirtualAlloc(p, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(q == p, "reserve at %p returned %p\n", p, q);
    SetLastError(0xdeadbeef);
    q = VirtualAlloc((char *)p + 0x1000, 0x1000, MEM_RESERVE, PAGE_READWRITE);
    ok(q == NULL && GetLastError() == ERROR_INVALID_ADDRESS, "overlap: %p err %lu\n", q, GetLastError());
    q = VirtualAlloc(p, 0x1000, MEM_RESET, PAGE_READWRITE);
    ok(q == p, "MEM_RESET returned %p\n", q);
    /* decommit the whole region with size 0 */
    ok(VirtualFree(p, 0, MEM_DECOMMIT), "decommit all\n");
    check_query(__LINE__, p, p, p, PAGE_READWRITE, 0x10000, MEM_RESERVE, 0, MEM_PRIVATE);
    ok(VirtualFree(p, 0, MEM_RELEASE), "release\n");

    /* big reservation, commit in the middle */
    p = VirtualAlloc(NULL, 16 << 20, MEM_RESERVE, PAGE_READWRITE);
    ok(p != NULL, "16MB reserve\n");
    q = VirtualAlloc((char *)p + (8 << 20), 0x3000, MEM_COMMIT, PAGE_EXECUTE_READWRITE);
    ok(q == (char *)p + (8 << 20), "commit middle %p\n", q);
    check_query(__LINE__, q, q, p, PAGE_READWRITE, 0x3000, MEM_COMMIT, PAGE_EXECUTE_READWRITE, MEM_PRIVATE);
    ok(VirtualFree(p, 0, MEM_RELEASE), "release 16MB\n");
}

static void test_query_image(void)
{
    char *mod = (char *)GetModuleHandleA(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(mod + ((IMAGE_DOS_HEADER *)mod)->e_lfanew);
    IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(nt);
    MEMORY_BASIC_INFORMATION mbi;
    SIZE_T r;
    int i;

    r = VirtualQuery(mod, &mbi, sizeof(mbi));
    ok(r == sizeof(mbi) && mbi.AllocationBase == mod && mbi.Type == MEM_IMAGE && mbi.State == MEM_COMMIT,
       "image header: base %p type %lx\n", mbi.AllocationBase, mbi.Type);
    ok(mbi.Protect == PAGE_READONLY && mbi.AllocationProtect == PAGE_EXECUTE_WRITECOPY,
       "header prot %lx alloc prot %lx\n", mbi.Protect, mbi.AllocationProtect);
    for (i = 0; i < nt->FileHeader.NumberOfSections; i++) {
        if (!memcmp(sec[i].Name, ".text", 6)) {
            r = VirtualQuery(mod + sec[i].VirtualAddress, &mbi, sizeof(mbi));
            ok(r && mbi.Protect == PAGE_EXECUTE_READ && mbi.Type == MEM_IMAGE, ".text prot %lx\n", mbi.Protect);
        }
        if (!memcmp(sec[i].Name, ".rdata", 7)) {
            r = VirtualQuery(mod + sec[i].VirtualAddress, &mbi, sizeof(mbi));
            ok(r && mbi.Protect == PAGE_READONLY, ".rdata prot %lx\n", mbi.Protect);
        }
    }
    /* a short buffer */
    SetLastError(0xdeadbeef);
    r = VirtualQuery(mod, &mbi, 4);
    ok(r == 0 && GetLastError() == ERROR_BAD_LENGTH, "short buffer: %lu err %lu\n", (DWORD)r, GetLastError());
    /* the stack */
    r = VirtualQuery(&mbi, &mbi, sizeof(mbi));
    ok(r && mbi.State == MEM_COMMIT && mbi.Type == MEM_PRIVATE && mbi.Protect == PAGE_READWRITE, "stack %lx %lx\n",
       mbi.State, mbi.Protect);
}

static void test_IsBadPtr(void)
{
    char buf[8];
    ok(IsBadReadPtr(NULL, 1), "IsBadReadPtr(NULL)\n");
    ok(!IsBadReadPtr(NULL, 0), "IsBadReadPtr(NULL, 0)\n");
    ok(!IsBadReadPtr(buf, sizeof(buf)), "IsBadReadPtr(stack)\n");
    ok(!IsBadWritePtr(buf, sizeof(buf)), "IsBadWritePtr(stack)\n");
    ok(IsBadWritePtr((void *)GetModuleHandleA(NULL), 1), "IsBadWritePtr(image header)\n");
    ok(IsBadStringPtrA(NULL, 10), "IsBadStringPtrA(NULL)\n");
    ok(!IsBadStringPtrA("abc", 10), "IsBadStringPtrA\n");
    ok(!IsBadCodePtr((FARPROC)GetProcAddress(GetModuleHandleA("kernel32"), "GetTickCount")), "IsBadCodePtr\n");
}

int main(void)
{
    test_reserve_commit();
    test_alloc_errors();
    test_query_image();
    test_IsBadPtr();
    return wl_summary();
}
