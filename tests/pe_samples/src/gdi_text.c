/* WLTEST-GUI (the oracle runs it under Xvfb: it reads the screen DC's caps).  gdi32 text and more
 * drawing, checked on pixels read back: fonts and LOGFONT round trips, text alignment
 * (TA_RIGHT, TA_BASELINE, TA_UPDATECP), ExtTextOut opaque/clipped, DrawText (DT_CALCRECT,
 * centring, word breaks), extents, pen styles and widths, Pie, RoundRect, StretchDIBits,
 * SetDIBitsToDevice.  Fonts differ between Windows, Wine and winelike: only relations are checked. */
#include "wltest.h"

#define W 160
#define H 80
static HDC dc;
static DWORD *bits;
#define PX(x, y) (bits[(y) * W + (x)] & 0xFFFFFF)

static void clear(void)
{
    int i;
    for (i = 0; i < W * H; i++) bits[i] = 0xFFFFFF;
}

/* bounding box of the non-white pixels; returns their count */
static int ink(RECT *box)
{
    int x, y, n = 0;
    SetRect(box, W, H, -1, -1);
    for (y = 0; y < H; y++)
        for (x = 0; x < W; x++)
            if (PX(x, y) != 0xFFFFFF) {
                n++;
                if (x < box->left) box->left = x;
                if (y < box->top) box->top = y;
                if (x > box->right) box->right = x;
                if (y > box->bottom) box->bottom = y;
            }
    return n;
}

static void setup(void)
{
    BITMAPINFO bmi;
    ZeroMemory(&bmi, sizeof(bmi));
    bmi.bmiHeader.biSize = sizeof(bmi.bmiHeader);
    bmi.bmiHeader.biWidth = W;
    bmi.bmiHeader.biHeight = -H;
    bmi.bmiHeader.biPlanes = 1;
    bmi.bmiHeader.biBitCount = 32;
    dc = CreateCompatibleDC(NULL);
    SelectObject(dc, CreateDIBSection(dc, &bmi, DIB_RGB_COLORS, (void **)&bits, NULL, 0));
    SetBkMode(dc, TRANSPARENT);
}

static HFONT font;

static void test_font_object(void)
{
    LOGFONTA lf, out;
    ZeroMemory(&lf, sizeof(lf));
    lf.lfHeight = -13;
    lf.lfWeight = FW_BOLD;
    lf.lfCharSet = ANSI_CHARSET;
    lstrcpyA(lf.lfFaceName, "Arial");
    font = CreateFontIndirectA(&lf);
    ok(font != NULL, "CreateFontIndirect\n");
    ok(GetObjectA(font, sizeof(out), &out) == sizeof(out), "GetObject size\n");
    ok(out.lfHeight == -13 && out.lfWeight == FW_BOLD && !lstrcmpA(out.lfFaceName, "Arial"), "LOGFONT %ld %ld %s\n",
       out.lfHeight, out.lfWeight, out.lfFaceName);
    ok(GetObjectType(font) == OBJ_FONT, "type\n");
    SelectObject(dc, font);
}

static void test_alignment(void)
{
    SIZE sz;
    RECT box;
    TEXTMETRICA tm;
    POINT pt;
    GetTextExtentPoint32A(dc, "Hi", 2, &sz);
    GetTextMetricsA(dc, &tm);
    ok(tm.tmWeight >= FW_SEMIBOLD, "bold weight %ld\n", tm.tmWeight);
    clear();
    SetTextAlign(dc, TA_RIGHT | TA_TOP);
    TextOutA(dc, 80, 10, "Hi", 2);
    ok(ink(&box) > 0 && box.right <= 80 && box.left >= 80 - sz.cx - 1, "TA_RIGHT ink %ld..%ld\n", box.left, box.right);
    clear();
    SetTextAlign(dc, TA_LEFT | TA_BASELINE);
    TextOutA(dc, 10, 40, "H", 1);
    ink(&box);
    ok(box.bottom < 40 && box.top >= 40 - tm.tmAscent, "TA_BASELINE rows %ld..%ld ascent %ld\n", box.top, box.bottom,
       tm.tmAscent);
    clear();
    SetTextAlign(dc, TA_UPDATECP);
    MoveToEx(dc, 5, 5, NULL);
    TextOutA(dc, 0, 0, "Hi", 2);
    GetCurrentPositionEx(dc, &pt);
    ok(pt.x == 5 + sz.cx && pt.y == 5, "TA_UPDATECP moved to %ld,%ld (cx %ld)\n", pt.x, pt.y, sz.cx);
    SetTextAlign(dc, TA_LEFT | TA_TOP);
}

