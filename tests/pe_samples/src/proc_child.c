
/* Child processes: the program is its own child ("proc_child.exe child MODE ARGS...").  CreateProcessA/W
 * with a command line, a current directory and an environment block; exit codes (STILL_ACTIVE while
 * running), waits on process and thread handles, TerminateProcess, OpenProcess, process and thread ids;
 * handle inheritance; a named event and a named mutex shared with the child; a mutex abandoned by a
 * killed child and by one that exits holding it; the child's stdin and stdout redirected through pipes;
 * DuplicateHandle into and out of the child; CREATE_SUSPENDED and ResumeThread; a killed child's handles
 * closed and its wait forgotten; main returning ends the process whatever its other threads do. */
#include "wltest.h"
#include <stdio.h>
#include <string.h>

static char exe[MAX_PATH];
static char names[4][64];      /* object names made unique with the parent's pid */

/* ---------------- the child ---------------- */

static DWORD parse_hex(const char *s)
{
    DWORD v = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') v = v * 16 + (*s - '0');
        else if (*s >= 'a' && *s <= 'f') v = v * 16 + (*s - 'a' + 10);
        else break;
    }
    return v;
}

static DWORD parse_dec(const char *s)
{
    DWORD v = 0;
    for (; *s >= '0' && *s <= '9'; s++) v = v * 10 + (*s - '0');
    return v;
}

static void out(HANDLE h, const char *s)
{
    DWORD n;
    WriteFile(h, s, lstrlenA(s), &n, NULL);
}

