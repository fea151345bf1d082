"""The registry: a tree of keys in the server, persisted in the prefix in Wine's format.

    \\REGISTRY                       the root (parent handle 0 in requests)
      Machine                       <- system.reg     (HKLM)
      User\\S-1-5-21-0-0-0-1000       <- user.reg       (HKCU)
      User\\.Default                 <- userdef.reg

Names are case-insensitive and keep the case they were created with; subkeys and
values enumerate in Wine's order (sorted, case-insensitively).  A key handle is an
ordinary handle of the process's table with a granted access mask; a deleted key stays
alive while handles to it exist, and everything done through them fails with
ERROR_KEY_DELETED.

Saving.  Each file is a branch; a change marks its branch dirty and schedules a save
SAVE_DELAY later (through the core's schedule, so the daemon wakes up for it); flush_key
saves at once, before replying; the daemon saves at exit (save_all).  A save writes a
temp file beside the target, fsyncs it, renames it over the target and fsyncs the
directory, so a crash at any moment leaves the old or the new file, both whole.
Volatile keys are never written.  A file that does not parse entirely is kept as
<name>.corrupt-<n> beside the original, the error is reported with its line, and what
parsed is loaded (the next save then writes it out in full).

HKEY_CLASSES_ROOT is a Classes object (open_classes_root, and every key opened or created
below one): Windows' merged view of User\\<sid>\\Software\\Classes over
Machine\\Software\\Classes.  Lookups find the user's key or value first; enumerations list
the union (the user's entry wins); values are written to the user's key when it exists,
else to the machine's; a new key goes below the user's tree when its nearest existing
ancestor (HKCR itself excluded) is there, else below the machine's; deleting a key deletes
the user's one if there is one, deleting a value deletes the one a query sees.
"""
from __future__ import annotations

import os
import sys
import time

from winelike.server import regfile
from winelike.server.event import EVENT_MODIFY_STATE, Event
from winelike.server.object import STANDARD_RIGHTS_READ, STANDARD_RIGHTS_REQUIRED, \
    Object, Win32Error, handler
from winelike.server.protocol import Error

KEY_QUERY_VALUE = 0x0001
KEY_SET_VALUE = 0x0002
KEY_CREATE_SUB_KEY = 0x0004
KEY_ENUMERATE_SUB_KEYS = 0x0008
KEY_NOTIFY = 0x0010
KEY_CREATE_LINK = 0x0020
KEY_WOW64_64KEY = 0x0100
KEY_WOW64_32KEY = 0x0200
DELETE = 0x00010000
KEY_READ = STANDARD_RIGHTS_READ | KEY_QUERY_VALUE | KEY_ENUMERATE_SUB_KEYS | KEY_NOTIFY
KEY_WRITE = STANDARD_RIGHTS_READ | KEY_SET_VALUE | KEY_CREATE_SUB_KEY
KEY_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | 0x3F

REG_OPTION_VOLATILE = 1
REG_OPTION_CREATE_LINK = 2
REG_OPTION_OPEN_LINK = 8

REG_NOTIFY_CHANGE_NAME = 1
REG_NOTIFY_CHANGE_ATTRIBUTES = 2
REG_NOTIFY_CHANGE_LAST_SET = 4
REG_NOTIFY_CHANGE_SECURITY = 8

ERROR_BAD_PATHNAME = 161
ERROR_REGISTRY_IO_FAILED = 1016
MAX_VALUE_DATA = 1 << 20          # the frame limit of the protocol carries this much
MAX_NAME = 255                    # a key name component, in characters
MAX_VALUE_NAME = 16383
SAVE_DELAY = 5_000_000            # 0.5 s in 100 ns ticks
USER_SID = "S-1-5-21-0-0-0-1000"
FILES = (("system.reg", ("Machine",)), ("user.reg", ("User", USER_SID)), ("userdef.reg", ("User", ".Default")))


