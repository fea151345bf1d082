/* WLTEST-GUI (the oracle runs it under Xvfb). user32 windows: class registration and class longs, the order of creation, show and
 * destruction messages, window longs and subclassing, rectangles and coordinates, text,
 * the window tree, enabling, focus and painting.  Runs on Wine (under Xvfb) and winelike. */
#include "wltest.h"

#define MAXLOG 256
static struct { HWND hwnd; UINT msg; } wlog[MAXLOG];
static int nlog, logging;

static int interesting(UINT m)
{
    switch (m) {
    case WM_GETMINMAXINFO: case WM_NCCREATE: case WM_NCCALCSIZE: case WM_CREATE: case WM_SHOWWINDOW:
    case WM_WINDOWPOSCHANGING: case WM_WINDOWPOSCHANGED: case WM_ACTIVATE: case WM_SETFOCUS: case WM_SIZE:
    case WM_MOVE: case WM_DESTROY: case WM_NCDESTROY: case WM_PARENTNOTIFY: case WM_SETTEXT: case WM_PAINT:
    case WM_CLOSE: case WM_ENABLE: case WM_USER:
        return 1;
    }
    return 0;
}

static LRESULT last_size, last_move;

static LRESULT CALLBACK wndproc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    if (logging && interesting(msg) && nlog < MAXLOG) { wlog[nlog].hwnd = hwnd; wlog[nlog].msg = msg; nlog++; }
    if (msg == WM_SIZE) last_size = lp;
    if (msg == WM_MOVE) last_move = lp;
    if (msg == WM_USER) return wp + lp;
    if (msg == WM_PAINT) {
        PAINTSTRUCT ps;
        HDC dc = BeginPaint(hwnd, &ps);
        RECT rc = {0, 0, 10, 10};
        HBRUSH br = CreateSolidBrush(RGB(255, 0, 0));
        FillRect(dc, &rc, br);
        DeleteObject(br);
        EndPaint(hwnd, &ps);
        return 0;
    }
    return DefWindowProcA(hwnd, msg, wp, lp);
}

static int find(HWND h, UINT m, int from)
{
    int i;
    for (i = from; i < nlog; i++) if (wlog[i].msg == m && (!h || wlog[i].hwnd == h)) return i;
    return -1;
}

static void test_class(void)
{
    WNDCLASSEXA wc, info;
    ATOM a;
    ZeroMemory(&wc, sizeof(wc));
    wc.cbSize = sizeof(wc);
    wc.style = CS_HREDRAW | CS_VREDRAW;
    wc.lpfnWndProc = wndproc;
    wc.cbClsExtra = 8;
    wc.cbWndExtra = 16;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.hCursor = LoadCursorA(NULL, (LPCSTR)IDC_ARROW);
    wc.hbrBackground = (HBRUSH)(COLOR_WINDOW + 1);
    wc.lpszClassName = "WlTestClass";
    a = RegisterClassExA(&wc);
    ok(a != 0, "RegisterClassEx failed %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!RegisterClassExA(&wc) && GetLastError() == ERROR_CLASS_ALREADY_EXISTS, "second registration: %lu\n",
       GetLastError());
    ZeroMemory(&info, sizeof(info));
    info.cbSize = sizeof(info);
    ok(GetClassInfoExA(wc.hInstance, "wltestclass", &info) == a, "GetClassInfoEx (case-insensitive)\n");
    ok(info.style == wc.style && info.cbClsExtra == 8 && info.cbWndExtra == 16 && info.lpfnWndProc == wndproc,
       "class info %x %d %d\n", info.style, info.cbClsExtra, info.cbWndExtra);
    ok(GetClassInfoExA(NULL, "Button", &info) != 0, "the system BUTTON class\n");
    SetLastError(0xdeadbeef);
    ok(!GetClassInfoExA(wc.hInstance, "NoSuchClass", &info) && GetLastError() == ERROR_CLASS_DOES_NOT_EXIST,
       "missing class %lu\n", GetLastError());
}

static HWND make(DWORD style, HWND parent, UINT id, int x, int y, int w, int h)
{
    return CreateWindowExA(0, "WlTestClass", "title", style, x, y, w, h, parent, (HMENU)(UINT_PTR)id,
                           GetModuleHandleA(NULL), NULL);
}

