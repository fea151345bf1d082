"""HKEY_CLASSES_ROOT as Windows' merged view of HKCU\\Software\\Classes over HKLM\\Software\\Classes
(server/registry.py Classes; open_classes_root), and `winelike regedit query HKCR\\...` showing it."""
from __future__ import annotations

import os
import sys

from helpers import HKCU, KEY_READ, MAXIMUM_ALLOWED, world_with_registry

sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))
from conftest import run_winelike  # noqa: E402

ERROR_FILE_NOT_FOUND, ERROR_ACCESS_DENIED, ERROR_KEY_DELETED, ERROR_NO_MORE_ITEMS = 2, 5, 1018, 259
KEY_SET_VALUE, DELETE = 2, 0x10000
USER = HKCU + "\\Software\\Classes"
MACHINE = "Machine\\Software\\Classes"


def sz(text):
    return (text + "\0").encode("utf-16-le")


def create(p, name, parent=0):
    r = p.create_key(parent=parent, access=MAXIMUM_ALLOWED, options=0, name=name, cls="")
    assert r.error == 0, r
    return r.handle


def setv(p, path, name, text):
    h = create(p, path)
    assert p.set_key_value(handle=h, type=1, name=name, data=sz(text)).error == 0
    p.close_handle(handle=h)


def getv(p, h, name):
    r = p.get_key_value(handle=h, max=1000, name=name)
    return r.error or r.data.decode("utf-16-le").rstrip("\0")


def exists(p, path):
    r = p.open_key(parent=0, access=KEY_READ, options=0, name=path)
    if r.error == 0:
        p.close_handle(handle=r.handle)
    return r.error == 0


def enum(p, h, what):
    out, i = [], 0
    while True:
        r = p.enum_key(handle=h, index=i) if what == "keys" else p.enum_value(handle=h, index=i, max=1000)
        if r.error:
            assert r.error == ERROR_NO_MORE_ITEMS
            return out
        out.append(r.name if what == "keys" else (r.name, r.data.decode("utf-16-le").rstrip("\0")))
        i += 1


def world():
    w = world_with_registry()
    p = w.process()
    setv(p, MACHINE + "\\.wlt", "", "machine-default")
    setv(p, MACHINE + "\\.wlt", "Shared", "machine")
    setv(p, MACHINE + "\\.wlt", "MachineOnly", "m")
    setv(p, MACHINE + "\\.wlt\\Both", "", "m")
    setv(p, MACHINE + "\\.wlt\\MachineSub", "", "m")
    setv(p, MACHINE + "\\MachineClass", "", "m")
    setv(p, USER + "\\.wlt", "Shared", "user")
    setv(p, USER + "\\.wlt", "UserOnly", "u")
    setv(p, USER + "\\.wlt\\both", "", "u")
    setv(p, USER + "\\.wlt\\UserSub", "", "u")
    setv(p, USER + "\\UserClass", "", "u")
    root = p.open_classes_root(access=MAXIMUM_ALLOWED).handle
    return w, p, root


def test_user_value_visible_and_shadows_machine():
    w, p, root = world()
    assert getv(p, root, "") == ERROR_FILE_NOT_FOUND
    k = p.open_key(parent=root, access=KEY_READ, options=0, name=".WLT").handle
    assert getv(p, k, "UserOnly") == "u"                    # only in HKCU\Software\Classes
    assert getv(p, k, "MachineOnly") == "m"
    assert getv(p, k, "Shared") == "user"                   # the user's wins
    assert getv(p, k, "") == "machine-default"              # HKCU's key does not hide HKLM's values
    assert getv(p, k, "nope") == ERROR_FILE_NOT_FOUND
    u = p.open_key(parent=root, access=KEY_READ, options=0, name="UserClass").handle
    assert getv(p, u, "") == "u"
    assert p.open_key(parent=root, access=KEY_READ, options=0, name="NoClass").error == ERROR_FILE_NOT_FOUND
    assert p.open_key(parent=k, access=KEY_READ, options=0, name="Both").error == 0
    b = p.open_key(parent=root, access=KEY_READ, options=0, name=".wlt\\BOTH").handle
    assert getv(p, b, "") == "u"