class Key(Object):
    type_name = "Key"
    mapping = (KEY_READ, KEY_WRITE, KEY_READ, KEY_ALL_ACCESS)

    def __init__(self, name: str, parent: "Key | None", modif: int, volatile=False):
        super().__init__()
        self.name = name
        self.parent = parent
        self.subkeys: dict[str, Key] = {}       # lower-case name -> Key
        self.values: dict[str, tuple] = {}      # lower-case name -> (name, type, data)
        self.cls: str | None = None
        self.modif = modif
        self.volatile = volatile
        self.link = False
        self.deleted = False
        self.branch: Branch | None = parent.branch if parent is not None else None
        self.notifies: list = []                # [event, subtree, filter]
        self._sorted_keys = None
        self._sorted_values = None

    # ---- what regfile.dump_wine needs ---------------------------------------------
    def sorted_subkeys(self) -> list:
        if self._sorted_keys is None:
            self._sorted_keys = sorted(self.subkeys.values(), key=lambda k: k.name.lower())
        return self._sorted_keys

    def sorted_values(self) -> list:
        if self._sorted_values is None:
            self._sorted_values = sorted(self.values.values(), key=lambda v: v[0].lower())
        return self._sorted_values

    def last_handle_closed(self, core) -> None:
        pass

    def map_access(self, access: int) -> int:
        return super().map_access(access & ~(KEY_WOW64_32KEY | KEY_WOW64_64KEY))

    def path(self) -> str:
        parts = []
        k = self
        while k is not None:
            parts.append(k.name)
            k = k.parent
        return "\\" + "\\".join(reversed(parts))

    def describe(self) -> str:
        return f"Key {self.path()}"

    # ---- tree changes -------------------------------------------------------------
    def child(self, name: str):
        return self.subkeys.get(name.lower())

    # a request acts on sides() (a merged Classes key has two) and writes to primary()
    def sides(self) -> tuple:
        return (self,)

    def primary(self) -> "Key":
        return self

    def add_child(self, name: str, modif: int, volatile: bool) -> "Key":
        k = Key(name, self, modif, volatile)
        self.subkeys[name.lower()] = k
        self._sorted_keys = None
        return k

    def descend(self, comps, modif: int) -> "Key":
        """The key at comps below this one, creating the missing ones (not volatile)."""
        k = self
        for c in comps:
            k = k.child(c) or k.add_child(c, modif, False)
        return k

    def set_value(self, name: str, t: int, data: bytes) -> None:
        self.values[name.lower()] = (name, t, data)
        self._sorted_values = None

    def del_value(self, name: str) -> bool:
        if self.values.pop(name.lower(), None) is None:
            return False
        self._sorted_values = None
        return True


HIVES = (("User", USER_SID), ("Machine",))       # the two trees a Classes key merges, user first
CLASSES = ("Software", "Classes")
_DEAD = object()                                  # a side whose key was deleted while held
_NONE = ()


def _walk(k, comps):
    for c in comps:
        if k is None:
            return None
        k = k.child(c)
    return k


def _merge(user: list, machine: list, name) -> list:
    """Two lists sorted by lower-case name -> their union in the same order; a name in both is the user's."""
    if not user:
        return list(machine)
    if not machine:
        return list(user)
    d = {name(x).lower(): x for x in machine}
    d.update((name(x).lower(), x) for x in user)
    return [d[n] for n in sorted(d)]


class Classes(Object):
    """A key of HKEY_CLASSES_ROOT: the merged view of one path below both Software\\Classes."""
    type_name = "Key"
    mapping = Key.mapping

    def __init__(self, reg: "Registry", rel: tuple, user: Key | None, machine: Key | None):
        super().__init__()
        self.reg = reg
        self.rel = rel                   # components below Software\Classes
        self.held = [user, machine]
        self._keys = self._values = None  # caches: (user list, machine list, merged)

    def map_access(self, access: int) -> int:
        return super().map_access(access & ~(KEY_WOW64_32KEY | KEY_WOW64_64KEY))

    def lookup(self, side: int, rel: tuple):
        return _walk(self.reg.root, HIVES[side] + CLASSES + rel)

    def sides(self) -> list:
        """[user key, machine key], either may be None; ERROR_KEY_DELETED when neither is left.
        A side missing when the handle was opened is looked up again (it may have been created
        since); one deleted while held stays gone, as a deleted key does for its handles."""
        out = []
        for i in (0, 1):
            k = self.held[i]
            if k is not None and k is not _DEAD and k.deleted:
                k = self.held[i] = _DEAD
            if k is None:
                k = self.lookup(i, self.rel)
                if k is not None:
                    self.held[i] = k
            out.append(None if k is _DEAD else k)
        if out[0] is None and out[1] is None:
            raise Win32Error(Error.ERROR_KEY_DELETED)
        return out

    def primary(self) -> Key:
        """The key writes go to: the user's when it exists, else the machine's."""
        u, m = self.sides()
        return u or m

    def sorted_subkeys(self) -> list:
        u, m = self.sides()
        lu = u.sorted_subkeys() if u else _NONE
        lm = m.sorted_subkeys() if m else _NONE
        c = self._keys
        if c is None or c[0] is not lu or c[1] is not lm:
            c = self._keys = (lu, lm, _merge(lu, lm, lambda k: k.name))
        return c[2]

    def sorted_values(self) -> list:
        u, m = self.sides()
        lu = u.sorted_values() if u else _NONE
        lm = m.sorted_values() if m else _NONE
        c = self._values
        if c is None or c[0] is not lu or c[1] is not lm:
            c = self._values = (lu, lm, _merge(lu, lm, lambda v: v[0]))
        return c[2]

    def describe(self) -> str:
        return "Key \\REGISTRY\\Machine\\Software\\Classes" + "".join("\\" + c for c in self.rel) + " (merged)"


