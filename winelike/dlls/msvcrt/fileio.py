"""Path handling: guest (Windows) paths to host paths, _fullpath, _splitpath, _makepath.

`host_path()` is the small helper the CRT's file functions use until the full
file API lands: drive paths go through the prefix's dosdevices, relative paths
are resolved against the process's current directory (proc().cwd, a host path).
"""
from __future__ import annotations

import ntpath
import os

from winelike.abi.types import INT, PTR, SIZE_T, VOID
from winelike.dlls.winapi import proc
from . import dll
from .state import set_errno, EINVAL, ERANGE, ENOENT


def host_path(path: str) -> str | None:
    """Host path for a guest path (None if its drive is not mapped)."""
    p = proc()
    if len(path) >= 2 and path[1] == ":" or path.startswith("\\\\?\\"):
        return p.prefix.dos_to_unix(path)
    if path.startswith(("\\", "/")):
        return p.prefix.dos_to_unix(p.win_cwd[:2] + path)
    return os.path.join(p.cwd, path.replace("\\", "/"))


def full_path(path: str) -> str:
    """The absolute Windows form of `path`, as GetFullPathName computes it."""
    p = proc()
    cwd = p.win_cwd.rstrip("\\") + "\\"
    path = path.replace("/", "\\")
    if len(path) >= 2 and path[1] == ":":
        if len(path) == 2 or path[2] != "\\":
            path = path[:2] + "\\" + path[2:] if path[:1].upper() != cwd[:1].upper() else cwd + path[2:]
    elif path.startswith("\\\\"):
        pass
    elif path.startswith("\\"):
        path = cwd[:2] + path
    else:
        path = cwd + path
    trailing = path.endswith("\\") and len(path) > 3
    head, rest = path[:2], path[2:]
    if head == "\\\\":
        parts = rest.split("\\")
        head = "\\\\" + "\\".join(parts[:2])
        rest = "\\" + "\\".join(parts[2:])
    out = []
    for part in rest.split("\\"):
        if part in ("", "."):
            continue
        if part == "..":
            if out:
                out.pop()
            continue
        out.append(part.rstrip(". ") or part)
    return head + "\\" + "\\".join(out) + ("\\" if trailing and out else "")


@dll.cdecl
def _fullpath(buf: PTR, path: PTR, size: SIZE_T) -> PTR:
    p = proc()
    rel = p.mem.cstr(path).decode(p.acp, "replace") if path else ""
    full = full_path(rel) if rel else p.win_cwd
    data = p.encode_astr(full) + b"\0"
    if not buf:
        buf = p.heap_alloc(max(len(data), 260))
    elif len(data) > size:
        set_errno(ERANGE)
        return 0
    p.mem.write(buf, data)
    return buf


@dll.cdecl
def _wfullpath(buf: PTR, path: PTR, size: SIZE_T) -> PTR:
    p = proc()
    rel = p.mem.wstr(path) if path else ""
    full = full_path(rel) if rel else p.win_cwd
    data = full.encode("utf-16-le") + b"\0\0"
    if not buf:
        buf = p.heap_alloc(max(len(data), 520))
    elif len(data) // 2 > size:
        set_errno(ERANGE)
        return 0
    p.mem.write(buf, data)
    return buf


def split_path(s: str):
    drive = ""
    if len(s) >= 2 and s[1] == ":":
        drive, s = s[:2], s[2:]
    cut = max(s.rfind("\\"), s.rfind("/")) + 1
    d, name = s[:cut], s[cut:]
    dot = name.rfind(".")
    if dot >= 0:
        name, ext = name[:dot], name[dot:]
    else:
        ext = ""
    return drive, d, name, ext


def _write_parts(parts, ptrs, wide):
    p = proc()
    for text, ptr in zip(parts, ptrs):
        if ptr:
            if wide:
                p.mem.write(ptr, text.encode("utf-16-le") + b"\0\0")
            else:
                p.mem.write(ptr, p.encode_astr(text) + b"\0")


@dll.cdecl
def _splitpath(path: PTR, drive: PTR, dir: PTR, fname: PTR, ext: PTR) -> VOID:
    p = proc()
    _write_parts(split_path(p.mem.cstr(path).decode(p.acp, "replace")), (drive, dir, fname, ext), False)


@dll.cdecl
def _wsplitpath(path: PTR, drive: PTR, dir: PTR, fname: PTR, ext: PTR) -> VOID:
    _write_parts(split_path(proc().mem.wstr(path)), (drive, dir, fname, ext), True)


def make_path(drive, d, name, ext) -> str:
    out = ""
    if drive:
        out += drive[0] + ":"
    if d:
        out += d
        if d[-1] not in "\\/":
            out += "\\"
    if name:
        out += name
    if ext:
        if ext[0] != ".":
            out += "."
        out += ext
    return out


@dll.cdecl
def _makepath(buf: PTR, drive: PTR, dir: PTR, fname: PTR, ext: PTR) -> VOID:
    p = proc()
    parts = [p.mem.cstr(x).decode(p.acp, "replace") if x else "" for x in (drive, dir, fname, ext)]
    p.mem.write(buf, p.encode_astr(make_path(*parts)) + b"\0")


@dll.cdecl
def _wmakepath(buf: PTR, drive: PTR, dir: PTR, fname: PTR, ext: PTR) -> VOID:
    p = proc()
    parts = [p.mem.wstr(x) if x else "" for x in (drive, dir, fname, ext)]
    p.mem.write(buf, make_path(*parts).encode("utf-16-le") + b"\0\0")


@dll.cdecl
def _getcwd(buf: PTR, size: INT) -> PTR:
    p = proc()
    data = p.encode_astr(p.win_cwd.rstrip("\\") if len(p.win_cwd) > 3 else p.win_cwd) + b"\0"
    if not buf:
        buf = p.heap_alloc(max(len(data), size))
    elif len(data) > size:
        set_errno(ERANGE)
        return 0
    p.mem.write(buf, data)
    return buf


@dll.cdecl
def _wgetcwd(buf: PTR, size: INT) -> PTR:
    p = proc()
    data = (p.win_cwd.rstrip("\\") if len(p.win_cwd) > 3 else p.win_cwd).encode("utf-16-le") + b"\0\0"
    if not buf:
        buf = p.heap_alloc(max(len(data), 2 * size))
    elif len(data) // 2 > size:
        set_errno(ERANGE)
        return 0
    p.mem.write(buf, data)
    return buf
