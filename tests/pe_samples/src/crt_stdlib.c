/* msvcrt stdlib.h: qsort/bsearch with guest comparators, strto*, ato*, _itoa family, div, rand, env, paths. */
#include "wltest.h"
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <direct.h>

static int cmp_calls;

static int __cdecl cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    cmp_calls++;
    return x < y ? -1 : x > y;
}

struct rec { int key; char name[12]; };

static int __cdecl cmp_rec_desc(const void *a, const void *b)
{
    return ((const struct rec *)b)->key - ((const struct rec *)a)->key;
}

static int __cdecl cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_qsort(void)
{
    int a[200], i, sorted = 1;
    struct rec r[5] = { {3, "three"}, {1, "one"}, {5, "five"}, {2, "two"}, {4, "four"} };
    const char *names[] = { "pear", "apple", "fig", "banana" };
    srand(7);
    for (i = 0; i < 200; i++) a[i] = rand() % 1000 - 500;
    cmp_calls = 0;
    qsort(a, 200, sizeof(int), cmp_int);
    for (i = 1; i < 200; i++) if (a[i - 1] > a[i]) sorted = 0;
    ok(sorted, "ints sorted\n");
    ok(cmp_calls > 200, "comparator called %d times\n", cmp_calls);
    qsort(r, 5, sizeof(r[0]), cmp_rec_desc);
    ok(r[0].key == 5 && !strcmp(r[0].name, "five") && r[4].key == 1 && !strcmp(r[4].name, "one"),
       "records moved whole: %d %s\n", r[0].key, r[0].name);
    qsort((void *)names, 4, sizeof(char *), cmp_str);
    ok(!strcmp(names[0], "apple") && !strcmp(names[3], "pear"), "strings\n");
    qsort(a, 0, sizeof(int), cmp_int);
    qsort(a, 1, sizeof(int), cmp_int);
    ok(1, "empty and single\n");
}

static void test_bsearch(void)
{
    int a[] = { 1, 3, 5, 7, 9, 11, 13 };
    int key = 7, *p;
    p = bsearch(&key, a, 7, sizeof(int), cmp_int);
    ok(p == &a[3], "found 7 at %d\n", p ? (int)(p - a) : -1);
    key = 1;
    ok(bsearch(&key, a, 7, sizeof(int), cmp_int) == &a[0], "found first\n");
    key = 13;
    ok(bsearch(&key, a, 7, sizeof(int), cmp_int) == &a[6], "found last\n");
    key = 4;
    ok(bsearch(&key, a, 7, sizeof(int), cmp_int) == NULL, "missing\n");
    ok(bsearch(&key, a, 0, sizeof(int), cmp_int) == NULL, "empty\n");
}

static void test_strtol(void)
{
    char *end;
    const char *s;
    errno = 0;
    ok(strtol("  -1234abc", &end, 10) == -1234 && *end == 'a', "strtol dec\n");
    ok(strtol("0x1fZ", &end, 16) == 31 && *end == 'Z', "strtol hex prefix\n");
    ok(strtol("0x1f", &end, 0) == 31, "strtol base 0 hex\n");
    ok(strtol("0777", &end, 0) == 511, "strtol base 0 octal\n");
    ok(strtol("z", &end, 36) == 35, "strtol base 36\n");
    s = "xyz";
    ok(strtol(s, &end, 10) == 0 && end == s, "strtol nothing\n");
    s = "   ";
    ok(strtol(s, &end, 10) == 0 && end == s, "strtol blanks: end at start\n");
    errno = 0;
    ok(strtol("99999999999", &end, 10) == LONG_MAX && errno == ERANGE, "strtol overflow\n");
    errno = 0;
    ok(strtol("-99999999999", &end, 10) == LONG_MIN && errno == ERANGE, "strtol underflow\n");
    errno = 0;
    ok(strtoul("4294967295", &end, 10) == 4294967295UL && errno == 0, "strtoul max\n");
    errno = 0;
    ok(strtoul("4294967296", &end, 10) == ULONG_MAX && errno == ERANGE, "strtoul overflow\n");
    errno = 0;
    ok(strtoul("-1", &end, 10) == ULONG_MAX && errno == 0, "strtoul -1\n");
    ok(strtoul("101", &end, 2) == 5 && *end == 0, "strtoul binary\n");
    ok(_strtoi64("-9223372036854775808", &end, 10) == _I64_MIN, "_strtoi64 min\n");
    errno = 0;
    ok(_strtoi64("9223372036854775808", &end, 10) == _I64_MAX && errno == ERANGE, "_strtoi64 overflow\n");
    ok(_strtoui64("18446744073709551615", &end, 10) == _UI64_MAX, "_strtoui64 max\n");
    ok(_strtoui64("0xFFFFFFFFFFFFFFFE", &end, 16) == 0xFFFFFFFFFFFFFFFEULL, "_strtoui64 hex\n");
    ok(atoi("  42xyz") == 42 && atoi("-17") == -17 && atoi("x") == 0, "atoi\n");
    ok(atol("+100") == 100, "atol\n");
    ok(_atoi64("-1234567890123") == -1234567890123LL, "_atoi64\n");
}

