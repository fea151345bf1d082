/* msvcrt's printf family (sprintf, swprintf, _snprintf, _scprintf, the _s variants, streams).
 * Built with -D__USE_MINGW_ANSI_STDIO=0 (printf.flags) so that the calls reach msvcrt.dll
 * rather than mingw's own formatter.  Every expected string in the tables was produced by
 * real Wine (x64); the x86 column differs only where the pointer width shows. */
#include "wltest.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <math.h>
#include <errno.h>
#include <stdarg.h>

#ifdef _WIN64
#define WL_IS64 1
#else
#define WL_IS64 0
#endif

static char buf[4096];
static wchar_t wbuf[1024];
static HMODULE msvcrt;

static int (__cdecl *p_swprintf)(wchar_t *, const wchar_t *, ...);
static int (__cdecl *p__swprintf)(wchar_t *, const wchar_t *, ...);
static int (__cdecl *p_vswprintf)(wchar_t *, const wchar_t *, va_list);
static int (__cdecl *p__vswprintf)(wchar_t *, const wchar_t *, va_list);
static int (__cdecl *p_vsnprintf)(char *, size_t, const char *, va_list);
static int (__cdecl *p__snprintf_s)(char *, size_t, size_t, const char *, ...);
static int (__cdecl *p_sprintf_s)(char *, size_t, const char *, ...);
static int (__cdecl *p__snwprintf_s)(wchar_t *, size_t, size_t, const wchar_t *, ...);
static int (__cdecl *p_swprintf_s)(wchar_t *, size_t, const wchar_t *, ...);
static int (__cdecl *p__scwprintf)(const wchar_t *, ...);
static int (__cdecl *p__vscwprintf)(const wchar_t *, va_list);
static int (__cdecl *p__vsnwprintf)(wchar_t *, size_t, const wchar_t *, va_list);
static int (__cdecl *p__vscprintf)(const char *, va_list);
static FILE *(__cdecl *p_fopen)(const char *, const char *);
static int (__cdecl *p_fclose)(FILE *);
static size_t (__cdecl *p_fread)(void *, size_t, size_t, FILE *);
static int (__cdecl *p_fwprintf)(FILE *, const wchar_t *, ...);
static int (__cdecl *p_fprintf)(FILE *, const char *, ...);

/* local wide helpers: this sample tests printf, not msvcrt's wcs functions */
static int wl_wcslen(const wchar_t *s) { int n = 0; while (s[n]) n++; return n; }
static int wl_wcscmp(const wchar_t *a, const wchar_t *b)
{
    while (*a && *a == *b) { a++; b++; }
    return *a - *b;
}
static int wl_wmemcmp(const wchar_t *a, const wchar_t *b, int n)
{
    int i;
    for (i = 0; i < n; i++) if (a[i] != b[i]) return a[i] - b[i];
    return 0;
}
static void wl_wmemset(wchar_t *d, wchar_t c, int n) { while (n--) *d++ = c; }

static void hexdump(const unsigned char *p, int n)
{
    static const char hx[] = "0123456789abcdef";
    char line[8200];
    int i, k = 0;
    for (i = 0; i < n && k < 8000; i++) { line[k++] = hx[p[i] >> 4]; line[k++] = hx[p[i] & 15]; }
    line[k] = 0;
    wl_out("%s", line);
}

static void pchk(int line, const char *exp, int r, const char *fmt)
{
#ifdef WL_DUMP
    wl_out("N ");
    hexdump((const unsigned char *)buf, (int)strlen(buf));
    wl_out(" %d %d\r\n", r, (int)strlen(buf));
#else
    ok(r == (int)strlen(exp) && !strcmp(buf, exp), "line %d: sprintf(\"%s\") returned %d \"%s\", expected \"%s\"\n",
       line, fmt, r, buf, exp);
#endif
}

static void wchk(int line, const wchar_t *exp, int r)
{
#ifdef WL_DUMP
    int i;
    char tmp[8];
    wl_out("W ");
    for (i = 0; wbuf[i]; i++) { wsprintfA(tmp, "%04x", wbuf[i]); wl_out("%s", tmp); }
    wl_out(" %d %d\r\n", r, (int)wl_wcslen(wbuf));
#else
    ok(r == (int)wl_wcslen(exp) && !wl_wcscmp(wbuf, exp), "line %d: swprintf returned %d \"%S\", expected \"%S\"\n",
       line, r, wbuf, exp);
#endif
}

/* string only: Wine 8's return value disagrees with the text it wrote for these */
static void pchk_s(int line, const char *exp, int r, const char *fmt)
{
#ifdef WL_DUMP
    pchk(line, exp, r, fmt);
#else
    ok(!strcmp(buf, exp), "line %d: sprintf(\"%s\") wrote \"%s\" (returned %d), expected \"%s\"\n",
       line, fmt, buf, r, exp);
#endif
}

/* the conversion fails (a wide character outside the C locale's range) */
static void pchk_f(int line, int r, const char *fmt)
{
#ifdef WL_DUMP
    pchk(line, "", r, fmt);
#else
    ok(r == -1, "line %d: sprintf(\"%s\") returned %d, expected -1\n", line, fmt, r);
#endif
}

#define PS(e32, e64, fmt, ...) (memset(buf, 'Z', sizeof buf - 1), \
    pchk_s(__LINE__, WL_IS64 ? (e64) : (e32), sprintf(buf, fmt, __VA_ARGS__), fmt))
