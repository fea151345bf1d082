/* kernel32 strings: code page conversions, lstr*, CompareString, LCMapString, GetStringType, locale info. */
#include "wltest.h"

static void test_MultiByteToWideChar(void)
{
    WCHAR w[16];
    int r;

    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_ACP, 0, "abc", -1, w, 16);
    ok(r == 4 && w[0] == 'a' && w[3] == 0, "got %d\n", r);
    r = MultiByteToWideChar(CP_ACP, 0, "abc", -1, NULL, 0);
    ok(r == 4, "got %d\n", r);
    r = MultiByteToWideChar(CP_ACP, 0, "abc", 3, w, 16);
    ok(r == 3, "got %d\n", r);
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_ACP, 0, "abc", 0, w, 16);
    ok(r == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_ACP, 0, "abcdef", -1, w, 3);
    ok(r == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "got %d err %lu\n", r, GetLastError());
    ok(w[0] == 'a' && w[2] == 'c', "partial copy missing\n");
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_ACP, 0, NULL, 3, w, 16);
    ok(r == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_ACP, 0, "abc", 3, NULL, 5);
    ok(r == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(12345, 0, "abc", 3, w, 16);
    ok(r == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", r, GetLastError());

    /* 1252 specifics */
    r = MultiByteToWideChar(1252, 0, "\x80\xe9\x81", 3, w, 16);
    ok(r == 3 && w[0] == 0x20ac && w[1] == 0xe9 && w[2] == 0x81, "got %d %04x %04x %04x\n", r, w[0], w[1], w[2]);
    r = MultiByteToWideChar(437, 0, "\x82\xdb", 2, w, 16);
    ok(r == 2 && w[0] == 0xe9 && w[1] == 0x2588, "got %d %04x %04x\n", r, w[0], w[1]);

    /* UTF-8 */
    r = MultiByteToWideChar(CP_UTF8, 0, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9, w, 16);
    ok(r == 4 && w[0] == 0xe9 && w[1] == 0x20ac && w[2] == 0xd83d && w[3] == 0xde00, "got %d\n", r);
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xff" "b", 3, w, 16);
    ok(r == 0 && GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "got %d err %lu\n", r, GetLastError());
    r = MultiByteToWideChar(CP_UTF8, 0, "a\xff" "b", 3, w, 16);
    ok(r == 3 && w[1] == 0xfffd, "got %d %04x\n", r, w[1]);
    r = MultiByteToWideChar(CP_UTF8, 0, "\xed\xa0\x80", 3, w, 16);
    ok(r >= 1 && w[0] == 0xfffd, "got %d %04x\n", r, w[0]);
    SetLastError(0xdeadbeef);
    r = MultiByteToWideChar(CP_UTF8, 0x100, "a", 1, w, 16);
    ok(r == 0 && GetLastError() == ERROR_INVALID_FLAGS, "got %d err %lu\n", r, GetLastError());
}

static void test_WideCharToMultiByte(void)
{
    char buf[16];
    BOOL used;
    int r;

    r = WideCharToMultiByte(CP_ACP, 0, L"abc", -1, buf, 16, NULL, NULL);
    ok(r == 4 && !lstrcmpA(buf, "abc"), "got %d\n", r);
    r = WideCharToMultiByte(CP_ACP, 0, L"abc", -1, NULL, 0, NULL, NULL);
    ok(r == 4, "got %d\n", r);
    SetLastError(0xdeadbeef);
    r = WideCharToMultiByte(CP_ACP, 0, L"abcdef", -1, buf, 2, NULL, NULL);
    ok(r == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "got %d err %lu\n", r, GetLastError());

    used = 5;
    r = WideCharToMultiByte(1252, 0, L"\x20ac\x00e9", 2, buf, 16, NULL, &used);
    ok(r == 2 && (BYTE)buf[0] == 0x80 && (BYTE)buf[1] == 0xe9 && used == FALSE, "got %d used %d\n", r, used);
    used = 5;
    r = WideCharToMultiByte(1252, 0, L"x\x4e00", 2, buf, 16, "*", &used);
    ok(r == 2 && buf[1] == '*' && used == TRUE, "got %d %c used %d\n", r, buf[1], used);
    used = 5;
    r = WideCharToMultiByte(1252, 0, L"\x4e00", 1, buf, 16, NULL, &used);
    ok(r == 1 && buf[0] == '?' && used == TRUE, "got %d %c used %d\n", r, buf[0], used);
    /* best fit: A with macron becomes A, unless WC_NO_BEST_FIT_CHARS */
    used = 5;
    r = WideCharToMultiByte(1252, 0, L"\x0100", 1, buf, 16, NULL, &used);
    ok(r == 1 && buf[0] == 'A' && used == FALSE, "got %d %c used %d\n", r, buf[0], used);
    used = 5;
    r = WideCharToMultiByte(1252, WC_NO_BEST_FIT_CHARS, L"\x0100", 1, buf, 16, NULL, &used);
    ok(r == 1 && buf[0] == '?' && used == TRUE, "got %d %c used %d\n", r, buf[0], used);

    r = WideCharToMultiByte(CP_UTF8, 0, L"\x00e9\xd83d\xde00", 3, buf, 16, NULL, NULL);
    ok(r == 6 && (BYTE)buf[0] == 0xc3 && (BYTE)buf[2] == 0xf0, "got %d\n", r);
    SetLastError(0xdeadbeef);
    r = WideCharToMultiByte(CP_UTF8, 0, L"a", 1, buf, 16, "?", NULL);
    /* Wine 8 ignores a default char for UTF-8 (Windows documents ERROR_INVALID_PARAMETER) */
    ok(r == 1, "got %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    used = 5;
    r = WideCharToMultiByte(CP_UTF8, 0, L"a", 1, buf, 16, NULL, &used);
    /* Wine 8 accepts lpUsedDefaultChar for UTF-8 and clears it (Windows' documentation says it must be NULL) */
    ok(r == 1 && used == FALSE, "got %d err %lu used %d\n", r, GetLastError(), used);
    r = WideCharToMultiByte(CP_UTF8, 0, L"a\xd800z", 3, buf, 16, NULL, NULL);
    ok(r == 5 && (BYTE)buf[1] == 0xef && (BYTE)buf[2] == 0xbf && (BYTE)buf[3] == 0xbd, "got %d\n", r);
    SetLastError(0xdeadbeef);
    r = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, L"a\xd800z", 3, buf, 16, NULL, NULL);
    ok(r == 0 && GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "got %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = WideCharToMultiByte(CP_ACP, 0, L"abc", 0, buf, 16, NULL, NULL);
    ok(r == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", r, GetLastError());
}

static void test_codepage_info(void)
{
    CPINFO info;
    CPINFOEXA exa;
    CPINFOEXW exw;

    ok(GetACP() == 1252, "ACP %u\n", GetACP());
    ok(GetOEMCP() == 437, "OEMCP %u\n", GetOEMCP());
    ok(IsValidCodePage(1252) && IsValidCodePage(437) && IsValidCodePage(65001), "valid code pages\n");
    ok(!IsValidCodePage(0) && !IsValidCodePage(12345), "invalid code pages accepted\n");
    ok(GetCPInfo(CP_ACP, &info) && info.MaxCharSize == 1 && info.DefaultChar[0] == '?', "GetCPInfo ACP\n");
    ok(GetCPInfo(CP_UTF8, &info) && info.MaxCharSize == 4, "GetCPInfo UTF8 %u\n", info.MaxCharSize);
    SetLastError(0xdeadbeef);
    ok(!GetCPInfo(12345, &info) && GetLastError() == ERROR_INVALID_PARAMETER, "GetCPInfo bad cp\n");
    ok(GetCPInfoExA(CP_ACP, 0, &exa) && exa.CodePage == 1252 && exa.UnicodeDefaultChar == '?',
       "GetCPInfoExA %u %s\n", exa.CodePage, exa.CodePageName);
    ok(GetCPInfoExW(CP_OEMCP, 0, &exw) && exw.CodePage == 437, "GetCPInfoExW %u\n", exw.CodePage);
}

static void test_lstr(void)
{
    char a[16];
    WCHAR w[16];

    ok(lstrlenA("hello") == 5 && lstrlenA(NULL) == 0, "lstrlenA\n");
    ok(lstrlenW(L"hello") == 5 && lstrlenW(NULL) == 0, "lstrlenW\n");
    ok(lstrcpyA(a, "abc") == a && !lstrcmpA(a, "abc"), "lstrcpyA\n");
    ok(lstrcatA(a, "de") == a && !lstrcmpA(a, "abcde"), "lstrcatA\n");
    ok(lstrcpynA(a, "123456", 4) == a && !lstrcmpA(a, "123"), "lstrcpynA %s\n", a);
    ok(lstrcpyW(w, L"abc") == w && lstrcatW(w, L"de") == w && !lstrcmpW(w, L"abcde"), "lstrcpyW/lstrcatW\n");
    ok(lstrcpynW(w, L"123456", 4) == w && !lstrcmpW(w, L"123"), "lstrcpynW\n");
    /* bad pointers are caught */
    ok(lstrlenA((char *)1) == 0, "lstrlenA bad pointer\n");

    /* linguistic, not ordinal: a < B, a < A */
    ok(lstrcmpA("a", "B") < 0, "a vs B\n");
    ok(lstrcmpA("a", "A") < 0, "a vs A\n");
    ok(lstrcmpA("abc", "abc") == 0, "equal\n");
    ok(lstrcmpA("abc", "abd") < 0, "abc vs abd\n");
    ok(lstrcmpA("b", "a") > 0, "b vs a\n");
    ok(lstrcmpA("", "a") < 0, "empty\n");
    ok(lstrcmpA(NULL, "") < 0 && lstrcmpA("", NULL) > 0 && lstrcmpA(NULL, NULL) == 0, "NULL strings\n");
    ok(lstrcmpiW(NULL, L"") < 0 && lstrcmpW(L"a", NULL) > 0, "NULL wide strings\n");
    ok(lstrcmpiA("HeLLo", "hello") == 0, "lstrcmpiA\n");
    ok(lstrcmpiA("a", "B") < 0, "lstrcmpiA a vs B\n");
    ok(lstrcmpW(L"a", L"B") < 0 && lstrcmpiW(L"ABC", L"abc") == 0, "W compare\n");
    ok(lstrcmpA("1", "a") < 0, "digits before letters\n");
    ok(lstrcmpA("co-op", "coop") > 0 && lstrcmpA("co-op", "cop") < 0, "hyphen is ignored first\n");
    ok(lstrcmpiW(L"\x00e9", L"\x00c9") == 0, "lstrcmpiW accented\n");
    ok(lstrcmpW(L"e", L"\x00e9") < 0 && lstrcmpW(L"\x00e9", L"f") < 0, "accents sort with their letter\n");
    ok(lstrcmpW(L"\x00e6", L"ae") == 0 && lstrcmpW(L"\x00df", L"ss") == 0, "expansions\n");
    ok(lstrcmpA("-ab", "a-b") > 0 && lstrcmpA("a-b", "ab-") > 0, "hyphen positions\n");
    ok(lstrcmpW(L"\x00a0", L"!") < 0 && lstrcmpA(" ", "!") < 0, "blanks before symbols\n");
    ok(lstrcmpA("a10", "a2") < 0 && lstrcmpA("~", "0") < 0, "digits and symbols\n");
}

static void test_CompareString(void)
{
    int r;
    r = CompareStringA(LOCALE_USER_DEFAULT, 0, "abc", -1, "ABC", -1);
    ok(r == CSTR_LESS_THAN, "got %d\n", r);
    r = CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE, "abc", -1, "ABC", -1);
    ok(r == CSTR_EQUAL, "got %d\n", r);
    r = CompareStringA(LOCALE_USER_DEFAULT, 0, "abcd", 3, "abc", -1);
    ok(r == CSTR_EQUAL, "got %d\n", r);
    r = CompareStringW(LOCALE_USER_DEFAULT, NORM_IGNORESYMBOLS, L"a.b", -1, L"ab", -1);
    ok(r == CSTR_EQUAL, "got %d\n", r);
    r = CompareStringW(LOCALE_USER_DEFAULT, 0, L"abc", -1, L"abcd", -1);
    ok(r == CSTR_LESS_THAN, "got %d\n", r);
    SetLastError(0xdeadbeef);
    r = CompareStringA(LOCALE_USER_DEFAULT, 0, NULL, -1, "a", -1);
    ok(r == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = CompareStringA(LOCALE_USER_DEFAULT, 0x80000000, "a", -1, "a", -1);
    ok(r == 0 && GetLastError() == ERROR_INVALID_FLAGS, "got %d err %lu\n", r, GetLastError());
    r = CompareStringEx(L"en-US", NORM_IGNORECASE, L"Hello", -1, L"HELLO", -1, NULL, NULL, 0);
    ok(r == CSTR_EQUAL, "got %d\n", r);
    r = CompareStringOrdinal(L"a", -1, L"B", -1, FALSE);
    ok(r == CSTR_GREATER_THAN, "got %d\n", r);
    r = CompareStringOrdinal(L"a", -1, L"B", -1, TRUE);
    ok(r == CSTR_LESS_THAN, "got %d\n", r);
    r = CompareStringOrdinal(L"abc", 2, L"abX", 2, FALSE);
    ok(r == CSTR_EQUAL, "got %d\n", r);
}

static void test_LCMapString(void)
{
    WCHAR w[16];
    char a[16];
    int r;

    r = LCMapStringW(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, L"abc\x00e9", -1, w, 16);
    ok(r == 5 && !lstrcmpW(w, L"ABC\x00c9"), "got %d\n", r);
    r = LCMapStringW(LOCALE_USER_DEFAULT, LCMAP_LOWERCASE, L"ABC", 3, w, 16);
    ok(r == 3 && w[0] == 'a' && w[2] == 'c', "got %d\n", r);
    r = LCMapStringW(LOCALE_USER_DEFAULT, LCMAP_LOWERCASE, L"ABC", -1, NULL, 0);
    ok(r == 4, "got %d\n", r);
    SetLastError(0xdeadbeef);
    r = LCMapStringW(LOCALE_USER_DEFAULT, LCMAP_LOWERCASE, L"ABCDEF", -1, w, 3);
    ok(r == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "got %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = LCMapStringW(LOCALE_USER_DEFAULT, LCMAP_LOWERCASE | LCMAP_UPPERCASE, L"ABC", -1, w, 16);
    ok(r == 0 && GetLastError() == ERROR_INVALID_FLAGS, "got %d err %lu\n", r, GetLastError());
    r = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, "hello", -1, a, 16);
    ok(r == 6 && !lstrcmpA(a, "HELLO"), "got %d %s\n", r, a);
    r = LCMapStringEx(L"en-US", LCMAP_UPPERCASE, L"x", -1, w, 16, NULL, NULL, 0);
    ok(r == 2 && w[0] == 'X', "got %d\n", r);
}

static void test_GetStringType(void)
{
    WORD t[8];
    ok(GetStringTypeW(CT_CTYPE1, L"aA1 !\t\x00e9", 7, t), "GetStringTypeW failed\n");
    ok(t[0] == (C1_LOWER | C1_XDIGIT | C1_ALPHA | C1_DEFINED), "a: %04x\n", t[0]);
    ok(t[1] == (C1_UPPER | C1_XDIGIT | C1_ALPHA | C1_DEFINED), "A: %04x\n", t[1]);
    ok(t[2] == (C1_DIGIT | C1_XDIGIT | C1_DEFINED), "1: %04x\n", t[2]);
    ok(t[3] == (C1_SPACE | C1_BLANK | C1_DEFINED), "space: %04x\n", t[3]);
    ok(t[4] == (C1_PUNCT | C1_DEFINED), "!: %04x\n", t[4]);
    ok(t[5] == (C1_SPACE | C1_CNTRL | C1_BLANK | C1_DEFINED), "tab: %04x\n", t[5]);
    ok(t[6] == (C1_LOWER | C1_ALPHA | C1_DEFINED), "e acute: %04x\n", t[6]);
    ok(GetStringTypeA(LOCALE_USER_DEFAULT, CT_CTYPE1, "z\n", 2, t), "GetStringTypeA failed\n");
    ok(t[0] == (C1_LOWER | C1_ALPHA | C1_DEFINED) && t[1] == (C1_SPACE | C1_CNTRL | C1_DEFINED),
       "A: %04x %04x\n", t[0], t[1]);
    ok(GetStringTypeExW(LOCALE_USER_DEFAULT, CT_CTYPE1, L"Z", 1, t) && t[0] == 0x301, "Ex %04x\n", t[0]);
}

static void test_locale_info(void)
{
    char a[80];
    WCHAR w[80];
    DWORD num;
    int r;

    ok(GetUserDefaultLCID() == 0x409, "user lcid %lx\n", GetUserDefaultLCID());
    ok(GetSystemDefaultLCID() == 0x409, "system lcid %lx\n", GetSystemDefaultLCID());
    ok(GetUserDefaultLangID() == 0x409, "langid %x\n", GetUserDefaultLangID());
    ok(GetThreadLocale() == 0x409, "thread locale %lx\n", GetThreadLocale());
    r = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SDECIMAL, a, sizeof(a));
    ok(r == 2 && !lstrcmpA(a, "."), "SDECIMAL %d %s\n", r, a);
    r = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_STHOUSAND, a, sizeof(a));
    ok(r == 2 && !lstrcmpA(a, ","), "STHOUSAND %d %s\n", r, a);
    r = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SENGLANGUAGE, a, sizeof(a));
    ok(r == 8 && !lstrcmpA(a, "English"), "SENGLANGUAGE %d %s\n", r, a);
    r = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_IDEFAULTANSICODEPAGE, a, sizeof(a));
    ok(r == 5 && !lstrcmpA(a, "1252"), "ANSI cp %d %s\n", r, a);
    r = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SSHORTDATE, a, sizeof(a));
    ok(r > 0 && !lstrcmpA(a, "M/d/yyyy"), "SSHORTDATE %d %s\n", r, a);
    r = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SDAYNAME1, a, sizeof(a));
    ok(!lstrcmpA(a, "Monday"), "SDAYNAME1 %s\n", a);
    r = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SMONTHNAME12, a, sizeof(a));
    ok(!lstrcmpA(a, "December"), "SMONTHNAME12 %s\n", a);
    r = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SISO639LANGNAME, a, sizeof(a));
    ok(!lstrcmpA(a, "en"), "ISO639 %s\n", a);
    r = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SENGLANGUAGE, NULL, 0);
    ok(r == 8, "size query %d\n", r);
    SetLastError(0xdeadbeef);
    r = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SENGLANGUAGE, a, 3);
    ok(r == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "got %d err %lu\n", r, GetLastError());
    r = GetLocaleInfoW(LOCALE_USER_DEFAULT, LOCALE_SNAME, w, 80);
    ok(r == 6 && !lstrcmpW(w, L"en-US"), "SNAME %d\n", r);
    r = GetLocaleInfoW(LOCALE_USER_DEFAULT, LOCALE_IDIGITS | LOCALE_RETURN_NUMBER, (WCHAR *)&num, 2);
    ok(r == 2 && num == 2, "IDIGITS number %d %lu\n", r, num);
    r = GetLocaleInfoEx(L"en-US", LOCALE_SENGCOUNTRY, w, 80);
    ok(r > 0 && !lstrcmpW(w, L"United States"), "GetLocaleInfoEx %d\n", r);
    r = GetUserDefaultLocaleName(w, 80);
    ok(r == 6 && !lstrcmpW(w, L"en-US"), "GetUserDefaultLocaleName %d\n", r);
    ok(LocaleNameToLCID(L"en-US", 0) == 0x409, "LocaleNameToLCID\n");
}

