
/* Threads under contention, with exact results: a 4-thread producer/consumer on semaphores and a critical
 * section; 8 threads x 100,000 InterlockedIncrement, `lock xadd`, `lock cmpxchg` loops and 64-bit
 * increments; a contended critical section; SRW locks (exclusive and shared) with condition variable
 * handoffs; WaitOnAddress/WakeByAddress; named events and a named mutex (server objects) used by 4
 * threads at once. */
#define _WIN32_WINNT 0x0602
#include "wltest.h"
#include <synchapi.h>

static HANDLE start_gate;     /* manual event: every worker starts at once */

static HANDLE start_threads(int n, LPTHREAD_START_ROUTINE fn, void *arg, HANDLE *th)
{
    int i;
    start_gate = CreateEventA(NULL, TRUE, FALSE, NULL);
    for (i = 0; i < n; i++) th[i] = CreateThread(NULL, 0, fn, arg, 0, NULL);
    SetEvent(start_gate);
    return start_gate;
}

static int join_threads(int n, HANDLE *th)
{
    DWORD r = WaitForMultipleObjects(n, th, TRUE, 60000);
    int i;
    for (i = 0; i < n; i++) CloseHandle(th[i]);
    CloseHandle(start_gate);
    return r == WAIT_OBJECT_0;
}

/* ---- producer/consumer ---- */
#define SLOTS 8
#define PER_PRODUCER 2000
static struct {
    CRITICAL_SECTION cs;
    HANDLE empty, full;
    int buf[SLOTS], head, tail;
    LONGLONG consumed_sum;
    int consumed_count;
    volatile LONG next_producer;
} pc;

static DWORD WINAPI producer(void *arg)
{
    int base = (int)InterlockedIncrement(&pc.next_producer) * 1000000, i;
    WaitForSingleObject(start_gate, INFINITE);
    for (i = 1; i <= PER_PRODUCER; i++) {
        if (WaitForSingleObject(pc.empty, 30000) != WAIT_OBJECT_0) return 1;
        EnterCriticalSection(&pc.cs);
        pc.buf[pc.head] = base + i;
        pc.head = (pc.head + 1) % SLOTS;
        LeaveCriticalSection(&pc.cs);
        ReleaseSemaphore(pc.full, 1, NULL);
    }
    return 0;
}

static DWORD WINAPI consumer(void *arg)
{
    int i, v;
    WaitForSingleObject(start_gate, INFINITE);
    for (i = 0; i < PER_PRODUCER; i++) {
        if (WaitForSingleObject(pc.full, 30000) != WAIT_OBJECT_0) return 1;
        EnterCriticalSection(&pc.cs);
        v = pc.buf[pc.tail];
        pc.tail = (pc.tail + 1) % SLOTS;
        pc.consumed_sum += v;
        pc.consumed_count++;
        LeaveCriticalSection(&pc.cs);
        ReleaseSemaphore(pc.empty, 1, NULL);
    }
    return 0;
}

static void test_producer_consumer(void)
{
    HANDLE th[4];
    DWORD code;
    LONGLONG expect = 0;
    int i, p;

    InitializeCriticalSection(&pc.cs);
    pc.empty = CreateSemaphoreA(NULL, SLOTS, SLOTS, NULL);
    pc.full = CreateSemaphoreA(NULL, 0, SLOTS, NULL);
    start_gate = CreateEventA(NULL, TRUE, FALSE, NULL);
    th[0] = CreateThread(NULL, 0, producer, NULL, 0, NULL);
    th[1] = CreateThread(NULL, 0, consumer, NULL, 0, NULL);
    th[2] = CreateThread(NULL, 0, producer, NULL, 0, NULL);
    th[3] = CreateThread(NULL, 0, consumer, NULL, 0, NULL);
    SetEvent(start_gate);
    ok(WaitForMultipleObjects(4, th, TRUE, 60000) == WAIT_OBJECT_0, "producer/consumer did not finish\n");
    for (i = 0; i < 4; i++) {
        code = 0xdead;
        GetExitCodeThread(th[i], &code);
        ok(code == 0, "thread %d timed out on its semaphore (%lu)\n", i, code);
        CloseHandle(th[i]);
    }
    for (p = 1; p <= 2; p++)
        for (i = 1; i <= PER_PRODUCER; i++) expect += p * 1000000 + i;
    ok(pc.consumed_count == 2 * PER_PRODUCER, "consumed %d items\n", pc.consumed_count);
    ok(pc.consumed_sum == expect, "sum %lx%08lx, expected %lx%08lx\n", (DWORD)(pc.consumed_sum >> 32),
       (DWORD)pc.consumed_sum, (DWORD)(expect >> 32), (DWORD)expect);
    ok(WaitForSingleObject(pc.full, 0) == WAIT_TIMEOUT, "items left over\n");
    ok(!ReleaseSemaphore(pc.empty, 1, NULL) && GetLastError() == ERROR_TOO_MANY_POSTS, "empty slots lost\n");
    CloseHandle(start_gate);
    CloseHandle(pc.empty);
    CloseHandle(pc.full);
    DeleteCriticalSection(&pc.cs);
}

