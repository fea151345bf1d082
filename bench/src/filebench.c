/* bench/files.py's guest side: times measured inside the program with QueryPerformanceCounter.
 *   filebench cycles DIR N     N x (CreateFile CREATE_ALWAYS, WriteFile 16 bytes, CloseHandle) on DIR\f.bin
 *   filebench read FILE        ReadFile through FILE in 1 MB chunks
 * prints "<seconds> <bytes or cycles>" */
#include <windows.h>

static char buf[1 << 20];

static void out(double s, unsigned long long n)
{
    char line[64];
    DWORD w;
    int us = (int)(s * 1e6);
    wsprintfA(line, "%d.%06d %I64u\n", us / 1000000, us % 1000000, n);
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), line, lstrlenA(line), &w, NULL);
}

int main(int argc, char **argv)
{
    LARGE_INTEGER f, a, b;
    char path[MAX_PATH];
    unsigned long long total = 0;
    DWORD n;
    HANDLE h;
    int i, count;
    QueryPerformanceFrequency(&f);
    if (argc == 4 && !lstrcmpA(argv[1], "cycles")) {
        wsprintfA(path, "%s\\f.bin", argv[2]);
        count = 0;
        for (i = 0; argv[3][i]; i++) count = count * 10 + (argv[3][i] - '0');
        QueryPerformanceCounter(&a);
        for (i = 0; i < count; i++) {
            h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
            if (h == INVALID_HANDLE_VALUE) return 2;
            WriteFile(h, "0123456789abcdef", 16, &n, NULL);
            CloseHandle(h);
        }
        QueryPerformanceCounter(&b);
        out((double)(b.QuadPart - a.QuadPart) / f.QuadPart, count);
        return 0;
    }
    if (argc == 3 && !lstrcmpA(argv[1], "read")) {
        h = CreateFileA(argv[2], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
        if (h == INVALID_HANDLE_VALUE) return 2;
        QueryPerformanceCounter(&a);
        while (ReadFile(h, buf, sizeof buf, &n, NULL) && n) total += n;
        QueryPerformanceCounter(&b);
        CloseHandle(h);
        out((double)(b.QuadPart - a.QuadPart) / f.QuadPart, total);
        return 0;
    }
    return 1;
}
