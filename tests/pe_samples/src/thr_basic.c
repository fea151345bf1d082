
/* Guest threads: CreateThread and _beginthreadex, exit codes (STILL_ACTIVE, ExitThread, TerminateThread),
 * waitable thread handles, CREATE_SUSPENDED and suspend counts, per-thread last error, TlsAlloc slots,
 * static TLS and gcc's __thread, TLS callbacks with DLL_THREAD_ATTACH/DETACH, thread ids, priorities,
 * yielding, preemption of a busy thread, and user APCs (QueueUserAPC with alertable and non-alertable waits). */
#include "wltest.h"
#include "ldr_tls.h"
#include <process.h>

/* ---- TLS callbacks: DLL_THREAD_ATTACH/DETACH for every thread, in that thread ---- */
static volatile LONG n_attach, n_detach;
static DWORD attach_tids[256], detach_tids[256];
static volatile LONG attach_before_start = -1;

static void NTAPI thread_tls_callback(PVOID inst, DWORD reason, PVOID reserved)
{
    LONG i;
    if (reason == DLL_THREAD_ATTACH && (i = InterlockedIncrement(&n_attach) - 1) < 256)
        attach_tids[i] = GetCurrentThreadId();
    if (reason == DLL_THREAD_DETACH && (i = InterlockedIncrement(&n_detach) - 1) < 256)
        detach_tids[i] = GetCurrentThreadId();
}
LDR_TLS_CALLBACK(thread_tls_callback);

static int tid_in(const DWORD *tids, volatile LONG *n, DWORD tid)
{
    LONG i;
    for (i = 0; i < *n && i < 256; i++) if (tids[i] == tid) return 1;
    return 0;
}

LDR_TLS_VAR(int, static_tls_value) = 0x600d;
static __thread int gcc_tls_value = 42;

/* ---- basic creation and exit codes ---- */
struct basic { HANDLE go; DWORD tid; DWORD err_before, err_after; int static_tls, gcc_tls; void *tls_slot;
               int attached_first; DWORD tls_index; };

static DWORD WINAPI basic_thread(void *arg)
{
    struct basic *b = arg;
    b->tid = GetCurrentThreadId();
    b->attached_first = tid_in(attach_tids, &n_attach, b->tid);
    b->err_before = GetLastError();
    b->static_tls = *LDR_TLS_ADDR(int, static_tls_value);
    *LDR_TLS_ADDR(int, static_tls_value) = 1;
    b->gcc_tls = gcc_tls_value;
    gcc_tls_value = 1;
    b->tls_slot = TlsGetValue(b->tls_index);
    TlsSetValue(b->tls_index, (void *)0x77);
    SetLastError(4321);                 /* after TlsGetValue, which clears it */
    WaitForSingleObject(b->go, 10000);
    b->err_after = GetLastError();
    return 0x1234;
}

