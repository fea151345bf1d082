/* Share modes, byte-range locks and a named mapping seen from a second process.
 *
 *   file_xproc                   the program runs itself as the holder (CreateProcess) and checks;
 *                                skipped where CreateProcessA is missing
 *   file_xproc hold DIR NAME     the holder: opens DIR\share.txt (read+write, FILE_SHARE_READ), locks
 *                                bytes 0-9 of DIR\lock.txt, creates pagefile mapping NAME and a mapping
 *                                NAME_file of DIR\mapped.bin, writes DIR\ready, waits for DIR\release,
 *                                exits 0 if the checker's replies are in both mappings
 *   file_xproc check DIR NAME    the checks against a running holder, then writes DIR\release
 * tests/files/test_cross_process.py runs hold and check as two winelike processes. */
#include "wltest.h"

static const char *dir, *name;

static void path_of(char *out, const char *leaf) { wsprintfA(out, "%s\\%s", dir, leaf); }

static int exists(const char *leaf)
{
    char p[MAX_PATH];
    path_of(p, leaf);
    return GetFileAttributesA(p) != INVALID_FILE_ATTRIBUTES;
}

static void touch(const char *leaf)
{
    char p[MAX_PATH];
    HANDLE h;
    path_of(p, leaf);
    h = CreateFileA(p, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, CREATE_ALWAYS,
                    0, NULL);
    CloseHandle(h);
}

static int wait_for(const char *leaf)
{
    int i;
    for (i = 0; i < 6000; i++) {
        if (exists(leaf)) return 1;
        Sleep(10);
    }
    return 0;
}

static char fname[80];

static int hold(void)
{
    char p[MAX_PATH];
    HANDLE f, l, m, mf, fm;
    char *v, *vf;
    DWORD n;
    int good;
    path_of(p, "share.txt");
    f = CreateFileA(p, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, 0, NULL);
    path_of(p, "lock.txt");
    l = CreateFileA(p, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, CREATE_ALWAYS, 0, NULL);
    if (f == INVALID_HANDLE_VALUE || l == INVALID_HANDLE_VALUE || !LockFile(l, 0, 0, 10, 0)) return 2;
    m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x10000, name);
    v = m ? MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0) : NULL;
    if (!v) return 3;
    lstrcpyA(v, "hello from the holder");
    /* a named mapping of a file */
    path_of(p, "mapped.bin");
    mf = CreateFileA(p, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(mf, "file-backed hello", 18, &n, NULL);
    fm = CreateFileMappingA(mf, NULL, PAGE_READWRITE, 0, 0x1000, fname);
    vf = fm ? MapViewOfFile(fm, FILE_MAP_WRITE, 0, 0, 0) : NULL;
    if (!vf) return 6;
    touch("ready");
    if (!wait_for("release")) return 4;
    good = !lstrcmpA(v, "reply from the checker") && !lstrcmpA(vf, "file reply");
    UnmapViewOfFile(vf);
    CloseHandle(fm);
    CloseHandle(mf);
    UnmapViewOfFile(v);
    CloseHandle(m);
    CloseHandle(l);
    CloseHandle(f);
    return good ? 0 : 5;
}

