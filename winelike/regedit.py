"""`winelike regedit`: Windows' reg.exe and regedit command lines, over the prefix's server.

    winelike regedit query KEY [/v NAME | /ve] [/s]
    winelike regedit add KEY [/v NAME | /ve] [/t TYPE] [/s SEP] [/d DATA] [/f]
    winelike regedit delete KEY [/v NAME | /ve | /va] [/f]
    winelike regedit copy KEY1 KEY2 [/s] [/f]
    winelike regedit export KEY FILE [/y]
    winelike regedit import FILE
    winelike regedit /E FILE [KEY]      regedit: export (without KEY: HKLM and HKU)
    winelike regedit [/S] FILE          regedit: import ("-" reads stdin)
    winelike regedit /D KEY             regedit: delete a key and its subkeys

It is a client of the prefix's server like any program (it registers as a process), so
it sees and changes what running programs see.  Output matches Wine 8's reg.exe byte for
byte (CRLF line ends, the console's OEM code page); exports are UTF-16LE with a BOM.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from winelike.server import regfile
from winelike.server.regfile import REG_BINARY, REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_NONE, REG_QWORD, \
    REG_SZ

ROOTS = {
    "HKEY_LOCAL_MACHINE": "Machine", "HKLM": "HKEY_LOCAL_MACHINE",
    "HKEY_CURRENT_USER": "User\\S-1-5-21-0-0-0-1000", "HKCU": "HKEY_CURRENT_USER",
    "HKEY_CLASSES_ROOT": "<classes>", "HKCR": "HKEY_CLASSES_ROOT",        # the server's merged view
    "HKEY_USERS": "User", "HKU": "HKEY_USERS",
    "HKEY_CURRENT_CONFIG": "Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current",
    "HKCC": "HKEY_CURRENT_CONFIG",
}
TYPES = {"REG_NONE": REG_NONE, "REG_SZ": REG_SZ, "REG_EXPAND_SZ": REG_EXPAND_SZ, "REG_BINARY": REG_BINARY,
         "REG_DWORD": REG_DWORD, "REG_DWORD_LITTLE_ENDIAN": REG_DWORD, "REG_DWORD_BIG_ENDIAN": 5,
         "REG_MULTI_SZ": REG_MULTI_SZ, "REG_QWORD": REG_QWORD}
TYPE_NAMES = {REG_NONE: "REG_NONE", REG_SZ: "REG_SZ", REG_EXPAND_SZ: "REG_EXPAND_SZ", REG_BINARY: "REG_BINARY",
              REG_DWORD: "REG_DWORD", 5: "REG_DWORD_BIG_ENDIAN", REG_MULTI_SZ: "REG_MULTI_SZ",
              REG_QWORD: "REG_QWORD"}
MAXIMUM_ALLOWED = 0x02000000
KEY_READ = 0x20019
DELETE = 0x10000
ERROR_FILE_NOT_FOUND = 2
ERROR_NO_MORE_ITEMS = 259
BIG = 0xFFFFFFFF
OK_MSG = "reg: The operation completed successfully\n"


class Fail(Exception):
    """An error message (reg: ...) and exit status 1."""


class Out:
    """reg.exe's console output: CRLF, OEM code page."""

    def __init__(self, stream=None, codepage="cp437"):
        self.stream = stream or sys.stdout.buffer
        self.cp = codepage

    def __call__(self, text: str) -> None:
        self.stream.write(text.replace("\n", "\r\n").encode(self.cp, "replace"))

    def flush(self):
        try:
            self.stream.flush()
        except (OSError, ValueError):
            pass


