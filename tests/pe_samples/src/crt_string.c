/* msvcrt string.h / wchar.h: mem*, str*, wcs*, case folding, tokenizing, conversions. */
#include "wltest.h"
#include <string.h>
#include <wchar.h>
#include <stdlib.h>
#include <ctype.h>
#include <wctype.h>
#include <errno.h>
#include <stdio.h>

/* call through pointers so gcc cannot fold the calls into builtins */
static void *(*volatile p_memcpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile p_memmove)(void *, const void *, size_t) = memmove;
static void *(*volatile p_memset)(void *, int, size_t) = memset;
static int (*volatile p_memcmp)(const void *, const void *, size_t) = memcmp;
static size_t (*volatile p_strlen)(const char *) = strlen;
static int (*volatile p_strcmp)(const char *, const char *) = strcmp;
static char *(*volatile p_strchr)(const char *, int) = strchr;

static void test_mem(void)
{
    char buf[32], b2[32];
    p_memset(buf, 'x', sizeof(buf));
    ok(buf[0] == 'x' && buf[31] == 'x', "memset\n");
    strcpy(buf, "0123456789");
    p_memmove(buf + 2, buf, 8);
    ok(!p_memcmp(buf, "0101234567", 10), "memmove overlap fwd: %.10s\n", buf);
    strcpy(buf, "0123456789");
    p_memmove(buf, buf + 2, 8);
    ok(!p_memcmp(buf, "2345678989", 10), "memmove overlap back: %.10s\n", buf);
    p_memcpy(b2, "abc\0def", 8);
    ok(b2[4] == 'd' && b2[3] == 0, "memcpy embedded nul\n");
    ok(p_memcmp("abc", "abd", 3) < 0, "memcmp lt\n");
    ok(p_memcmp("\x80", "\x01", 1) > 0, "memcmp unsigned\n");
    ok(p_memcmp("abc", "abd", 0) == 0, "memcmp 0\n");
    ok(memchr("hello", 'l', 5) == (void *)((char *)"hello" + 2) || *(char *)memchr("hello", 'l', 5) == 'l', "memchr\n");
    ok(memchr("hello", 'z', 5) == NULL, "memchr miss\n");
    ok(_memicmp("HeLLo", "hello", 5) == 0, "_memicmp\n");
}

static void test_str(void)
{
    char buf[64];
    char *p;
    ok(p_strlen("") == 0 && p_strlen("hello") == 5, "strlen\n");
    ok(p_strcmp("a", "b") < 0 && p_strcmp("b", "a") > 0 && p_strcmp("abc", "abc") == 0, "strcmp\n");
    ok(p_strcmp("\xe9", "a") > 0, "strcmp is unsigned\n");
    ok(strncmp("abcdef", "abcxyz", 3) == 0 && strncmp("abcdef", "abcxyz", 4) < 0, "strncmp\n");
    strcpy(buf, "foo");
    strcat(buf, "bar");
    ok(!p_strcmp(buf, "foobar"), "strcat %s\n", buf);
    strncat(buf, "bazqux", 3);
    ok(!p_strcmp(buf, "foobarbaz"), "strncat %s\n", buf);
    p_memset(buf, 'z', sizeof(buf));
    strncpy(buf, "ab", 5);
    ok(buf[0] == 'a' && buf[2] == 0 && buf[4] == 0 && buf[5] == 'z', "strncpy pads\n");
    strncpy(buf, "abcdef", 3);
    ok(buf[3] == 0 && buf[2] == 'c', "strncpy no nul when truncated (buf[3] from before)\n");
    p = p_strchr("hello", 'l');
    ok(p && !p_strcmp(p, "llo"), "strchr\n");
    p = strrchr("hello", 'l');
    ok(p && !p_strcmp(p, "lo"), "strrchr\n");
    p = p_strchr("hello", 0);
    ok(p && *p == 0 && p_strlen(p) == 0, "strchr nul\n");
    ok(strstr("hello world", "o w") != NULL && strstr("hello", "xyz") == NULL, "strstr\n");
    ok(!p_strcmp(strstr("hello", ""), "hello"), "strstr empty needle\n");
    ok(strspn("abcde", "bca") == 3, "strspn %d\n", (int)strspn("abcde", "bca"));
    ok(strcspn("abcde", "dx") == 3, "strcspn\n");
    ok(strcspn("abc", "") == 3, "strcspn empty\n");
    p = strpbrk("hello, world", ",! ");
    ok(p && *p == ',', "strpbrk\n");
    ok(strpbrk("abc", "xyz") == NULL, "strpbrk miss\n");
    ok(_stricmp("HeLLo", "hello") == 0 && _stricmp("a", "B") < 0 && _stricmp("B", "a") > 0, "_stricmp\n");
    ok(_stricmp("_", "a") < 0, "_stricmp folds to lower: '_' < 'a'\n");
    ok(_strnicmp("ABCx", "abcy", 3) == 0 && _strnicmp("ABCx", "abcy", 4) < 0, "_strnicmp\n");
    strcpy(buf, "MiXeD 123");
    ok(!p_strcmp(_strlwr(buf), "mixed 123"), "_strlwr\n");
    ok(!p_strcmp(_strupr(buf), "MIXED 123"), "_strupr\n");
    strcpy(buf, "abc");
    ok(!p_strcmp(_strrev(buf), "cba"), "_strrev\n");
    p = _strdup("duplicate");
    ok(p && !p_strcmp(p, "duplicate"), "_strdup\n");
    free(p);
    ok(strcoll("abc", "abd") < 0 && strcoll("b", "a") > 0, "strcoll\n");
    {
        size_t n = strxfrm(buf, "hello", sizeof(buf));
        ok(n == 5 && !p_strcmp(buf, "hello"), "strxfrm %d\n", (int)n);
        ok(strxfrm(NULL, "hello", 0) == 5, "strxfrm size query\n");
    }
}

