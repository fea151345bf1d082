/* CreateFile dispositions and errors, sharing between handles, file pointer and size. */
#include "wltest.h"

static char dir[MAX_PATH], path[MAX_PATH];

static HANDLE open_file(DWORD access, DWORD share, DWORD disp, DWORD flags)
{
    return CreateFileA(path, access, share, NULL, disp, flags, NULL);
}

static void test_dispositions(void)
{
    HANDLE h;
    DWORD n;
    DeleteFileA(path);
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_READ, 0, OPEN_EXISTING, 0);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "missing: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    h = CreateFileA("C:\\no\\such\\dir\\x.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND, "missing dir: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_WRITE, 0, CREATE_NEW, 0);
    ok(h != INVALID_HANDLE_VALUE && GetLastError() == 0, "CREATE_NEW: err %lu\n", GetLastError());
    ok(WriteFile(h, "hello world", 11, &n, NULL) && n == 11, "write\n");
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_WRITE, 0, CREATE_NEW, 0);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_EXISTS, "CREATE_NEW exists: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_READ, 0, OPEN_ALWAYS, 0);
    ok(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS, "OPEN_ALWAYS: err %lu\n", GetLastError());
    ok(GetFileSize(h, NULL) == 11, "size %lu\n", GetFileSize(h, NULL));
    CloseHandle(h);
    h = open_file(GENERIC_WRITE, 0, TRUNCATE_EXISTING, 0);
    ok(h != INVALID_HANDLE_VALUE && GetFileSize(h, NULL) == 0, "truncated\n");
    ok(WriteFile(h, "abc", 3, &n, NULL), "write\n");
    CloseHandle(h);
    /* Windows documents GENERIC_WRITE as required; Wine truncates for a reader too */
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_READ, 0, TRUNCATE_EXISTING, 0);
    ok(h != INVALID_HANDLE_VALUE && GetLastError() == 0 && GetFileSize(h, NULL) == 0,
       "TRUNCATE for a reader: err %lu\n", GetLastError());
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_WRITE, 0, CREATE_ALWAYS, 0);
    ok(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS, "CREATE_ALWAYS: err %lu\n", GetLastError());
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_READ, 0, 0, 0);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER, "bad disposition: %lu\n",
       GetLastError());
    SetLastError(0xdeadbeef);
    h = CreateFileA(dir, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED, "directory: err %lu\n", GetLastError());
    h = CreateFileA(dir, 0, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    ok(h != INVALID_HANDLE_VALUE, "directory with backup semantics\n");
    CloseHandle(h);
}

static void test_sharing(void)
{
    HANDLE a, b;
    a = open_file(GENERIC_READ, FILE_SHARE_READ, OPEN_ALWAYS, 0);
    ok(a != INVALID_HANDLE_VALUE, "first\n");
    b = open_file(GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING, 0);
    ok(b != INVALID_HANDLE_VALUE, "second reader\n");
    CloseHandle(b);
    SetLastError(0xdeadbeef);
    b = open_file(GENERIC_WRITE, FILE_SHARE_READ, OPEN_EXISTING, 0);
    ok(b == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION, "writer: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    b = open_file(GENERIC_READ, 0, OPEN_EXISTING, 0);
    ok(b == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION, "no share: err %lu\n", GetLastError());
    CloseHandle(a);
    b = open_file(GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING, 0);
    ok(b != INVALID_HANDLE_VALUE, "after close\n");
    CloseHandle(b);
}

static void test_pointer_and_size(void)
{
    HANDLE h = open_file(GENERIC_READ | GENERIC_WRITE, 0, CREATE_ALWAYS, 0);
    LARGE_INTEGER pos, size;
    DWORD n, r;
    char buf[16];
    ok(WriteFile(h, "0123456789", 10, &n, NULL), "write\n");
    ok(SetFilePointer(h, 2, NULL, FILE_BEGIN) == 2, "seek\n");
    ok(ReadFile(h, buf, 3, &r, NULL) && r == 3 && !memcmp(buf, "234", 3), "read after seek\n");
    ok(SetFilePointer(h, -1, NULL, FILE_CURRENT) == 4, "relative\n");
    ok(SetFilePointer(h, -2, NULL, FILE_END) == 8, "from end\n");
    SetLastError(0xdeadbeef);
    ok(SetFilePointer(h, -20, NULL, FILE_BEGIN) == INVALID_SET_FILE_POINTER &&
       GetLastError() == ERROR_NEGATIVE_SEEK, "negative: err %lu\n", GetLastError());
    pos.QuadPart = 6;
    ok(SetFilePointerEx(h, pos, &size, FILE_BEGIN) && size.QuadPart == 6, "SetFilePointerEx\n");
    ok(SetEndOfFile(h), "SetEndOfFile\n");
    ok(GetFileSizeEx(h, &size) && size.QuadPart == 6, "size after truncate\n");
    ok(ReadFile(h, buf, 5, &r, NULL) && r == 0, "read at end: %lu\n", r);
    ok(FlushFileBuffers(h), "flush\n");
    CloseHandle(h);
}

static void test_delete_on_close(void)
{
    HANDLE h = open_file(GENERIC_WRITE, FILE_SHARE_DELETE, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE);
    ok(h != INVALID_HANDLE_VALUE, "create\n");
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_READ, 0, OPEN_EXISTING, 0);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "deleted on close: %lu\n", GetLastError());
}

int main(void)
{
    GetTempPathA(MAX_PATH, dir);
    lstrcpyA(path, dir);
    lstrcatA(path, "wl_k32_file.tmp");
    test_dispositions();
    test_sharing();
    test_pointer_and_size();
    test_delete_on_close();
    ok(!DeleteFileA(path) && GetLastError() == ERROR_FILE_NOT_FOUND, "already gone\n");
    return wl_summary();
}
