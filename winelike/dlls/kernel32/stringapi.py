"""Code pages: MultiByteToWideChar, WideCharToMultiByte, GetACP, IsDBCSLeadByte."""
from __future__ import annotations

from winelike.abi.types import BOOL, BYTE, DWORD, INT, PTR, UINT
from winelike.dlls.winapi import (proc, set_last_error, ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_PARAMETER,
                                  ERROR_NO_UNICODE_TRANSLATION, ERROR_INVALID_FLAGS)
from . import dll

CP_ACP, CP_OEMCP, CP_MACCP, CP_THREAD_ACP, CP_UTF7, CP_UTF8 = 0, 1, 2, 3, 65000, 65001
MB_ERR_INVALID_CHARS = 0x8

_CODECS = {437: "cp437", 850: "cp850", 1250: "cp1250", 1251: "cp1251", 1252: "cp1252", 1253: "cp1253",
           1254: "cp1254", 1255: "cp1255", 1256: "cp1256", 1257: "cp1257", 1258: "cp1258", 20127: "ascii",
           28591: "latin-1", 65001: "utf-8", 65000: "utf-7", 932: "cp932", 936: "gbk", 949: "cp949", 950: "cp950"}


def codec_for(cp: int) -> str | None:
    p = proc()
    if cp in (CP_ACP, CP_THREAD_ACP):
        return p.acp
    if cp == CP_OEMCP:
        return p.oemcp
    if cp == CP_MACCP:
        return "mac-roman"
    return _CODECS.get(cp)


def acp_number() -> int:
    return int(proc().acp[2:]) if proc().acp.startswith("cp") else 1252


@dll.stdcall
def GetACP() -> UINT:
    return acp_number()


@dll.stdcall
def GetOEMCP() -> UINT:
    p = proc()
    return int(p.oemcp[2:])


@dll.stdcall
def IsValidCodePage(cp: UINT) -> BOOL:
    return 1 if cp in _CODECS else 0


@dll.stdcall
def IsDBCSLeadByte(ch: BYTE) -> BOOL:
    return 0


@dll.stdcall
def IsDBCSLeadByteEx(cp: UINT, ch: BYTE) -> BOOL:
    codec = codec_for(cp)
    if codec in ("cp932", "gbk", "cp949", "cp950"):
        try:
            bytes([ch & 0xFF]).decode(codec)
            return 0
        except UnicodeDecodeError:
            return 1 if ch >= 0x81 else 0
    return 0


_CP_NAMES = {437: "437   (OEM - United States)", 850: "850   (OEM - Multilingual Latin I)",
             1250: "1250  (ANSI - Central Europe)", 1251: "1251  (ANSI - Cyrillic)",
             1252: "1252  (ANSI - Latin I)", 1253: "1253  (ANSI - Greek)", 1254: "1254  (ANSI - Turkish)",
             1255: "1255  (ANSI - Hebrew)", 1256: "1256  (ANSI - Arabic)", 1257: "1257  (ANSI - Baltic)",
             1258: "1258  (ANSI/OEM - Viet Nam)", 20127: "20127 (US-ASCII)", 28591: "28591 (ISO 8859-1 Latin I)",
             65000: "65000 (UTF-7)", 65001: "65001 (UTF-8)", 932: "932   (ANSI/OEM - Japanese Shift-JIS)",
             936: "936   (ANSI/OEM - Simplified Chinese GBK)", 949: "949   (ANSI/OEM - Korean)",
             950: "950   (ANSI/OEM - Traditional Chinese Big5)"}
_DBCS = ("cp932", "gbk", "cp949", "cp950")
_LEAD_RANGES = {"cp932": [(0x81, 0x9F), (0xE0, 0xFC)], "gbk": [(0x81, 0xFE)], "cp949": [(0x81, 0xFE)],
                "cp950": [(0x81, 0xFE)]}


