/* Drives and volumes: C: and Z: exist and are fixed disks; long/short names of an existing path. */
#include "wltest.h"

int main(void)
{
    DWORD mask = GetLogicalDrives(), n, serial = 0, maxlen = 0, flags = 0;
    char buf[256], fs[32], name[64], tmp[MAX_PATH], out[MAX_PATH];
    ULARGE_INTEGER avail, total, freeb;
    DWORD spc, bps, fc, tc;
    ok((mask & (1 << 2)) && (mask & (1 << 25)), "C: and Z: in %lx\n", mask);
    n = GetLogicalDriveStringsA(sizeof buf, buf);
    ok(n > 0 && n < sizeof buf && !lstrcmpA(buf, "C:\\"), "first drive string %s (%lu)\n", buf, n);
    ok(GetLogicalDriveStringsA(1, buf) > 1, "size query\n");
    ok(GetDriveTypeA("C:\\") == DRIVE_FIXED, "C: type %u\n", GetDriveTypeA("C:\\"));
    ok(GetDriveTypeA("Z:\\") == DRIVE_FIXED, "Z: type %u\n", GetDriveTypeA("Z:\\"));
    ok(GetDriveTypeA("Q:\\") == DRIVE_NO_ROOT_DIR, "Q: type %u\n", GetDriveTypeA("Q:\\"));
    ok(GetDiskFreeSpaceExA("C:\\", &avail, &total, &freeb), "GetDiskFreeSpaceEx\n");
    ok(total.QuadPart > 0 && avail.QuadPart <= total.QuadPart && freeb.QuadPart <= total.QuadPart, "sizes\n");
    ok(GetDiskFreeSpaceA("C:\\", &spc, &bps, &fc, &tc) && spc && bps && tc, "GetDiskFreeSpace\n");
    ok(GetVolumeInformationA("C:\\", name, sizeof name, &serial, &maxlen, &flags, fs, sizeof fs),
       "GetVolumeInformation err %lu\n", GetLastError());
    ok(maxlen == 255, "max component %lu\n", maxlen);
    ok(fs[0] != 0, "file system name\n");
    GetTempPathA(MAX_PATH, tmp);
    n = GetLongPathNameA(tmp, out, MAX_PATH);
    ok(n == (DWORD)lstrlenA(tmp) && !lstrcmpiA(out, tmp), "long %s -> %s\n", tmp, out);
    SetLastError(0xdeadbeef);
    ok(GetLongPathNameA("C:\\wl_missing_dir\\x", out, MAX_PATH) == 0 && GetLastError() == ERROR_FILE_NOT_FOUND,
       "missing: err %lu\n", GetLastError());
    ok(GetShortPathNameA(tmp, out, MAX_PATH) > 0, "short name\n");
    return wl_summary();
}
