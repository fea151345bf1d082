/* WLTEST-MANUAL: run by tests/files/test_sandbox.py with `winelike run --sandbox`.
 *
 *   file_sandbox CANARY RELATIVE
 * CANARY is a host directory outside drive_c (Unix form, "/tmp/.../canary") holding secret.txt;
 * RELATIVE is the same directory relative to drive_c ("../../tmp/.../canary").  drive_c holds
 * symlinks that point out: link_dir -> CANARY, link_file.txt -> CANARY/secret.txt and
 * dangling.txt -> CANARY/new.txt (which does not exist).  Every attempt to read, create, list,
 * change into, move, copy or delete anything outside drive_c must fail; the test then checks that
 * nothing in CANARY changed.  Inside drive_c everything still works. */
#include "wltest.h"
#include <stdio.h>

static char canary_unix[MAX_PATH], rel[MAX_PATH];
static int attempts;

static void dos(char *out, const char *unix_path)
{
    char *p;
    lstrcpyA(out, unix_path);
    for (p = out; *p; p++) if (*p == '/') *p = '\\';
}

static void refused_open(const char *path)
{
    HANDLE h;
    attempts++;
    h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                    FILE_FLAG_BACKUP_SEMANTICS, NULL);
    ok(h == INVALID_HANDLE_VALUE, "opened %s\n", path);
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
}

static void refused_create(const char *path)
{
    HANDLE h;
    attempts++;
    h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE, "created %s\n", path);
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
}

static void refused_attr(const char *path)
{
    attempts++;
    ok(GetFileAttributesA(path) == INVALID_FILE_ATTRIBUTES, "attributes of %s\n", path);
}

static void refused_find(const char *pattern)
{
    WIN32_FIND_DATAA fd;
    HANDLE h;
    attempts++;
    h = FindFirstFileA(pattern, &fd);
    ok(h == INVALID_HANDLE_VALUE, "listed %s (%s)\n", pattern, h == INVALID_HANDLE_VALUE ? "" : fd.cFileName);
    if (h != INVALID_HANDLE_VALUE) FindClose(h);
}