#define PF(fmt, ...) (memset(buf, 'Z', sizeof buf - 1), pchk_f(__LINE__, sprintf(buf, fmt, __VA_ARGS__), fmt))
#define P(e32, e64, fmt, ...) (memset(buf, 'Z', sizeof buf - 1), \
    pchk(__LINE__, WL_IS64 ? (e64) : (e32), sprintf(buf, fmt, __VA_ARGS__), fmt))
#define W(e32, e64, fmt, ...) (wl_wmemset(wbuf, 'Z', 1023), \
    wchk(__LINE__, WL_IS64 ? (e64) : (e32), p_swprintf(wbuf, fmt, __VA_ARGS__)))

/* 317 narrow cases */
static void test_sprintf_table(void)
{
    P("0", "0", "%d", 0);
    P("1", "1", "%d", 1);
    P("-1", "-1", "%d", -1);
    P("2147483647", "2147483647", "%d", 2147483647);
    P("-2147483648", "-2147483648", "%d", (-2147483647-1));
    P("42", "42", "%i", 42);
    P("-42", "-42", "%i", -42);
    P("4294967295", "4294967295", "%u", -1);
    P("42", "42", "%u", 42);
    P("10", "10", "%o", 8);
    P("37777777777", "37777777777", "%o", -1);
    P("ff", "ff", "%x", 255);
    P("ffffffff", "ffffffff", "%x", -1);
    P("ABCDEF", "ABCDEF", "%X", 0xabcdef);
    P("[   42]", "[   42]", "[%5d]", 42);
    P("[42   ]", "[42   ]", "[%-5d]", 42);
    P("[00042]", "[00042]", "[%05d]", 42);
    P("[-0042]", "[-0042]", "[%05d]", -42);
    P("+42", "+42", "%+d", 42);
    P("-42", "-42", "%+d", -42);
    P(" 42", " 42", "% d", 42);
    P("-42", "-42", "% d", -42);
    P("+42", "+42", "%+ d", 42);
    P("+42", "+42", "% +d", 42);
    P("[+3   ]", "[+3   ]", "[%-+5d]", 3);
    P("[3    ]", "[3    ]", "[%0-5d]", 3);
    P("007", "007", "%.3d", 7);
    P("[]", "[]", "[%.0d]", 0);
    P("[]", "[]", "[%.0x]", 0);
    P("[     ]", "[     ]", "[%5.0d]", 0);
    PS("[]", "[]", "[%#.0o]", 0);
    P("[00000042]", "[00000042]", "[%08.3d]", 42);
    P("[42      ]", "[42      ]", "[%-08d]", 42);
    P("0xff", "0xff", "%#x", 255);
    P("0XFF", "0XFF", "%#X", 255);
    P("0", "0", "%#x", 0);
    P("010", "010", "%#o", 8);
    P("0", "0", "%#o", 0);
    P("[  0x1]", "[  0x1]", "[%#5x]", 1);
    P("[0x001]", "[0x001]", "[%#05x]", 1);
    P("[0X00001F]", "[0X00001F]", "[%#08X]", 0x1f);
    P("5", "5", "%+u", 5);
    P("5", "5", "% u", 5);
    P("5", "5", "%+x", 5);
    P("5", "5", "% o", 5);
    P("-0000000005", "-0000000005", "%.10d", -5);
    P("[          000000beef]", "[          000000beef]", "[%20.10x]", 0xbeef);
    P("[+012    ]", "[+012    ]", "[%-+08.3d]", 12);
    P("4464", "4464", "%hd", 70000);
    P("65535", "65535", "%hu", -1);
    P("2345", "2345", "%hx", 0x12345);
    PS("300", "300", "%hhd", 300);
    PS("300", "300", "%hhu", 300);
    PS("1ff", "1ff", "%hhx", 0x1ff);
    P("-5", "-5", "%ld", -5L);
    P("4294967295", "4294967295", "%lu", -1L);
    P("dead", "dead", "%lx", 0xdeadL);
    P("-1", "-1", "%I32d", -1);
    P("4294967295", "4294967295", "%I32u", -1);
    P("7f", "7f", "%I32x", 0x7f);
    P("33", "33", "%Ld", 33);
    P("34", "34", "%wd", 34);
    P("35", "35", "%Fd", 35);
    P("36", "36", "%Nd", 36);
    P("37", "37", "%jd", (long long)37);   /* %j reads an intmax_t (64 bits) */
    P("38", "38", "%zd", 38);
    P("39", "39", "%td", 39);
    P("qd", "qd", "%qd", 40);
    P("41", "41", "%lld", 41LL);
    P("42d", "42d", "%ldd", 42L);
    P("A", "A", "%c", 'A');
    P("[    B]", "[    B]", "[%5c]", 'B');
    P("[C  ]", "[C  ]", "[%-3c]", 'C');
    P("[0000D]", "[0000D]", "[%05c]", 'D');
    P("E", "E", "%hc", 'E');
    P("F", "F", "%lc", 'F');
    P("G", "G", "%wc", 'G');
    P("H", "H", "%C", 'H');
    P("I", "I", "%hC", 'I');
    P("J", "J", "%lC", 'J');
    P("\xe9", "\xe9", "%c", 0xe9);
    P("\xe9", "\xe9", "%C", 0xe9);
    P("", "", "%C", 0x263a);
    PS("[]", "[]", "[%.0c]", 'x');
    P("[y]", "[y]", "[%.3c]", 'y');
    P("A", "A", "%c", 0x141);
    P("k", "k", "%+c", 'k');
    P("[y]", "[y]", "[%y]", 5);
    P("[k]", "[k]", "[%k]", 5);
    P("[b]", "[b]", "[%b]", 5);
    P("[Z]", "[Z]", "[%Z]", 0);
    PS("[]", "[]", "[%5%]", 0);
    P("[%]", "[%]", "[%%]", 0);
    PS("[]", "[]", "[%-5%]", 0);
    P("[v9]", "[v9]", "[%v%d]", 9);
    P("[Z]", "[Z]", "[%lZ]", 0);
    P("[U]", "[U]", "[%U]", 0);
    P("[D]", "[D]", "[%D]", 7);
    P("[O]", "[O]", "[%O]", 7);
    P("[I]", "[I]", "[%I]", 7);
    P("[I6d]", "[I6d]", "[%I6d]", 7);
    P("[I3d]", "[I3d]", "[%I3d]", 7);
    P("abc", "abc", "abc%", 0);
    P("[]", "[]", "[%.]", 0);
    P("[     ]", "[     ]", "[%5.d]", 0);
    P("-1", "-1", "%lld", -1LL);
    P("9223372036854775807", "9223372036854775807", "%lld", 9223372036854775807LL);
    P("-9223372036854775808", "-9223372036854775808", "%lld", (-9223372036854775807LL-1));
    P("18446744073709551615", "18446744073709551615", "%llu", -1LL);
    P("ffffffffffffffff", "ffffffffffffffff", "%llx", -1LL);
    P("ABCDEF0123", "ABCDEF0123", "%llX", 0xabcdef0123LL);
    P("1234567012345", "1234567012345", "%llo", 01234567012345LL);
    P("-1234567890123", "-1234567890123", "%I64d", -1234567890123LL);
    P("18446744073709551615", "18446744073709551615", "%I64u", 18446744073709551615ULL);
    P("123456789abcdef", "123456789abcdef", "%I64x", 0x123456789abcdefLL);
    P("[        -12345678901]", "[        -12345678901]", "[%20lld]", -12345678901LL);
    P("[12345678901         ]", "[12345678901         ]", "[%-20lld]", 12345678901LL);
    P("[-0000000012345678901]", "[-0000000012345678901]", "[%020lld]", -12345678901LL);
    P("+5", "+5", "%+lld", 5LL);
    P(" 5", " 5", "% lld", 5LL);
    P("-0000000000000000000000001", "-0000000000000000000000001", "%.25lld", -1LL);
    P("0x1ffffffff", "0x1ffffffff", "%#llx", 0x1ffffffffLL);
    P("010", "010", "%#llo", 8LL);
    P("-77", "-77", "%I64i", -77LL);
    P("FEDCBA9876543210", "FEDCBA9876543210", "%I64X", 0xfedcba9876543210ULL);
    P("[]", "[]", "[%.0lld]", 0LL);
    P("0", "0", "%#I64x", 0LL);
    P("5", "5", "%I32x", 0x100000005LL);
    P("255", "255", "%d", 0x1000000ffLL);
    P("123", "123", "%Iu", (size_t)123);
    P("-5", "-5", "%Id", (size_t)-5);
    P("abc", "abc", "%Ix", (size_t)0xabc);
    P("ABC", "ABC", "%IX", (size_t)0xabc);
    P("10", "10", "%Io", (size_t)8);
    P("4294967295", "18446744073709551615", "%Iu", (size_t)-1);
    P("ffffffff", "ffffffffffffffff", "%Ix", (size_t)-1);
    P("-7", "-7", "%Ii", (size_t)-7);
    P("00001234", "0000000000001234", "%p", (void*)0x1234);
    P("00000000", "0000000000000000", "%p", (void*)0);
    P("0X00000ABC", "0X0000000000000ABC", "%#p", (void*)0xabc);
    P("[            00001234]", "[    0000000000001234]", "[%20p]", (void*)0x1234);
    P("[00001234            ]", "[0000000000001234    ]", "[%-20p]", (void*)0x1234);
    P("[            00001234]", "[    0000000000001234]", "[%020p]", (void*)0x1234);
    P("[0000]", "[0000]", "[%.4p]", (void*)0x1234);
    P("P", "P", "%P", (void*)0x1234);
    P("[00000012]", "[0000000000000012]", "[%+p]", (void*)0x12);
    P("[00000012]", "[0000000000000012]", "[%5p]", (void*)0x12);
    P("hello", "hello", "%s", "hello");
    P("[     hello]", "[     hello]", "[%10s]", "hello");
    P("[hello     ]", "[hello     ]", "[%-10s]", "hello");
    P("he", "he", "%.2s", "hello");
    P("[        he]", "[        he]", "[%10.2s]", "hello");
    P("(null)", "(null)", "%s", (char*)0);
    P("(nu", "(nu", "%.3s", (char*)0);
    P("[    (null)]", "[    (null)]", "[%10s]", (char*)0);
    P("abc", "abc", "%hs", "abc");
    P("[000ab]", "[000ab]", "[%05s]", "ab");
    P("[ab   ]", "[ab   ]", "[%-05s]", "ab");
    P("[]", "[]", "[%s]", "");
    P("[     ]", "[     ]", "[%5s]", "");
    P("\xe9t\xe9", "\xe9t\xe9", "%s", "\xe9t\xe9");
    P("narrow", "narrow", "%hS", "narrow");
    P("[]", "[]", "[%.0s]", "abc");
    P("[p]", "[p]", "[%+s]", "p");
    P("[q]", "[q]", "[%#s]", "q");
    P("wide", "wide", "%S", L"wide");
    P("wide", "wide", "%ls", L"wide");
    P("wide", "wide", "%ws", L"wide");
    P("wide", "wide", "%lS", L"wide");
    P("[   ab]", "[   ab]", "[%5S]", L"ab");
    P("[ab    ]", "[ab    ]", "[%-6S]", L"ab");
    P("wi", "wi", "%.2S", L"wide");
    P("(null)", "(null)", "%S", (wchar_t*)0);
    P("(null)", "(null)", "%ls", (wchar_t*)0);
    P("\xe9", "\xe9", "%S", L"\x00e9");
    PF("%S", L"a\x263a" L"b");
    P("\xe9", "\xe9", "%.1S", L"\x00e9x");
    P("ww", "ww", "%wS", L"ww");
    P("Ls", "Ls", "%Ls", "Ls");
    P("Is", "Is", "%Is", "Is");
    P("I64", "I64", "%I64s", "I64");
    P("0.000000", "0.000000", "%f", 0.0);
    P("1.500000", "1.500000", "%f", 1.5);
    P("-1.500000", "-1.500000", "%f", -1.5);
    P("3.141593", "3.141593", "%f", 3.14159265);
    P("10000000000.000000", "10000000000.000000", "%f", 1e10);
    P("0.000000", "0.000000", "%f", 1e-10);
    P("123456789.125000", "123456789.125000", "%f", 123456789.125);
    P("-0.000000", "-0.000000", "%f", -0.0);
    P("1", "1", "%.0f", 0.5);
    P("2", "2", "%.0f", 1.5);
    P("3", "3", "%.0f", 2.5);
    P("2.67", "2.67", "%.2f", 2.675);
    P("1.00", "1.00", "%.2f", 1.005);
    P("0.3", "0.3", "%.1f", 0.25);
    P("0.3", "0.3", "%.1f", 0.35);
    P("[     3.142]", "[     3.142]", "[%10.3f]", 3.14159);
    P("[3.142     ]", "[3.142     ]", "[%-10.3f]", 3.14159);
    P("[-00003.500]", "[-00003.500]", "[%010.3f]", -3.5);
    P("+1.000000", "+1.000000", "%+f", 1.0);
    P(" 1.000000", " 1.000000", "% f", 1.0);
    P("3.", "3.", "%#.0f", 3.0);
    P("0.10000000000000000555", "0.10000000000000000555", "%.20f", 0.1);
    P("0.000010000000000000000818030539", "0.000010000000000000000818030539", "%.30f", 1e-5);
    P("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000", "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000", "%f", 1e300);
    P("10000000000000000000000", "10000000000000000000000", "%.0f", 1e22);
    P("0.000000", "0.000000", "%f", 5e-324);
    P("0.000000e+000", "0.000000e+000", "%e", 0.0);
    P("1.500000e+000", "1.500000e+000", "%e", 1.5);
    P("-1.234568e+004", "-1.234568e+004", "%e", -12345.678);
    P("1.000000e-300", "1.000000e-300", "%e", 1e-300);
    P("1.000000e+300", "1.000000e+300", "%e", 1e300);
    P("4.940656e-324", "4.940656e-324", "%e", 5e-324);
    PS("2e+000", "2e+000", "%.0e", 1.5);
    PS("2.e+000", "2.e+000", "%#.0e", 2.0);
    P("1.000000E+010", "1.000000E+010", "%E", 1e10);
    P("[ 3.1416e+000]", "[ 3.1416e+000]", "[%12.4e]", 3.14159);
    P("[3.14e+000   ]", "[3.14e+000   ]", "[%-12.2e]", 3.14159);
    P("[-001.50e+000]", "[-001.50e+000]", "[%012.2e]", -1.5);
    P("1.000e+001", "1.000e+001", "%.3e", 9.9996);
    P("0", "0", "%g", 0.0);
    P("1.5", "1.5", "%g", 1.5);
    P("100000", "100000", "%g", 100000.0);
    P("1e+006", "1e+006", "%g", 1000000.0);
    P("0.0001", "0.0001", "%g", 1e-4);
    P("1e-005", "1e-005", "%g", 1e-5);
    P("1.23457e+008", "1.23457e+008", "%g", 123456789.0);
    P("0.0001234", "0.0001234", "%g", 0.0001234);
    P("3.14", "3.14", "%.3g", 3.14159);
    P("1.00000", "1.00000", "%#g", 1.0);
    P("1.00", "1.00", "%#.3g", 1.0);
    P("1E-010", "1E-010", "%G", 1e-10);
    P("0.5", "0.5", "%.0g", 0.5);
    P("1e+100", "1e+100", "%g", 1e100);
    P("[     3.142]", "[     3.142]", "[%10.4g]", 3.14159);
    P("[2.5       ]", "[2.5       ]", "[%-10g]", 2.5);
    P("+2.5", "+2.5", "%+g", 2.5);
    P("0.1", "0.1", "%.15g", 0.1);
    P("0.10000000000000001", "0.10000000000000001", "%.17g", 0.1);
    P("-0", "-0", "%g", -0.0);
    P("0x1.0000000000000p+0", "0x1.0000000000000p+0", "%a", 1.0);
    P("0x1.0000000000000p-1", "0x1.0000000000000p-1", "%a", 0.5);
    P("-0x1.4000000000000p+1", "-0x1.4000000000000p+1", "%a", -2.5);
    P("0x0.0000000000000p+0", "0x0.0000000000000p+0", "%a", 0.0);
    P("0x0.012688b70e62bp-1022", "0x0.012688b70e62bp-1022", "%a", 1e-310);
    P("0X1.FF00000000000P+7", "0X1.FF00000000000P+7", "%A", 255.5);
    P("0x2.00p+0", "0x2.00p+0", "%.2a", 1.999);
    P("0x2p+0", "0x2p+0", "%.0a", 1.5);
    P("0x1.0000000000000p+0", "0x1.0000000000000p+0", "%#a", 1.0);
    P("[0x1.0000000000000p+0]", "[0x1.0000000000000p+0]", "[%20a]", 1.0);
    P("[-0x1.0000000000000p+0]", "[-0x1.0000000000000p+0]", "[%020a]", -1.0);
    P("0x2.0p+0", "0x2.0p+0", "%.1a", 1.96875);
    P("1.#INF00", "1.#INF00", "%f", INFINITY);
    P("-1.#INF00", "-1.#INF00", "%f", -INFINITY);
    P("1.#QNAN0", "1.#QNAN0", "%f", NAN);
    P("-1.#IND00", "-1.#IND00", "%f", -NAN);
    P("1.#INF00e+000", "1.#INF00e+000", "%e", INFINITY);
    P("-1.#INF00e+000", "-1.#INF00e+000", "%e", -INFINITY);
    P("1.#QNAN0e+000", "1.#QNAN0e+000", "%e", NAN);
    P("-1.#IND00e+000", "-1.#IND00e+000", "%e", -NAN);
    P("1.#INF", "1.#INF", "%g", INFINITY);
    P("-1.#INF", "-1.#INF", "%g", -INFINITY);
    P("1.#QNAN", "1.#QNAN", "%g", NAN);
    P("-1.#IND", "-1.#IND", "%g", -NAN);
    P("1.#INF00E+000", "1.#INF00E+000", "%E", INFINITY);
    P("-1.#INF00E+000", "-1.#INF00E+000", "%E", -INFINITY);
    P("1.#QNAN0E+000", "1.#QNAN0E+000", "%E", NAN);
    P("-1.#IND00E+000", "-1.#IND00E+000", "%E", -NAN);
    P("1.#INF", "1.#INF", "%G", INFINITY);
    P("-1.#INF", "-1.#INF", "%G", -INFINITY);
    P("1.#QNAN", "1.#QNAN", "%G", NAN);
    P("-1.#IND", "-1.#IND", "%G", -NAN);
    P("0x1.#INF000000000p+0", "0x1.#INF000000000p+0", "%a", INFINITY);
    P("-0x1.#INF000000000p+0", "-0x1.#INF000000000p+0", "%a", -INFINITY);
    P("0x1.#QNAN00000000p+0", "0x1.#QNAN00000000p+0", "%a", NAN);
    P("-0x1.#IND000000000p+0", "-0x1.#IND000000000p+0", "%a", -NAN);
    P("1.$", "1.$", "%.1f", INFINITY);
    P("1", "1", "%.0f", INFINITY);
    P("1.#J", "1.#J", "%.2f", INFINITY);
    P("-1.#IO", "-1.#IO", "%.3f", -NAN);
    P("1.$", "1.$", "%.1f", NAN);
    P("[  1.#INF00]", "[  1.#INF00]", "[%10f]", INFINITY);
    P("[1.#INF    ]", "[1.#INF    ]", "[%-10f]", INFINITY);
    P("[001.#INF00]", "[001.#INF00]", "[%010f]", INFINITY);
    P("+1.#INF00", "+1.#INF00", "%+f", INFINITY);
    P("1.#QOe+000", "1.#QOe+000", "%.3e", NAN);
    P("1.#INF000000", "1.#INF000000", "%.10f", INFINITY);
    P("1.500000", "1.500000", "%lf", 1.5);
    P("1.500000", "1.500000", "%Lf", 1.5);
    P("", "", "%F", 1.5);
    P("2.5", "2.5", "%lg", 2.5);
    P("1.250000", "1.250000", "%hf", 1.25);
    P("1.750000", "1.750000", "%I64f", 1.75);
    P("1.500000e+000", "1.500000e+000", "%le", 1.5);
    P("1.000000000000000000000000000000000000000000000000000000000000", "1.000000000000000000000000000000000000000000000000000000000000", "%.60f", 1.0);
    P("3.333333333333333148296162562473909929394721985e-001", "3.333333333333333148296162562473909929394721985e-001", "%.45e", 1.0/3);
    P("100000000000000000.000", "100000000000000000.000", "%.3f", 1e17);
    P("1 two 3 4.0", "1 two 3 4.0", "%d %s %c %.1f", 1, "two", '3', 4.0);
    P("[   42]", "[   42]", "[%*d]", 5, 42);
    P("[42   ]", "[42   ]", "[%*d]", -5, 42);
    P("[42   ]", "[42   ]", "[%-*d]", -5, 42);
    P("[007]", "[007]", "[%.*d]", 3, 7);
    P("[7]", "[7]", "[%.*d]", -1, 7);
    P("[      3.14]", "[      3.14]", "[%*.*f]", 10, 2, 3.14159);
    P("[ab]", "[ab]", "[%.*s]", 2, "abcdef");
    P("[ab    ]", "[ab    ]", "[%*s]", -6, "ab");
    P("[-0003]", "[-0003]", "[%0*d]", 5, -3);
    P("[1.500000]", "[1.500000]", "[%.*f]", -1, 1.5);
    PS("[2e+000]", "[2e+000]", "[%.*e]", 0, 1.5);
    P("[  z]", "[  z]", "[%*c]", 3, 'z');
    P("[*d]", "[*d]", "[%5*d]", 3, 4);
    P("[                                  4]", "[                                  4]", "[%*5d]", 3, 4);
    P("1 2", "1 2", "%lld %d", 1LL, 2);
    P("1 2 3", "1 2 3", "%d %lld %d", 1, 2LL, 3);
    P("1.000000 2", "1.000000 2", "%f %d", 1.0, 2);
    P("ab", "ab", "%s%s", "a", "b");
    P("[he    ]", "[he    ]", "[%-*.*s]", 6, 2, "hello");
}

