"""Win32 argument and return types used in built-in export signatures.

A type says how many stack slots an argument takes (a 64-bit integer or a
double takes two on x86), how the framework hands it to the Python function
(raw int, decoded string, float) and how +relay prints it.  The annotation on a
handler is the only copy of its prototype.
"""
from __future__ import annotations


class WinType:
    """kind: 'int' | 'sint' | 'ptr' | 'str' | 'wstr' | 'pstr' | 'pwstr' | 'i64' | 'f64' | 'f32' | 'void'"""

    __slots__ = ("name", "kind", "bits", "signed", "spec")

    def __init__(self, name: str, kind: str, bits: int = 32, signed: bool = False, spec: str = "long"):
        self.name = name
        self.kind = kind
        self.bits = bits          # 32, 64, or 0 for pointer-sized
        self.signed = signed
        self.spec = spec          # Wine .spec argument type

    def __repr__(self):
        return self.name

    def slots32(self) -> int:
        return 2 if self.kind in ("i64", "f64") else 1


def _t(name, kind, bits=32, signed=False, spec="long"):
    return WinType(name, kind, bits, signed, spec)


VOID = _t("VOID", "void", spec="")
# integers (32-bit on both architectures)
DWORD = _t("DWORD", "int")
UINT = _t("UINT", "int")
ULONG = _t("ULONG", "int")
WORD = _t("WORD", "int")
BYTE = _t("BYTE", "int")
BOOL = _t("BOOL", "sint", signed=True)
BOOLEAN = _t("BOOLEAN", "int")
INT = _t("INT", "sint", signed=True)
LONG = _t("LONG", "sint", signed=True)
WCHAR = _t("WCHAR", "int")
CHAR = _t("CHAR", "sint", signed=True)
NTSTATUS = _t("NTSTATUS", "int")
LCID = _t("LCID", "int")
# 64-bit integers (two slots on x86, EDX:EAX on return)
LONGLONG = _t("LONGLONG", "i64", 64, True, spec="int64")
ULONGLONG = _t("ULONGLONG", "i64", 64, False, spec="int64")
# pointer-sized integers and pointers
PTR = _t("PTR", "ptr", 0, spec="ptr")
HANDLE = _t("HANDLE", "ptr", 0, spec="long")
HMODULE = _t("HMODULE", "ptr", 0, spec="long")
HWND = _t("HWND", "ptr", 0, spec="long")
SIZE_T = _t("SIZE_T", "ptr", 0, spec="long")
SSIZE_T = _t("SSIZE_T", "ptr", 0, True, spec="long")
LPARAM = _t("LPARAM", "ptr", 0, True, spec="long")
WPARAM = _t("WPARAM", "ptr", 0, spec="long")
INT_PTR = _t("INT_PTR", "ptr", 0, True, spec="long")
FARPROC = _t("FARPROC", "ptr", 0, spec="ptr")
# strings: LPCSTR/LPCWSTR arrive decoded (None for NULL); PSTR/PWSTR arrive as
# pointers but +relay shows the string they point at.
LPCSTR = _t("LPCSTR", "str", 0, spec="str")
LPCWSTR = _t("LPCWSTR", "wstr", 0, spec="wstr")
PSTR = _t("PSTR", "pstr", 0, spec="str")
PWSTR = _t("PWSTR", "pwstr", 0, spec="wstr")
# floating point
DOUBLE = _t("DOUBLE", "f64", 64, spec="double")
FLOAT = _t("FLOAT", "f32", 32, spec="float")


class VarArgs:
    """Marker for `*args: VARARGS`: the function receives a VarArgs reader."""


VARARGS = VarArgs()
