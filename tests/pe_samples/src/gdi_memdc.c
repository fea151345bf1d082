/* gdi32 drawing into memory DCs, checked by reading the pixels back (GetPixel, the DIB
 * section's own bits, GetDIBits), so it passes on Windows/Wine as under winelike. */
#include "wltest.h"

#define W 64
#define H 48
static HDC dc;
static HBITMAP dib;
static DWORD *bits;           /* top-down 32-bpp */

#define PX(x, y) (bits[(y) * W + (x)] & 0xFFFFFF)
/* DIB pixels are 0x00RRGGBB; COLORREFs are 0x00BBGGRR */
#define RGBPX(r, g, b) (((r) << 16) | ((g) << 8) | (b))

static void clear(COLORREF c)
{
    HBRUSH br = CreateSolidBrush(c);
    RECT rc = {0, 0, W, H};
    FillRect(dc, &rc, br);
    DeleteObject(br);
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
    bmi.bmiHeader.biCompression = BI_RGB;
    dc = CreateCompatibleDC(NULL);
    ok(dc != NULL, "CreateCompatibleDC failed\n");
    dib = CreateDIBSection(dc, &bmi, DIB_RGB_COLORS, (void **)&bits, NULL, 0);
    ok(dib != NULL && bits != NULL, "CreateDIBSection failed\n");
    ok(SelectObject(dc, dib) != NULL, "SelectObject failed\n");
}

static void test_fillrect_getpixel(void)
{
    RECT rc = {4, 5, 10, 12};
    HBRUSH br = CreateSolidBrush(RGB(255, 0, 0));
    clear(RGB(255, 255, 255));
    ok(FillRect(dc, &rc, br), "FillRect failed\n");
    ok(GetPixel(dc, 4, 5) == RGB(255, 0, 0), "top-left %08lx\n", GetPixel(dc, 4, 5));
    ok(GetPixel(dc, 9, 11) == RGB(255, 0, 0), "inside %08lx\n", GetPixel(dc, 9, 11));
    ok(GetPixel(dc, 10, 11) == RGB(255, 255, 255), "right edge excluded %08lx\n", GetPixel(dc, 10, 11));
    ok(GetPixel(dc, 9, 12) == RGB(255, 255, 255), "bottom edge excluded %08lx\n", GetPixel(dc, 9, 12));
    ok(PX(4, 5) == RGBPX(255, 0, 0), "dib bits %08lx\n", PX(4, 5));
    ok(GetPixel(dc, W + 5, 0) == CLR_INVALID, "outside %08lx\n", GetPixel(dc, W + 5, 0));
    DeleteObject(br);
}

static void test_setpixel(void)
{
    clear(RGB(0, 0, 0));
    ok(SetPixel(dc, 3, 7, RGB(10, 20, 30)) == RGB(10, 20, 30), "SetPixel\n");
    ok(GetPixel(dc, 3, 7) == RGB(10, 20, 30), "GetPixel %08lx\n", GetPixel(dc, 3, 7));
    ok(PX(3, 7) == RGBPX(10, 20, 30), "bits %08lx\n", PX(3, 7));
    bits[9 * W + 2] = RGBPX(1, 2, 3);      /* the program writes the bits itself */
    ok(GetPixel(dc, 2, 9) == RGB(1, 2, 3), "written bits %08lx\n", GetPixel(dc, 2, 9));
}

