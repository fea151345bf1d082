/* GUI figures for bench/gui.py: guibench MODE N prints "SECONDS COUNT" (timed with
 * QueryPerformanceCounter inside the guest).
 *   fillrect N   N x FillRect of an 8x8 rectangle into a 640x480 memory DC
 *   blit N       N frames: BitBlt 640x480 from a memory DC into a window, then let the queue
 *                run (PeekMessage), which is when winelike presents the frame
 *   post N       N x PostMessage + GetMessage round trips on one thread */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

static double now(void)
{
    LARGE_INTEGER c, f;
    QueryPerformanceCounter(&c);
    QueryPerformanceFrequency(&f);
    return (double)c.QuadPart / (double)f.QuadPart;
}

static HDC memdc(int w, int h)
{
    BITMAPINFO bmi;
    void *bits;
    HDC dc = CreateCompatibleDC(NULL);
    ZeroMemory(&bmi, sizeof(bmi));
    bmi.bmiHeader.biSize = sizeof(bmi.bmiHeader);
    bmi.bmiHeader.biWidth = w;
    bmi.bmiHeader.biHeight = -h;
    bmi.bmiHeader.biPlanes = 1;
    bmi.bmiHeader.biBitCount = 32;
    SelectObject(dc, CreateDIBSection(dc, &bmi, DIB_RGB_COLORS, &bits, NULL, 0));
    return dc;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "fillrect";
    int n = argc > 2 ? atoi(argv[2]) : 1000, i;
    double t0, t1;
    if (!strcmp(mode, "fillrect")) {
        HDC dc = memdc(640, 480);
        HBRUSH br = CreateSolidBrush(RGB(200, 30, 30));
        RECT rc;
        t0 = now();
        for (i = 0; i < n; i++) {
            int x = (i * 8) % 632, y = ((i / 79) * 8) % 472;
            rc.left = x; rc.top = y; rc.right = x + 8; rc.bottom = y + 8;
            FillRect(dc, &rc, br);
        }
        t1 = now();
    } else if (!strcmp(mode, "blit")) {
        WNDCLASSA wc;
        HWND hwnd;
        HDC src = memdc(640, 480), dst;
        MSG m;
        ZeroMemory(&wc, sizeof(wc));
        wc.lpfnWndProc = DefWindowProcA;
        wc.lpszClassName = "guibench";
        RegisterClassA(&wc);
        hwnd = CreateWindowExA(0, "guibench", "guibench", WS_POPUP | WS_VISIBLE, 0, 0, 640, 480, NULL, NULL, NULL, NULL);
        while (PeekMessageA(&m, NULL, 0, 0, PM_REMOVE)) DispatchMessageA(&m);
        dst = GetDC(hwnd);
        t0 = now();
        for (i = 0; i < n; i++) {
            PatBlt(src, (i * 7) % 600, 0, 40, 480, (i & 1) ? WHITENESS : BLACKNESS);
            BitBlt(dst, 0, 0, 640, 480, src, 0, 0, SRCCOPY);
            while (PeekMessageA(&m, NULL, 0, 0, PM_REMOVE)) DispatchMessageA(&m);
        }
        t1 = now();
        ReleaseDC(hwnd, dst);
        DestroyWindow(hwnd);
    } else {
        WNDCLASSA wc;
        HWND hwnd;
        MSG m;
        ZeroMemory(&wc, sizeof(wc));
        wc.lpfnWndProc = DefWindowProcA;
        wc.lpszClassName = "guibench2";
        RegisterClassA(&wc);
        hwnd = CreateWindowExA(0, "guibench2", "q", WS_POPUP, 0, 0, 10, 10, NULL, NULL, NULL, NULL);
        t0 = now();
        for (i = 0; i < n; i++) {
            PostMessageA(hwnd, WM_USER, i, 0);
            GetMessageA(&m, NULL, 0, 0);
        }
        t1 = now();
    }
    printf("%.6f %d\n", t1 - t0, n);
    return 0;
}
