
/* Server-backed waits with more than one thread: every result of WaitForSingleObject(Ex) and
 * WaitForMultipleObjects(Ex) (any and all, up to 64 handles, timeouts, abandonment, failures and
 * their last errors), SignalObjectAndWait, auto vs manual reset, PulseEvent, semaphore counts,
 * mutex ownership, named objects, DuplicateHandle in the process, pseudo-handles, waitable timers. */
#include <stdio.h>
#include <string.h>
#include "wltest.h"

/* object names of this process's own: an x86 and an x64 run may share a prefix at the same time */
static const char *nm(const char *base)
{
    static char bufs[4][96];
    static int n;
    char *b = bufs[n++ & 3];
    sprintf(b, "%s_%lu", base, GetCurrentProcessId());
    return b;
}

static const WCHAR *wnm(const char *base)
{
    static WCHAR bufs[4][96];
    static int n;
    WCHAR *w = bufs[n++ & 3];
    const char *a = nm(base);
    int i;
    for (i = 0; a[i] && i < 95; i++) w[i] = (WCHAR)(unsigned char)a[i];
    w[i] = 0;
    return w;
}

static LARGE_INTEGER qpf;

static DWORD ms_since(LARGE_INTEGER t0)
{
    LARGE_INTEGER t;
    QueryPerformanceCounter(&t);
    return (DWORD)((t.QuadPart - t0.QuadPart) * 1000 / qpf.QuadPart);
}

static LARGE_INTEGER now(void)
{
    LARGE_INTEGER t;
    QueryPerformanceCounter(&t);
    return t;
}

static void test_timeouts(void)
{
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL), hs[2];
    LARGE_INTEGER t0;
    DWORD r, dt;

    t0 = now();
    r = WaitForSingleObject(e, 0);
    ok(r == WAIT_TIMEOUT, "timeout 0: %lx\n", r);
    r = WaitForSingleObject(e, 50);
    dt = ms_since(t0);
    ok(r == WAIT_TIMEOUT, "timeout 50: %lx\n", r);
    ok(dt >= 40 && dt < 5000, "50 ms wait took %lu ms\n", dt);
    r = WaitForSingleObjectEx(e, 10, FALSE);
    ok(r == WAIT_TIMEOUT, "Ex timeout: %lx\n", r);
    hs[0] = e;
    hs[1] = CreateEventA(NULL, FALSE, FALSE, NULL);
    t0 = now();
    r = WaitForMultipleObjects(2, hs, FALSE, 30);
    dt = ms_since(t0);
    ok(r == WAIT_TIMEOUT, "multiple any timeout: %lx\n", r);
    ok(dt >= 20 && dt < 5000, "30 ms multiple wait took %lu ms\n", dt);
    SetEvent(e);
    r = WaitForMultipleObjectsEx(2, hs, TRUE, 20, FALSE);
    ok(r == WAIT_TIMEOUT, "multiple all, one signalled: %lx\n", r);
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "manual event still set\n");
    SetEvent(hs[1]);
    r = WaitForMultipleObjects(2, hs, TRUE, 0);
    ok(r == WAIT_OBJECT_0, "multiple all, both signalled: %lx\n", r);
    ok(WaitForSingleObject(hs[1], 0) == WAIT_TIMEOUT, "wait all consumed the auto event\n");
    t0 = now();
    Sleep(30);
    dt = ms_since(t0);
    ok(dt >= 20 && dt < 5000, "Sleep(30) took %lu ms\n", dt);
    CloseHandle(hs[1]);
    CloseHandle(e);
}

