"""Loader behaviour seen from outside: exit codes, the unimplemented-import path, --strict-imports,
WINELIKE_DLLOVERRIDES, argv and command-line quoting (checked against Wine when it runs here), +relay and
+loaddll traces, DLL_PROCESS_DETACH order at exit, and a relocated exe."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from conftest import BIN, ARCHS, ROOT

EXIT = "ldr_exit.exe"


def exe(arch, name=EXIT):
    return str(BIN / arch / name)


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("mode,code", [("ret", 3), ("exit", 4), ("ExitProcess", 5)])
def test_exit_code(winelike, arch, mode, code):
    r = winelike("run", exe(arch), mode, str(code))
    assert r.returncode == code, r.stderr.decode(errors="replace")
    assert b"Traceback" not in r.stderr


@pytest.mark.parametrize("arch", ARCHS)
def test_stdout_flushed_at_ExitProcess(winelike, arch):
    r = winelike("run", exe(arch), "flush")
    assert r.returncode == 0
    assert r.stdout == b"buffered text without a newline"


def _copy_reloc_sample(tmp_path, arch, dlls):
    d = tmp_path / arch
    d.mkdir()
    shutil.copy(BIN / arch / "ldr_reloc.exe", d)
    for src, dst in dlls:
        shutil.copy(BIN / arch / src, d / dst)
    return str(d / "ldr_reloc.exe")


@pytest.mark.parametrize("arch", ARCHS)
def test_unimplemented_import_aborts_when_called(winelike, tmp_path, arch):
    # wl_reloc_b.dll is present but is really wl_reloc_a.dll: wl_reloc_b_value is provided by nothing
    prog = _copy_reloc_sample(tmp_path, arch, [("wl_reloc_a.dll", "wl_reloc_a.dll"),
                                               ("wl_reloc_a.dll", "wl_reloc_b.dll")])
    r = winelike("run", prog)
    err = r.stderr.decode(errors="replace")
    assert re.search(r"Call from 0x[0-9a-f]+ to unimplemented function wl_reloc_b\.dll\.wl_reloc_b_value, aborting",
                     err), err
    assert r.returncode != 0
    assert "Traceback" not in err


@pytest.mark.parametrize("arch", ARCHS)
def test_strict_imports_lists_every_missing_import(winelike, tmp_path, arch):
    prog = _copy_reloc_sample(tmp_path, arch, [])        # neither DLL is there
    r = winelike("run", "--strict-imports", prog)
    err = r.stderr.decode(errors="replace")
    assert r.returncode != 0
    assert r.stdout == b"", "the program ran"
    for name in ("wl_reloc_a.dll.wl_reloc_a_value", "wl_reloc_a.dll.wl_reloc_name", "wl_reloc_a.dll.wl_reloc_value",
                 "wl_reloc_a.dll.wl_reloc_value_addr", "wl_reloc_b.dll.wl_reloc_b_value", "wl_reloc_a.dll.#50"):
        assert name in err, err
    m = re.search(r"(\d+) import\(s\) not provided", err)
    assert m and int(m.group(1)) >= 6, err


@pytest.mark.parametrize("arch", ARCHS)
def test_missing_dll_still_loads(winelike, tmp_path, arch):
    # without --strict-imports the program starts; it fails its own checks (GetModuleHandle is NULL)
    prog = _copy_reloc_sample(tmp_path, arch, [])
    r = winelike("run", prog)
    assert b"Test failed" in r.stdout, r.stdout              # it ran: its own checks see no DLLs
    # then it calls an import by ordinal that nothing provides
    assert b"to unimplemented function wl_reloc_a.dll.#50, aborting" in r.stderr, r.stderr
    assert r.returncode != 0
    assert b"Traceback" not in r.stderr


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("overrides,loaded", [
    ("wl_sample=b", False),           # built-in only: there is none
    ("wl_sample=n", True),
    ("wl_sample=b,n", True),
    ("wl_sample.dll=", False),        # disabled
    ("*=b;wl_sample=n", True),
    ("kernel32,wl_sample=b", False),
])
def test_dll_overrides(winelike, arch, overrides, loaded):
    r = winelike("run", exe(arch), "load", "wl_sample.dll", env={"WINELIKE_DLLOVERRIDES": overrides})
    out = r.stdout.decode()
    if loaded:
        assert "loaded error=0" in out and r.returncode == 0, out
    else:
        assert "failed error=126" in out and r.returncode == 1, out


@pytest.mark.parametrize("arch", ARCHS)
def test_LoadLibraryEx_as_datafile_refused_with_fixme(winelike, arch):
    r = winelike("run", exe(arch), "loadex", "wl_sample.dll", "2")      # LOAD_LIBRARY_AS_DATAFILE
    assert "failed error=120" in r.stdout.decode(), r.stdout
    assert re.search(r"fixme:module:LoadLibraryExA 'wl_sample\.dll' flags 0x2: loading as a data file",
                     r.stderr.decode(errors="replace")), r.stderr
    r = winelike("run", exe(arch), "loadex", "kernel32.dll", "2")        # loaded already: the module itself
    assert "loaded error=0" in r.stdout.decode()


ARGS = ["a b", 'quote"inside', "back\\slash", "trail\\", 'bs\\"q', "", "two  spaces", "\\\\server\\share",
        "ends\\\\", "tab\tx", '"', "\\", "x y\\"]


def _expected_argv_lines(args):
    lines = [f"argc={len(args) + 2}", "argv[1]=[argv]"]
    lines += [f"argv[{i + 2}]=[{a}]" for i, a in enumerate(args)]
    return lines


@pytest.mark.parametrize("arch", ARCHS)
def test_argv_round_trip(winelike, arch):
    r = winelike("run", exe(arch), "argv", *ARGS)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode().replace("\r\n", "\n").split("\n")
    assert lines[:len(ARGS) + 2] == _expected_argv_lines(ARGS)


@pytest.mark.parametrize("arch", ARCHS)
def test_envp_and_environment(winelike, arch):
    r = winelike("run", exe(arch), "env", "WLTEST_VAR", env={"WLTEST_VAR": "x y=z"})
    assert r.stdout.replace(b"\r\n", b"\n") == \
        b"getenv=[x y=z] envp=[WLTEST_VAR=x y=z] win32=[x y=z] count_ok=1\n", r.stdout


def _wine_ok():
    return shutil.which("wine") is not None and os.environ.get("WINELIKE_NO_WINE") is None


@pytest.mark.skipif(not _wine_ok(), reason="wine is not installed")
def test_command_line_matches_wine(winelike, tmp_path):
    """The command line (not only argv) is what Wine builds for the same arguments."""
    env = dict(os.environ, WINEDEBUG="-all", WINEPREFIX=os.environ.get("WINELIKE_TEST_WINEPREFIX",
                                                                         str(tmp_path / "wineprefix")))
    try:
        w = subprocess.run(["wine", exe("x64"), "argv", *ARGS], capture_output=True, env=env, timeout=180)
    except subprocess.TimeoutExpired:
        pytest.skip("wine did not finish")
    if w.returncode != 0 or b"argc=" not in w.stdout:
        pytest.skip(f"wine does not run programs here: {w.stderr[-300:]!r}")
    r = winelike("run", exe("x64"), "argv", *ARGS)
    assert r.stdout.replace(b"\r\n", b"\n") == w.stdout.replace(b"\r\n", b"\n")


@pytest.mark.parametrize("arch", ARCHS)
def test_relay_shows_calls_with_strings(winelike, arch):
    r = winelike("run", exe(arch), "relay", env={"WINELIKE_DEBUG": "+relay"})
    err = r.stderr.decode(errors="replace")
    assert r.returncode == 0
    assert re.search(r'Call KERNEL32\.GetModuleHandleW\([0-9a-f]+ L"kernel32\.dll"\) ret=[0-9a-f]+', err), err[-2000:]
    assert re.search(r"Ret  KERNEL32\.GetModuleHandleW\(\) retval=[0-9a-f]+ ret=[0-9a-f]+", err)


@pytest.mark.parametrize("arch", ARCHS)
def test_loaddll_trace(winelike, arch):
    r = winelike("run", exe(arch), "load", "wl_sample.dll", env={"WINELIKE_DEBUG": "+loaddll"})
    err = r.stderr.decode(errors="replace")
    assert re.search(r'trace:loaddll:\w+ Loaded L"C:\\windows\\system32\\kernel32\.dll" at [0-9a-f]+: builtin', err), err
    assert re.search(r'trace:loaddll:\w+ Loaded L"[A-Z]:\\.*\\wl_sample\.dll" at [0-9a-f]+: native', err), err
    r = winelike("run", exe(arch), "load", "wl_sample.dll",
                 env={"WINELIKE_DEBUG": "+loaddll", "WINELIKE_DLLOVERRIDES": "wl_sample=b"})
    assert "wl_sample.dll: not found (order b)" in r.stderr.decode(errors="replace")


@pytest.mark.parametrize("arch", ARCHS)
def test_detach_order_at_exit(winelike, arch):
    """DLL_PROCESS_DETACH at exit runs in reverse initialisation order, with lpReserved non-NULL."""
    r = winelike("run", exe(arch, "ldr_native.exe"))
    assert r.returncode == 0, r.stdout.decode(errors="replace")
    events = re.findall(rb"exit-event: (\S+)", r.stdout)
    assert events == [b"detach:wl_sample_dep:exit", b"detach:wl_sample:exit"]


@pytest.mark.parametrize("arch", ARCHS)
def test_relocated_exe(prefix, arch):
    """Occupy the exe's preferred base before mapping it: the loader relocates the exe and it still runs."""
    from winelike.prefix import Prefix
    from winelike.process import Process
    from winelike.cpu.memory import PAGE_READWRITE
    import io
    import contextlib

    pfx = Prefix(str(prefix)).ensure()
    proc = Process(pfx, exe(arch, "ldr_reloc.exe"), [])
    proc.mem.reserve(proc.info.image_base, 0x10000, PAGE_READWRITE, tag="squatter")
    proc.load()
    assert proc.exe.base != proc.info.image_base
    assert proc.peb.ImageBaseAddress == proc.exe.base
    out = io.StringIO()
    code = proc.run()
    assert code == 0


