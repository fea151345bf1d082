/* MessageBox with every button set and icon, answered by an input script (tests/gui/test_msgbox.py).
 * WLTEST-MANUAL.  Prints one line per box: its title and what MessageBox returned. */
#include <windows.h>
#include <stdio.h>

int main(void)
{
    static const struct { const char *title; UINT style; const char *text; } boxes[] = {
        {"B0", MB_OK | MB_ICONERROR, "An error."},
        {"B1", MB_OKCANCEL | MB_ICONWARNING, "Escape cancels."},
        {"B2", MB_ABORTRETRYIGNORE | MB_ICONHAND, "Abort, retry, ignore?"},
        {"B3", MB_YESNOCANCEL | MB_ICONQUESTION | MB_DEFBUTTON2, "Save the changes?\nThe second line is longer than the first one."},
        {"B4", MB_YESNO, "Enter presses the default (No)?"},
        {"B5", MB_RETRYCANCEL | MB_ICONINFORMATION, "Retry?"},
        {"B6", MB_CANCELTRYCONTINUE, "Try again?"},
        {"B7", MB_OK, "Escape answers OK when OK is alone."},
    };
    int i;
    boxes[4].style; /* MB_DEFBUTTON2 below */
    for (i = 0; i < 8; i++) {
        UINT st = boxes[i].style | (i == 4 ? MB_DEFBUTTON2 : 0);
        int r = MessageBoxA(NULL, boxes[i].text, boxes[i].title, st);
        printf("%s %d\n", boxes[i].title, r);
        fflush(stdout);
    }
    return 0;
}
