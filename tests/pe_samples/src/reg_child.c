/* A child process writes registry values, its parent reads them (through the server) and
 * its RegNotifyChangeKeyValue event is signalled by the child's change.
 * Run with no argument: starts itself with "child" (CreateProcessA; skipped where there is
 * none) and checks what the child wrote.  "write" and "read" do one side each, for a test
 * that runs two processes itself. */
#include "wltest.h"
#include <string.h>

#define KEY "Software\\WinelikeTest\\reg_child"

static int do_write(void)
{
    HKEY k;
    DWORD i;
    LONG rc = RegCreateKeyExA(HKEY_CURRENT_USER, KEY, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    ok(rc == 0, "child create: %ld\n", rc);
    for (i = 0; i < 20; i++) {
        char name[16];
        wsprintfA(name, "v%lu", i);
        rc = RegSetValueExA(k, name, 0, REG_DWORD, (const BYTE *)&i, 4);
        ok(rc == 0, "child set %lu: %ld\n", i, rc);
    }
    rc = RegSetValueExA(k, "done", 0, REG_SZ, (const BYTE *)"yes", 4);
    ok(rc == 0, "child done: %ld\n", rc);
    RegCloseKey(k);
    return 0;
}

static void check_values(void)
{
    HKEY k;
    DWORD i, v, size, type;
    char buf[8];
    LONG rc = RegOpenKeyExA(HKEY_CURRENT_USER, KEY, 0, KEY_READ, &k);
    ok(rc == 0, "parent open: %ld\n", rc);
    if (rc) return;
    for (i = 0; i < 20; i++) {
        char name[16];
        wsprintfA(name, "v%lu", i);
        size = sizeof v;
        rc = RegQueryValueExA(k, name, NULL, &type, (BYTE *)&v, &size);
        ok(rc == 0 && v == i && type == REG_DWORD, "parent read %lu: %ld %lu\n", i, rc, v);
    }
    size = sizeof buf;
    rc = RegQueryValueExA(k, "done", NULL, &type, (BYTE *)buf, &size);
    ok(rc == 0 && !strcmp(buf, "yes"), "done: %ld\n", rc);
    RegCloseKey(k);
}

typedef BOOL (WINAPI *create_process_fn)(LPCSTR, LPSTR, void *, void *, BOOL, DWORD, void *, LPCSTR,
                                         STARTUPINFOA *, PROCESS_INFORMATION *);

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        do_write();
        return wl_failures;
    }
    if (argc > 1 && !strcmp(argv[1], "write")) {
        RegDeleteTreeA(HKEY_CURRENT_USER, KEY);
        do_write();
        return wl_summary();
    }
    if (argc > 1 && !strcmp(argv[1], "read")) {
        check_values();
        RegDeleteTreeA(HKEY_CURRENT_USER, KEY);
        return wl_summary();
    }
    {
        create_process_fn pCreateProcessA =
            (create_process_fn)GetProcAddress(GetModuleHandleA("kernel32.dll"), "CreateProcessA");
        char cmd[MAX_PATH + 16], exe[MAX_PATH];
        STARTUPINFOA si;
        PROCESS_INFORMATION pi;
        DWORD code = 1;
        if (!pCreateProcessA) {
            skip("no CreateProcessA: tests/registry/test_api_registry.py runs write and read itself\n");
            return wl_summary();
        }
        HKEY watch;
        HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
        RegDeleteTreeA(HKEY_CURRENT_USER, KEY);
        /* the parent watches the key; the child's writes signal it */
        RegCreateKeyExA(HKEY_CURRENT_USER, KEY, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &watch, NULL);
        ok(RegNotifyChangeKeyValue(watch, TRUE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE) == 0, "notify\n");
        GetModuleFileNameA(NULL, exe, sizeof exe);
        wsprintfA(cmd, "\"%s\" child", exe);
        memset(&si, 0, sizeof si);
        si.cb = sizeof si;
        ok(pCreateProcessA(exe, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcessA: %lu\n",
           GetLastError());
        WaitForSingleObject(pi.hProcess, 20000);
        GetExitCodeProcess(pi.hProcess, &code);
        ok(code == 0, "child exit code %lu\n", code);
        ok(WaitForSingleObject(ev, 5000) == WAIT_OBJECT_0, "the child's change did not signal the parent's event\n");
        RegCloseKey(watch);
        CloseHandle(ev);
        CloseHandle(pi.hProcess);
        CloseHandle(pi.hThread);
        check_values();
        RegDeleteTreeA(HKEY_CURRENT_USER, KEY);
    }
    return wl_summary();
}
