/* Messages between processes: the program is its own child ("user_xproc.exe child HWND TID NAME PID").
 * The parent creates a window and starts the child with the window's handle, its thread id and a
 * unique name for the named events; the child posts to the parent's window and thread (in order,
 * wParam/lParam intact, pointers not marshalled: WM_SETTEXT cannot be posted), then signals; the
 * parent checks what arrived, posts to the child's thread (PROCESS_INFORMATION.dwThreadId: first
 * while it has no queue yet, ERROR_INVALID_THREAD_ID, then once it has one) and to the child's
 * window; the child's exit code says what it saw.  After the child has gone its window and thread
 * are invalid targets.  HWND_BROADCAST from the child reaches the parent's top-level window with a
 * registered message; a WM_APP one is not broadcast (PostMessage still succeeds).  Each side finds
 * the other's window (FindWindow, IsWindow, GetWindowThreadProcessId) and SendMessages to it, the
 * receiver serving it while it waits for messages; GetWindowText and GetClassName of the other's
 * top-level window, a new title seen by FindWindow.  SendMessageTimeout to a window that never
 * answers times out; a SendMessage to a process that is killed meanwhile returns 0.
 * WLTEST-GUI: the oracle runs it under Xvfb. */
#include "wltest.h"

#define WM_FROM_CHILD    (WM_APP + 1)
#define WM_CHILD_THREAD  (WM_APP + 2)
#define WM_CHILD_HWND    (WM_APP + 3)
#define WM_CHILD_LAST    (WM_APP + 4)
#define WM_CHILD_LATE    (WM_APP + 6)
static UINT WM_BROADCAST_XP;   /* registered: only system and registered messages are broadcast */
#define WM_TO_CHILD      (WM_APP + 10)
#define WM_TO_CHILD_WND  (WM_APP + 11)
#define WM_CHILD_QUIT    (WM_APP + 12)
#define WM_SENT_TO_PARENT (WM_APP + 40)
#define WM_SENT_TO_CHILD  (WM_APP + 41)
#define BCAST_MAGIC      0x5717

static char exe[MAX_PATH];
static HWND parent_hwnd;
/* window titles made unique with the parent's pid: an x86 and an x64 run may share a prefix */
static char t_parent[64], t_child[64], t_renamed[64], t_hung[64];
static int skip_broadcasts;     /* the child: another run's broadcasts may come at any time */

static void titles(const char *tag)
{
    wsprintfA(t_parent, "parent_%s", tag);
    wsprintfA(t_child, "child_%s", tag);
    wsprintfA(t_renamed, "renamed_%s", tag);
    wsprintfA(t_hung, "hung_%s", tag);
}
static WPARAM sent_seen;        /* wParam of the last WM_SENT_TO_*, as the window procedure saw it */
static DWORD sent_thread;
static WPARAM char_seen;

static LRESULT CALLBACK wnd_proc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    if (msg == WM_SENT_TO_PARENT || msg == WM_SENT_TO_CHILD) {   /* SendMessage from the other process */
        sent_seen = wp;
        sent_thread = GetCurrentThreadId();
        return wp * 100 + lp;
    }
    if (msg == WM_CHAR) {       /* our window procedure is an ANSI one */
        char_seen = wp;
        return 0;
    }
    return DefWindowProcA(hwnd, msg, wp, lp);
}

static HWND make_window(const char *title)
{
    WNDCLASSA wc;
    ZeroMemory(&wc, sizeof(wc));
    wc.lpfnWndProc = wnd_proc;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.lpszClassName = "WlXprocClass";
    RegisterClassA(&wc);
    return CreateWindowExA(0, "WlXprocClass", title, WS_OVERLAPPED, 0, 0, 100, 50, NULL, NULL, NULL, NULL);
}

static ULONG_PTR parse_hex(const char *s)
{
    ULONG_PTR v = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') v = v * 16 + (*s - '0');
        else if (*s >= 'a' && *s <= 'f') v = v * 16 + (*s - 'a' + 10);
        else break;
    }
    return v;
}

