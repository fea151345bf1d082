"""What every server object shares: the wait operations with their defaults, access
mapping, the object namespace, and the table that maps requests to handlers.

An object type is a subclass of Object in its own module, next to its request handlers
(registered with @handler).  The wait operations:

    signaled(thread)  -> may a wait by `thread` be satisfied by this object now?
    satisfy(thread)   -> the wait was satisfied: consume (auto-reset, acquire...);
                         returns True when the satisfaction is an abandonment
    signal(core, thread) -> SignalObjectAndWait's "signal" side; types that cannot be
                         signalled keep the default, which refuses (ERROR_INVALID_HANDLE)
    last_handle_closed() -> the name goes away (and timers stop)
"""
from __future__ import annotations

from winelike.server.protocol import Error

SYNCHRONIZE = 0x00100000
STANDARD_RIGHTS_READ = 0x00020000
STANDARD_RIGHTS_REQUIRED = 0x000F0000
GENERIC_READ = 0x80000000
GENERIC_WRITE = 0x40000000
GENERIC_EXECUTE = 0x20000000
GENERIC_ALL = 0x10000000
MAXIMUM_ALLOWED = 0x02000000


class Win32Error(Exception):
    """A request fails with this Win32 error code (the reply's fields are zero)."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


HANDLERS: dict = {}


def handler(name: str):
    """Register the function as the handler of request `name`: fn(core, client, req)."""
    def register(fn):
        if name in HANDLERS:
            raise RuntimeError(f"two handlers for {name}")
        HANDLERS[name] = fn
        return fn
    return register


class Object:
    type_name = "Object"
    signal_access = 0          # access SignalObjectAndWait needs on the signalled handle
    # (GENERIC_READ, GENERIC_WRITE, GENERIC_EXECUTE, GENERIC_ALL) -> specific rights
    mapping = (STANDARD_RIGHTS_READ, STANDARD_RIGHTS_READ, STANDARD_RIGHTS_READ | SYNCHRONIZE,
               STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE)

    def __init__(self):
        self.name: str | None = None       # full path, e.g. \Sessions\1\BaseNamedObjects\x
        self.namespace: Namespace | None = None
        self.handle_count = 0
        self.waiters: list = []            # Wait records, in the order they began

    def signaled(self, thread) -> bool:
        return False

    def satisfy(self, thread) -> bool:
        return False

    def signal(self, core, thread) -> None:
        raise Win32Error(Error.ERROR_INVALID_HANDLE)

    def last_handle_closed(self, core) -> None:
        if self.namespace is not None:
            self.namespace.remove(self)

    def map_access(self, access: int) -> int:
        if access & MAXIMUM_ALLOWED:
            access |= GENERIC_ALL
        r, w, x, a = self.mapping
        if access & GENERIC_READ:
            access |= r
        if access & GENERIC_WRITE:
            access |= w
        if access & GENERIC_EXECUTE:
            access |= x
        if access & GENERIC_ALL:
            access |= a
        return access & a

    def describe(self) -> str:
        return f"{self.type_name}" + (f" {self.name}" if self.name else "")


GLOBAL_DIR = "\\BaseNamedObjects"
SESSION_DIR = "\\Sessions\\1\\BaseNamedObjects"


def full_name(name: str) -> str:
    """A Win32 object name -> its path in the object namespace.

    Bare names and Local\\ live in the session's directory, Global\\ in the global one
    (one session here).  A further backslash names a directory that does not exist.
    """
    if name.startswith("Global\\"):
        d, rest = GLOBAL_DIR, name[7:]
    elif name.startswith("Local\\"):
        d, rest = SESSION_DIR, name[6:]
    else:
        d, rest = SESSION_DIR, name
    if "\\" in rest:
        raise Win32Error(Error.ERROR_PATH_NOT_FOUND)
    if len(name) > 260:
        raise Win32Error(Error.ERROR_INVALID_NAME)
    return d + "\\" + rest


class Namespace:
    """Named objects; a name lives as long as some handle to its object (case-sensitive, as Win32)."""

    def __init__(self):
        self.objects: dict[str, Object] = {}

    def lookup(self, name: str) -> Object | None:
        return self.objects.get(full_name(name))

    def add(self, obj: Object, name: str) -> None:
        obj.name = full_name(name)
        obj.namespace = self
        self.objects[obj.name] = obj

    def remove(self, obj: Object) -> None:
        if self.objects.get(obj.name) is obj:
            del self.objects[obj.name]
        obj.namespace = None


def create_named(core, client, cls, req, make):
    """The create_* pattern: a new object (named or not), or the existing one with
    ERROR_ALREADY_EXISTS, or ERROR_INVALID_HANDLE when the name holds another type."""
    process = client.thread.process
    if req.name:
        existing = core.namespace.lookup(req.name)
        if existing is not None:
            if type(existing) is not cls:
                raise Win32Error(Error.ERROR_INVALID_HANDLE)
            h = process.handles.add(existing, existing.map_access(req.access), req.inherit)
            return Error.ERROR_ALREADY_EXISTS, {"handle": h}
    obj = make()
    if req.name:
        core.namespace.add(obj, req.name)
    return {"handle": process.handles.add(obj, obj.map_access(req.access), req.inherit)}


def open_named(core, client, cls, req):
    if not req.name:     # "" names the directory itself, not an object of this type (as Wine)
        raise Win32Error(Error.ERROR_INVALID_HANDLE)
    obj = core.namespace.lookup(req.name)
    if obj is None:
        raise Win32Error(Error.ERROR_FILE_NOT_FOUND)
    if type(obj) is not cls:
        raise Win32Error(Error.ERROR_INVALID_HANDLE)
    return {"handle": client.thread.process.handles.add(obj, obj.map_access(req.access), req.inherit)}