@pytest.mark.parametrize("arch", ARCHS)
def test_native_dll_search_current_directory(winelike, tmp_path, arch):
    """A native DLL is found in the current directory when it is not next to the program."""
    progdir, cwd = tmp_path / "prog", tmp_path / "cwd"
    progdir.mkdir()
    cwd.mkdir()
    shutil.copy(BIN / arch / EXIT, progdir)
    r = winelike("run", str(progdir / EXIT), "load", "wl_sample.dll", cwd=str(cwd), env={"PYTHONPATH": str(ROOT)})
    assert "failed error=126" in r.stdout.decode(), r.stdout
    shutil.copy(BIN / arch / "wl_sample.dll", cwd)
    r = winelike("run", str(progdir / EXIT), "load", "wl_sample.dll", cwd=str(cwd), env={"PYTHONPATH": str(ROOT)})
    assert "loaded error=0" in r.stdout.decode(), r.stdout + r.stderr


@pytest.mark.parametrize("arch", ARCHS)
def test_native_dll_search_PATH(winelike, tmp_path, arch):
    """... and in the directories of the program's PATH (Windows paths; Z: is the host's root)."""
    progdir, libs = tmp_path / "prog", tmp_path / "lib dir"
    progdir.mkdir()
    libs.mkdir()
    shutil.copy(BIN / arch / EXIT, progdir)
    shutil.copy(BIN / arch / "wl_sample.dll", libs)
    path = "C:\\nowhere;Z:" + str(libs).replace("/", "\\")
    r = winelike("run", str(progdir / EXIT), "loadpath", path, "wl_sample.dll", cwd=str(tmp_path),
                 env={"PYTHONPATH": str(ROOT)})
    assert "loaded error=0" in r.stdout.decode(), r.stdout + r.stderr


