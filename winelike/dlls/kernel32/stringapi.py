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


@dll.stdcall
def GetCPInfo(cp: UINT, info: PTR) -> BOOL:
    codec = codec_for(cp)
    if codec is None or not info:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    p = proc()
    maxlen = 4 if codec == "utf-8" else 2 if codec in ("cp932", "gbk", "cp949", "cp950") else 1
    p.mem.write(info, maxlen.to_bytes(4, "little") + b"?\0" + bytes(12))
    return 1


def _decode_cp(data: bytes, codec: str, strict: bool) -> str:
    if codec == "utf-8":
        return data.decode("utf-8", "strict" if strict else "replace")
    try:
        return data.decode(codec, "strict")
    except UnicodeDecodeError:
        if strict:
            raise
        # unmapped bytes map to their own code point (as Windows' tables do for 1252's holes)
        return "".join(data[i:i + 1].decode(codec, "ignore") or chr(data[i]) for i in range(len(data)))


@dll.stdcall
def MultiByteToWideChar(cp: UINT, flags: DWORD, src: PTR, srclen: INT, dst: PTR, dstlen: INT) -> INT:
    p = proc()
    codec = codec_for(cp)
    if codec is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if not src or srclen == 0 or dstlen < 0 or (dst and dst == src):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    data = p.mem.cstr(src) + b"\0" if srclen < 0 else p.mem.read(src, srclen)
    try:
        text = _decode_cp(data, codec, bool(flags & MB_ERR_INVALID_CHARS))
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


@dll.stdcall
def WideCharToMultiByte(cp: UINT, flags: DWORD, src: PTR, srclen: INT, dst: PTR, dstlen: INT,
                        default: PTR, used_default: PTR) -> INT:
    p = proc()
    codec = codec_for(cp)
    if codec is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if not src or srclen == 0 or dstlen < 0:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if codec in ("utf-8", "utf-7") and (default or used_default):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    raw = p.mem.wstr_bytes(src) + b"\0\0" if srclen < 0 else p.mem.read(src, 2 * srclen)
    text = raw.decode("utf-16-le", "surrogatepass")
    used = False
    if codec == "utf-8":
        out = raw.decode("utf-16-le", "replace").encode("utf-8")
    else:
        repl = p.mem.read(default, 1) if default else b"?"
        parts = []
        for ch in text:
            try:
                parts.append(ch.encode(codec))
            except UnicodeEncodeError:
                parts.append(repl)
                used = True
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