static void test_strtok(void)
{
    char buf[64];
    char *t;
    strcpy(buf, "  one, two,,three  ");
    t = strtok(buf, " ,");
    ok(t && !strcmp(t, "one"), "tok1 %s\n", t);
    t = strtok(NULL, " ,");
    ok(t && !strcmp(t, "two"), "tok2 %s\n", t);
    t = strtok(NULL, " ,");
    ok(t && !strcmp(t, "three"), "tok3 %s\n", t);
    t = strtok(NULL, " ,");
    ok(t == NULL, "tok end\n");
    t = strtok(NULL, " ,");
    ok(t == NULL, "tok end again\n");
    strcpy(buf, ",,,");
    ok(strtok(buf, ",") == NULL, "only delims\n");
}

static void test_strerror(void)
{
    ok(!strcmp(strerror(ENOENT), "No such file or directory"), "strerror ENOENT %s\n", strerror(ENOENT));
    trace("strerror(0) = %s\n", strerror(0));
    ok(!strcmp(strerror(EINVAL), "Invalid argument"), "strerror EINVAL\n");
}

static void test_ctype(void)
{
    int c, bad = 0;
    ok(isalpha('a') && isalpha('Z') && !isalpha('1') && !isalpha(' '), "isalpha\n");
    ok(isdigit('0') && isdigit('9') && !isdigit('a'), "isdigit\n");
    ok(isxdigit('f') && isxdigit('F') && !isxdigit('g'), "isxdigit\n");
    ok(isspace(' ') && isspace('\t') && isspace('\n') && isspace('\v') && !isspace('x'), "isspace\n");
    ok(ispunct('!') && !ispunct('a') && !ispunct(' '), "ispunct\n");
    ok(iscntrl(0) && iscntrl(0x7f) && !iscntrl('a'), "iscntrl\n");
    ok(isprint(' ') && !isprint('\n') && isgraph('a') && !isgraph(' '), "isprint/isgraph\n");
    ok(isupper('A') && !isupper('a') && islower('a') && !islower('A'), "isupper/islower\n");
    ok(isalnum('a') && isalnum('5') && !isalnum('-'), "isalnum\n");
    ok(toupper('a') == 'A' && toupper('A') == 'A' && toupper('1') == '1', "toupper\n");
    ok(tolower('A') == 'a' && tolower('z') == 'z', "tolower\n");
    ok(!isalpha(0xe9) && !isupper(0xc9), "C locale: no letters above 0x7f\n");
    ok(!isalpha(EOF) && !isdigit(EOF), "EOF\n");
    ok(_isctype('a', _ALPHA) && !_isctype('1', _ALPHA) && _isctype('1', _DIGIT), "_isctype\n");
    ok(__isascii(0x7f) && !__isascii(0x80), "__isascii\n");
    ok(_toupper('a') == 'A' && _tolower('A') == 'a', "_toupper/_tolower\n");
    for (c = 0; c < 256; c++)
        if (!!(_pctype[c] & (_UPPER | _LOWER)) != !!isalpha(c)) bad++;
    ok(!bad, "_pctype vs isalpha: %d\n", bad);
    ok(_pctype[' '] == (_SPACE | _BLANK), "_pctype[' '] %x\n", _pctype[' ']);
    ok((_pctype['\t'] & ~_BLANK) == (_SPACE | _CONTROL), "_pctype[tab] %x\n", _pctype['\t']);
    ok((_pctype['A'] & 0xff) == 0x81, "_pctype['A'] %x\n", _pctype['A']);
    ok((_pctype['g'] & 0xff) == 0x02, "_pctype['g'] %x\n", _pctype['g']);
    ok(_pctype['5'] == (_DIGIT | _HEX), "_pctype['5'] %x\n", _pctype['5']);
    ok(_pctype['\n'] == (_SPACE | _CONTROL), "_pctype[nl] %x\n", _pctype['\n']);
}

