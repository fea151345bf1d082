/* The error code of each failure mode of the file API, one row per operation.  The expected
 * codes were captured from Wine 8 (build with -DCAPTURE and run under Wine to print the rows). */
#include "wltest.h"

static char dir[MAX_PATH];
static char p1[MAX_PATH], p2[MAX_PATH];

static const char *P(char *buf, const char *leaf) { wsprintfA(buf, "%s\\%s", dir, leaf); return buf; }

static DWORD result(BOOL ok_)
{
    return ok_ ? 0 : GetLastError();
}

static DWORD open_err(const char *leaf, DWORD access, DWORD share, DWORD disp, DWORD flags)
{
    HANDLE h = CreateFileA(P(p1, leaf), access, share, NULL, disp, flags, NULL);
    if (h == INVALID_HANDLE_VALUE) return GetLastError();
    CloseHandle(h);
    return 0;
}

static DWORD map_empty(void)
{
    HANDLE h = CreateFileA(P(p1, "empty.bin"), GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    HANDLE m;
    DWORD err;
    SetLastError(0xdeadbeef);
    m = CreateFileMappingA(h, NULL, PAGE_READWRITE, 0, 0, NULL);
    err = m ? 0 : GetLastError();
    if (m) CloseHandle(m);
    CloseHandle(h);
    return err;
}

static DWORD dir_size(void)
{
    HANDLE h = CreateFileA(dir, 0, 7, NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    DWORD n = GetFileSize(h, NULL);
    CloseHandle(h);
    return n;
}

struct row { const char *what; DWORD expected; };
#include "file_errors_table.h"

static void put(const char *leaf)
{
    DWORD n;
    HANDLE h = CreateFileA(P(p1, leaf), GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(h, "data", 4, &n, NULL);
    CloseHandle(h);
}

int main(void)
{
    DWORD got[64], n;
    const char *what[64];
    int i, k = 0;
    HANDLE h;
    char buf[16];
    WIN32_FIND_DATAA fd;
    LONG high;
    GetTempPathA(MAX_PATH, dir);
    wsprintfA(dir + lstrlenA(dir), "wl_err_%lu", GetCurrentProcessId());
    CreateDirectoryA(dir, NULL);
    put("file.txt");
    put("other.txt");
    CreateDirectoryA(P(p1, "sub"), NULL);
    put("sub\\inner.txt");
    CreateDirectoryA(P(p1, "empty"), NULL);

#ifdef CAPTURE
#define ROW(name, expr) do { SetLastError(0xdeadbeef); what[k] = name; got[k] = (expr); \
    wl_out("    { \"%s\", %lu },\n", what[k], got[k]); k++; } while (0)
#else
#define ROW(name, expr) do { SetLastError(0xdeadbeef); what[k] = name; got[k++] = (expr); } while (0)
#endif
    ROW("CreateDirectory existing", result(CreateDirectoryA(P(p1, "sub"), NULL)));
    ROW("CreateDirectory over a file", result(CreateDirectoryA(P(p1, "file.txt"), NULL)));
    ROW("CreateDirectory missing parent", result(CreateDirectoryA(P(p1, "nope\\x"), NULL)));
    ROW("RemoveDirectory not empty", result(RemoveDirectoryA(P(p1, "sub"))));
    ROW("RemoveDirectory a file", result(RemoveDirectoryA(P(p1, "file.txt"))));
    ROW("RemoveDirectory missing", result(RemoveDirectoryA(P(p1, "nope"))));
    ROW("RemoveDirectory missing parent", result(RemoveDirectoryA(P(p1, "nope\\x"))));
    ROW("DeleteFile a directory", result(DeleteFileA(P(p1, "sub"))));
    ROW("DeleteFile missing", result(DeleteFileA(P(p1, "nope.txt"))));
    ROW("DeleteFile missing parent", result(DeleteFileA(P(p1, "nope\\x.txt"))));
    ROW("DeleteFile through a file", result(DeleteFileA(P(p1, "file.txt\\x"))));
    ROW("MoveFile onto existing", result(MoveFileA(P(p1, "file.txt"), P(p2, "other.txt"))));
    ROW("MoveFile missing source", result(MoveFileA(P(p1, "nope.txt"), P(p2, "new.txt"))));
    ROW("MoveFile into missing dir", result(MoveFileA(P(p1, "file.txt"), P(p2, "nope\\new.txt"))));
    ROW("MoveFileEx replace onto a dir", result(MoveFileExA(P(p1, "file.txt"), P(p2, "empty"),
                                                            MOVEFILE_REPLACE_EXISTING)));
    ROW("CopyFile fail if exists", result(CopyFileA(P(p1, "file.txt"), P(p2, "other.txt"), TRUE)));
    ROW("CopyFile missing source", result(CopyFileA(P(p1, "nope.txt"), P(p2, "new.txt"), FALSE)));
    ROW("CopyFile a directory", result(CopyFileA(P(p1, "sub"), P(p2, "new.txt"), FALSE)));
    ROW("CopyFile into missing dir", result(CopyFileA(P(p1, "file.txt"), P(p2, "nope\\new.txt"), FALSE)));
    ROW("CreateFile a directory", open_err("sub", GENERIC_READ, 0, OPEN_EXISTING, 0));
    ROW("CreateFile CREATE_NEW existing", open_err("file.txt", GENERIC_WRITE, 0, CREATE_NEW, 0));
    ROW("CreateFile OPEN_EXISTING missing", open_err("nope.txt", GENERIC_READ, 0, OPEN_EXISTING, 0));
    ROW("CreateFile TRUNCATE_EXISTING missing", open_err("nope.txt", GENERIC_WRITE, 0, TRUNCATE_EXISTING, 0));
    ROW("CreateFile missing parent", open_err("nope\\x.txt", GENERIC_WRITE, 0, CREATE_ALWAYS, 0));
    ROW("CreateFile bad disposition", open_err("file.txt", GENERIC_READ, 0, 6, 0));
    ROW("CreateFile wildcard name", open_err("fi*.txt", GENERIC_READ, 0, OPEN_EXISTING, 0));
    ROW("CreateFile CREATE_ALWAYS on a dir", open_err("empty", GENERIC_WRITE, 0, CREATE_ALWAYS, 0));
    ROW("CreateFile dir with backup semantics, CREATE_NEW", open_err("empty", GENERIC_READ, 0, CREATE_NEW,
                                                                     FILE_FLAG_BACKUP_SEMANTICS));
    ROW("SetCurrentDirectory a file", result(SetCurrentDirectoryA(P(p1, "file.txt"))));
    ROW("SetCurrentDirectory missing", result(SetCurrentDirectoryA(P(p1, "nope"))));
    ROW("GetFileAttributes missing", GetFileAttributesA(P(p1, "nope.txt")) == INVALID_FILE_ATTRIBUTES ? GetLastError() : 0);
    ROW("GetFileAttributes missing parent", GetFileAttributesA(P(p1, "nope\\x")) == INVALID_FILE_ATTRIBUTES ? GetLastError() : 0);
    ROW("FindFirstFile missing dir", (h = FindFirstFileA(P(p1, "nope\\*"), &fd)) == INVALID_HANDLE_VALUE ? GetLastError() : (FindClose(h), 0));
    ROW("FindFirstFile no match", (h = FindFirstFileA(P(p1, "*.none"), &fd)) == INVALID_HANDLE_VALUE ? GetLastError() : (FindClose(h), 0));
    ROW("FindFirstFile trailing backslash", (h = FindFirstFileA(P(p1, "sub\\"), &fd)) == INVALID_HANDLE_VALUE ? GetLastError() : (FindClose(h), 0));
    ROW("FindClose bad handle", result(FindClose((HANDLE)0x1234)));

    h = CreateFileA(P(p1, "file.txt"), GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ROW("WriteFile on a read-only handle", result(WriteFile(h, "x", 1, &n, NULL)));
    ROW("SetEndOfFile on a read-only handle", result(SetEndOfFile(h)));
    ROW("SetFilePointer before the start", SetFilePointer(h, -10, NULL, FILE_BEGIN) == INVALID_SET_FILE_POINTER ? GetLastError() : 0);
    high = -1;
    ROW("SetFilePointer negative 64-bit", SetFilePointer(h, 0, &high, FILE_BEGIN) == INVALID_SET_FILE_POINTER ? GetLastError() : 0);
    ROW("SetFilePointer bad method", SetFilePointer(h, 0, NULL, 7) == INVALID_SET_FILE_POINTER ? GetLastError() : 0);
    ROW("UnlockFile not locked", result(UnlockFile(h, 0, 0, 1, 0)));
    CloseHandle(h);
    h = CreateFileA(P(p1, "file.txt"), GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ROW("ReadFile on a write-only handle", result(ReadFile(h, buf, 1, &n, NULL)));
    CloseHandle(h);
    ROW("ReadFile bad handle", result(ReadFile((HANDLE)0x1234, buf, 1, &n, NULL)));
    ROW("CloseHandle twice", result(CloseHandle(h)));
    ROW("GetFileSize bad handle", GetFileSize((HANDLE)0x1234, NULL) == INVALID_FILE_SIZE ? GetLastError() : 0);
    ROW("GetFullPathName empty", GetFullPathNameA("", MAX_PATH, p2, NULL) ? 0 : GetLastError());
    ROW("GetLongPathName missing", GetLongPathNameA(P(p1, "nope.txt"), p2, MAX_PATH) ? 0 : GetLastError());
    ROW("ReplaceFile missing replaced", result(ReplaceFileA(P(p1, "nope.txt"), P(p2, "other.txt"), NULL, 0, NULL, NULL)));
    ROW("CreateFileMapping of an empty file", map_empty());
    ROW("OpenFileMapping missing", OpenFileMappingA(FILE_MAP_READ, FALSE, "wl_no_such_mapping") ? 0 : GetLastError());
    /* not an address inside the exe: Wine would unmap the whole image */
    ROW("GetTempFileName in a missing dir", GetTempFileNameA(P(p1, "nope"), "wl", 0, p2) ? 0 : GetLastError());
    ROW("GetFileSize of a directory (the size)", dir_size());
    ROW("UnmapViewOfFile not a view", result(UnmapViewOfFile(HeapAlloc(GetProcessHeap(), 0, 64))));

    for (i = 0; i < k; i++) {
#ifdef CAPTURE
        (void)rows;
#else
        ok(rows[i].what && !lstrcmpA(rows[i].what, what[i]) && got[i] == rows[i].expected,
           "%s: error %lu, expected %lu\n", what[i], got[i], rows[i].what ? rows[i].expected : 0);
#endif
    }
    DeleteFileA(P(p1, "file.txt"));
    DeleteFileA(P(p1, "other.txt"));
    DeleteFileA(P(p1, "empty.bin"));
    DeleteFileA(P(p1, "new.txt"));
    DeleteFileA(P(p1, "sub\\inner.txt"));
    RemoveDirectoryA(P(p1, "sub"));
    RemoveDirectoryA(P(p1, "empty"));
    ok(RemoveDirectoryA(dir), "cleanup: %lu\n", GetLastError());
    return wl_summary();
}
