/* WLTEST-MANUAL: run on a pseudo-terminal by tests/dlls/kernel32/test_console.py.
 * Console handles on a terminal: modes, WriteConsoleW, cooked ReadFile input. */
#include "wltest.h"

int main(void)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE), out = GetStdHandle(STD_OUTPUT_HANDLE);
    DWORD mode = 0, n = 0, i;
    char b[64];

    ok(GetFileType(out) == FILE_TYPE_CHAR, "stdout type %lu\n", GetFileType(out));
    ok(GetConsoleMode(out, &mode), "GetConsoleMode(out) failed %lu\n", GetLastError());
    ok(GetConsoleMode(in, &mode) && (mode & ENABLE_LINE_INPUT), "input mode %lx\n", mode);
    ok(WriteConsoleW(out, L"caf\x00e9\r\n", 6, &n, NULL) && n == 6, "WriteConsoleW %lu\n", n);
    ok(SetConsoleOutputCP(CP_UTF8) && GetConsoleOutputCP() == CP_UTF8, "SetConsoleOutputCP\n");
    ok(WriteConsoleA(out, "\xe2\x82\xac\r\n", 5, &n, NULL) && n == 5, "WriteConsoleA UTF-8 %lu\n", n);
    {
        CONSOLE_SCREEN_BUFFER_INFO info;
        ok(GetConsoleScreenBufferInfo(out, &info) && info.dwSize.X > 0 && info.srWindow.Right >= info.srWindow.Left,
           "GetConsoleScreenBufferInfo failed %lu\n", GetLastError());
        ok(SetConsoleTextAttribute(out, FOREGROUND_RED | FOREGROUND_INTENSITY), "SetConsoleTextAttribute\n");
        wl_out("red");
        ok(SetConsoleTextAttribute(out, info.wAttributes), "restore attributes\n");
        wl_out("\r\n");
    }
    ok(ReadFile(in, b, sizeof(b), &n, NULL), "ReadFile failed\n");
    wl_out("read:");
    for (i = 0; i < n; i++) wl_out(" %02x", (BYTE)b[i]);
    wl_out("\r\n");
    return wl_summary();
}
