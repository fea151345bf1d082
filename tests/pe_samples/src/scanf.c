/* msvcrt's scanf family: sscanf, swscanf, _snscanf, sscanf_s, fscanf.
 * Built with -D__USE_MINGW_ANSI_STDIO=0 (scanf.flags) so that the calls reach msvcrt.dll.
 * Each table row scans into four 24-byte zones pre-filled with 0x5a and compares the return
 * value and every byte of the zones it uses (so the store width is checked too) with what
 * real Wine (x64) produced; on x86 only pointer-sized stores differ. */
#include "wltest.h"
#include <stdio.h>
#include <string.h>
#include <errno.h>

#ifdef _WIN64
#define WL_IS64 1
#else
#define WL_IS64 0
#endif

#define ZONE 24
static unsigned char st[4][ZONE];
static HMODULE msvcrt;
static int (__cdecl *p_swscanf)(const wchar_t *, const wchar_t *, ...);
static int (__cdecl *p__snscanf)(const char *, size_t, const char *, ...);
static int (__cdecl *p__snwscanf)(const wchar_t *, size_t, const wchar_t *, ...);
static int (__cdecl *p_sscanf_s)(const char *, const char *, ...);
static int (__cdecl *p_swscanf_s)(const wchar_t *, const wchar_t *, ...);
static FILE *(__cdecl *p_fopen)(const char *, const char *);
static int (__cdecl *p_fclose)(FILE *);
static int (__cdecl *p_fscanf)(FILE *, const char *, ...);
static int (__cdecl *p_fwscanf)(FILE *, const wchar_t *, ...);
static int (__cdecl *p_fputs)(const char *, FILE *);
static int (__cdecl *p_fgetc)(FILE *);

static void reset(void) { memset(st, 0x5a, sizeof st); }

static void tohex(char *out, int nargs)
{
    static const char hx[] = "0123456789abcdef";
    int i, k = 0;
    for (i = 0; i < nargs * ZONE; i++) {
        unsigned char b = st[i / ZONE][i % ZONE];
        out[k++] = hx[b >> 4]; out[k++] = hx[b & 15];
    }
    out[k] = 0;
}

static void schk(int line, int ret, const char *hex, int r, int nargs, const char *fmt)
{
    char got[4 * ZONE * 2 + 1];
    tohex(got, nargs);
#ifdef WL_DUMP
    wl_out("R %d %s\r\n", r, got);
#else
    ok(r == ret && !strcmp(got, hex), "line %d: scanf \"%s\" returned %d (expected %d), stored %s, expected %s\n",
       line, fmt, r, ret, got, hex);
#endif
}

#define S(ret, h32, h64, n, in, fmt) (reset(), \
    schk(__LINE__, ret, WL_IS64 ? (h64) : (h32), sscanf(in, fmt, st[0], st[1], st[2], st[3]), n, fmt))
#define WS(ret, h32, h64, n, in, fmt) (reset(), \
    schk(__LINE__, ret, WL_IS64 ? (h64) : (h32), p_swscanf(in, fmt, st[0], st[1], st[2], st[3]), n, "(wide)"))