/* 38 wide cases, through msvcrt's own two-argument swprintf */
static void test_swprintf_table(void)
{
    W(L"42", L"42", L"%d", 42);
    W(L"[  -42]", L"[  -42]", L"[%5d]", -42);
    W(L"wide", L"wide", L"%s", L"wide");
    W(L"narrow", L"narrow", L"%S", "narrow");
    W(L"narrow", L"narrow", L"%hs", "narrow");
    W(L"w", L"w", L"%ls", L"w");
    W(L"ws", L"ws", L"%ws", L"ws");
    W(L"x", L"x", L"%c", L'x');
    W(L"y", L"y", L"%C", 'y');
    W(L"z", L"z", L"%hc", 'z');
    W(L"q", L"q", L"%lc", L'q');
    W(L"[        ab]", L"[        ab]", L"[%10s]", L"ab");
    W(L"a", L"a", L"%.1s", L"ab");
    W(L"(null)", L"(null)", L"%s", (wchar_t*)0);
    W(L"(null)", L"(null)", L"%S", (char*)0);
    W(L"1.500000", L"1.500000", L"%f", 1.5);
    W(L"1.500000e+000", L"1.500000e+000", L"%e", 1.5);
    W(L"0.0001", L"0.0001", L"%g", 0.0001);
    W(L"beef", L"beef", L"%x", 0xbeef);
    W(L"\x263a", L"\x263a", L"%c", 0x263a);
    W(L"\x263a!", L"\x263a!", L"%s", L"\x263a!");
    W(L"\x00e9", L"\x00e9", L"%S", "\xe9");
    W(L"\x00e9t\x00e9", L"\x00e9t\x00e9", L"%hs", "\xe9t\xe9");
    W(L"00000012", L"0000000000000012", L"%p", (void*)0x12);
    W(L"-5", L"-5", L"%lld", -5LL);
    W(L"123456789", L"123456789", L"%I64x", 0x123456789LL);
    W(L"1.#INF00", L"1.#INF00", L"%f", INFINITY);
    W(L"-1.#IND00e+000", L"-1.#IND00e+000", L"%e", -NAN);
    W(L"[ab    ]", L"[ab    ]", L"[%-6S]", "ab");
    W(L"[-01.50]", L"[-01.50]", L"[%06.2f]", -1.5);
    W(L"k", L"k", L"%k", 1);
    W(L"Z", L"Z", L"%Z", 0);
    W(L"[   x]", L"[   x]", L"[%*s]", 4, L"x");
    W(L"a b c d", L"a b c d", L"%s %S %c %C", L"a", "b", L'c', 'd');
    W(L"\x00e9", L"\x00e9", L"%C", 0xe9);
    W(L"\x00e9", L"\x00e9", L"%hC", 0xe9);
    W(L"\x263a", L"\x263a", L"%wc", 0x263a);
    W(L"", L"", L"%.0s", L"x");
}

