"""Resources user32 reads from a module's image: strings (LoadString), icons and cursors
(LoadIcon/LoadCursor/LoadImage; the system's IDI_/IDC_ ones too), bitmaps (LoadBitmap/LoadImage,
also from .bmp files), and dialog templates for dialog.py.  DrawIcon(Ex) draws icons;
the system icons (information, question, warning, error) are drawn by winelike.
"""
from __future__ import annotations

import struct

from winelike.abi.types import BOOL, DWORD, HANDLE, HWND, INT, PTR, UINT
from winelike.dlls.winapi import proc, set_last_error
from . import dll
from .state import state, ch, lazy, lazy_func, copy_text
np = lazy("numpy")
Surface = lazy_func("winelike.gui.surface", "Surface")
pil_color = lazy_func("winelike.gui.surface", "pil_color")

RT_CURSOR, RT_BITMAP, RT_ICON, RT_MENU, RT_DIALOG, RT_STRING, RT_GROUP_CURSOR, RT_GROUP_ICON = 1, 2, 3, 4, 5, 6, 12, 14
ERROR_RESOURCE_NAME_NOT_FOUND, ERROR_RESOURCE_TYPE_NOT_FOUND = 1814, 1813
IDI_APPLICATION, IDI_HAND, IDI_QUESTION, IDI_EXCLAMATION, IDI_ASTERISK, IDI_WINLOGO, IDI_SHIELD = range(32512, 32519)
SYSTEM_ICON_KIND = {IDI_HAND: 0x10, IDI_QUESTION: 0x20, IDI_EXCLAMATION: 0x30, IDI_ASTERISK: 0x40,
                    IDI_APPLICATION: 0, IDI_WINLOGO: 0, IDI_SHIELD: 0x30}


def _module_base(hinst):
    p = proc()
    if hinst:
        return hinst
    return p.exe.base


def _key(v):
    if isinstance(v, str):
        if v.startswith("#"):
            try:
                return int(v[1:])
            except ValueError:
                pass
        return v.upper()
    return v


def find_resource(hinst, rtype, name, lang=None):
    """(address, size) of a resource in the module at hinst (0: the program), or None."""
    p = proc()
    mem = p.mem
    base = _module_base(hinst)
    try:
        pe = base + mem.u32(base + 0x3C)
        magic = mem.u16(pe + 24)
        dd = pe + 24 + (96 if magic == 0x10B else 112)
        rva, size = mem.u32(dd + 16), mem.u32(dd + 20)
    except Exception:
        return None
    if not rva:
        return None
    root = base + rva

    def lookup(dir_addr, key):
        named, ids = mem.u16(dir_addr + 12), mem.u16(dir_addr + 14)
        for i in range(named + ids):
            e = dir_addr + 16 + 8 * i
            nid, off = mem.u32(e), mem.u32(e + 4)
            if nid & 0x80000000:
                s = root + (nid & 0x7FFFFFFF)
                n = mem.u16(s)
                ename = mem.read(s + 2, 2 * n).decode("utf-16-le", "replace").upper()
            else:
                ename = nid
            if key is None or ename == key:
                return off
        return None
    off = lookup(root, _key(rtype))
    if off is None or not off & 0x80000000:
        return None
    off = lookup(root + (off & 0x7FFFFFFF), _key(name))
    if off is None:
        return None
    if off & 0x80000000:
        d = root + (off & 0x7FFFFFFF)
        o2 = lookup(d, lang) if lang is not None else None
        if o2 is None:
            o2 = lookup(d, None)
        off = o2
    if off is None or off & 0x80000000:
        return None
    entry = root + off
    return base + mem.u32(entry), mem.u32(entry + 4)


def _name_arg(ptr, wide):
    if ptr <= 0xFFFF:
        return ptr
    p = proc()
    return p.mem.wstr(ptr) if wide else p.mem.cstr(ptr).decode(p.acp, "replace")


# ---- strings -------------------------------------------------------------------------------

def load_string(hinst, ident):
    """(address of the counted string in the image, its text) or None."""
    res = find_resource(hinst, RT_STRING, (ident >> 4) + 1)
    if res is None:
        return None
    mem = proc().mem
    addr = res[0]
    for _ in range(ident & 15):
        addr += 2 + 2 * mem.u16(addr)
    n = mem.u16(addr)
    return addr + 2, mem.read(addr + 2, 2 * n).decode("utf-16-le", "replace")