class Registry:
    """The server's registry through one client connection."""

    def __init__(self, prefix_root: str):
        from winelike.server.client import connect
        self.conn = connect(prefix_root)
        self.conn.new_process(parent=0, inherit_handles=0)

    def call(self, req, **kw):
        try:
            return self.conn.call(req, **kw)
        except ValueError:
            raise Fail("reg: The parameter is incorrect.\n") from None

    def _root(self, path: str):
        """(parent handle, name) for a path from parse_key: HKCR paths are relative to the
        server's merged HKEY_CLASSES_ROOT, the others to \\REGISTRY (parent 0)."""
        root, _, rest = path.partition("\\")
        if root != ROOTS["HKEY_CLASSES_ROOT"]:
            return 0, path
        return self.call("open_classes_root", access=MAXIMUM_ALLOWED).handle, rest

    def open(self, path: str, access=MAXIMUM_ALLOWED):
        parent, name = self._root(path)
        r = self.call("open_key", parent=parent, access=access, options=0, name=name)
        if parent:
            self.close(parent)
        return None if r.error else r.handle

    def create(self, path: str):
        parent, name = self._root(path)
        r = self.call("create_key", parent=parent, access=MAXIMUM_ALLOWED, options=0, name=name, cls="")
        if parent:
            self.close(parent)
        if r.error:
            raise Fail(f"reg: {_win_message(r.error)}\n")
        return r.handle

    def close(self, h):
        self.call("close_handle", handle=h)

    @contextmanager
    def sub(self, h, name, access=KEY_READ):
        """Handle h's subkey `name`, opened for a with block and closed after."""
        s = self.call("open_key", parent=h, access=access, options=0, name=name).handle
        try:
            yield s
        finally:
            self.close(s)

    def values(self, h):
        out = []
        i = 0
        while True:
            r = self.call("enum_value", handle=h, index=i, max=BIG)
            if r.error:
                return out
            out.append((r.name, r.type, r.data))
            i += 1

    def subkeys(self, h):
        out = []
        i = 0
        while True:
            r = self.call("enum_key", handle=h, index=i)
            if r.error:
                return out
            out.append(r.name)
            i += 1

    def value(self, h, name):
        r = self.call("get_key_value", handle=h, max=BIG, name=name)
        return None if r.error else (r.type, r.data)

    def set(self, h, name, t, data):
        if len(data) > 1 << 20:
            raise Fail(f"reg: the value '{name}' is larger than 1 MiB, which winelike does not support\n")
        r = self.call("set_key_value", handle=h, type=t, name=name, data=data)
        if r.error:
            raise Fail(f"reg: {_win_message(r.error)}\n")

    def delete(self, h):
        """Delete key h and its subkeys, depth first: the error of deleting h itself."""
        for name in self.subkeys(h):
            with self.sub(h, name, MAXIMUM_ALLOWED) as s:
                self.delete(s)
        return self.call("delete_key", handle=h).error

    def flush(self):
        h = self.open("")
        if h is not None:
            self.call("flush_key", handle=h)
            self.close(h)


def _win_message(code):
    return {5: "Access is denied.", 2: "Unable to find the specified registry key", 87: "The parameter is incorrect.",
            1021: "Cannot create a stable subkey under a volatile parent key."}.get(code, f"error {code}")


def parse_key(key: str):
    """KEY as typed -> (long name for output, path from \\REGISTRY)."""
    root, _, rest = key.partition("\\")
    up = root.upper()
    long = ROOTS.get(up)
    if long is None:
        raise Fail("reg: Invalid system key\n")
    if not up.startswith("HKEY_"):
        up = long
    rest = rest.rstrip("\\")
    server_path = ROOTS[up] + ("\\" + rest if rest else "")
    return up + ("\\" + rest if rest else ""), server_path


# ---- data as reg.exe shows it -------------------------------------------------------------

def format_data(t: int, data: bytes):
    if t in (REG_SZ, REG_EXPAND_SZ):
        return data[:len(data) & ~1].decode("utf-16-le", "replace").split("\0", 1)[0]
    if t in (REG_NONE, REG_BINARY):
        return data.hex().upper()
    if t in (REG_DWORD, 5):
        return "0x%x" % int.from_bytes(data[:4].ljust(4, b"\0"), "little")
    if t == REG_MULTI_SZ:
        n = len(data) // 2 - 2
        chars = data[:max(n, 0) * 2].decode("utf-16-le", "replace")
        return chars.replace("\0", "\\0")
    return "(null)"


def value_line(name: str, t: int, data) -> str:
    shown = name if name else "(Default)"
    tname = TYPE_NAMES.get(t, "(null)")
    text = "(value not set)" if data is None else format_data(t, data)
    return f"    {shown}    {tname}    {text}\n"


# ---- reg.exe operations ----------------------------------------------------------------

def _options(args, allowed_flags, allowed_values):
    """/x switches -> dict; values for those that take one; raise on anything else."""
    opts = {}
    i = 0
    rest = []
    while i < len(args):
        a = args[i]
        low = a.lower()
        if (low.startswith("/") and "/" not in low[1:]) or (low.startswith("-") and len(low) > 1):
            sw = "/" + low[1:]
            if sw in allowed_values:
                if i + 1 >= len(args) or sw in opts:
                    return None, None
                opts[sw] = args[i + 1]
                i += 2
                continue
            if sw in allowed_flags:
                if sw in opts:
                    return None, None
                opts[sw] = True
                i += 1
                continue
            if sw in ("/reg:32", "/reg:64"):
                i += 1
                continue
            return None, None
        rest.append(a)
        i += 1
    return opts, rest