static int call_vsnprintf(char *b, size_t n, const char *fmt, ...)
{
    va_list ap; int r;
    va_start(ap, fmt); r = _vsnprintf(b, n, fmt, ap); va_end(ap);
    return r;
}

static int call_vsnprintf_export(char *b, size_t n, const char *fmt, ...)
{
    va_list ap; int r;
    va_start(ap, fmt); r = p_vsnprintf(b, n, fmt, ap); va_end(ap);
    return r;
}

static int call_vsprintf(char *b, const char *fmt, ...)
{
    va_list ap; int r;
    va_start(ap, fmt); r = vsprintf(b, fmt, ap); va_end(ap);
    return r;
}

static int call_vscprintf(const char *fmt, ...)
{
    va_list ap; int r;
    va_start(ap, fmt); r = p__vscprintf(fmt, ap); va_end(ap);
    return r;
}

static int call_vswprintf(int which, wchar_t *b, const wchar_t *fmt, ...)
{
    va_list ap; int r;
    va_start(ap, fmt); r = which ? p__vswprintf(b, fmt, ap) : p_vswprintf(b, fmt, ap); va_end(ap);
    return r;
}

static int call_vsnwprintf(wchar_t *b, size_t n, const wchar_t *fmt, ...)
{
    va_list ap; int r;
    va_start(ap, fmt); r = p__vsnwprintf(b, n, fmt, ap); va_end(ap);
    return r;
}