static void test_wcs(void)
{
    wchar_t buf[64];
    wchar_t *p, *ctx;
    ok(wcslen(L"hello") == 5, "wcslen\n");
    wcscpy(buf, L"foo");
    wcscat(buf, L"bar");
    ok(!wcscmp(buf, L"foobar"), "wcscpy/wcscat\n");
    ok(wcscmp(L"a", L"b") < 0 && wcscmp(L"\x1234", L"a") > 0, "wcscmp\n");
    ok(wcsncmp(L"abcd", L"abcx", 3) == 0, "wcsncmp\n");
    ok(_wcsicmp(L"HeLLo", L"hello") == 0 && _wcsicmp(L"a", L"B") < 0, "_wcsicmp\n");
    ok(_wcsnicmp(L"HeLLo", L"helpx", 3) == 0, "_wcsnicmp\n");
    p = wcschr(L"hello", L'l');
    ok(p && !wcscmp(p, L"llo"), "wcschr\n");
    p = wcsrchr(L"hello", L'l');
    ok(p && !wcscmp(p, L"lo"), "wcsrchr\n");
    p = wcsstr(L"hello world", L"wor");
    ok(p && !wcscmp(p, L"world"), "wcsstr\n");
    ok(wcsspn(L"abcde", L"ab") == 2 && wcscspn(L"abcde", L"d") == 3, "wcsspn/wcscspn\n");
    p = wcspbrk(L"abc,def", L",;");
    ok(p && *p == L',', "wcspbrk\n");
    wcscpy(buf, L"a b  c");
    p = wcstok(buf, L" ");
    ok(p && !wcscmp(p, L"a"), "wcstok1\n");
    p = wcstok(NULL, L" ");
    ok(p && !wcscmp(p, L"b"), "wcstok2\n");
    p = wcstok(NULL, L" ");
    ok(p && !wcscmp(p, L"c"), "wcstok3\n");
    ok(wcstok(NULL, L" ") == NULL, "wcstok end\n");
    (void)ctx;
    p = _wcsdup(L"dup");
    ok(p && !wcscmp(p, L"dup"), "_wcsdup\n");
    free(p);
    wcscpy(buf, L"MiXeD");
    ok(!wcscmp(_wcslwr(buf), L"mixed"), "_wcslwr\n");
    ok(!wcscmp(_wcsupr(buf), L"MIXED"), "_wcsupr\n");
    ok(wcstol(L"  -123xyz", &p, 10) == -123 && *p == L'x', "wcstol\n");
    ok(wcstoul(L"ff", NULL, 16) == 255, "wcstoul\n");
    {
        double d = wcstod(L"2.5e3zz", &p);
        ok(d == 2500.0 && *p == L'z', "wcstod\n");
    }
    ok(_wtoi(L"42") == 42 && _wtol(L"-7") == -7, "_wtoi/_wtol\n");
    ok(towupper(L'a') == L'A' && towlower(L'Q') == L'q' && towupper(L'1') == L'1', "towupper/towlower\n");
    ok(iswalpha(L'a') && !iswalpha(L'1') && iswdigit(L'7') && iswspace(L' ') && iswupper(L'Q')
       && iswlower(L'q') && iswxdigit(L'F') && iswpunct(L'!') && iswalnum(L'z'), "isw*\n");
    ok(iswalpha(0xe9) && iswlower(0xe9), "iswalpha(e acute)\n");
    ok(iswalpha(0x3b1), "iswalpha(alpha)\n");
    ok(wcscoll(L"a", L"b") < 0, "wcscoll\n");
    ok(wcsncpy(buf, L"xy", 4) == buf && buf[2] == 0 && buf[3] == 0, "wcsncpy\n");
    wcscpy(buf, L"ab");
    wcsncat(buf, L"cdef", 2);
    ok(!wcscmp(buf, L"abcd"), "wcsncat\n");
}

static void test_mb(void)
{
    wchar_t w[16];
    char c[16];
    size_t n;
    int r;
    n = mbstowcs(w, "abc", 16);
    ok(n == 3 && w[0] == L'a' && w[3] == 0, "mbstowcs %d\n", (int)n);
    ok(mbstowcs(NULL, "hello", 0) == 5, "mbstowcs count\n");
    n = wcstombs(c, L"xyz", 16);
    ok(n == 3 && !strcmp(c, "xyz"), "wcstombs\n");
    ok(wcstombs(NULL, L"four", 0) == 4, "wcstombs count\n");
    r = mbtowc(w, "Q", 1);
    ok(r == 1 && w[0] == L'Q', "mbtowc\n");
    ok(mbtowc(w, "", 1) == 0, "mbtowc nul\n");
    r = wctomb(c, L'Z');
    ok(r == 1 && c[0] == 'Z', "wctomb\n");
    ok(mblen("a", 1) == 1 && mblen("", 1) == 0, "mblen\n");
    ok(btowc('a') == L'a' && btowc(EOF) == WEOF, "btowc\n");
    ok(MB_CUR_MAX == 1, "MB_CUR_MAX %d\n", (int)MB_CUR_MAX);
}

int main(void)
{
    test_mem();
    test_str();
    test_strtok();
    test_strerror();
    test_ctype();
    test_wcs();
    test_mb();
    return wl_summary();
}
