/* msvcrt time.h: time, gmtime/localtime/mktime round trips, strftime, asctime, _ftime, time zone data. */
#include "wltest.h"
#include <time.h>
#include <string.h>
#include <stdlib.h>
#include <sys/timeb.h>
#include <errno.h>

static void test_time(void)
{
    time_t a = time(NULL), b;
    __time64_t c;
    ok(a > 1600000000, "time %ld\n", (long)a);
    time(&b);
    ok(b >= a && b - a < 5, "time(&t)\n");
    c = _time64(NULL);
    ok(c >= a && c - a < 5, "_time64\n");
    ok(difftime(b + 10, b) == 10.0, "difftime\n");
    ok(clock() >= 0, "clock\n");
    ok(CLOCKS_PER_SEC == 1000, "CLOCKS_PER_SEC\n");
}

static void test_gmtime(void)
{
    time_t t = 951782400 + 3661;   /* 2000-02-29 01:01:01 UTC */
    struct tm *tm = gmtime(&t);
    ok(tm != NULL, "gmtime\n");
    if (!tm) return;
    ok(tm->tm_year == 100 && tm->tm_mon == 1 && tm->tm_mday == 29, "date %d-%d-%d\n", tm->tm_year, tm->tm_mon, tm->tm_mday);
    ok(tm->tm_hour == 1 && tm->tm_min == 1 && tm->tm_sec == 1, "time\n");
    ok(tm->tm_wday == 2 && tm->tm_yday == 59 && tm->tm_isdst == 0, "wday %d yday %d\n", tm->tm_wday, tm->tm_yday);
    t = 0;
    tm = gmtime(&t);
    ok(tm && tm->tm_year == 70 && tm->tm_wday == 4, "epoch\n");
    t = -1;
    ok(gmtime(&t) == NULL, "negative time\n");
    {
        __time64_t t64 = 4102444800LL;   /* 2100-01-01 */
        struct tm *g = _gmtime64(&t64);
        ok(g && g->tm_year == 200 && g->tm_mon == 0 && g->tm_mday == 1 && g->tm_wday == 5, "_gmtime64 2100\n");
    }
}

static void test_localtime_mktime(void)
{
    time_t t = 1000000000, back;
    struct tm lt, *p;
    p = localtime(&t);
    ok(p != NULL, "localtime\n");
    if (!p) return;
    lt = *p;
    back = mktime(&lt);
    ok(back == t, "mktime(localtime(t)) == t: %ld\n", (long)back);
    lt.tm_mday += 40;   /* normalisation */
    lt.tm_isdst = -1;
    back = mktime(&lt);
    ok(back != -1 && lt.tm_mday >= 1 && lt.tm_mday <= 31 && lt.tm_mon != p->tm_mon, "normalised %d/%d\n", lt.tm_mon, lt.tm_mday);
    ok(abs((int)(back - t - 40 * 86400)) <= 3600, "40 days later\n");
    {
        struct tm g = *gmtime(&t);
        struct tm l = *localtime(&t);
        long diff = (l.tm_hour * 3600 + l.tm_min * 60) - (g.tm_hour * 3600 + g.tm_min * 60);
        long expect;
        _tzset();
        expect = -_timezone + (l.tm_isdst ? 3600 : 0);
        diff = (diff + 86400 * 2 + 43200) % 86400 - 43200;
        ok(diff == expect, "local - utc = %ld, expected %ld\n", diff, expect);
    }
}

static void test_strftime(void)
{
    struct tm tm;
    char buf[128];
    wchar_t wbuf[64];
    size_t n;
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = 99; tm.tm_mon = 11; tm.tm_mday = 31; tm.tm_hour = 23; tm.tm_min = 59; tm.tm_sec = 58;
    tm.tm_wday = 5; tm.tm_yday = 364;
    n = strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %y %w %%", &tm);
    ok(n == strlen(buf) && !strcmp(buf, "1999-12-31 23:59:58 Fri Friday Dec December 365 PM 11 99 5 %"), "strftime: %s\n", buf);
    strftime(buf, sizeof(buf), "%c|%x|%X", &tm);
    ok(!strcmp(buf, "12/31/99 23:59:58|12/31/99|23:59:58"), "%%c %%x %%X: %s\n", buf);
    strftime(buf, sizeof(buf), "%U %W", &tm);
    ok(!strcmp(buf, "52 52"), "%%U %%W: %s\n", buf);
    strftime(buf, sizeof(buf), "%#d %#m", &tm);
    tm.tm_mday = 5; tm.tm_mon = 2;
    strftime(buf, sizeof(buf), "%#d/%#m", &tm);
    ok(!strcmp(buf, "5/3"), "# flag: %s\n", buf);
    ok(strftime(buf, 5, "%Y-%m", &tm) == 0, "too small\n");
    tm.tm_mday = 31; tm.tm_mon = 11;
    n = wcsftime(wbuf, 64, L"%d.%m.%Y", &tm);
    ok(n == 10 && !wcscmp(wbuf, L"31.12.1999"), "wcsftime\n");
}

static void test_asctime(void)
{
    struct tm tm;
    char *s;
    time_t t;
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = 80; tm.tm_mon = 0; tm.tm_mday = 2; tm.tm_hour = 2; tm.tm_min = 3; tm.tm_sec = 55; tm.tm_wday = 3;
    s = asctime(&tm);
    ok(s && !strcmp(s, "Wed Jan 02 02:03:55 1980\n"), "asctime: %s\n", s);
    t = 1000000000;
    s = ctime(&t);
    ok(s && strlen(s) == 25 && s[24] == '\n' && !strcmp(s + 20, "2001\n"), "ctime: %s\n", s);
}

static void test_ftime(void)
{
    struct _timeb tb;
    time_t now = time(NULL);
    _ftime(&tb);
    ok(tb.time >= now && tb.time - now < 5, "_ftime time\n");
    ok(tb.millitm < 1000, "millitm %d\n", tb.millitm);
    ok(tb.timezone == _timezone / 60, "timezone %d vs %ld\n", tb.timezone, _timezone);
    ok(_tzname[0] != NULL && _tzname[1] != NULL, "_tzname\n");
    trace("_daylight %d\n", _daylight);
}

int main(void)
{
    test_time();
    test_gmtime();
    test_localtime_mktime();
    test_strftime();
    test_asctime();
    test_ftime();
    return wl_summary();
}
