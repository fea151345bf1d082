"""Path handling: guest (Windows) paths to host paths, _fullpath, _splitpath, _makepath.

`host_path()` and `full_path()` are the CRT's names for winelike.paths, the path
layer that kernel32 uses too (drives, current directories, devices, sandbox).
"""
from __future__ import annotations

import ntpath
import os

from winelike.abi.types import INT, PTR, SIZE_T, VOID
from winelike.dlls.winapi import proc
from . import dll
from .state import crt, set_errno, EINVAL, ERANGE, ENOENT


def host_path(path: str) -> str | None:
    """Host path for a guest path (None if it names no host file): winelike.paths does the work."""
    from winelike import paths
    return paths.host_path(proc(), path)


def full_path(path: str) -> str:
    """The absolute Windows form of `path`, as GetFullPathName computes it."""
    from winelike import paths
    return paths.full_path(proc(), path)


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


# ---- stat ------------------------------------------------------------------------------

import fnmatch  # noqa: E402
import stat as _hs  # noqa: E402

from winelike.abi.types import LONG  # noqa: E402
from .state import EACCES, EEXIST, ENOTEMPTY, EBADF  # noqa: E402

_S_IFDIR, _S_IFREG, _S_IFCHR, _S_IFIFO = 0x4000, 0x8000, 0x2000, 0x1000
_S_IREAD, _S_IWRITE, _S_IEXEC = 0x100, 0x80, 0x40


def _errno_os(e: OSError) -> int:
    from .lowio import errno_from_os
    return errno_from_os(e)


def win_mode(st, name: str = "") -> int:
    if _hs.S_ISDIR(st.st_mode):
        mode = _S_IFDIR | _S_IEXEC
    elif _hs.S_ISCHR(st.st_mode):
        mode = _S_IFCHR
    elif _hs.S_ISFIFO(st.st_mode):
        mode = _S_IFIFO
    else:
        mode = _S_IFREG
        if name.lower().endswith((".exe", ".com", ".bat", ".cmd")):
            mode |= _S_IEXEC
    if not _hs.S_ISCHR(st.st_mode) and not _hs.S_ISFIFO(st.st_mode):
        mode |= _S_IREAD
        if st.st_mode & 0o200:
            mode |= _S_IWRITE
    else:
        mode |= _S_IREAD | _S_IWRITE
    perm = mode & 0x1C0
    return mode | (perm >> 3) | (perm >> 6)


def write_stat(buf: int, st, name: str, drive: int, size_bits: int, time_bits: int) -> None:
    """msvcrt's struct _stat family: (size, time) widths pick the layout."""
    m = proc().mem
    hdr = bytearray(16)
    hdr[0:4] = drive.to_bytes(4, "little")
    hdr[6:8] = win_mode(st, name).to_bytes(2, "little")
    hdr[8:10] = (1).to_bytes(2, "little")
    rdev = drive.to_bytes(4, "little")
    size = st.st_size if not _hs.S_ISDIR(st.st_mode) else 0
    times = [int(st.st_atime), int(st.st_mtime), int(st.st_ctime)]
    if size_bits == 32:
        body = rdev + (size & 0xFFFFFFFF).to_bytes(4, "little")
    else:
        body = rdev + bytes(4) + size.to_bytes(8, "little")
    if time_bits == 32:
        tail = b"".join((t & 0xFFFFFFFF).to_bytes(4, "little") for t in times)
    else:
        tail = b"".join((t & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "little") for t in times)
    data = bytes(hdr) + body + tail
    if len(data) % (8 if (size_bits == 64 or time_bits == 64) else 4):
        data += bytes(4)
    m.write(buf, data)


def _drive_of(path: str) -> int:
    full = full_path(path)
    c = full[:1].upper()
    return ord(c) - 65 if "A" <= c <= "Z" and full[1:2] == ":" else 0


