/* user32 message queues: posting and peeking with filters, thread messages, WM_QUIT, SendMessage,
 * timers (window, thread, TIMERPROC), MsgWaitForMultipleObjects, and between threads:
 * PostThreadMessage both ways, SendMessage to another thread's window (which sends back to the
 * waiting sender, who must serve it meanwhile).  WLTEST-GUI: the oracle runs it under Xvfb. */
#include "wltest.h"

static DWORD main_tid;
static HWND main_hwnd;
static int timerproc_calls, nested_seen;

static LRESULT CALLBACK wndproc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    if (msg == WM_USER + 1) return wp * 10 + lp;
    if (msg == WM_USER + 2) { nested_seen = (GetCurrentThreadId() == main_tid); return 77; }
    return DefWindowProcA(hwnd, msg, wp, lp);
}

static void register_class(void)
{
    WNDCLASSA wc;
    ZeroMemory(&wc, sizeof(wc));
    wc.lpfnWndProc = wndproc;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.lpszClassName = "WlMsgClass";
    ok(RegisterClassA(&wc) != 0, "RegisterClass\n");
}

static void drain(void)
{
    MSG m;
    while (PeekMessageA(&m, NULL, 0, 0, PM_REMOVE)) DispatchMessageA(&m);
}

static void test_post_peek(void)
{
    MSG m;
    drain();
    ok(PostMessageA(main_hwnd, WM_USER + 10, 1, 2), "PostMessage\n");
    ok(PostMessageA(main_hwnd, WM_USER + 20, 3, 4), "PostMessage\n");
    ok(PeekMessageA(&m, NULL, 0, 0, PM_NOREMOVE) && m.message == WM_USER + 10 && m.hwnd == main_hwnd,
       "peek first %x\n", m.message);
    ok(PeekMessageA(&m, NULL, WM_USER + 20, WM_USER + 20, PM_REMOVE) && m.message == WM_USER + 20 && m.wParam == 3,
       "filtered peek %x\n", m.message);
    ok(PeekMessageA(&m, NULL, 0, 0, PM_REMOVE) && m.message == WM_USER + 10 && m.lParam == 2, "then the first\n");
    ok(!PeekMessageA(&m, NULL, WM_USER, WM_USER + 100, PM_REMOVE), "empty\n");
    ok(PostThreadMessageA(GetCurrentThreadId(), WM_USER + 30, 5, 6), "PostThreadMessage\n");
    ok(PeekMessageA(&m, (HWND)-1, 0, 0, PM_REMOVE) && m.message == WM_USER + 30 && m.hwnd == NULL,
       "thread message %x\n", m.message);
    SetLastError(0xdeadbeef);
    ok(!PostMessageA((HWND)0xdead00, WM_USER, 0, 0) && GetLastError() == ERROR_INVALID_WINDOW_HANDLE,
       "bad window %lu\n", GetLastError());
    ok(SendMessageA(main_hwnd, WM_USER + 1, 4, 2) == 42, "SendMessage same thread\n");
}

static void test_quit(void)
{
    MSG m;
    drain();
    PostMessageA(main_hwnd, WM_USER + 3, 0, 0);
    PostQuitMessage(42);
    ok(GetMessageA(&m, NULL, 0, 0) == 1 && m.message == WM_USER + 3, "posted before quit first\n");
    ok(GetMessageA(&m, NULL, 0, 0) == 0 && m.message == WM_QUIT && m.wParam == 42, "WM_QUIT %x %ld\n",
       m.message, (long)m.wParam);
}

static VOID CALLBACK timerproc(HWND hwnd, UINT msg, UINT_PTR id, DWORD t)
{
    timerproc_calls++;
}

static void test_timers(void)
{
    MSG m;
    DWORD start = GetTickCount();
    UINT_PTR tid;
    int got = 0;
    drain();
    ok(SetTimer(main_hwnd, 7, 30, NULL) == 7, "SetTimer\n");
    while (GetTickCount() - start < 3000) {
        if (!GetMessageA(&m, NULL, 0, 0)) break;
        if (m.message == WM_TIMER && m.hwnd == main_hwnd && m.wParam == 7) { got = 1; break; }
        DispatchMessageA(&m);
    }
    ok(got, "WM_TIMER arrived\n");
    ok(KillTimer(main_hwnd, 7), "KillTimer\n");
    ok(!KillTimer(main_hwnd, 7), "KillTimer twice\n");
    Sleep(80);
    got = 0;
    while (PeekMessageA(&m, NULL, WM_TIMER, WM_TIMER, PM_REMOVE)) got++;
    ok(got == 0, "no WM_TIMER after KillTimer: %d\n", got);

    tid = SetTimer(NULL, 0, 30, timerproc);
    ok(tid != 0, "thread timer\n");
    start = GetTickCount();
    while (!timerproc_calls && GetTickCount() - start < 3000) {
        if (GetMessageA(&m, NULL, 0, 0) <= 0) break;
        DispatchMessageA(&m);     /* calls the TIMERPROC */
    }
    ok(timerproc_calls > 0, "TIMERPROC called\n");
    ok(KillTimer(NULL, tid), "KillTimer thread timer\n");
}