def test_enumeration_is_the_union():
    w, p, root = world()
    k = p.open_key(parent=root, access=KEY_READ, options=0, name=".wlt").handle
    assert enum(p, k, "keys") == ["both", "MachineSub", "UserSub"]      # sorted, the user's name
    assert enum(p, k, "values") == [("", "machine-default"), ("MachineOnly", "m"), ("Shared", "user"),
                                    ("UserOnly", "u")]
    names = enum(p, root, "keys")
    assert ".wlt" in names and "MachineClass" in names and "UserClass" in names
    assert len(names) == len(set(n.lower() for n in names))
    q = p.query_key(handle=k)
    assert (q.subkeys, q.values, q.max_subkey, q.max_value) == (3, 4, 10, 11)
    # a change on either side shows in the next enumeration through the same handle
    setv(p, MACHINE + "\\.wlt\\AAA", "", "m")
    assert enum(p, k, "keys")[0] == "AAA"


def test_where_writes_go():
    w, p, root = world()
    k = p.open_key(parent=root, access=MAXIMUM_ALLOWED, options=0, name=".wlt").handle
    assert p.set_key_value(handle=k, type=1, name="New", data=sz("x")).error == 0   # key exists in HKCU
    u = create(p, USER + "\\.wlt")
    m = create(p, MACHINE + "\\.wlt")
    assert getv(p, u, "New") == "x" and getv(p, m, "New") == ERROR_FILE_NOT_FOUND
    mc = p.open_key(parent=root, access=MAXIMUM_ALLOWED, options=0, name="MachineClass").handle
    p.set_key_value(handle=mc, type=1, name="New", data=sz("y"))                   # only in HKLM
    assert not exists(p, USER + "\\MachineClass")
    assert getv(p, create(p, MACHINE + "\\MachineClass"), "New") == "y"
    # new keys: HKLM at the top (the docs' rule), the user's tree below a key the user has
    r = p.create_key(parent=root, access=MAXIMUM_ALLOWED, options=0, name="NewClass\\shell", cls="")
    assert r.error == 0 and r.created
    assert exists(p, MACHINE + "\\NewClass\\shell") and not exists(p, USER + "\\NewClass")
    r = p.create_key(parent=root, access=MAXIMUM_ALLOWED, options=0, name="UserClass\\a\\b", cls="")
    assert r.created and exists(p, USER + "\\UserClass\\a\\b") and not exists(p, MACHINE + "\\UserClass")
    r = p.create_key(parent=k, access=MAXIMUM_ALLOWED, options=0, name="MachineSub\\deep", cls="")
    assert r.created and exists(p, MACHINE + "\\.wlt\\MachineSub\\deep")
    assert not exists(p, USER + "\\.wlt\\MachineSub")
    r = p.create_key(parent=k, access=MAXIMUM_ALLOWED, options=0, name="Fresh", cls="")
    assert r.created and exists(p, USER + "\\.wlt\\Fresh")             # .wlt exists in HKCU
    r = p.create_key(parent=root, access=MAXIMUM_ALLOWED, options=0, name=".wlt\\machinesub", cls="")
    assert r.error == 0 and not r.created
    # a write through a read-only handle is refused, as for any key
    ro = p.open_key(parent=root, access=KEY_READ, options=0, name=".wlt").handle
    assert p.set_key_value(handle=ro, type=1, name="x", data=sz("x")).error == ERROR_ACCESS_DENIED