/* 131 sscanf cases */
static void test_sscanf_table(void)
{
    S(1, "2a0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "2a0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "42", "%d");
    S(1, "d6ffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "d6ffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "  -42", "%d");
    S(1, "070000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "070000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "+7", "%d");
    S(1, "ffffff7f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ffffff7f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "2147483647", "%d");
    S(1, "000000805a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000000805a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "2147483648", "%d");
    S(1, "ffffff7f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ffffff7f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "-2147483649", "%d");
    S(1, "ffe776485a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ffe776485a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "99999999999", "%d");
    S(1, "0c0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "0c0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "12abc", "%d");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "abc", "%d");
    S(-1, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "", "%d");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "   ", "%d");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "-", "%d");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "+", "%d");
    S(1, "000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "0x1f", "%d");
    S(1, "1f0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "1f0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "0x1f", "%x");
    S(1, "1f0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "1f0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "1F", "%X");
    S(1, "1f0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "1f0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "0X1f", "%i");
    S(1, "0f0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "0f0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "017", "%i");
    S(1, "f1ffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "f1ffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "-017", "%i");
    S(1, "000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "08", "%i");
    S(1, "f0ffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "f0ffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "-0x10", "%i");
    S(1, "ff0100005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ff0100005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "777", "%o");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "8", "%o");
    S(1, "ffffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ffffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "-1", "%u");
    S(1, "ffffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ffffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "4294967295", "%u");
    S(1, "fbffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "fbffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "-5", "%x");
    S(1, "ffffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ffffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "ffffffff", "%x");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "0x", "%x");
    S(1, "000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "0", "%x");
    S(2, "7b0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a2d0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "7b0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a2d0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "12345", "%3d%d");
    S(2, "f4ffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a590100005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "f4ffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a590100005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "-12345", "%3d%d");
    S(2, "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a230000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a230000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "0x123", "%3x%x");
    S(1, "70115a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "70115a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "70000", "%hd");
    S(1, "ffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "-1", "%hu");
    S(1, "2c0100005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "2c0100005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "300", "%hhd");
    S(1, "141a99be1c0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "141a99be1c0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "123456789012", "%lld");
    S(1, "00000000000000805a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "00000000000000805a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "-9223372036854775808", "%I64d");
    S(1, "ffffffffffffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ffffffffffffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "18446744073709551615", "%I64u");
    S(1, "d20400005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "d20400005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "1234", "%ld");
    S(1, "141a99be5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "141a99be5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "123456789012", "%I32d");
    S(1, "ff000000000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ff000000000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "ff", "%I64x");
    S(1, "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "05000000000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "5", "%Id");
    S(1, "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "05000000000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "5", "%zd");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "5", "%jd");
    S(1, "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "5", "%Lx");
    S(3, "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a030000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a030000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 3, "1 2 3", "%d %d %d");
    S(2, "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "1,2", "%d,%d");
    S(1, "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "1 ,2", "%d,%d");
    S(2, "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "1, 2", "%d,%d");
    S(2, "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "1 , 2", "%d , %d");
    S(1, "140000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "140000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "10 20", "%*d %d");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "7", "%*d");
    S(1, "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "x5", "x%d");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "y5", "x%d");
    S(1, "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "%5", "%%%d");
    S(1, "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "5", "%5d");
    S(1, "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "  12", "%1d");
    S(2, "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "1\x09\x0a""2", "%d%d");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "abc", "%1d");
    S(1, "0c0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "0c0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "12", "%0d");
    S(1, "000060405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000060405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "3.5", "%f");
    S(1, "0000000000000c405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "0000000000000c405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "3.5", "%lf");
    S(1, "0000fac25a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "0000fac25a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "-1.25e2", "%f");
    S(1, "fca9f1d24d62503f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "fca9f1d24d62503f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "1e-3", "%lf");
    S(1, "cdcccc3d5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "cdcccc3d5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "0.1", "%f");
    S(1, "9a9999999999b93f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "9a9999999999b93f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "0.1", "%lf");
    S(1, "000000000000e03f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000000000000e03f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, ".5", "%lf");
    S(1, "00000000000014405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "00000000000014405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "5.", "%lf");
    S(-1, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "1e", "%lf");
    S(-1, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "1e+", "%lf");
    S(-1, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "-.e1", "%lf");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "inf", "%lf");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "nan", "%lf");
    S(1, "00000000000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "00000000000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "0x1p4", "%lf");
    S(1, "000000000000f07f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000000000000f07f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "1.5e400", "%lf");
    S(1, "0000000000c05e405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "0000000000c05e405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "123.456", "%4lf%lf");
    S(1, "000020405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000020405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "2.5", "%e");
    S(1, "000020405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000020405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "2.5", "%g");
    S(1, "000020405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000020405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "2.5", "%E");
    S(1, "000020405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000020405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "2.5", "%G");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "2.5", "%a");
    S(1, "00000000000004405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "00000000000004405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "2.5", "%Lf");
    S(1, "ffffffffffffef7f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ffffffffffffef7f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "1.7976931348623157e308", "%lf");
    S(1, "01000000000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "01000000000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "4.9e-324", "%lf");
    S(1, "756b7e54346f9d415a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "756b7e54346f9d415a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "123456789.123456789", "%lf");
    S(1, "0000803e5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "0000803e5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "+.25", "%f");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "abc", "%f");
    S(1, "112d4454fb2109405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "112d4454fb2109405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "3.14159265358979", "%lf");
    S(1, "000000000000f03f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000000000000f03f5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "1,5", "%lf");
    S(1, "68656c6c6f005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "68656c6c6f005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "hello world", "%s");
    S(1, "68656c6c6f005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "68656c6c6f005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "  hello", "%s");
    S(2, "68656c6c6f005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a776f726c64005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "68656c6c6f005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a776f726c64005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "hello world", "%s %s");
    S(1, "616263005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "616263005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "abcdef", "%3s");
    S(2, "616263005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a646566005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "616263005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a646566005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "abcdef", "%3s%s");
    S(1, "615a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "615a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "ab", "%c");
    S(1, "205a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "205a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, " ab", "%c");
    S(1, "6162635a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "6162635a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "abcd", "%3c");
    S(1, "61625a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "61625a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "ab", "%3c");
    S(3, "615a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a205a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a625a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "615a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a205a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a625a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 3, "a b", "%c%c%c");
    S(2, "615a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a625a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "615a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a625a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "a b", "%c %c");
    S(1, "68656c6c6f005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "68656c6c6f005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "hello", "%[a-z]");
    S(2, "68656c6c6f005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a7b0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "68656c6c6f005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a7b0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "hello123", "%[a-z]%d");
    S(1, "6162635d005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "6162635d005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "abc]def", "%[]a-c]");
    S(1, "313233005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "313233005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "123abc", "%[^a-z]");
    S(1, "68656c6c6f20776f726c64005a5a5a5a5a5a5a5a5a5a5a5a", "68656c6c6f20776f726c64005a5a5a5a5a5a5a5a5a5a5a5a", 1, "hello world", "%[^\x0a]");
    S(1, "612d005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "612d005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "a-b", "%[a-]");
    S(1, "7a7978005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "7a7978005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "zyx", "%[z-x]");
    S(0, "005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "ABC", "%[a-z]");
    S(1, "616263005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "616263005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "abcdef", "%3[a-z]");
    S(0, "005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "x", "%[^x]");
    S(1, "7468657265005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "7468657265005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "hi there", "%*s %s");
    S(1, "770069006400650000005a5a5a5a5a5a5a5a5a5a5a5a5a5a", "770069006400650000005a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "wide", "%S");
    S(1, "770069006400650000005a5a5a5a5a5a5a5a5a5a5a5a5a5a", "770069006400650000005a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "wide", "%ls");
    S(1, "61005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "61005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "ab", "%C");
    S(1, "e974e9005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "e974e9005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "\xe9t\xe9", "%s");
    S(1, "616263005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "616263005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "abc", "%hs");
    S(1, "7b0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a030000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "7b0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a030000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "123 456", "%d%n");
    S(1, "7b0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a040000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "7b0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a040000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "123 456", "%d %n");
    S(0, "030000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "030000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "abc", "abc%n");
    S(1, "000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a2a0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a2a0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "  42", "%n%d");
    S(1, "0c0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "0c0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 3, "12", "%d%n%d");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "abc", "abc");
    S(-1, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "", "abc");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "abd", "abc%d");
    S(1, "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "5 x", "%d %d");
    S(1, "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "050000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "5", "%d %d");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, " ", " ");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "", "");
    S(1, "120000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "12000000000000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, "12", "%p");
    S(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "x", "%d%s");
    S(1, "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "010000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, "1 2", "%d%*d%d");
}

/* 17 swscanf cases */
static void test_swscanf_table(void)
{
    WS(1, "2a0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "2a0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"42", L"%d");
    WS(2, "efffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a780000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "efffffff5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a780000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, L"-17 x", L"%d %s");
    WS(1, "770069006400650000005a5a5a5a5a5a5a5a5a5a5a5a5a5a", "770069006400650000005a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"wide", L"%s");
    WS(1, "6e6172726f77005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "6e6172726f77005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"narrow", L"%S");
    WS(1, "6e6172726f77005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "6e6172726f77005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"narrow", L"%hs");
    WS(1, "61005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "61005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"ab", L"%c");
    WS(1, "615a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "615a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"ab", L"%C");
    WS(1, "0000000000000a405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "0000000000000a405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"3.25", L"%lf");
    WS(1, "000050405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "000050405a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"3.25", L"%f");
    WS(1, "ff0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "ff0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"ff", L"%x");
    WS(2, "61006200630000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a7b0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "61006200630000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a7b0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, L"abc123", L"%[a-z]%d");
    WS(1, "3a263b2600005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "3a263b2600005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"\x263a\x263b", L"%s");
    WS(1, "3a265a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "3a265a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"\x263a", L"%c");
    WS(-1, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"", L"%d");
    WS(0, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"x", L"%d");
    WS(1, "0c0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "0c0000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a020000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 2, L"12", L"%d%n");
    WS(1, "080000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "080000005a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 1, L"7 8", L"%*d%d");
}

static void test_other_entry_points(void)
{
    int a = 0, b = 0, r;
    char s1[8], s2[4];
    wchar_t w1[8];

    r = p__snscanf("123456", 3, "%d", &a);
    ok(r == 1 && a == 123, "_snscanf: got %d %d\n", r, a);
    a = -1;
    r = p__snscanf("12 34", 2, "%d %d", &a, &b);
    ok(r == 1 && a == 12, "_snscanf stops at its length: got %d %d\n", r, a);
    r = p__snscanf("", 0, "%d", &a);
    ok(r == -1, "_snscanf empty: got %d\n", r);
    r = p__snwscanf(L"77 x", 2, L"%d", &a);
    ok(r == 1 && a == 77, "_snwscanf: got %d %d\n", r, a);

    memset(s1, 0x5a, sizeof s1);
    r = p_sscanf_s("hello x", "%s %c", s1, (unsigned)sizeof s1, s2, (unsigned)1);
    ok(r == 2 && !strcmp(s1, "hello") && s2[0] == 'x', "sscanf_s: got %d %s %c\n", r, s1, s2[0]);
    memset(s1, 0x5a, sizeof s1);
    r = p_sscanf_s("toolongword", "%s", s1, (unsigned)sizeof s1);
    ok(r == 0 && s1[0] == 0, "sscanf_s too long: got %d %d\n", r, s1[0]);
    r = p_sscanf_s("42", "%d", &a);
    ok(r == 1 && a == 42, "sscanf_s int: got %d %d\n", r, a);
    memset(w1, 0x5a, sizeof w1);
    r = p_swscanf_s(L"wide", L"%s", w1, (unsigned)8);
    ok(r == 1 && w1[0] == 'w' && w1[3] == 'e' && w1[4] == 0, "swscanf_s: got %d\n", r);
}

static void test_fscanf(void)
{
    char path[MAX_PATH], word[16];
    FILE *f;
    int a = 0, b = 0, r, c;
    double d = 0;

    if (!p_fopen || !p_fscanf || !p_fputs) { skip("fopen not available\n"); return; }
    GetTempPathA(sizeof(path) - 20, path);
    strcat(path, "wl_scanf.tmp");
    f = p_fopen(path, "w");
    ok(f != NULL, "fopen failed\n");
    if (!f) return;
    p_fputs("12 34\n2.5 word\nx", f);
    p_fclose(f);
    f = p_fopen(path, "r");
    r = p_fscanf(f, "%d %d", &a, &b);
    ok(r == 2 && a == 12 && b == 34, "fscanf: got %d %d %d\n", r, a, b);
    r = p_fscanf(f, "%lf %15s", &d, word);
    ok(r == 2 && d == 2.5 && !strcmp(word, "word"), "fscanf: got %d %s\n", r, word);
    r = p_fscanf(f, "%d", &a);
    ok(r == 0, "fscanf mismatch: got %d\n", r);
    c = p_fgetc(f);
    ok(c == 'x', "the mismatching character is pushed back: got %d\n", c);
    r = p_fscanf(f, "%d", &a);
    ok(r == -1, "fscanf at end of file: got %d\n", r);
    p_fclose(f);
    DeleteFileA(path);
}

int main(void)
{
    msvcrt = GetModuleHandleA("msvcrt.dll");
#define GET(name) p_##name = (void *)GetProcAddress(msvcrt, #name)
    GET(swscanf); GET(_snscanf); GET(_snwscanf); GET(sscanf_s); GET(swscanf_s); GET(fopen); GET(fclose);
    GET(fscanf); GET(fwscanf); GET(fputs); GET(fgetc);
    test_sscanf_table();
    test_swscanf_table();
#ifndef WL_DUMP
    test_other_entry_points();
    test_fscanf();
#endif
    return wl_summary();
}