static int call_vscwprintf(const wchar_t *fmt, ...)
{
    va_list ap; int r;
    va_start(ap, fmt); r = p__vscwprintf(fmt, ap); va_end(ap);
    return r;
}

static void test_snprintf(void)
{
    int r;

    memset(buf, 'Z', 16);
    r = _snprintf(buf, 10, "%s", "hello");
    ok(r == 5 && !strcmp(buf, "hello"), "got %d \"%s\"\n", r, buf);
    memset(buf, 'Z', 16);
    r = _snprintf(buf, 3, "%s", "hello");
    ok(r == -1 && !memcmp(buf, "helZ", 4), "truncated: got %d \"%.4s\"\n", r, buf);
    memset(buf, 'Z', 16);
    r = _snprintf(buf, 5, "%s", "hello");
    ok(r == 5 && !memcmp(buf, "helloZ", 6), "exact fit: got %d \"%.6s\"\n", r, buf);
    memset(buf, 'Z', 16);
    r = _snprintf(buf, 6, "%s", "hello");
    ok(r == 5 && !strcmp(buf, "hello"), "room for NUL: got %d \"%s\"\n", r, buf);
    memset(buf, 'Z', 16);
    r = _snprintf(buf, 0, "%s", "hello");
    ok(r == -1 && buf[0] == 'Z', "count 0: got %d %c\n", r, buf[0]);
    r = _snprintf(NULL, 0, "%s", "hello");
    ok(r == 5, "NULL buffer: got %d\n", r);
    memset(buf, 'Z', 16);
    r = _snprintf(buf, 4, "%d", 123456);
    ok(r == -1 && !memcmp(buf, "1234Z", 5), "got %d \"%.5s\"\n", r, buf);
    memset(buf, 'Z', 16);
    r = call_vsnprintf(buf, 4, "%d-%d", 12, 34);
    ok(r == -1 && !memcmp(buf, "12-3Z", 5), "_vsnprintf: got %d \"%.5s\"\n", r, buf);
    memset(buf, 'Z', 16);
    r = call_vsnprintf(buf, 16, "%d-%d", 12, 34);
    ok(r == 5 && !strcmp(buf, "12-34"), "_vsnprintf: got %d \"%s\"\n", r, buf);
    if (p_vsnprintf) {
        memset(buf, 'Z', 16);
        r = call_vsnprintf_export(buf, 4, "%d-%d", 12, 34);
        ok(r == -1 && !memcmp(buf, "12-3Z", 5), "vsnprintf: got %d \"%.5s\"\n", r, buf);
    } else skip("vsnprintf not exported\n");
    r = call_vsprintf(buf, "%s=%d", "x", 5);
    ok(r == 3 && !strcmp(buf, "x=5"), "vsprintf: got %d \"%s\"\n", r, buf);
    r = _scprintf("%s=%d", "abc", 12345);
    ok(r == 9, "_scprintf: got %d\n", r);
    r = call_vscprintf("%5d|%-3s", 1, "a");
    ok(r == 9, "_vscprintf: got %d\n", r);
    r = _scprintf("");
    ok(r == 0, "_scprintf empty: got %d\n", r);

    /* the _s variants: msvcrt.dll's invalid parameter handler just returns */
    memset(buf, 'Z', 16);
    r = p__snprintf_s(buf, 16, _TRUNCATE, "%s", "hello world, long");
    ok(r == -1 && !strcmp(buf, "hello world, lo"), "_snprintf_s truncate: got %d \"%s\"\n", r, buf);
    memset(buf, 'Z', 16);
    r = p__snprintf_s(buf, 16, 3, "%s", "hello");
    ok(r == -1 && !strcmp(buf, "hel"), "_snprintf_s count: got %d \"%s\"\n", r, buf);
    memset(buf, 'Z', 16);
    r = p__snprintf_s(buf, 16, 10, "%s", "hello");
    ok(r == 5 && !strcmp(buf, "hello"), "_snprintf_s: got %d \"%s\"\n", r, buf);
    memset(buf, 'Z', 16);
    r = p_sprintf_s(buf, 16, "%d%s", 42, "x");
    ok(r == 3 && !strcmp(buf, "42x"), "sprintf_s: got %d \"%s\"\n", r, buf);
    /* msvcrt.dll's sprintf_s behaves like _snprintf: no terminator, -1, errno untouched */
    memset(buf, 'Z', 16);
    errno = 0;
    r = p_sprintf_s(buf, 4, "%s", "hello");
    ok(r == -1 && !memcmp(buf, "hellZ", 5) && errno == 0, "sprintf_s too small: got %d %.5s errno %d\n", r, buf, errno);
    errno = 0;
    r = p_sprintf_s(NULL, 4, "%s", "hello");
    ok(r == 5 && errno == 0, "sprintf_s NULL: got %d errno %d\n", r, errno);
    wl_wmemset(wbuf, 'Z', 16);
    r = p__snwprintf_s(wbuf, 8, _TRUNCATE, L"%s", L"hello world");
    ok(r == -1 && !wl_wcscmp(wbuf, L"hello w"), "_snwprintf_s truncate: got %d\n", r);
    wl_wmemset(wbuf, 'Z', 16);
    r = p_swprintf_s(wbuf, 16, L"%d%S", 42, "x");
    ok(r == 3 && !wl_wcscmp(wbuf, L"42x"), "swprintf_s: got %d\n", r);
}

