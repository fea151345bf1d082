"""Last error, system messages (FormatMessage), exception filters, RaiseException.

There is no structured exception dispatch yet: RaiseException runs the
top-level filter set with SetUnhandledExceptionFilter (as Windows does when no
frame handles the exception) and otherwise reports the exception and ends the
process with its code, as an unhandled exception does on Windows.
"""
from __future__ import annotations

import re
import struct
import sys

from winelike import debug
from winelike.abi.types import DWORD, PTR, UINT, VOID, LONG
from winelike.dlls.framework import ProcessExit
from winelike.dlls.winapi import (get_last_error, set_last_error, proc, ERROR_INVALID_PARAMETER,
                                  ERROR_INSUFFICIENT_BUFFER, ERROR_NOT_ENOUGH_MEMORY)
from . import dll

ch = debug.Channel("seh")
ch_msg = debug.Channel("format")

ERROR_MR_MID_NOT_FOUND = 317
ERROR_NOACCESS = 998
ERROR_RESOURCE_LANG_NOT_FOUND = 1815

FORMAT_MESSAGE_ALLOCATE_BUFFER = 0x100
FORMAT_MESSAGE_IGNORE_INSERTS = 0x200
FORMAT_MESSAGE_FROM_STRING = 0x400
FORMAT_MESSAGE_FROM_HMODULE = 0x800
FORMAT_MESSAGE_FROM_SYSTEM = 0x1000
FORMAT_MESSAGE_ARGUMENT_ARRAY = 0x2000
FORMAT_MESSAGE_MAX_WIDTH_MASK = 0xFF

EXCEPTION_NONCONTINUABLE = 0x1
EXCEPTION_MAXIMUM_PARAMETERS = 15
EXCEPTION_EXECUTE_HANDLER, EXCEPTION_CONTINUE_SEARCH, EXCEPTION_CONTINUE_EXECUTION = 1, 0, -1
STATUS_NONCONTINUABLE_EXCEPTION = 0xC0000025


@dll.stdcall
def GetLastError() -> DWORD:
    return get_last_error()


@dll.stdcall
def SetLastError(code: DWORD) -> VOID:
    set_last_error(code)


@dll.stdcall
def SetUnhandledExceptionFilter(filter: PTR) -> PTR:
    st = proc().state
    old = st.get("unhandled_filter", 0)
    st["unhandled_filter"] = filter
    return old


@dll.stdcall
def SetErrorMode(mode: UINT) -> UINT:
    st = proc().state
    old = st.get("error_mode", 0)
    st["error_mode"] = mode
    return old


@dll.stdcall
def GetErrorMode() -> UINT:
    return proc().state.get("error_mode", 0)


# ---------------------------------------------------------------------------
# exceptions

def _exception_pointers(code: int, flags: int, params: list[int], address: int) -> int:
    """EXCEPTION_POINTERS (with its record and a CONTEXT holding the caller's pc/sp) in the process heap."""
    p = proc()
    P = p.ptr_size
    if P == 4:
        rec = struct.pack("<IIIII", code, flags, 0, address, len(params)) + \
            struct.pack(f"<{EXCEPTION_MAXIMUM_PARAMETERS}I", *(params + [0] * (15 - len(params))))
        ctx = bytearray(0x2CC)
        struct.pack_into("<I", ctx, 0, 0x10007)                  # CONTEXT_FULL (i386)
        struct.pack_into("<I", ctx, 0xB8, address)               # Eip
        struct.pack_into("<I", ctx, 0xC4, p.cpu.sp + 4)          # Esp after the return
    else:
        rec = struct.pack("<IIQQII", code, flags, 0, address, len(params), 0) + \
            struct.pack(f"<{EXCEPTION_MAXIMUM_PARAMETERS}Q", *(params + [0] * (15 - len(params))))
        ctx = bytearray(0x4D0)
        struct.pack_into("<I", ctx, 0x30, 0x10000B)              # CONTEXT_FULL (amd64)
        struct.pack_into("<Q", ctx, 0x98, p.cpu.sp + 8)          # Rsp
        struct.pack_into("<Q", ctx, 0xF8, address)               # Rip
    block = p.heap_alloc(len(rec) + len(ctx) + 16 + 2 * P, zero=True)
    ctx_addr = (block + 2 * P + len(rec) + 15) & ~15
    p.mem.write(block + 2 * P, rec)
    p.mem.write(ctx_addr, bytes(ctx))
    p.mem.wptr(block, block + 2 * P)
    p.mem.wptr(block + P, ctx_addr)
    return block