/* The next message (any window, any kind) within `ms`, waiting as a message loop does. */
static BOOL next_message(MSG *m, DWORD ms)
{
    DWORD start = GetTickCount();
    for (;;) {
        DWORD spent = GetTickCount() - start;
        if (PeekMessageA(m, NULL, 0, 0, PM_REMOVE)) {
            if (skip_broadcasts && m->message == WM_BROADCAST_XP) continue;
            if (m->message >= WM_APP) return TRUE;       /* ours; system messages are skipped */
            DispatchMessageA(m);
            continue;
        }
        if (spent >= ms) return FALSE;
        MsgWaitForMultipleObjects(0, NULL, FALSE, ms - spent, QS_ALLINPUT);
    }
}

static void named(char *buf, const char *base, const char *what)
{
    wsprintfA(buf, "%s_%s", base, what);
}

/* ---------------- the child ---------------- */

static int child_main(char **argv)
{
    HWND phwnd = (HWND)parse_hex(argv[2]);
    DWORD ptid = (DWORD)parse_hex(argv[3]), ppid = (DWORD)parse_hex(argv[5]), pid = 0;
    LRESULT res;
    char name[96];
    HANDLE noqueue, go, ready;
    HWND mine;
    MSG m;
    int bad = 0;

    named(name, argv[4], "noqueue");
    noqueue = OpenEventA(EVENT_MODIFY_STATE, FALSE, name);
    named(name, argv[4], "go");
    go = OpenEventA(SYNCHRONIZE, FALSE, name);
    named(name, argv[4], "ready");
    ready = OpenEventA(EVENT_MODIFY_STATE, FALSE, name);
    if (!noqueue || !go || !ready) return 100;

    /* no message queue yet: the parent's PostThreadMessage to us fails */
    SetEvent(noqueue);
    if (WaitForSingleObject(go, 10000) != WAIT_OBJECT_0) return 101;

    /* the parent's window, seen from here */
    if (!IsWindow(phwnd)) return 110;
    if (GetWindowThreadProcessId(phwnd, &pid) != ptid || pid != ppid) return 111;
    if (FindWindowA("WlXprocClass", t_parent) != phwnd) return 112;
    if (FindWindowA(NULL, t_parent) != phwnd) return 113;
    if (FindWindowA("WlXprocClass", "nobody") != NULL) return 114;
    if (GetWindowTextA(phwnd, name, sizeof(name)) != lstrlenA(t_parent) || lstrcmpA(name, t_parent)) return 119;
    if (GetClassNameA(phwnd, name, sizeof(name)) != 12 || lstrcmpA(name, "WlXprocClass")) return 120;

    mine = make_window(t_child);
    if (!mine) return 102;
    PeekMessageA(&m, NULL, 0, 0, PM_NOREMOVE);

    /* SendMessage waits for the parent's window procedure (the parent serves it while it waits) */
    res = SendMessageA(phwnd, WM_SENT_TO_PARENT, 5, 6);
    if (res != 506) return 115;
    /* to the parent, in this order; one of them a thread message */
    if (!PostMessageA(phwnd, WM_FROM_CHILD, 1, 2)) bad |= 1;
    if (!PostThreadMessageA(ptid, WM_CHILD_THREAD, 3, (LPARAM)-5)) bad |= 2;
    if (!PostMessageA(phwnd, WM_CHILD_HWND, (WPARAM)mine, (LPARAM)GetCurrentThreadId())) bad |= 4;
    SetLastError(0xdeadbeef);
    if (PostMessageA(phwnd, WM_SETTEXT, 0, (LPARAM)"x") || GetLastError() != ERROR_MESSAGE_SYNC_ONLY) bad |= 8;
    if (!PostMessageA(HWND_BROADCAST, WM_BROADCAST_XP, BCAST_MAGIC, (LPARAM)GetCurrentProcessId())) bad |= 16;
    if (!PostMessageA(HWND_BROADCAST, WM_APP + 30, BCAST_MAGIC, 0)) bad |= 64;    /* not broadcast */
    if (!PostMessageA(phwnd, WM_CHILD_LAST, 7, 8)) bad |= 32;
    if (bad) return 200 + bad;
    if (!PostMessageA(phwnd, WM_CHILD_LATE, 9, 10)) return 118;    /* there before `ready` is set */
    SetEvent(ready);

    /* from the parent: two thread messages and one to our window, in order (our own broadcast
       may come first, once per top-level window of ours: Wine has an IME window per thread) */
    do {
        if (!next_message(&m, 10000)) return 103;
    } while (m.message == WM_BROADCAST_XP && m.wParam == BCAST_MAGIC);
    if (m.message != WM_TO_CHILD || m.hwnd || m.wParam != 10 || m.lParam != (LPARAM)-7) return 105;
    if (!next_message(&m, 10000)) return 106;
    if (m.message != WM_TO_CHILD_WND || m.hwnd != mine || m.wParam != 11 || m.lParam != 12) return 107;
    if (!next_message(&m, 10000)) return 108;
    if (m.message != WM_CHILD_QUIT || m.hwnd || m.wParam != 13) return 109;
    if (sent_seen != 7 || sent_thread != GetCurrentThreadId()) return 116;     /* the parent's SendMessage */
    if (FindWindowA(NULL, t_renamed) != phwnd || GetWindowTextLengthA(phwnd) != lstrlenA(t_renamed))
        return 121;                                                         /* its new title */
    if (char_seen != 0x80) return 122;      /* SendMessageW's L'\x20ac' (the euro), in code page 1252 */
    DestroyWindow(mine);
    return 0;
}

