/* Events, semaphores, mutexes and waits as a single-threaded process sees them. */
#include "wltest.h"

static void test_event(void)
{
    HANDLE e, e2;
    DWORD r;
    SetLastError(0xdeadbeef);
    e = CreateEventA(NULL, FALSE, FALSE, NULL);
    ok(e != NULL && GetLastError() == 0, "CreateEvent %p err %lu\n", e, GetLastError());
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "unsignalled event\n");
    ok(SetEvent(e), "SetEvent\n");
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "signalled\n");
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "auto reset consumed it\n");
    CloseHandle(e);

    e = CreateEventW(NULL, TRUE, TRUE, L"wl_test_event");
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "manual\n");
    ok(WaitForSingleObject(e, 10) == WAIT_OBJECT_0, "manual stays set\n");
    ok(ResetEvent(e), "ResetEvent\n");
    r = WaitForSingleObject(e, 20);
    ok(r == WAIT_TIMEOUT, "after reset: %lx\n", r);
    SetLastError(0xdeadbeef);
    e2 = CreateEventA(NULL, FALSE, FALSE, "WL_TEST_EVENT");
    ok(e2 != NULL && GetLastError() == 0, "names are case-sensitive: err %lu\n", GetLastError());
    CloseHandle(e2);
    SetLastError(0xdeadbeef);
    e2 = CreateEventA(NULL, FALSE, FALSE, "Local\\wl_test_event");
    ok(e2 != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "same name: err %lu\n", GetLastError());
    SetEvent(e2);
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "same object through the second handle\n");
    CloseHandle(e2);
    e2 = OpenEventA(EVENT_ALL_ACCESS, FALSE, "wl_test_event");
    ok(e2 != NULL, "OpenEvent\n");
    CloseHandle(e2);
    CloseHandle(e);
    SetLastError(0xdeadbeef);
    ok(OpenEventA(EVENT_ALL_ACCESS, FALSE, "wl_test_event") == NULL && GetLastError() == ERROR_FILE_NOT_FOUND,
       "name gone with the last handle: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!SetEvent((HANDLE)0xdead0), "bad handle\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "err %lu\n", GetLastError());
}

static void test_semaphore(void)
{
    HANDLE s, ev;
    LONG prev = -1;
    s = CreateSemaphoreA(NULL, 1, 2, NULL);
    ok(s != NULL, "CreateSemaphore\n");
    ok(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "count 1\n");
    ok(WaitForSingleObject(s, 0) == WAIT_TIMEOUT, "count 0\n");
    ok(ReleaseSemaphore(s, 2, &prev) && prev == 0, "release 2: prev %ld\n", prev);
    SetLastError(0xdeadbeef);
    ok(!ReleaseSemaphore(s, 1, &prev), "over maximum\n");
    ok(GetLastError() == ERROR_TOO_MANY_POSTS, "err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(CreateSemaphoreA(NULL, 3, 2, NULL) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
       "initial > max: err %lu\n", GetLastError());
    ev = CreateEventA(NULL, TRUE, FALSE, "wl_test_kind");
    SetLastError(0xdeadbeef);
    ok(CreateSemaphoreA(NULL, 1, 1, "wl_test_kind") == NULL && GetLastError() == ERROR_INVALID_HANDLE,
       "name of another type: err %lu\n", GetLastError());
    CloseHandle(ev);
    CloseHandle(s);
}

static void test_mutex(void)
{
    HANDLE m = CreateMutexA(NULL, TRUE, NULL);
    ok(m != NULL, "CreateMutex\n");
    ok(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "owner may re-enter\n");
    ok(ReleaseMutex(m), "release 1\n");
    ok(ReleaseMutex(m), "release 2\n");
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(m) && GetLastError() == ERROR_NOT_OWNER, "not owner: err %lu\n", GetLastError());
    CloseHandle(m);
}

static void test_multiple(void)
{
    HANDLE h[3];
    DWORD r;
    h[0] = CreateEventA(NULL, TRUE, FALSE, NULL);
    h[1] = CreateEventA(NULL, TRUE, TRUE, NULL);
    h[2] = CreateSemaphoreA(NULL, 0, 5, NULL);
    r = WaitForMultipleObjects(3, h, FALSE, 0);
    ok(r == WAIT_OBJECT_0 + 1, "any: %lx\n", r);
    r = WaitForMultipleObjects(3, h, TRUE, 0);
    ok(r == WAIT_TIMEOUT, "all: %lx\n", r);
    SetEvent(h[0]);
    ReleaseSemaphore(h[2], 1, NULL);
    r = WaitForMultipleObjects(3, h, TRUE, 0);
    ok(r == WAIT_OBJECT_0, "all signalled: %lx\n", r);
    ok(WaitForSingleObject(h[2], 0) == WAIT_TIMEOUT, "wait-all consumed the semaphore\n");
    SetLastError(0xdeadbeef);
    r = WaitForMultipleObjects(0, h, FALSE, 0);
    ok(r == WAIT_FAILED && GetLastError() == ERROR_INVALID_PARAMETER, "no handles: %lx %lu\n", r, GetLastError());
    CloseHandle(h[0]); CloseHandle(h[1]); CloseHandle(h[2]);
}

int main(void)
{
    test_event();
    test_semaphore();
    test_mutex();
    test_multiple();
    return wl_summary();
}
