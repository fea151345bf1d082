/* MoveFile(Ex), CopyFile, Set/GetFileAttributes, file times, GetFileInformationByHandle. */
#include "wltest.h"

static char a[MAX_PATH], b[MAX_PATH], c[MAX_PATH];

static void make(const char *path, const char *text)
{
    DWORD n;
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(h, text, lstrlenA(text), &n, NULL);
    CloseHandle(h);
}

static DWORD size_of(const char *path)
{
    HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    DWORD s;
    if (h == INVALID_HANDLE_VALUE) return 0xffffffff;
    s = GetFileSize(h, NULL);
    CloseHandle(h);
    return s;
}

static void test_move_copy(void)
{
    HANDLE h;
    make(a, "hello");
    make(b, "xy");
    SetLastError(0xdeadbeef);
    ok(!MoveFileA(a, b) && GetLastError() == ERROR_ALREADY_EXISTS, "move onto existing: err %lu\n", GetLastError());
    ok(MoveFileExA(a, b, MOVEFILE_REPLACE_EXISTING), "replace: err %lu\n", GetLastError());
    ok(size_of(b) == 5 && size_of(a) == 0xffffffff, "moved\n");
    SetLastError(0xdeadbeef);
    ok(!MoveFileA(a, c) && GetLastError() == ERROR_FILE_NOT_FOUND, "missing source: err %lu\n", GetLastError());
    ok(CopyFileA(b, c, TRUE), "copy: err %lu\n", GetLastError());
    ok(size_of(c) == 5, "copied size\n");
    SetLastError(0xdeadbeef);
    ok(!CopyFileA(b, c, TRUE) && GetLastError() == ERROR_FILE_EXISTS, "fail if exists: err %lu\n", GetLastError());
    make(a, "123456789");
    ok(CopyFileA(a, c, FALSE) && size_of(c) == 9, "overwrite\n");
    h = CreateFileA(a, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0xdeadbeef);
    ok(!MoveFileA(a, "C:\\wl_never_moved.tmp") && GetLastError() == ERROR_SHARING_VIOLATION,
       "open without sharing: err %lu\n", GetLastError());
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    ok(!CopyFileA(a, "C:\\wl_no_dir\\x.tmp", FALSE) && GetLastError() == ERROR_PATH_NOT_FOUND,
       "missing target dir: err %lu\n", GetLastError());
}

static void test_attributes_and_times(void)
{
    HANDLE h;
    FILETIME ft, got;
    BY_HANDLE_FILE_INFORMATION info;
    ok(SetFileAttributesA(c, FILE_ATTRIBUTE_READONLY), "set read-only\n");
    ok(GetFileAttributesA(c) & FILE_ATTRIBUTE_READONLY, "is read-only: %lx\n", GetFileAttributesA(c));
    /* (opening it for writing is not checked: as root, both Wine and winelike can) */
    ok(SetFileAttributesA(c, FILE_ATTRIBUTE_NORMAL), "clear\n");
    ok(!(GetFileAttributesA(c) & FILE_ATTRIBUTE_READONLY), "writable again\n");
    h = CreateFileA(c, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "open\n");
    ft.dwLowDateTime = 0x12345670;      /* 2001-ish, a multiple of 10 for second/microsecond clocks */
    ft.dwHighDateTime = 0x01c0a000;
    ok(SetFileTime(h, NULL, NULL, &ft), "SetFileTime\n");
    ok(GetFileTime(h, NULL, NULL, &got), "GetFileTime\n");
    ok(got.dwHighDateTime == ft.dwHighDateTime && got.dwLowDateTime == ft.dwLowDateTime,
       "write time %lx %lx\n", got.dwHighDateTime, got.dwLowDateTime);
    ok(GetFileInformationByHandle(h, &info), "GetFileInformationByHandle\n");
    ok(info.nFileSizeLow == 9 && info.nNumberOfLinks == 1, "size %lu links %lu\n", info.nFileSizeLow,
       info.nNumberOfLinks);
    ok(info.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE, "attributes %lx\n", info.dwFileAttributes);
    CloseHandle(h);
}

int main(void)
{
    char tmp[MAX_PATH];
    GetTempPathA(MAX_PATH, tmp);
    wsprintfA(a, "%swl_move_a.tmp", tmp);
    wsprintfA(b, "%swl_move_b.tmp", tmp);
    wsprintfA(c, "%swl_move_c.tmp", tmp);
    DeleteFileA(a); DeleteFileA(b); SetFileAttributesA(c, FILE_ATTRIBUTE_NORMAL); DeleteFileA(c);
    test_move_copy();
    test_attributes_and_times();
    DeleteFileA(a); DeleteFileA(b); DeleteFileA(c);
    return wl_summary();
}