@pytest.mark.parametrize("arch", ARCHS)
def test_native_dll_search_system32(tmp_path, arch):
    """... and in the prefix's system32."""
    from conftest import run_winelike
    from winelike.prefix import Prefix
    pfx = Prefix(str(tmp_path / "prefix")).ensure()
    progdir = tmp_path / "prog"
    progdir.mkdir()
    shutil.copy(BIN / arch / EXIT, progdir)
    shutil.copy(BIN / arch / "wl_sample.dll", os.path.join(pfx.system32, "wl_sample.dll"))
    r = run_winelike(["run", str(progdir / EXIT), "load", "wl_sample.dll"], pfx.root, cwd=str(tmp_path),
                     env={"PYTHONPATH": str(ROOT)})
    assert "loaded error=0" in r.stdout.decode(), r.stdout + r.stderr


@pytest.mark.parametrize("arch", ARCHS)
def test_static_dll_init_failure_ends_the_process(winelike, arch):
    """A static import whose DllMain fails: main is never reached, exit status c0000142 (66, as Wine)."""
    r = winelike("run", exe(arch, "ldr_initfail.exe"))
    assert r.returncode == 0x42
    assert b"main reached" not in r.stdout
    assert b"wl_initfail.dll" in r.stderr and b"c0000142" in r.stderr
    assert b"Traceback" not in r.stderr