static void test_create_thread(void)
{
    struct basic b = { 0 };
    HANDLE th;
    DWORD id = 0, code = 0, r;

    b.go = CreateEventA(NULL, TRUE, FALSE, NULL);
    b.tls_index = TlsAlloc();
    ok(b.tls_index != TLS_OUT_OF_INDEXES, "TlsAlloc\n");
    TlsSetValue(b.tls_index, (void *)0x55);
    *LDR_TLS_ADDR(int, static_tls_value) = 7;
    gcc_tls_value = 8;
    SetLastError(1111);
    th = CreateThread(NULL, 0, basic_thread, &b, 0, &id);
    ok(th != NULL && id != 0, "CreateThread %p id %lu err %lu\n", th, id, GetLastError());
    ok(GetThreadId(th) == id, "GetThreadId %lu, CreateThread said %lu\n", GetThreadId(th), id);
    ok(id != GetCurrentThreadId(), "same id as the main thread\n");
    ok(GetExitCodeThread(th, &code) && code == STILL_ACTIVE, "running thread's exit code %lu\n", code);
    r = WaitForSingleObject(th, 50);
    ok(r == WAIT_TIMEOUT, "blocked thread's handle signalled: %lx\n", r);
    SetEvent(b.go);
    r = WaitForSingleObject(th, 5000);
    ok(r == WAIT_OBJECT_0, "thread handle not signalled at exit: %lx\n", r);
    ok(GetExitCodeThread(th, &code) && code == 0x1234, "exit code %lx\n", code);
    ok(WaitForSingleObject(th, 0) == WAIT_OBJECT_0, "exited thread stays signalled\n");
    ok(b.tid == id, "GetCurrentThreadId in the thread %lu, id %lu\n", b.tid, id);
    ok(b.err_before == 0, "new thread's last error %lu\n", b.err_before);
    ok(b.err_after == 4321, "thread's last error lost: %lu\n", b.err_after);
    ok(GetLastError() == 1111, "main thread's last error changed: %lu\n", GetLastError());
    ok(b.static_tls == 0x600d, "static TLS of the new thread %x\n", b.static_tls);
    ok(*LDR_TLS_ADDR(int, static_tls_value) == 7, "main's static TLS changed: %d\n",
       *LDR_TLS_ADDR(int, static_tls_value));
    ok(b.gcc_tls == 42, "__thread in the new thread %d\n", b.gcc_tls);
    ok(gcc_tls_value == 8, "main's __thread changed: %d\n", gcc_tls_value);
    ok(b.tls_slot == NULL, "TLS slot of a new thread %p\n", b.tls_slot);
    ok(TlsGetValue(b.tls_index) == (void *)0x55, "main's TLS slot changed: %p\n", TlsGetValue(b.tls_index));
    ok(b.attached_first, "DLL_THREAD_ATTACH did not run before the start routine\n");
    ok(tid_in(detach_tids, &n_detach, id), "no DLL_THREAD_DETACH for the thread\n");
    ok(!tid_in(attach_tids, &n_attach, GetCurrentThreadId()), "DLL_THREAD_ATTACH for the main thread\n");
    TlsFree(b.tls_index);
    CloseHandle(th);
    CloseHandle(b.go);
}

#pragma GCC diagnostic ignored "-Winfinite-recursion"   /* gcc does not see that ExitThread ends it */
static int exit_deep(int depth)
{
    if (depth > 0) return exit_deep(depth - 1) + 1;
    ExitThread(33);
    return 0;
}

static volatile int after_exit;

static DWORD WINAPI exit_thread(void *arg)
{
    exit_deep(5);
    after_exit = 1;
    return 1;
}

static unsigned __stdcall crt_thread(void *arg)
{
    *(DWORD *)arg = GetCurrentThreadId();
    return 0xbeef;
}

static unsigned __stdcall crt_end_thread(void *arg)
{
    _endthreadex(71);
    return 1;
}

static void test_exit_codes(void)
{
    HANDLE th;
    DWORD code = 0, tid = 0, id;
    unsigned uid;

    th = CreateThread(NULL, 0, exit_thread, NULL, 0, &id);
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "ExitThread thread did not end\n");
    ok(GetExitCodeThread(th, &code) && code == 33, "ExitThread code %lu\n", code);
    ok(!after_exit, "ExitThread returned\n");
    ok(tid_in(detach_tids, &n_detach, id), "no DLL_THREAD_DETACH after ExitThread\n");
    CloseHandle(th);

    th = (HANDLE)_beginthreadex(NULL, 0, crt_thread, &tid, 0, &uid);
    ok(th != NULL, "_beginthreadex\n");
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "_beginthreadex thread did not end\n");
    ok(GetExitCodeThread(th, &code) && code == 0xbeef, "_beginthreadex code %lx\n", code);
    ok(tid == uid, "_beginthreadex id %u, thread says %lu\n", uid, tid);
    CloseHandle(th);

    th = (HANDLE)_beginthreadex(NULL, 0, crt_end_thread, NULL, 0, NULL);
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "_endthreadex thread did not end\n");
    ok(GetExitCodeThread(th, &code) && code == 71, "_endthreadex code %lu\n", code);
    CloseHandle(th);
}

