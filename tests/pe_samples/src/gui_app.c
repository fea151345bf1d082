/* A small GUI application: a dialog from the program's resources with an edit control, a
 * check box and buttons; a timer ticks three times; Greet shows (and prints) a greeting made
 * with a string resource; Close ends the dialog.  WLTEST-MANUAL: driven by an input script in
 * tests/gui/test_app.py, which compares screenshots with golden pictures. */
#include <windows.h>
#include <stdio.h>
#include "gui_app.h"

static int ticks;
static char greeting[128];

static INT_PTR CALLBACK dlgproc(HWND dlg, UINT msg, WPARAM wp, LPARAM lp)
{
    switch (msg) {
    case WM_INITDIALOG:
        SetTimer(dlg, 1, 50, NULL);
        return TRUE;
    case WM_TIMER:
        if (++ticks >= 3) KillTimer(dlg, 1);
        SetDlgItemInt(dlg, IDC_TICKS, ticks, FALSE);
        {
            char buf[32];
            wsprintfA(buf, "ticks: %d", ticks);
            SetDlgItemTextA(dlg, IDC_TICKS, buf);
        }
        return TRUE;
    case WM_COMMAND:
        switch (LOWORD(wp)) {
        case IDC_GREET: {
            char name[64], fmt[64];
            GetDlgItemTextA(dlg, IDC_NAME, name, sizeof(name));
            if (IsDlgButtonChecked(dlg, IDC_SHOUT) == BST_CHECKED) CharUpperA(name);
            LoadStringA(GetModuleHandleA(NULL), IDS_HELLO, fmt, sizeof(fmt));
            wsprintfA(greeting, fmt, name);
            SetDlgItemTextA(dlg, IDC_OUT, greeting);
            printf("greeting: %s\n", greeting);
            fflush(stdout);
            return TRUE;
        }
        case IDCANCEL:
            EndDialog(dlg, 2);
            return TRUE;
        }
        break;
    }
    return FALSE;
}

int main(void)
{
    INT_PTR r = DialogBoxParamA(GetModuleHandleA(NULL), MAKEINTRESOURCEA(IDD_MAIN), NULL, dlgproc, 0);
    printf("ticks: %d\nDialogBox returned %d\n", ticks, (int)r);
    return r == 2 ? 0 : 1;
}
