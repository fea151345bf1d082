"""Built-in DLL framework: typed exports, invokers, relay, PE-shaped images.

A built-in DLL is a package under winelike/dlls/ whose __init__ creates a
`BuiltinDll` and imports its area modules; each module declares exports with
`@dll.stdcall` / `@dll.cdecl` on a plain function whose annotations are the
prototype.  From that one signature come: the argument reader (an "invoker"
generated once per export and architecture), the stack cleanup of its thunk
(`ret 4*slots` for stdcall on x86), the +relay line, and the Wine `.spec` entry.
"""
from __future__ import annotations

import importlib
import inspect
import struct
import sys
import types

from winelike.abi import types as T
from winelike.abi.types import WinType, VarArgs
from winelike import debug

THUNK_SIZE = 16


class Export:
    __slots__ = ("dll", "name", "func", "conv", "argtypes", "argnames", "restype", "ordinal",
                 "varargs", "forward", "data_size", "data_init", "rva")

    def __init__(self, dll, name, func=None, conv="stdcall", argtypes=(), argnames=(), restype=T.VOID,
                 ordinal=None, varargs=False, forward=None, data_size=0, data_init=None):
        self.dll = dll
        self.name = name
        self.func = func
        self.conv = conv
        self.argtypes = tuple(argtypes)
        self.argnames = tuple(argnames)
        self.restype = restype
        self.ordinal = ordinal
        self.varargs = varargs
        self.forward = forward
        self.data_size = data_size
        self.data_init = data_init
        self.rva = 0

    @property
    def is_data(self):
        return callable(self.data_size) or self.data_size > 0

    def arg_bytes32(self) -> int:
        return 4 * sum(t.slots32() for t in self.argtypes)


_SIG_FLAGS = 0x04 | 0x08      # CO_VARARGS | CO_VARKEYWORDS
_ann_cache: dict = {}


class _Param:
    __slots__ = ("name", "annotation", "kind")

    def __init__(self, name, annotation, kind):
        self.name, self.annotation, self.kind = name, annotation, kind


class _Sig:
    __slots__ = ("parameters", "return_annotation")


def _signature(fn):
    """inspect.signature(fn, eval_str=True), for the plain functions exports are (startup cost:
    inspect takes ~100 us per export); anything unusual goes to inspect itself."""
    code = getattr(fn, "__code__", None)
    if (code is None or hasattr(fn, "__wrapped__") or code.co_kwonlyargcount or code.co_flags & 0x08
            or fn.__defaults__ or not isinstance(fn.__annotations__, dict) or type(fn).__name__ != "function"):
        return inspect.signature(fn, eval_str=True)
    g = fn.__globals__
    anns = fn.__annotations__

    def ev(a):
        if not isinstance(a, str):
            return a
        key = (id(g), a)
        try:
            return _ann_cache[key]
        except KeyError:
            v = _ann_cache[key] = eval(a, g)
            return v

    empty = inspect.Parameter.empty
    names = code.co_varnames
    params = {}
    n = code.co_argcount
    for i in range(n):
        params[names[i]] = _Param(names[i], ev(anns.get(names[i], empty)),
                                  inspect.Parameter.POSITIONAL_OR_KEYWORD)
    if code.co_flags & 0x04:
        params[names[n]] = _Param(names[n], ev(anns.get(names[n], empty)), inspect.Parameter.VAR_POSITIONAL)
    sig = _Sig()
    sig.parameters = params
    sig.return_annotation = ev(anns.get("return", inspect.Signature.empty))
    return sig