static DWORD WINAPI block_forever(void *arg)
{
    WaitForSingleObject((HANDLE)arg, INFINITE);
    return 1;
}

static void test_terminate(void)
{
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL), th;
    DWORD code = 0, id;

    th = CreateThread(NULL, 0, block_forever, e, 0, &id);
    Sleep(20);
    ok(TerminateThread(th, 77), "TerminateThread err %lu\n", GetLastError());
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "terminated thread not signalled\n");
    ok(GetExitCodeThread(th, &code) && code == 77, "terminated thread's code %lu\n", code);
    ok(!tid_in(detach_tids, &n_detach, id), "DLL_THREAD_DETACH for a terminated thread\n");
    CloseHandle(th);
    CloseHandle(e);
    SetLastError(0xdeadbeef);
    ok(!TerminateThread((HANDLE)(ULONG_PTR)0xdead0, 1) && GetLastError() == ERROR_INVALID_HANDLE,
       "bad handle: err %lu\n", GetLastError());
}

/* ---- suspend and resume ---- */
static volatile LONG suspended_ran;
static volatile LONG spin_count, spin_stop, spin_gave_up;

static DWORD WINAPI mark_ran(void *arg) { suspended_ran = 1; return 9; }

static DWORD WINAPI spinner(void *arg)
{
    unsigned long long t0 = __builtin_ia32_rdtsc();
    /* no API call in the loop.  The bound (some 10 s of TSC ticks) only keeps an implementation that
     * never preempts from hanging: it fails the checks instead */
    while (!spin_stop) {
        spin_count++;
        if (!(spin_count & 0xffff) && __builtin_ia32_rdtsc() - t0 > 30000000000ULL) {
            spin_gave_up = 1;
            break;
        }
    }
    return 0;
}

static void test_suspend(void)
{
    HANDLE th;
    DWORD r, code = 0;
    LONG c1, c2;
    int i;

    th = CreateThread(NULL, 0, mark_ran, NULL, CREATE_SUSPENDED, NULL);
    ok(th != NULL, "CREATE_SUSPENDED\n");
    ok(WaitForSingleObject(th, 50) == WAIT_TIMEOUT, "suspended thread ended\n");
    ok(!suspended_ran, "suspended thread ran\n");
    ok(GetExitCodeThread(th, &code) && code == STILL_ACTIVE, "suspended thread's code %lu\n", code);
    r = SuspendThread(th);
    ok(r == 1, "SuspendThread of a new suspended thread: previous count %lu\n", r);
    r = ResumeThread(th);
    ok(r == 2, "ResumeThread: previous count %lu\n", r);
    ok(WaitForSingleObject(th, 50) == WAIT_TIMEOUT && !suspended_ran, "ran while still suspended once\n");
    r = ResumeThread(th);
    ok(r == 1, "ResumeThread: previous count %lu\n", r);
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0 && suspended_ran, "resumed thread did not run\n");
    ok(GetExitCodeThread(th, &code) && code == 9, "code %lu\n", code);
    CloseHandle(th);

    spin_stop = 0;
    spin_count = 0;
    spin_gave_up = 0;
    th = CreateThread(NULL, 0, spinner, NULL, 0, NULL);
    for (i = 0; i < 500 && !spin_count; i++) Sleep(10);
    ok(spin_count != 0, "spinner never ran\n");
    r = ResumeThread(th);
    ok(r == 0, "ResumeThread of a running thread: %lu\n", r);
    r = SuspendThread(th);
    ok(r == 0, "SuspendThread of a running thread: %lu\n", r);
    r = SuspendThread(th);
    ok(r == 1, "second SuspendThread: %lu\n", r);
    Sleep(50);
    c1 = spin_count;
    Sleep(100);
    c2 = spin_count;
    ok(c1 == c2, "suspended thread kept running: %ld -> %ld\n", c1, c2);
    ok(ResumeThread(th) == 2, "resume from 2\n");
    Sleep(50);
    ok(spin_count == c2, "thread with suspend count 1 ran\n");
    ok(ResumeThread(th) == 1, "resume from 1\n");
    for (i = 0; i < 500 && spin_count == c2; i++) Sleep(10);
    ok(spin_count != c2, "resumed spinner does not run\n");
    spin_stop = 1;
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "spinner did not stop\n");
    ok(!spin_gave_up, "the spinner was never preempted: the main thread ran only once it gave up\n");
    CloseHandle(th);

    SetLastError(0xdeadbeef);
    r = SuspendThread((HANDLE)(ULONG_PTR)0xdead0);
    ok(r == (DWORD)-1 && GetLastError() == ERROR_INVALID_HANDLE, "bad handle: %lx err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = ResumeThread((HANDLE)(ULONG_PTR)0xdead0);
    ok(r == (DWORD)-1 && GetLastError() == ERROR_INVALID_HANDLE, "bad handle: %lx err %lu\n", r, GetLastError());

    th = CreateThread(NULL, 0, mark_ran, NULL, CREATE_SUSPENDED, NULL);
    for (i = 1; i < MAXIMUM_SUSPEND_COUNT; i++) SuspendThread(th);
    SetLastError(0xdeadbeef);
    r = SuspendThread(th);
    ok(r == (DWORD)-1 && GetLastError() == ERROR_SIGNAL_REFUSED, "past MAXIMUM_SUSPEND_COUNT: %lx err %lu\n", r,
       GetLastError());
    r = ResumeThread(th);
    ok(r == MAXIMUM_SUSPEND_COUNT, "count %lu\n", r);
    TerminateThread(th, 0);
    WaitForSingleObject(th, 5000);
    CloseHandle(th);
}

