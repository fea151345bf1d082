/* File APIs beyond CreateFile: overlapped I/O, byte-range locks, ReplaceFile, SearchPath,
 * GetFinalPathNameByHandle, delete-on-close, attributes, GetTempFileName, delete/move sharing. */
#include "wltest.h"
#include <stdio.h>
#include <io.h>
#include <share.h>
#include <fcntl.h>
#include <errno.h>

static char dir[MAX_PATH];

static void path_of(char *out, const char *name) { wsprintfA(out, "%s\\%s", dir, name); }

static void put(const char *name, const char *text)
{
    char p[MAX_PATH];
    DWORD n;
    HANDLE h;
    path_of(p, name);
    h = CreateFileA(p, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(h, text, lstrlenA(text), &n, NULL);
    CloseHandle(h);
}

static int get(const char *name, char *out, int size)
{
    char p[MAX_PATH];
    DWORD n = 0;
    HANDLE h;
    path_of(p, name);
    h = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) return -1;
    ReadFile(h, out, size - 1, &n, NULL);
    out[n] = 0;
    CloseHandle(h);
    return (int)n;
}

static void test_overlapped(void)
{
    char p[MAX_PATH], buf[16];
    OVERLAPPED ov;
    DWORD n;
    HANDLE h, ev;
    BOOL r;
    put("ov.txt", "0123456789");
    path_of(p, "ov.txt");
    h = CreateFileA(p, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    ok(h != INVALID_HANDLE_VALUE, "open overlapped\n");
    ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    memset(&ov, 0, sizeof ov);
    ov.Offset = 4;
    ov.hEvent = ev;
    r = ReadFile(h, buf, 3, NULL, &ov);
    ok(r || GetLastError() == ERROR_IO_PENDING, "read: %d err %lu\n", r, GetLastError());
    ok(WaitForSingleObject(ev, 5000) == WAIT_OBJECT_0, "event signalled\n");
    ok(GetOverlappedResult(h, &ov, &n, TRUE) && n == 3, "result %lu\n", n);
    buf[3] = 0;
    ok(!lstrcmpA(buf, "456"), "read at offset: %s\n", buf);
    memset(&ov, 0, sizeof ov);
    ov.Offset = 8;
    ov.hEvent = ev;
    r = WriteFile(h, "XYZ", 3, NULL, &ov);
    ok(r || GetLastError() == ERROR_IO_PENDING, "write: err %lu\n", GetLastError());
    ok(GetOverlappedResult(h, &ov, &n, TRUE) && n == 3, "write result %lu\n", n);
    memset(&ov, 0, sizeof ov);
    ov.Offset = 100;
    ov.hEvent = ev;
    SetLastError(0xdeadbeef);
    r = ReadFile(h, buf, 3, &n, &ov);
    if (!r && GetLastError() == ERROR_IO_PENDING) {
        r = GetOverlappedResult(h, &ov, &n, TRUE);
    }
    ok(!r && GetLastError() == ERROR_HANDLE_EOF, "read past end: %d err %lu\n", r, GetLastError());
    CloseHandle(ev);
    CloseHandle(h);
    ok(get("ov.txt", buf, sizeof buf) == 11 && !lstrcmpA(buf, "01234567XYZ"), "content %s\n", buf);
    /* an OVERLAPPED on a synchronous handle gives the offset */
    h = CreateFileA(p, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    memset(&ov, 0, sizeof ov);
    ov.Offset = 2;
    ok(ReadFile(h, buf, 2, &n, &ov) && n == 2 && buf[0] == '2', "sync read at offset\n");
    ok(SetFilePointer(h, 0, NULL, FILE_CURRENT) == 4, "pointer after it %lu\n", SetFilePointer(h, 0, NULL, FILE_CURRENT));
    CloseHandle(h);
}

static void test_locks(void)
{
    char p[MAX_PATH], buf[8];
    HANDLE a, b;
    DWORD n, err;
    BOOL r;
    OVERLAPPED ov;
    put("lock.txt", "0123456789");
    path_of(p, "lock.txt");
    a = CreateFileA(p, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    b = CreateFileA(p, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    ok(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE, "two handles\n");
    ok(LockFile(a, 2, 0, 3, 0), "lock 2..4\n");
    SetLastError(0xdeadbeef);
    ok(!LockFile(b, 4, 0, 2, 0) && GetLastError() == ERROR_LOCK_VIOLATION, "overlap from b: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!LockFile(a, 3, 0, 1, 0) && GetLastError() == ERROR_LOCK_VIOLATION, "overlap from a: %lu\n", GetLastError());
    ok(LockFile(b, 5, 0, 2, 0), "adjacent range\n");
    /* Windows also fails I/O from b into a's range (ERROR_LOCK_VIOLATION); Wine, the oracle, and winelike do not */
    SetFilePointer(a, 2, NULL, FILE_BEGIN);
    ok(ReadFile(a, buf, 2, &n, NULL) && n == 2, "owner reads\n");
    SetFilePointer(b, 0, NULL, FILE_BEGIN);
    ok(ReadFile(b, buf, 2, &n, NULL) && n == 2, "outside the range\n");
    SetLastError(0xdeadbeef);
    r = UnlockFile(a, 2, 0, 2, 0);
    err = GetLastError();
    /* Windows says ERROR_NOT_LOCKED; Wine, the oracle, ERROR_LOCK_VIOLATION */
    ok(!r && err == ERROR_LOCK_VIOLATION, "unlock part: %d %lu\n", r, err);
    ok(UnlockFile(a, 2, 0, 3, 0), "unlock\n");
    SetFilePointer(b, 2, NULL, FILE_BEGIN);
    ok(ReadFile(b, buf, 2, &n, NULL) && n == 2, "read after unlock\n");
    ok(UnlockFile(b, 5, 0, 2, 0), "unlock b\n");
    memset(&ov, 0, sizeof ov);
    ov.Offset = 0;
    ok(LockFileEx(a, 0, 0, 4, 0, &ov), "shared lock a\n");
    ok(LockFileEx(b, LOCKFILE_FAIL_IMMEDIATELY, 0, 4, 0, &ov), "shared lock b\n");
    SetLastError(0xdeadbeef);
    ok(!LockFileEx(b, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov)
       && GetLastError() == ERROR_LOCK_VIOLATION, "exclusive over shared: %lu\n", GetLastError());
    ok(UnlockFileEx(a, 0, 4, 0, &ov) && UnlockFileEx(b, 0, 4, 0, &ov), "unlock shared\n");
    CloseHandle(a);
    CloseHandle(b);
}

static void test_replace(void)
{
    char p1[MAX_PATH], p2[MAX_PATH], p3[MAX_PATH], buf[32];
    put("old.txt", "old");
    put("new.txt", "new");
    path_of(p1, "old.txt");
    path_of(p2, "new.txt");
    path_of(p3, "old.bak");
    ok(ReplaceFileA(p1, p2, p3, 0, NULL, NULL), "ReplaceFile err %lu\n", GetLastError());
    ok(get("old.txt", buf, sizeof buf) == 3 && !lstrcmpA(buf, "new"), "replaced: %s\n", buf);
    ok(get("old.bak", buf, sizeof buf) == 3 && !lstrcmpA(buf, "old"), "backup: %s\n", buf);
    ok(GetFileAttributesA(p2) == INVALID_FILE_ATTRIBUTES, "replacement gone\n");
    SetLastError(0xdeadbeef);
    ok(!ReplaceFileA(p1, p2, NULL, 0, NULL, NULL) && GetLastError() == ERROR_FILE_NOT_FOUND, "missing replacement\n");
    DeleteFileA(p1);
    DeleteFileA(p3);
}

static void test_search_path(void)
{
    char buf[MAX_PATH], want[MAX_PATH], *part = NULL;
    DWORD n;
    put("found.dat", "x");
    path_of(want, "found.dat");
    n = SearchPathA(dir, "found.dat", NULL, MAX_PATH, buf, &part);
    ok(n == (DWORD)lstrlenA(want) && !lstrcmpiA(buf, want), "SearchPath %lu %s\n", n, buf);
    ok(part && !lstrcmpA(part, "found.dat"), "file part\n");
    n = SearchPathA(dir, "FOUND", ".dat", MAX_PATH, buf, NULL);
    ok(n && !lstrcmpiA(buf, want), "with extension: %s\n", buf);
    n = SearchPathA(dir, "found.dat", NULL, 3, buf, NULL);
    ok(n == (DWORD)lstrlenA(want) + 1, "small buffer: %lu\n", n);
    SetLastError(0xdeadbeef);
    ok(!SearchPathA(dir, "nothere.dat", NULL, MAX_PATH, buf, NULL) && GetLastError() == ERROR_FILE_NOT_FOUND,
       "missing: %lu\n", GetLastError());
    SetCurrentDirectoryA(dir);
    n = SearchPathA(NULL, "found.dat", NULL, MAX_PATH, buf, NULL);
    ok(n && !lstrcmpiA(buf, want), "the current directory is on the default path: %s\n", buf);
    SetCurrentDirectoryA("C:\\");
    n = SearchPathA(NULL, want, NULL, MAX_PATH, buf, NULL);
    ok(n && !lstrcmpiA(buf, want), "full name given\n");
}

static void test_final_path(void)
{
    char p[MAX_PATH], buf[MAX_PATH], want[MAX_PATH];
    WCHAR wbuf[MAX_PATH];
    HANDLE h;
    DWORD n;
    put("Final.TXT", "x");
    path_of(p, "final.txt");
    h = CreateFileA(p, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    n = GetFinalPathNameByHandleA(h, buf, MAX_PATH, 0);
    wsprintfA(want, "\\\\?\\%s\\Final.TXT", dir);
    ok(n == (DWORD)lstrlenA(want) && !lstrcmpiA(buf, want), "final %s (%lu), want %s\n", buf, n, want);
    ok(!lstrcmpA(buf + lstrlenA(buf) - 9, "Final.TXT"), "on-disk case: %s\n", buf);
    /* too small: W counts the NUL, A (in Wine, the oracle) does not */
    n = GetFinalPathNameByHandleA(h, buf, 5, 0);
    ok(n == (DWORD)lstrlenA(want), "A small buffer: %lu for %d\n", n, lstrlenA(want));
    n = GetFinalPathNameByHandleW(h, wbuf, 5, 0);
    ok(n == (DWORD)lstrlenA(want) + 1, "W small buffer: %lu for %d\n", n, lstrlenA(want));
    n = GetFinalPathNameByHandleA(h, buf, MAX_PATH, VOLUME_NAME_NONE);
    ok(n == (DWORD)lstrlenA(want) - 6 && !lstrcmpiA(buf, want + 6), "no volume: %s\n", buf);
    CloseHandle(h);
}

static void test_delete_on_close(void)
{
    char p[MAX_PATH];
    HANDLE h, h2;
    DWORD n;
    path_of(p, "doc.tmp");
    h = CreateFileA(p, GENERIC_WRITE, FILE_SHARE_DELETE, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(h != INVALID_HANDLE_VALUE, "create\n");
    ok(WriteFile(h, "abc", 3, &n, NULL), "write\n");
    ok(GetFileAttributesA(p) != INVALID_FILE_ATTRIBUTES, "exists while open\n");
    SetLastError(0xdeadbeef);
    h2 = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(h2 == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION, "reopen without delete share: %lu\n",
       GetLastError());
    CloseHandle(h);
    ok(GetFileAttributesA(p) == INVALID_FILE_ATTRIBUTES, "gone after close\n");
}

static void test_attributes(void)
{
    char p[MAX_PATH];
    WIN32_FILE_ATTRIBUTE_DATA data;
    FILE_STANDARD_INFO si;
    FILE_BASIC_INFO bi;
    HANDLE h;
    DWORD err;
    BOOL r;
    put("ro.txt", "12345");
    path_of(p, "ro.txt");
    ok(GetFileAttributesExA(p, GetFileExInfoStandard, &data), "GetFileAttributesEx\n");
    ok(data.nFileSizeLow == 5 && !(data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY), "size %lu\n", data.nFileSizeLow);
    ok(SetFileAttributesA(p, FILE_ATTRIBUTE_READONLY), "set read-only\n");
    ok(GetFileAttributesA(p) & FILE_ATTRIBUTE_READONLY, "read-only\n");
    SetLastError(0xdeadbeef);
    h = CreateFileA(p, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (h != INVALID_HANDLE_VALUE) {
        /* Wine maps read-only to the Unix mode bits, which do not stop root */
        skip("the host lets this user write a read-only file\n");
        CloseHandle(h);
    } else {
        ok(GetLastError() == ERROR_ACCESS_DENIED, "write read-only: %lu\n", GetLastError());
        SetLastError(0xdeadbeef);
        r = DeleteFileA(p);
        err = GetLastError();
        ok(!r && err == ERROR_ACCESS_DENIED, "delete read-only: %lu\n", err);
    }
    h = CreateFileA(p, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "read read-only\n");
    ok(GetFileInformationByHandleEx(h, FileStandardInfo, &si, sizeof si), "standard info\n");
    ok(si.EndOfFile.QuadPart == 5 && !si.Directory && si.NumberOfLinks == 1, "standard %lu\n",
       (DWORD)si.EndOfFile.QuadPart);
    ok(GetFileInformationByHandleEx(h, FileBasicInfo, &bi, sizeof bi), "basic info\n");
    ok(bi.FileAttributes & FILE_ATTRIBUTE_READONLY, "basic attributes %lx\n", bi.FileAttributes);
    CloseHandle(h);
    ok(SetFileAttributesA(p, FILE_ATTRIBUTE_NORMAL), "clear read-only\n");
    ok(DeleteFileA(p), "delete\n");
    SetLastError(0xdeadbeef);
    ok(!GetFileAttributesExA(p, GetFileExInfoStandard, &data) && GetLastError() == ERROR_FILE_NOT_FOUND,
       "missing: %lu\n", GetLastError());
}

/* Wine's attribute rules: dot-files are hidden, hidden/system are kept, read-only is ignored on directories */
static void test_more_attributes(void)
{
    char p[MAX_PATH];
    WIN32_FIND_DATAA fd;
    HANDLE h;
    put(".dotfile", "x");
    path_of(p, ".dotfile");
    ok(GetFileAttributesA(p) == (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_ARCHIVE), "dot-file %lx\n", GetFileAttributesA(p));
    h = FindFirstFileA(p, &fd);
    ok(h != INVALID_HANDLE_VALUE && fd.dwFileAttributes == (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_ARCHIVE),
       "found dot-file %lx\n", fd.dwFileAttributes);
    FindClose(h);
    DeleteFileA(p);
    path_of(p, "hs.txt");
    h = CreateFileA(p, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_HIDDEN, NULL);
    CloseHandle(h);
    ok(GetFileAttributesA(p) == (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_ARCHIVE), "created hidden %lx\n",
       GetFileAttributesA(p));
    ok(SetFileAttributesA(p, FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM), "set hidden+system\n");
    ok(GetFileAttributesA(p) == (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM | FILE_ATTRIBUTE_ARCHIVE),
       "hidden+system %lx\n", GetFileAttributesA(p));
    ok(SetFileAttributesA(p, FILE_ATTRIBUTE_NORMAL) && GetFileAttributesA(p) == FILE_ATTRIBUTE_ARCHIVE,
       "normal %lx\n", GetFileAttributesA(p));
    DeleteFileA(p);
    path_of(p, "rodir");
    CreateDirectoryA(p, NULL);
    ok(SetFileAttributesA(p, FILE_ATTRIBUTE_READONLY), "read-only directory\n");
    ok(GetFileAttributesA(p) == FILE_ATTRIBUTE_DIRECTORY, "directory %lx\n", GetFileAttributesA(p));
    ok(RemoveDirectoryA(p), "remove it\n");
}

static void test_temp_file_name(void)
{
    char name[MAX_PATH];
    UINT u;
    u = GetTempFileNameA(dir, "wlt", 0, name);
    ok(u != 0, "unique\n");
    ok(GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES, "created %s\n", name);
    ok(DeleteFileA(name), "delete it\n");
    u = GetTempFileNameA(dir, "wlt", 0x1234, name);
    ok(u == 0x1234, "given number %x\n", u);
    ok(!lstrcmpiA(name + lstrlenA(dir), "\\wlt1234.tmp"), "name %s\n", name);
    ok(GetFileAttributesA(name) == INVALID_FILE_ATTRIBUTES, "not created\n");
}

static void test_find_ex(void)
{
    char pattern[MAX_PATH];
    WIN32_FIND_DATAA fd;
    HANDLE h;
    put("findex.txt", "x");
    path_of(pattern, "finde?.*");
    h = FindFirstFileExA(pattern, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL, 0);
    ok(h != INVALID_HANDLE_VALUE && !lstrcmpA(fd.cFileName, "findex.txt"), "FindFirstFileEx: %lu\n", GetLastError());
    if (h != INVALID_HANDLE_VALUE) FindClose(h);
    SetLastError(0xdeadbeef);
    h = FindFirstFileExA(pattern, 7, &fd, FindExSearchNameMatch, NULL, 0);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER, "bad level: %lu\n", GetLastError());
    path_of(pattern, "findex.txt");
    DeleteFileA(pattern);
    /* the pattern is normalised as a path first; a drive's root has no . and .. */
    SetLastError(0xdeadbeef);
    ok(FindFirstFileA("C:\\.", &fd) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
       "C:\\.: %lu\n", GetLastError());
    h = FindFirstFileA("C:\\windows\\.", &fd);
    ok(h != INVALID_HANDLE_VALUE && !lstrcmpiA(fd.cFileName, "windows"), "dir\\. names the directory: %s\n",
       fd.cFileName);
    FindClose(h);
    h = FindFirstFileA("C:\\*", &fd);
    ok(h != INVALID_HANDLE_VALUE, "C:\\*\n");
    if (h != INVALID_HANDLE_VALUE) {
        int dots = 0;
        do dots += fd.cFileName[0] == '.' && (!fd.cFileName[1] || (fd.cFileName[1] == '.' && !fd.cFileName[2]));
        while (FindNextFileA(h, &fd));
        ok(dots == 0, "%d dot entries in a drive root\n", dots);
        FindClose(h);
    }
}

/* msvcrt's files sit on CreateFile: their handles take part in share modes */
static void test_crt_sharing(void)
{
    char p[MAX_PATH];
    FILE *f, *g;
    HANDLE h;
    int fd;
    path_of(p, "crt.txt");
    f = fopen(p, "w");
    ok(f != NULL, "fopen\n");
    SetLastError(0xdeadbeef);
    h = CreateFileA(p, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION, "deny-all reader vs fopen: %lu\n",
       GetLastError());
    h = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "sharing reader vs fopen: %lu\n", GetLastError());
    CloseHandle(h);
    fclose(f);
    h = CreateFileA(p, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "exclusive handle\n");
    errno = 0;
    g = fopen(p, "r");
    ok(g == NULL && errno == EACCES, "fopen vs exclusive handle: %d\n", errno);
    if (g) fclose(g);
    CloseHandle(h);
    fd = _sopen(p, _O_RDONLY, _SH_DENYRW);
    ok(fd >= 0, "_sopen _SH_DENYRW\n");
    SetLastError(0xdeadbeef);
    h = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION, "reader vs _SH_DENYRW: %lu\n",
       GetLastError());
    _close(fd);
    ok(DeleteFileA(p), "delete\n");
}

static void test_delete_sharing(void)
{
    char p[MAX_PATH], q[MAX_PATH];
    HANDLE h;
    put("busy.txt", "x");
    path_of(p, "busy.txt");
    path_of(q, "moved.txt");
    h = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0xdeadbeef);
    ok(!DeleteFileA(p) && GetLastError() == ERROR_SHARING_VIOLATION, "delete open file: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!MoveFileA(p, q) && GetLastError() == ERROR_SHARING_VIOLATION, "move open file: %lu\n", GetLastError());
    CloseHandle(h);
    h = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
    ok(MoveFileA(p, q), "move with FILE_SHARE_DELETE: %lu\n", GetLastError());
    CloseHandle(h);
    ok(DeleteFileA(q), "delete\n");
}

int main(void)
{
    char p[MAX_PATH];
    static const char *names[] = { "ov.txt", "lock.txt", "new.txt", "found.dat", "Final.TXT", "old.txt",
                                   "old.bak", NULL };
    int i;
    GetTempPathA(MAX_PATH, dir);
    wsprintfA(dir + lstrlenA(dir), "wl_apis_%lu", GetCurrentProcessId());
    CreateDirectoryA(dir, NULL);
    test_overlapped();
    test_locks();
    test_replace();
    test_search_path();
    test_final_path();
    test_delete_on_close();
    test_attributes();
    test_more_attributes();
    test_temp_file_name();
    test_delete_sharing();
    test_find_ex();
    test_crt_sharing();
    for (i = 0; names[i]; i++) {
        path_of(p, names[i]);
        DeleteFileA(p);
    }
    ok(RemoveDirectoryA(dir), "directory left empty: %lu\n", GetLastError());
    return wl_summary();
}
