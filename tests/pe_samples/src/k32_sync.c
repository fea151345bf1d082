/* kernel32 in-process synchronisation: critical sections, SRW locks, condition variables, InitOnce,
 * Interlocked*, SLists, Encode/DecodePointer, TLS and FLS. */
#include "wltest.h"

static void test_critical_section(void)
{
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    ok(cs.LockCount == -1 && cs.RecursionCount == 0 && cs.OwningThread == 0, "init: %ld %ld %p\n",
       cs.LockCount, cs.RecursionCount, cs.OwningThread);
    EnterCriticalSection(&cs);
    ok(cs.RecursionCount == 1 && cs.OwningThread == (HANDLE)(ULONG_PTR)GetCurrentThreadId(), "enter: %ld %p\n",
       cs.RecursionCount, cs.OwningThread);
    ok(TryEnterCriticalSection(&cs), "recursive TryEnter failed\n");
    ok(cs.RecursionCount == 2, "recursion %ld\n", cs.RecursionCount);
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    ok(cs.RecursionCount == 0 && cs.OwningThread == 0 && cs.LockCount == -1, "leave: %ld %ld %p\n",
       cs.LockCount, cs.RecursionCount, cs.OwningThread);
    DeleteCriticalSection(&cs);
    ok(InitializeCriticalSectionAndSpinCount(&cs, 4000), "InitializeCriticalSectionAndSpinCount\n");
    DeleteCriticalSection(&cs);
}

static void test_srwlock(void)
{
    SRWLOCK l;
    InitializeSRWLock(&l);
    ok(l.Ptr == NULL, "init %p\n", l.Ptr);
    AcquireSRWLockExclusive(&l);
    ok(l.Ptr != NULL, "exclusive not recorded\n");
    ok(!TryAcquireSRWLockExclusive(&l), "TryAcquireSRWLockExclusive while held\n");
    ok(!TryAcquireSRWLockShared(&l), "TryAcquireSRWLockShared while held exclusively\n");
    ReleaseSRWLockExclusive(&l);
    ok(l.Ptr == NULL, "release exclusive %p\n", l.Ptr);
    AcquireSRWLockShared(&l);
    ok(TryAcquireSRWLockShared(&l), "second shared\n");
    ok(!TryAcquireSRWLockExclusive(&l), "exclusive while shared\n");
    ReleaseSRWLockShared(&l);
    ReleaseSRWLockShared(&l);
    ok(l.Ptr == NULL, "release shared %p\n", l.Ptr);
    ok(TryAcquireSRWLockExclusive(&l), "TryAcquireSRWLockExclusive when free\n");
    ReleaseSRWLockExclusive(&l);
}

static void test_condition_variable(void)
{
    CONDITION_VARIABLE cv;
    CRITICAL_SECTION cs;
    SRWLOCK l;
    DWORD t;
    BOOL r;

    InitializeConditionVariable(&cv);
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    t = GetTickCount();
    SetLastError(0xdeadbeef);
    r = SleepConditionVariableCS(&cv, &cs, 50);
    t = GetTickCount() - t;
    ok(!r && GetLastError() == ERROR_TIMEOUT, "CS wait: %d err %lu\n", r, GetLastError());
    ok(t >= 30, "waited only %lu ms\n", t);
    ok(cs.RecursionCount == 1, "critical section not re-entered (%ld)\n", cs.RecursionCount);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);

    InitializeSRWLock(&l);
    AcquireSRWLockExclusive(&l);
    SetLastError(0xdeadbeef);
    r = SleepConditionVariableSRW(&cv, &l, 10, 0);
    ok(!r && GetLastError() == ERROR_TIMEOUT, "SRW wait: %d err %lu\n", r, GetLastError());
    ok(!TryAcquireSRWLockExclusive(&l), "SRW lock not re-acquired\n");
    ReleaseSRWLockExclusive(&l);
    WakeConditionVariable(&cv);
    WakeAllConditionVariable(&cv);
}

static int once_calls;

static BOOL CALLBACK once_fn(INIT_ONCE *once, void *param, void **ctx)
{
    once_calls++;
    ok(param == (void *)0x1234, "param %p\n", param);
    *ctx = (void *)0x5670;
    return TRUE;
}