def unhandled_exception(code: int, flags: int, params: list[int], address: int) -> None:
    """Run the top-level filter; returns only if it asks to continue a continuable exception."""
    p = proc()
    flt = p.state.get("unhandled_filter", 0)
    if flt:
        ptrs = _exception_pointers(code, flags, params, address)
        r = p.cpu.call(flt, (ptrs,), p.callback_ret) & 0xFFFFFFFF
        r = r - (1 << 32) if r & 0x80000000 else r
        if r == EXCEPTION_CONTINUE_EXECUTION:
            if not flags & EXCEPTION_NONCONTINUABLE:
                return
            code = STATUS_NONCONTINUABLE_EXCEPTION
        elif r == EXCEPTION_EXECUTE_HANDLER:
            raise ProcessExit(code)
    w = p.bits // 4
    sys.stderr.write(f"winelike: Unhandled exception 0x{code:08x} at address {address:0{w}x} "
                     f"(RaiseException; parameters {[hex(x) for x in params]}), terminating the process\n")
    raise ProcessExit(code)


@dll.stdcall
def RaiseException(code: DWORD, flags: DWORD, nargs: DWORD, args: PTR) -> VOID:
    p = proc()
    n = min(nargs, EXCEPTION_MAXIMUM_PARAMETERS)
    params = [p.mem.ptr(args + i * p.ptr_size) for i in range(n)] if args else []
    address = p.mem.ptr(p.cpu.sp)
    ch.trace("RaiseException", f"code={code:#x} flags={flags:#x} nargs={nargs}")
    unhandled_exception(code, flags & EXCEPTION_NONCONTINUABLE, params, address)


@dll.stdcall
def UnhandledExceptionFilter(pointers: PTR) -> LONG:
    """Called by a program's own handler: run the top-level filter, else ask to execute the handler."""
    p = proc()
    flt = p.state.get("unhandled_filter", 0)
    if flt:
        r = p.cpu.call(flt, (pointers,), p.callback_ret) & 0xFFFFFFFF
        r = r - (1 << 32) if r & 0x80000000 else r
        if r != EXCEPTION_CONTINUE_SEARCH:
            return r
    rec = p.mem.ptr(pointers) if pointers else 0
    code = p.mem.u32(rec) if rec else 0
    sys.stderr.write(f"winelike: Unhandled exception 0x{code:08x}, terminating the process\n")
    return EXCEPTION_EXECUTE_HANDLER


@dll.stdcall
def FatalAppExitW(action: UINT, message: PTR) -> VOID:
    text = proc().mem.wstr(message) if message else ""
    sys.stderr.write(f"winelike: FatalAppExit: {text}\n")
    raise ProcessExit(0xFFFFFFFF)


@dll.stdcall
def FatalAppExitA(action: UINT, message: PTR) -> VOID:
    text = proc().decode_astr(message) if message else ""
    sys.stderr.write(f"winelike: FatalAppExit: {text}\n")
    raise ProcessExit(0xFFFFFFFF)


# ---------------------------------------------------------------------------
# FormatMessage