/* ---- atomic increments ---- */
#define THREADS 8
#define ITER 100000
static volatile LONG counter;
static volatile LONGLONG counter64;

static DWORD WINAPI interlocked_loop(void *arg)
{
    int i;
    WaitForSingleObject(start_gate, INFINITE);
    for (i = 0; i < ITER; i++) InterlockedIncrement(&counter);
    return 0;
}

static DWORD WINAPI xadd_loop(void *arg)
{
    int i;
    LONG one;
    WaitForSingleObject(start_gate, INFINITE);
    for (i = 0; i < ITER; i++) {
        one = 1;
        __asm__ __volatile__("lock xaddl %0, %1" : "+r"(one), "+m"(counter) : : "memory");
    }
    return 0;
}

static DWORD WINAPI cmpxchg_loop(void *arg)
{
    int i;
    LONG old;
    WaitForSingleObject(start_gate, INFINITE);
    for (i = 0; i < ITER; i++) {
        do old = counter;
        while (InterlockedCompareExchange(&counter, old + 1, old) != old);
    }
    return 0;
}

static DWORD WINAPI inc64_loop(void *arg)
{
    int i;
    WaitForSingleObject(start_gate, INFINITE);
    for (i = 0; i < ITER / 4; i++) InterlockedExchangeAdd64(&counter64, 0x100000001LL);  /* cmpxchg8b on x86 */
    return 0;
}

static void test_atomics(void)
{
    HANDLE th[THREADS];

    counter = 0;
    start_threads(THREADS, interlocked_loop, NULL, th);
    ok(join_threads(THREADS, th), "InterlockedIncrement threads did not finish\n");
    ok(counter == THREADS * ITER, "InterlockedIncrement: %ld\n", counter);

    counter = 0;
    start_threads(THREADS, xadd_loop, NULL, th);
    ok(join_threads(THREADS, th), "lock xadd threads did not finish\n");
    ok(counter == THREADS * ITER, "lock xadd: %ld\n", counter);

    counter = 0;
    start_threads(THREADS, cmpxchg_loop, NULL, th);
    ok(join_threads(THREADS, th), "cmpxchg threads did not finish\n");
    ok(counter == THREADS * ITER, "lock cmpxchg: %ld\n", counter);

    counter64 = 0;
    start_threads(THREADS, inc64_loop, NULL, th);
    ok(join_threads(THREADS, th), "64-bit threads did not finish\n");
    ok(counter64 == (LONGLONG)THREADS * (ITER / 4) * 0x100000001LL, "64-bit add: %lx%08lx\n",
       (DWORD)(counter64 >> 32), (DWORD)counter64);
}

/* ---- a contended critical section ---- */
static CRITICAL_SECTION cs;
static int cs_counter;            /* not atomic: only the critical section protects it */
static volatile LONG cs_inside, cs_overlap;

static DWORD WINAPI cs_loop(void *arg)
{
    int i;
    WaitForSingleObject(start_gate, INFINITE);
    for (i = 0; i < 20000; i++) {
        EnterCriticalSection(&cs);
        if (InterlockedIncrement(&cs_inside) != 1) cs_overlap = 1;
        cs_counter++;
        InterlockedDecrement(&cs_inside);
        LeaveCriticalSection(&cs);
    }
    return 0;
}

static void test_critical_section(void)
{
    HANDLE th[4];
    InitializeCriticalSection(&cs);
    start_threads(4, cs_loop, NULL, th);
    ok(join_threads(4, th), "critical section threads did not finish\n");
    ok(cs_counter == 80000, "counter %d\n", cs_counter);
    ok(!cs_overlap, "two threads inside the critical section\n");
    ok(cs.LockCount == -1 && cs.RecursionCount == 0 && cs.OwningThread == 0, "left %ld %ld %p\n", cs.LockCount,
       cs.RecursionCount, cs.OwningThread);
    DeleteCriticalSection(&cs);
}

