/* WLTEST-GUI (the oracle runs it under Xvfb).  The standard controls (EDIT, BUTTON, LISTBOX,
 * STATIC) driven by messages, and a modeless dialog from an in-memory template: WM_INITDIALOG,
 * GetDlgItem, Get/SetDlgItemInt, check and radio buttons, IsDialogMessage with Tab, Enter and
 * Escape, DM_GETDEFID, MapDialogRect. */
#include "wltest.h"

#define IDC_EDIT 10
#define IDC_CHECK 11
#define IDC_R1 12
#define IDC_R2 13
#define IDC_LIST 14
#define IDC_TEXT 15

static int commands[64], ncommands, en_changes;
static LPARAM init_param;

static INT_PTR CALLBACK dlgproc(HWND dlg, UINT msg, WPARAM wp, LPARAM lp)
{
    if (msg == WM_INITDIALOG) { init_param = lp; return TRUE; }
    if (msg == WM_COMMAND) {
        if (HIWORD(wp) == EN_CHANGE && LOWORD(wp) == IDC_EDIT) en_changes++;
        if (HIWORD(wp) == BN_CLICKED && ncommands < 64) commands[ncommands++] = LOWORD(wp);
        return TRUE;
    }
    return FALSE;
}

/* an in-memory DLGTEMPLATE */
static WORD *put_str(WORD *p, const char *s)
{
    while ((*p++ = (WORD)(BYTE)*s++)) ;
    return p;
}

static WORD *align4(WORD *p)
{
    return (WORD *)(((ULONG_PTR)p + 3) & ~(ULONG_PTR)3);
}

static WORD *item(WORD *p, DWORD style, short x, short y, short cx, short cy, WORD id, WORD cls, const char *text)
{
    DLGITEMTEMPLATE *it;
    p = align4(p);
    it = (DLGITEMTEMPLATE *)p;
    it->style = style | WS_CHILD | WS_VISIBLE;
    it->dwExtendedStyle = 0;
    it->x = x; it->y = y; it->cx = cx; it->cy = cy; it->id = id;
    p = (WORD *)(it + 1);
    *p++ = 0xFFFF; *p++ = cls;
    p = put_str(p, text);
    *p++ = 0;
    return p;
}

static HWND make_dialog(void)
{
    static DWORD buf[1024];
    DLGTEMPLATE *t = (DLGTEMPLATE *)buf;
    WORD *p;
    ZeroMemory(buf, sizeof(buf));
    t->style = WS_POPUP | WS_CAPTION | WS_VISIBLE | DS_SETFONT | DS_MODALFRAME;
    t->cdit = 8;
    t->x = 10; t->y = 10; t->cx = 200; t->cy = 150;
    p = (WORD *)(t + 1);
    *p++ = 0; *p++ = 0;                 /* no menu, the dialog class */
    p = put_str(p, "Controls");
    *p++ = 8;                           /* font size */
    p = put_str(p, "MS Shell Dlg");
    p = item(p, ES_AUTOHSCROLL | WS_BORDER | WS_TABSTOP, 5, 5, 100, 12, IDC_EDIT, 0x81, "");
    p = item(p, BS_AUTOCHECKBOX | WS_TABSTOP, 5, 20, 80, 10, IDC_CHECK, 0x80, "Check");
    p = item(p, BS_AUTORADIOBUTTON | WS_GROUP | WS_TABSTOP, 5, 32, 80, 10, IDC_R1, 0x80, "One");
    p = item(p, BS_AUTORADIOBUTTON, 5, 44, 80, 10, IDC_R2, 0x80, "Two");
    p = item(p, LBS_SORT | LBS_NOTIFY | WS_BORDER | WS_TABSTOP | WS_GROUP, 5, 58, 100, 40, IDC_LIST, 0x83, "");
    p = item(p, SS_LEFT, 5, 100, 100, 10, IDC_TEXT, 0x82, "static text");
    p = item(p, BS_DEFPUSHBUTTON | WS_TABSTOP, 120, 5, 50, 14, IDOK, 0x80, "OK");
    p = item(p, BS_PUSHBUTTON | WS_TABSTOP, 120, 22, 50, 14, IDCANCEL, 0x80, "Cancel");
    return CreateDialogIndirectParamA(GetModuleHandleA(NULL), t, NULL, dlgproc, 0x4242);
}

static int clicked(int id)
{
    int i;
    for (i = 0; i < ncommands; i++) if (commands[i] == id) return 1;
    return 0;
}