SYSTEM_MESSAGES = {
    0: "The operation completed successfully.",
    1: "Incorrect function.",
    2: "The system cannot find the file specified.",
    3: "The system cannot find the path specified.",
    4: "The system cannot open the file.",
    5: "Access is denied.",
    6: "The handle is invalid.",
    7: "The storage control blocks were destroyed.",
    8: "Not enough memory resources are available to process this command.",
    9: "The storage control block address is invalid.",
    10: "The environment is incorrect.",
    11: "An attempt was made to load a program with an incorrect format.",
    12: "The access code is invalid.",
    13: "The data is invalid.",
    14: "Not enough memory resources are available to complete this operation.",
    15: "The system cannot find the drive specified.",
    16: "The directory cannot be removed.",
    17: "The system cannot move the file to a different disk drive.",
    18: "There are no more files.",
    19: "The media is write protected.",
    21: "The device is not ready.",
    24: "The program issued a command but the command length is incorrect.",
    29: "The system cannot write to the specified device.",
    30: "The system cannot read from the specified device.",
    31: "A device attached to the system is not functioning.",
    32: "The process cannot access the file because it is being used by another process.",
    33: "The process cannot access the file because another process has locked a portion of the file.",
    38: "Reached the end of the file.",
    39: "The disk is full.",
    50: "The request is not supported.",
    80: "The file exists.",
    82: "The directory or file cannot be created.",
    87: "The parameter is incorrect.",
    109: "The pipe has been ended.",
    111: "The file name is too long.",
    112: "There is not enough space on the disk.",
    120: "This function is not supported on this system.",
    122: "The data area passed to a system call is too small.",
    123: "The filename, directory name, or volume label syntax is incorrect.",
    126: "The specified module could not be found.",
    127: "The specified procedure could not be found.",
    145: "The directory is not empty.",
    161: "The specified path is invalid.",
    170: "The requested resource is in use.",
    183: "Cannot create a file when that file already exists.",
    193: "%1 is not a valid Win32 application.",
    203: "The system could not find the environment option that was entered.",
    206: "The filename or extension is too long.",
    230: "The pipe state is invalid.",
    231: "All pipe instances are busy.",
    232: "The pipe is being closed.",
    233: "No process is on the other end of the pipe.",
    234: "More data is available.",
    258: "The wait operation timed out.",
    259: "No more data is available.",
    267: "The directory name is invalid.",
    288: "Attempt to release mutex not owned by caller.",
    298: "Too many posts were made to a semaphore.",
    299: "Only part of a ReadProcessMemory or WriteProcessMemory request was completed.",
    487: "Attempt to access invalid address.",
    995: "The I/O operation has been aborted because of either a thread exit or an application request.",
    996: "Overlapped I/O event is not in a signaled state.",
    997: "Overlapped I/O operation is in progress.",
    998: "Invalid access to memory location.",
    1004: "Invalid flags.",
    1012: "The configuration registry key could not be read.",
    1113: "No mapping for the Unicode character exists in the target multi-byte code page.",
    1168: "Element not found.",
    1400: "Invalid window handle.",
    1460: "This operation returned because the timeout period expired.",
    1812: "The specified image file did not contain a resource section.",
    1813: "The specified resource type cannot be found in the image file.",
    1814: "The specified resource name cannot be found in the image file.",
    1815: "The specified resource language ID cannot be found in the image file.",
}


_SPEC = re.compile(r"([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?(hh|h|ll|l|I64|I32|I|w)?([cCdiouxXeEfgGsSp])")


class _Args:
    """Insert arguments: an array of pointer-sized slots (ARGUMENT_ARRAY or a va_list's stack)."""

    def __init__(self, base: int, is_array: bool):
        p = proc()
        self.p = p
        self.base = base if is_array else (p.mem.ptr(base) if base else 0)
        self.next = 0

    def slot(self, i: int) -> int:
        return self.p.mem.ptr(self.base + i * self.p.ptr_size)


def _format_one(spec: str, args: _Args, index: int, wide: bool) -> str:
    """printf-style formatting of insert `index` (0-based) with `spec` (between the ! !)."""
    p = proc()
    m = _SPEC.fullmatch(spec)
    if not m:
        return ""
    flags, width, prec, length, conv = m.groups()
    i = index
    if width == "*":
        width = str(args.slot(i))
        i += 1
    if prec == "*":
        prec = str(args.slot(i))
        i += 1
    v = args.slot(i)
    if conv in "sS":
        ws = (conv == "s") == wide if length not in ("h", "l", "w") else length in ("l", "w")
        if not v:
            s = "(null)"
        else:
            s = p.mem.wstr(v) if ws else p.decode_astr(v)
        if prec is not None:
            s = s[:int(prec)]
        out = s
    elif conv in "cC":
        out = chr(v & 0xFFFF) if ((conv == "c") == wide) else bytes([v & 0xFF]).decode(p.acp, "replace")
    elif conv == "p":
        out = f"{v:0{p.bits // 4}X}"
    else:
        big = length in ("ll", "I64") or (length == "I" and p.bits == 64)
        if not big:
            v &= 0xFFFFFFFF
        if conv in "di":
            bits = 64 if big else 32
            if v >> (bits - 1):
                v -= 1 << bits
        pyfmt = "%" + flags + (width or "") + ("." + prec if prec is not None else "") + \
            {"u": "d", "i": "d"}.get(conv, conv)
        try:
            out = pyfmt % v
        except (TypeError, ValueError):
            out = str(v)
        return out
    w = int(width) if width and width.isdigit() else 0
    if len(out) < w:
        out = out.ljust(w) if "-" in flags else out.rjust(w)
    return out