static int child_main(int argc, char **argv)
{
    const char *mode = argv[2];
    char buf[512];
    DWORD n, total;
    HANDLE h, h2;

    if (!strcmp(mode, "exit")) return (int)parse_dec(argv[3]);
    if (!strcmp(mode, "args"))
        return argc == 6 && !strcmp(argv[3], "one") && !strcmp(argv[4], "two words") && !strcmp(argv[5], "three")
               ? 0 : 10 + argc;
    if (!strcmp(mode, "cwd")) {
        GetCurrentDirectoryA(sizeof(buf), buf);
        return lstrcmpiA(buf, argv[3]) ? 1 : 0;
    }
    if (!strcmp(mode, "env")) {       /* env VALUE: WL_CHILD_VAR=VALUE and nothing of the parent's */
        n = GetEnvironmentVariableA("WL_CHILD_VAR", buf, sizeof(buf));
        if (!n || strcmp(buf, argv[3])) return 1;
        if (GetEnvironmentVariableA("WL_PARENT_ONLY", buf, sizeof(buf))) return 2;
        return 0;
    }
    if (!strcmp(mode, "envinherit")) {
        n = GetEnvironmentVariableA("WL_PARENT_ONLY", buf, sizeof(buf));
        return n && !strcmp(buf, "yes") ? 0 : 1;
    }
    if (!strcmp(mode, "waitgo")) {    /* waitgo EVENT: exit 7 once the parent sets it */
        h = OpenEventA(SYNCHRONIZE, FALSE, argv[3]);
        if (!h) return 100 + GetLastError();
        return WaitForSingleObject(h, 20000) == WAIT_OBJECT_0 ? 7 : 1;
    }
    if (!strcmp(mode, "sleep")) { Sleep(20000); return 1; }
    if (!strcmp(mode, "signal")) {    /* signal EVENT: set it, exit 42 */
        h = OpenEventA(EVENT_MODIFY_STATE, FALSE, argv[3]);
        if (!h) return 100 + GetLastError();
        SetEvent(h);
        return 42;
    }
    if (!strcmp(mode, "inherit")) {   /* inherit HEX: an inherited event handle */
        h = (HANDLE)(ULONG_PTR)parse_hex(argv[3]);
        return SetEvent(h) ? 0 : 100 + GetLastError();
    }
    if (!strcmp(mode, "named")) {     /* named EVENT MUTEX: take the mutex, set the event, release */
        h = OpenEventA(EVENT_MODIFY_STATE, FALSE, argv[3]);
        h2 = OpenMutexA(SYNCHRONIZE | MUTEX_MODIFY_STATE, FALSE, argv[4]);
        if (!h || !h2) return 2;
        if (WaitForSingleObject(h2, 20000) != WAIT_OBJECT_0) return 3;
        SetEvent(h);
        return ReleaseMutex(h2) ? 0 : 4;
    }
    if (!strcmp(mode, "hold")) {      /* hold MUTEX READY [GO]: own the mutex, say so, then sleep or exit */
        h = OpenMutexA(SYNCHRONIZE, FALSE, argv[3]);
        h2 = OpenEventA(EVENT_MODIFY_STATE, FALSE, argv[4]);
        if (!h || !h2) return 2;
        if (WaitForSingleObject(h, 20000) != WAIT_OBJECT_0) return 3;
        SetEvent(h2);
        if (argc > 5) {
            h2 = OpenEventA(SYNCHRONIZE, FALSE, argv[5]);
            WaitForSingleObject(h2, 20000);
            return 5;                 /* exits still owning the mutex */
        }
        Sleep(20000);
        return 1;
    }
    if (!strcmp(mode, "echo")) {      /* stdin -> "got N: UPPERCASE" on stdout, a line on stderr, printf */
        total = 0;
        while (total < sizeof(buf) - 1 && ReadFile(GetStdHandle(STD_INPUT_HANDLE), buf + total,
                                                   sizeof(buf) - 1 - total, &n, NULL) && n)
            total += n;
        buf[total] = 0;
        CharUpperA(buf);
        {
            char head[64];
            wsprintfA(head, "type %lu got %lu: ", GetFileType(GetStdHandle(STD_OUTPUT_HANDLE)), total);
            out(GetStdHandle(STD_OUTPUT_HANDLE), head);
        }
        out(GetStdHandle(STD_OUTPUT_HANDLE), buf);
        out(GetStdHandle(STD_ERROR_HANDLE), "on stderr\n");
        printf("printf %d\n", 42);
        fflush(stdout);
        return 3;
    }
    if (!strcmp(mode, "duprecv")) {   /* a handle value on stdin: set that event */
        total = 0;
        while (total < 32 && ReadFile(GetStdHandle(STD_INPUT_HANDLE), buf + total, 1, &n, NULL) && n &&
               buf[total] != '\n')
            total++;
        buf[total] = 0;
        h = (HANDLE)(ULONG_PTR)parse_hex(buf);
        return SetEvent(h) ? 0 : 100 + GetLastError();
    }
    if (!strcmp(mode, "dupsend")) {   /* make an event, send its value on stdout, wait for the parent to set it */
        h = CreateEventA(NULL, FALSE, FALSE, NULL);
        wsprintfA(buf, "%lx\n", (DWORD)(ULONG_PTR)h);
        out(GetStdHandle(STD_OUTPUT_HANDLE), buf);
        return WaitForSingleObject(h, 20000) == WAIT_OBJECT_0 ? 0 : 1;
    }
    if (!strcmp(mode, "own")) {       /* own NAME READY: create a named event and wait on it, until killed */
        h = CreateEventA(NULL, FALSE, FALSE, argv[3]);
        h2 = OpenEventA(EVENT_MODIFY_STATE, FALSE, argv[4]);
        if (!h || !h2) return 2;
        SetEvent(h2);
        WaitForSingleObject(h, 20000);
        return 1;
    }
    if (!strcmp(mode, "threads")) {   /* main returns while another thread still runs */
        h = CreateEventA(NULL, TRUE, FALSE, NULL);
        CreateThread(NULL, 0, (LPTHREAD_START_ROUTINE)WaitForSingleObject, h, 0, NULL);  /* blocks forever */
        Sleep(20);
        return 6;
    }
    if (!strcmp(mode, "dupclose")) {  /* dupclose GO: send an event's value, then find it closed by the parent */
        h2 = OpenEventA(SYNCHRONIZE, FALSE, argv[3]);
        if (!h2) return 2;
        h = CreateEventA(NULL, FALSE, FALSE, NULL);
        wsprintfA(buf, "%lx\n", (DWORD)(ULONG_PTR)h);
        out(GetStdHandle(STD_OUTPUT_HANDLE), buf);
        if (WaitForSingleObject(h2, 20000) != WAIT_OBJECT_0) return 3;
        SetLastError(0xdeadbeef);
        if (WaitForSingleObject(h, 0) != WAIT_FAILED) return 4;
        return GetLastError() == ERROR_INVALID_HANDLE ? 0 : 5;
    }
    if (!strcmp(mode, "ids")) {
        wsprintfA(buf, "%lu %lu\n", GetCurrentProcessId(), GetCurrentThreadId());
        out(GetStdHandle(STD_OUTPUT_HANDLE), buf);
        return 0;
    }
    return 99;
}

