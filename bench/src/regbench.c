/* regbench N: N pairs of RegSetValueExA + RegQueryValueExA (a DWORD under
 * HKCU\Software\WinelikeBench\Pairs), timed inside the guest; prints "seconds pairs".
 * Build: i686-w64-mingw32-gcc -O2 -D__USE_MINGW_ANSI_STDIO=0 -o ../bin/regbench-x86.exe regbench.c -ladvapi32
 *        (and x86_64-w64-mingw32-gcc for regbench-x64.exe) */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    HKEY k;
    LARGE_INTEGER f, t0, t1;
    DWORD i, n = argc > 1 ? (DWORD)atoi(argv[1]) : 1000, v, size, type, bad = 0;
    if (RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\WinelikeBench\\Pairs", 0, NULL, REG_OPTION_VOLATILE,
                        KEY_ALL_ACCESS, NULL, &k, NULL))
        return 2;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&t0);
    for (i = 0; i < n; i++) {
        RegSetValueExA(k, "v", 0, REG_DWORD, (const BYTE *)&i, 4);
        size = sizeof v;
        RegQueryValueExA(k, "v", NULL, &type, (BYTE *)&v, &size);
        bad += v != i;
    }
    QueryPerformanceCounter(&t1);
    RegCloseKey(k);
    printf("%.6f %lu\n", (double)(t1.QuadPart - t0.QuadPart) / f.QuadPart, n);
    return bad ? 1 : 0;
}