static void test_failures(void)
{
    HANDLE e = CreateEventA(NULL, TRUE, TRUE, NULL), hs[65];
    DWORD r;
    int i;

    SetLastError(0xdeadbeef);
    r = WaitForSingleObject((HANDLE)(ULONG_PTR)0xdead0, 0);
    ok(r == WAIT_FAILED && GetLastError() == ERROR_INVALID_HANDLE, "bad handle: %lx err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = WaitForSingleObject(NULL, 0);
    ok(r == WAIT_FAILED && GetLastError() == ERROR_INVALID_HANDLE, "NULL handle: %lx err %lu\n", r, GetLastError());
    hs[0] = e;
    hs[1] = (HANDLE)(ULONG_PTR)0xdead0;
    SetLastError(0xdeadbeef);
    r = WaitForMultipleObjects(2, hs, FALSE, 0);
    ok(r == WAIT_FAILED && GetLastError() == ERROR_INVALID_HANDLE, "bad handle in array: %lx err %lu\n", r,
       GetLastError());
    SetLastError(0xdeadbeef);
    r = WaitForMultipleObjects(0, hs, FALSE, 0);
    ok(r == WAIT_FAILED && GetLastError() == ERROR_INVALID_PARAMETER, "count 0: %lx err %lu\n", r, GetLastError());
    for (i = 0; i < 65; i++) hs[i] = e;
    SetLastError(0xdeadbeef);
    r = WaitForMultipleObjects(65, hs, FALSE, 0);
    ok(r == WAIT_FAILED && GetLastError() == ERROR_INVALID_PARAMETER, "count 65: %lx err %lu\n", r, GetLastError());
    CloseHandle(e);
    SetLastError(0xdeadbeef);
    r = WaitForSingleObject(e, 0);
    ok(r == WAIT_FAILED && GetLastError() == ERROR_INVALID_HANDLE, "closed handle: %lx err %lu\n", r, GetLastError());
}

static void test_64_handles(void)
{
    HANDLE hs[64];
    DWORD r;
    int i;

    for (i = 0; i < 64; i++) hs[i] = CreateEventA(NULL, TRUE, FALSE, NULL);
    r = WaitForMultipleObjects(64, hs, FALSE, 0);
    ok(r == WAIT_TIMEOUT, "none set: %lx\n", r);
    SetEvent(hs[63]);
    r = WaitForMultipleObjects(64, hs, FALSE, 0);
    ok(r == WAIT_OBJECT_0 + 63, "last set: %lx\n", r);
    SetEvent(hs[40]);
    SetEvent(hs[7]);
    r = WaitForMultipleObjects(64, hs, FALSE, 0);
    ok(r == WAIT_OBJECT_0 + 7, "lowest index wins: %lx\n", r);
    r = WaitForMultipleObjects(64, hs, TRUE, 0);
    ok(r == WAIT_TIMEOUT, "all, three set: %lx\n", r);
    for (i = 0; i < 64; i++) SetEvent(hs[i]);
    r = WaitForMultipleObjects(64, hs, TRUE, 0);
    ok(r == WAIT_OBJECT_0, "all set: %lx\n", r);
    for (i = 0; i < 64; i++) CloseHandle(hs[i]);
}

struct waiter { HANDLE obj; DWORD timeout; DWORD result; volatile LONG *done; };

static DWORD WINAPI waiter_thread(void *arg)
{
    struct waiter *w = arg;
    w->result = WaitForSingleObject(w->obj, w->timeout);
    if (w->done) InterlockedIncrement(w->done);
    return 0;
}

static void test_wake_from_thread(void)
{
    HANDLE e = CreateEventA(NULL, FALSE, FALSE, NULL), th;
    struct waiter w = { e, 10000, 0xdead, NULL };
    DWORD r;

    th = CreateThread(NULL, 0, waiter_thread, &w, 0, NULL);
    ok(th != NULL, "CreateThread err %lu\n", GetLastError());
    r = WaitForSingleObject(th, 50);
    ok(r == WAIT_TIMEOUT, "waiter finished without the event: %lx\n", r);
    SetEvent(e);
    r = WaitForSingleObject(th, 5000);
    ok(r == WAIT_OBJECT_0, "waiter not released: %lx\n", r);
    ok(w.result == WAIT_OBJECT_0, "waiter's result %lx\n", w.result);
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "auto event still set after releasing a waiter\n");
    CloseHandle(th);
    CloseHandle(e);
}