def stat_path(path: str, buf: int, size_bits: int, time_bits: int) -> int:
    if not path or any(c in path for c in "*?"):
        set_errno(ENOENT)
        return -1
    hp = host_path(path)
    if hp is None:
        set_errno(ENOENT)
        return -1
    if path.endswith(("\\", "/")) and len(path.rstrip("\\/")) > 2 and not os.path.isdir(hp):
        set_errno(ENOENT)
        return -1
    try:
        st = os.stat(hp)
    except OSError as e:
        set_errno(_errno_os(e))
        return -1
    write_stat(buf, st, path, _drive_of(path), size_bits, time_bits)
    return 0


def fstat_fd(fd: int, buf: int, size_bits: int, time_bits: int) -> int:
    from .lowio import fd_info
    info = fd_info(fd)
    if info is None:
        return -1
    if not buf:
        set_errno(EINVAL)
        return -1
    try:
        st = os.fstat(info.host_fd)
    except OSError:
        set_errno(EBADF)
        return -1
    write_stat(buf, st, "", 0 if not _hs.S_ISREG(st.st_mode) else _drive_of(proc().win_cwd), size_bits, time_bits)
    if not _hs.S_ISREG(st.st_mode) and not _hs.S_ISDIR(st.st_mode):
        proc().mem.w32(buf, fd)
        proc().mem.w32(buf + 16, fd)
    return 0


def _a(ptr):
    p = proc()
    return p.mem.cstr(ptr).decode(p.acp, "replace") if ptr else ""


def _w(ptr):
    return proc().mem.wstr(ptr) if ptr else ""


def _tbits():
    return 32 if proc().bits == 32 else 64


@dll.cdecl
def _stat(path: PTR, buf: PTR) -> INT:
    """x86: struct _stat32 (32-bit size and times); x64: _stat64i32 (64-bit times)."""
    return stat_path(_a(path), buf, 32, _tbits())


@dll.cdecl
def _wstat(path: PTR, buf: PTR) -> INT:
    return stat_path(_w(path), buf, 32, _tbits())


@dll.cdecl
def _fstat(fd: INT, buf: PTR) -> INT:
    return fstat_fd(fd, buf, 32, _tbits())


@dll.cdecl
def _stati64(path: PTR, buf: PTR) -> INT:
    return stat_path(_a(path), buf, 64, _tbits())


@dll.cdecl
def _wstati64(path: PTR, buf: PTR) -> INT:
    return stat_path(_w(path), buf, 64, _tbits())


@dll.cdecl
def _fstati64(fd: INT, buf: PTR) -> INT:
    return fstat_fd(fd, buf, 64, _tbits())


@dll.cdecl
def _stat64(path: PTR, buf: PTR) -> INT:
    return stat_path(_a(path), buf, 64, 64)


@dll.cdecl
def _wstat64(path: PTR, buf: PTR) -> INT:
    return stat_path(_w(path), buf, 64, 64)


@dll.cdecl
def _fstat64(fd: INT, buf: PTR) -> INT:
    return fstat_fd(fd, buf, 64, 64)


@dll.cdecl
def _stat32(path: PTR, buf: PTR) -> INT:
    return stat_path(_a(path), buf, 32, 32)


@dll.cdecl
def _fstat32(fd: INT, buf: PTR) -> INT:
    return fstat_fd(fd, buf, 32, 32)


@dll.cdecl
def _stat64i32(path: PTR, buf: PTR) -> INT:
    return stat_path(_a(path), buf, 32, 64)


@dll.cdecl
def _fstat64i32(fd: INT, buf: PTR) -> INT:
    return fstat_fd(fd, buf, 32, 64)


# ---- file system operations ------------------------------------------------------------

def access_path(path: str, mode: int) -> int:
    hp = host_path(path) if path else None
    if mode & ~6:
        set_errno(EINVAL)
        return -1
    if hp is None or not os.path.exists(hp):
        set_errno(ENOENT)
        return -1
    if mode & 2 and not os.path.isdir(hp) and not os.access(hp, os.W_OK):
        set_errno(EACCES)
        return -1
    return 0


@dll.cdecl
def _access(path: PTR, mode: INT) -> INT:
    return access_path(_a(path), mode)


@dll.cdecl
def _waccess(path: PTR, mode: INT) -> INT:
    return access_path(_w(path), mode)