static void test_edit(HWND dlg)
{
    HWND e = GetDlgItem(dlg, IDC_EDIT);
    char buf[64];
    DWORD s = 0, t = 0;
    ok(e != NULL, "edit\n");
    SetWindowTextA(e, "hello");
    ok(GetWindowTextLengthA(e) == 5, "length\n");
    SendMessageA(e, EM_SETSEL, 5, 5);
    en_changes = 0;
    SendMessageA(e, WM_CHAR, '!', 0);
    GetWindowTextA(e, buf, sizeof(buf));
    ok(!lstrcmpA(buf, "hello!"), "typed: %s\n", buf);
    ok(en_changes == 1, "EN_CHANGE %d\n", en_changes);
    SendMessageA(e, EM_SETSEL, 0, 5);
    SendMessageA(e, EM_GETSEL, (WPARAM)&s, (LPARAM)&t);
    ok(s == 0 && t == 5, "selection %lu %lu\n", s, t);
    SendMessageA(e, EM_REPLACESEL, TRUE, (LPARAM)"bye");
    GetWindowTextA(e, buf, sizeof(buf));
    ok(!lstrcmpA(buf, "bye!"), "replaced: %s\n", buf);
    SendMessageA(e, EM_SETSEL, 0, -1);
    SendMessageA(e, WM_CHAR, VK_BACK, 0);
    ok(GetWindowTextLengthA(e) == 0, "backspace over the selection\n");
    SendMessageA(e, EM_LIMITTEXT, 3, 0);
    SendMessageA(e, WM_CHAR, 'a', 0); SendMessageA(e, WM_CHAR, 'b', 0);
    SendMessageA(e, WM_CHAR, 'c', 0); SendMessageA(e, WM_CHAR, 'd', 0);
    GetWindowTextA(e, buf, sizeof(buf));
    ok(!lstrcmpA(buf, "abc"), "limited: %s\n", buf);
    ok(SendMessageA(e, WM_GETDLGCODE, 0, 0) & DLGC_HASSETSEL, "edit dialog code\n");
}

static void test_buttons(HWND dlg)
{
    HWND c = GetDlgItem(dlg, IDC_CHECK);
    ok(SendMessageA(c, BM_GETCHECK, 0, 0) == BST_UNCHECKED, "unchecked\n");
    ncommands = 0;
    SendMessageA(c, BM_CLICK, 0, 0);
    ok(IsDlgButtonChecked(dlg, IDC_CHECK) == BST_CHECKED, "auto check box toggled\n");
    ok(clicked(IDC_CHECK), "BN_CLICKED\n");
    CheckDlgButton(dlg, IDC_CHECK, BST_UNCHECKED);
    ok(SendMessageA(c, BM_GETCHECK, 0, 0) == BST_UNCHECKED, "CheckDlgButton\n");
    SendMessageA(GetDlgItem(dlg, IDC_R1), BM_CLICK, 0, 0);
    SendMessageA(GetDlgItem(dlg, IDC_R2), BM_CLICK, 0, 0);
    ok(!IsDlgButtonChecked(dlg, IDC_R1) && IsDlgButtonChecked(dlg, IDC_R2), "auto radio group\n");
    CheckRadioButton(dlg, IDC_R1, IDC_R2, IDC_R1);
    ok(IsDlgButtonChecked(dlg, IDC_R1) && !IsDlgButtonChecked(dlg, IDC_R2), "CheckRadioButton\n");
    ok((SendMessageA(GetDlgItem(dlg, IDOK), WM_GETDLGCODE, 0, 0) & DLGC_DEFPUSHBUTTON), "default button code\n");
    ok(LOWORD(SendMessageA(dlg, DM_GETDEFID, 0, 0)) == IDOK && HIWORD(SendMessageA(dlg, DM_GETDEFID, 0, 0)) == DC_HASDEFID,
       "DM_GETDEFID %lx\n", (long)SendMessageA(dlg, DM_GETDEFID, 0, 0));
}