static void test_auto_vs_manual(void)
{
    HANDLE e, th[2];
    struct waiter w[2];
    volatile LONG done = 0;
    DWORD r;
    int i, first;

    /* auto reset: one SetEvent releases exactly one of two waiters */
    e = CreateEventA(NULL, FALSE, FALSE, NULL);
    for (i = 0; i < 2; i++) {
        w[i].obj = e; w[i].timeout = 10000; w[i].result = 0xdead; w[i].done = &done;
        th[i] = CreateThread(NULL, 0, waiter_thread, &w[i], 0, NULL);
    }
    Sleep(50);
    SetEvent(e);
    r = WaitForMultipleObjects(2, th, FALSE, 5000);
    ok(r == WAIT_OBJECT_0 || r == WAIT_OBJECT_0 + 1, "no waiter released: %lx\n", r);
    first = r == WAIT_OBJECT_0 + 1;
    r = WaitForSingleObject(th[!first], 100);
    ok(r == WAIT_TIMEOUT, "auto reset released both waiters: %lx\n", r);
    ok(done == 1, "done %ld\n", done);
    ok(w[first].result == WAIT_OBJECT_0, "released waiter result %lx\n", w[first].result);
    SetEvent(e);
    r = WaitForSingleObject(th[!first], 5000);
    ok(r == WAIT_OBJECT_0 && done == 2, "second SetEvent: %lx done %ld\n", r, done);
    for (i = 0; i < 2; i++) CloseHandle(th[i]);
    CloseHandle(e);

    /* manual reset: one SetEvent releases both, and stays set */
    done = 0;
    e = CreateEventA(NULL, TRUE, FALSE, NULL);
    for (i = 0; i < 2; i++) {
        w[i].obj = e; w[i].timeout = 10000; w[i].result = 0xdead; w[i].done = &done;
        th[i] = CreateThread(NULL, 0, waiter_thread, &w[i], 0, NULL);
    }
    Sleep(50);
    SetEvent(e);
    r = WaitForMultipleObjects(2, th, TRUE, 5000);
    ok(r == WAIT_OBJECT_0, "manual reset did not release both: %lx done %ld\n", r, done);
    ok(w[0].result == WAIT_OBJECT_0 && w[1].result == WAIT_OBJECT_0, "results %lx %lx\n", w[0].result, w[1].result);
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "manual event reset by the waiters\n");
    for (i = 0; i < 2; i++) CloseHandle(th[i]);
    CloseHandle(e);
}

static void test_pulse_event(void)
{
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL), th;
    struct waiter w = { e, 10000, 0xdead, NULL };
    DWORD r = WAIT_TIMEOUT;
    int i;

    ok(PulseEvent(e), "PulseEvent without waiters\n");
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "pulse without waiters left the event set\n");
    th = CreateThread(NULL, 0, waiter_thread, &w, 0, NULL);
    /* the waiter may not be waiting yet: pulse until it is released */
    for (i = 0; i < 500 && r == WAIT_TIMEOUT; i++) {
        PulseEvent(e);
        r = WaitForSingleObject(th, 10);
    }
    ok(r == WAIT_OBJECT_0, "pulse never released the waiter: %lx\n", r);
    ok(w.result == WAIT_OBJECT_0, "waiter result %lx\n", w.result);
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "manual event left set after a pulse\n");
    CloseHandle(th);
    CloseHandle(e);
}

static void test_semaphore(void)
{
    HANDLE s = CreateSemaphoreA(NULL, 2, 3, NULL), hs[2], th;
    struct waiter w;
    LONG prev = -1;
    DWORD r;

    ok(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "count 2\n");
    ok(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "count 1\n");
    ok(WaitForSingleObject(s, 0) == WAIT_TIMEOUT, "count 0\n");
    ok(ReleaseSemaphore(s, 3, &prev) && prev == 0, "release to max: prev %ld\n", prev);
    SetLastError(0xdeadbeef);
    prev = -1;
    ok(!ReleaseSemaphore(s, 1, &prev), "release over the maximum succeeded\n");
    ok(GetLastError() == ERROR_TOO_MANY_POSTS, "err %lu\n", GetLastError());
    ok(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "failed release changed nothing\n");
    ok(ReleaseSemaphore(s, 1, &prev) && prev == 2, "prev %ld\n", prev);

    /* wait-all takes nothing unless it can take everything */
    hs[0] = s;
    hs[1] = CreateEventA(NULL, FALSE, FALSE, NULL);
    r = WaitForMultipleObjects(2, hs, TRUE, 0);
    ok(r == WAIT_TIMEOUT, "all: %lx\n", r);
    SetLastError(0xdeadbeef);
    ok(!ReleaseSemaphore(s, 1, &prev) && GetLastError() == ERROR_TOO_MANY_POSTS,
       "semaphore taken by a failed wait-all: err %lu\n", GetLastError());
    SetEvent(hs[1]);
    r = WaitForMultipleObjects(2, hs, TRUE, 0);
    ok(r == WAIT_OBJECT_0, "all: %lx\n", r);
    ok(ReleaseSemaphore(s, 1, &prev) && prev == 2, "wait-all took one: prev %ld\n", prev);

    /* a release wakes a blocked waiter */
    while (WaitForSingleObject(s, 0) == WAIT_OBJECT_0) ;
    w.obj = s; w.timeout = 10000; w.result = 0xdead; w.done = NULL;
    th = CreateThread(NULL, 0, waiter_thread, &w, 0, NULL);
    ok(WaitForSingleObject(th, 50) == WAIT_TIMEOUT, "waiter passed an empty semaphore\n");
    ok(ReleaseSemaphore(s, 1, &prev) && prev == 0, "prev %ld\n", prev);
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0 && w.result == WAIT_OBJECT_0, "waiter result %lx\n", w.result);
    ok(WaitForSingleObject(s, 0) == WAIT_TIMEOUT, "the waiter did not take the count\n");
    CloseHandle(th);
    CloseHandle(hs[1]);
    CloseHandle(s);
}