static void test_wide_buffers(void)
{
    int r;

    wl_wmemset(wbuf, 'Z', 16);
    r = _snwprintf(wbuf, 3, L"%s", L"hello");
    ok(r == -1 && !wl_wmemcmp(wbuf, L"helZ", 4), "_snwprintf: got %d\n", r);
    wl_wmemset(wbuf, 'Z', 16);
    r = _snwprintf(wbuf, 5, L"%s", L"hello");
    ok(r == 5 && !wl_wmemcmp(wbuf, L"helloZ", 6), "_snwprintf exact: got %d\n", r);
    wl_wmemset(wbuf, 'Z', 16);
    r = _snwprintf(wbuf, 16, L"%d", -7);
    ok(r == 2 && !wl_wcscmp(wbuf, L"-7"), "_snwprintf: got %d\n", r);
    wl_wmemset(wbuf, 'Z', 16);
    r = call_vsnwprintf(wbuf, 2, L"%d", 1234);
    ok(r == -1 && !wl_wmemcmp(wbuf, L"12Z", 3), "_vsnwprintf: got %d\n", r);
    r = p__scwprintf(L"%s|%d", L"abc", 5);
    ok(r == 5, "_scwprintf: got %d\n", r);
    r = call_vscwprintf(L"%5s", L"a");
    ok(r == 5, "_vscwprintf: got %d\n", r);
    wl_wmemset(wbuf, 'Z', 16);
    r = p__swprintf(wbuf, L"%S-%d", "ab", 3);
    ok(r == 4 && !wl_wcscmp(wbuf, L"ab-3"), "_swprintf: got %d\n", r);
    wl_wmemset(wbuf, 'Z', 16);
    r = call_vswprintf(0, wbuf, L"%c%c", L'o', L'k');
    ok(r == 2 && !wl_wcscmp(wbuf, L"ok"), "vswprintf: got %d\n", r);
    wl_wmemset(wbuf, 'Z', 16);
    r = call_vswprintf(1, wbuf, L"%x", 255);
    ok(r == 2 && !wl_wcscmp(wbuf, L"ff"), "_vswprintf: got %d\n", r);
}

