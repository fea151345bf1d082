"""CRT start-up and shut-down: __getmainargs, _initterm, atexit, exit, signal, locale basics."""
from __future__ import annotations

import sys

from winelike import debug
from winelike.abi.types import DWORD, INT, LPCSTR, PTR, UINT, VOID
from winelike.dlls.framework import ProcessExit
from winelike.dlls.winapi import proc
from . import dll
from .state import crt, static_buffer, set_errno, EINVAL

ch = debug.Channel("msvcrt")


def split_command_line(cmdline: str) -> list[str]:
    """msvcrt's command-line splitting (backslashes double before quotes; "" inside quotes is a quote)."""
    args = []
    i, n = 0, len(cmdline)
    while i < n and cmdline[i] in " \t":
        i += 1
    while i < n:
        cur = []
        in_quotes = False
        bs = 0
        while i < n:
            c = cmdline[i]
            if c in " \t" and not in_quotes:
                break
            if c == "\\":
                bs += 1
                i += 1
                continue
            if c == '"':
                cur.append("\\" * (bs // 2))
                if bs % 2:
                    cur.append('"')
                elif in_quotes and i + 1 < n and cmdline[i + 1] == '"':
                    cur.append('"')
                    i += 1
                else:
                    in_quotes = not in_quotes
                bs = 0
                i += 1
                continue
            if bs:
                cur.append("\\" * bs)
                bs = 0
            cur.append(c)
            i += 1
        if bs:
            cur.append("\\" * bs)
        args.append("".join(cur))
        while i < n and cmdline[i] in " \t":
            i += 1
    return args


def _ptr_array(items: list[int]) -> int:
    p = proc()
    P = p.ptr_size
    arr = p.heap_alloc((len(items) + 1) * P, zero=True)
    for i, v in enumerate(items):
        p.mem.wptr(arr + i * P, v)
    return arr


def _strings(strs: list[str], wide: bool) -> list[int]:
    p = proc()
    out = []
    for s in strs:
        data = s.encode("utf-16-le") + b"\0\0" if wide else p.encode_astr(s) + b"\0"
        a = p.heap_alloc(len(data))
        p.mem.write(a, data)
        out.append(a)
    return out


def _main_args(argc, argv, envp, wide):
    p = proc()
    s = crt()
    key = "wmainargs" if wide else "mainargs"
    cached = s.static.get(key)
    if cached is None:
        args = split_command_line(p.cmdline)
        av = _ptr_array(_strings(args, wide))
        ev = _ptr_array(_strings([f"{k}={v}" for k, v in p.env.items()], wide))
        cached = s.static[key] = (len(args), av, ev)
        envvar = "__winitenv" if wide else "__initenv"
        if envvar in s.static:
            p.mem.wptr(s.static[envvar], ev)
    n, av, ev = cached
    p.mem.w32(argc, n)
    p.mem.wptr(argv, av)
    p.mem.wptr(envp, ev)
    return 0


@dll.cdecl
def __getmainargs(argc: PTR, argv: PTR, envp: PTR, expand_wildcards: INT, startinfo: PTR) -> INT:
    return _main_args(argc, argv, envp, False)


@dll.cdecl
def __wgetmainargs(argc: PTR, argv: PTR, envp: PTR, expand_wildcards: INT, startinfo: PTR) -> INT:
    return _main_args(argc, argv, envp, True)


def _init_initenv(p, addr):
    crt().static["__initenv"] = addr


def _init_winitenv(p, addr):
    crt().static["__winitenv"] = addr


dll.data("__initenv", lambda P: P, _init_initenv)
dll.data("__winitenv", lambda P: P, _init_winitenv)


def _init_acmdln(p, addr):
    p.mem.wptr(addr, _strings([p.cmdline], False)[0])
    crt().static["_acmdln"] = addr


def _init_wcmdln(p, addr):
    p.mem.wptr(addr, p.params.CommandLine.Buffer)
    crt().static["_wcmdln"] = addr


dll.data("_acmdln", lambda P: P, _init_acmdln)
dll.data("_wcmdln", lambda P: P, _init_wcmdln)


def _init_int(name, value):
    def init(p, addr):
        p.mem.w32(addr, value)
        crt().static[name] = addr
    return init


dll.data("_fmode", 4, _init_int("_fmode", 0))
dll.data("_commode", 4, _init_int("_commode", 0))
dll.data("__mb_cur_max", 4, _init_int("__mb_cur_max", 1))
dll.data("_environ", lambda P: P, None)


@dll.cdecl
def __p__acmdln() -> PTR:
    return crt().static["_acmdln"]


@dll.cdecl
def __p__wcmdln() -> PTR:
    return crt().static["_wcmdln"]


@dll.cdecl
def __p__fmode() -> PTR:
    return crt().static["_fmode"]


@dll.cdecl
def __p__commode() -> PTR:
    return crt().static["_commode"]


@dll.cdecl
def ___mb_cur_max_func() -> INT:
    return 1


@dll.cdecl
def __p___mb_cur_max() -> PTR:
    return crt().static["__mb_cur_max"]


@dll.cdecl
def ___lc_codepage_func() -> UINT:
    return crt().static.get("lc_codepage", 0)


@dll.cdecl
def __set_app_type(kind: INT) -> VOID:
    crt().app_type = kind


@dll.cdecl
def __setusermatherr(handler: PTR) -> VOID:
    crt().static["matherr"] = handler


@dll.cdecl
def _initterm(start: PTR, end: PTR) -> VOID:
    p = proc()
    P = p.ptr_size
    addr = start
    while addr < end:
        fn = p.mem.ptr(addr)
        if fn:
            p.cpu.call(fn, (), p.callback_ret)
        addr += P


@dll.cdecl
def _initterm_e(start: PTR, end: PTR) -> INT:
    p = proc()
    P = p.ptr_size
    addr = start
    while addr < end:
        fn = p.mem.ptr(addr)
        if fn:
            r = p.cpu.call(fn, (), p.callback_ret) & 0xFFFFFFFF
            if r:
                return r
        addr += P
    return 0


@dll.cdecl
def _onexit(fn: PTR) -> PTR:
    if not fn:
        return 0
    crt().atexit.append(fn)
    return fn


@dll.cdecl
def atexit(fn: PTR) -> INT:
    return 0 if _onexit(fn) else -1


@dll.cdecl
def __dllonexit(fn: PTR, start: PTR, end: PTR) -> PTR:
    """A DLL's private atexit table (mingw DLL CRT): kept in the CRT's own list here."""
    return _onexit(fn)


def run_atexit():
    p = proc()
    s = crt()
    while s.atexit:
        fn = s.atexit.pop()
        p.cpu.call(fn, (), p.callback_ret)


def flush_all():
    from .stdio import flush_all_streams
    flush_all_streams()


def _crt_exit_hook(p):
    # ExitProcess without exit(): like msvcrt's DLL detach, flush what the streams hold
    if "msvcrt" in p.state:
        flush_all()


def _attach(p):
    crt()
    p.state.setdefault("exit_hooks", []).append(_crt_exit_hook)


dll.on_attach.append(_attach)


@dll.cdecl
def exit(code: INT) -> VOID:
    s = crt()
    if not s.exiting:
        s.exiting = True
        run_atexit()
        flush_all()
    proc().terminate(code)


@dll.cdecl
def _exit(code: INT) -> VOID:
    proc().terminate(code)


@dll.cdecl
def _cexit() -> VOID:
    s = crt()
    if not s.exiting:
        s.exiting = True
        run_atexit()
    flush_all()


@dll.cdecl
def _c_exit() -> VOID:
    pass


@dll.cdecl
def _amsg_exit(errnum: INT) -> VOID:
    sys.stderr.write(f"\nruntime error R60{errnum:02d}\n")
    sys.stderr.flush()
    flush_all()
    proc().terminate(255)


@dll.cdecl
def abort() -> VOID:
    flush_all()
    sys.stderr.write("\nabnormal program termination\n")
    sys.stderr.flush()
    proc().terminate(3)


SIGINT, SIGILL, SIGFPE, SIGSEGV, SIGTERM, SIGBREAK, SIGABRT = 2, 4, 8, 11, 15, 21, 22
SIG_DFL, SIG_IGN = 0, 1
SIG_ERR = -1


@dll.cdecl
def signal(sig: INT, handler: PTR) -> PTR:
    if sig not in (SIGINT, SIGILL, SIGFPE, SIGSEGV, SIGTERM, SIGBREAK, SIGABRT, 6):
        set_errno(EINVAL)
        return (1 << proc().bits) - 1
    s = crt()
    old = s.signals.get(sig, SIG_DFL)
    s.signals[sig] = handler
    return old


@dll.cdecl(name="raise")
def raise_(sig: INT) -> INT:
    p = proc()
    s = crt()
    h = s.signals.get(sig, SIG_DFL)
    if h == SIG_IGN:
        return 0
    if h == SIG_DFL:
        if sig in (SIGABRT, 6):
            abort()
        proc().terminate(3)
    s.signals[sig] = SIG_DFL
    p.cpu.call(h, (sig,), p.callback_ret)
    return 0


@dll.cdecl
def _lock(n: INT) -> VOID:
    pass   # one guest thread: nothing to exclude (the server issue adds real locks)


@dll.cdecl
def _unlock(n: INT) -> VOID:
    pass


@dll.cdecl
def _errno() -> PTR:
    return crt().errno_addr


@dll.cdecl
def __doserrno() -> PTR:
    return crt().errno_addr + 4


LC_ALL, LC_COLLATE, LC_CTYPE, LC_MONETARY, LC_NUMERIC, LC_TIME = 0, 1, 2, 3, 4, 5


@dll.cdecl
def setlocale(category: INT, locale: LPCSTR) -> PTR:
    """The "C" locale, and the system default ("" -> English_United States.1252) by name only."""
    s = crt()
    if category < 0 or category > 5:
        return 0
    if locale is None:
        name = s.static.get("locale_name", "C")
    elif locale in ("C", ""):
        name = "C" if locale == "C" else "English_United States.1252"
        if locale == "":
            ch.fixme("setlocale", f"category {category}: {name} is used by name; formatting stays \"C\"")
        s.static["locale_name"] = name
        s.static["lc_codepage"] = 0 if name == "C" else 1252
    else:
        ch.fixme("setlocale", f"locale {locale!r} not supported")
        return 0
    buf = static_buffer("setlocale", 64)
    proc().mem.write(buf, name.encode() + b"\0")
    return buf


@dll.cdecl
def localeconv() -> PTR:
    p = proc()
    s = crt()
    addr = s.static.get("lconv")
    if addr is None:
        P = p.ptr_size
        addr = p.heap_alloc(18 * P + 16, zero=True)
        dot = p.heap_alloc(2)
        p.mem.write(dot, b".\0")
        empty = p.heap_alloc(1, zero=True)
        # decimal_point, thousands_sep, grouping, int_curr_symbol, currency_symbol, mon_decimal_point,
        # mon_thousands_sep, mon_grouping, positive_sign, negative_sign
        ptrs = [dot] + [empty] * 9
        for i, v in enumerate(ptrs):
            p.mem.wptr(addr + i * P, v)
        p.mem.write(addr + 10 * P, bytes([127] * 8))   # CHAR_MAX for the char fields
        s.static["lconv"] = addr
    return addr