static void test_creation_order(void)
{
    HWND top, child;
    int a, b, c, d;
    nlog = 0; logging = 1;
    top = make(WS_OVERLAPPEDWINDOW, NULL, 0, 50, 50, 300, 200);
    logging = 0;
    ok(top != NULL, "CreateWindowEx failed %lu\n", GetLastError());
    a = find(top, WM_GETMINMAXINFO, 0); b = find(top, WM_NCCREATE, 0);
    c = find(top, WM_NCCALCSIZE, 0); d = find(top, WM_CREATE, 0);
    ok(a >= 0 && b > a && c > b && d > c, "order GETMINMAXINFO %d NCCREATE %d NCCALCSIZE %d CREATE %d\n", a, b, c, d);
    ok(find(top, WM_SHOWWINDOW, 0) < 0 && find(top, WM_SIZE, 0) < 0, "nothing shown yet\n");
    ok(!IsWindowVisible(top), "visible\n");

    nlog = 0; logging = 1;
    child = make(WS_CHILD | WS_VISIBLE, top, 5, 10, 20, 50, 40);
    logging = 0;
    ok(child != NULL, "child failed\n");
    b = find(child, WM_NCCREATE, 0); d = find(child, WM_CREATE, 0);
    ok(b >= 0 && d > b, "child NCCREATE %d CREATE %d\n", b, d);
    ok(find(child, WM_GETMINMAXINFO, 0) < 0, "no WM_GETMINMAXINFO for a child\n");
    ok(find(top, WM_PARENTNOTIFY, 0) > d, "parent notified after WM_CREATE\n");
    ok(find(child, WM_SHOWWINDOW, 0) > d, "visible child gets WM_SHOWWINDOW\n");

    nlog = 0; logging = 1;
    ShowWindow(top, SW_SHOW);
    logging = 0;
    a = find(top, WM_SHOWWINDOW, 0); b = find(top, WM_WINDOWPOSCHANGING, 0);
    c = find(top, WM_ACTIVATE, 0); d = find(top, WM_WINDOWPOSCHANGED, 0);
    ok(a >= 0 && b > a && c > b && d > c, "show order SHOWWINDOW %d CHANGING %d ACTIVATE %d CHANGED %d\n", a, b, c, d);
    ok(find(top, WM_SETFOCUS, c) > c, "focus after activation\n");
    ok(find(top, WM_SIZE, 0) > a && find(top, WM_MOVE, 0) > a, "size and move on first show\n");
    ok(IsWindowVisible(top) && IsWindowVisible(child), "visible\n");
    ok(GetActiveWindow() == top && GetFocus() == top, "active %p focus %p\n", GetActiveWindow(), GetFocus());
    {
        RECT rc;
        GetClientRect(top, &rc);
        ok(last_size == MAKELPARAM(rc.right, rc.bottom), "WM_SIZE %lx client %ld x %ld\n", (long)last_size,
           rc.right, rc.bottom);
    }

    nlog = 0; logging = 1;
    ok(DestroyWindow(top), "DestroyWindow\n");
    logging = 0;
    a = find(top, WM_DESTROY, 0); b = find(child, WM_DESTROY, 0);
    c = find(child, WM_NCDESTROY, 0); d = find(top, WM_NCDESTROY, 0);
    ok(a >= 0 && b > a && c > b && d > c, "destroy order %d %d %d %d\n", a, b, c, d);
    ok(!IsWindow(top) && !IsWindow(child), "still windows\n");
}

static HWND subclassed_old;
static LRESULT CALLBACK subproc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    if (msg == WM_USER) return 1000 + CallWindowProcA((WNDPROC)subclassed_old, hwnd, msg, wp, lp);
    return CallWindowProcA((WNDPROC)subclassed_old, hwnd, msg, wp, lp);
}