static void test_lines(void)
{
    HPEN pen = CreatePen(PS_SOLID, 1, RGB(0, 0, 255)), old;
    POINT pt;
    clear(RGB(255, 255, 255));
    old = SelectObject(dc, pen);
    MoveToEx(dc, 2, 3, NULL);
    ok(LineTo(dc, 12, 3), "LineTo\n");
    ok(GetPixel(dc, 2, 3) == RGB(0, 0, 255), "start %08lx\n", GetPixel(dc, 2, 3));
    ok(GetPixel(dc, 11, 3) == RGB(0, 0, 255), "last %08lx\n", GetPixel(dc, 11, 3));
    ok(GetPixel(dc, 12, 3) == RGB(255, 255, 255), "end point excluded %08lx\n", GetPixel(dc, 12, 3));
    GetCurrentPositionEx(dc, &pt);
    ok(pt.x == 12 && pt.y == 3, "position %ld,%ld\n", pt.x, pt.y);
    LineTo(dc, 12, 20);
    ok(GetPixel(dc, 12, 3) == RGB(0, 0, 255), "vertical start %08lx\n", GetPixel(dc, 12, 3));
    ok(GetPixel(dc, 12, 19) == RGB(0, 0, 255), "vertical last %08lx\n", GetPixel(dc, 12, 19));
    ok(GetPixel(dc, 12, 20) == RGB(255, 255, 255), "vertical end %08lx\n", GetPixel(dc, 12, 20));
    SelectObject(dc, old);
    DeleteObject(pen);
}

static void test_rectangle_ellipse(void)
{
    HPEN pen = CreatePen(PS_SOLID, 1, RGB(0, 255, 0));
    HBRUSH br = CreateSolidBrush(RGB(0, 0, 128));
    HGDIOBJ op, ob;
    clear(RGB(255, 255, 255));
    op = SelectObject(dc, pen);
    ob = SelectObject(dc, br);
    ok(Rectangle(dc, 5, 5, 15, 13), "Rectangle\n");
    ok(GetPixel(dc, 5, 5) == RGB(0, 255, 0), "corner %08lx\n", GetPixel(dc, 5, 5));
    ok(GetPixel(dc, 14, 12) == RGB(0, 255, 0), "far corner %08lx\n", GetPixel(dc, 14, 12));
    ok(GetPixel(dc, 15, 12) == RGB(255, 255, 255), "right excluded %08lx\n", GetPixel(dc, 15, 12));
    ok(GetPixel(dc, 10, 9) == RGB(0, 0, 128), "interior %08lx\n", GetPixel(dc, 10, 9));
    ok(Ellipse(dc, 20, 10, 40, 30), "Ellipse\n");
    ok(GetPixel(dc, 30, 20) == RGB(0, 0, 128), "ellipse centre %08lx\n", GetPixel(dc, 30, 20));
    ok(GetPixel(dc, 20, 10) == RGB(255, 255, 255), "ellipse corner %08lx\n", GetPixel(dc, 20, 10));
    ok(GetPixel(dc, 30, 10) == RGB(0, 255, 0), "ellipse top %08lx\n", GetPixel(dc, 30, 10));
    SelectObject(dc, GetStockObject(NULL_PEN));
    Rectangle(dc, 45, 5, 55, 15);
    ok(GetPixel(dc, 45, 5) == RGB(0, 0, 128), "null pen corner %08lx\n", GetPixel(dc, 45, 5));
    ok(GetPixel(dc, 54, 14) == RGB(255, 255, 255), "null pen: one pixel smaller %08lx\n", GetPixel(dc, 54, 14));
    SelectObject(dc, op);
    SelectObject(dc, ob);
    DeleteObject(pen);
    DeleteObject(br);
}

static void test_polygon(void)
{
    POINT tri[3] = {{10, 10}, {40, 10}, {10, 40}};
    HBRUSH br = CreateSolidBrush(RGB(200, 0, 0)), ob;
    clear(RGB(255, 255, 255));
    ob = SelectObject(dc, br);
    ok(Polygon(dc, tri, 3), "Polygon\n");
    ok(GetPixel(dc, 15, 15) == RGB(200, 0, 0), "inside %08lx\n", GetPixel(dc, 15, 15));
    ok(GetPixel(dc, 38, 38) == RGB(255, 255, 255), "outside %08lx\n", GetPixel(dc, 38, 38));
    ok(GetPixel(dc, 10, 10) == RGB(0, 0, 0), "outline (black pen) %08lx\n", GetPixel(dc, 10, 10));
    SelectObject(dc, ob);
    DeleteObject(br);
}