def _fs_op(fn, *paths) -> int:
    hps = [host_path(x) if x else None for x in paths]
    if any(h is None for h in hps):
        set_errno(ENOENT)
        return -1
    try:
        fn(*hps)
    except OSError as e:
        set_errno(_errno_os(e))
        return -1
    return 0


def _unlink_host(hp):
    if os.path.isdir(hp):
        raise PermissionError(13, "is a directory")
    os.unlink(hp)


def _rename_host(a, b):
    if os.path.exists(b):
        raise FileExistsError(17, "exists")
    os.rename(a, b)


def _rmdir_host(hp):
    os.rmdir(hp)


@dll.cdecl
def _mkdir(path: PTR) -> INT:
    return _fs_op(os.mkdir, _a(path))


@dll.cdecl
def _wmkdir(path: PTR) -> INT:
    return _fs_op(os.mkdir, _w(path))


@dll.cdecl
def _rmdir(path: PTR) -> INT:
    return _fs_op(_rmdir_host, _a(path))


@dll.cdecl
def _wrmdir(path: PTR) -> INT:
    return _fs_op(_rmdir_host, _w(path))


@dll.cdecl
def _unlink(path: PTR) -> INT:
    return _fs_op(_unlink_host, _a(path))


@dll.cdecl
def _wunlink(path: PTR) -> INT:
    return _fs_op(_unlink_host, _w(path))


@dll.cdecl
def remove(path: PTR) -> INT:
    return _fs_op(_unlink_host, _a(path))


@dll.cdecl
def _wremove(path: PTR) -> INT:
    return _fs_op(_unlink_host, _w(path))


@dll.cdecl
def rename(old: PTR, new: PTR) -> INT:
    return _fs_op(_rename_host, _a(old), _a(new))


@dll.cdecl
def _wrename(old: PTR, new: PTR) -> INT:
    return _fs_op(_rename_host, _w(old), _w(new))


@dll.cdecl
def _chmod(path: PTR, mode: INT) -> INT:
    def f(hp):
        cur = os.stat(hp).st_mode
        os.chmod(hp, (cur | 0o200) if mode & _S_IWRITE else (cur & ~0o222))
    return _fs_op(f, _a(path))


def chdir_path(path: str) -> int:
    p = proc()
    hp = host_path(path) if path else None
    if hp is None or not os.path.isdir(hp):
        set_errno(ENOENT)
        return -1
    p.cwd = os.path.realpath(hp)
    win = full_path(path)
    p.win_cwd = win.rstrip("\\") if len(win) > 3 else win
    try:
        us = p.params.CurrentDirectory.DosPath
        p._unicode_string(us, p.win_cwd if p.win_cwd.endswith("\\") else p.win_cwd + "\\")
    except Exception:  # noqa: BLE001 - the PEB copy is informational
        pass
    return 0


@dll.cdecl
def _chdir(path: PTR) -> INT:
    return chdir_path(_a(path))


@dll.cdecl
def _wchdir(path: PTR) -> INT:
    return chdir_path(_w(path))


@dll.cdecl
def _getdrive() -> INT:
    c = proc().win_cwd[:1].upper()
    return ord(c) - 64 if "A" <= c <= "Z" else 0


# ---- _findfirst ----------------------------------------------------------------------------

FILE_ATTRIBUTE_READONLY, FILE_ATTRIBUTE_DIRECTORY, FILE_ATTRIBUTE_ARCHIVE = 0x1, 0x10, 0x20


def _find_layout(kind):
    """(time width, size width, name offset, wide) for _finddata32_t / 64i32 / 64."""
    return kind


