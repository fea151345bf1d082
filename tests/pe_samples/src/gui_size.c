/* A resizable overlapped window sized and moved with the mouse through its frame and caption:
 * it reports what DefWindowProc sent (WM_ENTERSIZEMOVE/WM_EXITSIZEMOVE, WM_SIZING, WM_SIZE)
 * and where the window ended, when it is closed.  Its WM_GETMINMAXINFO sets a minimum
 * tracking size of 200x150; its WM_SIZING keeps the width even.
 * WLTEST-MANUAL: driven by tests/gui/test_app.py (input scripts). */
#include <windows.h>
#include <stdio.h>

static int enter, leave, sizing, sizes;
static int last_w, last_h;

static LRESULT CALLBACK wndproc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    switch (msg) {
    case WM_GETMINMAXINFO: {
        MINMAXINFO *mm = (MINMAXINFO *)lp;
        mm->ptMinTrackSize.x = 200;
        mm->ptMinTrackSize.y = 150;
        return 0;
    }
    case WM_ENTERSIZEMOVE:
        enter++;
        return 0;
    case WM_EXITSIZEMOVE:
        leave++;
        return 0;
    case WM_SIZING: {
        RECT *rc = (RECT *)lp;
        sizing++;
        if ((rc->right - rc->left) & 1) {           /* keep the width even, on the side being dragged */
            if (wp == WMSZ_LEFT || wp == WMSZ_TOPLEFT || wp == WMSZ_BOTTOMLEFT) rc->left--;
            else rc->right++;
        }
        return TRUE;
    }
    case WM_SIZE:
        sizes++;
        last_w = LOWORD(lp);
        last_h = HIWORD(lp);
        return 0;
    case WM_DESTROY: {
        RECT rc;
        GetWindowRect(hwnd, &rc);
        printf("window %ld %ld %ld %ld, client %d x %d, size/move loops %d/%d, sizing %s\n", rc.left, rc.top,
               rc.right, rc.bottom, last_w, last_h, enter, leave, sizing ? "yes" : "no");
        PostQuitMessage(0);
        return 0;
    }
    }
    return DefWindowProcA(hwnd, msg, wp, lp);
}

int main(void)
{
    WNDCLASSA wc;
    MSG msg;
    HWND hwnd;
    ZeroMemory(&wc, sizeof(wc));
    wc.lpfnWndProc = wndproc;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.hCursor = LoadCursorA(NULL, (LPCSTR)IDC_ARROW);
    wc.hbrBackground = (HBRUSH)(COLOR_WINDOW + 1);
    wc.lpszClassName = "SizeDemo";
    RegisterClassA(&wc);
    hwnd = CreateWindowExA(0, "SizeDemo", "Sizer", WS_OVERLAPPEDWINDOW, 40, 30, 300, 200, NULL, NULL,
                           wc.hInstance, NULL);
    ShowWindow(hwnd, SW_SHOW);
    UpdateWindow(hwnd);
    while (GetMessageA(&msg, NULL, 0, 0) > 0) {
        TranslateMessage(&msg);
        DispatchMessageA(&msg);
    }
    fflush(stdout);
    return (int)msg.wParam;
}
