"""The `winelike` command: run, info, ... (registry, server and paths arrive with their issues)."""
from __future__ import annotations

import argparse
import json
import os
import sys

from winelike import __version__, debug


def exit_status(code: int) -> int:
    """Host exit status for a Windows exit code: its low 8 bits, as with Wine.

    A non-zero code whose low byte is 0 (e.g. 0x80000100, 256) becomes 255 so a
    failure never reads as success to the shell.
    """
    code &= 0xFFFFFFFF
    low = code & 0xFF
    return low if low or code == 0 else 255


def cmd_run(args) -> int:
    from winelike import debug
    from winelike.prefix import Prefix, PrefixError
    from winelike.loader.pe import BadImage

    try:
        prefix = Prefix(args.prefix).ensure()
    except PrefixError as e:
        sys.stderr.write(f"winelike: {e}\n")
        return 1
    prog = args.program
    host = prog
    if not os.path.exists(host) and (":" in prog or "\\" in prog):
        host = prefix.dos_to_unix(prog) or prog
    if not os.path.isfile(host):
        sys.stderr.write(f"winelike: cannot find {prog!r}\n")
        return 1
    from winelike.process import Process, StartupError
    from winelike.cpu.memory import OutOfGuestMemory
    proc = None
    cwd = None
    if args.sandbox:        # only drive C: exists (winelike.paths); start in C:\ unless already inside it
        os.environ["WINELIKE_SANDBOX"] = "1"
        c = os.path.realpath(prefix.drive_c)
        if not (os.path.realpath(os.getcwd()) + "/").startswith(c + "/"):
            cwd = c
    startup = os.environ.pop("WINELIKE_STARTUP", None)     # set by a parent's CreateProcess
    try:
        startup = json.loads(startup) if startup else None
    except ValueError:
        sys.stderr.write("winelike: ignoring a malformed WINELIKE_STARTUP record\n")
        startup = None
    try:
        proc = Process(prefix, host, args.args, strict_imports=args.strict_imports, cwd=cwd,
                       env=startup.get("env") if startup else None)
        proc.exit_host = True
        if startup:
            proc.apply_startup(startup)
        proc.cpu.stop_on_signals(stop=proc.stop_running)
        proc.load()
        if startup:
            conn = proc.server()     # become the process the parent's create_process made
            if startup.get("suspended"):
                conn.call("wait_resume")
        if args.input_script or args.screenshot:
            _gui_options(proc, args)
        code = proc.run()
        proc.report_exit(code)
    except (BadImage, StartupError, OutOfGuestMemory) as e:
        sys.stderr.write(f"winelike: {e}\n")
        return 1
    except BaseException as e:
        code = failure(proc, e)
    if args.screenshot:
        _save_screenshot(args.screenshot)
    if args.fixme_stats:
        sys.stderr.write(debug.fixme_report())
    return exit_status(code)


def _gui_options(proc, args):
    """--input-script and --screenshot (winelike/gui; docs/gui.md)."""
    from winelike.gui import display
    display.get()
    if args.input_script:
        from winelike.gui.script import start, ScriptError
        try:
            start(proc, args.input_script)
        except (OSError, ScriptError) as e:
            from winelike.process import StartupError
            raise StartupError(f"input script {args.input_script}: {e}") from None


def _save_screenshot(path):
    try:
        from winelike.gui import display
        display.get().screenshot(path)
    except Exception as e:
        sys.stderr.write(f"winelike: cannot save the screenshot {path}: {e}\n")