def _write_find(buf, entry, kind, wide):
    name, st = entry
    tbits, sbits = kind
    attrib = FILE_ATTRIBUTE_DIRECTORY if _hs.S_ISDIR(st.st_mode) else FILE_ATTRIBUTE_ARCHIVE
    if not st.st_mode & 0o200:
        attrib |= FILE_ATTRIBUTE_READONLY
    out = attrib.to_bytes(4, "little")
    times = [int(st.st_ctime), int(st.st_atime), int(st.st_mtime)]
    size = 0 if _hs.S_ISDIR(st.st_mode) else st.st_size
    if tbits == 64:
        out += bytes(4) + b"".join((t & (2 ** 64 - 1)).to_bytes(8, "little") for t in times)
    else:
        out += b"".join((t & 0xFFFFFFFF).to_bytes(4, "little") for t in times)
    if sbits == 64:
        if len(out) % 8:
            out += bytes(4)
        out += size.to_bytes(8, "little")
    else:
        out += (size & 0xFFFFFFFF).to_bytes(4, "little")
    p = proc()
    if wide:
        nm = name.encode("utf-16-le")[:518] + b"\0\0"
    else:
        nm = p.encode_astr(name)[:259] + b"\0"
    p.mem.write(buf, out + nm)


def _find_state():
    s = crt()
    st = s.static.get("finds")
    if st is None:
        st = s.static["finds"] = {"next": 1, "open": {}}
    return st


def findfirst(pattern: str, buf: int, kind, wide: bool) -> int:
    d, _, mask = pattern.replace("/", "\\").rpartition("\\")
    hp = host_path(d + "\\" if d else ".") if d or True else None
    if d == "" :
        hp = proc().cwd
    elif d.endswith(":"):
        hp = host_path(d + "\\")
    else:
        hp = host_path(d)
    if hp is None or not os.path.isdir(hp):
        set_errno(ENOENT)
        return -1
    names = [".", ".."] + sorted(os.listdir(hp)) if len(full_path(d or ".")) > 3 else sorted(os.listdir(hp))
    pat = mask.lower()
    if pat in ("*.*",):
        pat = "*"
    entries = []
    for n in names:
        if fnmatch.fnmatchcase(n.lower(), pat):
            try:
                entries.append((n, os.stat(os.path.join(hp, n))))
            except OSError:
                continue
    if not entries:
        set_errno(ENOENT)
        return -1
    fs = _find_state()
    h = fs["next"]
    fs["next"] += 1
    fs["open"][h] = [entries, 1]
    _write_find(buf, entries[0], kind, wide)
    return h


def findnext(h: int, buf: int, kind, wide: bool) -> int:
    st = _find_state()["open"].get(h)
    if st is None:
        set_errno(EINVAL)
        return -1
    entries, i = st
    if i >= len(entries):
        set_errno(ENOENT)
        return -1
    st[1] = i + 1
    _write_find(buf, entries[i], kind, wide)
    return 0


def _kind():
    return (32, 32) if proc().bits == 32 else (64, 32)


@dll.cdecl
def _findfirst(pattern: PTR, buf: PTR) -> PTR:
    """x86: struct _finddata32_t; x64: _finddata64i32_t (as msvcrt's own _findfirst)."""
    return findfirst(_a(pattern), buf, _kind(), False) & ((1 << proc().bits) - 1)


@dll.cdecl
def _findnext(h: PTR, buf: PTR) -> INT:
    return findnext(h, buf, _kind(), False)


@dll.cdecl
def _wfindfirst(pattern: PTR, buf: PTR) -> PTR:
    return findfirst(_w(pattern), buf, _kind(), True) & ((1 << proc().bits) - 1)


@dll.cdecl
def _wfindnext(h: PTR, buf: PTR) -> INT:
    return findnext(h, buf, _kind(), True)


@dll.cdecl
def _findfirst64(pattern: PTR, buf: PTR) -> PTR:
    return findfirst(_a(pattern), buf, (64, 64), False) & ((1 << proc().bits) - 1)


@dll.cdecl
def _findnext64(h: PTR, buf: PTR) -> INT:
    return findnext(h, buf, (64, 64), False)


@dll.cdecl
def _findfirsti64(pattern: PTR, buf: PTR) -> PTR:
    return findfirst(_a(pattern), buf, (_kind()[0], 64), False) & ((1 << proc().bits) - 1)


@dll.cdecl
def _findnexti64(h: PTR, buf: PTR) -> INT:
    return findnext(h, buf, (_kind()[0], 64), False)


@dll.cdecl
def _findclose(h: PTR) -> INT:
    if _find_state()["open"].pop(h, None) is None:
        set_errno(ENOENT)
        return -1
    return 0