static HDC make_src(HBITMAP *bm, DWORD **sbits)
{
    BITMAPINFO bmi;
    HDC s = CreateCompatibleDC(dc);
    ZeroMemory(&bmi, sizeof(bmi));
    bmi.bmiHeader.biSize = sizeof(bmi.bmiHeader);
    bmi.bmiHeader.biWidth = 8;
    bmi.bmiHeader.biHeight = 8;      /* bottom-up */
    bmi.bmiHeader.biPlanes = 1;
    bmi.bmiHeader.biBitCount = 32;
    *bm = CreateDIBSection(s, &bmi, DIB_RGB_COLORS, (void **)sbits, NULL, 0);
    SelectObject(s, *bm);
    return s;
}

static void test_bitblt_rops(void)
{
    HBITMAP sbm;
    DWORD *sb;
    HDC src = make_src(&sbm, &sb);
    int i;
    for (i = 0; i < 64; i++) sb[i] = 0x00F0F0F0;
    sb[0] = 0x00123456;    /* bottom-left pixel of a bottom-up DIB */
    ok(GetPixel(src, 0, 7) == RGB(0x12, 0x34, 0x56), "bottom-up pixel %08lx\n", GetPixel(src, 0, 7));

    clear(RGB(0x0F, 0x0F, 0xFF));
    ok(BitBlt(dc, 0, 0, 8, 8, src, 0, 0, SRCCOPY), "SRCCOPY\n");
    ok(PX(1, 1) == 0xF0F0F0, "SRCCOPY %08lx\n", PX(1, 1));
    ok(PX(0, 7) == 0x123456, "SRCCOPY orientation %08lx\n", PX(0, 7));

    clear(RGB(0x0F, 0x0F, 0xFF));
    BitBlt(dc, 0, 0, 8, 8, src, 0, 0, SRCAND);
    ok(PX(1, 1) == (0xF0F0F0 & 0x0F0FFF), "SRCAND %08lx\n", PX(1, 1));
    clear(RGB(0x0F, 0x0F, 0xFF));
    BitBlt(dc, 0, 0, 8, 8, src, 0, 0, SRCPAINT);
    ok(PX(1, 1) == ((0xF0F0F0 | 0x0F0FFF) & 0xFFFFFF), "SRCPAINT %08lx\n", PX(1, 1));
    clear(RGB(0x0F, 0x0F, 0xFF));
    BitBlt(dc, 0, 0, 8, 8, src, 0, 0, SRCINVERT);
    ok(PX(1, 1) == ((0xF0F0F0 ^ 0x0F0FFF) & 0xFFFFFF), "SRCINVERT %08lx\n", PX(1, 1));
    clear(RGB(0x0F, 0x0F, 0xFF));
    BitBlt(dc, 0, 0, 8, 8, NULL, 0, 0, DSTINVERT);
    ok(PX(1, 1) == (~0x0F0FFF & 0xFFFFFF), "DSTINVERT %08lx\n", PX(1, 1));
    ok(PX(9, 1) == 0x0F0FFF, "DSTINVERT outside %08lx\n", PX(9, 1));
    PatBlt(dc, 0, 0, 4, 4, BLACKNESS);
    ok(PX(1, 1) == 0, "BLACKNESS %08lx\n", PX(1, 1));
    PatBlt(dc, 0, 0, 4, 4, WHITENESS);
    ok(PX(1, 1) == 0xFFFFFF, "WHITENESS %08lx\n", PX(1, 1));
    {
        HBRUSH br = CreateSolidBrush(RGB(1, 2, 3)), ob = SelectObject(dc, br);
        PatBlt(dc, 20, 20, 5, 5, PATCOPY);
        ok(PX(22, 22) == RGBPX(1, 2, 3), "PATCOPY %08lx\n", PX(22, 22));
        ok(PX(25, 22) != RGBPX(1, 2, 3), "PATCOPY width\n");
        SelectObject(dc, ob);
        DeleteObject(br);
    }
    /* StretchBlt doubles the source */
    clear(RGB(0, 0, 0));
    ok(StretchBlt(dc, 0, 0, 16, 16, src, 0, 0, 8, 8, SRCCOPY), "StretchBlt\n");
    ok(PX(0, 14) == 0x123456 && PX(1, 15) == 0x123456, "stretched %08lx %08lx\n", PX(0, 14), PX(1, 15));
    ok(PX(2, 14) == 0xF0F0F0, "stretched neighbour %08lx\n", PX(2, 14));
    DeleteDC(src);
    DeleteObject(sbm);
}