/* ---- SRW lock and condition variable ---- */
static SRWLOCK srw = SRWLOCK_INIT;
static CONDITION_VARIABLE cv = CONDITION_VARIABLE_INIT;
static int turn, rounds_done[2];
#define ROUNDS 500

static DWORD WINAPI pingpong(void *arg)
{
    int me = (int)(ULONG_PTR)arg, i;
    for (i = 0; i < ROUNDS; i++) {
        AcquireSRWLockExclusive(&srw);
        while (turn != me)
            if (!SleepConditionVariableSRW(&cv, &srw, 30000, 0)) { ReleaseSRWLockExclusive(&srw); return 1; }
        rounds_done[me]++;
        turn = !me;
        ReleaseSRWLockExclusive(&srw);
        WakeAllConditionVariable(&cv);
    }
    return 0;
}

static volatile LONG readers_inside, readers_max;

static DWORD WINAPI shared_reader(void *arg)
{
    LONG n;
    DWORD t0;
    WaitForSingleObject(start_gate, INFINITE);
    AcquireSRWLockShared(&srw);
    n = InterlockedIncrement(&readers_inside);
    if (n > readers_max) readers_max = n;
    /* hold the shared lock until all four readers are in (they can only all be in if sharing works) */
    t0 = GetTickCount();
    while (readers_inside < 4 && GetTickCount() - t0 < 5000) Sleep(1);
    if (readers_inside > readers_max) readers_max = readers_inside;
    ReleaseSRWLockShared(&srw);
    return 0;
}

static int cs_turn;
static CRITICAL_SECTION cv_cs;

static DWORD WINAPI cs_handoff(void *arg)
{
    int me = (int)(ULONG_PTR)arg, i;
    for (i = 0; i < ROUNDS; i++) {
        EnterCriticalSection(&cv_cs);
        while (cs_turn != me)
            if (!SleepConditionVariableCS(&cv, &cv_cs, 30000)) { LeaveCriticalSection(&cv_cs); return 1; }
        cs_turn = !me;
        WakeConditionVariable(&cv);
        LeaveCriticalSection(&cv_cs);
    }
    return 0;
}

static void test_srw_and_condvar(void)
{
    HANDLE th[4];
    DWORD c0 = 9, c1 = 9;

    turn = 0;
    th[0] = CreateThread(NULL, 0, pingpong, (void *)0, 0, NULL);
    th[1] = CreateThread(NULL, 0, pingpong, (void *)1, 0, NULL);
    ok(WaitForMultipleObjects(2, th, TRUE, 60000) == WAIT_OBJECT_0, "SRW ping-pong did not finish\n");
    GetExitCodeThread(th[0], &c0);
    GetExitCodeThread(th[1], &c1);
    ok(c0 == 0 && c1 == 0, "a condition variable wait timed out: %lu %lu\n", c0, c1);
    ok(rounds_done[0] == ROUNDS && rounds_done[1] == ROUNDS && turn == 0, "rounds %d %d turn %d\n", rounds_done[0],
       rounds_done[1], turn);
    CloseHandle(th[0]);
    CloseHandle(th[1]);

    start_threads(4, shared_reader, NULL, th);
    ok(join_threads(4, th), "readers did not finish\n");
    ok(readers_max == 4, "at most %ld readers shared the lock\n", readers_max);
    ok(TryAcquireSRWLockExclusive(&srw), "lock left held\n");
    ReleaseSRWLockExclusive(&srw);

    InitializeCriticalSection(&cv_cs);
    cs_turn = 0;
    th[0] = CreateThread(NULL, 0, cs_handoff, (void *)0, 0, NULL);
    th[1] = CreateThread(NULL, 0, cs_handoff, (void *)1, 0, NULL);
    ok(WaitForMultipleObjects(2, th, TRUE, 60000) == WAIT_OBJECT_0, "CS handoff did not finish\n");
    GetExitCodeThread(th[0], &c0);
    GetExitCodeThread(th[1], &c1);
    ok(c0 == 0 && c1 == 0, "a condition variable wait timed out: %lu %lu\n", c0, c1);
    CloseHandle(th[0]);
    CloseHandle(th[1]);
    DeleteCriticalSection(&cv_cs);
}

/* ---- WaitOnAddress ---- */
static volatile LONG address_value;
static volatile LONG woken;

static DWORD WINAPI address_waiter(void *arg)
{
    LONG undesired = 0;
    DWORD t0 = GetTickCount();
    while (address_value == 0 && GetTickCount() - t0 < 10000)
        WaitOnAddress(&address_value, &undesired, sizeof(LONG), 10000);
    if (address_value) InterlockedIncrement(&woken);
    return 0;
}