@pytest.mark.parametrize("arch", ARCHS)
def test_LoadLibrary_of_an_exe(winelike, arch):
    """An EXE can be loaded as a module (with its imports); its entry point is not called as a DllMain."""
    r = winelike("run", exe(arch), "load", "ldr_reloc.exe")
    assert r.stdout.replace(b"\r\n", b"\n") == b"load ldr_reloc.exe: loaded error=0\n", r.stdout + r.stderr
    assert r.returncode == 0


@pytest.mark.parametrize("arch", ARCHS)
def test_entry_point_return_ends_the_process(winelike, arch):
    r = winelike("run", exe(arch, "ldr_entryret.exe"))
    assert r.stdout == b"entry returns 7\n"
    assert r.returncode == 7


@pytest.mark.parametrize("arch", ARCHS)
def test_LoadLibrary_bad_images(winelike, tmp_path, arch):
    """A DLL of the other architecture and a file that is no PE image: ERROR_BAD_EXE_FORMAT (193), as Wine."""
    other = "x86" if arch == "x64" else "x64"
    shutil.copy(BIN / arch / EXIT, tmp_path)
    shutil.copy(BIN / other / "wl_sample.dll", tmp_path / "other.dll")
    (tmp_path / "junk.dll").write_bytes(b"not a PE image\n")
    for name in ("other.dll", "junk.dll"):
        r = winelike("run", str(tmp_path / EXIT), "load", name, cwd=str(tmp_path), env={"PYTHONPATH": str(ROOT)})
        assert f"load {name}: failed error=193" in r.stdout.decode(), r.stdout + r.stderr
        assert b"Traceback" not in r.stderr


def test_fixme_stats_counts_each_fixme(winelike):
    """--fixme-stats reports, at exit, how often each partial implementation was hit, even when silenced."""
    r = winelike("run", "--fixme-stats", exe("x64"), "loadex", "wl_sample.dll", "2",
                 env={"WINELIKE_DEBUG": "fixme-all"})
    err = r.stderr.decode(errors="replace")
    assert "fixme:module:LoadLibraryExA" not in err        # silenced...
    assert re.search(r"^\s+1\s+module:LoadLibraryExA$", err, re.M), err   # ...but counted