def failure(proc, e: BaseException) -> int:
    """Report why the program stopped abnormally (one line, or a crash report); its exit code."""
    from winelike.process import InternalError, ServerFailure, _is_server_failure as _server_error
    from winelike.cpu.emu import EmulationError
    from winelike.dlls.framework import UnimplementedCall
    try:
        raise e
    except UnimplementedCall as e:
        _flush_crt(proc)
        sys.stderr.write(f"winelike: {e}\n")
        code = 0x80000100
    except EmulationError as e:
        _flush_crt(proc)
        _crash_report(proc, e)
        code = 0xC0000005 if e.kind == "fault" else 0xC000001D
    except KeyboardInterrupt:
        _flush_crt(proc)
        code = 0xC000013A
    except ServerFailure as e:
        _flush_crt(proc)
        sys.stderr.write(f"winelike: server: {e}\n")
        code = 0xC0000001
    except Exception as e:
        if _server_error(e):    # outside any API call (a child registering at start-up)
            _flush_crt(proc)
            sys.stderr.write(f"winelike: server: {e}\n")
            return 0xC0000001
        # a winelike bug: one line, the traceback only when asked for
        _flush_crt(proc)
        if not isinstance(e, InternalError):
            e = InternalError("winelike", e)
        sys.stderr.write(f"winelike: {e}\n")
        if debug.on("trace", "winelike"):
            sys.stderr.write(e.traceback)
        else:
            sys.stderr.write("winelike: run with WINELIKE_DEBUG=+winelike for the Python traceback\n")
        code = 0xC0000001
    return code


def _flush_crt(proc):
    try:
        if proc is not None and "msvcrt" in proc.state:
            from winelike.dlls.msvcrt.stdio import flush_all_streams
            flush_all_streams()
    except Exception:
        pass


def _crash_report(proc, e):
    w = sys.stderr.write
    w(f"winelike: unhandled exception: {e}\n")
    try:
        m = proc.module_at(e.address) if e.address is not None else None
        if m is not None:
            w(f"  in {m.name} (base 0x{m.base:x}, offset 0x{e.address - m.base:x})\n")
        w("Registers:\n" + "\n".join("  " + l for l in proc.cpu.register_dump().splitlines()) + "\n")
        if e.address is not None:
            lines = proc.cpu.disassemble(e.address)
            if lines:
                w("Code:\n" + "".join(f"  {l}\n" for l in lines))
    except Exception as ex:   # a report must never raise
        w(f"  (no further details: {ex})\n")


def cmd_path(args) -> int:
    """winepath: -w converts Unix paths (relative ones from the current directory), -u Windows ones."""
    from winelike.prefix import Prefix, PrefixError
    try:
        prefix = Prefix(args.prefix).ensure()
    except PrefixError as e:
        sys.stderr.write(f"winelike: {e}\n")
        return 1
    status = 0
    for p in args.paths:
        if args.windows:
            print(prefix.unix_to_dos(os.path.abspath(p)))
            continue
        host = prefix.dos_to_unix(p if ":" in p else "C:" + p if p.startswith("\\") else p)
        if host is None:
            sys.stderr.write(f"winelike: cannot convert {p!r}: no such drive or not an absolute Windows path\n")
            status = 1
        else:
            print(host)
    return status


def cmd_info(args) -> int:
    from winelike.cpu.emu import trap_kind, _fast_error
    from winelike.prefix import Prefix
    kind = trap_kind()
    print(f"winelike {__version__}")
    print(f"trap path: {kind}" + ("" if kind == "cffi" else f" ({_fast_error})"))
    print(f"prefix: {Prefix(args.prefix).root}")
    return 0


def cmd_server(args) -> int:
    from winelike.server.command import run_command
    return run_command(args)


def cmd_regedit(args) -> int:
    from winelike.prefix import Prefix, PrefixError
    from winelike.server.daemon import ServerError
    from winelike import regedit
    rest, where = [], args.prefix
    it = iter(args.args)
    for a in it:                       # --prefix may also come after the reg.exe arguments
        if a == "--prefix":
            where = next(it, None)
        elif a.startswith("--prefix="):
            where = a.split("=", 1)[1]
        else:
            rest.append(a)
    try:
        prefix = Prefix(where).ensure()
        return regedit.main(prefix.root, rest)
    except (PrefixError, ServerError) as e:
        sys.stderr.write(f"winelike: {e}\n")
        return 1