int main(int argc, char **argv)
{
    char c[MAX_PATH], p[2 * MAX_PATH], buf[MAX_PATH];
    static const char *outside_forms[] = {
        "Z:%s\\secret.txt", "z:%s\\SECRET.TXT", "\\\\?\\Z:%s\\secret.txt", "\\\\.\\Z:%s\\secret.txt",
        "\\\\?\\UNC\\localhost\\Z$%s\\secret.txt", "\\\\localhost\\Z$%s\\secret.txt", "Z:%s", "Z:%s\\",
        NULL };
    static const char *rel_forms[] = {
        "C:\\%s\\secret.txt", "C:%s\\secret.txt", "\\%s\\secret.txt", "%s\\secret.txt",
        "C:\\windows\\..\\..\\..\\%s\\secret.txt", "\\\\?\\C:\\%s\\secret.txt", "\\\\.\\C:\\%s\\secret.txt",
        "C:/%s/secret.txt", "C:\\.\\%s\\.\\secret.txt", "C:\\%s\\secret.txt.", "C:\\%s\\secret.txt  ",
        NULL };
    static const char *links[] = {
        "C:\\link_dir\\secret.txt", "C:\\LINK_DIR\\secret.txt", "C:\\link_file.txt", "C:\\Link_File.TXT",
        "\\\\?\\C:\\link_file.txt", "C:\\link_dir", "C:\\link_dir\\", "\\\\.\\C:\\link_dir\\secret.txt",
        NULL };
    int i;
    FILE *f;
    if (argc < 3) {
        skip("needs CANARY and RELATIVE arguments\n");
        return wl_summary();
    }
    dos(canary_unix, argv[1]);
    dos(rel, argv[2]);

    /* drives: only C: */
    attempts++;
    ok(GetLogicalDrives() == 1 << 2, "drives %lx\n", GetLogicalDrives());
    attempts++;
    ok(GetDriveTypeA("Z:\\") == DRIVE_NO_ROOT_DIR, "Z: type %u\n", GetDriveTypeA("Z:\\"));
    attempts++;
    ok(!SetCurrentDirectoryA("Z:\\"), "cd Z:\\\n");
    attempts++;
    ok(!SetCurrentDirectoryA("\\\\?\\Z:\\"), "cd \\\\?\\Z:\\\n");

    for (i = 0; outside_forms[i]; i++) {
        wsprintfA(p, outside_forms[i], canary_unix);
        refused_open(p);
        refused_attr(p);
    }
    for (i = 0; rel_forms[i]; i++) {
        wsprintfA(p, rel_forms[i], rel);
        refused_open(p);
        refused_attr(p);
    }
    for (i = 0; links[i]; i++) {
        refused_open(links[i]);
        refused_attr(links[i]);
    }
    /* a Unix path, as Wine would take it through Z: */
    wsprintfA(p, "%s/secret.txt", argv[1]);
    refused_open(p);
    refused_open(argv[1]);
    /* creating: through the dangling link, through the directory link, next to the canary */
    refused_create("C:\\dangling.txt");
    refused_create("\\\\?\\C:\\dangling.txt");
    refused_create("C:\\link_dir\\new.txt");
    wsprintfA(p, "Z:%s\\new.txt", canary_unix);
    refused_create(p);
    wsprintfA(p, "C:\\%s\\new.txt", rel);
    refused_create(p);
    attempts++;
    ok(!CreateDirectoryA("C:\\link_dir\\newdir", NULL), "mkdir through a link\n");
    wsprintfA(p, "C:\\%s\\newdir", rel);
    attempts++;
    ok(!CreateDirectoryA(p, NULL), "mkdir %s\n", p);
    /* listing */
    refused_find("C:\\link_dir\\*");
    wsprintfA(p, "Z:%s\\*", canary_unix);
    refused_find(p);
    wsprintfA(p, "C:\\%s\\*", rel);
    refused_find(p);
    refused_find("Z:\\*");
    refused_find("C:\\link_*");          /* links out of drive_c are not listed at all */
    refused_find("C:\\dangling.txt");
    /* changing directory, then relative names */
    attempts++;
    ok(!SetCurrentDirectoryA("C:\\link_dir"), "cd into the link\n");
    attempts++;
    ok(SetCurrentDirectoryA("C:\\windows") && GetFileAttributesA("..\\..\\..\\etc\\passwd") == INVALID_FILE_ATTRIBUTES,
       "..\\ from C:\\windows\n");
    /* moving, copying, deleting across the boundary */
    wsprintfA(p, "C:\\%s\\moved.txt", rel);
    attempts++;
    ok(!MoveFileA("C:\\inside.txt", p), "move out\n");
    attempts++;
    ok(!CopyFileA("C:\\inside.txt", "C:\\link_dir\\copied.txt", FALSE), "copy out through a link\n");
    attempts++;
    ok(!CopyFileA("C:\\link_file.txt", "C:\\copied_in.txt", FALSE), "copy in through a link\n");
    attempts++;
    ok(!DeleteFileA("C:\\link_dir\\secret.txt"), "delete through a link\n");
    wsprintfA(p, "Z:%s\\secret.txt", canary_unix);
    attempts++;
    ok(!DeleteFileA(p), "delete on Z:\n");
    attempts++;
    ok(!SetFileAttributesA("C:\\link_file.txt", FILE_ATTRIBUTE_READONLY), "chmod through a link\n");
    attempts++;
    ok(!ReplaceFileA("C:\\link_file.txt", "C:\\inside.txt", NULL, 0, NULL, NULL), "replace through a link\n");
    /* the CRT on top */
    attempts++;
    f = fopen("C:\\link_file.txt", "r");
    ok(f == NULL, "fopen through a link\n");
    if (f) fclose(f);
    wsprintfA(p, "Z:%s\\secret.txt", canary_unix);
    attempts++;
    f = fopen(p, "r");
    ok(f == NULL, "fopen on Z:\n");
    if (f) fclose(f);
    attempts++;
    f = fopen("C:\\dangling.txt", "w");
    ok(f == NULL, "fopen(w) through a dangling link\n");
    if (f) fclose(f);
    /* LoadLibrary of a path outside */
    wsprintfA(p, "Z:%s\\secret.dll", canary_unix);
    attempts++;
    ok(LoadLibraryA(p) == NULL, "LoadLibrary %s\n", p);

    /* starting a program that lies outside (CANARY\run.exe, copied there by the test) */
    {
        BOOL (WINAPI *create)(LPCSTR, LPSTR, LPSECURITY_ATTRIBUTES, LPSECURITY_ATTRIBUTES, BOOL, DWORD, LPVOID,
                              LPCSTR, LPSTARTUPINFOA, LPPROCESS_INFORMATION);
        static const char *progs[] = { "Z:%s\\run.exe", "\\\\?\\Z:%s\\run.exe", "C:\\link_dir\\run.exe", NULL };
        STARTUPINFOA si;
        PROCESS_INFORMATION pi;
        char cmd[2 * MAX_PATH];
        create = (void *)GetProcAddress(GetModuleHandleA("kernel32.dll"), "CreateProcessA");
        for (i = 0; create && progs[i]; i++) {
            memset(&si, 0, sizeof si);
            si.cb = sizeof si;
            wsprintfA(cmd, progs[i], canary_unix);
            attempts++;
            ok(!create(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "started %s\n", cmd);
        }
        wsprintfA(cmd, "C:\\%s\\run.exe", rel);
        attempts++;
        ok(!create || !create(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "started %s\n", cmd);
    }

    /* inside drive_c all is normal */
    ok(GetFileAttributesA("C:\\inside.txt") != INVALID_FILE_ATTRIBUTES, "inside.txt\n");
    ok(CopyFileA("C:\\inside.txt", "C:\\copy.txt", FALSE) && DeleteFileA("C:\\copy.txt"), "copy inside\n");
    ok(GetFullPathNameA("C:\\windows\\..\\inside.txt", MAX_PATH, buf, NULL) && !lstrcmpA(buf, "C:\\inside.txt"),
       "full path %s\n", buf);
    GetCurrentDirectoryA(MAX_PATH, c);
    trace("%d escape attempts, current directory %s\n", attempts, c);
    ok(attempts >= 50, "only %d attempts\n", attempts);
    return wl_summary();
}