/* ---- ids, priorities ---- */
static DWORD seen_ids[4];

static DWORD WINAPI record_id(void *arg)
{
    seen_ids[(ULONG_PTR)arg] = GetCurrentThreadId();
    return 0;
}

static void test_ids_and_priority(void)
{
    HANDLE th[4];
    DWORD ids[4];
    int i, j, distinct = 1;

    for (i = 0; i < 4; i++) th[i] = CreateThread(NULL, 0, record_id, (void *)(ULONG_PTR)i, 0, &ids[i]);
    ok(WaitForMultipleObjects(4, th, TRUE, 5000) == WAIT_OBJECT_0, "threads did not end\n");
    for (i = 0; i < 4; i++) {
        ok(seen_ids[i] == ids[i], "thread %d: id %lu, CreateThread said %lu\n", i, seen_ids[i], ids[i]);
        if (ids[i] == GetCurrentThreadId() || ids[i] == GetCurrentProcessId()) distinct = 0;
        for (j = 0; j < i; j++) if (ids[i] == ids[j]) distinct = 0;
        CloseHandle(th[i]);
    }
    ok(distinct, "thread ids not distinct\n");

    th[0] = CreateThread(NULL, 0, mark_ran, NULL, CREATE_SUSPENDED, NULL);
    ok(GetThreadPriority(th[0]) == THREAD_PRIORITY_NORMAL, "initial priority %d\n", GetThreadPriority(th[0]));
    ok(SetThreadPriority(th[0], THREAD_PRIORITY_BELOW_NORMAL), "BELOW_NORMAL err %lu\n", GetLastError());
    ok(GetThreadPriority(th[0]) == THREAD_PRIORITY_BELOW_NORMAL, "priority %d\n", GetThreadPriority(th[0]));
    ok(SetThreadPriority(th[0], THREAD_PRIORITY_IDLE), "IDLE err %lu\n", GetLastError());
    ok(GetThreadPriority(th[0]) == THREAD_PRIORITY_IDLE, "priority %d\n", GetThreadPriority(th[0]));
    ok(SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_ABOVE_NORMAL), "ABOVE_NORMAL err %lu\n",
       GetLastError());
    ok(GetThreadPriority(GetCurrentThread()) == THREAD_PRIORITY_ABOVE_NORMAL, "own priority %d\n",
       GetThreadPriority(GetCurrentThread()));
    SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_NORMAL);
    SetLastError(0xdeadbeef);
    ok(!SetThreadPriority(th[0], 100) && GetLastError() == ERROR_INVALID_PARAMETER, "priority 100: err %lu\n",
       GetLastError());
    ResumeThread(th[0]);
    ok(WaitForSingleObject(th[0], 5000) == WAIT_OBJECT_0, "idle-priority thread did not run\n");
    CloseHandle(th[0]);
}

