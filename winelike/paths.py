"""DOS paths to host paths: the one place that turns what a Windows program names into a host file.

Two steps, as in Windows and Wine:

1. `full_path_name()` is GetFullPathName (ntdll's RtlGetFullPathName_U): classify the name
   (drive-absolute, drive-relative, rooted, relative, UNC, `\\\\.\\` / `\\\\?\\` device paths),
   prepend the current directory (for another drive, the "=X:" environment variable holds
   that drive's directory, as cmd.exe and the CRT keep it), then collapse `.`, `..`, doubled
   separators, one trailing dot per directory and all trailing dots and spaces of the name.
   DOS device names (NUL, CON, AUX, PRN, COM1-9, LPT1-9, CONIN$, CONOUT$, also with an
   extension or in any directory: "C:\\x\\nul.txt") become `\\\\.\\NAME`.  The expected values
   of tests/pe_samples/src/file_paths_table.h were captured from Wine 8 and agree.
2. `resolve()` maps the full path onto the prefix's drives (dosdevices/x: links) with a
   case-insensitive lookup of each component.  `\\\\?\\` names skip step 1 (so "." and ".."
   in them are invalid names, as on Windows); UNC names are refused with
   ERROR_PATH_NOT_FOUND, as Wine does without a network redirector.

Case-insensitive lookup: the exact spelling is tried first (one lstat for the whole path);
only a miss lists the directory.  Listings are cached per directory and keyed on the
directory's (st_mtime_ns, st_ino, st_size), so a file created, renamed or removed by anyone
(this process, another one, the host) invalidates the entry at the next lookup.  Because
mtimes come from a coarse clock, a listing taken within 50 ms of the directory's last change
is not kept (two changes in one tick would leave the key unchanged).

Sandbox (`winelike run --sandbox`, environment WINELIKE_SANDBOX=1, inherited by child
processes): only drive C: exists, and every resolved path, after following symlinks, must
stay inside drive_c; anything else fails with ERROR_ACCESS_DENIED (or the usual not-found
errors for names that cannot be expressed).  The check happens at resolution time: a symlink
swapped in between the check and the open is not caught (the guest itself cannot create
symlinks: no CreateSymbolicLink).
"""
from __future__ import annotations

import os
import re
import time

ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND, ERROR_ACCESS_DENIED = 2, 3, 5
ERROR_INVALID_NAME = 123

# RtlDetermineDosPathNameType_U's classes
INVALID, UNC, DRIVE_ABSOLUTE, DRIVE_RELATIVE, ROOTED, RELATIVE, DEVICE, UNC_DOT = range(8)

_SEP = "\\/"
# Characters no component may hold (_BAD_CHAR): after GetFullPathName no "/" is left, so one in
# a component (a \\?\ name) is not a separator; ":" would name an NTFS stream.


class PathError(Exception):
    """A name that cannot be resolved; `error` is the Windows error code to report."""

    def __init__(self, error: int):
        super().__init__(error)
        self.error = error


_sandbox: bool | None = None


def sandboxed() -> bool:
    """WINELIKE_SANDBOX=1 in the environment (read once: the sandbox is for the process's life)."""
    global _sandbox
    if _sandbox is None:
        _sandbox = os.environ.get("WINELIKE_SANDBOX") == "1"
    return _sandbox


def path_type(name: str) -> int:
    if not name:
        return RELATIVE
    if name[0] in _SEP:
        if len(name) < 2 or name[1] not in _SEP:
            return ROOTED
        if len(name) < 3 or name[2] not in ".?":
            return UNC
        if len(name) > 3 and name[3] in _SEP:
            return DEVICE
        if len(name) > 3:
            return UNC
        return UNC_DOT
    if len(name) < 2 or name[1] != ":":
        return RELATIVE
    if len(name) > 2 and name[2] in _SEP:
        return DRIVE_ABSOLUTE
    return DRIVE_RELATIVE


def dos_device(name: str) -> tuple[int, int] | None:
    """(offset, length) of a DOS device name inside `name`, or None (RtlIsDosDeviceName_U)."""
    t = path_type(name)
    if t in (UNC, INVALID):
        return None
    if t == DEVICE:
        return (4, 3) if name[4:].upper() == "CON" else None
    start = max(2 if t in (DRIVE_ABSOLUTE, DRIVE_RELATIVE) else 0, name.rfind("\\") + 1, name.rfind("/") + 1)
    end = len(name)
    for stop in ".:":
        i = name.find(stop, start)
        if 0 <= i < end:
            end = i
    while end > start and name[end - 1] == " ":
        end -= 1
    if end - start not in (3, 4, 6, 7):
        return None
    word = name[start:end].upper()
    if word in ("AUX", "CON", "NUL", "PRN", "CONIN$", "CONOUT$"):
        return start, end - start
    if len(word) == 4 and word[:3] in ("COM", "LPT") and "1" <= word[3] <= "9":
        return start, 4
    return None