static BOOL CALLBACK once_fail(INIT_ONCE *once, void *param, void **ctx)
{
    once_calls++;
    SetLastError(0xbeef);
    return FALSE;
}

static void test_InitOnce(void)
{
    INIT_ONCE once;
    void *ctx = NULL;
    BOOL pending, r;

    InitOnceInitialize(&once);
    ok(once.Ptr == NULL, "init %p\n", once.Ptr);
    once_calls = 0;
    r = InitOnceExecuteOnce(&once, once_fn, (void *)0x1234, &ctx);
    ok(r && ctx == (void *)0x5670 && once_calls == 1, "first: %d %p %d\n", r, ctx, once_calls);
    ctx = NULL;
    r = InitOnceExecuteOnce(&once, once_fn, (void *)0x1234, &ctx);
    ok(r && ctx == (void *)0x5670 && once_calls == 1, "second: %d %p %d\n", r, ctx, once_calls);

    InitOnceInitialize(&once);
    once_calls = 0;
    SetLastError(0xdeadbeef);
    r = InitOnceExecuteOnce(&once, once_fail, NULL, &ctx);
    ok(!r && once_calls == 1 && GetLastError() == 0xbeef, "failing: %d %d err %lx\n", r, once_calls, GetLastError());
    ok(once.Ptr == NULL, "failed init left %p\n", once.Ptr);

    InitOnceInitialize(&once);
    SetLastError(0xdeadbeef);
    r = InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY, &pending, &ctx);
    ok(!r && GetLastError() == ERROR_GEN_FAILURE, "check only: %d err %lu\n", r, GetLastError());
    pending = 5;
    r = InitOnceBeginInitialize(&once, 0, &pending, &ctx);
    ok(r && pending == TRUE, "begin: %d pending %d\n", r, pending);
    r = InitOnceComplete(&once, 0, (void *)0x4440);
    ok(r, "complete failed %lu\n", GetLastError());
    pending = 5;
    ctx = NULL;
    r = InitOnceBeginInitialize(&once, 0, &pending, &ctx);
    ok(r && pending == FALSE && ctx == (void *)0x4440, "after complete: %d %d %p\n", r, pending, ctx);
    r = InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY, &pending, &ctx);
    ok(r && pending == FALSE, "check only when done: %d\n", r);
    SetLastError(0xdeadbeef);
    r = InitOnceComplete(&once, 0, NULL);
    ok(!r, "second complete succeeded\n");

    InitOnceInitialize(&once);
    r = InitOnceBeginInitialize(&once, 0, &pending, &ctx);
    r = InitOnceComplete(&once, INIT_ONCE_INIT_FAILED, NULL);
    ok(r && once.Ptr == NULL, "failed complete %d %p\n", r, once.Ptr);

    /* an asynchronous initialisation in progress: a synchronous ExecuteOnce fails at once */
    InitOnceInitialize(&once);
    r = InitOnceBeginInitialize(&once, INIT_ONCE_ASYNC, &pending, &ctx);
    ok(r && pending == TRUE, "async begin: %d %d\n", r, pending);
    once_calls = 0;
    r = InitOnceExecuteOnce(&once, once_fn, NULL, &ctx);     /* (Wine leaves the last error alone) */
    ok(!r && once_calls == 0, "ExecuteOnce during an async init: %d calls %d\n", r, once_calls);
    r = InitOnceComplete(&once, INIT_ONCE_ASYNC, (void *)0x8880);
    ok(r, "async complete failed %lu\n", GetLastError());
}

typedef LONG (WINAPI *pInterlockedIncrement)(LONG volatile *);
typedef LONG (WINAPI *pInterlockedCompareExchange)(LONG volatile *, LONG, LONG);
typedef LONG (WINAPI *pInterlockedExchangeAdd)(LONG volatile *, LONG);
typedef LONGLONG (WINAPI *pInterlockedCompareExchange64)(LONGLONG volatile *, LONGLONG, LONGLONG);