/* ---- yielding and preemption ---- */
static volatile LONG flag, worker_after_spinner;

static DWORD WINAPI set_flag(void *arg) { flag = 1; return 0; }

static DWORD WINAPI finite_work(void *arg)
{
    volatile unsigned int x = 1;
    int i;
    for (i = 0; i < 200000; i++) x = x * 1103515245u + 12345u;
    *(unsigned int *)arg = x;
    worker_after_spinner = spin_gave_up;
    return 0;
}

static void test_yield_and_preemption(void)
{
    HANDLE th, worker;
    DWORD t0, r;
    unsigned int result = 0;

    flag = 0;
    th = CreateThread(NULL, 0, set_flag, NULL, 0, NULL);
    t0 = GetTickCount();
    while (!flag && GetTickCount() - t0 < 5000) Sleep(0);
    ok(flag, "Sleep(0) loop never let the other thread run\n");
    WaitForSingleObject(th, 5000);
    CloseHandle(th);

    flag = 0;
    th = CreateThread(NULL, 0, set_flag, NULL, 0, NULL);
    t0 = GetTickCount();
    while (!flag && GetTickCount() - t0 < 5000) SwitchToThread();
    ok(flag, "SwitchToThread loop never let the other thread run\n");
    WaitForSingleObject(th, 5000);
    CloseHandle(th);

    /* a thread spinning without a single API call must not stall another one */
    spin_stop = 0;
    spin_count = 0;
    spin_gave_up = 0;
    th = CreateThread(NULL, 0, spinner, NULL, 0, NULL);
    t0 = GetTickCount();
    while (!spin_count && GetTickCount() - t0 < 5000) Sleep(1);     /* the worker starts once it spins */
    ok(spin_count > 0, "spinner did not start\n");
    worker = CreateThread(NULL, 0, finite_work, &result, 0, NULL);
    r = WaitForSingleObject(worker, 20000);
    ok(r == WAIT_OBJECT_0, "worker stalled behind a spinning thread: %lx\n", r);
    ok(result != 0, "worker did not finish its work\n");
    ok(!worker_after_spinner, "the worker ran only once the spinner gave up\n");
    spin_stop = 1;
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "spinner did not stop\n");
    ok(spin_count > 0, "spinner never ran\n");
    ok(!spin_gave_up, "the spinner was never preempted\n");
    CloseHandle(worker);
    CloseHandle(th);
}

/* ---- user APCs ---- */
static int apc_calls, apc_order[8];
static DWORD apc_tid;

static void CALLBACK apc_fn(ULONG_PTR param)
{
    if (apc_calls < 8) apc_order[apc_calls] = (int)param;
    apc_calls++;
    apc_tid = GetCurrentThreadId();
}

