/* WLTEST-MANUAL: run by tests/dlls/kernel32/test_exit_paths.py with one argument naming the case.
 * RaiseException without SEH frames, top-level filters, single-thread deadlocks, FLS at exit. */
#include "wltest.h"

static LONG WINAPI filter_execute(EXCEPTION_POINTERS *ep)
{
    wl_out("filter: code %08lx params %lu p0 %lx\r\n", ep->ExceptionRecord->ExceptionCode,
           ep->ExceptionRecord->NumberParameters, (DWORD)ep->ExceptionRecord->ExceptionInformation[0]);
    return EXCEPTION_EXECUTE_HANDLER;
}

static LONG WINAPI filter_continue(EXCEPTION_POINTERS *ep)
{
    wl_out("filter: continue\r\n");
    return EXCEPTION_CONTINUE_EXECUTION;
}

int main(int argc, char **argv)
{
    ULONG_PTR args[2] = {0x1234, 0x5678};
    const char *c = argc > 1 ? argv[1] : "";

    if (!lstrcmpA(c, "raise")) {
        RaiseException(0xE0000042, 0, 2, args);
        wl_out("not reached\r\n");
        return 1;
    }
    if (!lstrcmpA(c, "filter")) {
        SetUnhandledExceptionFilter(filter_execute);
        RaiseException(0xE0000043, 0, 2, args);
        wl_out("not reached\r\n");
        return 1;
    }
    if (!lstrcmpA(c, "continue")) {
        SetUnhandledExceptionFilter(filter_continue);
        RaiseException(0xE0000044, 0, 0, NULL);
        wl_out("continued\r\n");
        return 0;
    }
    if (!lstrcmpA(c, "deadlock")) {     /* winelike only: Wine would hang */
        CONDITION_VARIABLE cv = CONDITION_VARIABLE_INIT;
        CRITICAL_SECTION cs;
        InitializeCriticalSection(&cs);
        EnterCriticalSection(&cs);
        SleepConditionVariableCS(&cv, &cs, INFINITE);
        wl_out("not reached\r\n");
        return 1;
    }
    if (!lstrcmpA(c, "fatal")) {        /* winelike only: Wine shows a message box */
        FatalAppExitA(0, "k32_raise: fatal");
        wl_out("not reached\r\n");
        return 1;
    }
    wl_out("usage: k32_raise raise|filter|continue|deadlock|fatal\r\n");
    return 2;
}