static void check(void)
{
    char p[MAX_PATH];
    HANDLE h, m;
    char *v;
    DWORD err;
    path_of(p, "share.txt");
    h = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "reader sharing read and write: %lu\n", GetLastError());
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    h = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    err = GetLastError();
    ok(h == INVALID_HANDLE_VALUE && err == ERROR_SHARING_VIOLATION, "reader not sharing write: %lu\n", err);
    SetLastError(0xdeadbeef);
    h = CreateFileA(p, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    err = GetLastError();
    ok(h == INVALID_HANDLE_VALUE && err == ERROR_SHARING_VIOLATION, "writer: %lu\n", err);
    SetLastError(0xdeadbeef);
    ok(!DeleteFileA(p), "delete\n");
    err = GetLastError();
    ok(err == ERROR_SHARING_VIOLATION, "delete: %lu\n", err);
    h = CreateFileA(p, 0, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "no data access takes no part in sharing: %lu\n", GetLastError());
    CloseHandle(h);

    path_of(p, "lock.txt");
    h = CreateFileA(p, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "open lock.txt\n");
    SetLastError(0xdeadbeef);
    ok(!LockFile(h, 5, 0, 2, 0), "locked by the holder\n");
    err = GetLastError();
    ok(err == ERROR_LOCK_VIOLATION, "lock: %lu\n", err);
    ok(LockFile(h, 20, 0, 2, 0), "free range\n");
    ok(UnlockFile(h, 20, 0, 2, 0), "unlock\n");
    CloseHandle(h);

    m = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, name);
    ok(m != NULL, "open mapping %s: %lu\n", name, GetLastError());
    v = m ? MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, 0) : NULL;
    ok(v && !lstrcmpA(v, "hello from the holder"), "the holder's data: %s\n", v ? v : "(none)");
    if (v) {
        lstrcpyA(v, "reply from the checker");
        UnmapViewOfFile(v);
    }
    if (m) CloseHandle(m);

    m = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, fname);
    ok(m != NULL, "open file-backed mapping %s: %lu\n", fname, GetLastError());
    v = m ? MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, 0) : NULL;
    ok(v && !lstrcmpA(v, "file-backed hello"), "the holder's file: %s\n", v ? v : "(none)");
    if (v) {
        lstrcpyA(v, "file reply");
        UnmapViewOfFile(v);
    }
    if (m) CloseHandle(m);
    touch("release");
}

int main(int argc, char **argv)
{
    char self[MAX_PATH], cmd[3 * MAX_PATH], tmp[MAX_PATH], mapname[64];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD code;
    BOOL (WINAPI *create)(LPCSTR, LPSTR, LPSECURITY_ATTRIBUTES, LPSECURITY_ATTRIBUTES, BOOL, DWORD, LPVOID, LPCSTR,
                          LPSTARTUPINFOA, LPPROCESS_INFORMATION);
    if (argc == 4) {
        dir = argv[2];
        name = argv[3];
        wsprintfA(fname, "%s_file", name);
        if (!lstrcmpA(argv[1], "hold")) return hold();
        check();
        return wl_summary();
    }
    create = (void *)GetProcAddress(GetModuleHandleA("kernel32.dll"), "CreateProcessA");
    if (!create) {
        skip("no CreateProcessA: tests/files/test_cross_process.py runs the two processes\n");
        return wl_summary();
    }
    GetTempPathA(MAX_PATH, tmp);
    wsprintfA(tmp + lstrlenA(tmp), "wl_xproc_%lu", GetCurrentProcessId());
    CreateDirectoryA(tmp, NULL);
    wsprintfA(mapname, "wl_xproc_map_%lu", GetCurrentProcessId());
    dir = tmp;
    name = mapname;
    wsprintfA(fname, "%s_file", name);
    GetModuleFileNameA(NULL, self, MAX_PATH);
    wsprintfA(cmd, "\"%s\" hold \"%s\" %s", self, dir, name);
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    ok(create(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess: %lu\n", GetLastError());
    ok(wait_for("ready"), "the holder is ready\n");
    check();
    ok(WaitForSingleObject(pi.hProcess, 60000) == WAIT_OBJECT_0, "holder exits\n");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == 0, "holder saw the reply: exit %lu\n", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    {
        static const char *leaves[] = { "share.txt", "lock.txt", "mapped.bin", "ready", "release", NULL };
        char p[MAX_PATH];
        int i;
        for (i = 0; leaves[i]; i++) {
            path_of(p, leaves[i]);
            DeleteFileA(p);
        }
    }
    RemoveDirectoryA(tmp);
    return wl_summary();
}
