/* kernel32 environment variables: Get/Set/Expand, the strings block, case-insensitive names. */
#include "wltest.h"

static void test_GetSetEnvironmentVariableA(void)
{
    char buf[64];
    DWORD r;
    BOOL b;

    SetLastError(0xdeadbeef);
    b = SetEnvironmentVariableA("WlTestVar", "Value1");
    ok(b, "SetEnvironmentVariableA failed %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableA("WLTESTVAR", buf, sizeof(buf));
    ok(r == 6 && !lstrcmpA(buf, "Value1"), "got %lu %s\n", r, buf);
    ok(GetLastError() == 0xdeadbeef, "error %lu\n", GetLastError());

    /* too small: size needed including the NUL, buffer untouched */
    lstrcpyA(buf, "xxxxxxxx");
    r = GetEnvironmentVariableA("wltestvar", buf, 6);
    ok(r == 7, "got %lu\n", r);
    ok(!lstrcmpA(buf, "xxxxxxxx"), "buffer changed: %s\n", buf);
    r = GetEnvironmentVariableA("wltestvar", NULL, 0);
    ok(r == 7, "got %lu\n", r);
    r = GetEnvironmentVariableA("wltestvar", buf, 7);
    ok(r == 6 && !lstrcmpA(buf, "Value1"), "got %lu %s\n", r, buf);

    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableA("WlTestNotThere", buf, sizeof(buf));
    ok(r == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND, "got %lu err %lu\n", r, GetLastError());

    /* NULL value deletes */
    SetLastError(0xdeadbeef);
    b = SetEnvironmentVariableA("WLTESTVAR", NULL);
    ok(b, "delete failed %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableA("WlTestVar", buf, sizeof(buf));
    ok(r == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND, "got %lu err %lu\n", r, GetLastError());

    /* deleting what does not exist succeeds */
    SetLastError(0xdeadbeef);
    b = SetEnvironmentVariableA("WlTestNotThere", NULL);
    ok(b, "delete of missing var failed %lu\n", GetLastError());

    /* empty value exists */
    b = SetEnvironmentVariableA("WlTestEmpty", "");
    ok(b, "set empty failed\n");
    buf[0] = 'x';
    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableA("WlTestEmpty", buf, sizeof(buf));
    ok(r == 0 && buf[0] == 0, "got %lu %d\n", r, buf[0]);
    ok(GetLastError() == 0xdeadbeef || GetLastError() == 0, "error %lu\n", GetLastError());
    SetEnvironmentVariableA("WlTestEmpty", NULL);

    /* '=' in a name is invalid */
    SetLastError(0xdeadbeef);
    b = SetEnvironmentVariableA("Wl=Bad", "x");
    ok(!b && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", b, GetLastError());
    SetLastError(0xdeadbeef);
    b = SetEnvironmentVariableA("", "x");
    ok(!b && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", b, GetLastError());
}

static void test_GetSetEnvironmentVariableW(void)
{
    WCHAR buf[64];
    DWORD r;
    BOOL b;

    b = SetEnvironmentVariableW(L"WlWide", L"Caf\x00e9");
    ok(b, "SetEnvironmentVariableW failed\n");
    r = GetEnvironmentVariableW(L"wlwide", buf, 64);
    ok(r == 4 && !lstrcmpW(buf, L"Caf\x00e9"), "got %lu\n", r);
    r = GetEnvironmentVariableW(L"wlwide", buf, 4);
    ok(r == 5, "got %lu\n", r);
    r = GetEnvironmentVariableW(L"wlwide", buf, 5);
    ok(r == 4, "got %lu\n", r);
    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableW(L"WlWideNot", buf, 64);
    ok(r == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND, "got %lu err %lu\n", r, GetLastError());
    /* replacing keeps one entry */
    b = SetEnvironmentVariableW(L"WLWIDE", L"two");
    r = GetEnvironmentVariableW(L"WlWide", buf, 64);
    ok(r == 3 && !lstrcmpW(buf, L"two"), "got %lu\n", r);
    SetEnvironmentVariableW(L"WlWide", NULL);
}

static void test_GetEnvironmentStrings(void)
{
    WCHAR *w, *p;
    char *a, *q;
    int found = 0, count = 0;

    SetEnvironmentVariableA("WlBlockVar", "inblock");
    w = GetEnvironmentStringsW();
    ok(w != NULL, "GetEnvironmentStringsW failed\n");
    for (p = w; *p; p += lstrlenW(p) + 1) {
        count++;
        if (!lstrcmpW(p, L"WlBlockVar=inblock")) found = 1;
    }
    ok(found, "variable not in the W block\n");
    ok(count > 3, "only %d variables\n", count);
    ok(FreeEnvironmentStringsW(w), "FreeEnvironmentStringsW failed\n");

    found = 0;
    a = GetEnvironmentStringsA();
    ok(a != NULL, "GetEnvironmentStringsA failed\n");
    for (q = a; *q; q += lstrlenA(q) + 1)
        if (!lstrcmpA(q, "WlBlockVar=inblock")) found = 1;
    ok(found, "variable not in the A block\n");
    ok(FreeEnvironmentStringsA(a), "FreeEnvironmentStringsA failed\n");
    SetEnvironmentVariableA("WlBlockVar", NULL);
}

static void test_ExpandEnvironmentStrings(void)
{
    char buf[256];
    WCHAR wbuf[64];
    DWORD r;

    SetEnvironmentVariableA("WlExp", "abc");
    r = ExpandEnvironmentStringsA("x%WLEXP%y", buf, sizeof(buf));
    ok(r == 6 && !lstrcmpA(buf, "xabcy"), "got %lu %s\n", r, buf);
    r = ExpandEnvironmentStringsA("x%WLEXP%y", NULL, 0);
    ok(r == 6, "got %lu\n", r);
    r = ExpandEnvironmentStringsA("%WlNoSuchVar%/%", buf, sizeof(buf));
    ok(r == 16 && !lstrcmpA(buf, "%WlNoSuchVar%/%"), "got %lu %s\n", r, buf);
    r = ExpandEnvironmentStringsA("100%", buf, sizeof(buf));
    ok(r == 5 && !lstrcmpA(buf, "100%"), "got %lu %s\n", r, buf);
    r = ExpandEnvironmentStringsA("%%WlExp%%", buf, sizeof(buf));
    /* "%%" is an unknown empty name: kept, and scanning resumes after it */
    ok(r == 10 && !lstrcmpA(buf, "%%WlExp%%"), "got %lu %s\n", r, buf);

    r = ExpandEnvironmentStringsW(L"[%WlExp%]", wbuf, 64);
    ok(r == 6 && !lstrcmpW(wbuf, L"[abc]"), "got %lu\n", r);
    r = ExpandEnvironmentStringsW(L"[%WlExp%]", NULL, 0);
    ok(r == 6, "got %lu\n", r);

    /* a short buffer gets what fits, terminated */
    memset(buf, 'x', 16);
    SetLastError(0xdeadbeef);
    r = ExpandEnvironmentStringsA("12%WlExp%34", buf, 5);
    ok(r == 8 && !lstrcmpA(buf, "12ab") && buf[5] == 'x', "short A: %lu %s\n", r, buf);
    ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short A err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = ExpandEnvironmentStringsW(L"12%WlExp%34", wbuf, 5);
    ok(r == 8 && !lstrcmpW(wbuf, L"12ab") && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short W: %lu err %lu\n",
       r, GetLastError());
    SetLastError(0xdeadbeef);
    r = ExpandEnvironmentStringsA("", buf, sizeof(buf));
    ok(r == 1 && buf[0] == 0 && GetLastError() == 0xdeadbeef, "empty: %lu\n", r);

    /* drive-relative directories: names starting with '=' */
    ok(SetEnvironmentVariableA("=Q:", "Q:\\dir"), "set =Q: failed\n");
    r = GetEnvironmentVariableA("=Q:", buf, sizeof(buf));
    ok(r == 6 && !lstrcmpA(buf, "Q:\\dir"), "=Q: %lu %s\n", r, buf);
    SetEnvironmentVariableA("=Q:", NULL);
    SetLastError(0xdeadbeef);
    ok(!SetEnvironmentVariableA(NULL, "x") && GetLastError() == ERROR_ENVVAR_NOT_FOUND, "NULL name err %lu\n",
       GetLastError());
    SetEnvironmentVariableA("WlExp", NULL);
}

int main(void)
{
    test_GetSetEnvironmentVariableA();
    test_GetSetEnvironmentVariableW();
    test_GetEnvironmentStrings();
    test_ExpandEnvironmentStrings();
    return wl_summary();
}