static HANDLE thread_mutex;
static HANDLE thread_event;

static DWORD WINAPI take_mutex_and_exit(void *arg)
{
    DWORD r = WaitForSingleObject(thread_mutex, 5000);
    if (arg) SetEvent(thread_event);
    return r;
}

static DWORD WINAPI release_mutex_thread(void *arg)
{
    SetLastError(0xdeadbeef);
    if (ReleaseMutex(thread_mutex)) return 1;
    return GetLastError();
}

static void test_mutex(void)
{
    HANDLE m = CreateMutexA(NULL, TRUE, NULL), th, hs[2];
    DWORD r, code = 0;

    ok(m != NULL, "CreateMutex\n");
    ok(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "recursive acquire\n");
    thread_mutex = m;
    th = CreateThread(NULL, 0, release_mutex_thread, NULL, 0, NULL);
    WaitForSingleObject(th, 5000);
    GetExitCodeThread(th, &code);
    ok(code == ERROR_NOT_OWNER, "release by a non-owner: %lu\n", code);
    CloseHandle(th);

    th = CreateThread(NULL, 0, take_mutex_and_exit, NULL, 0, NULL);
    ok(WaitForSingleObject(th, 50) == WAIT_TIMEOUT, "another thread took an owned mutex\n");
    ok(ReleaseMutex(m), "release 1\n");
    ok(WaitForSingleObject(th, 50) == WAIT_TIMEOUT, "still owned once\n");
    ok(ReleaseMutex(m), "release 2\n");
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(m) && GetLastError() == ERROR_NOT_OWNER, "release 3: err %lu\n", GetLastError());
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "thread did not get the mutex\n");
    GetExitCodeThread(th, &code);
    ok(code == WAIT_OBJECT_0, "thread's wait %lu\n", code);
    CloseHandle(th);

    /* the thread exited holding it: abandoned, and the waiter now owns it */
    r = WaitForSingleObject(m, 1000);
    ok(r == WAIT_ABANDONED, "abandoned: %lx\n", r);
    r = WaitForSingleObject(m, 0);
    ok(r == WAIT_OBJECT_0, "after abandonment, recursive: %lx\n", r);
    ok(ReleaseMutex(m) && ReleaseMutex(m), "release after abandonment\n");

    /* WAIT_ABANDONED_0 + index from a multiple wait */
    thread_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    th = CreateThread(NULL, 0, take_mutex_and_exit, (void *)1, 0, NULL);
    WaitForSingleObject(th, 5000);
    CloseHandle(th);
    hs[0] = CreateEventA(NULL, TRUE, FALSE, NULL);
    hs[1] = m;
    r = WaitForMultipleObjects(2, hs, FALSE, 1000);
    ok(r == WAIT_ABANDONED_0 + 1, "abandoned in a multiple wait: %lx\n", r);
    ok(ReleaseMutex(m), "owned after WAIT_ABANDONED_0+1\n");
    ok(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "abandonment reported once\n");
    ReleaseMutex(m);
    CloseHandle(hs[0]);
    CloseHandle(thread_event);
    CloseHandle(m);
}

