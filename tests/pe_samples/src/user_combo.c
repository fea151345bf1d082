/* WLTEST-GUI (the oracle runs it under Xvfb).  COMBOBOX (drop-down list) and SCROLLBAR controls
 * by messages. */
#include "wltest.h"

int main(void)
{
    HWND top = CreateWindowExA(0, "STATIC", "host", WS_OVERLAPPED, 0, 0, 200, 200, NULL, NULL, NULL, NULL);
    HWND cb = CreateWindowExA(0, "COMBOBOX", NULL, WS_CHILD | WS_VISIBLE | CBS_DROPDOWNLIST | CBS_SORT,
                              5, 5, 120, 100, top, (HMENU)1, NULL, NULL);
    HWND sb = CreateWindowExA(0, "SCROLLBAR", NULL, WS_CHILD | WS_VISIBLE | SBS_HORZ, 5, 150, 120, 16, top,
                              (HMENU)2, NULL, NULL);
    char buf[32];
    int mn = -1, mx = -1;
    ok(cb != NULL && sb != NULL, "controls %p %p\n", cb, sb);
    ok(SendMessageA(cb, CB_ADDSTRING, 0, (LPARAM)"zebra") == 0, "add\n");
    ok(SendMessageA(cb, CB_ADDSTRING, 0, (LPARAM)"ant") == 0, "sorted add\n");
    ok(SendMessageA(cb, CB_ADDSTRING, 0, (LPARAM)"moose") == 1, "sorted add 2\n");
    ok(SendMessageA(cb, CB_GETCOUNT, 0, 0) == 3, "count\n");
    ok(SendMessageA(cb, CB_GETCURSEL, 0, 0) == CB_ERR, "no selection\n");
    ok(SendMessageA(cb, CB_SETCURSEL, 2, 0) == 2, "select\n");
    ok(SendMessageA(cb, CB_GETLBTEXT, 2, (LPARAM)buf) == 5 && !lstrcmpA(buf, "zebra"), "text %s\n", buf);
    ok(GetWindowTextA(cb, buf, sizeof(buf)) == 5 && !lstrcmpA(buf, "zebra"), "window text %s\n", buf);
    ok(SendMessageA(cb, CB_FINDSTRINGEXACT, -1, (LPARAM)"MOOSE") == 1, "find exact\n");
    ok(SendMessageA(cb, CB_SELECTSTRING, -1, (LPARAM)"a") == 0 && SendMessageA(cb, CB_GETCURSEL, 0, 0) == 0,
       "select string\n");
    SendMessageA(cb, CB_SETITEMDATA, 0, 77);
    ok(SendMessageA(cb, CB_GETITEMDATA, 0, 0) == 77, "item data\n");
    ok(SendMessageA(cb, CB_DELETESTRING, 0, 0) == 2, "delete\n");
    SendMessageA(cb, CB_RESETCONTENT, 0, 0);
    ok(SendMessageA(cb, CB_GETCOUNT, 0, 0) == 0, "reset\n");

    SendMessageA(sb, SBM_SETRANGE, 0, 40);
    SendMessageA(sb, SBM_SETPOS, 25, FALSE);
    ok(SendMessageA(sb, SBM_GETPOS, 0, 0) == 25, "scroll pos\n");
    SendMessageA(sb, SBM_GETRANGE, (WPARAM)&mn, (LPARAM)&mx);
    ok(mn == 0 && mx == 40, "scroll range %d %d\n", mn, mx);
    SendMessageA(sb, SBM_SETPOS, 99, FALSE);
    ok(SendMessageA(sb, SBM_GETPOS, 0, 0) == 40, "clamped %ld\n", (long)SendMessageA(sb, SBM_GETPOS, 0, 0));
    DestroyWindow(top);
    return wl_summary();
}
