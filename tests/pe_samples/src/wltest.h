/* wltest.h - winelike's own conformance-test harness for tests/pe_samples.
 *
 * Usage (one sample = one program):
 *     #include "wltest.h"
 *     static void test_lstrlenA(void) { ok(lstrlenA("abc") == 3, "got %d\n", lstrlenA("abc")); }
 *     int main(void) { test_lstrlenA(); return wl_summary(); }
 *
 *   ok(cond, fmt, ...)      a check; a failure prints "file:line: Test failed: ..."
 *   todo(cond, fmt, ...)    a known difference from Windows: a failure counts as todo,
 *                           a success is reported as "Test succeeded inside todo block" and fails
 *   skip(fmt, ...)          a check that cannot run here (e.g. an optional API is absent)
 *   trace(fmt, ...)         informational output
 *   wl_summary()            prints "NAME: N tests executed (T marked as todo, F failures), S skipped."
 *                           and returns F, so the exit code is the number of failures.
 *
 * Output goes through WriteFile on the std handle so that the harness does not
 * depend on the printf implementation it may be testing.
 */
#ifndef WLTEST_H
#define WLTEST_H
#include <windows.h>
#include <stdarg.h>

static int wl_tests, wl_failures, wl_todos, wl_skips;

static void wl_vout(const char *fmt, va_list ap)
{
    char buf[2048];
    DWORD n;
    int len = wvsprintfA(buf, fmt, ap);   /* user32's tiny formatter: independent of msvcrt */
    if (len < 0) len = 0;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), buf, (DWORD)len, &n, NULL);
}

static void wl_out(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    wl_vout(fmt, ap);
    va_end(ap);
}

static const char *wl_base(const char *f)
{
    const char *p = f, *b = f;
    for (; *p; p++) if (*p == '/' || *p == '\\') b = p + 1;
    return b;
}

static int wl_check(const char *file, int line, int todo, int cond, const char *fmt, ...)
{
    va_list ap;
    wl_tests++;
    if (todo) {
        if (cond) {
            wl_failures++;
            wl_out("%s:%d: Test succeeded inside todo block: ", wl_base(file), line);
        } else {
            wl_todos++;
            wl_out("%s:%d: Test marked todo: ", wl_base(file), line);
        }
    } else if (!cond) {
        wl_failures++;
        wl_out("%s:%d: Test failed: ", wl_base(file), line);
    } else {
        return 1;
    }
    va_start(ap, fmt);
    wl_vout(fmt, ap);
    va_end(ap);
    return cond;
}

#define ok(cond, ...)   wl_check(__FILE__, __LINE__, 0, !!(cond), __VA_ARGS__)
#define todo(cond, ...) wl_check(__FILE__, __LINE__, 1, !!(cond), __VA_ARGS__)
#define skip(...)       (wl_skips++, wl_out("%s:%d: Tests skipped: ", wl_base(__FILE__), __LINE__), wl_out(__VA_ARGS__))
#define trace(...)      (wl_out("%s:%d: ", wl_base(__FILE__), __LINE__), wl_out(__VA_ARGS__))

static int wl_summary_(const char *file)
{
    wl_out("%s: %d tests executed (%d marked as todo, %d failures), %d skipped.\r\n",
           wl_base(file), wl_tests, wl_todos, wl_failures, wl_skips);
    return wl_failures;
}
#define wl_summary() wl_summary_(__FILE__)
#endif