static void test_apc_own_thread(void)
{
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD r;

    apc_calls = 0;
    ok(QueueUserAPC(apc_fn, GetCurrentThread(), 1), "QueueUserAPC err %lu\n", GetLastError());
    r = SleepEx(0, FALSE);
    ok(r == 0 && apc_calls == 0, "non-alertable SleepEx: %lu, calls %d\n", r, apc_calls);
    r = WaitForSingleObject(e, 10);
    ok(r == WAIT_TIMEOUT && apc_calls == 0, "non-alertable wait: %lx, calls %d\n", r, apc_calls);
    r = WaitForSingleObjectEx(e, 10, FALSE);
    ok(r == WAIT_TIMEOUT && apc_calls == 0, "WaitForSingleObjectEx not alertable: %lx, calls %d\n", r, apc_calls);
    r = SleepEx(1000, TRUE);
    ok(r == WAIT_IO_COMPLETION, "alertable SleepEx: %lx\n", r);
    ok(apc_calls == 1 && apc_order[0] == 1 && apc_tid == GetCurrentThreadId(), "calls %d param %d\n", apc_calls,
       apc_order[0]);
    r = SleepEx(0, TRUE);
    ok(r == 0 && apc_calls == 1, "APC ran twice: %lx calls %d\n", r, apc_calls);

    apc_calls = 0;
    QueueUserAPC(apc_fn, GetCurrentThread(), 2);
    r = WaitForSingleObjectEx(e, 1000, TRUE);
    ok(r == WAIT_IO_COMPLETION && apc_calls == 1 && apc_order[0] == 2, "alertable wait: %lx calls %d\n", r,
       apc_calls);

    apc_calls = 0;
    QueueUserAPC(apc_fn, GetCurrentThread(), 3);
    QueueUserAPC(apc_fn, GetCurrentThread(), 4);
    QueueUserAPC(apc_fn, GetCurrentThread(), 5);
    r = WaitForMultipleObjectsEx(1, &e, FALSE, 1000, TRUE);
    ok(r == WAIT_IO_COMPLETION, "alertable multiple wait: %lx\n", r);
    ok(apc_calls == 3 && apc_order[0] == 3 && apc_order[1] == 4 && apc_order[2] == 5,
       "all queued APCs in order: calls %d, %d %d %d\n", apc_calls, apc_order[0], apc_order[1], apc_order[2]);

    SetLastError(0xdeadbeef);
    ok(!QueueUserAPC(apc_fn, (HANDLE)(ULONG_PTR)0xdead0, 0) && GetLastError() == ERROR_INVALID_HANDLE,
       "bad handle: err %lu\n", GetLastError());
    CloseHandle(e);
}

/* an APC queued before a new thread runs is delivered as it starts (before its start routine):
 * each target first says it is running */
struct apc_target { HANDLE ready, go; DWORD wait1, sleep_result; int calls_before_alertable; };

static DWORD WINAPI alertable_sleeper(void *arg)
{
    SetEvent((HANDLE)arg);
    return SleepEx(10000, TRUE);
}

static DWORD WINAPI late_alertable(void *arg)
{
    struct apc_target *t = arg;
    SetEvent(t->ready);
    t->wait1 = WaitForSingleObject(t->go, 10000);
    t->calls_before_alertable = apc_calls;
    t->sleep_result = SleepEx(0, TRUE);
    return 0;
}

static void test_apc_other_thread(void)
{
    struct apc_target t = { 0 };
    HANDLE th;
    DWORD id, code = 0;

    apc_calls = 0;
    apc_tid = 0;
    t.ready = CreateEventA(NULL, FALSE, FALSE, NULL);
    th = CreateThread(NULL, 0, alertable_sleeper, t.ready, 0, &id);
    ok(WaitForSingleObject(t.ready, 5000) == WAIT_OBJECT_0, "thread did not start\n");
    ok(QueueUserAPC(apc_fn, th, 10), "QueueUserAPC to another thread err %lu\n", GetLastError());
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "alertable sleeper was not woken by the APC\n");
    ok(GetExitCodeThread(th, &code) && code == WAIT_IO_COMPLETION, "sleeper's SleepEx returned %lx\n", code);
    ok(apc_calls == 1 && apc_order[0] == 10, "calls %d param %d\n", apc_calls, apc_order[0]);
    ok(apc_tid == id, "APC ran in thread %lu, not the target %lu\n", apc_tid, id);
    CloseHandle(th);

    apc_calls = 0;
    t.go = CreateEventA(NULL, TRUE, FALSE, NULL);
    th = CreateThread(NULL, 0, late_alertable, &t, 0, &id);
    ok(WaitForSingleObject(t.ready, 5000) == WAIT_OBJECT_0, "thread did not start\n");
    QueueUserAPC(apc_fn, th, 11);
    Sleep(50);
    ok(apc_calls == 0, "APC ran in a non-alertable wait\n");
    SetEvent(t.go);
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "thread did not end\n");
    ok(t.wait1 == WAIT_OBJECT_0, "non-alertable wait returned %lx\n", t.wait1);
    ok(t.calls_before_alertable == 0, "APC ran before the thread was alertable\n");
    ok(t.sleep_result == WAIT_IO_COMPLETION && apc_calls == 1, "SleepEx(0, TRUE): %lx calls %d\n", t.sleep_result,
       apc_calls);
    ok(apc_tid == id, "APC ran in thread %lu, not %lu\n", apc_tid, id);
    CloseHandle(th);
    CloseHandle(t.go);
    CloseHandle(t.ready);
}