def _skip_unc(path: str) -> int:
    """Index just past \\\\server\\share\\ (the part that .. cannot climb out of)."""
    i, n = 2, len(path)
    for _ in range(2):
        while i < n and path[i] not in _SEP:
            i += 1
        while i < n and path[i] in _SEP:
            i += 1
    return i


def collapse(path: str, mark: int) -> str:
    """Remove ., .. and doubled separators after `mark`, and the dots and spaces Windows drops."""
    if "/" not in path and ".\\" not in path and "\\." not in path and "\\\\" not in path[max(1, mark):] \
            and path[-1:] not in (".", " "):
        return path                                # nothing to collapse (the common case)
    s = list(path.replace("/", "\\"))
    start = max(1, mark)
    out = s[:start]
    for c in s[start:]:
        if c == "\\" and out and out[-1] == "\\":
            continue
        out.append(c)
    s = out
    p = mark
    while p < len(s):
        if s[p] == ".":
            nxt = s[p + 1] if p + 1 < len(s) else None
            if nxt == "\\":                       # .\ component
                del s[p:p + 2]
                continue
            if nxt is None:                       # final .
                if p > mark:
                    p -= 1
                del s[p:]
                continue
            if nxt == ".":
                n2 = s[p + 2] if p + 2 < len(s) else None
                if n2 == "\\" or n2 is None:      # ..\ or a final ..
                    q = p
                    if q > mark:
                        q -= 1
                        while q > mark and s[q - 1] != "\\":
                            q -= 1
                        if n2 is None and q > mark:
                            q -= 1
                    del s[q:p + 3 if n2 else p + 2]
                    p = q
                    continue
        while p < len(s) and s[p] != "\\":
            p += 1
        if p < len(s):
            if p > mark and s[p - 1] == ".":      # one trailing dot of a directory name goes
                del s[p - 1]
            else:
                p += 1
    while p > mark and s[p - 1] in " .":
        p -= 1
    del s[p:]
    return "".join(s)


_full_cache: dict[tuple[str, str], str] = {}


def full_path_name(name: str, cwd: str, env_get=lambda _name: None) -> str:
    """GetFullPathName's answer for `name` with the current directory `cwd` (a full DOS path).

    A pure function of (name, cwd) except for a drive-relative name on another drive (the
    "=X:" variables): the others are memoised.
    """
    key = (name, cwd)
    hit = _full_cache.get(key)
    if hit is not None:
        return hit
    full = _full_path_name(name, cwd, env_get)
    if path_type(name) != DRIVE_RELATIVE:
        if len(_full_cache) >= 512:
            _full_cache.clear()
        _full_cache[key] = full
    return full


def _full_path_name(name: str, cwd: str, env_get) -> str:
    dev = dos_device(name)
    if dev:
        return "\\\\.\\" + name[dev[0]:dev[0] + dev[1]]
    if not cwd.endswith("\\"):
        cwd += "\\"
    cwd_mark = 3 if cwd[1:2] == ":" else _skip_unc(cwd)
    t = path_type(name)
    if t == UNC:
        return collapse(name, _skip_unc(name))
    if t == DEVICE:
        return collapse(name, 4)
    if t == UNC_DOT:
        return "\\\\.\\"
    if t == DRIVE_ABSOLUTE:
        return collapse(name, 3)
    if t == DRIVE_RELATIVE:
        if name[0].upper() != cwd[0].upper() or cwd[1] != ":":
            other = env_get("=" + name[0].upper() + ":")
            base = other.rstrip("\\") + "\\" if other else name[0] + ":\\"
            return collapse(base + name[2:], 3)
        return collapse(cwd + name[2:], cwd_mark)
    if t == ROOTED:
        if name[0] == "/":                        # a Unix path, as Wine takes it: through Z:
            return collapse("Z:" + name, 3)
        if cwd[1] == ":":
            return collapse(cwd[:2] + name, 3)
        return collapse(cwd[:cwd_mark].rstrip("\\") + name, cwd_mark)
    return collapse(cwd + name, cwd_mark)


# ---------------------------------------------------------------------------
# DOS -> host