static void test_longs(void)
{
    HWND top = make(WS_OVERLAPPED, NULL, 0, 0, 0, 100, 100);
    HWND child = make(WS_CHILD, top, 77, 0, 0, 10, 10);
    LONG_PTR old;
    LONG style = GetWindowLongA(top, GWL_STYLE);
    ok((style & WS_CAPTION) == WS_CAPTION && (style & WS_CLIPSIBLINGS), "overlapped style %lx\n", style);
    ok(GetWindowLongPtrA(child, GWLP_ID) == 77, "id %ld\n", (long)GetWindowLongPtrA(child, GWLP_ID));
    ok(GetDlgCtrlID(child) == 77, "GetDlgCtrlID\n");
    ok((HWND)GetWindowLongPtrA(child, GWLP_HWNDPARENT) == top, "parent long\n");
    ok(GetWindowLongPtrA(top, GWLP_WNDPROC) == (LONG_PTR)wndproc, "wndproc long\n");
    SetWindowLongPtrA(top, GWLP_USERDATA, 0x1234);
    ok(GetWindowLongPtrA(top, GWLP_USERDATA) == 0x1234, "userdata\n");
    ok(SetWindowLongA(top, 4, 0x55667788) == 0, "extra set\n");
    ok(GetWindowLongA(top, 4) == 0x55667788, "extra get %lx\n", GetWindowLongA(top, 4));
    SetLastError(0xdeadbeef);
    ok(GetWindowLongA(top, 14) == 0 && GetLastError() == ERROR_INVALID_INDEX, "out of range: %lu\n", GetLastError());
    ok(GetClassLongA(top, GCL_CBWNDEXTRA) == 16, "GCL_CBWNDEXTRA %lu\n", GetClassLongA(top, GCL_CBWNDEXTRA));
    SetClassLongPtrA(top, 0, 99);
    ok(GetClassLongPtrA(child, 0) == 99, "class extra shared by the class's windows\n");
    ok(SendMessageA(top, WM_USER, 2, 3) == 5, "plain\n");
    subclassed_old = (HWND)SetWindowLongPtrA(top, GWLP_WNDPROC, (LONG_PTR)subproc);
    ok((WNDPROC)subclassed_old == wndproc, "old proc\n");
    ok(SendMessageA(top, WM_USER, 2, 3) == 1005, "subclassed: %ld\n", (long)SendMessageA(top, WM_USER, 2, 3));
    SetWindowLongPtrA(top, GWLP_WNDPROC, (LONG_PTR)wndproc);
    SetLastError(0xdeadbeef);
    ok(!UnregisterClassA("WlTestClass", GetModuleHandleA(NULL)) && GetLastError() == ERROR_CLASS_HAS_WINDOWS,
       "unregister with windows: %lu\n", GetLastError());
    {   /* a built-in control's procedure is callable through its address */
        HWND b = CreateWindowExA(0, "BUTTON", "b", WS_CHILD, 0, 0, 20, 20, top, (HMENU)3, NULL, NULL);
        WNDPROC bp = (WNDPROC)GetWindowLongPtrA(b, GWLP_WNDPROC);
        char buf[8];
        ok(bp != NULL, "button proc\n");
        CallWindowProcA(bp, b, WM_SETTEXT, 0, (LPARAM)"xyz");
        GetWindowTextA(b, buf, sizeof(buf));
        ok(!lstrcmpA(buf, "xyz"), "text through the button's proc: %s\n", buf);
    }
    old = 0;
    DestroyWindow(top);
    (void)old;
}

static void test_rects(void)
{
    RECT want = {0, 0, 200, 100}, rc, wr;
    POINT pt = {0, 0};
    HWND top, child;
    ok(AdjustWindowRectEx(&want, WS_OVERLAPPEDWINDOW, FALSE, 0), "AdjustWindowRectEx\n");
    top = make(WS_OVERLAPPEDWINDOW, NULL, 0, 40, 30, want.right - want.left, want.bottom - want.top);
    GetClientRect(top, &rc);
    ok(rc.left == 0 && rc.top == 0 && rc.right == 200 && rc.bottom == 100, "client %ld %ld %ld %ld\n",
       rc.left, rc.top, rc.right, rc.bottom);
    GetWindowRect(top, &wr);
    ok(wr.left == 40 && wr.top == 30, "window rect %ld %ld\n", wr.left, wr.top);
    ClientToScreen(top, &pt);
    ok(pt.x == 40 - want.left && pt.y == 30 - want.top, "client origin %ld %ld\n", pt.x, pt.y);
    ScreenToClient(top, &pt);
    ok(pt.x == 0 && pt.y == 0, "round trip %ld %ld\n", pt.x, pt.y);
    child = make(WS_CHILD | WS_VISIBLE, top, 1, 15, 25, 30, 20);
    pt.x = pt.y = 0;
    MapWindowPoints(child, top, &pt, 1);
    ok(pt.x == 15 && pt.y == 25, "child origin in parent %ld %ld\n", pt.x, pt.y);
    last_move = last_size = 0;
    ok(MoveWindow(child, 5, 6, 70, 80, TRUE), "MoveWindow\n");
    ok(last_size == MAKELPARAM(70, 80) && last_move == MAKELPARAM(5, 6), "WM_SIZE %lx WM_MOVE %lx\n",
       (long)last_size, (long)last_move);
    GetWindowRect(child, &rc);
    ok(rc.right - rc.left == 70 && rc.bottom - rc.top == 80, "moved size\n");
    DestroyWindow(top);
}