@dll.stdcall
def LoadStringW(hinst: HANDLE, ident: UINT, buf: PTR, n: INT) -> INT:
    r = load_string(hinst, ident & 0xFFFF)
    p = proc()
    if not buf:
        set_last_error(998)
        return 0
    if r is None:
        if n > 0:
            p.mem.write(buf, b"\0\0")
        set_last_error(ERROR_RESOURCE_NAME_NOT_FOUND)
        return 0
    addr, s = r
    if n == 0:
        p.mem.wptr(buf, addr)       # a read-only pointer to the resource itself
        return len(s)
    return copy_text(buf, n, s, True)


@dll.stdcall
def LoadStringA(hinst: HANDLE, ident: UINT, buf: PTR, n: INT) -> INT:
    r = load_string(hinst, ident & 0xFFFF)
    p = proc()
    if not buf or n <= 0:
        return 0
    if r is None:
        p.mem.write(buf, b"\0")
        set_last_error(ERROR_RESOURCE_NAME_NOT_FOUND)
        return 0
    return copy_text(buf, n, r[1], False)


# ---- icons and cursors -----------------------------------------------------------------------

class Icon:
    def __init__(self, w, h, pixels=None, mask=None, system=None, cursor=False):
        self.w, self.h = w, h
        self.pixels, self.mask = pixels, mask    # uint32 (h, w), bool (h, w): True = transparent
        self.system = system
        self.cursor = cursor
        self.shared = False


def _icons():
    st = state()
    if not hasattr(st, "icons"):
        st.icons = {}
        st.next_icon = 0x30000
        st.cursor = 0
        st.cursor_count = 0
    return st


def add_icon(icon) -> int:
    st = _icons()
    h = st.next_icon
    st.next_icon += 4
    st.icons[h] = icon
    return h


def get_icon(h):
    return _icons().icons.get(h & 0xFFFFFFFF)


def _system_icon(ident, cursor):
    st = _icons()
    cache = st.__dict__.setdefault("system_icons", {})
    key = (ident, cursor)
    if key not in cache:
        ic = Icon(32, 32, system=SYSTEM_ICON_KIND.get(ident, 0) if not cursor else None, cursor=cursor)
        ic.shared = True
        cache[key] = add_icon(ic)
    return cache[key]