class Branch:
    """One file of the prefix and the key it holds."""

    def __init__(self, path: str | None, key: Key, relative_to: str):
        self.path = path
        self.key = key
        self.relative_to = relative_to
        self.dirty = False
        self.arch = "win64"             # kept from the file: Wine refuses a prefix of the other arch


class Registry:
    def __init__(self, core, prefix_root: str | None = None, log=None):
        self.core = core                 # None while loading before the core exists (see attach)
        self.log = log or sys.stderr
        now = self.wall()
        self.root = Key("REGISTRY", None, now)
        self.branches: list[Branch] = []
        self.generation = 0              # save schedule entries (core.schedule's Timer protocol)
        self.save_pending = False
        self.last_save_ticks = 0         # how long the last save took: big files are saved less often
        for fname, comps in FILES:
            k = self.root.descend(comps, now)
            b = Branch(os.path.join(prefix_root, fname) if prefix_root else None, k,
                       regfile.wine_path(("REGISTRY",) + comps))
            k.branch = b
            self.branches.append(b)
        # keys every Windows has, volatile or not (the files may not hold them)
        for comps in (("Machine", "Software"), ("Machine", "System"), ("User", USER_SID, "Software")):
            self.root.descend(comps, now)
        if prefix_root:
            for b in self.branches:
                self.load(b)

    def wall(self) -> int:
        if self.core is not None:
            return self.core.wall()
        from winelike.server.core import wall_ticks
        return wall_ticks()

    # ---- files -------------------------------------------------------------------
    def say(self, msg: str) -> None:
        try:
            self.log.write(f"winelike server: {msg}\n")
            self.log.flush()
        except (OSError, ValueError):
            pass

    def load(self, b: Branch) -> None:
        self._remove_stale_temp(b.path)
        try:
            with open(b.path, "rb") as f:
                raw = f.read()
        except FileNotFoundError:
            return
        except OSError as e:
            self.say(f"cannot read {b.path}: {e.strerror}")
            return
        text = raw.decode("utf-8", "surrogateescape")
        sections, errors, arch = regfile.parse_wine(text)
        if arch in ("win32", "win64"):
            b.arch = arch
        now = self.wall()
        for s in sections:
            k = b.key.descend(s.path, s.modif or now)
            if s.modif is not None:
                k.modif = s.modif
            k.cls = s.cls
            k.link = s.link
            for name, t, data in s.values:
                k.set_value(name, t, data)
        # a file cut short ends without its final newline: Wine always writes one
        truncated = bool(raw) and not raw.endswith(b"\n")
        if errors or truncated:
            backup = self._backup(b.path, raw)
            for line, msg in errors[:20]:
                self.say(f"{b.path}:{line}: {msg}")
            if len(errors) > 20:
                self.say(f"{b.path}: {len(errors) - 20} more errors")
            if truncated:
                self.say(f"{b.path}:{text.count(chr(10)) + 1}: file ends in the middle of a line (truncated?)")
            self.say(f"{b.path}: kept what parsed ({len(sections)} keys); the original is saved as {backup}")
            b.dirty = True
            if self.core is not None:
                self.schedule_save()

    @staticmethod
    def _remove_stale_temp(path: str) -> None:
        """Temp files of a server killed while saving (we hold the server lock: none is ours)."""
        d, base = os.path.split(path)
        try:
            names = os.listdir(d)
        except OSError:
            return
        for n in names:
            if n.startswith(f".{base}.") and n.endswith(".tmp"):
                try:
                    os.unlink(os.path.join(d, n))
                except OSError:
                    pass

    def _backup(self, path: str, raw: bytes) -> str:
        n = 0
        while True:
            backup = f"{path}.corrupt-{n}"
            try:
                fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                n += 1
                continue
            except OSError as e:
                return f"(nowhere: {e.strerror})"
            with os.fdopen(fd, "wb") as f:
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
            return backup

    def save(self, b: Branch) -> bool:
        """Write b's file; False (and a message) when it could not be written."""
        if b.path is None:
            b.dirty = False
            return True
        started = time.perf_counter_ns()
        text = regfile.dump_wine(b.key, b.relative_to, b.arch)
        data = text.encode("utf-8", "surrogateescape")
        d = os.path.dirname(b.path)
        tmp = os.path.join(d, f".{os.path.basename(b.path)}.{os.getpid()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                view = memoryview(data)
                while view:
                    n = os.write(fd, view)
                    view = view[n:]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, b.path)
            dfd = os.open(d, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except OSError as e:
            self.say(f"cannot save {b.path}: {e.strerror}")
            try:
                os.unlink(tmp)
            except OSError:
                pass
            return False
        b.dirty = False
        self.last_save_ticks = (time.perf_counter_ns() - started) // 100
        return True

    def save_all(self) -> bool:
        ok = True
        for b in self.branches:
            if b.dirty:
                ok = self.save(b) and ok
        return ok

    # the core's schedule calls fire(core, generation, now) when the save is due
    def schedule_save(self) -> None:
        if not self.save_pending:
            self.save_pending = True
            # at most ~10% of the server's time goes to saving (a Wine-made system.reg takes 0.2 s)
            delay = max(SAVE_DELAY, 10 * self.last_save_ticks)
            self.core.schedule(self.core.clock() + delay, self, self.generation)

    def fire(self, core, generation, now) -> None:
        if generation != self.generation:
            return
        self.save_pending = False
        self.generation += 1
        self.save_all()

    # ---- changes -------------------------------------------------------------------
    def touched(self, key: Key, what: int, subtree_only_from: Key | None = None) -> None:
        """key changed (`what`: a REG_NOTIFY_CHANGE_* bit): dirty its file, tell the watchers."""
        key.modif = self.wall()
        if not key.volatile and key.branch is not None:
            key.branch.dirty = True
            self.schedule_save()
        k, direct = key, True
        while k is not None:
            if k.notifies:
                keep = []
                for n in k.notifies:
                    event, subtree, flt = n
                    if event is None:               # fired through the other side of a merged key
                        continue
                    if (direct or subtree) and flt & what:
                        event.set(self.core)
                        n[0] = None
                    else:
                        keep.append(n)
                k.notifies = keep
            k, direct = k.parent, False


def registry(core) -> Registry:
    r = getattr(core, "registry", None)
    if r is None:
        r = core.registry = Registry(core)
    return r


def load(prefix_root: str, log=None) -> Registry:
    """The prefix's registry, read before the server detaches (so errors reach the user)."""
    return Registry(None, prefix_root, log)


def attach(core, reg: Registry) -> Registry:
    """Make `reg` (from load) the core's registry; a repaired file is saved soon after."""
    reg.core = core
    core.registry = reg
    if any(b.dirty for b in reg.branches):
        reg.schedule_save()
    return reg


def save_all(core) -> None:
    r = getattr(core, "registry", None)
    if r is not None:
        r.save_all()


# ---- requests ----------------------------------------------------------------------

def _key(client, h: int, access: int):
    """The Key or Classes (merged HKCR key) behind handle h."""
    k = client.thread.process.handles.get(h, (Key, Classes), access)
    if isinstance(k, Key) and k.deleted:
        raise Win32Error(Error.ERROR_KEY_DELETED)
    return k


def _parent(core, client, h: int):
    if h == 0:
        return registry(core).root
    return _key(client, h, 0)


def _components(name: str) -> list:
    """A relative key path -> its components: a leading backslash is ERROR_BAD_PATHNAME,
    repeated and trailing ones are skipped (as Wine's server does)."""
    if name.startswith("\\"):
        raise Win32Error(ERROR_BAD_PATHNAME)
    parts = [p for p in name.split("\\") if p]
    for p in parts:
        if len(p) > MAX_NAME:
            raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    return parts


def _grant(client, key, access: int) -> int:
    return client.thread.process.handles.add(key, key.map_access(access), False)


def _create(core, k: Key, parts: list, options: int, cls: str):
    """Open or create the key `parts` below k: (key, created)."""
    reg = registry(core)
    volatile = bool(options & REG_OPTION_VOLATILE)
    i = 0
    while i < len(parts):
        sub = k.child(parts[i])
        if sub is None:
            break
        k = sub
        i += 1
    if i == len(parts):
        return k, False
    if k.volatile and not volatile:
        raise Win32Error(Error.ERROR_CHILD_MUST_BE_VOLATILE)
    if k is reg.root or k is reg.root.child("User"):
        raise Win32Error(Error.ERROR_ACCESS_DENIED)       # no new hives
    now = core.wall()
    parent = k
    for p in parts[i:]:
        k = k.add_child(p, now, volatile)
    if cls:
        k.cls = cls
    if options & REG_OPTION_CREATE_LINK:
        k.link = True
    reg.touched(parent, REG_NOTIFY_CHANGE_NAME)          # dirties the branch (k's, a stable key's parent is stable)
    return k, True


def _create_classes(core, c: Classes, parts: list, options: int, cls: str):
    """Open or create a key below the merged key c: (Classes, created).  A new key goes below
    the user's Software\\Classes when its nearest existing ancestor (HKCR itself excluded) is
    there, else below the machine's (Windows: keys written under HKCR go to HKLM; values go
    to HKCU when the key exists there)."""
    c.sides()                                            # ERROR_KEY_DELETED
    rel = c.rel + tuple(parts)
    u, m = c.lookup(0, rel), c.lookup(1, rel)
    if u is not None or m is not None:
        return Classes(c.reg, rel, u, m), False
    side = 1
    for j in range(len(rel) - 1, 0, -1):
        if c.lookup(0, rel[:j]) is not None:
            side = 0
            break
        if c.lookup(1, rel[:j]) is not None:
            break
    k, _ = _create(core, c.reg.root, list(HIVES[side] + CLASSES + rel), options, cls)
    return Classes(c.reg, rel, k if side == 0 else None, k if side == 1 else None), True


@handler("create_key")
def create_key(core, client, req):
    k = _parent(core, client, req.parent)
    parts = _components(req.name)
    if isinstance(k, Classes):
        k, created = _create_classes(core, k, parts, req.options, req.cls)
    else:
        k, created = _create(core, k, parts, req.options, req.cls)
    return {"handle": _grant(client, k, req.access), "created": created}


@handler("open_key")
def open_key(core, client, req):
    k = _parent(core, client, req.parent)
    parts = _components(req.name)
    if isinstance(k, Classes):
        k.sides()                                        # ERROR_KEY_DELETED
        rel = k.rel + tuple(parts)
        u, m = k.lookup(0, rel), k.lookup(1, rel)
        if u is None and m is None:
            raise Win32Error(Error.ERROR_FILE_NOT_FOUND)
        return {"handle": _grant(client, Classes(k.reg, rel, u, m), req.access)}
    for p in parts:
        k = k.child(p)
        if k is None:
            raise Win32Error(Error.ERROR_FILE_NOT_FOUND)
    return {"handle": _grant(client, k, req.access)}


@handler("open_classes_root")
def open_classes_root(core, client, req):
    """HKEY_CLASSES_ROOT (creating HKLM\\Software\\Classes if the prefix lacks it)."""
    reg = registry(core)
    m, _ = _create(core, reg.root, list(HIVES[1] + CLASSES), 0, "")
    return {"handle": _grant(client, Classes(reg, (), _walk(reg.root, HIVES[0] + CLASSES), m), req.access)}


@handler("delete_key")
def delete_key(core, client, req):
    reg = registry(core)
    k = _key(client, req.handle, DELETE)
    if isinstance(k, Classes):
        if not k.rel:
            raise Win32Error(Error.ERROR_ACCESS_DENIED)
        k = k.primary()                                  # the user's key when there is one
    if k.subkeys or k.parent is None or k.parent is reg.root or k.branch is not None and k.branch.key is k:
        raise Win32Error(Error.ERROR_ACCESS_DENIED)
    parent = k.parent
    del parent.subkeys[k.name.lower()]
    parent._sorted_keys = None
    k.deleted = True
    for n in k.notifies:
        if n[0] is not None:
            n[0].set(core)
            n[0] = None
    k.notifies = []
    reg.touched(parent, REG_NOTIFY_CHANGE_NAME)          # dirties the branch (k's, a stable key's parent is stable)
    return {}


@handler("flush_key")
def flush_key(core, client, req):
    reg = registry(core)
    k = _key(client, req.handle, 0)
    ok = True
    for key in k.sides():
        if key is None:
            continue
        b = key.branch
        if b is None:                      # \REGISTRY, \REGISTRY\User: flush everything
            ok = reg.save_all() and ok
        else:
            ok = (not b.dirty or reg.save(b)) and ok
    if not ok:
        raise Win32Error(ERROR_REGISTRY_IO_FAILED)
    return {}


@handler("set_key_value")
def set_key_value(core, client, req):
    k = _key(client, req.handle, KEY_SET_VALUE).primary()
    if len(req.name) > MAX_VALUE_NAME:
        raise Win32Error(Error.ERROR_INVALID_PARAMETER)
    if len(req.data) > MAX_VALUE_DATA:
        raise Win32Error(Error.ERROR_NOT_ENOUGH_MEMORY)
    old = k.values.get(req.name.lower())
    if old is not None and old[1] == req.type and old[2] == req.data and old[0] == req.name:
        return {}
    k.set_value(req.name, req.type, req.data)
    registry(core).touched(k, REG_NOTIFY_CHANGE_LAST_SET)
    return {}


@handler("get_key_value")
def get_key_value(core, client, req):
    k = _key(client, req.handle, KEY_QUERY_VALUE)
    v = None
    for key in k.sides():
        if key is not None:
            v = key.values.get(req.name.lower())
            if v is not None:
                break
    if v is None:
        raise Win32Error(Error.ERROR_FILE_NOT_FOUND)
    data = v[2]
    return {"type": v[1], "size": len(data), "data": data if len(data) <= req.max else b""}


@handler("enum_key")
def enum_key(core, client, req):
    k = _key(client, req.handle, KEY_ENUMERATE_SUB_KEYS)
    subs = k.sorted_subkeys()
    if req.index >= len(subs):
        raise Win32Error(Error.ERROR_NO_MORE_ITEMS)
    s = subs[req.index]
    return {"modif": s.modif, "name": s.name, "cls": s.cls or ""}


@handler("enum_value")
def enum_value(core, client, req):
    k = _key(client, req.handle, KEY_QUERY_VALUE)
    vals = k.sorted_values()
    if req.index >= len(vals):
        raise Win32Error(Error.ERROR_NO_MORE_ITEMS)
    name, t, data = vals[req.index]
    return {"type": t, "size": len(data), "name": name, "data": data if len(data) <= req.max else b""}


@handler("query_key")
def query_key(core, client, req):
    k = _key(client, req.handle, KEY_QUERY_VALUE)
    if isinstance(k, Classes):
        subs, vals = k.sorted_subkeys(), k.sorted_values()
        k = k.primary()
    else:
        subs, vals = k.subkeys.values(), k.values.values()
    return {"subkeys": len(subs), "max_subkey": max((len(s.name) for s in subs), default=0),
            "max_class": max((len(s.cls or "") for s in subs), default=0),
            "values": len(vals), "max_value": max((len(v[0]) for v in vals), default=0),
            "max_data": max((len(v[2]) for v in vals), default=0), "modif": k.modif,
            "name": k.path(), "cls": k.cls or ""}


@handler("delete_value")
def delete_value(core, client, req):
    k = _key(client, req.handle, KEY_SET_VALUE)
    for key in k.sides():
        if key is not None and key.del_value(req.name):   # merged: the value a query sees
            registry(core).touched(key, REG_NOTIFY_CHANGE_LAST_SET)
            return {}
    raise Win32Error(Error.ERROR_FILE_NOT_FOUND)


@handler("notify_key")
def notify_key(core, client, req):
    k = _key(client, req.handle, KEY_NOTIFY)
    event = client.thread.process.handles.get(req.event, Event, EVENT_MODIFY_STATE)
    n = [event, bool(req.subtree), req.filter]           # shared by both sides of a merged key
    for key in k.sides():
        if key is not None:
            key.notifies.append(n)
    return {}