static int same(double a, double b) { return memcmp(&a, &b, sizeof(a)) == 0; }

static void test_strtod(void)
{
    char *end;
    const char *s;
    double d;
    ok(same(strtod("0.1", NULL), 0.1), "0.1\n");
    ok(same(strtod("1e23", NULL), 1e23), "1e23\n");
    ok(same(strtod("2.2250738585072011e-308", NULL), 2.2250738585072011e-308), "hard case\n");
    ok(same(strtod("1.7976931348623157e308", NULL), 1.7976931348623157e308), "DBL_MAX\n");
    ok(same(strtod("123456789012345678901234567890", NULL), 123456789012345678901234567890.0), "long int\n");
    ok(same(strtod("0.30000000000000004", NULL), 0.30000000000000004), "0.3..4\n");
    ok(same(strtod("9007199254740993", NULL), 9007199254740992.0), "round to even\n");
    ok(same(strtod("4.9406564584124654e-324", NULL), 4.9406564584124654e-324), "denormal min\n");
    d = strtod("  -12.5e-1xyz", &end);
    ok(same(d, -1.25) && *end == 'x', "neg exp, end\n");
    d = strtod(".5", &end);
    ok(same(d, 0.5) && *end == 0, ".5\n");
    d = strtod("5.", &end);
    ok(same(d, 5.0) && *end == 0, "5.\n");
    s = "1e";
    d = strtod(s, &end);
    ok(same(d, 1.0) && end == s + 1, "dangling e\n");
    s = "1e+";
    d = strtod(s, &end);
    ok(same(d, 1.0) && end == s + 1, "dangling e+\n");
    s = ".";
    d = strtod(s, &end);
    ok(d == 0 && end == s, "lone dot\n");
    s = "abc";
    d = strtod(s, &end);
    ok(d == 0 && end == s, "no number\n");
    errno = 0;
    d = strtod("1e400", &end);
    ok(d == HUGE_VAL && errno == ERANGE, "overflow\n");
    errno = 0;
    d = strtod("-1e400", &end);
    ok(d == -HUGE_VAL && errno == ERANGE, "neg overflow\n");
    ok(same(atof("3.25"), 3.25), "atof\n");
    ok(same(atof("-0"), -0.0), "atof -0\n");
}

static void test_itoa(void)
{
    char buf[80];
    wchar_t wbuf[80];
    ok(!strcmp(_itoa(-123, buf, 10), "-123"), "_itoa neg\n");
    ok(!strcmp(_itoa(-1, buf, 16), "ffffffff"), "_itoa -1 hex: %s\n", buf);
    ok(!strcmp(_itoa(255, buf, 2), "11111111"), "_itoa bin\n");
    ok(!strcmp(_ltoa(35, buf, 36), "z"), "_ltoa 36\n");
    ok(!strcmp(_ultoa(4294967295UL, buf, 10), "4294967295"), "_ultoa\n");
    ok(!strcmp(_i64toa(-9223372036854775807LL - 1, buf, 10), "-9223372036854775808"), "_i64toa min\n");
    ok(!strcmp(_ui64toa(0xFFFFFFFFFFFFFFFFULL, buf, 16), "ffffffffffffffff"), "_ui64toa\n");
    ok(!strcmp(_itoa(0, buf, 10), "0"), "_itoa 0\n");
    ok(!wcscmp(_itow(-45, wbuf, 10), L"-45"), "_itow\n");
    ok(!wcscmp(_i64tow(1234567890123LL, wbuf, 10), L"1234567890123"), "_i64tow\n");
    ok(!wcscmp(_ui64tow(255, wbuf, 16), L"ff"), "_ui64tow\n");
}

static div_t (*volatile p_div)(int, int) = div;
static ldiv_t (*volatile p_ldiv)(long, long) = ldiv;
static int (*volatile p_abs)(int) = abs;
static long (*volatile p_labs)(long) = labs;