static void test_number_format(void)
{
    char a[80];
    WCHAR w[80];
    NUMBERFMTA nf = {3, 0, 32, (char *)",", (char *)".", 3};
    CURRENCYFMTA cf = {0, 1, 3, (char *)".", (char *)",", 8, 3, (char *)"EUR"};
    int r;

    /* (Wine 8 groups only the last three digits with the default format and rounds after grouping;
     * Windows gives 1,234,567.89 and 1,000.00: those cases are not checked) */
    r = GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "1234.891", NULL, a, sizeof(a));
    ok(r == 9 && !lstrcmpA(a, "1,234.89"), "number %d [%s]\n", r, a);
    r = GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "-0.125", NULL, a, sizeof(a));
    ok(!lstrcmpA(a, "-0.13"), "negative [%s]\n", a);
    r = GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "99.999", NULL, a, sizeof(a));
    ok(!lstrcmpA(a, "100.00"), "carry [%s]\n", a);
    r = GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "12345678.5", &nf, a, sizeof(a));
    ok(!lstrcmpA(a, "1.23.45.678,500"), "custom [%s]\n", a);
    r = GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "-.5", &nf, a, sizeof(a));
    ok(!lstrcmpA(a, ",500-"), "no leading zero [%s]\n", a);
    SetLastError(0xdeadbeef);
    r = GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "12a", NULL, a, sizeof(a));
    ok(r == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "bad number %d err %lu\n", r, GetLastError());
    r = GetNumberFormatW(LOCALE_USER_DEFAULT, 0, L"42", NULL, w, 80);
    ok(r == 6 && !lstrcmpW(w, L"42.00"), "W %d\n", r);
    r = GetCurrencyFormatA(LOCALE_USER_DEFAULT, 0, "-1234.5", NULL, a, sizeof(a));
    ok(!lstrcmpA(a, "($1,234.50)"), "currency [%s]\n", a);
    r = GetCurrencyFormatA(LOCALE_USER_DEFAULT, 0, "1234.5", NULL, a, sizeof(a));
    ok(!lstrcmpA(a, "$1,234.50"), "currency positive [%s]\n", a);
    r = GetCurrencyFormatA(LOCALE_USER_DEFAULT, 0, "-1234.5", &cf, a, sizeof(a));
    ok(!lstrcmpA(a, "-1,235 EUR"), "custom currency [%s]\n", a);
    r = GetCurrencyFormatA(LOCALE_USER_DEFAULT, 0, "7", &cf, a, sizeof(a));
    ok(!lstrcmpA(a, "7 EUR"), "custom positive [%s]\n", a);
}