static void test_interlocked(void)
{
    LONG v = 5;
#ifndef _WIN64
    LONGLONG v64 = 0x100000000LL;
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    pInterlockedIncrement inc = (void *)GetProcAddress(k32, "InterlockedIncrement");
    pInterlockedIncrement dec = (void *)GetProcAddress(k32, "InterlockedDecrement");
    pInterlockedCompareExchange cmpxchg = (void *)GetProcAddress(k32, "InterlockedCompareExchange");
    pInterlockedExchangeAdd xadd = (void *)GetProcAddress(k32, "InterlockedExchangeAdd");
    pInterlockedExchangeAdd xchg = (void *)GetProcAddress(k32, "InterlockedExchange");
    pInterlockedCompareExchange64 cmpxchg64 = (void *)GetProcAddress(k32, "InterlockedCompareExchange64");
#endif

    /* the compiler's intrinsics */
    ok(InterlockedIncrement(&v) == 6 && InterlockedDecrement(&v) == 5, "intrinsics\n");
#ifndef _WIN64
    /* x86 kernel32 exports them (x64's does not; winelike exports them on both) */
    ok(inc && dec && cmpxchg && xadd && xchg && cmpxchg64, "x86 kernel32 lacks Interlocked exports\n");
    if (!inc || !dec || !cmpxchg || !xadd || !xchg || !cmpxchg64) return;
    ok(inc(&v) == 6 && v == 6, "InterlockedIncrement %ld\n", v);
    ok(dec(&v) == 5 && v == 5, "InterlockedDecrement %ld\n", v);
    v = -1;
    ok(inc(&v) == 0, "increment to 0\n");
    ok(cmpxchg(&v, 10, 0) == 0 && v == 10, "cmpxchg hit %ld\n", v);
    ok(cmpxchg(&v, 20, 0) == 10 && v == 10, "cmpxchg miss %ld\n", v);
    ok(xadd(&v, -3) == 10 && v == 7, "xadd %ld\n", v);
    ok(xchg(&v, 42) == 7 && v == 42, "xchg %ld\n", v);
    ok(cmpxchg64(&v64, 0x200000000LL, 0x100000000LL) == 0x100000000LL && v64 == 0x200000000LL, "cmpxchg64\n");
    ok(cmpxchg64(&v64, 1, 5) == 0x200000000LL && v64 == 0x200000000LL, "cmpxchg64 miss\n");
#endif
}

typedef struct { SLIST_ENTRY entry; int value; } __attribute__((aligned(16))) item_t;
typedef PSLIST_ENTRY (WINAPI *pRtlFirstEntrySList)(const SLIST_HEADER *);