/* ---------------- the parent ---------------- */

static BOOL start(const char *args, DWORD flags, BOOL inherit, STARTUPINFOA *si, const char *cwd, void *env,
                  PROCESS_INFORMATION *pi)
{
    char cmd[1024];
    STARTUPINFOA def = { sizeof(def) };
    BOOL r;
    wsprintfA(cmd, "\"%s\" child %s", exe, args);
    memset(pi, 0, sizeof(*pi));
    r = CreateProcessA(NULL, cmd, NULL, NULL, inherit, flags, env, cwd, si ? si : &def, pi);
    if (!r) trace("CreateProcess(%s) failed: %lu\n", cmd, GetLastError());
    return r;
}

/* waits for the child, returns its exit code and closes its handles */
static DWORD finish(PROCESS_INFORMATION *pi)
{
    DWORD code = 0xdeadbeef;
    if (!pi->hProcess) return code;
    if (WaitForSingleObject(pi->hProcess, 20000) != WAIT_OBJECT_0) {
        trace("child %lu did not exit\n", pi->dwProcessId);
        TerminateProcess(pi->hProcess, 1);
    }
    GetExitCodeProcess(pi->hProcess, &code);
    CloseHandle(pi->hThread);
    CloseHandle(pi->hProcess);
    pi->hProcess = pi->hThread = NULL;
    return code;
}

