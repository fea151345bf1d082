"""Registry text formats: Wine's prefix files (system.reg, user.reg, userdef.reg) and
regedit's export files ("Windows Registry Editor Version 5.00", REGEDIT4).

Both directions, no I/O: `parse_wine(text)` -> sections and the lines it could not
read; `dump_wine(root, relative_to, arch)` -> the text Wine's server writes for a key
tree; `parse_regedit(text)` -> import operations; `export_regedit(...)` -> the text of
`reg export` / `regedit /E`.  The output matches Wine 8 byte for byte (see
tests/registry/data, captured from Wine).

Keys handed to dump_wine need: name, cls, modif (FILETIME), volatile, link,
sorted_subkeys() and sorted_values() -> [(name, type, data bytes)].
"""
from __future__ import annotations

import re

REG_NONE, REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD = 0, 1, 2, 3, 4
REG_DWORD_BIG_ENDIAN, REG_LINK, REG_MULTI_SZ, REG_QWORD = 5, 6, 7, 11
FILETIME_UNIX_EPOCH = 116444736000000000
TICKS_PER_SEC = 10_000_000
WINE_HEADER = "WINE REGISTRY Version 2"

_ESCAPES = {7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 27: "e"}
_UNESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, "e": 27}
_HEXDIGITS = frozenset("0123456789abcdefABCDEF")


class Section:
    """One [key] of a Wine registry file."""
    __slots__ = ("path", "modif", "cls", "link", "values", "line")

    def __init__(self, path, modif, line):
        self.path = path                # [component, ...] relative to the file's root
        self.modif = modif              # FILETIME, or None when the file gives none
        self.cls = None
        self.link = False
        self.values: list = []          # (name, type, data)
        self.line = line


# ---- Wine's string escaping (server/unicode.c dump_strW and its parser) --------------

def escape_wine(s: str, quote: str) -> str:
    """s as Wine writes it: `quote` (the two characters that need a backslash) and
    backslash escaped, controls as C or octal escapes, > 127 as \\x escapes."""
    out = []
    n = len(s)
    for i, ch in enumerate(s):
        c = ord(ch)
        if c > 127:
            nxt = s[i + 1] if i + 1 < n else ""
            if nxt and ord(nxt) < 128 and nxt in _HEXDIGITS:
                out.append(f"\\x{c:04x}")
            else:
                out.append(f"\\x{c:x}")
        elif c < 32:
            e = _ESCAPES.get(c)
            if e:
                out.append("\\" + e)
            elif i + 1 < n and "0" <= s[i + 1] <= "7":
                out.append(f"\\{c:03o}")
            else:
                out.append(f"\\{c:o}")
        else:
            if ch == "\\" or ch in quote:
                out.append("\\")
            out.append(ch)
    return "".join(out)


def _unescape_wine(text: str, pos: int, end: str):
    """Parse an escaped string from text[pos:] up to the unescaped `end` character.
    Returns (string, index after the end character) or raises ValueError."""
    out = []
    n = len(text)
    i = pos
    while i < n:
        ch = text[i]
        if ch == end:
            return "".join(out), i + 1
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        i += 1
        if i >= n:
            break
        ch = text[i]
        if ch == "x":
            j = i + 1
            while j < n and j < i + 5 and text[j] in _HEXDIGITS:
                j += 1
            if j == i + 1:
                out.append("x")
                i += 1
                continue
            out.append(chr(int(text[i + 1:j], 16)))
            i = j
        elif "0" <= ch <= "7":
            j = i
            while j < n and j < i + 3 and "0" <= text[j] <= "7":
                j += 1
            out.append(chr(int(text[i:j], 8)))
            i = j
        elif ch in _UNESCAPES:
            out.append(chr(_UNESCAPES[ch]))
            i += 1
        else:
            out.append(ch)
            i += 1
    raise ValueError("unterminated string")