class BuiltinDll:
    """One built-in DLL: its exports, in declaration order."""

    def __init__(self, name: str, doc: str = ""):
        self.name = name.lower()                 # "kernel32.dll"
        self.base_name = self.name.rsplit(".", 1)[0]
        self.exports: dict[str, Export] = {}
        self.ordinal_only: list[Export] = []
        self.doc = doc
        self.on_attach = []                      # callables run when a process loads this DLL

    # ---- declaration -------------------------------------------------------
    def _declare(self, fn, conv, name, ordinal):
        sig = _signature(fn)
        argtypes, argnames, varargs = [], [], False
        for p in sig.parameters.values():
            ann = p.annotation
            if p.kind is inspect.Parameter.VAR_POSITIONAL:
                if not isinstance(ann, VarArgs):
                    raise TypeError(f"{fn.__name__}: *args must be annotated VARARGS")
                varargs = True
                continue
            if not isinstance(ann, WinType):
                raise TypeError(f"{self.name}.{fn.__name__}: parameter {p.name} needs a WinType annotation")
            argtypes.append(ann)
            argnames.append(p.name)
        restype = sig.return_annotation
        if restype is inspect.Signature.empty or restype is None:
            restype = T.VOID
        if not isinstance(restype, WinType):
            raise TypeError(f"{self.name}.{fn.__name__}: return annotation must be a WinType")
        if varargs and conv == "stdcall":
            raise TypeError(f"{fn.__name__}: varargs functions are cdecl")
        name = name or fn.__name__
        if name in self.exports:
            raise ValueError(f"{self.name}: {name} declared twice")
        exp = Export(self, name, fn, conv, argtypes, argnames, restype, ordinal, varargs)
        self.exports[name] = exp
        fn.export = exp
        return fn

    def stdcall(self, fn=None, *, name=None, ordinal=None):
        if fn is None:
            return lambda f: self._declare(f, "stdcall", name, ordinal)
        return self._declare(fn, "stdcall", name, ordinal)

    def cdecl(self, fn=None, *, name=None, ordinal=None):
        if fn is None:
            return lambda f: self._declare(f, "cdecl", name, ordinal)
        return self._declare(fn, "cdecl", name, ordinal)

    def forward(self, name: str, target: str, ordinal=None):
        """Export `name` as a forwarder string, e.g. forward("HeapAlloc", "ntdll.RtlAllocateHeap")."""
        self.exports[name] = Export(self, name, forward=target, ordinal=ordinal)

    def data(self, name: str, size: int, init=None, ordinal=None):
        """A data export of `size` bytes (size may be a callable of ptr_size); init(process, addr) fills it."""
        self.exports[name] = Export(self, name, data_size=size, data_init=init, ordinal=ordinal)

    # ---- spec file ---------------------------------------------------------
    def spec(self) -> str:
        lines = [f"# {self.name}: AUTOGENERATED from winelike/dlls/{self.base_name}/ by "
                 f"`python -m winelike.dlls.specgen`; do not edit.", ""]
        for exp in sorted(self.exports.values(), key=lambda e: e.name):
            ordn = str(exp.ordinal) if exp.ordinal else "@"
            if exp.forward:
                lines.append(f"{ordn} stdcall {exp.name}() {exp.forward}")
            elif exp.is_data:
                lines.append(f"{ordn} extern {exp.name}")
            else:
                conv = "varargs" if exp.varargs else exp.conv
                args = " ".join(t.spec for t in exp.argtypes)
                lines.append(f"{ordn} {conv} {exp.name}({args})")
        return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Registry of built-in DLLs (imported lazily: a program pays only for what it loads)

BUILTIN_PACKAGES = {
    "ntdll.dll": "ntdll",
    "kernel32.dll": "kernel32",
    "kernelbase.dll": "kernel32",   # same implementation, see ALIASES
    "msvcrt.dll": "msvcrt",
    "user32.dll": "user32",
    "gdi32.dll": "gdi32",
    "advapi32.dll": "advapi32",
}


def builtin_names() -> list[str]:
    return sorted(k for k in BUILTIN_PACKAGES if k != "kernelbase.dll")


def get_builtin(name: str) -> BuiltinDll | None:
    pkg = BUILTIN_PACKAGES.get(name.lower())
    if pkg is None:
        return None
    mod = importlib.import_module(f"winelike.dlls.{pkg}")
    return mod.dll


# ---------------------------------------------------------------------------
# Errors that leave a handler and end the process

class UnimplementedCall(Exception):
    def __init__(self, dll_name: str, func: str, caller: int):
        super().__init__(f"Call from 0x{caller:x} to unimplemented function {dll_name}.{func}, aborting")
        self.dll_name, self.func, self.caller = dll_name, func, caller