static void test_count(void)
{
    int n = -1, m = -1, r;
    union { int i; short s[2]; char c[4]; } u;
    long long ll;

    r = sprintf(buf, "abc%n def%n", &n, &m);
    ok(r == 7 && n == 3 && m == 7 && !strcmp(buf, "abc def"), "%%n: got %d %d %d\n", r, n, m);
    n = -1;
    r = sprintf(buf, "%n", &n);
    ok(r == 0 && n == 0, "%%n at start: got %d %d\n", r, n);
    u.i = 0x55555555;
    r = sprintf(buf, "12345%hn", &u.s[0]);
    ok(r == 5 && u.i == 5, "%%hn: got %d %x\n", r, u.i);
    ll = 0x5555555555555555LL;
    r = sprintf(buf, "1234%lln", &ll);
    ok(r == 4 && ll == 0x5555555500000004LL, "%%lln: got %d %x%08x\n", r, (int)(ll >> 32), (int)ll);
    n = -1;
    r = _snprintf(buf, 3, "abcdef%n", &n);
    ok(r == -1 && n == -1, "%%n after truncation: got %d %d\n", r, n);
    n = -1;
    wl_wmemset(wbuf, 0, 16);
    r = p_swprintf(wbuf, L"xy%n", &n);
    ok(r == 2 && n == 2, "wide %%n: got %d %d\n", r, n);
}