def _syntax(op):
    return Fail(f'reg: Invalid syntax. Type "REG {op.upper()} /?" for help.\n')


def _ask(out, question: str) -> bool:
    out(question)
    out.flush()
    line = sys.stdin.readline()
    out("\n")
    return line.strip().lower() in ("y", "yes")


def op_query(reg, out, args):
    opts, rest = _options(args, {"/ve", "/s"}, {"/v"})
    if opts is None or len(rest) != 1 or ("/v" in opts and "/ve" in opts):
        raise _syntax("query")
    long, path = parse_key(rest[0])
    h = reg.open(path, KEY_READ)
    if h is None:
        raise Fail("reg: Unable to find the specified registry key\n")
    out("\n")
    recurse = "/s" in opts
    if "/v" in opts or "/ve" in opts:
        name = opts.get("/v", "")
        found = _query_value(reg, out, h, name, long, recurse)
        if recurse:
            out(f"Search complete. Number of matches found: {found}\n")
            return 0
        if found < 0:
            raise Fail("reg: Unable to find the specified registry value\n")
        return 0
    _query_all(reg, out, h, long, recurse, False)
    return 0


def _query_value(reg, out, h, name, long, recurse) -> int:
    v = reg.value(h, name)
    found = 0
    if v is not None:
        out(f"{long}\n")
        out(value_line(name, *v))
        out("\n")
        found = 1
    if not recurse:
        if v is None:
            if name:
                return -1
            out(f"{long}\n")
            out(value_line("", REG_SZ, None))
        return found
    for sub in reg.subkeys(h):
        with reg.sub(h, sub) as s:
            found += _query_value(reg, out, s, name, f"{long}\\{sub}", True)
    return found


def _query_all(reg, out, h, long, recurse, recursing):
    values = reg.values(h)
    if values or recursing:
        out(f"{long}\n")
        for name, t, data in values:
            out(value_line(name, t, data))
        out("\n")
    for sub in reg.subkeys(h):
        if recurse:
            with reg.sub(h, sub) as s:
                _query_all(reg, out, s, f"{long}\\{sub}", True, True)
        else:
            out(f"{long}\\{sub}\n")


def make_data(t: int, data, sep):
    """reg add's /d text -> bytes (Fail with reg.exe's message when it does not convert)."""
    if t in (REG_SZ, REG_EXPAND_SZ, REG_NONE):
        return ((data or "") + "\0").encode("utf-16-le", "surrogatepass")
    if t in (REG_DWORD, 5, REG_QWORD):
        text = data or "0"
        try:
            v = int(text, 16) if text[:2].lower() == "0x" else int(text, 10)
            if text.strip() != text or text.startswith(("+", "-")) or "_" in text:
                raise ValueError
        except ValueError:
            raise Fail("reg: The option [/d] must be followed by a valid numeric value\n") from None
        size = 8 if t == REG_QWORD else 4
        if v >> (8 * size):
            raise Fail("reg: The option [/d] must be followed by a valid numeric value\n")
        return v.to_bytes(size, "big" if t == 5 else "little")
    if t == REG_BINARY:
        text = data or ""
        if len(text) & 1:
            text = "0" + text
        try:
            return bytes.fromhex(text) if all(c in "0123456789abcdefABCDEF" for c in text) else _bad_hex()
        except ValueError:
            _bad_hex()
    if t == REG_MULTI_SZ:
        text = data or ""
        if not text:
            return b"\0\0"
        items = text.split(sep) if sep else text.split("\\0")
        if any(not i for i in items):
            raise Fail("reg: The option [/d] must be followed by a valid string\n")
        return ("\0".join(items) + "\0\0").encode("utf-16-le", "surrogatepass")
    return ((data or "") + "\0").encode("utf-16-le", "surrogatepass")


def _bad_hex():
    raise Fail("reg: The option [/d] must be followed by a valid hexadecimal value\n")


