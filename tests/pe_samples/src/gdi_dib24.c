/* 24-bpp and 8-bpp DIB sections: GDI draws into their bits and reads what the program wrote. */
#include "wltest.h"

static void test_depth(int bpp)
{
    struct { BITMAPINFOHEADER h; RGBQUAD pal[256]; } bi;
    BYTE *bits;
    HDC dc = CreateCompatibleDC(NULL);
    HBITMAP bm;
    HBRUSH red = CreateSolidBrush(RGB(255, 0, 0));
    RECT rc = {0, 0, 2, 1};
    DIBSECTION ds;
    int stride = ((8 * bpp + 31) / 32) * 4, i;
    ZeroMemory(&bi, sizeof(bi));
    bi.h.biSize = sizeof(bi.h);
    bi.h.biWidth = 8;
    bi.h.biHeight = 4;            /* bottom-up */
    bi.h.biPlanes = 1;
    bi.h.biBitCount = bpp;
    for (i = 0; i < 256; i++) { bi.pal[i].rgbRed = i; bi.pal[i].rgbGreen = i; bi.pal[i].rgbBlue = i; }
    bi.pal[1].rgbRed = 255; bi.pal[1].rgbGreen = 0; bi.pal[1].rgbBlue = 0;      /* index 1 is red */
    bm = CreateDIBSection(dc, (BITMAPINFO *)&bi, DIB_RGB_COLORS, (void **)&bits, NULL, 0);
    ok(bm != NULL && bits != NULL, "%d bpp: CreateDIBSection\n", bpp);
    ok(GetObjectA(bm, sizeof(ds), &ds) == sizeof(ds) && ds.dsBm.bmBitsPixel == bpp, "%d bpp: GetObject %d\n", bpp,
       ds.dsBm.bmBitsPixel);
    SelectObject(dc, bm);
    FillRect(dc, &rc, red);
    /* the top row is the last one in memory */
    if (bpp == 24)
        ok(bits[3 * stride + 0] == 0 && bits[3 * stride + 2] == 255 && bits[3 * stride + 5] == 255,
           "24 bpp: red in the bits %02x %02x\n", bits[3 * stride], bits[3 * stride + 2]);
    else
        ok(bits[3 * stride] == 1 && bits[3 * stride + 1] == 1 && bits[3 * stride + 2] != 1, "8 bpp: index %d %d\n",
           bits[3 * stride], bits[3 * stride + 2]);
    if (bpp == 24) { bits[0] = 0x30; bits[1] = 0x20; bits[2] = 0x10; }
    else bits[0] = 0x80;
    ok(GetPixel(dc, 0, 3) == (bpp == 24 ? RGB(0x10, 0x20, 0x30) : RGB(0x80, 0x80, 0x80)),
       "%d bpp: written bits read back %06lx\n", bpp, GetPixel(dc, 0, 3));
    ok(GetPixel(dc, 0, 0) == RGB(255, 0, 0), "%d bpp: drawn pixel %06lx\n", bpp, GetPixel(dc, 0, 0));
    DeleteDC(dc);
    DeleteObject(bm);
    DeleteObject(red);
}

int main(void)
{
    test_depth(24);
    test_depth(8);
    return wl_summary();
}
