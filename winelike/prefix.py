"""The prefix: Wine's layout (drive_c, dosdevices/c: and z:), created on first use.

$WINELIKEPREFIX, default ~/.winelike.  Creating one is a handful of mkdir and
symlink calls (well under a second; Wine needs 7-10 s).
"""
from __future__ import annotations

import getpass
import os
import re

DEFAULT = "~/.winelike"


class PrefixError(Exception):
    pass


class Prefix:
    def __init__(self, path: str | None = None):
        path = path or os.environ.get("WINELIKEPREFIX") or DEFAULT
        self.root = os.path.abspath(os.path.expanduser(path))
        self.drive_c = os.path.join(self.root, "drive_c")
        self.dosdevices = os.path.join(self.root, "dosdevices")
        self.user = _user_name()

    @property
    def system32(self):
        return os.path.join(self.drive_c, "windows", "system32")

    def exists(self) -> bool:
        return os.path.isdir(self.drive_c) and os.path.isdir(self.dosdevices)

    def ensure(self) -> "Prefix":
        if not self.exists():
            self.create()
        return self

    def create(self) -> None:
        if os.path.exists(self.root) and not os.path.isdir(self.root):
            raise PrefixError(f"prefix {self.root} exists and is not a directory")
        dirs = [
            "drive_c/windows/system32", "drive_c/windows/syswow64", "drive_c/windows/temp",
            "drive_c/Program Files", "drive_c/Program Files (x86)", "drive_c/ProgramData",
            f"drive_c/users/{self.user}/AppData/Roaming", f"drive_c/users/{self.user}/AppData/Local",
            f"drive_c/users/{self.user}/Temp", f"drive_c/users/{self.user}/Desktop",
            f"drive_c/users/{self.user}/Documents", "drive_c/users/Public", "dosdevices",
        ]
        try:
            for d in dirs:
                os.makedirs(os.path.join(self.root, d), exist_ok=True)
            for link, target in (("c:", "../drive_c"), ("z:", "/")):
                p = os.path.join(self.dosdevices, link)
                try:
                    os.symlink(target, p)
                except FileExistsError:     # another process created it first
                    pass
        except OSError as e:
            raise PrefixError(f"cannot create prefix {self.root}: {e.strerror}") from None

    # ---- path mapping (the full rules live with the file APIs) ---------------
    def drive_root(self, letter: str) -> str | None:
        p = os.path.join(self.dosdevices, letter.lower() + ":")
        if os.path.lexists(p):
            return os.path.realpath(p)
        return None

    def dos_to_unix(self, path: str) -> str | None:
        """C:\\foo\\bar -> host path (None if the drive is not mapped)."""
        m = re.match(r"^(?:\\\\\?\\)?([A-Za-z]):[\\/]?(.*)$", path)
        if not m:
            return None
        root = self.drive_root(m.group(1))
        if root is None:
            return None
        rest = [p for p in re.split(r"[\\/]+", m.group(2)) if p]
        return _case_insensitive_join(root, rest)

    def unix_to_dos(self, path: str) -> str:
        """Host path -> the Windows path a program sees (C: for drive_c, else Z:)."""
        path = os.path.abspath(path)
        best = None
        try:
            entries = sorted(os.listdir(self.dosdevices))
        except OSError:
            entries = []
        for e in entries:
            if len(e) != 2 or e[1] != ":":
                continue
            root = os.path.realpath(os.path.join(self.dosdevices, e))
            if path == root or path.startswith(root.rstrip("/") + "/"):
                if best is None or len(root) > len(best[1]) or (len(root) == len(best[1]) and e < best[0]):
                    best = (e, root)
        if best is None:
            return "Z:" + path.replace("/", "\\")
        rel = path[len(best[1]):].lstrip("/")
        return best[0].upper() + "\\" + rel.replace("/", "\\")


def _case_insensitive_join(root: str, parts: list[str]) -> str:
    cur = root
    for part in parts:
        if part == ".":
            continue
        if part == "..":
            cur = os.path.dirname(cur) if cur != root else cur
            continue
        cand = os.path.join(cur, part)
        if not os.path.lexists(cand):
            try:
                low = part.lower()
                for e in os.listdir(cur):
                    if e.lower() == low:
                        cand = os.path.join(cur, e)
                        break
            except OSError:
                pass
        cur = cand
    return cur


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "user"
