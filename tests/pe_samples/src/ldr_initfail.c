/* WLTEST-MANUAL (tests/loader/test_loader.py): statically imports wl_initfail.dll, whose DllMain fails,
 * so the process must not reach main: it ends with STATUS_DLL_INIT_FAILED (0xc0000142). */
#include <windows.h>
#include <stdio.h>

__declspec(dllimport) int wl_initfail_dummy(void);

int main(void)
{
    printf("main reached: %d\n", wl_initfail_dummy());
    return 0;
}