/* ---------------- the parent ---------------- */

struct enum_ctx { HWND want; int found, ours; };

static BOOL CALLBACK enum_proc(HWND hwnd, LPARAM lp)
{
    struct enum_ctx *c = (struct enum_ctx *)lp;
    if (hwnd == c->want) c->found++;
    if (hwnd == parent_hwnd) c->ours++;
    return TRUE;
}

static void test_xproc(void)
{
    char cmd[MAX_PATH + 200], base[64], name[96];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    HANDLE noqueue, go, ready;
    HWND child_hwnd = NULL;
    DWORD child_tid = 0, code = 0xdead, err, r;
    MSG m;
    int got_broadcast = 0, n = 0;

    parent_hwnd = make_window(t_parent);
    ok(parent_hwnd != NULL, "CreateWindowEx: %lu\n", GetLastError());
    PeekMessageA(&m, NULL, 0, 0, PM_NOREMOVE);
    wsprintfA(base, "wl_xproc_%lu", GetCurrentProcessId());
    named(name, base, "noqueue");
    noqueue = CreateEventA(NULL, TRUE, FALSE, name);
    named(name, base, "go");
    go = CreateEventA(NULL, TRUE, FALSE, name);
    named(name, base, "ready");
    ready = CreateEventA(NULL, TRUE, FALSE, name);

    wsprintfA(cmd, "\"%s\" child %lx %lx %s %lx", exe, (ULONG_PTR)parent_hwnd, GetCurrentThreadId(), base,
              GetCurrentProcessId());
    ZeroMemory(&si, sizeof(si));
    si.cb = sizeof(si);
    if (!CreateProcessA(exe, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        ok(0, "CreateProcess: %lu\n", GetLastError());
        return;
    }
    ok(WaitForSingleObject(noqueue, 10000) == WAIT_OBJECT_0, "child started\n");
    SetLastError(0xdeadbeef);
    r = PostThreadMessageA(pi.dwThreadId, WM_TO_CHILD, 0, 0);
    err = GetLastError();
    ok(!r && err == ERROR_INVALID_THREAD_ID, "a thread without a queue: %d %lu\n", r, err);
    SetEvent(go);
    /* wait as a GUI thread does, serving the SendMessage the child makes first */
    while (!sent_seen && MsgWaitForMultipleObjects(0, NULL, FALSE, 10000, QS_SENDMESSAGE) == WAIT_OBJECT_0)
        PeekMessageA(&m, NULL, 0, 0, PM_NOREMOVE);
    /* then the child posts and sets the event: what it posted is there when the wait ends */
    r = WaitForSingleObject(ready, 10000);
    ok(r == WAIT_OBJECT_0, "child posted: %d\n", r);
    ok(sent_seen == 5 && sent_thread == GetCurrentThreadId(), "the child's SendMessage: %d\n", (int)sent_seen);
    ok(PeekMessageA(&m, NULL, WM_CHILD_LATE, WM_CHILD_LATE, PM_NOREMOVE) && m.wParam == 9,
       "a message posted before the event was set is there at once\n");

    /* what the child posted arrives in order, with its broadcast somewhere among it */
    while (n < 5 && next_message(&m, 10000)) {
        if (m.message == WM_BROADCAST_XP) {   /* to each top-level window: Wine adds IME windows */
            if (m.hwnd == parent_hwnd && m.wParam == BCAST_MAGIC && m.lParam == (LPARAM)pi.dwProcessId)
                got_broadcast++;             /* (others: another run's, in the same prefix) */
            continue;
        }
        switch (n++) {
        case 0:
            ok(m.message == WM_FROM_CHILD && m.hwnd == parent_hwnd && m.wParam == 1 && m.lParam == 2,
               "first: %x %p %lx %lx\n", m.message, m.hwnd, (DWORD)m.wParam, (DWORD)m.lParam);
            break;
        case 1:
            ok(m.message == WM_CHILD_THREAD && m.hwnd == NULL && m.wParam == 3 && m.lParam == (LPARAM)-5,
               "second (a thread message): %x %p %lx %lx\n", m.message, m.hwnd, (DWORD)m.wParam, (DWORD)m.lParam);
            break;
        case 2:
            ok(m.message == WM_CHILD_HWND && m.hwnd == parent_hwnd && m.lParam == (LPARAM)pi.dwThreadId,
               "third: %x %p %lx\n", m.message, m.hwnd, (DWORD)m.lParam);
            child_hwnd = (HWND)m.wParam;
            child_tid = (DWORD)m.lParam;
            break;
        case 3:
            ok(m.message == WM_CHILD_LAST && m.hwnd == parent_hwnd && m.wParam == 7 && m.lParam == 8,
               "fourth: %x %p\n", m.message, m.hwnd);
            break;
        case 4:
            ok(m.message == WM_CHILD_LATE && m.hwnd == parent_hwnd && m.wParam == 9 && m.lParam == 10,
               "last: %x %p\n", m.message, m.hwnd);
            break;
        }
    }
    ok(n == 5, "got %d of the child's 5 messages\n", n);
    while (!got_broadcast && next_message(&m, 2000))
        if (m.message == WM_BROADCAST_XP && m.hwnd == parent_hwnd && m.lParam == (LPARAM)pi.dwProcessId)
            got_broadcast++;
    ok(got_broadcast == 1, "broadcast seen %d times\n", got_broadcast);
    ok(child_hwnd != NULL && child_hwnd != parent_hwnd, "the child's window %p\n", child_hwnd);
    ok(GetWindowThreadProcessId(parent_hwnd, NULL) == GetCurrentThreadId(), "our window is ours\n");
    {
        DWORD pid = 0;
        ok(GetWindowThreadProcessId(child_hwnd, &pid) == pi.dwThreadId && pid == pi.dwProcessId,
           "the child's window's thread and process: %lx\n", pid);
    }
    ok(IsWindow(child_hwnd), "IsWindow of the child's window\n");
    {
        struct enum_ctx c = { child_hwnd, 0, 0 };
        EnumWindows(enum_proc, (LPARAM)&c);
        ok(c.found == 1 && c.ours == 1, "EnumWindows: %d %d\n", c.found, c.ours);
    }
    {
        char text[64];
        ok(GetWindowTextA(child_hwnd, text, sizeof(text)) == lstrlenA(t_child) && !lstrcmpA(text, t_child),
           "GetWindowText of the child's window: %s\n", text);
        ok(GetWindowTextLengthA(child_hwnd) == lstrlenA(t_child), "GetWindowTextLength\n");
        ok(GetClassNameA(child_hwnd, text, sizeof(text)) == 12 && !lstrcmpA(text, "WlXprocClass"),
           "GetClassName of the child's window: %s\n", text);
    }
    ok(FindWindowA("WlXprocClass", t_child) == child_hwnd, "FindWindow finds the child's window\n");
    ok(FindWindowExA(NULL, NULL, "WlXprocClass", t_child) == child_hwnd, "FindWindowEx\n");
    ok(SendMessageA(child_hwnd, WM_SENT_TO_CHILD, 7, 8) == 708, "SendMessage to the child's window\n");
    if (GetACP() == 1252)
        SendMessageW(child_hwnd, WM_CHAR, 0x20ac, 0);    /* converted for the child's ANSI procedure */
    else
        SendMessageA(child_hwnd, WM_CHAR, 0x80, 0);

    ok(PostThreadMessageA(pi.dwThreadId, WM_TO_CHILD, 10, (LPARAM)-7), "PostThreadMessage to the child: %lu\n",
       GetLastError());
    ok(PostMessageA(child_hwnd, WM_TO_CHILD_WND, 11, 12), "PostMessage to the child's window: %lu\n",
       GetLastError());
    SetLastError(0xdeadbeef);
    ok(!PostMessageA(child_hwnd, WM_GETTEXT, 0, 0) && GetLastError() == ERROR_MESSAGE_SYNC_ONLY,
       "WM_GETTEXT posted: %lu\n", GetLastError());
    ok(SetWindowTextA(parent_hwnd, t_renamed), "SetWindowText\n");
    ok(PostThreadMessageA(child_tid, WM_CHILD_QUIT, 13, 0), "PostThreadMessage: %lu\n", GetLastError());

    ok(WaitForSingleObject(pi.hProcess, 20000) == WAIT_OBJECT_0, "child ended\n");
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "child's exit code %lu\n", code);

    /* the child and its window are gone */
    SetLastError(0xdeadbeef);
    ok(!PostMessageA(child_hwnd, WM_TO_CHILD_WND, 0, 0) && GetLastError() == ERROR_INVALID_WINDOW_HANDLE,
       "a dead process's window: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = PostThreadMessageA(pi.dwThreadId, WM_TO_CHILD, 0, 0);
    err = GetLastError();
    /* Windows documents ERROR_INVALID_THREAD_ID; Wine 8 says ERROR_INVALID_PARAMETER */
    ok(!r && (err == ERROR_INVALID_PARAMETER || err == ERROR_INVALID_THREAD_ID), "a dead thread: %d %lu\n", r, err);
    ok(!IsWindow(child_hwnd), "IsWindow of the dead window\n");
    SetLastError(0xdeadbeef);
    ok(!SendMessageA(child_hwnd, WM_SENT_TO_CHILD, 1, 1) && GetLastError() == ERROR_INVALID_WINDOW_HANDLE,
       "SendMessage to the dead window: %lu\n", GetLastError());
    ok(!FindWindowA("WlXprocClass", t_child), "FindWindow after the child's end\n");

    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(noqueue);
    CloseHandle(go);
    CloseHandle(ready);
    DestroyWindow(parent_hwnd);
}

static void test_errors(void)
{
    BOOL r;
    SetLastError(0xdeadbeef);
    r = PostMessageA((HWND)(ULONG_PTR)0x7ffe0040, WM_APP, 0, 0);
    ok(!r && GetLastError() == ERROR_INVALID_WINDOW_HANDLE, "bad hwnd: %d %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = PostThreadMessageA(0x7ffffff0, WM_APP, 0, 0);
    ok(!r && (GetLastError() == ERROR_INVALID_PARAMETER || GetLastError() == ERROR_INVALID_THREAD_ID),
       "bad thread id: %d %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = PostThreadMessageA(GetCurrentThreadId(), WM_SETTEXT, 0, 0);
    ok(!r && GetLastError() == ERROR_MESSAGE_SYNC_ONLY, "WM_SETTEXT to a thread: %d %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = PostMessageA(HWND_BROADCAST, WM_SETTEXT, 0, 0);
    ok(!r && GetLastError() == ERROR_MESSAGE_SYNC_ONLY, "WM_SETTEXT broadcast: %d %lu\n", r, GetLastError());
}

/* "hang NAME": a window whose thread never looks at its queue again */
static int hang_main(char **argv)
{
    char name[96];
    HANDLE ready;
    MSG m;
    if (!make_window(t_hung)) return 1;
    PeekMessageA(&m, NULL, 0, 0, PM_NOREMOVE);
    named(name, argv[2], "hung");
    ready = OpenEventA(EVENT_MODIFY_STATE, FALSE, name);
    SetEvent(ready);
    Sleep(30000);
    return 2;
}

static HANDLE kill_process;

static DWORD WINAPI killer(void *arg)
{
    Sleep(300);
    TerminateProcess(kill_process, 3);
    return 0;
}

/* SendMessageTimeout to a window that does not answer times out; a SendMessage waiting for a
   process that is killed returns 0 */
static void test_hung(void)
{
    char cmd[MAX_PATH + 100], base[64], name[96];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    HANDLE ready, th;
    HWND hwnd;
    DWORD_PTR res = 0xdead;
    LRESULT r;
    MSG m;

    PeekMessageA(&m, NULL, 0, 0, PM_NOREMOVE);
    wsprintfA(base, "wl_xproc_h%lu", GetCurrentProcessId());
    named(name, base, "hung");
    ready = CreateEventA(NULL, TRUE, FALSE, name);
    wsprintfA(cmd, "\"%s\" hang %s %lx", exe, base, GetCurrentProcessId());
    ZeroMemory(&si, sizeof(si));
    si.cb = sizeof(si);
    if (!CreateProcessA(exe, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        ok(0, "CreateProcess: %lu\n", GetLastError());
        return;
    }
    ok(WaitForSingleObject(ready, 10000) == WAIT_OBJECT_0, "hung child ready\n");
    hwnd = FindWindowA("WlXprocClass", t_hung);
    ok(hwnd != NULL, "FindWindow of the hung child's window\n");
    SetLastError(0xdeadbeef);
    r = SendMessageTimeoutA(hwnd, WM_SENT_TO_CHILD, 1, 2, SMTO_NORMAL, 300, &res);
    ok(!r && GetLastError() == ERROR_TIMEOUT, "SendMessageTimeout: %ld %lu\n", (long)r, GetLastError());
    kill_process = pi.hProcess;
    th = CreateThread(NULL, 0, killer, NULL, 0, NULL);
    r = SendMessageA(hwnd, WM_SENT_TO_CHILD, 3, 4);
    ok(r == 0, "SendMessage to a process that is killed meanwhile: %ld\n", (long)r);
    ok(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "the hung child is gone\n");
    SetLastError(0xdeadbeef);
    ok(!PostMessageA(hwnd, WM_SENT_TO_CHILD, 0, 0) && GetLastError() == ERROR_INVALID_WINDOW_HANDLE,
       "a killed process's window: %lu\n", GetLastError());
    ok(!FindWindowA("WlXprocClass", t_hung), "FindWindow after the kill\n");
    WaitForSingleObject(th, 10000);
    CloseHandle(th);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(ready);
}

int main(int argc, char **argv)
{
    GetModuleFileNameA(NULL, exe, sizeof(exe));
    if (argc >= 4 && !lstrcmpA(argv[1], "hang")) {
        titles(argv[3]);
        return hang_main(argv);
    }
    if (argc >= 6 && RegisterWindowMessageA("WlXprocChildOnly") < 0xC000) return 117;  /* numbers are shared: */
    WM_BROADCAST_XP = RegisterWindowMessageA("WlXprocBroadcast");        /* ... not by order of registration */
    if (argc >= 6 && !lstrcmpA(argv[1], "child")) {
        titles(argv[5]);
        skip_broadcasts = 1;
        return child_main(argv);
    }
    {
        char tag[16];
        wsprintfA(tag, "%lx", GetCurrentProcessId());
        titles(tag);
    }
    test_errors();
    test_xproc();
    test_hung();
    return wl_summary();
}