static void test_text_tree(void)
{
    HWND top = make(WS_OVERLAPPEDWINDOW, NULL, 0, 0, 0, 200, 200);
    HWND c1 = make(WS_CHILD, top, 1, 0, 0, 10, 10), c2 = make(WS_CHILD, top, 2, 0, 0, 10, 10);
    char buf[32];
    ok(SetWindowTextA(top, "Hello there"), "SetWindowText\n");
    ok(GetWindowTextA(top, buf, sizeof(buf)) == 11 && !lstrcmpA(buf, "Hello there"), "text %s\n", buf);
    ok(GetWindowTextLengthA(top) == 11, "length\n");
    ok(GetWindowTextA(top, buf, 6) == 5 && !lstrcmpA(buf, "Hello"), "truncated %s\n", buf);
    ok(FindWindowA("WlTestClass", "Hello there") == top, "FindWindow\n");
    ok(FindWindowA(NULL, "Nobody") == NULL, "FindWindow none\n");
    ok(GetParent(c1) == top && GetParent(top) == NULL, "GetParent\n");
    ok(GetWindow(top, GW_CHILD) == c1, "first child is the first created\n");
    ok(GetWindow(c1, GW_HWNDNEXT) == c2 && GetWindow(c2, GW_HWNDPREV) == c1, "siblings\n");
    ok(IsChild(top, c2) && !IsChild(c2, top), "IsChild\n");
    ok(GetAncestor(c1, GA_ROOT) == top, "GetAncestor\n");
    ok(GetDesktopWindow() != NULL && GetAncestor(top, GA_PARENT) == GetDesktopWindow(), "desktop\n");
    ok(EnableWindow(c1, FALSE) == 0 && !IsWindowEnabled(c1), "disable\n");
    ok(EnableWindow(c1, TRUE) != 0 && IsWindowEnabled(c1), "enable\n");
    ShowWindow(top, SW_SHOW);
    ok(SetFocus(c2) == top && GetFocus() == c2, "SetFocus\n");
    DestroyWindow(top);
    ok(!IsWindow(c1), "children destroyed\n");
}

static void test_paint(void)
{
    HWND top = make(WS_POPUP | WS_VISIBLE, NULL, 0, 10, 10, 50, 40);
    RECT rc;
    HDC dc;
    MSG msg;
    while (PeekMessageA(&msg, NULL, 0, 0, PM_REMOVE)) DispatchMessageA(&msg);
    ok(!GetUpdateRect(top, &rc, FALSE), "nothing to paint after the queue ran\n");
    InvalidateRect(top, NULL, TRUE);
    ok(GetUpdateRect(top, &rc, FALSE) && rc.right == 50 && rc.bottom == 40, "update rect %ld %ld\n",
       rc.right, rc.bottom);
    nlog = 0; logging = 1;
    UpdateWindow(top);
    logging = 0;
    ok(find(top, WM_PAINT, 0) >= 0, "UpdateWindow sent WM_PAINT\n");
    ok(!GetUpdateRect(top, &rc, FALSE), "validated\n");
    dc = GetDC(top);
    ok(GetPixel(dc, 5, 5) == RGB(255, 0, 0), "painted pixel %08lx\n", GetPixel(dc, 5, 5));
    ok(GetPixel(dc, 20, 20) != RGB(255, 0, 0), "background pixel %08lx\n", GetPixel(dc, 20, 20));
    ReleaseDC(top, dc);
    DestroyWindow(top);
}

int main(void)
{
    test_class();
    test_creation_order();
    test_longs();
    test_rects();
    test_text_tree();
    test_paint();
    return wl_summary();
}