static void test_signal_and_wait(void)
{
    HANDLE a = CreateEventA(NULL, FALSE, FALSE, NULL), b = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE s = CreateSemaphoreA(NULL, 1, 1, NULL);
    DWORD r;

    r = SignalObjectAndWait(a, b, 20, FALSE);
    ok(r == WAIT_TIMEOUT, "b not set: %lx\n", r);
    ok(WaitForSingleObject(a, 0) == WAIT_OBJECT_0, "a was not signalled\n");
    SetEvent(b);
    r = SignalObjectAndWait(a, b, 0, FALSE);
    ok(r == WAIT_OBJECT_0, "b set: %lx\n", r);
    ok(WaitForSingleObject(a, 0) == WAIT_OBJECT_0, "a was not signalled\n");
    ok(WaitForSingleObject(b, 0) == WAIT_TIMEOUT, "b not consumed\n");
    r = SignalObjectAndWait(s, s, 0, FALSE);
    ok(r == WAIT_FAILED, "semaphore at its maximum: %lx\n", r);
    ok(GetLastError() == ERROR_TOO_MANY_POSTS, "err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = SignalObjectAndWait((HANDLE)(ULONG_PTR)0xdead0, b, 0, FALSE);
    ok(r == WAIT_FAILED && GetLastError() == ERROR_INVALID_HANDLE, "bad handle: %lx err %lu\n", r, GetLastError());
    CloseHandle(a);
    CloseHandle(b);
    CloseHandle(s);
}

static void test_named(void)
{
    HANDLE e, e2, m, m2, s, s2;
    LONG prev = -1;

    SetLastError(0xdeadbeef);
    e = CreateEventA(NULL, TRUE, FALSE, nm("wl_sync_waits_event"));
    ok(e != NULL && GetLastError() == 0, "create: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    e2 = CreateEventA(NULL, FALSE, TRUE, nm("wl_sync_waits_event"));
    ok(e2 != NULL && e2 != e && GetLastError() == ERROR_ALREADY_EXISTS, "again: err %lu\n", GetLastError());
    ok(WaitForSingleObject(e2, 0) == WAIT_TIMEOUT, "second create changed the state\n");
    SetEvent(e2);
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0 && WaitForSingleObject(e, 0) == WAIT_OBJECT_0,
       "the same manual-reset object\n");
    CloseHandle(e2);

    SetLastError(0xdeadbeef);
    m = CreateMutexA(NULL, FALSE, nm("wl_sync_waits_event"));
    ok(m == NULL && GetLastError() == ERROR_INVALID_HANDLE, "mutex with an event's name: %p err %lu\n", m,
       GetLastError());
    SetLastError(0xdeadbeef);
    m = OpenMutexA(SYNCHRONIZE, FALSE, nm("wl_sync_waits_event"));
    ok(m == NULL && GetLastError() == ERROR_INVALID_HANDLE, "OpenMutex of an event: %p err %lu\n", m,
       GetLastError());
    SetLastError(0xdeadbeef);
    s = OpenSemaphoreA(SYNCHRONIZE, FALSE, nm("wl_sync_waits_event"));
    ok(s == NULL && GetLastError() == ERROR_INVALID_HANDLE, "OpenSemaphore of an event: err %lu\n", GetLastError());
    e2 = OpenEventA(EVENT_MODIFY_STATE | SYNCHRONIZE, FALSE, nm("wl_sync_waits_event"));
    ok(e2 != NULL, "OpenEvent err %lu\n", GetLastError());
    ResetEvent(e2);
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "reset through the opened handle\n");
    CloseHandle(e2);
    CloseHandle(e);
    SetLastError(0xdeadbeef);
    ok(OpenEventA(SYNCHRONIZE, FALSE, nm("wl_sync_waits_event")) == NULL && GetLastError() == ERROR_FILE_NOT_FOUND,
       "name outlived its handles: err %lu\n", GetLastError());

    m = CreateMutexW(NULL, TRUE, wnm("Local\\wl_sync_waits_mutex"));
    SetLastError(0xdeadbeef);
    m2 = CreateMutexW(NULL, TRUE, wnm("wl_sync_waits_mutex"));
    ok(m2 != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "Local\\ prefix: err %lu\n", GetLastError());
    ok(ReleaseMutex(m2) && !ReleaseMutex(m2), "initial owner ignored for an existing mutex\n");
    CloseHandle(m2);
    m2 = OpenMutexA(SYNCHRONIZE | MUTEX_MODIFY_STATE, FALSE, nm("wl_sync_waits_mutex"));
    ok(m2 != NULL, "OpenMutex err %lu\n", GetLastError());
    CloseHandle(m2);
    CloseHandle(m);

    /* Global\ is another namespace than the session's (where Local\ and plain names go) */
    e = CreateEventA(NULL, TRUE, FALSE, nm("Global\\wl_sync_waits_ns"));
    SetLastError(0xdeadbeef);
    e2 = CreateEventA(NULL, TRUE, FALSE, nm("wl_sync_waits_ns"));
    ok(e != NULL && e2 != NULL && GetLastError() == 0, "Global\\ and the session namespace: err %lu\n",
       GetLastError());
    SetEvent(e);
    ok(WaitForSingleObject(e2, 0) == WAIT_TIMEOUT, "Global\\ name reached the session's object\n");
    m = OpenEventA(SYNCHRONIZE, FALSE, nm("Global\\wl_sync_waits_ns"));
    ok(m != NULL && WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "OpenEvent with Global\\\n");
    SetLastError(0xdeadbeef);
    ok(!ResetEvent(m) && GetLastError() == ERROR_ACCESS_DENIED, "ResetEvent through a SYNCHRONIZE handle: err %lu\n",
       GetLastError());
    CloseHandle(m);
    CloseHandle(e2);
    CloseHandle(e);
    SetLastError(0xdeadbeef);
    e = CreateEventA(NULL, TRUE, FALSE, "wl_sync_waits\\sub");
    ok(e == NULL && GetLastError() == ERROR_PATH_NOT_FOUND, "backslash in a name: %p err %lu\n", e, GetLastError());
    e = CreateEventA(NULL, TRUE, FALSE, "");
    SetLastError(0xdeadbeef);
    e2 = CreateEventA(NULL, TRUE, FALSE, "");
    ok(e != NULL && e2 != NULL && GetLastError() == 0, "an empty name is no name: err %lu\n", GetLastError());
    CloseHandle(e2);
    CloseHandle(e);

    s = CreateSemaphoreA(NULL, 1, 5, nm("wl_sync_waits_sem"));
    SetLastError(0xdeadbeef);
    s2 = CreateSemaphoreA(NULL, 4, 10, nm("wl_sync_waits_sem"));
    ok(s2 != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "again: err %lu\n", GetLastError());
    ok(ReleaseSemaphore(s2, 1, &prev) && prev == 1, "counts of the existing semaphore: prev %ld\n", prev);
    CloseHandle(s2);
    s2 = OpenSemaphoreA(SEMAPHORE_MODIFY_STATE | SYNCHRONIZE, FALSE, nm("wl_sync_waits_sem"));
    ok(s2 != NULL && WaitForSingleObject(s2, 0) == WAIT_OBJECT_0, "OpenSemaphore\n");
    CloseHandle(s2);
    CloseHandle(s);
}

