/* WLTEST-MANUAL (tests/loader/test_loader.py): no CRT; the entry point simply returns 7, which ends the
 * process with exit code 7 (Windows' thread start-up calls ExitThread/ExitProcess with the return value). */
#include <windows.h>

int WINAPI mainCRTStartup(void)
{
    DWORD n;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), "entry returns 7\n", 16, &n, NULL);
    return 7;
}