static void test_arith(void)
{
    div_t d = p_div(17, 5);
    ldiv_t l;
    ok(d.quot == 3 && d.rem == 2, "div %d %d\n", d.quot, d.rem);
    d = p_div(-17, 5);
    ok(d.quot == -3 && d.rem == -2, "div neg %d %d\n", d.quot, d.rem);
    d = p_div(17, -5);
    ok(d.quot == -3 && d.rem == 2, "div neg den %d %d\n", d.quot, d.rem);
    l = p_ldiv(-100000L, 7L);
    ok(l.quot == -14285 && l.rem == -5, "ldiv %ld %ld\n", l.quot, l.rem);
    ok(p_abs(-5) == 5 && p_abs(5) == 5 && p_abs(INT_MIN) == INT_MIN, "abs\n");
    ok(p_labs(-7L) == 7, "labs\n");
    ok(_abs64(-5000000000LL) == 5000000000LL, "_abs64\n");
}

static void test_rand(void)
{
    int a, b, c;
    srand(1);
    a = rand(); b = rand(); c = rand();
    ok(a == 41 && b == 18467 && c == 6334, "rand seq %d %d %d\n", a, b, c);
    srand(12345);
    a = rand();
    ok(a == 7584, "srand(12345) first %d\n", a);
    srand(1);
    ok(rand() == 41, "reseed\n");
    ok(RAND_MAX == 0x7fff, "RAND_MAX\n");
}

static void test_env(void)
{
    char *v;
    char buf[32];
    DWORD n;
    ok(_putenv("WL_CRT_TEST=hello") == 0, "_putenv\n");
    v = getenv("WL_CRT_TEST");
    ok(v && !strcmp(v, "hello"), "getenv after _putenv: %s\n", v ? v : "(null)");
    v = getenv("wl_crt_test");
    ok(v && !strcmp(v, "hello"), "getenv is case-insensitive\n");
    n = GetEnvironmentVariableA("WL_CRT_TEST", buf, sizeof(buf));
    ok(n == 5 && !strcmp(buf, "hello"), "kernel32 sees it: %lu\n", n);
    SetEnvironmentVariableA("WL_CRT_TEST2", "k32");
    v = getenv("WL_CRT_TEST2");
    trace("getenv after SetEnvironmentVariable: %s\n", v ? v : "(null)");
    ok(_putenv("WL_CRT_TEST=") == 0, "_putenv delete\n");
    ok(getenv("WL_CRT_TEST") == NULL, "deleted\n");
    ok(GetEnvironmentVariableA("WL_CRT_TEST", buf, sizeof(buf)) == 0, "deleted for kernel32 too\n");
    ok(_wputenv(L"WL_CRT_W=wide") == 0, "_wputenv\n");
    ok(_wgetenv(L"WL_CRT_W") && !wcscmp(_wgetenv(L"WL_CRT_W"), L"wide"), "_wgetenv\n");
    ok(getenv("WL_CRT_W") && !strcmp(getenv("WL_CRT_W"), "wide"), "narrow view of wide put\n");
    ok(_putenv("NOEQUALS") == -1, "_putenv without =\n");
}

static void test_paths(void)
{
    char drive[8], dir[260], fname[64], ext[16], path[260];
    _splitpath("C:\\dir\\sub\\file.name.txt", drive, dir, fname, ext);
    ok(!strcmp(drive, "C:") && !strcmp(dir, "\\dir\\sub\\") && !strcmp(fname, "file.name") && !strcmp(ext, ".txt"),
       "_splitpath %s|%s|%s|%s\n", drive, dir, fname, ext);
    _splitpath("noext", drive, dir, fname, ext);
    ok(!drive[0] && !dir[0] && !strcmp(fname, "noext") && !ext[0], "_splitpath noext\n");
    _splitpath("a/b.c/d", drive, dir, fname, ext);
    ok(!strcmp(dir, "a/b.c/") && !strcmp(fname, "d") && !ext[0], "_splitpath dot in dir\n");
    _makepath(path, "D", "\\x\\y", "name", "ext");
    ok(!strcmp(path, "D:\\x\\y\\name.ext"), "_makepath %s\n", path);
    _makepath(path, NULL, "dir/", "f", ".c");
    ok(!strcmp(path, "dir/f.c"), "_makepath 2 %s\n", path);
    ok(_fullpath(path, "C:\\a\\b\\..\\c\\.\\d.txt", sizeof(path)) == path && !strcmp(path, "C:\\a\\c\\d.txt"),
       "_fullpath %s\n", path);
    {
        char cwd[260];
        _getcwd(cwd, sizeof(cwd));
        _fullpath(path, "rel.txt", sizeof(path));
        ok(!_strnicmp(path, cwd, strlen(cwd)) && !strcmp(path + strlen(path) - 8, "\\rel.txt"), "_fullpath rel %s\n", path);
    }
}

int main(void)
{
    test_qsort();
    test_bsearch();
    test_strtol();
    test_strtod();
    test_itoa();
    test_arith();
    test_rand();
    test_env();
    test_paths();
    return wl_summary();
}
