/* kernel32 heaps: Heap functions, Global and Local memory including moveable handles. */
#include "wltest.h"

static void test_process_heap(void)
{
    HANDLE heap = GetProcessHeap(), heaps[32];
    char *p, *q;
    DWORD n;
    SIZE_T s;
    BOOL r;

    ok(heap != NULL, "no process heap\n");
    n = GetProcessHeaps(32, heaps);
    ok(n >= 1 && n <= 32 && heaps[0] == heap, "GetProcessHeaps %lu\n", n);

    p = HeapAlloc(heap, HEAP_ZERO_MEMORY, 100);
    ok(p != NULL && ((ULONG_PTR)p & 7) == 0, "HeapAlloc %p\n", p);
    ok(p[0] == 0 && p[99] == 0, "not zeroed\n");
    s = HeapSize(heap, 0, p);
    ok(s == 100, "HeapSize %lu\n", (DWORD)s);
    memset(p, 'x', 100);
    q = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 5000);
    ok(q != NULL && q[0] == 'x' && q[99] == 'x' && q[100] == 0 && q[4999] == 0, "HeapReAlloc grow\n");
    ok(HeapSize(heap, 0, q) == 5000, "size after realloc %lu\n", (DWORD)HeapSize(heap, 0, q));
    p = HeapReAlloc(heap, 0, q, 10);
    ok(p != NULL && p[0] == 'x' && HeapSize(heap, 0, p) == 10, "HeapReAlloc shrink\n");
    SetLastError(0xdeadbeef);
    q = HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, p, 1 << 20);
    ok(q == NULL, "in-place growth to 1MB succeeded\n");
    ok(HeapValidate(heap, 0, p), "HeapValidate block\n");
    ok(HeapValidate(heap, 0, NULL), "HeapValidate heap\n");
    r = HeapFree(heap, 0, p);
    ok(r, "HeapFree failed\n");
    ok(HeapFree(heap, 0, NULL), "HeapFree(NULL) failed\n");
    ok(HeapLock(heap) && HeapUnlock(heap), "HeapLock/HeapUnlock\n");

    p = HeapAlloc(heap, 0, 0);
    ok(p != NULL && HeapSize(heap, 0, p) == 0, "zero-size block\n");
    HeapFree(heap, 0, p);

    /* big blocks */
    p = HeapAlloc(heap, 0, 4 << 20);
    ok(p != NULL, "4MB block\n");
    if (p) { p[(4 << 20) - 1] = 1; ok(HeapSize(heap, 0, p) == (4 << 20), "big size\n"); HeapFree(heap, 0, p); }
}

static void test_HeapCreate(void)
{
    HANDLE h, heaps[64];
    void *p, *blocks[64];
    DWORD n;
    int i, got;
    PROCESS_HEAP_ENTRY e;

    h = HeapCreate(0, 0, 0);
    ok(h != NULL, "HeapCreate growable failed\n");
    p = HeapAlloc(h, 0, 1 << 20);
    ok(p != NULL, "growable heap: 1MB\n");
    n = GetProcessHeaps(64, heaps);
    got = 0;
    for (i = 0; i < (int)n && i < 64; i++) if (heaps[i] == h) got = 1;
    ok(got, "new heap not in GetProcessHeaps (%lu)\n", n);
    ok(HeapFree(h, 0, p), "HeapFree\n");

    /* HeapWalk finds a busy block */
    p = HeapAlloc(h, 0, 33);
    memset(&e, 0, sizeof(e));
    got = 0;
    while (HeapWalk(h, &e))
        if ((e.wFlags & PROCESS_HEAP_ENTRY_BUSY) && e.lpData == p && e.cbData >= 33) got = 1;
    ok(got, "HeapWalk did not find the block\n");
    ok(GetLastError() == ERROR_NO_MORE_ITEMS, "end of walk err %lu\n", GetLastError());
    ok(HeapDestroy(h), "HeapDestroy failed\n");

    /* fixed-size heap */
    h = HeapCreate(0, 0x10000, 0x10000);
    ok(h != NULL, "HeapCreate fixed failed\n");
    p = HeapAlloc(h, 0, 0x20000);
    ok(p == NULL, "allocation past the maximum succeeded\n");
    for (i = 0; i < 64; i++) blocks[i] = HeapAlloc(h, 0, 0x800);
    ok(blocks[0] != NULL && blocks[63] == NULL, "fixed heap never filled up\n");
    ok(HeapDestroy(h), "HeapDestroy fixed failed\n");
}

