/* Path normalisation and wildcard table: GetFullPathName, FindFirstFile masks, GetFileAttributes
 * and CreateFile errors on odd names.  Every expected value was captured from real Wine 8
 * (build with -DCAPTURE, run under Wine, paste the printed rows into file_paths_table.h). */
#include "wltest.h"

struct full_case { const char *in, *out; };
struct mask_case { const char *mask, *names; };
struct open_case { const char *in; unsigned err; };
struct long_case { const char *in, *out, *short_out; };

#include "file_paths_table.h"

static char dir[MAX_PATH];
static const char *files[] = { "abc", "abc.txt", "abc.txt.bak", "ABD.TXT", "a", "x.y.z", "b c.txt",
                               "longname.html", "a.b", "read.me", "Readme", "t1.c", "t22.c", "_u.c", NULL };

static void escape(const char *s, char *out)
{
    for (; *s; s++) {
        if (*s == '\\' || *s == '"') *out++ = '\\';
        *out++ = *s;
    }
    *out = 0;
}

static void test_full_paths(void)
{
    char buf[MAX_PATH], e1[2 * MAX_PATH], e2[2 * MAX_PATH];
    DWORD n;
    int i;
    for (i = 0; full_cases[i].in; i++) {
        buf[0] = 0;
        SetLastError(0xdeadbeef);
        n = GetFullPathNameA(full_cases[i].in, MAX_PATH, buf, NULL);
        if (!n) wsprintfA(buf, "<error %lu>", GetLastError());
#ifdef CAPTURE
        escape(full_cases[i].in, e1);
        escape(buf, e2);
        wl_out("    { \"%s\", \"%s\" },\n", e1, e2);
#else
        (void)e1; (void)e2;
        ok(!lstrcmpA(buf, full_cases[i].out), "GetFullPathName(%s) = %s, expected %s\n", full_cases[i].in, buf,
           full_cases[i].out);
#endif
    }
}

static int cmp(const void *a, const void *b) { return lstrcmpA(*(const char **)a, *(const char **)b); }

static void matches(const char *mask, char *out)
{
    char pattern[MAX_PATH], names[64][MAX_PATH];
    const char *sorted[64];
    WIN32_FIND_DATAA fd;
    HANDLE h;
    int n = 0, i, j;
    wsprintfA(pattern, "%s\\%s", dir, mask);
    SetLastError(0xdeadbeef);
    h = FindFirstFileA(pattern, &fd);
    if (h == INVALID_HANDLE_VALUE) {
        wsprintfA(out, "<error %lu>", GetLastError());
        return;
    }
    do {
        if (n < 64) lstrcpyA(names[n++], fd.cFileName);
    } while (FindNextFileA(h, &fd));
    FindClose(h);
    for (i = 0; i < n; i++) sorted[i] = names[i];
    /* simple insertion sort: no msvcrt qsort in a sample that must not depend on the CRT */
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && cmp(&sorted[j - 1], &sorted[j]) > 0; j--) {
            const char *t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t;
        }
    out[0] = 0;
    for (i = 0; i < n; i++) {
        if (i) lstrcatA(out, "|");
        lstrcatA(out, sorted[i]);
    }
}

static void test_masks(void)
{
    char got[4096], e1[MAX_PATH];
    int i;
    for (i = 0; mask_cases[i].mask; i++) {
        matches(mask_cases[i].mask, got);
#ifdef CAPTURE
        escape(mask_cases[i].mask, e1);
        wl_out("    { \"%s\", \"%s\" },\n", e1, got);
#else
        (void)e1;
        ok(!lstrcmpA(got, mask_cases[i].names), "mask %s: %s, expected %s\n", mask_cases[i].mask, got,
           mask_cases[i].names);
#endif
    }
}

/* GetLongPathName and GetShortPathName (current directory C:\\): on-disk spelling, "" = error 2 */
static void test_long_paths(void)
{
    char buf[MAX_PATH], e1[2 * MAX_PATH], e2[2 * MAX_PATH], e3[2 * MAX_PATH], sbuf[MAX_PATH];
    DWORD n;
    int i;
    for (i = 0; long_cases[i].in; i++) {
        n = GetLongPathNameA(long_cases[i].in, buf, MAX_PATH);
        if (!n) wsprintfA(buf, "<error %lu>", GetLastError());
        n = GetShortPathNameA(long_cases[i].in, sbuf, MAX_PATH);
        if (!n) wsprintfA(sbuf, "<error %lu>", GetLastError());
#ifdef CAPTURE
        escape(long_cases[i].in, e1);
        escape(buf, e2);
        escape(sbuf, e3);
        wl_out("    { \"%s\", \"%s\", \"%s\" },\n", e1, e2, e3);
#else
        (void)e1; (void)e2; (void)e3;
        ok(!lstrcmpA(buf, long_cases[i].out), "GetLongPathName(%s) = %s, expected %s\n", long_cases[i].in, buf,
           long_cases[i].out);
        ok(!lstrcmpA(sbuf, long_cases[i].short_out), "GetShortPathName(%s) = %s, expected %s\n", long_cases[i].in,
           sbuf, long_cases[i].short_out);
#endif
    }
}

/* GetFileAttributes (relative names resolve in dir) then CreateFile for reading: 0 = both worked. */
static void test_opens(void)
{
    char e1[2 * MAX_PATH];
    unsigned err;
    HANDLE h;
    int i;
    for (i = 0; open_cases[i].in; i++) {
        SetLastError(0xdeadbeef);
        h = CreateFileA(open_cases[i].in, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                        OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
        err = h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
        if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
        if (!err && GetFileAttributesA(open_cases[i].in) == INVALID_FILE_ATTRIBUTES
            && lstrcmpiA(open_cases[i].in, "nul") && lstrcmpiA(open_cases[i].in, "nul.txt"))
            err = 1000000 + GetLastError();
#ifdef CAPTURE
        escape(open_cases[i].in, e1);
        wl_out("    { \"%s\", %u },\n", e1, err);
#else
        (void)e1;
        ok(err == open_cases[i].err, "open %s: %u, expected %u\n", open_cases[i].in, err, open_cases[i].err);
#endif
    }
}

int main(void)
{
    char path[MAX_PATH];
    DWORD n;
    int i;
    HANDLE h;
    GetTempPathA(MAX_PATH, dir);
    wsprintfA(dir + lstrlenA(dir), "wl_paths_%lu", GetCurrentProcessId());
    CreateDirectoryA(dir, NULL);
    for (i = 0; files[i]; i++) {
        wsprintfA(path, "%s\\%s", dir, files[i]);
        h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
        WriteFile(h, "x", 1, &n, NULL);
        CloseHandle(h);
    }
    wsprintfA(path, "%s\\sub", dir);
    CreateDirectoryA(path, NULL);
    SetEnvironmentVariableA("=Q:", "Q:\\qdir\\deeper");
    SetCurrentDirectoryA("C:\\windows");
    test_full_paths();
    SetCurrentDirectoryA(dir);
    test_masks();
    test_opens();
    SetCurrentDirectoryA("C:\\");
    test_long_paths();
    for (i = 0; files[i]; i++) {
        wsprintfA(path, "%s\\%s", dir, files[i]);
        DeleteFileA(path);
    }
    wsprintfA(path, "%s\\sub", dir);
    RemoveDirectoryA(path);
    RemoveDirectoryA(dir);
    return wl_summary();
}