def test_delete_value_and_key():
    w, p, root = world()
    k = p.open_key(parent=root, access=MAXIMUM_ALLOWED, options=0, name=".wlt").handle
    assert p.delete_value(handle=k, name="Shared").error == 0           # the user's one goes first
    assert getv(p, k, "Shared") == "machine"
    assert p.delete_value(handle=k, name="Shared").error == 0
    assert getv(p, k, "Shared") == ERROR_FILE_NOT_FOUND
    assert p.delete_value(handle=k, name="Shared").error == ERROR_FILE_NOT_FOUND
    b = p.open_key(parent=k, access=MAXIMUM_ALLOWED, options=0, name="both").handle
    assert p.delete_key(handle=b).error == 0                             # the user's key
    assert not exists(p, USER + "\\.wlt\\both") and exists(p, MACHINE + "\\.wlt\\Both")
    assert getv(p, b, "") == "m"                                         # the handle now sees HKLM's
    assert p.delete_key(handle=b).error == 0
    assert p.set_key_value(handle=b, type=1, name="x", data=sz("x")).error == ERROR_KEY_DELETED
    assert p.get_key_value(handle=b, max=10, name="").error == ERROR_KEY_DELETED
    assert p.delete_key(handle=root).error == ERROR_ACCESS_DENIED
    assert p.delete_key(handle=k).error == ERROR_ACCESS_DENIED           # has subkeys
    ro = p.open_key(parent=root, access=KEY_READ, options=0, name="UserClass").handle
    assert p.delete_key(handle=ro).error == ERROR_ACCESS_DENIED


def test_user_classes_created_later_and_notify():
    w = world_with_registry()
    p = w.process()
    root = p.open_classes_root(access=MAXIMUM_ALLOWED).handle          # no HKCU\Software\Classes yet
    assert exists(p, MACHINE)
    setv(p, USER + "\\Later", "", "u")
    assert "Later" in enum(p, root, "keys")
    k = p.open_key(parent=root, access=MAXIMUM_ALLOWED, options=0, name="Later").handle
    ev = p.event(manual=True)
    assert p.notify_key(handle=root, event=ev, subtree=True, filter=4).error == 0
    p.set_key_value(handle=k, type=4, name="a", data=b"1234")
    assert p.query_event(handle=ev).state == 1
    assert p.flush_key(handle=k).error == 0


def test_regedit_query_shows_merged_view(tmp_path):
    prefix = tmp_path / "prefix"
    assert run_winelike(["regedit", "add", "HKLM\\Software\\Classes\\.wlt", "/v", "Shared", "/d", "machine",
                         "/f"], prefix).returncode == 0
    run_winelike(["regedit", "add", "HKLM\\Software\\Classes\\.wlt", "/v", "MachineOnly", "/d", "m", "/f"], prefix)
    run_winelike(["regedit", "add", "HKCU\\Software\\Classes\\.wlt", "/v", "Shared", "/d", "user", "/f"], prefix)
    run_winelike(["regedit", "add", "HKCU\\Software\\Classes\\.wlt\\UserSub", "/f"], prefix)
    r = run_winelike(["regedit", "query", "HKCR\\.wlt"], prefix)
    assert r.returncode == 0, r.stderr
    assert r.stdout == (b"\r\nHKEY_CLASSES_ROOT\\.wlt\r\n    MachineOnly    REG_SZ    m\r\n"
                        b"    Shared    REG_SZ    user\r\n\r\nHKEY_CLASSES_ROOT\\.wlt\\UserSub\r\n")
    # add through HKCR writes where the key already is: HKCU's .wlt
    assert run_winelike(["regedit", "add", "HKCR\\.wlt", "/v", "New", "/d", "x", "/f"], prefix).returncode == 0
    r = run_winelike(["regedit", "query", "HKCU\\Software\\Classes\\.wlt", "/v", "New"], prefix)
    assert r.returncode == 0 and b"New    REG_SZ    x" in r.stdout
    run_winelike(["server", "--kill"], prefix)


def test_sample_runs_the_merge_checks(tmp_path):
    """reg_hkcr skips its merge checks only when ntdll exports wine_get_version: winelike must
    not, so here every check runs (and the generic runner checks the exit code)."""
    from conftest import BIN
    for arch in ("x86", "x64"):
        r = run_winelike(["run", str(BIN / arch / "reg_hkcr.exe")], tmp_path / "prefix")
        out = r.stdout.decode()
        assert r.returncode == 0 and "0 failures), 0 skipped." in out, out
    run_winelike(["server", "--kill"], tmp_path / "prefix")