static void test_exit_codes(void)
{
    PROCESS_INFORMATION pi, many[3];
    HANDLE hs[3];
    DWORD code = 0, i;
    char args[32];

    ok(start("exit 42", 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    ok(WaitForSingleObject(pi.hProcess, 20000) == WAIT_OBJECT_0, "process handle not signalled\n");
    ok(WaitForSingleObject(pi.hThread, 20000) == WAIT_OBJECT_0, "main thread handle not signalled\n");
    ok(GetExitCodeThread(pi.hThread, &code) && code == 42, "main thread's exit code %lu\n", code);
    code = finish(&pi);
    ok(code == 42, "exit code %lu\n", code);
    ok(start("exit 0", 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    code = finish(&pi);
    ok(code == 0, "exit 0: %lu\n", code);
    ok(start("exit 305419896", 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    code = finish(&pi);
    ok(code == 0x12345678, "large exit code: %lx\n", code);

    for (i = 0; i < 3; i++) {
        wsprintfA(args, "exit %lu", 10 + i);
        start(args, 0, FALSE, NULL, NULL, NULL, &many[i]);
        hs[i] = many[i].hProcess;
    }
    ok(WaitForMultipleObjects(3, hs, TRUE, 20000) == WAIT_OBJECT_0, "wait for three children\n");
    for (i = 0; i < 3; i++) {
        code = finish(&many[i]);
        ok(code == 10 + i, "child %lu: %lu\n", i, code);
    }
}

static void test_still_active(void)
{
    PROCESS_INFORMATION pi;
    HANDLE go = CreateEventA(NULL, TRUE, FALSE, names[0]);
    HANDLE hs[2];
    char args[128];
    DWORD code = 0, r;

    wsprintfA(args, "waitgo %s", names[0]);
    ok(start(args, 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    ok(WaitForSingleObject(pi.hProcess, 100) == WAIT_TIMEOUT, "child exited early\n");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == STILL_ACTIVE, "running child's code %lu\n", code);
    ok(GetExitCodeThread(pi.hThread, &code) && code == STILL_ACTIVE, "running child's thread code %lu\n", code);
    SetEvent(go);
    hs[0] = CreateEventA(NULL, TRUE, FALSE, NULL);
    hs[1] = pi.hProcess;
    r = WaitForMultipleObjects(2, hs, FALSE, 20000);
    ok(r == WAIT_OBJECT_0 + 1, "process in a multiple wait: %lx\n", r);
    CloseHandle(hs[0]);
    code = finish(&pi);
    ok(code == 7, "code %lu\n", code);

    /* returning from main ends the process even with another thread still running */
    ok(start("threads", 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    code = finish(&pi);
    ok(code == 6, "code %lu\n", code);
    CloseHandle(go);
}

static void test_terminate_and_ids(void)
{
    PROCESS_INFORMATION pi;
    HANDLE h;
    DWORD code = 0;

    ok(start("sleep", 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    ok(pi.dwProcessId != 0 && pi.dwProcessId != GetCurrentProcessId(), "child pid %lu\n", pi.dwProcessId);
    ok(pi.dwThreadId != 0 && pi.dwThreadId != GetCurrentThreadId() && pi.dwThreadId != pi.dwProcessId,
       "child tid %lu\n", pi.dwThreadId);
    ok(GetProcessId(pi.hProcess) == pi.dwProcessId, "GetProcessId %lu\n", GetProcessId(pi.hProcess));
    ok(GetThreadId(pi.hThread) == pi.dwThreadId, "GetThreadId %lu\n", GetThreadId(pi.hThread));
    h = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_TERMINATE, FALSE, pi.dwProcessId);
    ok(h != NULL, "OpenProcess err %lu\n", GetLastError());
    ok(GetProcessId(h) == pi.dwProcessId, "opened the wrong process\n");
    ok(WaitForSingleObject(h, 50) == WAIT_TIMEOUT, "opened process signalled\n");
    ok(TerminateProcess(h, 99), "TerminateProcess err %lu\n", GetLastError());
    ok(WaitForSingleObject(h, 20000) == WAIT_OBJECT_0, "terminated process not signalled\n");
    ok(GetExitCodeProcess(h, &code) && code == 99, "code through OpenProcess's handle %lu\n", code);
    ok(WaitForSingleObject(pi.hThread, 20000) == WAIT_OBJECT_0, "thread of a terminated process\n");
    ok(GetExitCodeThread(pi.hThread, &code) && code == 99, "thread's code %lu\n", code);
    CloseHandle(h);
    code = finish(&pi);
    ok(code == 99, "code %lu\n", code);

    SetLastError(0xdeadbeef);
    ok(OpenProcess(SYNCHRONIZE, FALSE, 0) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
       "pid 0: err %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(OpenProcess(SYNCHRONIZE, FALSE, 0xfffffff0) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
       "no such pid: err %lu\n", GetLastError());
    h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, GetCurrentProcessId());
    ok(h != NULL && GetProcessId(h) == GetCurrentProcessId(), "OpenProcess of self\n");
    CloseHandle(h);
}

static void test_command_line(void)
{
    PROCESS_INFORMATION pi;
    STARTUPINFOW siw = { sizeof(siw) };
    WCHAR cmdw[1024];
    char cmd[1024];
    STARTUPINFOA si = { sizeof(si) };
    DWORD code;

    ok(start("args one \"two words\" three", 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    code = finish(&pi);
    ok(code == 0, "child saw other arguments: %lu\n", code);

    wsprintfA(cmd, "\"%s\" child args one \"two words\" three", exe);
    MultiByteToWideChar(CP_ACP, 0, cmd, -1, cmdw, 1024);
    ok(CreateProcessW(NULL, cmdw, NULL, NULL, FALSE, 0, NULL, NULL, &siw, &pi), "CreateProcessW err %lu\n",
       GetLastError());
    code = finish(&pi);
    ok(code == 0, "CreateProcessW: child saw other arguments: %lu\n", code);

    /* the application name is the program; the command line only gives argv */
    ok(CreateProcessA(exe, (char *)"whatever child exit 5", NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi),
       "CreateProcess with an application name err %lu\n", GetLastError());
    code = finish(&pi);
    ok(code == 5, "code %lu\n", code);

    SetLastError(0xdeadbeef);
    ok(!CreateProcessA("C:\\no\\such\\program.exe", NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi),
       "missing program started\n");
    ok(GetLastError() == ERROR_PATH_NOT_FOUND || GetLastError() == ERROR_FILE_NOT_FOUND, "err %lu\n",
       GetLastError());
}

static void test_cwd_and_env(void)
{
    PROCESS_INFORMATION pi;
    char dir[MAX_PATH], args[MAX_PATH + 16];
    static const char env[] = "WL_CHILD_VAR=hello\0WL_OTHER=x\0";
    static const WCHAR envw[] = L"WL_CHILD_VAR=wide\0";
    STARTUPINFOW siw = { sizeof(siw) };
    WCHAR cmdw[1024];
    DWORD code;

    GetTempPathA(MAX_PATH, dir);
    lstrcatA(dir, "wl_proc_child_cwd");
    CreateDirectoryA(dir, NULL);
    wsprintfA(args, "cwd \"%s\"", dir);
    ok(start(args, 0, FALSE, NULL, dir, NULL, &pi), "CreateProcess\n");
    code = finish(&pi);
    ok(code == 0, "child's current directory is not %s (%lu)\n", dir, code);
    RemoveDirectoryA(dir);

    SetEnvironmentVariableA("WL_PARENT_ONLY", "yes");
    ok(start("env hello", 0, FALSE, NULL, NULL, (void *)env, &pi), "CreateProcess\n");
    code = finish(&pi);
    ok(code == 0, "environment block not used (%lu)\n", code);
    ok(start("envinherit", 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    code = finish(&pi);
    ok(code == 0, "parent's environment not inherited (%lu)\n", code);

    wsprintfW(cmdw, L"\"%S\" child env wide", exe);
    ok(CreateProcessW(NULL, cmdw, NULL, NULL, FALSE, CREATE_UNICODE_ENVIRONMENT, (void *)envw, NULL, &siw, &pi),
       "CreateProcessW err %lu\n", GetLastError());
    code = finish(&pi);
    ok(code == 0, "unicode environment block not used (%lu)\n", code);
    SetEnvironmentVariableA("WL_PARENT_ONLY", NULL);
}

static void test_inherit(void)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    PROCESS_INFORMATION pi;
    HANDLE e = CreateEventA(&sa, TRUE, FALSE, NULL), e2;
    DWORD flags = 0, code;
    char args[64];

    ok(GetHandleInformation(e, &flags) && (flags & HANDLE_FLAG_INHERIT), "inheritable flag %lx\n", flags);
    wsprintfA(args, "inherit %lx", (DWORD)(ULONG_PTR)e);
    ok(start(args, 0, TRUE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    code = finish(&pi);
    ok(code == 0, "child could not use the inherited handle (%lu)\n", code);
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "inherited event not set\n");
    CloseHandle(e);

    e2 = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok(GetHandleInformation(e2, &flags) && !(flags & HANDLE_FLAG_INHERIT), "flags %lx\n", flags);
    ok(SetHandleInformation(e2, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT), "SetHandleInformation\n");
    wsprintfA(args, "inherit %lx", (DWORD)(ULONG_PTR)e2);
    ok(start(args, 0, TRUE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    code = finish(&pi);
    ok(code == 0, "child could not use the handle made inheritable (%lu)\n", code);
    ok(WaitForSingleObject(e2, 0) == WAIT_OBJECT_0, "event not set\n");
    CloseHandle(e2);
}

static void test_named_shared(void)
{
    PROCESS_INFORMATION pi;
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, names[0]);
    HANDLE mx = CreateMutexA(NULL, TRUE, names[1]);
    char args[160];
    DWORD code;

    wsprintfA(args, "named %s %s", names[0], names[1]);
    ok(start(args, 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    ok(WaitForSingleObject(ev, 300) == WAIT_TIMEOUT, "child passed a mutex the parent owns\n");
    ok(ReleaseMutex(mx), "ReleaseMutex\n");
    ok(WaitForSingleObject(ev, 20000) == WAIT_OBJECT_0, "child never set the named event\n");
    code = finish(&pi);
    ok(code == 0, "child: %lu\n", code);
    ok(WaitForSingleObject(mx, 0) == WAIT_OBJECT_0, "mutex released by the child not free\n");
    ReleaseMutex(mx);
    CloseHandle(mx);
    CloseHandle(ev);
}

static void test_abandoned(void)
{
    PROCESS_INFORMATION pi;
    HANDLE mx = CreateMutexA(NULL, FALSE, names[1]), ready = CreateEventA(NULL, FALSE, FALSE, names[2]);
    HANDLE go = CreateEventA(NULL, TRUE, FALSE, names[3]);
    char args[200];
    DWORD r, code;

    /* killed while holding it */
    wsprintfA(args, "hold %s %s", names[1], names[2]);
    ok(start(args, 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    ok(WaitForSingleObject(ready, 20000) == WAIT_OBJECT_0, "child did not take the mutex\n");
    ok(WaitForSingleObject(mx, 50) == WAIT_TIMEOUT, "mutex free while the child holds it\n");
    ok(TerminateProcess(pi.hProcess, 99), "TerminateProcess\n");
    r = WaitForSingleObject(mx, 20000);
    ok(r == WAIT_ABANDONED, "mutex of a killed child: %lx\n", r);
    code = finish(&pi);
    ok(code == 99, "code %lu\n", code);
    ok(ReleaseMutex(mx), "parent does not own the abandoned mutex\n");

    /* exits holding it while the parent waits */
    wsprintfA(args, "hold %s %s %s", names[1], names[2], names[3]);
    ok(start(args, 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    ok(WaitForSingleObject(ready, 20000) == WAIT_OBJECT_0, "child did not take the mutex\n");
    SetEvent(go);
    r = WaitForSingleObject(mx, 20000);
    ok(r == WAIT_ABANDONED, "mutex of a child that exited: %lx\n", r);
    code = finish(&pi);
    ok(code == 5, "code %lu\n", code);
    ok(ReleaseMutex(mx), "parent does not own the abandoned mutex\n");
    CloseHandle(go);
    CloseHandle(ready);
    CloseHandle(mx);
}

static void test_death_releases(void)
{
    PROCESS_INFORMATION pi;
    HANDLE ready = CreateEventA(NULL, FALSE, FALSE, names[2]), h;
    char args[200];
    DWORD code;

    /* a killed child's handles close (its named event goes) and its wait no longer counts */
    wsprintfA(args, "own %s %s", names[0], names[2]);
    ok(start(args, 0, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    ok(WaitForSingleObject(ready, 20000) == WAIT_OBJECT_0, "child not ready\n");
    h = OpenEventA(SYNCHRONIZE | EVENT_MODIFY_STATE, FALSE, names[0]);
    ok(h != NULL, "child's named event not visible: err %lu\n", GetLastError());
    Sleep(50);
    ok(TerminateProcess(pi.hProcess, 3), "TerminateProcess\n");
    code = finish(&pi);
    ok(code == 3, "code %lu\n", code);
    SetEvent(h);
    ok(WaitForSingleObject(h, 0) == WAIT_OBJECT_0, "a dead child's wait consumed the auto-reset event\n");
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    h = OpenEventA(SYNCHRONIZE, FALSE, names[0]);
    ok(h == NULL && GetLastError() == ERROR_FILE_NOT_FOUND, "killed child's handle kept the event: err %lu\n",
       GetLastError());
    CloseHandle(ready);
}

static int read_all(HANDLE h, char *buf, DWORD size, DWORD *err)
{
    DWORD n, total = 0;
    while (total < size - 1) {
        if (!ReadFile(h, buf + total, size - 1 - total, &n, NULL)) { *err = GetLastError(); break; }
        if (!n) { *err = 0; break; }
        total += n;
    }
    buf[total] = 0;
    return (int)total;
}

static void test_pipes(void)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    HANDLE in_rd, in_wr, out_rd, out_wr;
    static const char input[] = "hello pipe\nsecond line\n";
    static const char expect[] = "type 3 got 23: HELLO PIPE\nSECOND LINE\non stderr\nprintf 42\r\n";  /* msvcrt text mode */
    char buf[512];
    DWORD n, err = 0xdeadbeef, code;

    ok(CreatePipe(&in_rd, &in_wr, &sa, 0) && CreatePipe(&out_rd, &out_wr, &sa, 0), "CreatePipe\n");
    SetHandleInformation(in_wr, HANDLE_FLAG_INHERIT, 0);
    SetHandleInformation(out_rd, HANDLE_FLAG_INHERIT, 0);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in_rd;
    si.hStdOutput = out_wr;
    si.hStdError = out_wr;
    ok(start("echo", 0, TRUE, &si, NULL, NULL, &pi), "CreateProcess\n");
    CloseHandle(in_rd);
    CloseHandle(out_wr);
    ok(WriteFile(in_wr, input, sizeof(input) - 1, &n, NULL) && n == sizeof(input) - 1, "write to the child\n");
    CloseHandle(in_wr);
    read_all(out_rd, buf, sizeof(buf), &err);
    ok(!strcmp(buf, expect), "child's output: [%s]\n", buf);
    ok(err == ERROR_BROKEN_PIPE, "end of the child's output: err %lu\n", err);
    CloseHandle(out_rd);
    code = finish(&pi);
    ok(code == 3, "code %lu\n", code);

    /* the child's ids, through its stdout */
    ok(CreatePipe(&out_rd, &out_wr, &sa, 0), "CreatePipe\n");
    SetHandleInformation(out_rd, HANDLE_FLAG_INHERIT, 0);
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = si.hStdError = out_wr;
    ok(start("ids", 0, TRUE, &si, NULL, NULL, &pi), "CreateProcess\n");
    CloseHandle(out_wr);
    read_all(out_rd, buf, sizeof(buf), &err);
    {
        char expect_ids[64];
        wsprintfA(expect_ids, "%lu %lu\n", pi.dwProcessId, pi.dwThreadId);
        ok(!strcmp(buf, expect_ids), "child says [%s], CreateProcess said %s", buf, expect_ids);
    }
    CloseHandle(out_rd);
    finish(&pi);
}

static void test_duplicate_across(void)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    HANDLE rd, wr, e = CreateEventA(NULL, TRUE, FALSE, NULL), remote = NULL, local = NULL, go;
    char buf[64], args[128];
    DWORD n, err, code;

    /* into the child: it gets the value through its stdin */
    ok(CreatePipe(&rd, &wr, &sa, 0), "CreatePipe\n");
    SetHandleInformation(wr, HANDLE_FLAG_INHERIT, 0);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = rd;
    si.hStdOutput = si.hStdError = GetStdHandle(STD_OUTPUT_HANDLE);
    ok(start("duprecv", 0, TRUE, &si, NULL, NULL, &pi), "CreateProcess\n");
    CloseHandle(rd);
    ok(DuplicateHandle(GetCurrentProcess(), e, pi.hProcess, &remote, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "DuplicateHandle into the child err %lu\n", GetLastError());
    ok(remote != NULL, "no remote handle\n");
    wsprintfA(buf, "%lx\n", (DWORD)(ULONG_PTR)remote);
    WriteFile(wr, buf, lstrlenA(buf), &n, NULL);
    CloseHandle(wr);
    code = finish(&pi);
    ok(code == 0, "child could not use the duplicated handle (%lu)\n", code);
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "child did not set the event\n");
    CloseHandle(e);

    /* out of the child: it sends the value of its own event on stdout */
    ok(CreatePipe(&rd, &wr, &sa, 0), "CreatePipe\n");
    SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = si.hStdError = wr;
    ok(start("dupsend", 0, TRUE, &si, NULL, NULL, &pi), "CreateProcess\n");
    CloseHandle(wr);
    n = 0;
    while (n < sizeof(buf) - 1 && ReadFile(rd, buf + n, 1, &err, NULL) && err && buf[n] != '\n') n++;
    buf[n] = 0;
    ok(DuplicateHandle(pi.hProcess, (HANDLE)(ULONG_PTR)parse_hex(buf), GetCurrentProcess(), &local, 0, FALSE,
                       DUPLICATE_SAME_ACCESS), "DuplicateHandle out of the child (%s) err %lu\n", buf,
       GetLastError());
    ok(local != NULL && SetEvent(local), "SetEvent on the child's event\n");
    code = finish(&pi);
    ok(code == 0, "child's event not set (%lu)\n", code);
    CloseHandle(local);
    CloseHandle(rd);

    /* out of the child with DUPLICATE_CLOSE_SOURCE: the child's handle is gone */
    go = CreateEventA(NULL, TRUE, FALSE, names[0]);
    ok(CreatePipe(&rd, &wr, &sa, 0), "CreatePipe\n");
    SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
    si.hStdOutput = si.hStdError = wr;
    wsprintfA(args, "dupclose %s", names[0]);
    ok(start(args, 0, TRUE, &si, NULL, NULL, &pi), "CreateProcess\n");
    CloseHandle(wr);
    n = 0;
    while (n < sizeof(buf) - 1 && ReadFile(rd, buf + n, 1, &err, NULL) && err && buf[n] != '\n') n++;
    buf[n] = 0;
    local = NULL;
    ok(DuplicateHandle(pi.hProcess, (HANDLE)(ULONG_PTR)parse_hex(buf), GetCurrentProcess(), &local, 0, FALSE,
                       DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE), "DUPLICATE_CLOSE_SOURCE err %lu\n",
       GetLastError());
    ok(local != NULL && SetEvent(local), "the duplicate does not work\n");
    SetEvent(go);
    code = finish(&pi);
    ok(code == 0, "the child's source handle was not closed (%lu)\n", code);
    CloseHandle(local);
    CloseHandle(rd);
    CloseHandle(go);
}

static void test_suspended(void)
{
    PROCESS_INFORMATION pi;
    HANDLE started = CreateEventA(NULL, TRUE, FALSE, names[0]);
    char args[128];
    DWORD code = 0, r;

    wsprintfA(args, "signal %s", names[0]);
    ok(start(args, CREATE_SUSPENDED, FALSE, NULL, NULL, NULL, &pi), "CreateProcess\n");
    ok(WaitForSingleObject(started, 200) == WAIT_TIMEOUT, "suspended child ran\n");
    ok(WaitForSingleObject(pi.hProcess, 0) == WAIT_TIMEOUT, "suspended child exited\n");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == STILL_ACTIVE, "code %lu\n", code);
    r = ResumeThread(pi.hThread);
    ok(r == 1, "ResumeThread of the child's main thread: %lu\n", r);
    ok(WaitForSingleObject(started, 20000) == WAIT_OBJECT_0, "resumed child did not run\n");
    code = finish(&pi);
    ok(code == 42, "code %lu\n", code);
    CloseHandle(started);
}

int main(int argc, char **argv)
{
    int i;
    if (argc >= 3 && !strcmp(argv[1], "child")) return child_main(argc, argv);
    GetModuleFileNameA(NULL, exe, sizeof(exe));
    for (i = 0; i < 4; i++) wsprintfA(names[i], "wl_proc_child_%lu_%d", GetCurrentProcessId(), i);
    test_exit_codes();
    test_still_active();
    test_terminate_and_ids();
    test_command_line();
    test_cwd_and_env();
    test_inherit();
    test_named_shared();
    test_abandoned();
    test_death_releases();
    test_pipes();
    test_duplicate_across();
    test_suspended();
    return wl_summary();
}