static void test_duplicate(void)
{
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL), d = NULL, d2 = NULL, sync_only = NULL;

    ok(DuplicateHandle(GetCurrentProcess(), e, GetCurrentProcess(), &d, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "DuplicateHandle err %lu\n", GetLastError());
    ok(d != NULL && d != e, "dup %p of %p\n", d, e);
    SetEvent(d);
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "not the same object\n");
    CloseHandle(e);
    ok(WaitForSingleObject(d, 0) == WAIT_OBJECT_0, "object died with the first handle\n");

    ok(DuplicateHandle(GetCurrentProcess(), d, GetCurrentProcess(), &sync_only, SYNCHRONIZE, FALSE, 0), "dup\n");
    SetLastError(0xdeadbeef);
    ok(!ResetEvent(sync_only) && GetLastError() == ERROR_ACCESS_DENIED, "SYNCHRONIZE-only handle: err %lu\n",
       GetLastError());
    ok(WaitForSingleObject(sync_only, 0) == WAIT_OBJECT_0, "SYNCHRONIZE handle cannot wait\n");
    CloseHandle(sync_only);

    ok(DuplicateHandle(GetCurrentProcess(), d, GetCurrentProcess(), &d2, 0, FALSE,
                       DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE), "close source err %lu\n", GetLastError());
    ok(ResetEvent(d2), "duplicate of a closed source\n");
    CloseHandle(d2);
    SetLastError(0xdeadbeef);
    ok(!DuplicateHandle(GetCurrentProcess(), (HANDLE)(ULONG_PTR)0xdead0, GetCurrentProcess(), &d, 0, FALSE,
                        DUPLICATE_SAME_ACCESS) && GetLastError() == ERROR_INVALID_HANDLE,
       "bad source: err %lu\n", GetLastError());

    /* the source handle is really closed: the object's name goes with the duplicate */
    e = CreateEventA(NULL, TRUE, FALSE, nm("wl_sync_waits_dup"));
    ok(DuplicateHandle(GetCurrentProcess(), e, GetCurrentProcess(), &d2, 0, FALSE,
                       DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE), "close source err %lu\n", GetLastError());
    d = OpenEventA(SYNCHRONIZE, FALSE, nm("wl_sync_waits_dup"));
    ok(d != NULL, "named object gone while the duplicate is open\n");
    CloseHandle(d);
    CloseHandle(d2);
    SetLastError(0xdeadbeef);
    d = OpenEventA(SYNCHRONIZE, FALSE, nm("wl_sync_waits_dup"));
    ok(d == NULL && GetLastError() == ERROR_FILE_NOT_FOUND, "source handle kept the object alive: err %lu\n",
       GetLastError());
}

static DWORD WINAPI dup_self_thread(void *arg)
{
    HANDLE *out = arg;
    DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), out, 0, FALSE,
                    DUPLICATE_SAME_ACCESS);
    return 5;
}