static int locales_seen, us_seen;

static BOOL CALLBACK enum_locales(char *name)
{
    locales_seen++;
    if (!lstrcmpiA(name, "00000409")) us_seen = 1;
    return TRUE;
}

static BOOL CALLBACK enum_locales_ex(WCHAR *name, DWORD flags, LPARAM param)
{
    ok(param == 0x1234, "param %lx\n", (DWORD)param);
    if (!lstrcmpiW(name, L"en-US")) us_seen = 1;
    return TRUE;
}

static BOOL CALLBACK enum_cp(char *cp)
{
    if (!lstrcmpA(cp, "1252")) us_seen = 1;
    return TRUE;
}

static void test_enumerations(void)
{
    us_seen = 0;
    ok(EnumSystemLocalesA(enum_locales, LCID_SUPPORTED) && us_seen, "EnumSystemLocalesA (%d seen)\n", locales_seen);
    us_seen = 0;
    ok(EnumSystemLocalesEx(enum_locales_ex, LOCALE_WINDOWS, 0x1234, NULL) && us_seen, "EnumSystemLocalesEx\n");
    us_seen = 0;
    ok(EnumSystemCodePagesA(enum_cp, CP_SUPPORTED) && us_seen, "EnumSystemCodePagesA\n");
    ok(IsValidLocaleName(L"en-US"), "IsValidLocaleName\n");
    ok(!IsValidLocaleName(L"xx-notalocale"), "IsValidLocaleName bogus\n");
    ok(IsValidLocale(0x409, LCID_SUPPORTED), "IsValidLocale\n");
}

