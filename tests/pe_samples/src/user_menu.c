/* WLTEST-GUI (the oracle runs it under Xvfb).  Menus as data (building, querying, check and
 * enable state, SetMenu), window properties, scroll bar values, monitors. */
#include "wltest.h"

static void test_menus(HWND hwnd)
{
    HMENU bar = CreateMenu(), file = CreatePopupMenu();
    char buf[32];
    ok(bar && file && IsMenu(bar), "menus\n");
    ok(AppendMenuA(file, MF_STRING, 101, "&Open"), "append\n");
    ok(AppendMenuA(file, MF_SEPARATOR, 0, NULL), "separator\n");
    ok(AppendMenuA(file, MF_STRING, 102, "E&xit"), "append 2\n");
    ok(AppendMenuA(bar, MF_POPUP, (UINT_PTR)file, "&File"), "popup\n");
    ok(GetMenuItemCount(bar) == 1 && GetMenuItemCount(file) == 3, "counts %d %d\n", GetMenuItemCount(bar),
       GetMenuItemCount(file));
    ok(GetSubMenu(bar, 0) == file, "submenu\n");
    ok(GetMenuItemID(file, 2) == 102 && GetMenuItemID(bar, 0) == (UINT)-1, "ids\n");
    ok(GetMenuStringA(bar, 102, buf, sizeof(buf), MF_BYCOMMAND) == 5 && !lstrcmpA(buf, "E&xit"), "string %s\n", buf);
    ok(CheckMenuItem(bar, 101, MF_BYCOMMAND | MF_CHECKED) == MF_UNCHECKED, "check\n");
    ok(GetMenuState(file, 101, MF_BYCOMMAND) & MF_CHECKED, "checked state\n");
    ok(CheckMenuItem(file, 0, MF_BYPOSITION | MF_UNCHECKED) == MF_CHECKED, "previous state\n");
    ok(EnableMenuItem(file, 102, MF_BYCOMMAND | MF_GRAYED) == MF_ENABLED, "enable\n");
    ok(GetMenuState(file, 102, MF_BYCOMMAND) & MF_GRAYED, "grayed\n");
    ok(InsertMenuA(file, 0, MF_BYPOSITION | MF_STRING, 100, "&New"), "insert\n");
    ok(GetMenuItemID(file, 0) == 100 && GetMenuItemCount(file) == 4, "inserted first\n");
    ok(SetMenu(hwnd, bar) && GetMenu(hwnd) == bar, "SetMenu\n");
    ok(DeleteMenu(file, 100, MF_BYCOMMAND) && GetMenuItemCount(file) == 3, "DeleteMenu\n");
    ok(SetMenu(hwnd, NULL) && GetMenu(hwnd) == NULL, "no menu\n");
    ok(DestroyMenu(bar), "DestroyMenu\n");
    ok(!IsMenu(bar) && !IsMenu(file), "destroyed with its popup\n");
}

static void test_props(HWND hwnd)
{
    ok(SetPropA(hwnd, "wl.prop", (HANDLE)0x1234), "SetProp\n");
    ok(GetPropA(hwnd, "WL.PROP") == (HANDLE)0x1234, "GetProp (case-insensitive)\n");
    ok(RemovePropA(hwnd, "wl.prop") == (HANDLE)0x1234 && GetPropA(hwnd, "wl.prop") == NULL, "RemoveProp\n");
}

static void test_scroll(HWND hwnd)
{
    SCROLLINFO si;
    int mn = -1, mx = -1;
    ok(SetScrollRange(hwnd, SB_VERT, 0, 50, FALSE), "SetScrollRange\n");
    SetScrollPos(hwnd, SB_VERT, 20, FALSE);
    ok(GetScrollPos(hwnd, SB_VERT) == 20, "pos %d\n", GetScrollPos(hwnd, SB_VERT));
    GetScrollRange(hwnd, SB_VERT, &mn, &mx);
    ok(mn == 0 && mx == 50, "range %d %d\n", mn, mx);
    ZeroMemory(&si, sizeof(si));
    si.cbSize = sizeof(si);
    si.fMask = SIF_ALL;
    si.nMin = 0; si.nMax = 99; si.nPage = 10; si.nPos = 95;
    ok(SetScrollInfo(hwnd, SB_VERT, &si, FALSE) == 90, "pos clamped to max - page + 1: %d\n",
       SetScrollInfo(hwnd, SB_VERT, &si, FALSE));
    ZeroMemory(&si, sizeof(si));
    si.cbSize = sizeof(si);
    si.fMask = SIF_ALL;
    ok(GetScrollInfo(hwnd, SB_VERT, &si) && si.nMax == 99 && si.nPage == 10 && si.nPos == 90, "info %d %u %d\n",
       si.nMax, si.nPage, si.nPos);
}

static void test_monitor(HWND hwnd)
{
    HMONITOR m = MonitorFromWindow(hwnd, MONITOR_DEFAULTTONEAREST);
    MONITORINFO mi;
    ok(m != NULL, "monitor\n");
    mi.cbSize = sizeof(mi);
    ok(GetMonitorInfoA(m, &mi), "GetMonitorInfo\n");
    ok(mi.rcMonitor.right - mi.rcMonitor.left == GetSystemMetrics(SM_CXSCREEN), "monitor width %ld\n",
       mi.rcMonitor.right);
    ok(mi.dwFlags & MONITORINFOF_PRIMARY, "primary\n");
}

int main(void)
{
    HWND hwnd = CreateWindowExA(0, "STATIC", "host", WS_OVERLAPPEDWINDOW, 0, 0, 200, 200, NULL, NULL, NULL, NULL);
    ok(hwnd != NULL, "window\n");
    test_menus(hwnd);
    test_props(hwnd);
    test_scroll(hwnd);
    test_monitor(hwnd);
    DestroyWindow(hwnd);
    return wl_summary();
}