static void test_pseudo_handles(void)
{
    HANDLE p = NULL, t = NULL, th;
    DWORD code = 0, id;

    ok(GetCurrentProcess() == (HANDLE)(LONG_PTR)-1, "GetCurrentProcess %p\n", GetCurrentProcess());
    ok(GetCurrentThread() == (HANDLE)(LONG_PTR)-2, "GetCurrentThread %p\n", GetCurrentThread());
    ok(GetProcessId(GetCurrentProcess()) == GetCurrentProcessId(), "GetProcessId\n");
    ok(GetThreadId(GetCurrentThread()) == GetCurrentThreadId(), "GetThreadId\n");
    ok(WaitForSingleObject(GetCurrentThread(), 0) == WAIT_TIMEOUT, "own thread signalled\n");
    ok(WaitForSingleObject(GetCurrentProcess(), 0) == WAIT_TIMEOUT, "own process signalled\n");
    ok(GetExitCodeProcess(GetCurrentProcess(), &code) && code == STILL_ACTIVE, "process exit code %lu\n", code);
    ok(GetExitCodeThread(GetCurrentThread(), &code) && code == STILL_ACTIVE, "thread exit code %lu\n", code);
    ok(DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &p, 0, FALSE,
                       DUPLICATE_SAME_ACCESS), "dup of the process pseudo-handle\n");
    ok(p != NULL && p != GetCurrentProcess() && GetProcessId(p) == GetCurrentProcessId(), "real process handle %p\n",
       p);
    CloseHandle(p);

    th = CreateThread(NULL, 0, dup_self_thread, &t, 0, &id);
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "thread did not finish\n");
    ok(t != NULL && t != GetCurrentThread(), "thread's real handle %p\n", t);
    ok(GetThreadId(t) == id, "the pseudo-handle was duplicated as the caller, not the duplicating thread\n");
    ok(WaitForSingleObject(t, 0) == WAIT_OBJECT_0, "duplicated handle of an exited thread\n");
    ok(GetExitCodeThread(t, &code) && code == 5, "exit code %lu\n", code);
    CloseHandle(t);
    CloseHandle(th);
}

static int timer_apc_calls;
static void CALLBACK timer_apc(void *arg, DWORD low, DWORD high)
{
    if (arg == (void *)0x1234) timer_apc_calls++;
}

static void test_waitable_timer(void)
{
    HANDLE t = CreateWaitableTimerA(NULL, TRUE, NULL);
    LARGE_INTEGER due, t0;
    DWORD r, dt;
    int i;

    ok(t != NULL, "CreateWaitableTimer err %lu\n", GetLastError());
    ok(WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "new timer is signalled\n");
    due.QuadPart = -50 * 10000;          /* 50 ms from now */
    t0 = now();
    ok(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer err %lu\n", GetLastError());
    ok(WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "fired at once\n");
    r = WaitForSingleObject(t, 5000);
    dt = ms_since(t0);
    ok(r == WAIT_OBJECT_0, "timer did not fire: %lx\n", r);
    ok(dt >= 40 && dt < 5000, "50 ms timer took %lu ms\n", dt);
    ok(WaitForSingleObject(t, 0) == WAIT_OBJECT_0, "manual timer stays signalled\n");
    due.QuadPart = -10 * 1000 * 10000;   /* 10 s, then cancelled */
    ok(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), "re-arm\n");
    ok(WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "re-arming did not reset the timer\n");
    ok(CancelWaitableTimer(t), "CancelWaitableTimer\n");
    ok(WaitForSingleObject(t, 50) == WAIT_TIMEOUT, "cancelled timer fired\n");
    CloseHandle(t);

    /* synchronization timer, periodic */
    t = CreateWaitableTimerA(NULL, FALSE, NULL);
    due.QuadPart = -20 * 10000;
    t0 = now();
    ok(SetWaitableTimer(t, &due, 20, NULL, NULL, FALSE), "periodic\n");
    for (i = 0; i < 3; i++) {
        r = WaitForSingleObject(t, 5000);
        ok(r == WAIT_OBJECT_0, "period %d: %lx\n", i, r);
    }
    dt = ms_since(t0);
    ok(dt >= 45 && dt < 10000, "three 20 ms periods took %lu ms\n", dt);
    CancelWaitableTimer(t);
    CloseHandle(t);

    /* named */
    t = CreateWaitableTimerW(NULL, TRUE, wnm("wl_sync_waits_timer"));
    SetLastError(0xdeadbeef);
    ok(OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, wnm("wl_sync_waits_timer")) != NULL, "OpenWaitableTimer err %lu\n",
       GetLastError());
    CloseHandle(t);

    /* completion routine: an APC to the thread that set the timer */
    t = CreateWaitableTimerA(NULL, FALSE, NULL);
    due.QuadPart = -10 * 10000;
    timer_apc_calls = 0;
    ok(SetWaitableTimer(t, &due, 0, timer_apc, (void *)0x1234, FALSE), "timer with APC\n");
    r = WaitForSingleObject(t, 5000);
    ok(r == WAIT_OBJECT_0 && timer_apc_calls == 0, "APC ran in a non-alertable wait: %lx %d\n", r,
       timer_apc_calls);
    r = SleepEx(1000, TRUE);
    ok(r == WAIT_IO_COMPLETION && timer_apc_calls == 1, "SleepEx: %lx, APC calls %d\n", r, timer_apc_calls);
    CloseHandle(t);
}