static void test_exttextout(void)
{
    RECT rc = {10, 10, 40, 30}, box;
    clear();
    SetBkColor(dc, RGB(0, 0, 255));
    ok(ExtTextOutA(dc, 12, 12, ETO_OPAQUE, &rc, "", 0, NULL), "ExtTextOut opaque\n");
    ok(PX(38, 28) == 0x0000FF && PX(40, 28) == 0xFFFFFF, "opaque rect %06lx %06lx\n", PX(38, 28), PX(40, 28));
    clear();
    SetRect(&rc, 10, 10, 20, 30);
    ExtTextOutA(dc, 12, 12, ETO_CLIPPED, &rc, "WWWWWW", 6, NULL);
    ok(ink(&box) > 0 && box.left >= 10 && box.right < 20, "clipped ink %ld..%ld\n", box.left, box.right);
    SetBkColor(dc, RGB(255, 255, 255));
}

static void test_drawtext(void)
{
    RECT rc = {0, 0, 0, 0}, box;
    SIZE sz;
    TEXTMETRICA tm;
    int h, lm, rm;
    GetTextExtentPoint32A(dc, "Centre me", 9, &sz);
    GetTextMetricsA(dc, &tm);
    h = DrawTextA(dc, "Centre me", -1, &rc, DT_CALCRECT | DT_SINGLELINE);
    ok(h == tm.tmHeight && rc.right == sz.cx && rc.bottom == tm.tmHeight, "DT_CALCRECT %d: %ld x %ld\n", h,
       rc.right, rc.bottom);
    clear();
    SetRect(&rc, 0, 0, W, H);
    DrawTextA(dc, "Centre me", -1, &rc, DT_CENTER | DT_VCENTER | DT_SINGLELINE);
    ink(&box);
    lm = box.left;
    rm = W - 1 - box.right;
    ok(abs(lm - rm) <= 3, "horizontally centred: %d vs %d\n", lm, rm);
    ok(box.top > H / 4 && box.bottom < 3 * H / 4, "vertically centred %ld..%ld\n", box.top, box.bottom);
    clear();
    DrawTextA(dc, "Right", -1, &rc, DT_RIGHT | DT_SINGLELINE);
    ink(&box);
    ok(box.right >= W - 3 && box.left > W / 2, "DT_RIGHT %ld..%ld\n", box.left, box.right);
    SetRect(&rc, 0, 0, 60, 0);
    h = DrawTextA(dc, "one two three four five six", -1, &rc, DT_CALCRECT | DT_WORDBREAK);
    ok(h >= 2 * tm.tmHeight && rc.bottom == h && rc.right <= 60, "word break: %d lines, width %ld\n",
       h / tm.tmHeight, rc.right);
    SetRect(&rc, 0, 0, 0, 0);
    DrawTextA(dc, "&File", -1, &rc, DT_CALCRECT | DT_SINGLELINE);
    GetTextExtentPoint32A(dc, "File", 4, &sz);
    ok(rc.right == sz.cx, "prefix not counted: %ld vs %ld\n", rc.right, sz.cx);
}

static void test_extents(void)
{
    SIZE sz;
    int fit = 0, dx[8];
    INT widths[1];
    GetTextExtentPoint32A(dc, "abcdef", 6, &sz);
    ok(GetTextExtentExPointA(dc, "abcdef", 6, sz.cx / 2, &fit, dx, &sz), "GetTextExtentExPoint\n");
    ok(fit > 0 && fit < 6, "fit %d\n", fit);
    ok(dx[0] > 0 && dx[fit - 1] <= sz.cx / 2, "partial extents %d %d (fit %d)\n", dx[0], dx[fit - 1], fit);
    GetTextExtentExPointA(dc, "abcdef", 6, sz.cx, &fit, dx, &sz);
    ok(fit == 6 && dx[1] > dx[0] && dx[5] == sz.cx, "all fit: %d, %d %d %d (cx %ld)\n", fit, dx[0], dx[1], dx[5], sz.cx);
    ok(GetCharWidth32A(dc, 'W', 'W', widths) && widths[0] > 0, "char width\n");
}