def _decode_icon_data(addr, size):
    mem = proc().mem
    data = mem.read(addr, size)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        import io
        from PIL import Image
        img = Image.open(io.BytesIO(data)).convert("RGBA")
        a = np.asarray(img)
        px = (a[..., 0].astype(np.uint32) << 16) | (a[..., 1].astype(np.uint32) << 8) | a[..., 2]
        return Icon(img.width, img.height, px, a[..., 3] < 128)
    from winelike.dlls.gdi32.bitmap import DibInfo, decode_rows
    info = DibInfo(mem, addr)
    h = info.abs_height // 2
    w = info.width
    bits = addr + info.header_size + 4 * info.ncolors
    xor = decode_rows(info, mem.read(bits, info.stride * h), h)[::-1]
    mstride = ((w + 31) // 32) * 4
    mraw = np.frombuffer(mem.read(bits + info.stride * h, mstride * h), np.uint8).reshape(h, mstride)
    mask = np.unpackbits(mraw, axis=1)[:, :w][::-1].astype(bool)
    if info.bpp == 32:
        alpha = np.frombuffer(mem.read(bits, info.stride * h), np.uint8).reshape(h, info.stride)[:, 3:4 * w:4][::-1]
        if alpha.any():
            mask = alpha < 128
    return Icon(w, h, xor & 0xFFFFFF, mask)


def load_icon(hinst, name, cursor=False):
    group = find_resource(hinst, RT_GROUP_CURSOR if cursor else RT_GROUP_ICON, name)
    if group is None:
        return 0
    mem = proc().mem
    addr = group[0]
    count = mem.u16(addr + 4)
    best, best_score = None, None
    for i in range(count):
        e = addr + 6 + 14 * i
        w = mem.u8(e) or 256
        ident = mem.u16(e + 12)
        score = abs(w - 32)
        if best is None or score < best_score:
            best, best_score = ident, score
    res = find_resource(hinst, RT_CURSOR if cursor else RT_ICON, best)
    if res is None:
        return 0
    a, size = res
    if cursor:
        a, size = a + 4, size - 4      # hotspot
    try:
        icon = _decode_icon_data(a, size)
    except Exception as e:
        ch.fixme("LoadIcon", f"undecodable icon: {e}")
        return 0
    icon.cursor = cursor
    icon.shared = True
    return add_icon(icon)


def _load_icon_api(hinst, name, wide, cursor):
    key = _name_arg(name, wide)
    if not hinst:
        if isinstance(key, int) and 32512 <= key <= 32660:
            return _system_icon(key, cursor)
        set_last_error(ERROR_RESOURCE_NAME_NOT_FOUND)
        return 0
    h = load_icon(hinst, key, cursor)
    if not h:
        set_last_error(ERROR_RESOURCE_NAME_NOT_FOUND)
    return h


@dll.stdcall
def LoadIconW(hinst: HANDLE, name: PTR) -> HANDLE:
    return _load_icon_api(hinst, name, True, False)


@dll.stdcall
def LoadIconA(hinst: HANDLE, name: PTR) -> HANDLE:
    return _load_icon_api(hinst, name, False, False)


@dll.stdcall
def LoadCursorW(hinst: HANDLE, name: PTR) -> HANDLE:
    return _load_icon_api(hinst, name, True, True)


@dll.stdcall
def LoadCursorA(hinst: HANDLE, name: PTR) -> HANDLE:
    return _load_icon_api(hinst, name, False, True)


@dll.stdcall
def DestroyIcon(h: HANDLE) -> BOOL:
    st = _icons()
    ic = st.icons.get(h & 0xFFFFFFFF)
    if ic is None:
        return 0
    if not ic.shared:
        del st.icons[h & 0xFFFFFFFF]
    return 1


@dll.stdcall
def DestroyCursor(h: HANDLE) -> BOOL:
    return DestroyIcon(h)


@dll.stdcall
def SetCursor(h: HANDLE) -> HANDLE:
    st = _icons()
    old, st.cursor = st.cursor, h
    return old


@dll.stdcall
def GetCursor() -> HANDLE:
    return _icons().cursor


@dll.stdcall
def ShowCursor(show: BOOL) -> INT:
    st = _icons()
    st.cursor_count += 1 if show else -1
    return st.cursor_count


def draw_system_icon(dc, x, y, kind, size=32):
    """Winelike's own drawing of the message-box icons (kind: MB_ICON* value)."""
    from PIL import ImageDraw
    sx, sy = x + dc.dx, y + dc.dy

    def draw(d):
        s = size - 1
        if kind == 0x30:
            d.polygon([(sx + s // 2, sy + 1), (sx + s, sy + s - 1), (sx, sy + s - 1)], fill=pil_color(0x00E0FF),
                      outline=pil_color(0))
            d.rectangle((sx + s // 2 - 1, sy + 10, sx + s // 2 + 1, sy + 21), fill=pil_color(0))
            d.rectangle((sx + s // 2 - 1, sy + 24, sx + s // 2 + 1, sy + 26), fill=pil_color(0))
            return
        color = {0x10: 0x0000D0, 0x20: 0xC06000, 0x40: 0xC06000}.get(kind, 0x808080)
        d.ellipse((sx, sy, sx + s, sy + s), fill=pil_color(color), outline=pil_color(0x404040))
        white = pil_color(0xFFFFFF)
        cx = sx + s // 2
        if kind == 0x10:
            d.line((sx + 9, sy + 9, sx + s - 9, sy + s - 9), fill=white, width=4)
            d.line((sx + s - 9, sy + 9, sx + 9, sy + s - 9), fill=white, width=4)
        elif kind == 0x40:
            d.rectangle((cx - 2, sy + 6, cx + 2, sy + 10), fill=white)
            d.rectangle((cx - 2, sy + 13, cx + 2, sy + 25), fill=white)
        elif kind == 0x20:
            d.arc((cx - 6, sy + 6, cx + 6, sy + 18), 180, 90, fill=white, width=3)
            d.rectangle((cx - 1, sy + 17, cx + 1, sy + 21), fill=white)
            d.rectangle((cx - 1, sy + 24, cx + 1, sy + 26), fill=white)
        else:
            d.rectangle((sx + 8, sy + 8, sx + s - 8, sy + s - 8), fill=white)
    dc.paint((sx, sy, sx + size, sy + size), draw)


def draw_icon(dc, x, y, h, w=0, hh=0):
    ic = get_icon(h)
    if ic is None:
        return 0
    if ic.system is not None and ic.pixels is None:
        draw_system_icon(dc, x, y, ic.system, w or 32)
        return 1
    if ic.pixels is None:
        return 1
    px, mask = ic.pixels, ic.mask
    if (w and w != ic.w) or (hh and hh != ic.h):
        ys = np.arange(hh or ic.h) * ic.h // (hh or ic.h)
        xs = np.arange(w or ic.w) * ic.w // (w or ic.w)
        px, mask = px[np.ix_(ys, xs)], mask[np.ix_(ys, xs)]
    ox, oy = x + dc.dx, y + dc.dy
    H, W = px.shape

    def op(view, x0, y0):
        vh, vw = view.shape
        sub = px[y0 - oy:y0 - oy + vh, x0 - ox:x0 - ox + vw]
        m = ~mask[y0 - oy:y0 - oy + vh, x0 - ox:x0 - ox + vw]
        view[m] = sub[m]
    dc.apply_array(ox, oy, ox + W, oy + H, op)
    return 1


@dll.stdcall
def DrawIcon(hdc: HANDLE, x: INT, y: INT, h: HANDLE) -> BOOL:
    from winelike.dlls.gdi32.dc import get_dc
    dc = get_dc(hdc)
    if dc is None:
        return 0
    return draw_icon(dc, x, y, h)


@dll.stdcall
def DrawIconEx(hdc: HANDLE, x: INT, y: INT, h: HANDLE, w: INT, hh: INT, step: UINT, brush: HANDLE,
               flags: UINT) -> BOOL:
    from winelike.dlls.gdi32.dc import get_dc
    dc = get_dc(hdc)
    if dc is None:
        return 0
    return draw_icon(dc, x, y, h, w, hh)


# ---- bitmaps ------------------------------------------------------------------------------------

def _bitmap_from_dib(bmi_addr):
    from winelike.dlls.gdi32 import objects as GO
    from winelike.dlls.gdi32.bitmap import DibInfo, _read_dib
    mem = proc().mem
    info = DibInfo(mem, bmi_addr)
    bits = info.table_at + (4 if info.header_size != 12 else 3) * info.ncolors
    px, info = _read_dib(mem, bmi_addr, bits, 0)
    if px is None:
        return 0
    bm = GO.Bitmap(Surface(info.width, info.abs_height), bpp=1 if info.bpp == 1 else 32)
    bm.surface.u32[...] = px
    return GO.add(bm)


def load_bitmap(hinst, name):
    res = find_resource(hinst, RT_BITMAP, name)
    if res is None:
        set_last_error(ERROR_RESOURCE_NAME_NOT_FOUND)
        return 0
    return _bitmap_from_dib(res[0])


@dll.stdcall
def LoadBitmapW(hinst: HANDLE, name: PTR) -> HANDLE:
    if not hinst:
        ch.fixme("LoadBitmap", "system bitmaps (OBM_*)")
        return 0
    return load_bitmap(hinst, _name_arg(name, True))


@dll.stdcall
def LoadBitmapA(hinst: HANDLE, name: PTR) -> HANDLE:
    if not hinst:
        ch.fixme("LoadBitmap", "system bitmaps (OBM_*)")
        return 0
    return load_bitmap(hinst, _name_arg(name, False))


def _load_image(hinst, name, kind, cx, cy, flags, wide):
    key = _name_arg(name, wide)
    if flags & 0x10:        # LR_LOADFROMFILE
        p = proc()
        path = key if isinstance(key, str) else ""
        host = p.prefix.dos_to_unix(path) if (":" in path or "\\" in path) else path
        try:
            with open(host or path, "rb") as f:
                data = f.read()
        except OSError:
            set_last_error(2)
            return 0
        if kind != 0 or data[:2] != b"BM":
            ch.fixme("LoadImage", f"file image kind {kind}")
            return 0
        buf = p.heap_alloc(len(data))
        p.mem.write(buf, data)
        try:
            return _bitmap_from_dib(buf + 14)
        finally:
            p.process_heap.free_block(buf)
    if kind == 0:
        if not hinst:
            ch.fixme("LoadImage", "system bitmaps")
            return 0
        return load_bitmap(hinst, key)
    if kind in (1, 2):
        if not hinst:
            if isinstance(key, int):
                return _system_icon(key, kind == 2)
            return 0
        return load_icon(hinst, key, kind == 2)
    return 0


@dll.stdcall
def LoadImageW(hinst: HANDLE, name: PTR, kind: UINT, cx: INT, cy: INT, flags: UINT) -> HANDLE:
    return _load_image(hinst, name, kind, cx, cy, flags, True)


@dll.stdcall
def LoadImageA(hinst: HANDLE, name: PTR, kind: UINT, cx: INT, cy: INT, flags: UINT) -> HANDLE:
    return _load_image(hinst, name, kind, cx, cy, flags, False)