def split_key_path(path: str) -> list:
    return [p for p in path.split("\\") if p]


# ---- Wine prefix files ------------------------------------------------------------------

def _parse_hex_bytes(s: str) -> bytes:
    s = s.strip().rstrip(",")
    if not s:
        return b""
    return bytes(int(b, 16) for b in s.replace(" ", "").split(","))


def _str_data(s: str) -> bytes:
    return s.encode("utf-16-le", "surrogatepass") + b"\0\0"


def parse_value(rest: str):
    """The data part of a value line (after `=`) -> (type, bytes); ValueError if malformed."""
    if rest.startswith('"'):
        s, end = _unescape_wine(rest, 1, '"')
        return REG_SZ, _str_data(s)
    if rest.startswith("str:"):
        s, end = _unescape_wine(rest, 5, '"')
        return REG_SZ, _str_data(s)
    m = re.match(r"str\(([0-9a-fA-F]+)\):\"", rest)
    if m:
        s, end = _unescape_wine(rest, m.end(), '"')
        return int(m.group(1), 16), _str_data(s)
    if rest.startswith("dword:"):
        v = rest[6:].strip()
        if not re.fullmatch(r"[0-9a-fA-F]{1,8}", v):
            raise ValueError("bad dword")
        return REG_DWORD, int(v, 16).to_bytes(4, "little")
    m = re.match(r"hex(?:\(([0-9a-fA-F]+)\))?:", rest)
    if m:
        t = int(m.group(1), 16) if m.group(1) is not None else REG_BINARY
        return t, _parse_hex_bytes(rest[m.end():])
    raise ValueError("unknown value type")


def parse_wine(text: str):
    """A Wine registry file -> (sections, errors, arch); errors are (line number, message).

    Parsing goes on past a bad line (the value or key is dropped, the rest kept).
    """
    sections: list = []
    errors: list = []
    arch = None
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != WINE_HEADER:
        errors.append((1, "not a Wine registry file (bad header)"))
        return sections, errors, arch
    cur = None
    i = 1
    n = len(lines)
    while i < n:
        lineno = i + 1
        line = lines[i].rstrip("\r")
        i += 1
        # continuation lines (hex lists)
        while line.endswith("\\") and i < n and not line.startswith("["):
            line = line[:-1] + lines[i].rstrip("\r").lstrip()
            i += 1
        if not line or line.startswith(";"):
            continue
        if line.startswith("#"):
            if line.startswith("#arch="):
                arch = line[6:]
            elif cur is None:
                pass
            elif line.startswith("#time="):
                try:
                    cur.modif = int(line[6:], 16)
                except ValueError:
                    errors.append((lineno, "bad #time"))
            elif line.startswith("#class="):
                try:
                    cur.cls, _ = _unescape_wine(line, 8, '"')
                except ValueError:
                    errors.append((lineno, "bad #class"))
            elif line == "#link":
                cur.link = True
            continue
        if line.startswith("["):
            try:
                name, end = _unescape_wine(line, 1, "]")
            except ValueError:
                errors.append((lineno, "unterminated key name"))
                cur = None
                continue
            modif = None
            tail = line[end:].strip()
            if tail:
                try:
                    modif = int(tail) * TICKS_PER_SEC + FILETIME_UNIX_EPOCH
                except ValueError:
                    pass
            # the key name escapes backslashes: "a\\b" is the path a\b
            cur = Section(split_key_path(name), modif, lineno)
            sections.append(cur)
            continue
        if cur is None:
            errors.append((lineno, "value outside of a key"))
            continue
        try:
            if line.startswith("@="):
                vname, rest = "", line[2:]
            elif line.startswith('"'):
                vname, end = _unescape_wine(line, 1, '"')
                if line[end:end + 1] != "=":
                    raise ValueError("missing '='")
                rest = line[end + 1:]
            else:
                raise ValueError("unrecognised line")
            t, data = parse_value(rest)
        except ValueError as e:
            errors.append((lineno, str(e)))
            continue
        cur.values.append((vname, t, data))
    return sections, errors, arch