def op_add(reg, out, args):
    opts, rest = _options(args, {"/ve", "/f"}, {"/v", "/t", "/s", "/d"})
    if opts is None or len(rest) != 1 or ("/v" in opts and "/ve" in opts):
        raise _syntax("add")
    long, path = parse_key(rest[0])
    tname = opts.get("/t", "REG_SZ")
    t = TYPES.get(tname.upper())
    if t is None:
        raise Fail(f"reg: Unsupported registry data type [{tname}]\n")
    sep = opts.get("/s")
    if sep is not None and (len(sep) != 1 or t != REG_MULTI_SZ):
        raise _syntax("add")
    data = make_data(t, opts.get("/d"), sep)
    h = reg.create(path)
    try:
        name = opts.get("/v", "")
        if "/f" not in opts and reg.value(h, name) is not None:
            shown = name or "(Default)"
            if not _ask(out, f"The registry value '{shown}' already exists. Do you want to overwrite it? (Yes|No)"):
                raise Fail("reg: The operation was cancelled\n")
        reg.set(h, name, t, data)
    finally:
        reg.close(h)
    out(OK_MSG)
    return 0


def op_delete(reg, out, args):
    opts, rest = _options(args, {"/ve", "/va", "/f"}, {"/v"})
    if opts is None or len(rest) != 1 or sum(k in opts for k in ("/v", "/ve", "/va")) > 1:
        raise _syntax("delete")
    long, path = parse_key(rest[0])
    if "\\" not in long:
        raise Fail("reg: Invalid key name\n")
    h = reg.open(path)
    if h is None:
        raise Fail("reg: Unable to find the specified registry key\n")
    try:
        force = "/f" in opts
        if "/v" in opts or "/ve" in opts:
            name = opts.get("/v", "")
            if not force and not _ask(out, f"Are you sure you want to delete the registry value "
                                           f"'{name or '(Default)'}'? (Yes|No)"):
                raise Fail("reg: The operation was cancelled\n")
            r = reg.call("delete_value", handle=h, name=name)
            if r.error:
                raise Fail("reg: Unable to find the specified registry value\n")
        elif "/va" in opts:
            if not force and not _ask(out, f"Are you sure you want to delete all registry values in the registry key "
                                           f"'{long}'? (Yes|No)"):
                raise Fail("reg: The operation was cancelled\n")
            for name, _, _ in reg.values(h):
                reg.call("delete_value", handle=h, name=name)
        else:
            if not force and not _ask(out, f"Are you sure you want to delete the registry key '{long}'? (Yes|No)"):
                raise Fail("reg: The operation was cancelled\n")
            err = reg.delete(h)
            if err:
                raise Fail(f"reg: {_win_message(err)}\n")
    finally:
        reg.close(h)
    out(OK_MSG)
    return 0


def _copy(reg, src, dst, recurse):
    for name, t, data in reg.values(src):
        reg.set(dst, name, t, data)
    if recurse:
        for sub in reg.subkeys(src):
            with reg.sub(src, sub) as s:
                d = reg.call("create_key", parent=dst, access=MAXIMUM_ALLOWED, options=0, name=sub, cls="").handle
                try:
                    _copy(reg, s, d, True)
                finally:
                    reg.close(d)


def op_copy(reg, out, args):
    opts, rest = _options(args, {"/s", "/f"}, set())
    if opts is None or len(rest) != 2:
        raise _syntax("copy")
    long1, path1 = parse_key(rest[0])
    long2, path2 = parse_key(rest[1])
    if path1.lower() == path2.lower():
        raise Fail("reg: The source and destination keys cannot be the same\n")
    src = reg.open(path1, KEY_READ)
    if src is None:
        raise Fail("reg: Unable to find the specified registry key\n")
    try:
        exists = reg.open(path2)
        if exists is not None:
            reg.close(exists)
            if "/f" not in opts and not _ask(out, f"Overwrite the registry key '{long2}'? (Yes|No)"):
                raise Fail("reg: The operation was cancelled\n")
        dst = reg.create(path2)
        try:
            _copy(reg, src, dst, "/s" in opts)
        finally:
            reg.close(dst)
    finally:
        reg.close(src)
    return 0


def export_keys(reg, long, path):
    """[(full name, values)] for the key and its subkeys, depth first, as reg export orders them."""
    h = reg.open(path, KEY_READ)
    if h is None:
        raise Fail("reg: Unable to find the specified registry key\n")
    out = []

    def walk(h, name):
        out.append((name, reg.values(h)))
        for sub in reg.subkeys(h):
            with reg.sub(h, sub) as s:
                walk(s, f"{name}\\{sub}")
    try:
        walk(h, long)
    finally:
        reg.close(h)
    return out


def op_export(reg, out, args):
    opts, rest = _options(args, {"/y"}, set())
    if opts is None or len(rest) != 2:
        raise _syntax("export")
    long, path = parse_key(rest[0])
    keys = export_keys(reg, long, path)
    target = rest[1]
    if os.path.exists(target) and "/y" not in opts:
        if not _ask(out, f"The file '{target}' already exists. Do you want to overwrite it? (Yes|No)"):
            raise Fail("reg: The operation was cancelled\n")
    _write(target, regfile.export_regedit(keys))
    return 0


