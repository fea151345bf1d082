/* File mappings: file-backed and pagefile-backed, named, views, errors. */
#include "wltest.h"

static char dir[MAX_PATH], path[MAX_PATH];

static void test_file_backed(void)
{
    HANDLE f, m;
    char *v, buf[16];
    DWORD n;
    MEMORY_BASIC_INFORMATION mbi;
    f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(f != INVALID_HANDLE_VALUE, "create file\n");
    SetLastError(0xdeadbeef);
    m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
    ok(!m && GetLastError() == ERROR_FILE_INVALID, "empty file: %lu\n", GetLastError());
    WriteFile(f, "hello mapping", 13, &n, NULL);
    m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
    ok(m != NULL, "mapping: %lu\n", GetLastError());
    v = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
    ok(v != NULL, "view: %lu\n", GetLastError());
    if (!v) return;
    ok(!memcmp(v, "hello mapping", 13) && v[13] == 0, "view shows the file\n");
    ok(VirtualQuery(v, &mbi, sizeof mbi) && mbi.Type == MEM_MAPPED && mbi.Protect == PAGE_READWRITE,
       "VirtualQuery type %lx protect %lx\n", mbi.Type, mbi.Protect);
    memcpy(v, "HELLO", 5);
    ok(FlushViewOfFile(v, 0), "flush\n");
    SetFilePointer(f, 0, NULL, FILE_BEGIN);
    ok(ReadFile(f, buf, 5, &n, NULL) && n == 5 && !memcmp(buf, "HELLO", 5), "file sees the view's write\n");
    SetFilePointer(f, 6, NULL, FILE_BEGIN);
    WriteFile(f, "MAP", 3, &n, NULL);
    ok(!memcmp(v + 6, "MAP", 3), "view sees WriteFile\n");
    SetFilePointer(f, 2, NULL, FILE_BEGIN);
    SetLastError(0xdeadbeef);
    ok(!SetEndOfFile(f) && GetLastError() == ERROR_USER_MAPPED_FILE, "truncate mapped: %lu\n", GetLastError());
    ok(UnmapViewOfFile(v), "unmap\n");
    SetLastError(0xdeadbeef);
    ok(!UnmapViewOfFile(v), "unmap twice\n");
    CloseHandle(m);
    ok(SetEndOfFile(f), "truncate after unmap\n");
    /* a writable mapping larger than the file extends it */
    m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0x12345, NULL);
    ok(m != NULL && GetFileSize(f, NULL) == 0x12345, "extended to %lx\n", GetFileSize(f, NULL));
    SetLastError(0xdeadbeef);
    v = MapViewOfFile(m, FILE_MAP_READ, 0, 0x1000, 0);
    ok(!v && GetLastError() == ERROR_MAPPED_ALIGNMENT, "unaligned offset: %lu\n", GetLastError());
    v = MapViewOfFile(m, FILE_MAP_READ, 0, 0x10000, 0);
    ok(v != NULL, "view at 64K\n");
    if (v) {
        ok(VirtualQuery(v, &mbi, sizeof mbi) && mbi.Protect == PAGE_READONLY && mbi.RegionSize == 0x3000,
           "read view protect %lx size %lx\n", mbi.Protect, (DWORD)mbi.RegionSize);
        UnmapViewOfFile(v);
    }
    SetLastError(0xdeadbeef);
    v = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0x20000);
    ok(!v && GetLastError() == ERROR_ACCESS_DENIED, "view past the end: %lu\n", GetLastError());
    CloseHandle(m);
    /* read-only mapping */
    m = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
    ok(m != NULL, "read-only mapping\n");
    SetLastError(0xdeadbeef);
    v = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
    ok(!v && GetLastError() == ERROR_ACCESS_DENIED, "write view of read-only: %lu\n", GetLastError());
    v = MapViewOfFile(m, FILE_MAP_COPY, 0, 0, 0);
    ok(v != NULL, "copy-on-write view: %lu\n", GetLastError());
    if (v) {
        v[0] = 'X';
        SetFilePointer(f, 0, NULL, FILE_BEGIN);
        ok(ReadFile(f, buf, 1, &n, NULL) && buf[0] == 'H', "copy-on-write stays private: %c\n", buf[0]);
        UnmapViewOfFile(v);
    }
    CloseHandle(m);
    CloseHandle(f);
    ok(DeleteFileA(path), "delete\n");
}

static void test_pagefile(void)
{
    HANDLE m, m2, m3;
    char *v, *v2;
    char name[64];
    wsprintfA(name, "wl_mapping_%lu", GetCurrentProcessId());
    SetLastError(0xdeadbeef);
    m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL);
    ok(!m && GetLastError() == ERROR_INVALID_PARAMETER, "size 0: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!OpenFileMappingA(FILE_MAP_READ, FALSE, name) && GetLastError() == ERROR_FILE_NOT_FOUND,
       "open missing: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x10000, name);
    ok(m != NULL && GetLastError() == 0, "named: %lu\n", GetLastError());
    v = MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    ok(v != NULL && v[0] == 0 && v[0xFFFF] == 0, "zeroed view\n");
    if (!v) return;
    lstrcpyA(v, "shared pages");
    SetLastError(0xdeadbeef);
    m2 = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x1000, name);
    ok(m2 != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "again: %lu\n", GetLastError());
    m3 = OpenFileMappingA(FILE_MAP_READ, FALSE, name);
    ok(m3 != NULL, "open\n");
    v2 = MapViewOfFile(m3, FILE_MAP_READ, 0, 0, 0);
    ok(v2 != NULL && v2 != v && !lstrcmpA(v2, "shared pages"), "second view shares the pages\n");
    v[0] = 'S';
    ok(v2 && v2[0] == 'S', "writes show through\n");
    UnmapViewOfFile(v2);
    CloseHandle(m3);
    CloseHandle(m2);
    CloseHandle(m);
    SetLastError(0xdeadbeef);
    ok(!OpenFileMappingA(FILE_MAP_READ, FALSE, name) && GetLastError() == ERROR_FILE_NOT_FOUND,
       "the name goes with the last handle: %lu\n", GetLastError());
    ok(!lstrcmpA(v, "Shared pages"), "the view stays: %s\n", v);
    UnmapViewOfFile(v);
    /* unnamed, and a view at a chosen address */
    m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x2000, NULL);
    v = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
    ok(v != NULL, "unnamed view\n");
    if (v) {
        char *base = v + 0x100000;
        v2 = MapViewOfFileEx(m, FILE_MAP_WRITE, 0, 0, 0, base);
        if (v2) {
            ok(v2 == base, "view at %p, asked %p\n", v2, base);
            v[5] = 42;
            ok(v2[5] == 42, "two views of one unnamed mapping\n");
            UnmapViewOfFile(v2);
        } else {
            skip("address %p taken\n", base);
        }
        SetLastError(0xdeadbeef);
        ok(!MapViewOfFileEx(m, FILE_MAP_WRITE, 0, 0, 0, v) && GetLastError() == ERROR_INVALID_ADDRESS,
           "address in use: %lu\n", GetLastError());
        UnmapViewOfFile(v);
    }
    CloseHandle(m);
}

int main(void)
{
    GetTempPathA(MAX_PATH, dir);
    wsprintfA(path, "%swl_map_%lu.bin", dir, GetCurrentProcessId());
    test_file_backed();
    test_pagefile();
    return wl_summary();
}
