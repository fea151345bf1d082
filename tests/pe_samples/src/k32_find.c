/* FindFirstFile/FindNextFile: Windows wildcard rules over a small directory. */
#include "wltest.h"

static char dir[MAX_PATH];
static const char *files[] = { "a.txt", "b.TXT", "abc", "abcd.txt", "ab.c.txt", "noext", "x.y", NULL };

static int count(const char *mask, const char *must_have)
{
    char pattern[MAX_PATH];
    WIN32_FIND_DATAA fd;
    HANDLE h;
    int n = 0, seen = must_have == NULL;
    wsprintfA(pattern, "%s\\%s", dir, mask);
    h = FindFirstFileA(pattern, &fd);
    if (h == INVALID_HANDLE_VALUE) return GetLastError() == ERROR_FILE_NOT_FOUND ? 0 : -1;
    do {
        if (!lstrcmpA(fd.cFileName, ".") || !lstrcmpA(fd.cFileName, "..")) continue;
        n++;
        if (must_have && !lstrcmpA(fd.cFileName, must_have)) seen = 1;
    } while (FindNextFileA(h, &fd));
    ok(GetLastError() == ERROR_NO_MORE_FILES, "%s: end err %lu\n", mask, GetLastError());
    FindClose(h);
    return seen ? n : -2;
}

/* Expected counts are Wine's: `?` is exactly one character, and a trailing dot is dropped
 * ("*." lists everything, where Windows documents "no extension"). */
static void test_masks(void)
{
    static const struct { const char *mask; int n; const char *one; } cases[] = {
        { "*", 7, "noext" }, { "*.*", 7, "noext" }, { "*.txt", 4, "b.TXT" }, { "*.TXT", 4, "a.txt" },
        { "a*", 4, "abc" }, { "?.txt", 2, "a.txt" }, { "??.txt", 0, NULL }, { "a??", 1, "abc" },
        { "*.", 7, "noext" }, { "abc.*", 1, "abc" }, { "*c*", 3, "abc" }, { "x.?", 1, "x.y" },
        { "nothing*", 0, NULL }, { "*.c.*", 1, "ab.c.txt" }, { "ABC", 1, "abc" },
    };
    int i, n;
    for (i = 0; i < (int)(sizeof cases / sizeof cases[0]); i++) {
        n = count(cases[i].mask, cases[i].one);
        ok(n == cases[i].n, "mask %s: %d matches, expected %d\n", cases[i].mask, n, cases[i].n);
    }
}

static void test_details(void)
{
    char pattern[MAX_PATH];
    WIN32_FIND_DATAA fd;
    WIN32_FIND_DATAW fdw;
    WCHAR wpattern[MAX_PATH];
    HANDLE h;
    wsprintfA(pattern, "%s\\abcd.txt", dir);
    h = FindFirstFileA(pattern, &fd);
    ok(h != INVALID_HANDLE_VALUE, "exact name\n");
    ok(fd.nFileSizeLow == 8 && fd.nFileSizeHigh == 0, "size %lu\n", fd.nFileSizeLow);
    ok(fd.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE, "attributes %lx\n", fd.dwFileAttributes);
    ok(fd.ftLastWriteTime.dwHighDateTime != 0, "write time\n");
    FindClose(h);
    MultiByteToWideChar(CP_ACP, 0, pattern, -1, wpattern, MAX_PATH);
    h = FindFirstFileW(wpattern, &fdw);
    ok(h != INVALID_HANDLE_VALUE && !lstrcmpW(fdw.cFileName, L"abcd.txt"), "wide\n");
    FindClose(h);
    wsprintfA(pattern, "%s\\nosuchdir\\*", dir);
    SetLastError(0xdeadbeef);
    h = FindFirstFileA(pattern, &fd);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND, "missing dir: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!FindClose(INVALID_HANDLE_VALUE), "FindClose(INVALID)\n");
}

int main(void)
{
    char tmp[MAX_PATH], path[MAX_PATH];
    int i;
    DWORD n;
    HANDLE h;
    GetTempPathA(MAX_PATH, tmp);
    wsprintfA(dir, "%swl_k32_find", tmp);
    CreateDirectoryA(dir, NULL);
    for (i = 0; files[i]; i++) {
        wsprintfA(path, "%s\\%s", dir, files[i]);
        h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
        WriteFile(h, "12345678", 8, &n, NULL);
        CloseHandle(h);
    }
    test_masks();
    test_details();
    for (i = 0; files[i]; i++) {
        wsprintfA(path, "%s\\%s", dir, files[i]);
        DeleteFileA(path);
    }
    RemoveDirectoryA(dir);
    return wl_summary();
}
