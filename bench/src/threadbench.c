/* winelike bench guest for threads, events and processes (bench/threads.py); no CRT, so a
 * run is only what it measures.
 *   threadbench-ARCH.exe named N     CreateEventA with a name (a server object), then
 *                                    N x (SetEvent + ResetEvent): 2N server requests
 *   threadbench-ARCH.exe local N     the same with an unnamed event (stays in the process)
 *   threadbench-ARCH.exe pingpong N  two threads hand a turn through two auto-reset unnamed
 *                                    events, N round trips (2N thread switches)
 *   threadbench-ARCH.exe spawn N     N x (CreateProcessA of itself with "exit",
 *                                    WaitForSingleObject, GetExitCodeProcess, CloseHandle x2);
 *                                    first a named event, so the server connection is made
 *                                    before the loop (and counted in the N=0 baseline)
 *   threadbench-ARCH.exe exit        returns at once (exit code 7)
 * Every mode with N=0 does its setup only: the baseline bench/threads.py subtracts.
 * Each mode prints "<microseconds of the loop, by QueryPerformanceCounter> <N>" and exits 0
 * (non-zero when a call failed: 2 create, 3 set/reset/wait, 4 thread, 5 process, 6 child code). */
#include <windows.h>

static unsigned int parse_uint(const char *s)
{
    unsigned int v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (unsigned)(*s++ - '0');
    return v;
}

static int same(const char *a, const char *b)
{
    while (*b && *a == *b) a++, b++;
    return !*b && (!*a || *a == ' ');
}

static char *put_uint(char *p, unsigned long long v)
{
    char tmp[24];
    int i = 0;
    do tmp[i++] = (char)('0' + v % 10); while (v /= 10);
    while (i) *p++ = tmp[--i];
    return p;
}

static LARGE_INTEGER freq, t0;

static void start_clock(void)
{
    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t0);
}

static void report(unsigned int n)
{
    LARGE_INTEGER t1;
    char buf[64], *p = buf;
    DWORD done;
    QueryPerformanceCounter(&t1);
    p = put_uint(p, (unsigned long long)(t1.QuadPart - t0.QuadPart) * 1000000ULL / freq.QuadPart);
    *p++ = ' ';
    p = put_uint(p, n);
    *p++ = '\n';
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), buf, (DWORD)(p - buf), &done, NULL);
}

static int set_reset(const char *name, unsigned int n)
{
    unsigned int i;
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, name);
    if (!e) return 2;
    start_clock();
    for (i = 0; i < n; i++)
        if (!SetEvent(e) || !ResetEvent(e)) return 3;
    report(n);
    CloseHandle(e);
    return 0;
}

static HANDLE ping, pong;
static volatile unsigned int rounds;

static DWORD WINAPI partner(void *arg)
{
    unsigned int i;
    for (i = 0; i < rounds; i++) {
        if (WaitForSingleObject(ping, INFINITE) != WAIT_OBJECT_0) return 3;
        if (!SetEvent(pong)) return 3;
    }
    return 0;
}

static int pingpong(unsigned int n)
{
    unsigned int i;
    DWORD code = 1;
    HANDLE t;
    ping = CreateEventA(NULL, FALSE, FALSE, NULL);
    pong = CreateEventA(NULL, FALSE, FALSE, NULL);
    if (!ping || !pong) return 2;
    rounds = n;
    t = CreateThread(NULL, 0, partner, NULL, 0, NULL);
    if (!t) return 4;
    start_clock();
    for (i = 0; i < n; i++) {
        if (!SetEvent(ping)) return 3;
        if (WaitForSingleObject(pong, INFINITE) != WAIT_OBJECT_0) return 3;
    }
    report(n);
    if (WaitForSingleObject(t, INFINITE) != WAIT_OBJECT_0 || !GetExitCodeThread(t, &code)) return 4;
    CloseHandle(t);
    return code ? 4 : 0;
}

static int spawn(unsigned int n)
{
    char self[MAX_PATH], cmd[MAX_PATH + 16], *p = cmd;
    const char *s;
    unsigned int i;
    DWORD len = GetModuleFileNameA(NULL, self, MAX_PATH), code;
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, "winelike-threadbench-spawn");
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    if (!len || len >= MAX_PATH || !e) return 2;
    *p++ = '"';
    for (s = self; *s; ) *p++ = *s++;
    *p++ = '"';
    for (s = " exit"; *s; ) *p++ = *s++;
    *p = 0;
    for (p = (char *)&si; p < (char *)(&si + 1); p++) *p = 0;
    si.cb = sizeof si;
    start_clock();
    for (i = 0; i < n; i++) {
        if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return 5;
        if (WaitForSingleObject(pi.hProcess, INFINITE) != WAIT_OBJECT_0) return 5;
        if (!GetExitCodeProcess(pi.hProcess, &code)) return 5;
        if (code != 7) return 6;
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
    }
    report(n);
    CloseHandle(e);
    return 0;
}

void __stdcall start(void)
{
    const char *p = GetCommandLineA(), *word;
    unsigned int n, r = 1;
    int quoted = 0;
    /* skip the program name, then take "<word> <number>" */
    for (; *p && (quoted || *p != ' '); p++) if (*p == '"') quoted = !quoted;
    while (*p == ' ') p++;
    word = p;
    while (*p && *p != ' ') p++;
    while (*p == ' ') p++;
    n = parse_uint(p);
    if (same(word, "exit")) r = 7;
    else if (same(word, "named")) r = set_reset("winelike-threadbench-named", n);
    else if (same(word, "local")) r = set_reset(NULL, n);
    else if (same(word, "pingpong")) r = pingpong(n);
    else if (same(word, "spawn")) r = spawn(n);
    ExitProcess(r);
}