def cmd_prefix(args) -> int:
    import time
    from winelike.prefix import Prefix, PrefixError
    if args.action != "init":
        sys.stderr.write(f"winelike: unknown prefix action {args.action!r} (try: init)\n")
        return 2
    t0 = time.perf_counter()
    try:
        p = Prefix(args.path or args.prefix)
        created = p.init()
    except PrefixError as e:
        sys.stderr.write(f"winelike: {e}\n")
        return 1
    ms = (time.perf_counter() - t0) * 1000
    print(f"winelike: {'created' if created else 'updated'} prefix {p.root} in {ms:.0f} ms")
    return 0


def main(argv=None) -> int:
    if "WINELIKE_UNPIN" in os.environ:
        from winelike.sched import unpin_inherited
        unpin_inherited()
    ap = argparse.ArgumentParser(prog="winelike", description="Run Windows programs on Linux.")
    ap.add_argument("--version", action="version", version=f"winelike {__version__}")
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="run a Windows program")
    r.add_argument("--prefix", help="prefix directory (default $WINELIKEPREFIX or ~/.winelike)")
    r.add_argument("--strict-imports", action="store_true", help="refuse to start if any import is missing")
    r.add_argument("--fixme-stats", action="store_true", help="print how often each fixme fired, at exit")
    r.add_argument("--sandbox", action="store_true", help="show the program drive C: only (no Z:, no way out of drive_c)")
    r.add_argument("--screenshot", metavar="FILE.png", help="save the screen as a PNG when the program exits")
    r.add_argument("--input-script", metavar="FILE", help="feed the GUI scripted input (docs/gui.md)")
    r.add_argument("program")
    r.add_argument("args", nargs=argparse.REMAINDER)
    r.set_defaults(func=cmd_run)
    i = sub.add_parser("info", help="show the trap path in use and the prefix")
    i.add_argument("--prefix")
    i.set_defaults(func=cmd_info)
    pth = sub.add_parser("path", help="convert paths between Unix and Windows forms (like winepath)")
    pth.add_argument("--prefix")
    mode = pth.add_mutually_exclusive_group(required=True)
    mode.add_argument("-w", "--windows", action="store_true", help="Unix path(s) to Windows form")
    mode.add_argument("-u", "--unix", action="store_true", help="Windows path(s) to Unix form")
    pth.add_argument("paths", nargs="+")
    pth.set_defaults(func=cmd_path)
    s = sub.add_parser("server", help="run, stop or query the prefix's server (like wineserver)")
    s.add_argument("--prefix", help="prefix directory (default $WINELIKEPREFIX or ~/.winelike)")
    s.add_argument("--persistent", nargs="?", type=float, const=-1.0, metavar="N",
                   help="stay N seconds after the last client leaves (no N: forever; default 3)")
    s.add_argument("--foreground", action="store_true", help="do not detach")
    s.add_argument("--debug", action="store_true", help="trace every request and reply (+server)")
    s.add_argument("--kill", action="store_true", help="stop the running server")
    s.add_argument("--wait", action="store_true", help="wait until the running server exits")
    s.add_argument("--status", action="store_true", help="tell whether a server runs, and its state")
    s.set_defaults(func=cmd_server)
    rg = sub.add_parser("regedit", help="reg.exe and regedit: query, add, delete, copy, export, import (/E, /D)")
    rg.add_argument("--prefix", help="prefix directory (default $WINELIKEPREFIX or ~/.winelike)")
    rg.add_argument("args", nargs=argparse.REMAINDER)
    rg.set_defaults(func=cmd_regedit)
    pf = sub.add_parser("prefix", help="create a prefix (init) with its default registry")
    pf.add_argument("action", choices=["init"])
    pf.add_argument("path", nargs="?", help="prefix directory (default: --prefix, $WINELIKEPREFIX or ~/.winelike)")
    pf.add_argument("--prefix", help=argparse.SUPPRESS)
    pf.set_defaults(func=cmd_prefix)
    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