class ProcessExit(BaseException):
    """Raised by ExitProcess and friends; unwinds to the host's run loop."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code & 0xFFFFFFFF


# ---------------------------------------------------------------------------
# Variadic arguments

class VarArgReader:
    """Reads variadic arguments in order, from the stack (and x64 registers) or a va_list."""

    __slots__ = ("mem", "bits", "regs", "pos", "addr")

    def __init__(self, mem, bits, addr, regs=None, pos=0):
        self.mem = mem
        self.bits = bits
        self.addr = addr        # address of the next stack slot
        self.regs = regs        # x64 only: register values for positions 0..3
        self.pos = pos          # x64 only: overall argument position of the next arg

    def _slot64(self) -> int:
        p = self.pos
        self.pos += 1
        if self.regs is not None and p < 4:
            return self.regs[p]
        v = self.mem.u64(self.addr)
        self.addr += 8
        return v

    def int32(self) -> int:
        if self.bits == 64:
            return self._slot64() & 0xFFFFFFFF
        v = self.mem.u32(self.addr)
        self.addr += 4
        return v

    def int64(self) -> int:
        if self.bits == 64:
            return self._slot64()
        v = self.mem.u64(self.addr)
        self.addr += 8
        return v

    def ptr(self) -> int:
        return self.int64() if self.bits == 64 else self.int32()

    def double(self) -> float:
        return struct.unpack("<d", struct.pack("<Q", self.int64()))[0]

    def long_double(self) -> float:
        # msvcrt's long double is double
        return self.double()


# ---------------------------------------------------------------------------
# Invokers: per export, per architecture, generated once

M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF


def _signed32(v):
    v &= M32
    return v - 0x100000000 if v & 0x80000000 else v


def make_invoker(exp: Export, proc):
    """Python function (sp, a0, a1, a2, a3) -> int result for this export in `proc`."""
    bits = proc.bits
    mem = proc.mem
    cpu = proc.cpu
    env = {"f": exp.func, "mem": mem, "cpu": cpu, "astr": proc.decode_astr, "wstr": proc.decode_wstr,
           "s32": _signed32, "M32": M32, "M64": M64, "VA": VarArgReader, "bits": bits,
           "unpack": struct.unpack, "pack": struct.pack}
    exprs = []
    if bits == 32:
        slot = 0
        def raw(s):
            return f"a{s}" if s < 4 else f"mem.u32(sp + {4 + 4 * s})"
        for t in exp.argtypes:
            k = t.kind
            if k in ("i64",):
                e = f"({raw(slot)} | ({raw(slot + 1)} << 32))"
                if t.signed:
                    e = f"(lambda v: v - (1 << 64) if v >> 63 else v)({e})"
                slot += 2
            elif k == "f64":
                e = f"unpack('<d', pack('<II', {raw(slot)}, {raw(slot + 1)}))[0]"
                slot += 2
            else:
                r = raw(slot)
                slot += 1
                if k == "f32":
                    e = f"unpack('<f', pack('<I', {r}))[0]"
                elif k == "str":
                    e = f"astr({r})"
                elif k == "wstr":
                    e = f"wstr({r})"
                elif (k == "sint" or t.signed) and k != "ptr":
                    e = f"s32({r})"
                elif t.signed:
                    e = f"s32({r})"
                else:
                    e = r
            exprs.append(e)
        if exp.varargs:
            exprs.append(f"*[VA(mem, 32, sp + {4 + 4 * slot})]")
    else:
        for i, t in enumerate(exp.argtypes):
            k = t.kind
            r = f"a{i}" if i < 4 else f"mem.u64(sp + {8 + 8 * i})"
            if k == "f64":
                e = f"cpu.xmm_double({i})" if i < 4 else f"unpack('<d', pack('<Q', {r}))[0]"
            elif k == "f32":
                e = (f"unpack('<f', pack('<I', cpu.uc.reg_read(cpu_xmm({i})) & M32))[0]" if i < 4 else
                     f"unpack('<f', pack('<I', {r} & M32))[0]")
            elif k == "str":
                e = f"astr({r})"
            elif k == "wstr":
                e = f"wstr({r})"
            elif k in ("int", "sint"):
                e = f"s32({r})" if (k == "sint" or t.signed) else f"({r} & M32)"
            elif k == "ptr" and t.signed:
                e = f"(lambda v: v - (1 << 64) if v >> 63 else v)({r})"
            else:
                e = r
            exprs.append(e)
        if exp.varargs:
            n = len(exp.argtypes)
            exprs.append(f"*[VA(mem, 64, sp + {8 + 8 * max(n, 4)}, (a0, a1, a2, a3), {n})]")
    call = f"f({', '.join(exprs)})"
    rk = exp.restype.kind
    if rk == "void":
        body = f"{call}\n    return 0"
    elif rk == "f64":
        body = f"cpu.set_float_return({call})\n    return 0"
    elif rk == "f32":
        body = f"cpu.set_float_return({call}, single=True)\n    return 0"
    elif rk == "i64":
        body = f"return {call} & M64"
    elif rk == "ptr" and bits == 64:
        body = f"return {call} & M64"
    else:
        body = f"return {call} & M32"
    src = f"def invoke(sp, a0, a1, a2, a3):\n    {body}\n"
    if bits == 64:
        from winelike.cpu import xmm_reg
        env["cpu_xmm"] = xmm_reg
    # Compiled on the first call (a program calls few of the ~660 exports; compiling them all
    # was a good part of the startup): the function starts with a stub body that compiles
    # `src` and swaps in the real code object, so from then on it is the plain invoker.
    # Exports with the same prototype share the compiled code (`f`, `mem`... are globals).
    env["__src__"] = src
    env["__name__"] = f"<invoker {exp.dll.name}.{exp.name}>"
    env["__materialize__"] = _materialize_invoker
    inv = types.FunctionType(_LAZY_INVOKER, env, "invoke")
    env["__self__"] = inv
    return inv


_invoker_code: dict = {}


def _lazy_invoke(sp, a0, a1, a2, a3):
    return __materialize__(__self__)(sp, a0, a1, a2, a3)    # noqa: F821 - globals of the invoker


_LAZY_INVOKER = _lazy_invoke.__code__.replace(co_name="invoke", co_qualname="invoke")


def _materialize_invoker(fn):
    g = fn.__globals__
    src = g["__src__"]
    code = _invoker_code.get(src)
    if code is None:
        mod = compile(src, "<invoker>", "exec")
        code = _invoker_code[src] = next(c for c in mod.co_consts if isinstance(c, types.CodeType))
    fn.__code__ = code.replace(co_filename=g["__name__"])
    return fn


def raw_args(exp: Export, proc, sp, regs) -> list[int]:
    """The raw argument values as the guest passed them (for +relay)."""
    mem = proc.mem
    out = []
    if proc.bits == 32:
        slot = 0
        for t in exp.argtypes:
            if t.kind in ("i64", "f64"):
                out.append(mem.u64(sp + 4 + 4 * slot))
                slot += 2
            else:
                out.append(mem.u32(sp + 4 + 4 * slot))
                slot += 1
    else:
        for i, t in enumerate(exp.argtypes):
            out.append(regs[i] if i < 4 else mem.u64(sp + 8 + 8 * i))
    return out


def format_arg(proc, t: WinType, v: int) -> str:
    k = t.kind
    w = 16 if proc.bits == 64 and k in ("ptr", "str", "wstr", "pstr", "pwstr") else 8
    if k in ("str", "pstr") and v:
        try:
            return f"{v:0{w}x} {_quote(proc.mem.cstr(v, 80).decode('latin-1'))}"
        except Exception:
            return f"{v:0{w}x}"
    if k in ("wstr", "pwstr") and v:
        try:
            return f"{v:0{w}x} L{_quote(proc.mem.wstr(v, 80))}"
        except Exception:
            return f"{v:0{w}x}"
    if k == "f64":
        return repr(struct.unpack("<d", struct.pack("<Q", v))[0])
    if k == "i64":
        return f"{v:016x}"
    return f"{v:0{w}x}"


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace('"', '\\"') + '"'
