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
        elif not os.path.exists(os.path.join(self.root, "system.reg")) and self._no_server():
            try:                            # a prefix from before the registry: give it the defaults
                write_default_registry(self)
            except OSError:
                pass
        return self

    def _no_server(self) -> bool:
        """No server holds this prefix (it would overwrite files written behind its back)."""
        from winelike.server import daemon
        try:
            return not daemon.lock_held(daemon.server_dir(self.root, create=False))
        except daemon.ServerError:
            return False

    def init(self) -> bool:
        """`winelike prefix init`: create what is missing (directories, links, registry files).
        True when the prefix was new."""
        new = not self.exists()
        self.create()
        return new

    def create(self) -> None:
        if os.path.exists(self.root) and not os.path.isdir(self.root):
            raise PrefixError(f"prefix {self.root} exists and is not a directory")
        dirs = [
            "drive_c/windows/system32", "drive_c/windows/syswow64", "drive_c/windows/temp",
            "drive_c/Program Files", "drive_c/Program Files (x86)", "drive_c/ProgramData",
            f"drive_c/users/{self.user}/AppData/Roaming", f"drive_c/users/{self.user}/AppData/Local",
            f"drive_c/users/{self.user}/Temp", f"drive_c/users/{self.user}/Desktop",
            f"drive_c/users/{self.user}/Documents", f"drive_c/users/{self.user}/Music",
            f"drive_c/users/{self.user}/Pictures", f"drive_c/users/{self.user}/Videos",
            f"drive_c/users/{self.user}/Favorites", f"drive_c/users/{self.user}/AppData/Local/Temp",
            "drive_c/windows/Fonts", "drive_c/windows/inf", "drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs",
            "drive_c/users/Public/Desktop", "drive_c/users/Public/Documents", "drive_c/users/Public", "dosdevices",
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
            write_default_registry(self)
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


# ---- the default registry ----------------------------------------------------------------

def _default_keys(prefix: "Prefix") -> dict:
    """{file: {key path: {value name: value}}}: what programs commonly query first.

    A str value is REG_SZ, ("x", str) REG_EXPAND_SZ, an int REG_DWORD, bytes REG_BINARY.
    Windows 10 22H2 version numbers, as the oracle prefix reports (winecfg: win10).
    """
    import platform
    import socket
    user = prefix.user
    home = f"C:\\users\\{user}"
    x = "x"
    try:
        computer = socket.gethostname().split(".")[0].upper()[:15] or "WINELIKE"
    except OSError:
        computer = "WINELIKE"
    ncpu = str(os.cpu_count() or 1)
    arch = {"x86_64": "AMD64", "aarch64": "ARM64"}.get(platform.machine(), "x86")
    nt = "Software\\Microsoft\\Windows NT\\CurrentVersion"
    cv = "Software\\Microsoft\\Windows\\CurrentVersion"
    ctl = "System\\CurrentControlSet\\Control"
    shell_user = {
        "AppData": f"{home}\\AppData\\Roaming", "Local AppData": f"{home}\\AppData\\Local",
        "Desktop": f"{home}\\Desktop", "Personal": f"{home}\\Documents",
        "My Music": f"{home}\\Music", "My Pictures": f"{home}\\Pictures", "My Videos": f"{home}\\Videos",
        "Favorites": f"{home}\\Favorites", "Fonts": "C:\\windows\\Fonts",
        "Programs": f"{home}\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs",
        "Start Menu": f"{home}\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu",
        "Startup": f"{home}\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp",
        "Templates": f"{home}\\AppData\\Roaming\\Microsoft\\Windows\\Templates",
        "Cache": f"{home}\\AppData\\Local\\Microsoft\\Windows\\INetCache",
        "History": f"{home}\\AppData\\Local\\Microsoft\\Windows\\History",
    }
    user_shell = {k: (x, v.replace(home, "%USERPROFILE%")) if v.startswith(home) else (x, v)
                  for k, v in shell_user.items()}
    system = {
        nt: {"ProductName": "Windows 10 Pro", "CurrentVersion": "6.3", "CurrentBuild": "19045",
             "CurrentBuildNumber": "19045", "CurrentMajorVersionNumber": 10, "CurrentMinorVersionNumber": 0,
             "CurrentType": "Multiprocessor Free", "CSDVersion": "", "DisplayVersion": "22H2",
             "ReleaseId": "2009", "EditionID": "Professional", "InstallationType": "Client",
             "ProductId": "12345-oem-0000001-54321", "RegisteredOrganization": "", "RegisteredOwner": user,
             "SystemRoot": "C:\\windows", "PathName": "C:\\windows", "UBR": 0,
             "InstallDate": 0x4be5019a},
        nt + "\\Time Zones\\UTC": {"Display": "(UTC) Coordinated Universal Time",
                                     "Std": "Coordinated Universal Time", "Dlt": "Coordinated Universal Time",
                                     "TZI": bytes(44)},
        cv: {"ProgramFilesDir": "C:\\Program Files", "ProgramFilesDir (x86)": "C:\\Program Files (x86)",
             "ProgramW6432Dir": "C:\\Program Files", "CommonFilesDir": "C:\\Program Files\\Common Files",
             "CommonFilesDir (x86)": "C:\\Program Files (x86)\\Common Files",
             "CommonW6432Dir": "C:\\Program Files\\Common Files", "DevicePath": (x, "%SystemRoot%\\inf"),
             "ProgramFilesPath": (x, "%ProgramFiles%"), "MediaPathUnexpanded": (x, "%SystemRoot%\\Media")},
        cv + "\\Explorer\\Shell Folders": {
            "Common AppData": "C:\\ProgramData", "Common Desktop": "C:\\users\\Public\\Desktop",
            "Common Documents": "C:\\users\\Public\\Documents",
            "Common Programs": "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs",
            "Common Start Menu": "C:\\ProgramData\\Microsoft\\Windows\\Start Menu"},
        cv + "\\Run": {},
        ctl + "\\Session Manager\\Environment": {
            "ComSpec": (x, "%SystemRoot%\\system32\\cmd.exe"), "NUMBER_OF_PROCESSORS": ncpu, "OS": "Windows_NT",
            "PATH": (x, "%SystemRoot%\\system32;%SystemRoot%;%SystemRoot%\\system32\\wbem;"
                        "%SystemRoot%\\system32\\WindowsPowershell\\v1.0"),
            "PATHEXT": ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC",
            "PROCESSOR_ARCHITECTURE": arch, "TEMP": (x, "%SystemRoot%\\TEMP"), "TMP": (x, "%SystemRoot%\\TEMP"),
            "windir": (x, "%SystemRoot%"), "ProgramData": "C:\\ProgramData", "PUBLIC": "C:\\users\\Public",
            "ALLUSERSPROFILE": "C:\\ProgramData", "SystemDrive": "C:", "SystemRoot": "C:\\windows"},
        ctl + "\\Nls\\CodePage": {"ACP": "1252", "OEMCP": "437", "MACCP": "10000"},
        ctl + "\\Nls\\Language": {"Default": "0409", "InstallLanguage": "0409"},
        ctl + "\\Nls\\Locale": {"": "00000409"},
        ctl + "\\TimeZoneInformation": {
            "Bias": 0, "StandardBias": 0, "DaylightBias": 0, "StandardName": "Coordinated Universal Time",
            "DaylightName": "Coordinated Universal Time", "TimeZoneKeyName": "UTC",
            "StandardStart": bytes(16), "DaylightStart": bytes(16), "DynamicDaylightTimeDisabled": 0},
        ctl + "\\ComputerName\\ComputerName": {"ComputerName": computer},
        ctl + "\\ProductOptions": {"ProductType": "WinNT"},
        ctl + "\\Windows": {"CSDVersion": 0},
        "System\\CurrentControlSet\\Hardware Profiles\\Current": {},
        "Software\\Classes\\.exe": {"": "exefile", "Content Type": "application/x-msdownload"},
        "Software\\Classes\\exefile\\shell\\open\\command": {"": "\"%1\" %*"},
        "Software\\Classes\\.txt": {"": "txtfile", "Content Type": "text/plain"},
        "Software\\Classes\\txtfile": {"": "Text Document"},
        "Software\\Classes\\.bat": {"": "batfile"},
        "Software\\Classes\\.cmd": {"": "cmdfile"},
        "Software\\Classes\\.reg": {"": "regfile"},
        "Software\\Classes\\.ini": {"": "inifile"},
        "Software\\Classes\\CLSID": {},
        "Software\\Classes\\Interface": {},
        "Software\\Wow6432Node": {},
    }
    users = {
        "Environment": {"TEMP": f"{home}\\Temp", "TMP": f"{home}\\Temp"},
        "Volatile Environment": {
            "APPDATA": f"{home}\\AppData\\Roaming", "CLIENTNAME": "Console", "HOMEDRIVE": "C:",
            "HOMEPATH": f"\\users\\{user}", "HOMESHARE": "", "LOCALAPPDATA": f"{home}\\AppData\\Local",
            "LOGONSERVER": f"\\\\{computer}", "SESSIONNAME": "Console", "USERDOMAIN": computer,
            "USERNAME": user, "USERPROFILE": home},
        cv + "\\Explorer\\Shell Folders": shell_user,
        cv + "\\Explorer\\User Shell Folders": user_shell,
        "Control Panel\\International": {"Locale": "00000409", "LocaleName": "en-US", "sCountry": "United States",
                                          "sLanguage": "ENU", "sShortDate": "M/d/yyyy", "sTimeFormat": "h:mm:ss tt",
                                          "sDecimal": ".", "sThousand": ",", "sList": ",", "iCountry": "1"},
        "Control Panel\\Desktop": {"Wallpaper": ""},
        "Keyboard Layout\\Preload": {"1": "00000409"},
        "Software\\Classes": {},
        "Software\\Wine": {},
    }
    userdef = {cv + "\\Explorer\\Shell Folders": shell_user}
    return {"system.reg": ("REGISTRY\\\\Machine", system),
            "user.reg": ("REGISTRY\\\\User\\\\S-1-5-21-0-0-0-1000", users),
            "userdef.reg": ("REGISTRY\\\\User\\\\.Default", userdef)}


def write_default_registry(prefix: "Prefix") -> None:
    """system.reg, user.reg and userdef.reg with the default keys, each only if missing.

    Written straight to the files (no server runs for a prefix being created); a file
    that exists is the registry's and is left alone.
    """
    import time
    from winelike.server import regfile
    from winelike.server.registry import Key
    now = time.time_ns() // 100 + regfile.FILETIME_UNIX_EPOCH
    for fname, (relative, keys) in _default_keys(prefix).items():
        path = os.path.join(prefix.root, fname)
        if os.path.exists(path):
            continue
        root = Key("", None, now)
        for kpath, values in keys.items():
            k = root
            for c in kpath.split("\\"):
                k = k.child(c) or k.add_child(c, now, False)
            for name, v in values.items():
                if isinstance(v, tuple):
                    k.set_value(name, regfile.REG_EXPAND_SZ, (v[1] + "\0").encode("utf-16-le"))
                elif isinstance(v, str):
                    k.set_value(name, regfile.REG_SZ, (v + "\0").encode("utf-16-le"))
                elif isinstance(v, int):
                    k.set_value(name, regfile.REG_DWORD, v.to_bytes(4, "little"))
                else:
                    k.set_value(name, regfile.REG_BINARY, bytes(v))
        text = regfile.dump_wine(root, relative)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