def _wine_value_line(name: str, t: int, data: bytes) -> str:
    if name:
        head = '"' + escape_wine(name, '""') + '"='
    else:
        head = "@="
    if t in (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ) and len(data) >= 2 and not len(data) & 1 \
            and data[-2:] == b"\0\0":
        s = data[:-2].decode("utf-16-le", "surrogatepass")
        pre = "" if t == REG_SZ else f"str({t:x}):"
        return f'{head}{pre}"{escape_wine(s, chr(34) * 2)}"\n'
    if t == REG_DWORD and len(data) == 4:
        return f"{head}dword:{int.from_bytes(data, 'little'):08x}\n"
    out = [head]
    count = len(head)
    tag = "hex:" if t == REG_BINARY else f"hex({t:x}):"
    out.append(tag)
    count += len(tag)
    last = len(data) - 1
    for i, b in enumerate(data):
        out.append(f"{b:02x}")
        count += 2
        if i < last:
            out.append(",")
            count += 1
            if count > 76:
                out.append("\\\n  ")
                count = 2
    out.append("\n")
    return "".join(out)


def dump_wine(root, relative_to: str, arch: str = "win64") -> str:
    """The file Wine's server writes for the tree under `root` (volatile keys left out)."""
    out = [f"{WINE_HEADER}\n;; All keys relative to {relative_to}\n"]
    if arch:
        out.append(f"\n#arch={arch}\n")

    def walk(key, path):
        if key.volatile:
            return
        subkeys = key.sorted_subkeys()
        values = key.sorted_values()
        if values or not subkeys or key.cls is not None or key.link:
            modif = key.modif
            secs = (modif - FILETIME_UNIX_EPOCH) // TICKS_PER_SEC & 0xFFFFFFFF
            out.append(f"\n[{path}] {secs}\n#time={modif >> 32:x}{modif & 0xFFFFFFFF:08x}\n")
            if key.cls is not None:
                out.append(f'#class="{escape_wine(key.cls, chr(34) * 2)}"\n')
            if key.link:
                out.append("#link\n")
            for name, t, data in values:
                out.append(_wine_value_line(name, t, data))
        for sub in subkeys:
            name = escape_wine(sub.name, "[]")
            walk(sub, name if not path else path + "\\\\" + name)

    walk(root, "")
    return "".join(out)


def wine_path(components) -> str:
    """REGISTRY\\User\\... as the header line writes it."""
    return "\\\\".join(escape_wine(c, "[]") for c in components)


# ---- regedit export files ---------------------------------------------------------------

REGEDIT5 = "Windows Registry Editor Version 5.00"
MAX_HEX_CHARS = 77


def _escape_export(s: str) -> str:
    s = s.split("\0", 1)[0]
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r").replace("\n", "\\n")


def export_value(name: str, t: int, data: bytes) -> str:
    """One value line (with its CRLF) as reg.exe and regedit export it."""
    head = f'"{_escape_export(name)}"=' if name else "@="
    if t == REG_SZ:
        n = len(data) // 2 - 1 if data else 0
        s = data[:max(n, 0) * 2].decode("utf-16-le", "replace")
        return f'{head}"{_escape_export(s)}"\r\n'
    if t == REG_DWORD and data:
        dw = int.from_bytes(data[:4].ljust(4, b"\0"), "little")
        return f"{head}dword:{dw:08x}\r\n"
    tag = "hex:" if t == REG_BINARY else f"hex({t:x}):"
    out = [head, tag]
    line_len = len(head) + len(tag)
    last = len(data) - 1
    for i, b in enumerate(data):
        out.append(f"{b:02x}")
        if i == last:
            break
        out.append(",")
        line_len += 3
        if line_len >= MAX_HEX_CHARS:
            out.append("\\\r\n  ")
            line_len = 2
    out.append("\r\n")
    return "".join(out)