static void test_getdibits(void)
{
    HDC mem = CreateCompatibleDC(dc);
    HBITMAP bm = CreateBitmap(4, 3, 1, 32, NULL);
    BITMAPINFO bmi;
    DWORD out[12];
    BITMAP info;
    int n;
    ok(bm != NULL, "CreateBitmap\n");
    ok(GetObjectA(bm, sizeof(info), &info) == sizeof(info), "GetObject\n");
    ok(info.bmWidth == 4 && info.bmHeight == 3 && info.bmBitsPixel == 32, "BITMAP %ld %ld %d\n",
       info.bmWidth, info.bmHeight, info.bmBitsPixel);
    SelectObject(mem, bm);
    PatBlt(mem, 0, 0, 4, 3, BLACKNESS);
    SetPixel(mem, 0, 0, RGB(255, 0, 0));    /* top-left */
    SetPixel(mem, 3, 2, RGB(0, 0, 255));    /* bottom-right */
    SelectObject(mem, GetStockObject(DEFAULT_GUI_FONT));
    DeleteDC(mem);
    ZeroMemory(&bmi, sizeof(bmi));
    bmi.bmiHeader.biSize = sizeof(bmi.bmiHeader);
    bmi.bmiHeader.biWidth = 4;
    bmi.bmiHeader.biHeight = 3;     /* bottom-up: first row out is the bottom one */
    bmi.bmiHeader.biPlanes = 1;
    bmi.bmiHeader.biBitCount = 32;
    n = GetDIBits(dc, bm, 0, 3, out, &bmi, DIB_RGB_COLORS);
    ok(n == 3, "GetDIBits returned %d\n", n);
    ok((out[3] & 0xFFFFFF) == 0x0000FF, "bottom-right %08lx\n", out[3]);
    ok((out[8] & 0xFFFFFF) == 0xFF0000, "top-left %08lx\n", out[8]);
    /* SetDIBits from 24 bpp */
    {
        BYTE px24[4 * 3 * 3];
        ZeroMemory(px24, sizeof(px24));
        px24[0] = 0x11; px24[1] = 0x22; px24[2] = 0x33;     /* bottom-left B,G,R */
        bmi.bmiHeader.biBitCount = 24;
        n = SetDIBits(dc, bm, 0, 3, px24, &bmi, DIB_RGB_COLORS);
        ok(n == 3, "SetDIBits returned %d\n", n);
        mem = CreateCompatibleDC(dc);
        SelectObject(mem, bm);
        ok(GetPixel(mem, 0, 2) == RGB(0x33, 0x22, 0x11), "SetDIBits pixel %08lx\n", GetPixel(mem, 0, 2));
        DeleteDC(mem);
    }
    DeleteObject(bm);
}