static void test_listbox(HWND dlg)
{
    HWND l = GetDlgItem(dlg, IDC_LIST);
    char buf[32];
    ok(SendMessageA(l, LB_ADDSTRING, 0, (LPARAM)"pear") == 0, "add\n");
    ok(SendMessageA(l, LB_ADDSTRING, 0, (LPARAM)"apple") == 0, "sorted add\n");
    ok(SendMessageA(l, LB_ADDSTRING, 0, (LPARAM)"plum") == 2, "sorted add 2\n");
    ok(SendMessageA(l, LB_GETCOUNT, 0, 0) == 3, "count\n");
    ok(SendMessageA(l, LB_FINDSTRING, -1, (LPARAM)"PL") == 2, "find prefix\n");
    ok(SendMessageA(l, LB_FINDSTRINGEXACT, -1, (LPARAM)"pea") == LB_ERR, "exact\n");
    ok(SendMessageA(l, LB_GETTEXT, 1, (LPARAM)buf) == 4 && !lstrcmpA(buf, "pear"), "text %s\n", buf);
    ok(SendMessageA(l, LB_GETTEXTLEN, 0, 0) == 5, "text len\n");
    ok(SendMessageA(l, LB_GETCURSEL, 0, 0) == LB_ERR, "no selection\n");
    ok(SendMessageA(l, LB_SETCURSEL, 1, 0) == 1 && SendMessageA(l, LB_GETCURSEL, 0, 0) == 1, "select\n");
    SendMessageA(l, LB_SETITEMDATA, 1, 1234);
    ok(SendMessageA(l, LB_GETITEMDATA, 1, 0) == 1234, "item data\n");
    ok(SendMessageA(l, LB_DELETESTRING, 0, 0) == 2, "delete\n");
    ok(SendMessageA(l, LB_GETCURSEL, 0, 0) == 0, "selection follows %ld\n", (long)SendMessageA(l, LB_GETCURSEL, 0, 0));
}

static void test_dlg_items(HWND dlg)
{
    BOOL okv = FALSE;
    char buf[32];
    RECT rc = {0, 0, 4, 8};
    ok(init_param == 0x4242, "WM_INITDIALOG lParam %lx\n", (long)init_param);
    ok(SetDlgItemInt(dlg, IDC_TEXT, (UINT)-17, TRUE), "SetDlgItemInt\n");
    GetDlgItemTextA(dlg, IDC_TEXT, buf, sizeof(buf));
    ok(!lstrcmpA(buf, "-17"), "text %s\n", buf);
    ok((int)GetDlgItemInt(dlg, IDC_TEXT, &okv, TRUE) == -17 && okv, "GetDlgItemInt\n");
    SetDlgItemTextA(dlg, IDC_TEXT, "abc");
    ok(GetDlgItemInt(dlg, IDC_TEXT, &okv, FALSE) == 0 && !okv, "not a number\n");
    ok(GetDlgItem(dlg, 999) == NULL, "no such item\n");
    ok(MapDialogRect(dlg, &rc) && rc.right > 0 && rc.bottom > rc.right, "MapDialogRect %ld %ld\n", rc.right, rc.bottom);
    ok(GetNextDlgTabItem(dlg, GetDlgItem(dlg, IDC_EDIT), FALSE) == GetDlgItem(dlg, IDC_CHECK), "next tab item\n");
    ok(GetNextDlgTabItem(dlg, GetDlgItem(dlg, IDC_EDIT), TRUE) == GetDlgItem(dlg, IDCANCEL), "previous wraps\n");
}

static void test_isdialogmessage(HWND dlg)
{
    MSG m;
    HWND e = GetDlgItem(dlg, IDC_EDIT);
    SetFocus(e);
    ok(GetFocus() == e, "focus on the edit %p\n", GetFocus());
    ZeroMemory(&m, sizeof(m));
    m.hwnd = e; m.message = WM_KEYDOWN; m.wParam = VK_TAB;
    ok(IsDialogMessageA(dlg, &m), "Tab handled\n");
    ok(GetFocus() == GetDlgItem(dlg, IDC_CHECK), "Tab moved the focus: %p\n", GetFocus());
    SetFocus(e);
    ncommands = 0;
    m.wParam = VK_RETURN;
    ok(IsDialogMessageA(dlg, &m), "Enter handled\n");
    ok(clicked(IDOK), "Enter pressed the default button\n");
    m.wParam = VK_ESCAPE;
    ok(IsDialogMessageA(dlg, &m), "Escape handled\n");
    ok(clicked(IDCANCEL), "Escape sent IDCANCEL\n");
    m.hwnd = NULL;
    ok(!IsDialogMessageA(dlg, &m), "not the dialog's\n");
}

int main(void)
{
    HWND dlg = make_dialog(), st;
    MSG m;
    ok(dlg != NULL, "CreateDialogIndirectParam failed %lu\n", GetLastError());
    while (PeekMessageA(&m, NULL, 0, 0, PM_REMOVE)) { TranslateMessage(&m); DispatchMessageA(&m); }
    st = GetDlgItem(dlg, IDC_TEXT);
    {
        char buf[32];
        GetWindowTextA(st, buf, sizeof(buf));
        ok(!lstrcmpA(buf, "static text"), "static %s\n", buf);
    }
    test_edit(dlg);
    test_buttons(dlg);
    test_listbox(dlg);
    test_dlg_items(dlg);
    test_isdialogmessage(dlg);
    ok(DestroyWindow(dlg), "DestroyWindow\n");
    return wl_summary();
}