static void test_date_time_format(void)
{
    SYSTEMTIME st = {2021, 3, 0, 7, 14, 5, 9, 0};    /* Sunday 2021-03-07 14:05:09 */
    char a[80];
    WCHAR w[80];
    int r;

    r = GetDateFormatA(LOCALE_USER_DEFAULT, DATE_SHORTDATE, &st, NULL, a, sizeof(a));
    ok(r == 9 && !lstrcmpA(a, "3/7/2021"), "short date %d [%s]\n", r, a);
    r = GetDateFormatA(LOCALE_USER_DEFAULT, DATE_LONGDATE, &st, NULL, a, sizeof(a));
    ok(!lstrcmpA(a, "Sunday, March 7, 2021"), "long date %d [%s]\n", r, a);
    /* (a doubled quote outside a quoted run is a quote on Windows, nothing in Wine 8: not checked) */
    r = GetDateFormatA(LOCALE_USER_DEFAULT, 0, &st, "ddd dd MMM yy '('MM')' yyyy", a, sizeof(a));
    ok(!lstrcmpA(a, "Sun 07 Mar 21 (03) 2021"), "picture %d [%s]\n", r, a);
    r = GetDateFormatW(LOCALE_USER_DEFAULT, 0, &st, L"dddd d MMMM", w, 80);
    ok(r == 15 && !lstrcmpW(w, L"Sunday 7 March"), "W picture %d\n", r);
    r = GetDateFormatA(LOCALE_USER_DEFAULT, 0, &st, "d", NULL, 0);
    ok(r == 2, "size query %d\n", r);
    SetLastError(0xdeadbeef);
    r = GetDateFormatA(LOCALE_USER_DEFAULT, DATE_SHORTDATE, &st, "d", a, sizeof(a));
    ok(r == 0 && GetLastError() == ERROR_INVALID_FLAGS, "flags with picture: %d err %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = GetDateFormatA(LOCALE_USER_DEFAULT, 0, &st, "dddd", a, 3);
    ok(r == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short: %d err %lu\n", r, GetLastError());
    st.wMonth = 13;
    SetLastError(0xdeadbeef);
    r = GetDateFormatA(LOCALE_USER_DEFAULT, 0, &st, "d", a, sizeof(a));
    ok(r == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "bad date: %d err %lu\n", r, GetLastError());
    st.wMonth = 3;

    r = GetTimeFormatA(LOCALE_USER_DEFAULT, 0, &st, NULL, a, sizeof(a));
    ok(r == 11 && !lstrcmpA(a, "2:05:09 PM"), "time %d [%s]\n", r, a);
    r = GetTimeFormatA(LOCALE_USER_DEFAULT, TIME_NOSECONDS, &st, NULL, a, sizeof(a));
    ok(!lstrcmpA(a, "2:05 PM"), "no seconds [%s]\n", a);
    r = GetTimeFormatA(LOCALE_USER_DEFAULT, TIME_FORCE24HOURFORMAT | TIME_NOTIMEMARKER, &st, NULL, a, sizeof(a));
    ok(!lstrcmpA(a, "14:05:09"), "24h [%s]\n", a);
    r = GetTimeFormatA(LOCALE_USER_DEFAULT, 0, &st, "HH'h'mm t", a, sizeof(a));
    ok(!lstrcmpA(a, "14h05 P"), "picture [%s]\n", a);
    r = GetTimeFormatW(LOCALE_USER_DEFAULT, TIME_NOMINUTESORSECONDS, &st, NULL, w, 80);
    ok(!lstrcmpW(w, L"2 PM"), "hours only %d\n", r);
    st.wHour = 24;
    SetLastError(0xdeadbeef);
    r = GetTimeFormatA(LOCALE_USER_DEFAULT, 0, &st, NULL, a, sizeof(a));
    ok(r == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "bad time: %d err %lu\n", r, GetLastError());
    ok(GetDateFormatA(LOCALE_USER_DEFAULT, 0, NULL, "yyyy", a, sizeof(a)) == 5, "current date\n");
}

int main(void)
{
    test_MultiByteToWideChar();
    test_WideCharToMultiByte();
    test_codepage_info();
    test_lstr();
    test_CompareString();
    test_LCMapString();
    test_GetStringType();
    test_locale_info();
    test_date_time_format();
    test_enumerations();
    test_number_format();
    return wl_summary();
}