static void test_slist(void)
{
    static SLIST_HEADER head __attribute__((aligned(16)));
    static item_t items[3];
    pRtlFirstEntrySList first = (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlFirstEntrySList");
    PSLIST_ENTRY e;
    int i;

    ok(sizeof(SLIST_HEADER) == (sizeof(void *) == 8 ? 16 : 8), "header size %u\n", (unsigned)sizeof(SLIST_HEADER));
    InitializeSListHead(&head);
    ok(QueryDepthSList(&head) == 0, "depth %u\n", QueryDepthSList(&head));
    ok(InterlockedPopEntrySList(&head) == NULL, "pop from empty\n");
    for (i = 0; i < 3; i++) {
        items[i].value = i;
        e = InterlockedPushEntrySList(&head, &items[i].entry);
        ok(e == (i ? &items[i - 1].entry : NULL), "push %d returned %p\n", i, e);
    }
    ok(QueryDepthSList(&head) == 3, "depth %u\n", QueryDepthSList(&head));
    ok(first && first(&head) == &items[2].entry, "RtlFirstEntrySList %p\n", first ? first(&head) : NULL);
#ifdef _WIN64
    ok(head.HeaderX64.Depth == 3 && (PSLIST_ENTRY)(ULONG_PTR)(head.HeaderX64.NextEntry << 4) == &items[2].entry,
       "x64 header layout\n");
#else
    ok(head.Depth == 3 && head.Next.Next == &items[2].entry, "x86 header layout\n");
#endif
    e = InterlockedPopEntrySList(&head);
    ok(e == &items[2].entry && ((item_t *)e)->value == 2, "pop %p\n", e);
    ok(QueryDepthSList(&head) == 2, "depth after pop %u\n", QueryDepthSList(&head));
    e = InterlockedFlushSList(&head);
    ok(e == &items[1].entry && e->Next == &items[0].entry, "flush %p\n", e);
    ok(QueryDepthSList(&head) == 0 && InterlockedPopEntrySList(&head) == NULL, "empty after flush\n");
}

static void test_pointer_encoding(void)
{
    void *p = (void *)0x12345678;
    void *e = EncodePointer(p);
    ok(DecodePointer(e) == p, "round trip\n");
    ok(DecodePointer(EncodePointer(NULL)) == NULL, "NULL round trip\n");
    ok(DecodeSystemPointer(EncodeSystemPointer(p)) == p, "system round trip\n");
}

static void test_tls(void)
{
    DWORD idx[80];
    int i;
    BOOL r;

    for (i = 0; i < 80; i++) {
        idx[i] = TlsAlloc();
        ok(idx[i] != TLS_OUT_OF_INDEXES, "TlsAlloc %d failed\n", i);
    }
    ok(idx[79] >= 64, "no expansion slot handed out (%lu)\n", idx[79]);
    SetLastError(0xdeadbeef);
    ok(TlsGetValue(idx[0]) == NULL && GetLastError() == ERROR_SUCCESS, "fresh slot err %lu\n", GetLastError());
    for (i = 0; i < 80; i++) ok(TlsSetValue(idx[i], (void *)(ULONG_PTR)(i + 1)), "TlsSetValue %d\n", i);
    for (i = 0; i < 80; i++) ok(TlsGetValue(idx[i]) == (void *)(ULONG_PTR)(i + 1), "TlsGetValue %d\n", i);
    for (i = 0; i < 80; i++) ok(TlsFree(idx[i]), "TlsFree %d\n", i);
    SetLastError(0xdeadbeef);
    r = TlsSetValue(1088, (void *)1);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "TlsSetValue out of range: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(TlsGetValue(5000) == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "TlsGetValue out of range\n");
    i = TlsAlloc();
    ok(TlsGetValue(i) == NULL, "reallocated slot not cleared\n");
    TlsFree(i);
}

static int fls_calls;
static void *fls_last;
static void WINAPI fls_callback(void *data)
{
    fls_calls++;
    fls_last = data;
    if (data == (void *)0x99) trace("FLS callback at exit\n");   /* checked by tests/dlls/kernel32 */
}

static void test_fls(void)
{
    DWORD i = FlsAlloc(fls_callback), j;
    BOOL r;

    ok(i != FLS_OUT_OF_INDEXES, "FlsAlloc failed\n");
    SetLastError(0xdeadbeef);
    ok(FlsGetValue(i) == NULL && GetLastError() == ERROR_SUCCESS, "fresh: err %lu\n", GetLastError());
    ok(FlsSetValue(i, (void *)0x77), "FlsSetValue\n");
    ok(FlsGetValue(i) == (void *)0x77, "FlsGetValue\n");
    fls_calls = 0;
    ok(FlsFree(i), "FlsFree\n");
    ok(fls_calls == 1 && fls_last == (void *)0x77, "callback: %d %p\n", fls_calls, fls_last);
    SetLastError(0xdeadbeef);
    r = FlsFree(i);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "double FlsFree: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    /* (Windows reports ERROR_INVALID_PARAMETER; Wine 8 returns NULL and leaves the error alone) */
    ok(FlsGetValue(i) == NULL, "freed index\n");

    /* a NULL value does not run the callback */
    j = FlsAlloc(fls_callback);
    fls_calls = 0;
    ok(FlsFree(j) && fls_calls == 0, "callback ran on NULL\n");
    /* leave one set: its callback runs at exit */
    j = FlsAlloc(fls_callback);
    FlsSetValue(j, (void *)0x99);
}

int main(void)
{
    test_critical_section();
    test_srwlock();
    test_condition_variable();
    test_InitOnce();
    test_interlocked();
    test_slist();
    test_pointer_encoding();
    test_tls();
    test_fls();
    return wl_summary();
}