def format_message(text: str, flags: int, args: _Args | None, wide: bool) -> str | None:
    """Expand inserts and escapes; None (error set) when an insert has no argument."""
    width = flags & FORMAT_MESSAGE_MAX_WIDTH_MASK
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "%" and i + 1 < n:
            d = text[i + 1]
            if d.isdigit() and d != "0":
                j = i + 2
                if j < n and text[j].isdigit():
                    j += 1
                num = int(text[i + 1:j])
                spec = "s"
                if j < n and text[j] == "!":
                    k = text.find("!", j + 1)
                    if k > 0:
                        spec = text[j + 1:k]
                        j = k + 1
                if args is None:
                    out.append(text[i:j])
                else:
                    out.append(_format_one(spec, args, num - 1, wide))
                i = j
                continue
            if d == "0":
                return "".join(out)
            if d == "n":
                out.append("\r\n")
            elif d == "r":
                out.append("\r")
            elif d == "t":
                out.append("\t")
            else:
                out.append(d)
            i += 2
            continue
        if width == FORMAT_MESSAGE_MAX_WIDTH_MASK and c in "\r\n":
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            out.append(" ")
            i += 1
            continue
        if c == "\r" and i + 1 < n and text[i + 1] == "\n":
            out.append("\r\n")
            i += 2
            continue
        if c in "\r\n":
            out.append("\r\n")
            i += 1
            continue
        out.append(c)
        i += 1
    if width and width != FORMAT_MESSAGE_MAX_WIDTH_MASK:
        ch_msg.fixme("FormatMessage", f"line width {width} ignored")
    return "".join(out)


def _message_source(flags: int, source: int, msgid: int, langid: int, wide: bool) -> str | None:
    p = proc()
    if flags & FORMAT_MESSAGE_FROM_STRING:
        if not source:
            set_last_error(ERROR_INVALID_PARAMETER)
            return None
        return p.mem.wstr(source) if wide else p.decode_astr(source)
    if flags & FORMAT_MESSAGE_FROM_HMODULE and source:
        ch_msg.fixme("FormatMessage", f"message tables of module {source:#x} are not read yet")
        if not flags & FORMAT_MESSAGE_FROM_SYSTEM:
            set_last_error(ERROR_MR_MID_NOT_FOUND)
            return None
    if flags & (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_FROM_HMODULE):
        if langid & 0x3FF not in (0, 0x09):
            set_last_error(ERROR_RESOURCE_LANG_NOT_FOUND)
            return None
        text = SYSTEM_MESSAGES.get(msgid)
        if text is None:
            set_last_error(ERROR_MR_MID_NOT_FOUND)
            return None
        return text + "\r\n"
    set_last_error(ERROR_INVALID_PARAMETER)
    return None


def _format_message(flags, source, msgid, langid, buf, size, args, wide) -> int:
    p = proc()
    if not buf:
        set_last_error(ERROR_INVALID_PARAMETER if not flags & FORMAT_MESSAGE_ALLOCATE_BUFFER else ERROR_NOACCESS)
        return 0
    text = _message_source(flags, source, msgid, langid, wide)
    if text is None:
        return 0
    a = None if flags & FORMAT_MESSAGE_IGNORE_INSERTS else _Args(args, bool(flags & FORMAT_MESSAGE_ARGUMENT_ARRAY))
    if a is not None and not args and re.search(r"%[1-9]", text):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    out = format_message(text, flags, a, wide)
    data = out.encode("utf-16-le", "surrogatepass") + b"\0\0" if wide else p.encode_astr(out) + b"\0"
    unit = 2 if wide else 1
    n = len(data) // unit - 1
    if flags & FORMAT_MESSAGE_ALLOCATE_BUFFER:
        from .heapapi import LocalAlloc
        mem = LocalAlloc(0, max(len(data), size * unit))
        if not mem:
            set_last_error(ERROR_NOT_ENOUGH_MEMORY)
            return 0
        p.mem.write(mem, data)
        p.mem.wptr(buf, mem)
        return n
    if n + 1 > size:
        set_last_error(ERROR_INSUFFICIENT_BUFFER)
        return 0
    p.mem.write(buf, data)
    return n



@dll.stdcall
def FormatMessageW(flags: DWORD, source: PTR, msgid: DWORD, langid: DWORD, buf: PTR, size: DWORD,
                   args: PTR) -> DWORD:
    return _format_message(flags, source, msgid, langid, buf, size, args, True)


@dll.stdcall
def FormatMessageA(flags: DWORD, source: PTR, msgid: DWORD, langid: DWORD, buf: PTR, size: DWORD,
                   args: PTR) -> DWORD:
    return _format_message(flags, source, msgid, langid, buf, size, args, False)