/* an alertable wait on a named (server) object ends with WAIT_IO_COMPLETION when an APC comes;
 * a non-alertable one does not */
struct server_waiter { HANDLE ready, ev; DWORD result; int calls_in_wait; };

static DWORD WINAPI server_alertable_waiter(void *arg)
{
    struct server_waiter *w = arg;
    SetEvent(w->ready);
    w->result = WaitForSingleObjectEx(w->ev, 10000, TRUE);
    w->calls_in_wait = apc_calls;
    return 0;
}

static DWORD WINAPI server_plain_waiter(void *arg)
{
    struct server_waiter *w = arg;
    SetEvent(w->ready);
    w->result = WaitForSingleObject(w->ev, 300);
    w->calls_in_wait = apc_calls;
    return SleepEx(0, TRUE);
}

static void test_apc_server_wait(void)
{
    struct server_waiter w = { 0 };
    char name[64];
    HANDLE th;
    DWORD id, code = 0;

    wsprintfA(name, "wl_thr_basic_apc_%lu", GetCurrentProcessId());
    w.ready = CreateEventA(NULL, FALSE, FALSE, NULL);
    w.ev = CreateEventA(NULL, TRUE, FALSE, name);
    ok(w.ev != NULL, "named event err %lu\n", GetLastError());

    apc_calls = 0;
    apc_tid = 0;
    th = CreateThread(NULL, 0, server_alertable_waiter, &w, 0, &id);
    ok(WaitForSingleObject(w.ready, 5000) == WAIT_OBJECT_0, "thread did not start\n");
    Sleep(50);                              /* let it block in its wait */
    ok(QueueUserAPC(apc_fn, th, 20), "QueueUserAPC err %lu\n", GetLastError());
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "the APC did not end the alertable wait\n");
    ok(w.result == WAIT_IO_COMPLETION, "alertable wait on a named event: %lx\n", w.result);
    ok(w.calls_in_wait == 1 && apc_order[0] == 20 && apc_tid == id, "calls %d param %d in thread %lu (not %lu)\n",
       w.calls_in_wait, apc_order[0], apc_tid, id);
    CloseHandle(th);

    apc_calls = 0;
    th = CreateThread(NULL, 0, server_plain_waiter, &w, 0, &id);
    ok(WaitForSingleObject(w.ready, 5000) == WAIT_OBJECT_0, "thread did not start\n");
    Sleep(50);
    QueueUserAPC(apc_fn, th, 21);
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "plain waiter did not end\n");
    ok(w.result == WAIT_TIMEOUT && w.calls_in_wait == 0, "non-alertable wait: %lx calls %d\n", w.result,
       w.calls_in_wait);
    ok(GetExitCodeThread(th, &code) && code == WAIT_IO_COMPLETION && apc_calls == 1,
       "its next alertable SleepEx: %lx calls %d\n", code, apc_calls);
    CloseHandle(th);
    CloseHandle(w.ev);
    CloseHandle(w.ready);
}

int main(void)
{
    test_create_thread();
    test_exit_codes();
    test_terminate();
    test_suspend();
    test_ids_and_priority();
    test_yield_and_preemption();
    test_apc_own_thread();
    test_apc_other_thread();
    test_apc_server_wait();
    return wl_summary();
}