DEVICES = frozenset({"NUL", "CON", "CONIN$", "CONOUT$", "AUX", "PRN"} | {f"COM{i}" for i in range(1, 10)}
                    | {f"LPT{i}" for i in range(1, 10)})


class Target:
    """What a name resolved to: a host path (`exists` tells whether it is there) or a device."""

    __slots__ = ("host", "device", "exists", "dos", "lstat")

    def __init__(self, host=None, device=None, exists=False, dos="", lstat=None):
        self.host = host
        self.device = device
        self.exists = exists
        self.dos = dos
        self.lstat = lstat          # the lookup's lstat of host, when it made one that succeeded


_drive_cache: dict[tuple[str, str], tuple[str, str, str]] = {}


def drive_root(prefix, letter: str) -> str | None:
    """Host directory of drive `letter` through the prefix's dosdevices link (only C: in the sandbox).

    The link's target is read each time (one readlink) so a changed link is seen at once;
    only its resolution (realpath) is cached.
    """
    letter = letter.lower()
    if not ("a" <= letter <= "z") or (letter != "c" and sandboxed()):
        return None
    key = (prefix.dosdevices, letter)
    hit = _drive_cache.get(key)
    link = hit[0] if hit is not None else os.path.join(prefix.dosdevices, letter + ":")
    try:
        target = os.readlink(link)
    except OSError:
        return prefix.drive_root(letter)      # a real directory instead of a link, or nothing
    if hit is not None and hit[1] == target:
        return hit[2]
    root = os.path.realpath(link)
    _drive_cache[key] = (link, target, root)
    return root


_dir_cache: dict[str, tuple[tuple, dict[str, str]]] = {}
_DIR_CACHE_MAX = 4096
_MTIME_TICK_NS = 50_000_000      # file systems stamp mtimes from a coarse clock (jiffies): 50 ms is safe


def _ci_find(directory: str, name: str) -> str | None:
    """The entry of `directory` equal to `name` ignoring case (None if none); raises NotADirectoryError."""
    st = os.stat(directory)
    key = (st.st_mtime_ns, st.st_ino, st.st_size)
    hit = _dir_cache.get(directory)
    if hit is None or hit[0] != key:
        if len(_dir_cache) >= _DIR_CACHE_MAX:
            _dir_cache.clear()
        entries: dict[str, str] = {}
        for e in os.listdir(directory):
            entries.setdefault(e.lower(), e)
        # a listing taken in the same clock tick as the last change could miss a second change
        # that leaves the mtime as it was: such a listing serves this lookup only
        if time.time_ns() - st.st_mtime_ns < _MTIME_TICK_NS:
            return entries.get(name.lower())
        hit = _dir_cache[directory] = (key, entries)
    return hit[1].get(name.lower())


def lookup(root: str, comps: list[str]) -> tuple[str, bool, os.stat_result | None]:
    """Host path of `comps` under `root`, case-insensitively: (path, exists, its lstat if the
    exact spelling was found at once, else None).

    A missing last component is returned with the caller's spelling (exists False); a
    missing or non-directory intermediate component raises ERROR_PATH_NOT_FOUND.
    """
    exact = (root.rstrip("/") + "/" + "/".join(comps)) if comps else root
    try:
        return exact, True, os.lstat(exact)
    except OSError:
        pass
    cur = root
    last = len(comps) - 1
    for i, c in enumerate(comps):
        cand = os.path.join(cur, c)
        if os.path.lexists(cand):
            cur = cand
            continue
        try:
            alt = _ci_find(cur, c)
        except OSError:
            raise PathError(ERROR_PATH_NOT_FOUND) from None
        if alt is not None:
            cur = os.path.join(cur, alt)
            continue
        if i < last:
            raise PathError(ERROR_PATH_NOT_FOUND)
        if not os.path.isdir(cur):
            raise PathError(ERROR_PATH_NOT_FOUND)
        return cand, False, None
    return cur, True, None


_BAD_CHAR = re.compile('[*?<>|"/:\x00-\x1f]')


def _check_components(comps: list[str], raw: bool) -> None:
    if raw:
        for c in comps:
            if c in ("", ".", ".."):
                raise PathError(ERROR_INVALID_NAME)
    for c in comps:
        if _BAD_CHAR.search(c):
            raise PathError(ERROR_INVALID_NAME)


def _drive_form(s: str) -> bool:
    return len(s) >= 2 and s[1] == ":" and s[0].isalpha() and (len(s) == 2 or s[2] == "\\")


_parse_cache: dict[tuple, tuple] = {}