static void test_pens_shapes(void)
{
    HPEN dash = CreatePen(PS_DASH, 1, RGB(0, 0, 0)), thick = CreatePen(PS_SOLID, 3, RGB(0, 0, 0)), old;
    HBRUSH br = CreateSolidBrush(RGB(0, 128, 0));
    int x, on = 0, off = 0;
    RECT box;
    clear();
    SetBkMode(dc, TRANSPARENT);
    old = SelectObject(dc, dash);
    MoveToEx(dc, 0, 5, NULL);
    LineTo(dc, 150, 5);
    for (x = 0; x < 150; x++) { if (PX(x, 5) == 0) on++; else off++; }
    ok(on > 30 && off > 10, "dashes: %d on %d off\n", on, off);
    clear();
    SelectObject(dc, thick);
    MoveToEx(dc, 10, 20, NULL);
    LineTo(dc, 100, 20);
    ok(PX(50, 19) == 0 && PX(50, 20) == 0 && PX(50, 21) == 0 && PX(50, 24) == 0xFFFFFF, "3-pixel pen\n");
    clear();
    SelectObject(dc, GetStockObject(NULL_PEN));
    MoveToEx(dc, 0, 30, NULL);
    LineTo(dc, 100, 30);
    ok(ink(&box) == 0, "null pen draws nothing\n");
    SelectObject(dc, GetStockObject(BLACK_PEN));
    SelectObject(dc, br);
    clear();
    ok(Pie(dc, 10, 10, 70, 70, 70, 40, 40, 10), "Pie\n");      /* the upper-right quarter */
    ok(PX(50, 30) == 0x008000, "inside the pie %06lx\n", PX(50, 30));
    ok(PX(25, 55) == 0xFFFFFF, "outside the pie %06lx\n", PX(25, 55));
    clear();
    ok(RoundRect(dc, 10, 10, 70, 50, 20, 20), "RoundRect\n");
    ok(PX(40, 30) == 0x008000 && PX(11, 11) == 0xFFFFFF, "round corners %06lx %06lx\n", PX(40, 30), PX(11, 11));
    SelectObject(dc, old);
    SelectObject(dc, GetStockObject(WHITE_BRUSH));
    DeleteObject(dash); DeleteObject(thick); DeleteObject(br);
}

static void test_dib_to_device(void)
{
    struct { BITMAPINFOHEADER h; } bi;
    BYTE px[2 * 4 * 2];          /* 2x2, 24 bpp, rows padded to 8 bytes */
    int n;
    ZeroMemory(&bi, sizeof(bi));
    ZeroMemory(px, sizeof(px));
    bi.h.biSize = sizeof(bi.h);
    bi.h.biWidth = 2;
    bi.h.biHeight = 2;              /* bottom-up: the first row is the bottom one */
    bi.h.biPlanes = 1;
    bi.h.biBitCount = 24;
    px[0] = 0xFF;                   /* bottom-left blue */
    px[8 + 3 + 2] = 0xFF;           /* top-right red */
    clear();
    n = StretchDIBits(dc, 0, 0, 4, 4, 0, 0, 2, 2, px, (BITMAPINFO *)&bi, DIB_RGB_COLORS, SRCCOPY);
    ok(n == 2, "StretchDIBits returned %d\n", n);
    ok(PX(0, 3) == 0x0000FF && PX(1, 2) == 0x0000FF, "bottom-left doubled %06lx %06lx\n", PX(0, 3), PX(1, 2));
    ok(PX(3, 0) == 0xFF0000 && PX(2, 1) == 0xFF0000, "top-right doubled %06lx\n", PX(3, 0));
    clear();
    n = SetDIBitsToDevice(dc, 10, 10, 2, 2, 0, 0, 0, 2, px, (BITMAPINFO *)&bi, DIB_RGB_COLORS);
    ok(n == 2, "SetDIBitsToDevice returned %d\n", n);
    ok(PX(10, 11) == 0x0000FF && PX(11, 10) == 0xFF0000, "1:1 %06lx %06lx\n", PX(10, 11), PX(11, 10));
}

static void test_screen_dc(void)
{
    HDC s = GetDC(NULL);
    ok(s != NULL, "GetDC(NULL)\n");
    ok(GetDeviceCaps(s, HORZRES) > 0 && GetDeviceCaps(s, VERTRES) > 0, "screen size\n");
    ok(GetDeviceCaps(s, BITSPIXEL) >= 24, "screen depth %d\n", GetDeviceCaps(s, BITSPIXEL));
    ok(GetSystemMetrics(SM_CXSCREEN) == GetDeviceCaps(s, HORZRES), "SM_CXSCREEN\n");
    ReleaseDC(NULL, s);
}

int main(void)
{
    setup();
    test_font_object();
    test_alignment();
    test_exttextout();
    test_drawtext();
    test_extents();
    test_pens_shapes();
    test_dib_to_device();
    test_screen_dc();
    return wl_summary();
}