static void test_GlobalAlloc(void)
{
    HGLOBAL g, g2;
    char *p;
    UINT flags;
    BOOL r;

    g = GlobalAlloc(GMEM_FIXED | GMEM_ZEROINIT, 64);
    ok(g != NULL && ((char *)g)[63] == 0, "fixed\n");
    ok(GlobalLock(g) == g, "GlobalLock(fixed)\n");
    ok(GlobalSize(g) == 64, "GlobalSize %lu\n", (DWORD)GlobalSize(g));
    ok(GlobalHandle(g) == g, "GlobalHandle(fixed)\n");
    ok(GlobalFlags(g) == 0, "GlobalFlags(fixed) %x\n", GlobalFlags(g));
    g2 = GlobalReAlloc(g, 32, 0);
    ok(g2 == g, "shrinking fixed memory moved it\n");
    ok(GlobalFree(g) == NULL, "GlobalFree(fixed)\n");

    g = GlobalAlloc(GMEM_MOVEABLE | GMEM_ZEROINIT, 100);
    ok(g != NULL, "moveable\n");
    ok(GlobalSize(g) == 100, "moveable size %lu\n", (DWORD)GlobalSize(g));
    p = GlobalLock(g);
    ok(p != NULL && p != (char *)g && p[99] == 0, "GlobalLock(moveable) %p %p\n", p, g);
    ok(*(void **)g == p, "handle does not point at the data\n");
    ok(GlobalHandle(p) == g, "GlobalHandle(ptr) %p\n", GlobalHandle(p));
    ok(GlobalLock(g) == p, "second lock\n");
    flags = GlobalFlags(g);
    ok((flags & GMEM_LOCKCOUNT) == 2, "lock count %x\n", flags);
    SetLastError(0xdeadbeef);
    r = GlobalUnlock(g);
    ok(r, "first unlock returned %d\n", r);
    SetLastError(0xdeadbeef);
    r = GlobalUnlock(g);
    ok(!r && GetLastError() == NO_ERROR, "last unlock: %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = GlobalUnlock(g);
    ok(!r && GetLastError() == ERROR_NOT_LOCKED, "extra unlock: %d err %lu\n", r, GetLastError());
    g2 = GlobalReAlloc(g, 5000, GMEM_MOVEABLE);
    ok(g2 == g, "moveable realloc changed the handle\n");
    ok(GlobalSize(g) == 5000, "size after realloc %lu\n", (DWORD)GlobalSize(g));
    g2 = GlobalReAlloc(g, 0, GMEM_MOVEABLE);
    ok(g2 == g, "discard returned %p\n", g2);
    ok(GlobalFlags(g) & GMEM_DISCARDED, "not discarded %x\n", GlobalFlags(g));
    ok(GlobalSize(g) == 0, "discarded size\n");
    ok(GlobalFree(g) == NULL, "GlobalFree(moveable)\n");

    g = GlobalAlloc(GMEM_MOVEABLE, 0);
    ok(g != NULL && (GlobalFlags(g) & GMEM_DISCARDED), "zero-size moveable %p %x\n", g, GlobalFlags(g));
    GlobalFree(g);
}

static void test_LocalAlloc(void)
{
    HLOCAL l;
    char *p;
    BOOL r;

    l = LocalAlloc(LMEM_FIXED, 10);
    ok(l != NULL && LocalSize(l) == 10, "fixed local\n");
    SetLastError(0xdeadbeef);
    r = LocalUnlock(l);
    ok(!r && GetLastError() == ERROR_NOT_LOCKED, "LocalUnlock(fixed): %d err %lu\n", r, GetLastError());
    ok(LocalFree(l) == NULL, "LocalFree\n");
    l = LocalAlloc(LMEM_MOVEABLE, 10);
    p = LocalLock(l);
    ok(p != NULL && LocalHandle(p) == l, "moveable local\n");
    LocalUnlock(l);
    ok(LocalFree(l) == NULL, "LocalFree moveable\n");
    ok(LocalFree(NULL) == NULL, "LocalFree(NULL)\n");
}

int main(void)
{
    test_process_heap();
    test_HeapCreate();
    test_GlobalAlloc();
    test_LocalAlloc();
    return wl_summary();
}
