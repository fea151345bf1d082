/* The harness itself and the simplest things every program does. */
#include "wltest.h"

static void test_last_error(void)
{
    SetLastError(0xdeadbeef);
    ok(GetLastError() == 0xdeadbeef, "got %lx\n", GetLastError());
}

static void test_module_handle(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    ok(k32 != NULL, "kernel32 not loaded\n");
    ok(GetModuleHandleA(NULL) == (HMODULE)GetModuleHandleW(NULL), "A and W disagree\n");
    ok(GetProcAddress(k32, "GetLastError") != NULL, "GetLastError not found\n");
    SetLastError(0xdeadbeef);
    ok(GetProcAddress(k32, "NoSuchFunctionAnywhere") == NULL, "found a missing export\n");
    ok(GetLastError() == ERROR_PROC_NOT_FOUND, "got error %lu\n", GetLastError());
}

int main(void)
{
    test_last_error();
    test_module_handle();
    return wl_summary();
}
