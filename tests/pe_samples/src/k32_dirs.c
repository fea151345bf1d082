/* Directories, attributes, GetFullPathName and the current directory. */
#include "wltest.h"

static char tmp[MAX_PATH], dir[MAX_PATH], sub[MAX_PATH], file[MAX_PATH];

static void test_directories(void)
{
    HANDLE h;
    DWORD a;
    RemoveDirectoryA(sub);
    RemoveDirectoryA(dir);
    ok(CreateDirectoryA(dir, NULL), "CreateDirectory err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!CreateDirectoryA(dir, NULL) && GetLastError() == ERROR_ALREADY_EXISTS, "again: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!CreateDirectoryA("C:\\wl_no_such_parent\\child", NULL) && GetLastError() == ERROR_PATH_NOT_FOUND,
       "missing parent: err %lu\n", GetLastError());
    ok(CreateDirectoryA(sub, NULL), "sub\n");
    a = GetFileAttributesA(dir);
    ok(a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY), "dir attributes %lx\n", a);
    h = CreateFileA(file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "file\n");
    CloseHandle(h);
    a = GetFileAttributesA(file);
    ok(a == FILE_ATTRIBUTE_ARCHIVE, "file attributes %lx\n", a);
    SetLastError(0xdeadbeef);
    ok(GetFileAttributesA("C:\\wl_nothing_here.txt") == INVALID_FILE_ATTRIBUTES &&
       GetLastError() == ERROR_FILE_NOT_FOUND, "missing file: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetFileAttributesA("C:\\wl_no_dir\\x.txt") == INVALID_FILE_ATTRIBUTES &&
       GetLastError() == ERROR_PATH_NOT_FOUND, "missing dir: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!RemoveDirectoryA(dir) && GetLastError() == ERROR_DIR_NOT_EMPTY, "not empty: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!RemoveDirectoryA(file) && GetLastError() == ERROR_DIRECTORY, "a file: err %lu\n", GetLastError());
    ok(DeleteFileA(file), "DeleteFile\n");
    SetLastError(0xdeadbeef);
    ok(!DeleteFileA(sub) && GetLastError() == ERROR_ACCESS_DENIED, "DeleteFile on a dir: err %lu\n", GetLastError());
    ok(RemoveDirectoryA(sub), "remove sub\n");
    ok(RemoveDirectoryA(dir), "remove dir\n");
    SetLastError(0xdeadbeef);
    ok(!RemoveDirectoryA(dir) && GetLastError() == ERROR_FILE_NOT_FOUND, "gone: err %lu\n", GetLastError());
}

static void test_current_directory(void)
{
    char old[MAX_PATH], cur[MAX_PATH], full[MAX_PATH], *part;
    DWORD n;
    n = GetCurrentDirectoryA(MAX_PATH, old);
    ok(n > 0 && n == (DWORD)lstrlenA(old), "GetCurrentDirectory %lu\n", n);
    ok(GetCurrentDirectoryA(0, NULL) == n + 1, "size query\n");
    ok(GetCurrentDirectoryA(2, cur) == n + 1, "too small\n");
    CreateDirectoryA(dir, NULL);
    ok(SetCurrentDirectoryA(dir), "SetCurrentDirectory err %lu\n", GetLastError());
    n = GetCurrentDirectoryA(MAX_PATH, cur);
    ok(!lstrcmpiA(cur, dir), "now %s, expected %s\n", cur, dir);
    n = GetFullPathNameA("name.txt", MAX_PATH, full, &part);
    ok(n == (DWORD)lstrlenA(full) && !lstrcmpiA(part, "name.txt"), "full %s part %s\n", full, part);
    ok(!_strnicmp(full, dir, lstrlenA(dir)) && full[lstrlenA(dir)] == '\\', "relative to cwd: %s\n", full);
    n = GetFullPathNameA("C:\\a\\.\\b\\..\\c.txt", MAX_PATH, full, &part);
    ok(!lstrcmpA(full, "C:\\a\\c.txt") && part == full + 5, "normalised %s\n", full);
    n = GetFullPathNameA("C:\\a\\dir\\", MAX_PATH, full, &part);
    ok(!lstrcmpA(full, "C:\\a\\dir\\") && part == NULL, "trailing backslash %s %p\n", full, part);
    n = GetFullPathNameA("C:\\x.txt", 3, full, NULL);
    ok(n == 9, "needed %lu\n", n);
    SetLastError(0xdeadbeef);
    ok(!SetCurrentDirectoryA("C:\\wl_no_such_dir") && GetLastError() == ERROR_FILE_NOT_FOUND,
       "missing: err %lu\n", GetLastError());
    ok(SetCurrentDirectoryA(old), "restore\n");
    RemoveDirectoryA(dir);
}

int main(void)
{
    GetTempPathA(MAX_PATH, tmp);
    wsprintfA(dir, "%swl_k32_dir", tmp);
    wsprintfA(sub, "%s\\sub", dir);
    wsprintfA(file, "%s\\file.txt", dir);
    test_directories();
    test_current_directory();
    return wl_summary();
}