def cp_number(cp: int) -> int | None:
    """The real code page number behind CP_ACP/CP_OEMCP/CP_THREAD_ACP, or None if unknown."""
    codec = codec_for(cp)
    if codec is None:
        return None
    if cp in (CP_ACP, CP_THREAD_ACP):
        return acp_number()
    if cp == CP_OEMCP:
        return GetOEMCP()
    if cp == CP_MACCP:
        return 10000
    return cp


def _cpinfo_bytes(codec: str) -> bytes:
    if codec in ("utf-8", "utf-7"):
        maxlen = 4 if codec == "utf-8" else 5
    elif codec in _DBCS:
        maxlen = 2
    else:
        maxlen = 1
    lead = bytearray(12)
    for i, (lo, hi) in enumerate(_LEAD_RANGES.get(codec, [])):
        lead[2 * i], lead[2 * i + 1] = lo, hi
    return maxlen.to_bytes(4, "little") + b"?\0" + bytes(lead)


@dll.stdcall
def GetCPInfo(cp: UINT, info: PTR) -> BOOL:
    codec = codec_for(cp)
    if codec is None or not info:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    proc().mem.write(info, _cpinfo_bytes(codec))
    return 1


def _cpinfo_ex(cp: int, flags: int, info: int, wide: bool) -> int:
    codec = codec_for(cp)
    if codec is None or not info:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    num = cp_number(cp)
    udef = 0xFFFD if codec in ("utf-8", "utf-7") else 0x3F
    name = _CP_NAMES.get(num, str(num))
    head = _cpinfo_bytes(codec) + udef.to_bytes(2, "little") + num.to_bytes(4, "little")
    if wide:
        body = name.encode("utf-16-le")[:518] + b"\0\0"
        body += bytes(520 - len(body))
    else:
        body = name.encode("latin-1")[:259] + b"\0"
        body += bytes(260 - len(body))
    proc().mem.write(info, head + body)
    return 1


@dll.stdcall
def GetCPInfoExW(cp: UINT, flags: DWORD, info: PTR) -> BOOL:
    return _cpinfo_ex(cp, flags, info, True)


@dll.stdcall
def GetCPInfoExA(cp: UINT, flags: DWORD, info: PTR) -> BOOL:
    return _cpinfo_ex(cp, flags, info, False)


def decode_bytewise(data: bytes, codec: str) -> str:
    """Single-byte decode where bytes a table leaves undefined map to their own code point."""
    try:
        return data.decode(codec, "strict")
    except UnicodeDecodeError:
        return "".join(data[i:i + 1].decode(codec, "ignore") or chr(data[i]) for i in range(len(data)))


MB_PRECOMPOSED, MB_COMPOSITE, MB_USEGLYPHCHARS = 0x1, 0x2, 0x4
WC_DISCARDNS, WC_SEPCHARS, WC_DEFAULTCHAR, WC_ERR_INVALID_CHARS = 0x10, 0x20, 0x40, 0x80
WC_COMPOSITECHECK, WC_NO_BEST_FIT_CHARS = 0x200, 0x400


def _mb_decode(data: bytes, codec: str, strict: bool) -> str:
    if codec == "utf-8":
        return data.decode("utf-8", "strict" if strict else "replace")
    if codec in _DBCS or codec == "utf-7":
        return data.decode(codec, "strict" if strict else "replace")
    return decode_bytewise(data, codec)


@dll.stdcall
def MultiByteToWideChar(cp: UINT, flags: DWORD, src: PTR, srclen: INT, dst: PTR, dstlen: INT) -> INT:
    p = proc()
    if not src or srclen == 0 or dstlen < 0 or (not dst and dstlen):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    codec = codec_for(cp)
    if codec is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if codec == "utf-7":
        bad_flags = flags
    else:
        bad_flags = flags & ~(MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS | MB_ERR_INVALID_CHARS) or \
            (flags & MB_PRECOMPOSED and flags & MB_COMPOSITE)
    if bad_flags:
        set_last_error(ERROR_INVALID_FLAGS)
        return 0
    data = p.mem.cstr(src) + b"\0" if srclen < 0 else p.mem.read(src, srclen)
    try:
        text = _mb_decode(data, codec, bool(flags & MB_ERR_INVALID_CHARS))
    except UnicodeDecodeError:
        set_last_error(ERROR_NO_UNICODE_TRANSLATION)
        return 0
    out = text.encode("utf-16-le", "surrogatepass")
    n = len(out) // 2
    if dstlen == 0:
        return n
    if n > dstlen:
        p.mem.write(dst, out[:2 * dstlen])
        set_last_error(ERROR_INSUFFICIENT_BUFFER)
        return 0
    p.mem.write(dst, out)
    return n