static void test_mono(void)
{
    HDC mem = CreateCompatibleDC(dc);
    HBITMAP bm = CreateCompatibleBitmap(mem, 8, 8);    /* the DC holds a 1x1 monochrome bitmap */
    BITMAP info;
    GetObjectA(bm, sizeof(info), &info);
    ok(info.bmBitsPixel == 1, "compatible with a fresh memory DC: %d bpp\n", info.bmBitsPixel);
    SelectObject(mem, bm);
    PatBlt(mem, 0, 0, 8, 8, WHITENESS);
    PatBlt(mem, 0, 0, 4, 8, BLACKNESS);
    clear(RGB(0, 0, 0));
    SetTextColor(dc, RGB(255, 0, 0));
    SetBkColor(dc, RGB(0, 255, 0));
    BitBlt(dc, 0, 0, 8, 8, mem, 0, 0, SRCCOPY);
    ok(GetPixel(dc, 1, 1) == RGB(255, 0, 0), "mono 0 -> text colour %08lx\n", GetPixel(dc, 1, 1));
    ok(GetPixel(dc, 6, 1) == RGB(0, 255, 0), "mono 1 -> background colour %08lx\n", GetPixel(dc, 6, 1));
    SetTextColor(dc, RGB(0, 0, 0));
    SetBkColor(dc, RGB(255, 255, 255));
    DeleteDC(mem);
    DeleteObject(bm);
}

static void test_clipping(void)
{
    HRGN rgn = CreateRectRgn(10, 10, 20, 20);
    RECT box;
    clear(RGB(255, 255, 255));
    ok(SelectClipRgn(dc, rgn) == SIMPLEREGION, "SelectClipRgn\n");
    PatBlt(dc, 0, 0, W, H, BLACKNESS);
    ok(GetPixel(dc, 15, 15) == 0, "inside clip %08lx\n", GetPixel(dc, 15, 15));
    ok(PX(5, 5) == 0xFFFFFF, "outside clip %08lx\n", PX(5, 5));
    ok(GetClipBox(dc, &box) == SIMPLEREGION && box.left == 10 && box.bottom == 20, "clip box %ld %ld\n",
       box.left, box.bottom);
    ok(IntersectClipRect(dc, 15, 0, 40, 40) == SIMPLEREGION, "IntersectClipRect\n");
    SelectClipRgn(dc, NULL);
    clear(RGB(255, 255, 255));
    ExcludeClipRect(dc, 0, 0, 10, 10);
    PatBlt(dc, 0, 0, 20, 20, BLACKNESS);
    ok(PX(5, 5) == 0xFFFFFF && PX(15, 5) == 0, "ExcludeClipRect %08lx %08lx\n", PX(5, 5), PX(15, 5));
    SelectClipRgn(dc, NULL);
    DeleteObject(rgn);
}

static void test_regions(void)
{
    HRGN a = CreateRectRgn(0, 0, 10, 10), b = CreateRectRgn(5, 5, 15, 15), c = CreateRectRgn(0, 0, 0, 0);
    RECT box;
    ok(CombineRgn(c, a, b, RGN_AND) == SIMPLEREGION, "AND\n");
    GetRgnBox(c, &box);
    ok(box.left == 5 && box.top == 5 && box.right == 10 && box.bottom == 10, "AND box\n");
    ok(CombineRgn(c, a, b, RGN_OR) == COMPLEXREGION, "OR\n");
    ok(PtInRegion(c, 12, 12) && !PtInRegion(c, 12, 2), "PtInRegion\n");
    ok(CombineRgn(c, a, a, RGN_DIFF) == NULLREGION, "DIFF\n");
    DeleteObject(a); DeleteObject(b); DeleteObject(c);
}