def _write(target, data):
    if target == "-":
        sys.stdout.buffer.write(data)
        return
    try:
        with open(target, "wb") as f:
            f.write(data)
    except OSError as e:
        raise Fail(f"reg: Unable to write the file '{target}': {e.strerror}\n") from None


def import_file(reg, raw: bytes):
    text, wide = regfile.decode_import(raw), raw.startswith(b"\xff\xfe")
    ops, errors = regfile.parse_regedit(text, wide)
    h = None
    try:
        for op in ops:
            if op[0] in ("key", "delete_key"):
                if h is not None:
                    reg.close(h)
                    h = None
                try:
                    _, path = parse_key(op[1])
                except Fail:
                    continue
                if op[0] == "key":
                    try:
                        h = reg.create(path)
                    except Fail:
                        h = None
                else:
                    d = reg.open(path)
                    if d is not None:
                        reg.delete(d)
                        reg.close(d)
            elif h is not None:
                if op[0] == "value":
                    reg.set(h, op[1], op[2], op[3])
                else:
                    reg.call("delete_value", handle=h, name=op[1])
    finally:
        if h is not None:
            reg.close(h)
    return errors


def op_import(reg, out, args):
    opts, rest = _options(args, set(), set())
    if opts is None or len(rest) != 1:
        raise _syntax("import")
    try:
        with open(rest[0], "rb") as f:
            raw = f.read()
    except OSError:
        raise Fail(f"reg: The file '{rest[0]}' was not found.\n") from None
    for line, msg in import_file(reg, raw):
        sys.stderr.write(f"reg: {rest[0]}:{line}: {msg}\n")
    return 0


OPS = {"query": op_query, "add": op_add, "delete": op_delete, "copy": op_copy, "export": op_export,
       "import": op_import}


# ---- regedit's switches -------------------------------------------------------------------

def regedit(reg, out, args):
    i = 0
    action = "import"
    files = []
    while i < len(args):
        a = args[i]
        low = a.lower()
        if low in ("/s", "-s", "/v", "-v", "/c", "-c", "/m", "-m") or low.startswith(("/l:", "/r:", "-l:", "-r:")):
            i += 1
            continue
        if low in ("/e", "-e"):
            action = "export"
        elif low in ("/d", "-d"):
            action = "delete"
        elif low in ("/?", "-?"):
            out("Usage: winelike regedit [/S] FILE | /E FILE [KEY] | /D KEY\n")
            return 0
        else:
            files.append(a)
        i += 1
    if action == "export":
        if not files or len(files) > 2:
            raise Fail("regedit: No file name was specified.\n")
        if len(files) == 2:
            long, path = parse_key(files[1])
            keys = export_keys(reg, long, path)
        else:
            keys = export_keys(reg, "HKEY_LOCAL_MACHINE", "Machine") + export_keys(reg, "HKEY_USERS", "User")
        _write(files[0], regfile.export_regedit(keys))
        return 0
    if action == "delete":
        if len(files) != 1:
            raise Fail("regedit: No registry key was specified for removal.\n")
        long, path = parse_key(files[0])
        h = reg.open(path)
        if h is None:
            raise Fail(f"regedit: Unable to delete the registry key '{files[0]}'.\n")
        try:
            reg.delete(h)
        finally:
            reg.close(h)
        return 0
    if not files:
        raise Fail("regedit: No file name was specified.\n")
    for name in files:
        try:
            if name == "-":
                raw = sys.stdin.buffer.read()
            else:
                with open(name, "rb") as f:
                    raw = f.read()
        except OSError:
            raise Fail(f"regedit: Unable to open the file '{name}'.\n") from None
        for line, msg in import_file(reg, raw):
            sys.stderr.write(f"regedit: {name}:{line}: {msg}\n")
    return 0


def main(prefix_root: str, args: list, out: Out | None = None) -> int:
    out = out or Out()
    if not args:
        out('reg: Invalid syntax. Type "REG /?" for help.\n')
        out.flush()
        return 1
    op = OPS.get(args[0].lower())
    try:
        reg = Registry(prefix_root)
        try:
            if op is not None:
                status = op(reg, out, args[1:])
            else:
                status = regedit(reg, out, args)
        finally:
            reg.conn.close()
    except Fail as e:
        out(str(e))
        status = 1
    out.flush()
    return status