def _parse(name: str, cwd: str, env_get, wildcard_last: bool):
    """The pure half of resolve: ("device", NAME), ("drive", letter, comps, mask, dos, raw), or
    ("error", code).  Memoised unless the name is drive-relative (the "=X:" variables)."""
    key = (name, cwd, wildcard_last)
    hit = _parse_cache.get(key)
    if hit is not None:
        return hit
    try:
        res = _parse_uncached(name, cwd, env_get, wildcard_last)
    except PathError as e:
        res = ("error", e.error)
    if path_type(name) != DRIVE_RELATIVE:
        if len(_parse_cache) >= 1024:
            _parse_cache.clear()
        _parse_cache[key] = res
    return res


def _parse_uncached(name, cwd, env_get, wildcard_last):
    if not name:
        raise PathError(ERROR_PATH_NOT_FOUND)
    raw = name.startswith("\\\\?\\")
    if raw:
        dos = name[4:]
        if dos[:4].upper() == "UNC\\":
            raise PathError(ERROR_PATH_NOT_FOUND)
    else:
        dos = full_path_name(name, cwd, env_get)
        if dos.startswith("\\\\.\\"):
            dos = dos[4:]
        elif dos.startswith("\\\\"):
            raise PathError(ERROR_PATH_NOT_FOUND)       # UNC: no network redirector
    if not _drive_form(dos):
        dev = dos.rstrip(" ").upper()
        if dev in DEVICES:
            return ("device", dev)
        raise PathError(ERROR_FILE_NOT_FOUND)
    comps = dos[3:].split("\\") if len(dos) > 3 else []
    if comps and comps[-1] == "":
        comps.pop()                                      # "C:\\dir\\" names the directory
    mask = comps.pop() if wildcard_last and comps else None
    if raw:
        _check_components(comps, raw)
    elif _BAD_CHAR.search(dos, 3) and (mask is None or _BAD_CHAR.search(dos, 3, len(dos) - len(mask))):
        raise PathError(ERROR_INVALID_NAME)
    if mask is not None:
        _check_components([mask.replace("*", "x").replace("?", "x")], raw)
    return ("drive", dos[0], tuple(comps), mask, dos if not raw else name)


def resolve(proc, name: str, wildcard_last: bool = False) -> Target:
    """Resolve a guest path for opening; raises PathError with the Windows error code.

    `wildcard_last` lets the final component hold * and ? (FindFirstFile's mask); it is
    then returned unresolved as the last element of the host path.
    """
    parsed = _parse(name, proc.win_cwd, proc.env_get, wildcard_last)
    kind = parsed[0]
    if kind == "error":
        raise PathError(parsed[1])
    if kind == "device":
        return Target(device=parsed[1], exists=True, dos="\\\\.\\" + parsed[1])
    _, letter, comps, mask, dos = parsed
    root = drive_root(proc.prefix, letter)
    if root is None:
        # Wine: a drive that is not mapped looks like an empty one
        raise PathError(ERROR_FILE_NOT_FOUND if len(comps) + (mask is not None) <= 1 else ERROR_PATH_NOT_FOUND)
    try:
        host, exists, st = lookup(root, comps)
    except (UnicodeError, ValueError):
        raise PathError(ERROR_INVALID_NAME) from None       # a lone surrogate: no host name for it
    if mask is not None:
        if not exists or not os.path.isdir(host):
            raise PathError(ERROR_PATH_NOT_FOUND)
    if _sandbox or (_sandbox is None and sandboxed()):
        _sandbox_check(proc, host)
    if mask is not None:
        return Target(host=os.path.join(host, mask), exists=exists, dos=dos)
    return Target(host=host, exists=exists, dos=dos, lstat=st)


def inside_sandbox(proc, host: str) -> bool:
    """Does `host`, symlinks followed, lie inside drive_c?"""
    root = drive_root(proc.prefix, "c")
    real = os.path.realpath(host)
    return root is not None and (real == root or real.startswith(root.rstrip("/") + "/"))


def _sandbox_check(proc, host: str) -> None:
    if not inside_sandbox(proc, host):
        raise PathError(ERROR_ACCESS_DENIED)


def host_path(proc, name: str) -> str | None:
    """Host path for a guest name, or None when it cannot name a host file (msvcrt's helper)."""
    try:
        t = resolve(proc, name)
    except PathError:
        return None
    if t.device is not None:
        return os.devnull if t.device == "NUL" else None
    return t.host


def full_path(proc, name: str) -> str:
    return full_path_name(name, proc.win_cwd, proc.env_get)