def _best_fit(ch: str, codec: str) -> bytes | None:
    """Windows' best-fit mapping, approximated by the character's compatibility decomposition."""
    import unicodedata
    base = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in base if not unicodedata.combining(c))
    if base and base != ch:
        try:
            return base.encode(codec)
        except UnicodeEncodeError:
            return None
    return None


def _units(raw: bytes) -> list[str]:
    """UTF-16 code units into characters; unpaired surrogates stay as single surrogate code points."""
    return list(raw.decode("utf-16-le", "surrogatepass"))


@dll.stdcall
def WideCharToMultiByte(cp: UINT, flags: DWORD, src: PTR, srclen: INT, dst: PTR, dstlen: INT,
                        default: PTR, used_default: PTR) -> INT:
    p = proc()
    if not src or srclen == 0 or dstlen < 0 or (not dst and dstlen):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    codec = codec_for(cp)
    if codec is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if codec in ("utf-8", "utf-7"):
        # as Wine 8 does: UTF-8 ignores a default char and clears lpUsedDefaultChar (Windows
        # documents ERROR_INVALID_PARAMETER for both); UTF-7 refuses them
        if codec == "utf-7" and (default or used_default):
            set_last_error(ERROR_INVALID_PARAMETER)
            return 0
        if flags & ~(WC_ERR_INVALID_CHARS if codec == "utf-8" else 0):
            set_last_error(ERROR_INVALID_FLAGS)
            return 0
    elif flags & ~(WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_ERR_INVALID_CHARS | WC_COMPOSITECHECK |
                   WC_NO_BEST_FIT_CHARS):
        set_last_error(ERROR_INVALID_FLAGS)
        return 0
    raw = p.mem.wstr_bytes(src) + b"\0\0" if srclen < 0 else p.mem.read(src, 2 * srclen)
    used = False
    if codec == "utf-8":
        text = raw.decode("utf-16-le", "surrogatepass")
        try:
            out = text.encode("utf-8")
        except UnicodeEncodeError:
            if flags & WC_ERR_INVALID_CHARS:
                set_last_error(ERROR_NO_UNICODE_TRANSLATION)
                return 0
            out = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text).encode("utf-8")
    elif codec == "utf-7":
        out = raw.decode("utf-16-le", "surrogatepass").encode("utf-7")
    else:
        repl = p.mem.read(default, 1) if default else b"?"
        parts = []
        for ch in _units(raw):
            try:
                b = ch.encode(codec)
                if flags & WC_NO_BEST_FIT_CHARS and _mb_decode(b, codec, False) != ch:
                    raise UnicodeEncodeError(codec, ch, 0, 1, "no round trip")
                parts.append(b)
                continue
            except UnicodeEncodeError:
                o = ord(ch)
                if o < 256 and decode_bytewise(bytes([o]), codec) == ch:   # a table hole maps to itself
                    parts.append(bytes([o]))
                    continue
            b = None if flags & WC_NO_BEST_FIT_CHARS else _best_fit(ch, codec)
            if b is None:
                b = repl
                used = True
            parts.append(b)
        out = b"".join(parts)
    if used_default:
        p.mem.w32(used_default, int(used))
    if dstlen == 0:
        return len(out)
    if len(out) > dstlen:
        p.mem.write(dst, out[:dstlen])
        set_last_error(ERROR_INSUFFICIENT_BUFFER)
        return 0
    p.mem.write(dst, out)
    return len(out)
