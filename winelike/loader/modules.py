"""Loaded modules, load order (WINELIKE_DLLOVERRIDES) and API-set names."""
from __future__ import annotations

import re

from .image import read_exports


class Module:
    def __init__(self, proc, name, key, path, host_path, base, size, entry, builtin=None, info=None):
        self.proc = proc
        self.name = name              # base name as shown (e.g. KERNEL32.dll, foo.dll)
        self.key = key                # lower-case base name, the lookup key
        self.path = path              # Windows full path
        self.host_path = host_path    # host path for native images, None for built-ins
        self.base = base
        self.size = size
        self.entry = entry
        self.builtin = builtin        # BuiltinDll or None
        self.info = info              # PeInfo for native images
        self.refcount = 1             # LoadLibrary calls + importing/forwarding modules
        self.pinned = False           # GetModuleHandleEx(PIN): never unloaded
        self.region = None            # the mapped image of a native module (released on unload)
        self.deps: list[Module] = []  # modules this one imports from or forwards to (one reference each)
        self.is_exe = False
        self.pending_init = False
        self.attached = False
        self.init_failed = False
        self.in_init_list = False
        self.tls_index = None
        self.tls_template = None
        self.tls_callbacks: list[int] = []
        self.ldr_entry = 0
        self.ldr = None
        self.exp_by_name: dict[str, int] = {}
        self.exp_by_ord: dict[int, int] = {}
        self.exp_forwards: dict[int, str] = {}

    def load_exports(self):
        self.exp_by_name, self.exp_by_ord, self.exp_forwards = read_exports(self.proc.mem, self.base, self.size,
                                                                            self.name)

    def __repr__(self):
        return f"<Module {self.name} at 0x{self.base:x}>"


class LoadOrder:
    """Wine's DLL override grammar: "name[,name...]=order;..." with order a string of n/b."""

    def __init__(self, spec: str):
        self.rules: dict[str, list[str]] = {}
        self.default: list[str] | None = None
        for item in re.split(r"[;]", spec):
            item = item.strip()
            if not item or "=" not in item:
                continue
            names, order = item.split("=", 1)
            kinds = []
            for k in order.split(","):
                k = k.strip().lower()
                if k in ("n", "native"):
                    kinds.append("n")
                elif k in ("b", "builtin"):
                    kinds.append("b")
            for n in names.split(","):
                n = n.strip().lower()
                if not n:
                    continue
                if n == "*":
                    self.default = kinds
                    continue
                if "." not in n.rsplit("\\", 1)[-1]:
                    n += ".dll"
                self.rules[n] = kinds

    def order(self, key: str) -> list[str]:
        if key in self.rules:
            return self.rules[key]
        if self.default is not None:
            return self.default
        return ["b", "n"]


# API-set contract names -> the DLL that implements them here.
_API_SET_PREFIXES = [
    ("api-ms-win-crt-", "ucrtbase.dll"),
    ("api-ms-win-core-", "kernel32.dll"),
    ("api-ms-win-security-", "advapi32.dll"),
    ("api-ms-win-eventing-", "advapi32.dll"),
    ("api-ms-win-service-", "advapi32.dll"),
    ("api-ms-win-downlevel-advapi32-", "advapi32.dll"),
    ("api-ms-win-downlevel-kernel32-", "kernel32.dll"),
    ("api-ms-win-downlevel-user32-", "user32.dll"),
    ("api-ms-win-rtcore-ntuser-", "user32.dll"),
    ("api-ms-win-ntuser-", "user32.dll"),
    ("api-ms-win-gdi-", "gdi32.dll"),
    ("ext-ms-win-gdi-", "gdi32.dll"),
    ("ext-ms-win-ntuser-", "user32.dll"),
    ("ext-ms-win-kernel32-", "kernel32.dll"),
    ("ext-ms-win-advapi32-", "advapi32.dll"),
]
_API_SET_EXACT = {
    "api-ms-win-core-rtlsupport-l1-1-0.dll": "ntdll.dll",
    "api-ms-win-core-rtlsupport-l1-2-0.dll": "ntdll.dll",
}


# The api-ms-win-core-* contracts that kernelbase hosts on Windows (kernel32 here); an unknown
# contract name is not resolved, so loading it fails with ERROR_MOD_NOT_FOUND as on Windows.
_CORE_KERNEL_AREAS = frozenset("""
    apiquery appcompat appinit atoms backgroundtask calendar comm console datetime debug delayload
    enclave errorhandling fibers file firmware handle heap interlocked io job kernel32-legacy
    kernel32-private largeinteger libraryloader localization localregistry memory misc namedpipe
    namespace normalization path perfcounters privateprofile processenvironment processsnapshot
    processthreads processtopology profile psapi psm quirks realtime registry registryuserspecific
    shlwapi-legacy shlwapi-obsolete shutdown sidebyside string stringansi stringloader synch sysinfo
    systemtopology threadpool threadpool-legacy threadpool-private timezone toolhelp url util version
    versionansi windowsceip windowserrorreporting wow64 xstate""".split())
_API_SET_NAME = re.compile(r"^((?:api|ext)-ms-.*?)-l\d+-\d+-\d+(?:\.dll)?$")


def api_set_host(key: str) -> str | None:
    """Host DLL for an API-set name (api-ms-win-*, ext-ms-*), else None."""
    if not (key.startswith("api-ms-") or key.startswith("ext-ms-")):
        return None
    if key in _API_SET_EXACT:
        return _API_SET_EXACT[key]
    m = _API_SET_NAME.match(key)
    if m is None:
        return None
    contract = m.group(1)
    if contract.startswith("api-ms-win-core-"):
        return "kernel32.dll" if contract[len("api-ms-win-core-"):] in _CORE_KERNEL_AREAS else None
    for prefix, host in _API_SET_PREFIXES:
        if key.startswith(prefix):
            return host
    return None