def export_regedit(keys) -> bytes:
    """keys: iterable of (full key name, [(name, type, data)]) in output order -> the file bytes."""
    parts = [REGEDIT5, "\r\n"]
    for path, values in keys:
        parts.append(f"\r\n[{path}]\r\n")
        for name, t, data in values:
            parts.append(export_value(name, t, data))
    parts.append("\r\n")
    return b"\xff\xfe" + "".join(parts).encode("utf-16-le", "surrogatepass")


def decode_import(raw: bytes) -> str:
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le", "replace")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def _unescape_import(text: str, pos: int):
    """A "quoted" string in an import file (\\\\, \\", \\n, \\r, \\0 escapes)."""
    out = []
    i = pos
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            return "".join(out), i + 1
        if ch == "\\" and i + 1 < n:
            nxt = text[i + 1]
            out.append({"n": "\n", "r": "\r", "0": "\0"}.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    raise ValueError("unterminated string")


def parse_regedit(text: str, wide: bool = True):
    """An import file -> (ops, errors).  ops: ("key", path), ("delete_key", path),
    ("value", name, type, data), ("delete_value", name).  `wide`: the file was UTF-16;
    in an 8-bit file (REGEDIT4, or a v5 header without a BOM, as Wine decides) the
    hex(2)/hex(7) bytes are ANSI characters, widened to UTF-16."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ops: list = []
    errors: list = []
    header = lines[0].strip() if lines else ""
    if header == REGEDIT5:
        v4 = False
    elif header == "REGEDIT4":
        v4 = True
    elif header.startswith("REGEDIT"):
        return ops, errors
    else:
        errors.append((1, "not a registry script (unknown header)"))
        return ops, errors
    i = 1
    n = len(lines)
    in_key = False
    while i < n:
        lineno = i + 1
        line = lines[i].strip()
        i += 1
        while line.endswith("\\") and i < n:
            line = line[:-1] + lines[i].strip()
            i += 1
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        if line.startswith("["):
            end = line.rfind("]")
            if end < 0:
                errors.append((lineno, "missing ']'"))
                in_key = False
                continue
            path = line[1:end]
            if path.startswith("-"):
                ops.append(("delete_key", path[1:]))
                in_key = False
            else:
                ops.append(("key", path))
                in_key = True
            continue
        if not in_key:
            continue
        try:
            if line.startswith("@="):
                name, rest = "", line[2:]
            elif line.startswith('"'):
                name, end = _unescape_import(line, 1)
                rest = line[end:].lstrip()
                if not rest.startswith("="):
                    raise ValueError("missing '='")
                rest = rest[1:].lstrip()
            else:
                raise ValueError("unrecognised line")
            if rest == "-":
                ops.append(("delete_value", name))
                continue
            if rest.startswith('"'):
                s, _ = _unescape_import(rest, 1)
                ops.append(("value", name, REG_SZ, _str_data(s)))
            elif rest.startswith("dword:"):
                v = rest[6:].strip()
                if not re.fullmatch(r"[0-9a-fA-F]{1,8}", v):
                    raise ValueError("bad dword")
                ops.append(("value", name, REG_DWORD, int(v, 16).to_bytes(4, "little")))
            else:
                m = re.match(r"hex(?:\(([0-9a-fA-F]+)\))?:", rest)
                if not m:
                    raise ValueError("unknown value type")
                t = int(m.group(1), 16) if m.group(1) is not None else REG_BINARY
                data = _parse_hex_bytes(rest[m.end():])
                if (v4 or not wide) and t in (REG_EXPAND_SZ, REG_MULTI_SZ):
                    data = data.decode("cp1252", "replace").encode("utf-16-le")
                ops.append(("value", name, t, data))
        except ValueError as e:
            errors.append((lineno, str(e)))
    return ops, errors
