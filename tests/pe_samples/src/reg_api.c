/* The registry API: keys, values, sizes and terminators, enumeration, errors,
 * deletion of open keys, volatile keys, trees, RegGetValue, notifications. */
#include "wltest.h"
#include <string.h>

#define BASE "Software\\WinelikeTest\\reg_api"
#define BASEW L"Software\\WinelikeTest\\reg_api"

static HKEY base;

static void setup(void)
{
    DWORD disp = 0;
    LONG rc;
    RegDeleteTreeA(HKEY_CURRENT_USER, BASE);
    rc = RegCreateKeyExA(HKEY_CURRENT_USER, BASE, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &base, &disp);
    ok(rc == ERROR_SUCCESS, "create base: %ld\n", rc);
    ok(disp == REG_CREATED_NEW_KEY, "disp %lu\n", disp);
}

static void test_create_open(void)
{
    HKEY k = NULL, k2 = NULL;
    DWORD disp = 0;
    LONG rc;

    rc = RegCreateKeyExA(base, "a\\b\\c", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, &disp);
    ok(rc == ERROR_SUCCESS && disp == REG_CREATED_NEW_KEY, "rc %ld disp %lu\n", rc, disp);
    RegCloseKey(k);
    rc = RegCreateKeyExA(base, "A\\B", 0, NULL, 0, KEY_READ, NULL, &k, &disp);
    ok(rc == ERROR_SUCCESS && disp == REG_OPENED_EXISTING_KEY, "case-insensitive: rc %ld disp %lu\n", rc, disp);
    RegCloseKey(k);
    rc = RegOpenKeyExA(base, "a\\b\\c\\", 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "trailing backslash: %ld\n", rc);
    RegCloseKey(k);
    k = (HKEY)0xdeadbeef;
    rc = RegOpenKeyExA(base, "nope", 0, KEY_READ, &k);
    ok(rc == ERROR_FILE_NOT_FOUND, "missing: %ld\n", rc);
    ok(k == NULL, "handle not cleared: %p\n", k);
    rc = RegOpenKeyExW(base, L"a", 0, KEY_READ, NULL);
    ok(rc == ERROR_INVALID_PARAMETER, "NULL result: %ld\n", rc);
    rc = RegOpenKeyExA((HKEY)0, "a", 0, KEY_READ, &k);
    ok(rc == ERROR_INVALID_HANDLE, "NULL key: %ld\n", rc);
    /* an empty name opens a new handle to the same key */
    rc = RegOpenKeyExA(base, "", 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS && k != base, "empty name: %ld\n", rc);
    RegCloseKey(k);
    rc = RegOpenKeyA(base, NULL, &k);
    ok(rc == ERROR_SUCCESS && k == base, "RegOpenKey NULL name returns the key itself: %ld %p\n", rc, k);
    rc = RegCreateKeyA(base, "simple", &k);
    ok(rc == ERROR_SUCCESS, "RegCreateKeyA: %ld\n", rc);
    rc = RegOpenKeyW(base, L"simple", &k2);
    ok(rc == ERROR_SUCCESS, "RegOpenKeyW: %ld\n", rc);
    RegCloseKey(k);
    RegCloseKey(k2);
    rc = RegCloseKey(k2);
    ok(rc == ERROR_INVALID_HANDLE, "double close: %ld\n", rc);
    rc = RegCloseKey(HKEY_LOCAL_MACHINE);
    ok(rc == ERROR_SUCCESS, "closing a predefined key: %ld\n", rc);
    rc = RegCreateKeyExA(base, "x\\\\y", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    ok(rc == ERROR_SUCCESS, "double backslash: %ld\n", rc);
    if (!rc) RegCloseKey(k);
    rc = RegCreateKeyExA(base, "\\lead", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    ok(rc == ERROR_BAD_PATHNAME, "leading backslash create: %ld\n", rc);
    if (!rc) RegCloseKey(k);
    rc = RegOpenKeyExA(base, "\\a", 0, KEY_READ, &k);
    ok(rc == ERROR_BAD_PATHNAME, "leading backslash open: %ld\n", rc);
    if (!rc) RegCloseKey(k);
    rc = RegOpenKeyExA(base, "x\\y", 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "open x\\y: %ld\n", rc);
    if (!rc) RegCloseKey(k);
    /* KEY_WOW64 flags are accepted */
    rc = RegOpenKeyExA(base, "a", 0, KEY_READ | KEY_WOW64_64KEY, &k);
    ok(rc == ERROR_SUCCESS, "KEY_WOW64_64KEY: %ld\n", rc);
    RegCloseKey(k);
    rc = RegOpenKeyExA(base, "a", 0, KEY_READ | KEY_WOW64_32KEY, &k);
    ok(rc == ERROR_SUCCESS, "KEY_WOW64_32KEY: %ld\n", rc);
    RegCloseKey(k);
}

static void test_predefined(void)
{
    HKEY k;
    LONG rc;
    /* zero-extended and sign-extended forms of the predefined handles */
    rc = RegOpenKeyExA((HKEY)(ULONG_PTR)0x80000001u, BASE, 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "zero-extended HKCU: %ld\n", rc);
    RegCloseKey(k);
    rc = RegOpenKeyExA((HKEY)(LONG_PTR)(LONG)0x80000001, BASE, 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "sign-extended HKCU: %ld\n", rc);
    RegCloseKey(k);
    rc = RegOpenKeyExA(HKEY_LOCAL_MACHINE, "Software", 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "HKLM\\Software: %ld\n", rc);
    RegCloseKey(k);
    rc = RegOpenKeyExA(HKEY_USERS, "", 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "HKU: %ld\n", rc);
    RegCloseKey(k);
    rc = RegOpenKeyExA(HKEY_CURRENT_CONFIG, "", 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "HKCC: %ld\n", rc);
    RegCloseKey(k);
    rc = RegOpenKeyExA(HKEY_CLASSES_ROOT, "", 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "HKCR: %ld\n", rc);
    RegCloseKey(k);
}

static void test_hkcr(void)
{
    HKEY k;
    LONG rc = RegCreateKeyExA(HKEY_CLASSES_ROOT, "WinelikeTestClass", 0, NULL, REG_OPTION_VOLATILE, KEY_ALL_ACCESS,
                              NULL, &k, NULL);
    ok(rc == ERROR_SUCCESS, "create in HKCR: %ld\n", rc);
    if (rc) return;
    RegCloseKey(k);
    /* HKCR takes a leading backslash */
    rc = RegOpenKeyExA(HKEY_CLASSES_ROOT, "\\WinelikeTestClass", 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "HKCR leading backslash: %ld\n", rc);
    if (!rc) RegCloseKey(k);
    /* Wine's HKCR is HKLM\Software\Classes (no merge with HKCU\Software\Classes) */
    rc = RegOpenKeyExA(HKEY_LOCAL_MACHINE, "Software\\Classes\\WinelikeTestClass", 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "visible in HKLM\\Software\\Classes: %ld\n", rc);
    if (!rc) RegCloseKey(k);
    rc = RegDeleteKeyA(HKEY_CLASSES_ROOT, "WinelikeTestClass");
    ok(rc == ERROR_SUCCESS, "delete: %ld\n", rc);
}

static void test_values(void)
{
    BYTE buf[64];
    char sbuf[64];
    WCHAR wbuf[64];
    DWORD type, size, dw = 0x12345678;
    ULONGLONG qw = 0x1122334455667788ull;
    LONG rc;

    /* REG_SZ stored without its terminator: reported size excludes it, a query appends one */
    rc = RegSetValueExA(base, "noterm", 0, REG_SZ, (const BYTE *)"abcdef", 3);
    ok(rc == ERROR_SUCCESS, "set: %ld\n", rc);
    memset(sbuf, 'x', sizeof sbuf);
    size = sizeof sbuf;
    rc = RegQueryValueExA(base, "noterm", NULL, &type, (BYTE *)sbuf, &size);
    ok(rc == ERROR_SUCCESS && type == REG_SZ && size == 3, "rc %ld type %lu size %lu\n", rc, type, size);
    ok(!memcmp(sbuf, "abc", 4), "got %.8s\n", sbuf);
    size = sizeof wbuf;
    rc = RegQueryValueExW(base, L"noterm", NULL, &type, (BYTE *)wbuf, &size);
    ok(rc == ERROR_SUCCESS && size == 6, "W size %lu\n", size);

    /* the W form counts bytes of UTF-16 */
    rc = RegSetValueExW(base, L"wide", 0, REG_SZ, (const BYTE *)L"hello", 12);
    ok(rc == ERROR_SUCCESS, "set W: %ld\n", rc);
    size = sizeof sbuf;
    rc = RegQueryValueExA(base, "wide", NULL, &type, (BYTE *)sbuf, &size);
    ok(rc == ERROR_SUCCESS && size == 6 && !strcmp(sbuf, "hello"), "A of W: rc %ld size %lu %s\n", rc, size, sbuf);
    /* NULL data: only the size */
    size = 0;
    rc = RegQueryValueExW(base, L"wide", NULL, &type, NULL, &size);
    ok(rc == ERROR_SUCCESS && size == 12, "NULL data: rc %ld size %lu\n", rc, size);
    size = 0;
    rc = RegQueryValueExA(base, "wide", NULL, NULL, NULL, &size);
    ok(rc == ERROR_SUCCESS && size == 6, "NULL data A: rc %ld size %lu\n", rc, size);
    /* too small */
    size = 4;
    type = 0;
    rc = RegQueryValueExW(base, L"wide", NULL, &type, (BYTE *)wbuf, &size);
    ok(rc == ERROR_MORE_DATA && size == 12 && type == REG_SZ, "small: rc %ld size %lu type %lu\n", rc, size, type);
    size = 2;
    rc = RegQueryValueExA(base, "wide", NULL, &type, (BYTE *)sbuf, &size);
    ok(rc == ERROR_MORE_DATA && size == 6, "small A: rc %ld size %lu\n", rc, size);
    rc = RegQueryValueExA(base, "wide", NULL, &type, (BYTE *)sbuf, NULL);
    ok(rc == ERROR_INVALID_PARAMETER, "data without size: %ld\n", rc);

    rc = RegSetValueExA(base, "dw", 0, REG_DWORD, (const BYTE *)&dw, 4);
    ok(rc == ERROR_SUCCESS, "dword: %ld\n", rc);
    rc = RegSetValueExA(base, "qw", 0, REG_QWORD, (const BYTE *)&qw, 8);
    ok(rc == ERROR_SUCCESS, "qword: %ld\n", rc);
    rc = RegSetValueExA(base, "bin", 0, REG_BINARY, (const BYTE *)"\x00\xff\x10", 3);
    ok(rc == ERROR_SUCCESS, "binary: %ld\n", rc);
    rc = RegSetValueExA(base, "none", 0, REG_NONE, NULL, 0);
    ok(rc == ERROR_SUCCESS, "none: %ld\n", rc);
    rc = RegSetValueExA(base, "multi", 0, REG_MULTI_SZ, (const BYTE *)"a\0bc\0\0", 6);
    ok(rc == ERROR_SUCCESS, "multi: %ld\n", rc);
    size = sizeof buf;
    rc = RegQueryValueExA(base, "dw", NULL, &type, buf, &size);
    ok(rc == ERROR_SUCCESS && type == REG_DWORD && size == 4 && *(DWORD *)buf == dw, "dword back\n");
    size = sizeof buf;
    rc = RegQueryValueExA(base, "qw", NULL, &type, buf, &size);
    ok(rc == ERROR_SUCCESS && type == REG_QWORD && size == 8 && !memcmp(buf, &qw, 8), "qword back\n");
    size = sizeof buf;
    rc = RegQueryValueExA(base, "none", NULL, &type, buf, &size);
    ok(rc == ERROR_SUCCESS && type == REG_NONE && size == 0, "none back: %ld %lu %lu\n", rc, type, size);
    size = sizeof wbuf;
    rc = RegQueryValueExW(base, L"multi", NULL, &type, (BYTE *)wbuf, &size);
    ok(rc == ERROR_SUCCESS && type == REG_MULTI_SZ && size == 12, "multi W: %ld size %lu\n", rc, size);
    ok(!memcmp(wbuf, L"a\0bc\0\0", 12), "multi data\n");
    /* names are case-insensitive, the default value has no name */
    size = sizeof buf;
    rc = RegQueryValueExA(base, "DW", NULL, &type, buf, &size);
    ok(rc == ERROR_SUCCESS, "case: %ld\n", rc);
    rc = RegQueryValueExA(base, NULL, NULL, &type, buf, &size);
    ok(rc == ERROR_FILE_NOT_FOUND, "no default yet: %ld\n", rc);
    rc = RegSetValueA(base, NULL, REG_SZ, "dflt", 0);
    ok(rc == ERROR_SUCCESS, "RegSetValueA: %ld\n", rc);
    size = sizeof sbuf;
    rc = RegQueryValueExA(base, "", NULL, &type, (BYTE *)sbuf, &size);
    ok(rc == ERROR_SUCCESS && size == 5 && !strcmp(sbuf, "dflt"), "default: %ld %lu\n", rc, size);
    rc = RegSetValueA(base, "sub", REG_SZ, "subdef", 0);
    ok(rc == ERROR_SUCCESS, "RegSetValueA subkey: %ld\n", rc);
    {
        LONG lsize = sizeof sbuf;
        rc = RegQueryValueA(base, "sub", sbuf, &lsize);
        ok(rc == ERROR_SUCCESS && lsize == 7 && !strcmp(sbuf, "subdef"), "RegQueryValueA: %ld %ld\n", rc, lsize);
        lsize = sizeof sbuf;
        rc = RegQueryValueA(base, "a", sbuf, &lsize);
        ok(rc == ERROR_SUCCESS && lsize == 1 && !sbuf[0], "no default: empty string %ld %ld\n", rc, lsize);
    }
    rc = RegSetValueA(base, NULL, REG_DWORD, "x", 0);
    ok(rc == ERROR_INVALID_PARAMETER, "RegSetValueA not REG_SZ: %ld\n", rc);

    rc = RegDeleteValueA(base, "bin");
    ok(rc == ERROR_SUCCESS, "delete value: %ld\n", rc);
    rc = RegDeleteValueA(base, "bin");
    ok(rc == ERROR_FILE_NOT_FOUND, "delete again: %ld\n", rc);
    size = sizeof buf;
    rc = RegQueryValueExA(base, "bin", NULL, &type, buf, &size);
    ok(rc == ERROR_FILE_NOT_FOUND, "deleted: %ld\n", rc);
}

static void test_ansi_conversion(void)
{
    char buf[64];
    WCHAR wbuf[64];
    DWORD type, size, n;
    LONG rc;

    /* REG_MULTI_SZ set through A reads back through W as UTF-16 and through A as ANSI */
    rc = RegSetValueExA(base, "ma", 0, REG_MULTI_SZ, (const BYTE *)"one\0two\0\0", 9);
    ok(rc == ERROR_SUCCESS, "set multi A: %ld\n", rc);
    size = sizeof wbuf;
    rc = RegQueryValueExW(base, L"ma", NULL, &type, (BYTE *)wbuf, &size);
    ok(rc == ERROR_SUCCESS && size == 18 && !memcmp(wbuf, L"one\0two\0\0", 18), "multi W: %ld %lu\n", rc, size);
    size = sizeof buf;
    rc = RegQueryValueExA(base, "ma", NULL, &type, (BYTE *)buf, &size);
    ok(rc == ERROR_SUCCESS && size == 9 && !memcmp(buf, "one\0two\0\0", 9), "multi A: %ld %lu\n", rc, size);
    /* REG_EXPAND_SZ: RegQueryValueEx does not expand */
    RegSetValueExA(base, "ea", 0, REG_EXPAND_SZ, (const BYTE *)"%TEMP%", 7);
    size = sizeof buf;
    rc = RegQueryValueExA(base, "ea", NULL, &type, (BYTE *)buf, &size);
    ok(rc == ERROR_SUCCESS && type == REG_EXPAND_SZ && !strcmp(buf, "%TEMP%") && size == 7, "expand A: %ld\n", rc);
    /* REG_BINARY is not converted */
    RegSetValueExA(base, "ba", 0, REG_BINARY, (const BYTE *)"ab", 2);
    size = sizeof wbuf;
    rc = RegQueryValueExW(base, L"ba", NULL, &type, (BYTE *)wbuf, &size);
    ok(rc == ERROR_SUCCESS && size == 2 && !memcmp(wbuf, "ab", 2), "binary through W: %ld %lu\n", rc, size);
    /* RegEnumValueA reports ANSI sizes for strings */
    {
        HKEY k;
        RegCreateKeyExA(base, "enumA", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
        RegSetValueExW(k, L"w", 0, REG_SZ, (const BYTE *)L"wide", 10);
        n = sizeof buf;
        size = 0;
        rc = RegEnumValueA(k, 0, buf, &n, NULL, &type, NULL, &size);
        ok(rc == ERROR_SUCCESS && size == 5 && n == 1, "enum A size: %ld %lu %lu\n", rc, size, n);
        n = sizeof wbuf / sizeof(WCHAR);
        size = 0;
        rc = RegEnumValueW(k, 0, wbuf, &n, NULL, &type, NULL, &size);
        ok(rc == ERROR_SUCCESS && size == 10, "enum W size: %ld %lu\n", rc, size);
        RegCloseKey(k);
    }
}

static void test_getvalue(void)
{
    char buf[MAX_PATH], expect[MAX_PATH];
    DWORD type, size, dw;
    LONG rc;

    RegSetValueExA(base, "exp", 0, REG_EXPAND_SZ, (const BYTE *)"%SystemRoot%\\x", 15);
    ExpandEnvironmentStringsA("%SystemRoot%\\x", expect, sizeof expect);
    size = sizeof buf;
    rc = RegGetValueA(base, NULL, "exp", RRF_RT_ANY, &type, buf, &size);
    ok(rc == ERROR_SUCCESS && type == REG_SZ && !strcmp(buf, expect), "expanded: %ld %lu %s\n", rc, type, buf);
    ok(size == strlen(expect) + 1, "size %lu\n", size);
    size = sizeof buf;
    rc = RegGetValueA(base, NULL, "exp", RRF_RT_ANY | RRF_NOEXPAND, &type, buf, &size);
    ok(rc == ERROR_SUCCESS && type == REG_EXPAND_SZ && !strcmp(buf, "%SystemRoot%\\x"), "noexpand: %ld\n", rc);
    size = sizeof buf;
    rc = RegGetValueA(base, NULL, "exp", RRF_RT_REG_EXPAND_SZ, &type, buf, &size);
    ok(rc == ERROR_INVALID_PARAMETER, "EXPAND_SZ without NOEXPAND: %ld\n", rc);
    size = sizeof dw;
    rc = RegGetValueA(base, NULL, "dw", RRF_RT_REG_DWORD, &type, &dw, &size);
    ok(rc == ERROR_SUCCESS && dw == 0x12345678 && type == REG_DWORD, "dword: %ld\n", rc);
    size = sizeof buf;
    rc = RegGetValueA(base, NULL, "dw", RRF_RT_REG_SZ, &type, buf, &size);
    ok(rc == ERROR_UNSUPPORTED_TYPE, "type filter: %ld\n", rc);
    size = sizeof buf;
    rc = RegGetValueA(base, NULL, "qw", RRF_RT_DWORD, &type, buf, &size);
    ok(rc == ERROR_UNSUPPORTED_TYPE, "qword as dword: %ld\n", rc);
    size = sizeof buf;
    rc = RegGetValueA(HKEY_CURRENT_USER, BASE, "dw", RRF_RT_DWORD, &type, buf, &size);
    ok(rc == ERROR_SUCCESS && size == 4, "via subkey: %ld %lu\n", rc, size);
    size = 2;
    rc = RegGetValueA(base, NULL, "wide", RRF_RT_REG_SZ, &type, buf, &size);
    ok(rc == ERROR_MORE_DATA && size == 6, "more data: %ld %lu\n", rc, size);
    size = 0;
    rc = RegGetValueW(base, NULL, L"wide", RRF_RT_REG_SZ, NULL, NULL, &size);
    ok(rc == ERROR_SUCCESS && size == 12, "size only: %ld %lu\n", rc, size);
    rc = RegGetValueA(base, NULL, "missing", RRF_RT_ANY, &type, buf, &size);
    ok(rc == ERROR_FILE_NOT_FOUND, "missing: %ld\n", rc);
    rc = RegGetValueA(base, NULL, "dw", 0, &type, buf, &size);
    ok(rc == ERROR_UNSUPPORTED_TYPE, "no type flags: %ld\n", rc);
}

static void test_enum(void)
{
    HKEY k;
    char name[64], cls[64];
    BYTE data[64];
    DWORD i, n, nc, type, size, subkeys, values, max_sub, max_val, max_data;
    LONG rc;
    FILETIME ft;
    const char *names[] = { "Beta", "alpha", "Gamma" };

    rc = RegCreateKeyExA(base, "enum", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    ok(rc == ERROR_SUCCESS, "create: %ld\n", rc);
    for (i = 0; i < 3; i++) {
        HKEY s;
        RegCreateKeyExA(k, names[i], 0, (char *)"klass", 0, KEY_ALL_ACCESS, NULL, &s, NULL);
        RegCloseKey(s);
        RegSetValueExA(k, names[i], 0, REG_SZ, (const BYTE *)names[i], strlen(names[i]) + 1);
    }
    rc = RegQueryInfoKeyA(k, NULL, NULL, NULL, &subkeys, &max_sub, NULL, &values, &max_val, &max_data, NULL, &ft);
    ok(rc == ERROR_SUCCESS && subkeys == 3 && values == 3, "info: %ld %lu %lu\n", rc, subkeys, values);
    ok(max_sub == 5 && max_val == 5, "max name %lu %lu\n", max_sub, max_val);
    ok(max_data == 12, "max data %lu\n", max_data);
    /* subkeys come back sorted */
    n = sizeof name;
    rc = RegEnumKeyExA(k, 0, name, &n, NULL, NULL, NULL, &ft);
    ok(rc == ERROR_SUCCESS && !strcmp(name, "alpha") && n == 5, "first: %ld %s %lu\n", rc, name, n);
    n = sizeof name;
    nc = sizeof cls;
    rc = RegEnumKeyExA(k, 1, name, &n, NULL, cls, &nc, NULL);
    ok(rc == ERROR_SUCCESS && !strcmp(name, "Beta"), "second: %ld %s\n", rc, name);
    ok(!strcmp(cls, "klass") && nc == 5, "class %s %lu\n", cls, nc);
    n = 5;
    rc = RegEnumKeyExA(k, 2, name, &n, NULL, NULL, NULL, NULL);
    ok(rc == ERROR_MORE_DATA && n == 5, "no room for the NUL: %ld %lu\n", rc, n);
    n = sizeof name;
    rc = RegEnumKeyExA(k, 3, name, &n, NULL, NULL, NULL, NULL);
    ok(rc == ERROR_NO_MORE_ITEMS, "end: %ld\n", rc);
    rc = RegEnumKeyA(k, 2, name, sizeof name);
    ok(rc == ERROR_SUCCESS && !strcmp(name, "Gamma"), "RegEnumKeyA: %ld %s\n", rc, name);
    {
        WCHAR wname[64];
        rc = RegEnumKeyW(k, 0, wname, 64);
        ok(rc == ERROR_SUCCESS && !lstrcmpW(wname, L"alpha"), "RegEnumKeyW: %ld\n", rc);
    }
    /* values */
    for (i = 0; i < 3; i++) {
        n = sizeof name;
        size = sizeof data;
        rc = RegEnumValueA(k, i, name, &n, NULL, &type, data, &size);
        ok(rc == ERROR_SUCCESS && type == REG_SZ, "value %lu: %ld\n", i, rc);
        ok(size == n + 1 && !strcmp((char *)data, name), "value %lu: %s %lu %lu\n", i, name, n, size);
    }
    n = sizeof name;
    rc = RegEnumValueA(k, 3, name, &n, NULL, NULL, NULL, NULL);
    ok(rc == ERROR_NO_MORE_ITEMS, "end: %ld\n", rc);
    n = sizeof name;
    size = 2;
    rc = RegEnumValueA(k, 0, name, &n, NULL, &type, data, &size);
    ok(rc == ERROR_MORE_DATA && size == 6, "small data: %ld %lu\n", rc, size);
    n = 2;
    size = sizeof data;
    rc = RegEnumValueA(k, 0, name, &n, NULL, &type, data, &size);
    ok(rc == ERROR_MORE_DATA, "small name: %ld\n", rc);
    {
        WCHAR wname[64];
        n = 64;
        size = sizeof data;
        rc = RegEnumValueW(k, 1, wname, &n, NULL, &type, data, &size);
        ok(rc == ERROR_SUCCESS && !lstrcmpW(wname, L"Beta") && size == 10, "W: %ld %lu\n", rc, size);
    }
    RegCloseKey(k);
}

static void test_access(void)
{
    HKEY k;
    DWORD dw = 1, size = sizeof dw;
    LONG rc;
    rc = RegOpenKeyExA(base, "", 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "open: %ld\n", rc);
    rc = RegSetValueExA(k, "x", 0, REG_DWORD, (const BYTE *)&dw, 4);
    ok(rc == ERROR_ACCESS_DENIED, "write through KEY_READ: %ld\n", rc);
    rc = RegDeleteValueA(k, "dw");
    ok(rc == ERROR_ACCESS_DENIED, "delete through KEY_READ: %ld\n", rc);
    rc = RegQueryValueExA(k, "dw", NULL, NULL, (BYTE *)&dw, &size);
    ok(rc == ERROR_SUCCESS, "read through KEY_READ: %ld\n", rc);
    {
        HKEY sub;
        rc = RegCreateKeyExA(k, "newsub", 0, NULL, 0, KEY_READ, NULL, &sub, NULL);
        ok(rc == ERROR_SUCCESS, "create under KEY_READ (Wine does not check the parent's access): %ld\n", rc);
        if (!rc) RegCloseKey(sub);
        rc = RegCreateKeyExA(k, "a", 0, NULL, 0, KEY_READ, NULL, &sub, NULL);
        ok(rc == ERROR_SUCCESS, "open existing under KEY_READ: %ld\n", rc);
        if (!rc) RegCloseKey(sub);
    }
    RegCloseKey(k);
    rc = RegOpenKeyExA(base, "", 0, KEY_SET_VALUE, &k);
    ok(rc == ERROR_SUCCESS, "open: %ld\n", rc);
    size = sizeof dw;
    rc = RegQueryValueExA(k, "dw", NULL, NULL, (BYTE *)&dw, &size);
    ok(rc == ERROR_ACCESS_DENIED, "read through KEY_SET_VALUE: %ld\n", rc);
    {
        char name[32];
        DWORD n = sizeof name;
        rc = RegEnumKeyExA(k, 0, name, &n, NULL, NULL, NULL, NULL);
        ok(rc == ERROR_ACCESS_DENIED, "enum through KEY_SET_VALUE: %ld\n", rc);
    }
    RegCloseKey(k);
}

static void test_delete(void)
{
    HKEY k, k2;
    DWORD dw = 7, size = 4;
    LONG rc;

    rc = RegCreateKeyExA(base, "del\\child", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k2, NULL);
    ok(rc == ERROR_SUCCESS, "create: %ld\n", rc);
    RegCloseKey(k2);
    rc = RegDeleteKeyA(base, "del");
    ok(rc == ERROR_ACCESS_DENIED, "key with subkeys: %ld\n", rc);
    rc = RegOpenKeyExA(base, "del\\child", 0, KEY_ALL_ACCESS, &k);
    ok(rc == ERROR_SUCCESS, "open: %ld\n", rc);
    rc = RegDeleteKeyA(base, "del\\child");
    ok(rc == ERROR_SUCCESS, "delete open key: %ld\n", rc);
    rc = RegSetValueExA(k, "x", 0, REG_DWORD, (const BYTE *)&dw, 4);
    ok(rc == ERROR_KEY_DELETED, "set on deleted: %ld\n", rc);
    rc = RegQueryValueExA(k, "x", NULL, NULL, (BYTE *)&dw, &size);
    ok(rc == ERROR_KEY_DELETED, "query on deleted: %ld\n", rc);
    rc = RegCreateKeyExA(k, "again", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k2, NULL);
    ok(rc == ERROR_KEY_DELETED, "create under deleted: %ld\n", rc);
    rc = RegCloseKey(k);
    ok(rc == ERROR_SUCCESS, "close deleted: %ld\n", rc);
    rc = RegOpenKeyExA(base, "del\\child", 0, KEY_READ, &k);
    ok(rc == ERROR_FILE_NOT_FOUND, "gone: %ld\n", rc);
    rc = RegDeleteKeyA(base, "del");
    ok(rc == ERROR_SUCCESS, "now empty: %ld\n", rc);
    rc = RegDeleteKeyA(base, "del");
    ok(rc == ERROR_FILE_NOT_FOUND, "again: %ld\n", rc);
}

static void test_tree(void)
{
    HKEY src, dst, k;
    DWORD dw = 5, size, type;
    char buf[32];
    LONG rc;

    RegCreateKeyExA(base, "tree\\x\\y", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    RegSetValueExA(k, "v", 0, REG_DWORD, (const BYTE *)&dw, 4);
    RegCloseKey(k);
    RegCreateKeyExA(base, "tree", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &src, NULL);
    RegSetValueExA(src, "top", 0, REG_SZ, (const BYTE *)"t", 2);
    RegCreateKeyExA(base, "copy", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &dst, NULL);
    rc = RegCopyTreeA(src, NULL, dst);
    ok(rc == ERROR_SUCCESS, "copy: %ld\n", rc);
    size = sizeof dw;
    rc = RegGetValueA(dst, "x\\y", "v", RRF_RT_DWORD, &type, &dw, &size);
    ok(rc == ERROR_SUCCESS && dw == 5, "copied value: %ld\n", rc);
    size = sizeof buf;
    rc = RegGetValueA(dst, NULL, "top", RRF_RT_REG_SZ, &type, buf, &size);
    ok(rc == ERROR_SUCCESS && !strcmp(buf, "t"), "copied top value: %ld\n", rc);
    /* RegDeleteTree with no subkey empties the key but keeps it */
    rc = RegDeleteTreeA(dst, NULL);
    ok(rc == ERROR_SUCCESS, "delete tree contents: %ld\n", rc);
    rc = RegQueryInfoKeyA(dst, NULL, NULL, NULL, &dw, NULL, NULL, &size, NULL, NULL, NULL, NULL);
    ok(rc == ERROR_SUCCESS && dw == 0 && size == 0, "empty: %ld %lu %lu\n", rc, dw, size);
    RegCloseKey(dst);
    RegCloseKey(src);
    rc = RegDeleteTreeA(base, "tree");
    ok(rc == ERROR_SUCCESS, "delete tree: %ld\n", rc);
    rc = RegOpenKeyExA(base, "tree", 0, KEY_READ, &k);
    ok(rc == ERROR_FILE_NOT_FOUND, "tree gone: %ld\n", rc);
    rc = RegDeleteTreeA(base, "tree");
    ok(rc == ERROR_FILE_NOT_FOUND, "again: %ld\n", rc);
}

static void test_volatile(void)
{
    HKEY v, k;
    DWORD disp;
    LONG rc;
    rc = RegCreateKeyExA(base, "vol", 0, NULL, REG_OPTION_VOLATILE, KEY_ALL_ACCESS, NULL, &v, &disp);
    ok(rc == ERROR_SUCCESS && disp == REG_CREATED_NEW_KEY, "volatile: %ld\n", rc);
    rc = RegCreateKeyExA(v, "child", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    ok(rc == ERROR_CHILD_MUST_BE_VOLATILE, "non-volatile child: %ld\n", rc);
    rc = RegCreateKeyExA(v, "child", 0, NULL, REG_OPTION_VOLATILE, KEY_ALL_ACCESS, NULL, &k, NULL);
    ok(rc == ERROR_SUCCESS, "volatile child: %ld\n", rc);
    RegCloseKey(k);
    RegCloseKey(v);
}

static void test_notify(void)
{
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    HKEY k;
    DWORD dw = 3;
    LONG rc;
    RegCreateKeyExA(base, "notify\\sub", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    RegCloseKey(k);
    RegOpenKeyExA(base, "notify", 0, KEY_ALL_ACCESS, &k);
    rc = RegNotifyChangeKeyValue(k, FALSE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE);
    ok(rc == ERROR_SUCCESS, "notify: %ld\n", rc);
    ok(WaitForSingleObject(ev, 0) == WAIT_TIMEOUT, "signalled early\n");
    RegSetValueExA(k, "x", 0, REG_DWORD, (const BYTE *)&dw, 4);
    ok(WaitForSingleObject(ev, 1000) == WAIT_OBJECT_0, "not signalled on a value change\n");
    /* a change in a subkey wakes only a subtree watch */
    rc = RegNotifyChangeKeyValue(k, FALSE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE);
    RegSetKeyValueA(k, "sub", "y", REG_DWORD, &dw, 4);
    ok(WaitForSingleObject(ev, 0) == WAIT_TIMEOUT, "a subkey change woke a non-subtree watch\n");
    RegCloseKey(k);
    RegOpenKeyExA(base, "notify", 0, KEY_ALL_ACCESS, &k);
    rc = RegNotifyChangeKeyValue(k, TRUE, REG_NOTIFY_CHANGE_LAST_SET | REG_NOTIFY_CHANGE_NAME, ev, TRUE);
    ok(rc == ERROR_SUCCESS, "notify subtree: %ld\n", rc);
    RegSetKeyValueA(k, "sub", "z", REG_DWORD, &dw, 4);
    ok(WaitForSingleObject(ev, 1000) == WAIT_OBJECT_0, "subtree watch not signalled\n");
    RegCloseKey(k);
    CloseHandle(ev);
    /* an event with less than full access (a server object in winelike) */
    ev = CreateEventExA(NULL, NULL, 0, SYNCHRONIZE | EVENT_MODIFY_STATE);
    ok(ev != NULL, "CreateEventExA: %lu\n", GetLastError());
    RegOpenKeyExA(base, "notify", 0, KEY_ALL_ACCESS, &k);
    rc = RegNotifyChangeKeyValue(k, TRUE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE);
    ok(rc == ERROR_SUCCESS, "notify (restricted event): %ld\n", rc);
    ok(WaitForSingleObject(ev, 0) == WAIT_TIMEOUT, "signalled early\n");
    dw++;
    RegSetKeyValueA(k, "sub", "w", REG_DWORD, &dw, 4);
    ok(WaitForSingleObject(ev, 1000) == WAIT_OBJECT_0, "restricted event not signalled\n");
    RegCloseKey(k);
    CloseHandle(ev);
}

static void test_flush(void)
{
    LONG rc = RegFlushKey(base);
    ok(rc == ERROR_SUCCESS, "flush: %ld\n", rc);
    rc = RegFlushKey(HKEY_CURRENT_USER);
    ok(rc == ERROR_SUCCESS, "flush HKCU: %ld\n", rc);
}

int main(void)
{
    LONG rc;
    setup();
    test_create_open();
    test_predefined();
    test_hkcr();
    test_values();
    test_ansi_conversion();
    test_getvalue();
    test_enum();
    test_access();
    test_delete();
    test_tree();
    test_volatile();
    test_notify();
    test_flush();
    RegCloseKey(base);
    rc = RegDeleteTreeA(HKEY_CURRENT_USER, BASE);
    ok(rc == ERROR_SUCCESS, "cleanup: %ld\n", rc);
    return wl_summary();
}