static void test_wait_on_address(void)
{
    LONG compare = 5, v = 0;
    HANDLE th[2];
    DWORD t0, r;

    address_value = 0;
    SetLastError(0xdeadbeef);
    t0 = GetTickCount();
    ok(WaitOnAddress(&address_value, &compare, sizeof(LONG), 1000), "different value: failed, err %lu\n",
       GetLastError());
    ok(GetTickCount() - t0 < 900, "waited although the value differs\n");
    compare = 0;
    SetLastError(0xdeadbeef);
    ok(!WaitOnAddress(&address_value, &compare, sizeof(LONG), 30), "equal value: no timeout\n");
    ok(GetLastError() == ERROR_TIMEOUT, "timeout err %lu\n", GetLastError());

    th[0] = CreateThread(NULL, 0, address_waiter, NULL, 0, NULL);
    th[1] = CreateThread(NULL, 0, address_waiter, NULL, 0, NULL);
    Sleep(50);
    ok(woken == 0, "waiter woke with no change\n");
    v = InterlockedExchange(&address_value, 1);
    ok(v == 0, "value %ld\n", v);
    WakeByAddressAll((void *)&address_value);
    r = WaitForMultipleObjects(2, th, TRUE, 5000);
    ok(r == WAIT_OBJECT_0 && woken == 2, "WakeByAddressAll: %lx woken %ld\n", r, woken);
    CloseHandle(th[0]);
    CloseHandle(th[1]);

    woken = 0;
    address_value = 0;
    th[0] = CreateThread(NULL, 0, address_waiter, NULL, 0, NULL);
    Sleep(20);
    address_value = 2;
    WakeByAddressSingle((void *)&address_value);
    r = WaitForSingleObject(th[0], 5000);
    ok(r == WAIT_OBJECT_0 && woken == 1, "WakeByAddressSingle: %lx woken %ld\n", r, woken);
    CloseHandle(th[0]);
}

/* ---- named (server) objects under contention: each thread sets and resets its own named event,
 * and all take turns on one named mutex guarding a plain counter ---- */
#define NAMED_THREADS 4
#define NAMED_ROUNDS 1000
static HANDLE named_mutex;
static int named_counter;             /* not atomic: only the named mutex protects it */
static volatile LONG named_bad;

static DWORD WINAPI named_loop(void *arg)
{
    char name[64];
    HANDLE e;
    int i;
    wsprintfA(name, "wl_thr_contention_%lu_%d", GetCurrentProcessId(), (int)(INT_PTR)arg);
    e = CreateEventA(NULL, TRUE, FALSE, name);
    WaitForSingleObject(start_gate, INFINITE);
    for (i = 0; i < NAMED_ROUNDS; i++) {
        if (!SetEvent(e) || WaitForSingleObject(e, 0) != WAIT_OBJECT_0) InterlockedIncrement(&named_bad);
        if (!ResetEvent(e) || WaitForSingleObject(e, 0) != WAIT_TIMEOUT) InterlockedIncrement(&named_bad);
        if (WaitForSingleObject(named_mutex, 10000) != WAIT_OBJECT_0) InterlockedIncrement(&named_bad);
        named_counter++;
        if (!ReleaseMutex(named_mutex)) InterlockedIncrement(&named_bad);
    }
    CloseHandle(e);
    return 0;
}

static void test_named_contention(void)
{
    HANDLE th[NAMED_THREADS];
    char name[64];
    int i;
    wsprintfA(name, "wl_thr_contention_mutex_%lu", GetCurrentProcessId());
    named_mutex = CreateMutexA(NULL, FALSE, name);
    start_gate = CreateEventA(NULL, TRUE, FALSE, NULL);
    for (i = 0; i < NAMED_THREADS; i++) th[i] = CreateThread(NULL, 0, named_loop, (void *)(INT_PTR)i, 0, NULL);
    SetEvent(start_gate);
    ok(join_threads(NAMED_THREADS, th), "named workers did not finish\n");
    ok(named_counter == NAMED_THREADS * NAMED_ROUNDS && named_bad == 0, "named objects: counter %d, %ld bad calls\n",
       named_counter, named_bad);
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(named_mutex) && GetLastError() == ERROR_NOT_OWNER, "mutex left owned: err %lu\n",
       GetLastError());
    CloseHandle(named_mutex);
}

int main(void)
{
    test_producer_consumer();
    test_atomics();
    test_critical_section();
    test_srw_and_condvar();
    test_wait_on_address();
    test_named_contention();
    return wl_summary();
}
