/* Console control handlers: GenerateConsoleCtrlEvent runs them on a new thread, newest first, until
 * one returns TRUE.  With the argument "wait" (run on a terminal by tests/files/test_console_pty.py):
 * print "ready", wait for a real Ctrl-C from the terminal, report it, remove the handler, print
 * "again" and wait for a second Ctrl-C, which the default handler turns into exit code
 * STATUS_CONTROL_C_EXIT. */
#include "wltest.h"

static HANDLE done;
static DWORD main_tid, handler_tid;
static int calls_first, calls_second, order_ok;

static BOOL WINAPI first(DWORD type)
{
    calls_first++;
    handler_tid = GetCurrentThreadId();
    order_ok = calls_second == 1;       /* registered first: called after the second one */
    SetEvent(done);
    return type == CTRL_C_EVENT;
}

static BOOL WINAPI second(DWORD type)
{
    calls_second++;
    return FALSE;                       /* not handled: pass it on */
}

static void out(const char *s)
{
    DWORD n;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), s, lstrlenA(s), &n, NULL);
}

int main(int argc, char **argv)
{
    main_tid = GetCurrentThreadId();
    done = CreateEventA(NULL, FALSE, FALSE, NULL);
    ok(SetConsoleCtrlHandler(first, TRUE), "add first\n");
    ok(SetConsoleCtrlHandler(second, TRUE), "add second\n");
    if (argc > 1 && !lstrcmpA(argv[1], "wait")) {
        out("ready\n");
        ok(WaitForSingleObject(done, 60000) == WAIT_OBJECT_0, "Ctrl-C reached the handler\n");
        ok(handler_tid && handler_tid != main_tid, "on a new thread: %lu vs %lu\n", handler_tid, main_tid);
        ok(order_ok && calls_second == 1, "newest first\n");
        out(handler_tid != main_tid ? "handled on another thread\n" : "handled on the main thread\n");
        SetConsoleCtrlHandler(first, FALSE);
        SetConsoleCtrlHandler(second, FALSE);
        out("again\n");
        Sleep(60000);
        out("not stopped\n");
        return 3;
    }
    if (GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0)) {
        ok(WaitForSingleObject(done, 10000) == WAIT_OBJECT_0, "handler ran\n");
        ok(handler_tid && handler_tid != main_tid, "on a new thread: %lu vs %lu\n", handler_tid, main_tid);
        ok(calls_first == 1 && calls_second == 1 && order_ok, "newest first, until one returns TRUE: %d %d %d\n",
           calls_first, calls_second, order_ok);
    } else {
        skip("GenerateConsoleCtrlEvent: no console (err %lu)\n", GetLastError());
    }
    ok(SetConsoleCtrlHandler(second, FALSE), "remove\n");
    SetLastError(0xdeadbeef);
    ok(!SetConsoleCtrlHandler(second, FALSE) && GetLastError() == ERROR_INVALID_PARAMETER, "remove twice: %lu\n",
       GetLastError());
    ok(SetConsoleCtrlHandler(NULL, TRUE) && SetConsoleCtrlHandler(NULL, FALSE), "ignore flag\n");
    return wl_summary();
}