static void test_text(void)
{
    SIZE sz;
    TEXTMETRICA tm;
    int x, y, ink = 0, outside = 0;
    HFONT f = CreateFontA(-12, 0, 0, 0, FW_NORMAL, 0, 0, 0, ANSI_CHARSET, 0, 0, 0, 0, "Arial"), of;
    of = SelectObject(dc, f);
    clear(RGB(255, 255, 255));
    ok(GetTextExtentPoint32A(dc, "Hello", 5, &sz), "GetTextExtentPoint32\n");
    ok(sz.cx > 15 && sz.cx < 60 && sz.cy >= 12 && sz.cy < 24, "extent %ld x %ld\n", sz.cx, sz.cy);
    ok(GetTextMetricsA(dc, &tm), "GetTextMetrics\n");
    ok(tm.tmHeight == sz.cy && tm.tmAscent + tm.tmDescent == tm.tmHeight, "metrics %ld %ld %ld\n",
       tm.tmHeight, tm.tmAscent, tm.tmDescent);
    SetBkMode(dc, TRANSPARENT);
    SetTextColor(dc, RGB(0, 0, 0));
    ok(TextOutA(dc, 2, 2, "Hello", 5), "TextOut\n");
    for (y = 0; y < H; y++)
        for (x = 0; x < W; x++)
            if (PX(x, y) != 0xFFFFFF) {
                /* a glyph may overhang its advance by a pixel on the right */
                if (x >= 2 && x <= 2 + sz.cx && y >= 2 && y < 2 + sz.cy) ink++;
                else outside++;
            }
    ok(ink > 20, "ink inside the extent: %d\n", ink);
    ok(outside == 0, "ink outside the extent: %d\n", outside);
    SetBkMode(dc, OPAQUE);
    SetBkColor(dc, RGB(0, 0, 255));
    clear(RGB(255, 255, 255));
    TextOutA(dc, 2, 2, "Hi", 2);
    ok(GetPixel(dc, 2, 2) == RGB(0, 0, 255), "opaque background %08lx\n", GetPixel(dc, 2, 2));
    SetBkColor(dc, RGB(255, 255, 255));
    SelectObject(dc, of);
    DeleteObject(f);
}

static void test_savedc(void)
{
    HBRUSH br = CreateSolidBrush(RGB(9, 9, 9));
    HGDIOBJ before = GetCurrentObject(dc, OBJ_BRUSH);
    int level = SaveDC(dc);
    ok(level >= 1, "SaveDC %d\n", level);
    SelectObject(dc, br);
    SetTextColor(dc, RGB(1, 1, 1));
    ok(RestoreDC(dc, -1), "RestoreDC\n");
    ok(GetCurrentObject(dc, OBJ_BRUSH) == before, "brush restored\n");
    ok(GetTextColor(dc) == RGB(0, 0, 0), "text colour restored %08lx\n", GetTextColor(dc));
    DeleteObject(br);
}

static void test_hatch_caps(void)
{
    HBRUSH hb = CreateHatchBrush(HS_CROSS, RGB(255, 0, 0));
    RECT rc = {0, 0, 16, 16};
    int x, y, red = 0, white = 0;
    clear(RGB(0, 0, 0));
    SetBkColor(dc, RGB(255, 255, 255));
    FillRect(dc, &rc, hb);
    for (y = 0; y < 16; y++)
        for (x = 0; x < 16; x++) {
            if (PX(x, y) == 0xFF0000) red++;
            else if (PX(x, y) == 0xFFFFFF) white++;
        }
    ok(red > 20 && white > 100 && red + white == 256, "hatch red %d white %d\n", red, white);
    DeleteObject(hb);
    ok(GetDeviceCaps(dc, LOGPIXELSX) == 96, "LOGPIXELSX %d\n", GetDeviceCaps(dc, LOGPIXELSX));
    ok(GetDeviceCaps(dc, BITSPIXEL) == 32, "BITSPIXEL %d\n", GetDeviceCaps(dc, BITSPIXEL));
    ok(GetObjectType(dc) == OBJ_MEMDC, "type %ld\n", GetObjectType(dc));
    ok(GetObjectType(dib) == OBJ_BITMAP, "type %ld\n", GetObjectType(dib));
    ok(GetObjectType(GetStockObject(BLACK_PEN)) == OBJ_PEN, "pen type\n");
}

int main(void)
{
    setup();
    test_fillrect_getpixel();
    test_setpixel();
    test_lines();
    test_rectangle_ellipse();
    test_polygon();
    test_bitblt_rops();
    test_getdibits();
    test_mono();
    test_clipping();
    test_regions();
    test_text();
    test_savedc();
    test_hatch_caps();
    DeleteDC(dc);
    DeleteObject(dib);
    return wl_summary();
}