static void test_streams(void)
{
    char path[MAX_PATH];
    FILE *f;
    unsigned char data[64];
    size_t n;
    int r;

    r = printf("printf: %s %d\n", "line", 1);
    ok(r == 15, "printf returned %d\n", r);
    r = fprintf(stdout, "fprintf: %d\n", 22);
    ok(r == 12, "fprintf returned %d\n", r);
    r = wprintf(L"wprintf: %s %S\n", L"wide", "narrow");
    ok(r == 21, "wprintf returned %d\n", r);
    fflush(stdout);

    if (!p_fopen || !p_fwprintf) { skip("fopen not available\n"); return; }
    GetTempPathA(sizeof(path) - 20, path);
    strcat(path, "wl_printf.tmp");
    f = p_fopen(path, "w");
    ok(f != NULL, "fopen failed\n");
    if (!f) return;
    r = p_fwprintf(f, L"a\x00e9\n");
    ok(r == 3, "fwprintf text returned %d\n", r);
    r = p_fprintf(f, "%d\n", 7);
    ok(r == 2, "fprintf returned %d\n", r);
    p_fclose(f);
    f = p_fopen(path, "rb");
    n = p_fread(data, 1, sizeof data, f);
    ok(n == 7 && !memcmp(data, "a\xe9\r\n" "7\r\n", 7),
       "text-mode wide output: %d bytes\n", (int)n);
    p_fclose(f);
    f = p_fopen(path, "wb");
    r = p_fwprintf(f, L"b\x263a\n");
    ok(r == 3, "fwprintf binary returned %d\n", r);
    p_fclose(f);
    f = p_fopen(path, "rb");
    n = p_fread(data, 1, sizeof data, f);
    ok(n == 6 && !memcmp(data, "b\0\x3a\x26\n\0", 6), "binary-mode wide output: %d bytes\n", (int)n);
    p_fclose(f);
    DeleteFileA(path);
}

int main(void)
{
    msvcrt = GetModuleHandleA("msvcrt.dll");
#define GET(name) p_##name = (void *)GetProcAddress(msvcrt, #name)
    GET(swprintf); GET(_swprintf); GET(vswprintf); GET(_vswprintf); GET(vsnprintf); GET(_snprintf_s);
    GET(sprintf_s); GET(_snwprintf_s); GET(swprintf_s); GET(_scwprintf); GET(_vscwprintf); GET(_vsnwprintf);
    GET(_vscprintf); GET(fopen); GET(fclose); GET(fread); GET(fwprintf); GET(fprintf);
    test_sprintf_table();
    test_swprintf_table();
#ifndef WL_DUMP
    test_snprintf();
    test_wide_buffers();
    test_count();
    test_streams();
#endif
    return wl_summary();
}