static void test_msgwait(void)
{
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    MSG m;
    DWORD r;
    drain();
    r = MsgWaitForMultipleObjects(1, &ev, FALSE, 50, QS_ALLINPUT);
    ok(r == WAIT_TIMEOUT, "nothing: %lu\n", r);
    PostMessageA(main_hwnd, WM_USER + 5, 0, 0);
    r = MsgWaitForMultipleObjects(1, &ev, FALSE, 1000, QS_ALLINPUT);
    ok(r == WAIT_OBJECT_0 + 1, "message: %lu\n", r);
    drain();
    SetEvent(ev);
    r = MsgWaitForMultipleObjects(1, &ev, FALSE, 1000, QS_ALLINPUT);
    ok(r == WAIT_OBJECT_0, "event: %lu\n", r);
    (void)m;
    CloseHandle(ev);
}

/* ---- between threads ---- */
static HANDLE ready;
static DWORD worker_tid;
static HWND worker_hwnd;
static DWORD sent_on_thread;

static LRESULT CALLBACK worker_proc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    if (msg == WM_USER + 1) {
        sent_on_thread = GetCurrentThreadId();
        /* send back to the main thread's window while main waits in SendMessage */
        return wp + lp + SendMessageA(main_hwnd, WM_USER + 2, 0, 0);
    }
    return DefWindowProcA(hwnd, msg, wp, lp);
}

static DWORD WINAPI worker(void *arg)
{
    MSG m;
    WNDCLASSA wc;
    ZeroMemory(&wc, sizeof(wc));
    wc.lpfnWndProc = worker_proc;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.lpszClassName = "WlWorkerClass";
    RegisterClassA(&wc);
    worker_hwnd = CreateWindowExA(0, "WlWorkerClass", "w", WS_OVERLAPPED, 0, 0, 10, 10, NULL, NULL, NULL, NULL);
    PeekMessageA(&m, NULL, 0, 0, PM_NOREMOVE);      /* make sure the queue exists */
    SetEvent(ready);
    while (GetMessageA(&m, NULL, 0, 0) > 0) {
        if (m.hwnd == NULL && m.message == WM_USER + 50)
            PostThreadMessageA(main_tid, WM_USER + 51, m.wParam + 1, GetCurrentThreadId());
        DispatchMessageA(&m);
    }
    DestroyWindow(worker_hwnd);
    return (DWORD)m.wParam;
}

static void test_threads(void)
{
    HANDLE th;
    MSG m;
    DWORD code = 0, start;
    LRESULT r;
    int got = 0;
    drain();
    ready = CreateEventA(NULL, FALSE, FALSE, NULL);
    th = CreateThread(NULL, 0, worker, NULL, 0, &worker_tid);
    ok(WaitForSingleObject(ready, 5000) == WAIT_OBJECT_0, "worker ready\n");
    ok(GetWindowThreadProcessId(worker_hwnd, NULL) == worker_tid, "window's thread\n");
    ok(PostThreadMessageA(worker_tid, WM_USER + 50, 41, 0), "PostThreadMessage to the worker\n");
    start = GetTickCount();
    while (GetTickCount() - start < 5000 && GetMessageA(&m, NULL, 0, 0) > 0) {
        if (m.message == WM_USER + 51) { got = 1; break; }
        DispatchMessageA(&m);
    }
    ok(got && m.wParam == 42 && m.lParam == (LPARAM)worker_tid, "reply %d %ld\n", got, (long)m.wParam);
    nested_seen = 0;
    r = SendMessageA(worker_hwnd, WM_USER + 1, 3, 4);
    ok(r == 3 + 4 + 77, "SendMessage to the worker's window: %ld\n", (long)r);
    ok(sent_on_thread == worker_tid, "ran on the worker's thread\n");
    ok(nested_seen, "the worker's SendMessage back was served on the main thread while it waited\n");
    ok(PostMessageA(worker_hwnd, WM_QUIT, 9, 0), "post WM_QUIT\n");
    ok(WaitForSingleObject(th, 5000) == WAIT_OBJECT_0, "worker ended\n");
    GetExitCodeThread(th, &code);
    ok(code == 9, "exit code %lu\n", code);
    SetLastError(0xdeadbeef);
    ok(!PostThreadMessageA(worker_tid, WM_USER, 0, 0), "thread gone\n");
    CloseHandle(th);
    CloseHandle(ready);
}

int main(void)
{
    main_tid = GetCurrentThreadId();
    register_class();
    main_hwnd = CreateWindowExA(0, "WlMsgClass", "main", WS_OVERLAPPED, 0, 0, 50, 50, NULL, NULL, NULL, NULL);
    ok(main_hwnd != NULL, "window\n");
    test_post_peek();
    test_quit();
    test_timers();
    test_msgwait();
    test_threads();
    DestroyWindow(main_hwnd);
    return wl_summary();
}