static DWORD WINAPI release_named_mutex_thread(void *arg)
{
    SetLastError(0xdeadbeef);
    if (ReleaseMutex((HANDLE)arg)) return 1;
    return GetLastError();
}

/* SetEvent, ResetEvent, PulseEvent and ReleaseMutex on named (server) objects: results, last
   errors, and a last error left alone on success */
static void test_named_calls(void)
{
    char en[96], mn[96];
    HANDLE e, m, ro, th;
    DWORD code = 0;
    int i, good = 1;

    strcpy(en, nm("wl_sync_waits_calls_e"));
    strcpy(mn, nm("wl_sync_waits_calls_m"));
    e = CreateEventA(NULL, TRUE, FALSE, en);
    m = CreateMutexA(NULL, TRUE, mn);

    ok(e != NULL && m != NULL, "create: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(SetEvent(e) && GetLastError() == 0xdeadbeef, "SetEvent: err %lx\n", GetLastError());
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "set\n");
    ok(ResetEvent(e) && GetLastError() == 0xdeadbeef, "ResetEvent: err %lx\n", GetLastError());
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "reset\n");
    ok(PulseEvent(e) && WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "PulseEvent leaves it reset\n");
    for (i = 0; i < 1000; i++) {          /* many in a row: replies and requests stay in step */
        good &= SetEvent(e) && WaitForSingleObject(e, 0) == WAIT_OBJECT_0;
        good &= ResetEvent(e) && WaitForSingleObject(e, 0) == WAIT_TIMEOUT;
    }
    ok(good, "1000 set/reset rounds\n");

    SetLastError(0xdeadbeef);
    ok(!SetEvent(m) && GetLastError() == ERROR_INVALID_HANDLE, "SetEvent on a mutex: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(e) && GetLastError() == ERROR_INVALID_HANDLE, "ReleaseMutex on an event: err %lu\n",
       GetLastError());
    ro = OpenEventA(SYNCHRONIZE, FALSE, en);
    SetLastError(0xdeadbeef);
    ok(ro != NULL && !SetEvent(ro) && GetLastError() == ERROR_ACCESS_DENIED, "SetEvent without the right: err %lu\n",
       GetLastError());
    SetLastError(0xdeadbeef);
    ok(!PulseEvent(ro) && GetLastError() == ERROR_ACCESS_DENIED, "PulseEvent without the right: err %lu\n",
       GetLastError());
    CloseHandle(ro);

    th = CreateThread(NULL, 0, release_named_mutex_thread, m, 0, NULL);
    WaitForSingleObject(th, 5000);
    GetExitCodeThread(th, &code);
    ok(code == ERROR_NOT_OWNER, "ReleaseMutex by another thread: %lu\n", code);
    CloseHandle(th);
    SetLastError(0xdeadbeef);
    ok(ReleaseMutex(m) && GetLastError() == 0xdeadbeef, "ReleaseMutex: err %lx\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(m) && GetLastError() == ERROR_NOT_OWNER, "released twice: err %lu\n", GetLastError());

    CloseHandle(m);
    CloseHandle(e);
    SetLastError(0xdeadbeef);
    ok(!SetEvent(e) && GetLastError() == ERROR_INVALID_HANDLE, "SetEvent on a closed handle: err %lu\n",
       GetLastError());
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(m) && GetLastError() == ERROR_INVALID_HANDLE, "ReleaseMutex on a closed handle: err %lu\n",
       GetLastError());
}

int main(void)
{
    QueryPerformanceFrequency(&qpf);
    test_timeouts();
    test_failures();
    test_64_handles();
    test_wake_from_thread();
    test_auto_vs_manual();
    test_pulse_event();
    test_semaphore();
    test_mutex();
    test_signal_and_wait();
    test_named();
    test_named_calls();
    test_duplicate();
    test_pseudo_handles();
    test_waitable_timer();
    return wl_summary();
}
