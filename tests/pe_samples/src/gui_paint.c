/* A plain overlapped window that paints shapes and text in WM_PAINT, with child controls; it
 * counts left clicks in its client area (shown in the title) and quits when its close box is
 * clicked.  WLTEST-MANUAL: driven by tests/gui/test_app.py, screenshots against golden pictures. */
#include <windows.h>
#include <stdio.h>

static int clicks;

static LRESULT CALLBACK wndproc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    switch (msg) {
    case WM_CREATE: {
        HWND lb = CreateWindowExA(WS_EX_CLIENTEDGE, "LISTBOX", NULL, WS_CHILD | WS_VISIBLE | LBS_NOTIFY,
                                  230, 150, 140, 80, hwnd, (HMENU)1, NULL, NULL);
        HWND ed = CreateWindowExA(WS_EX_CLIENTEDGE, "EDIT", "edit me", WS_CHILD | WS_VISIBLE | ES_AUTOHSCROLL,
                                  230, 120, 140, 22, hwnd, (HMENU)2, NULL, NULL);
        SendMessageA(lb, WM_SETFONT, (WPARAM)GetStockObject(DEFAULT_GUI_FONT), 0);
        SendMessageA(ed, WM_SETFONT, (WPARAM)GetStockObject(DEFAULT_GUI_FONT), 0);
        SendMessageA(lb, LB_ADDSTRING, 0, (LPARAM)"Apples");
        SendMessageA(lb, LB_ADDSTRING, 0, (LPARAM)"Bananas");
        SendMessageA(lb, LB_ADDSTRING, 0, (LPARAM)"Cherries");
        SendMessageA(lb, LB_SETCURSEL, 1, 0);
        return 0;
    }
    case WM_PAINT: {
        PAINTSTRUCT ps;
        HDC dc = BeginPaint(hwnd, &ps);
        HBRUSH red = CreateSolidBrush(RGB(220, 40, 40)), hatch = CreateHatchBrush(HS_DIAGCROSS, RGB(0, 0, 160));
        HPEN pen = CreatePen(PS_SOLID, 3, RGB(0, 120, 0)), dash = CreatePen(PS_DASH, 1, RGB(0, 0, 0));
        HFONT f = CreateFontA(-20, 0, 0, 0, FW_BOLD, 0, 0, 0, ANSI_CHARSET, 0, 0, 0, 0, "Arial");
        RECT rc = {10, 10, 110, 60};
        POINT tri[3] = {{130, 60}, {190, 10}, {210, 70}};
        FillRect(dc, &rc, red);
        SelectObject(dc, pen);
        SelectObject(dc, hatch);
        Ellipse(dc, 20, 80, 140, 160);
        SelectObject(dc, GetStockObject(LTGRAY_BRUSH));
        Polygon(dc, tri, 3);
        SelectObject(dc, dash);
        MoveToEx(dc, 10, 180, NULL);
        LineTo(dc, 210, 180);
        SelectObject(dc, f);
        SetBkMode(dc, TRANSPARENT);
        SetTextColor(dc, RGB(0, 0, 128));
        TextOutA(dc, 230, 20, "winelike", 8);
        SetRect(&rc, 10, 190, 210, 240);
        SelectObject(dc, GetStockObject(DEFAULT_GUI_FONT));
        SetTextColor(dc, RGB(0, 0, 0));
        DrawTextA(dc, "DrawText wraps this sentence inside a rectangle.", -1, &rc, DT_WORDBREAK | DT_CENTER);
        SelectObject(dc, GetStockObject(BLACK_PEN));
        SelectObject(dc, GetStockObject(WHITE_BRUSH));
        DeleteObject(red); DeleteObject(hatch); DeleteObject(pen); DeleteObject(dash); DeleteObject(f);
        EndPaint(hwnd, &ps);
        return 0;
    }
    case WM_LBUTTONDOWN: {
        char title[64];
        clicks++;
        wsprintfA(title, "Paint - %d click(s)", clicks);
        SetWindowTextA(hwnd, title);
        return 0;
    }
    case WM_DESTROY:
        PostQuitMessage(clicks);
        return 0;
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
    wc.lpszClassName = "PaintDemo";
    RegisterClassA(&wc);
    hwnd = CreateWindowExA(0, "PaintDemo", "Paint", WS_OVERLAPPEDWINDOW, 40, 30, 400, 300, NULL, NULL,
                           wc.hInstance, NULL);
    ShowWindow(hwnd, SW_SHOWNORMAL);
    UpdateWindow(hwnd);
    while (GetMessageA(&msg, NULL, 0, 0) > 0) {
        TranslateMessage(&msg);
        DispatchMessageA(&msg);
    }
    printf("clicks: %d\n", (int)msg.wParam);
    return 0;
}
