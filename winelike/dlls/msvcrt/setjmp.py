"""setjmp/longjmp: the guest's jmp_buf holds msvcrt's _JUMP_BUFFER layout.

x86 mingw calls `_setjmp3(buf, nb_args, ...)` (or `_setjmp(buf)`), x64 mingw
`_setjmp(buf, frame)`.  The handler runs at the thunk, so the guest's stack
pointer points at the return address: the saved ESP/RSP is the value it has
after the return, the saved EIP/RIP the return address.  longjmp loads the
callee-saved registers (and on x64 MXCSR, the x87 control word and XMM6-15),
and points the stack pointer at a copy of the saved return address just below\nthe saved stack pointer, so the export thunk's `ret` lands there; the handler's
return value (val, or 1 for 0) lands in EAX/RAX.  x64's frame-based unwind
(RtlUnwindEx running __finally blocks between the frames) is not done: the
registers are restored directly, as msvcrt does when Frame is 0.
"""
from __future__ import annotations

from winelike import debug
from winelike.abi.types import INT, PTR, VARARGS
from winelike.dlls.winapi import proc
from . import dll

ch = debug.Channel("msvcrt")

_X86_COOKIE = 0x56433230   # "VC20": _setjmp3 buffers

_X64_REGS = (("rbx", 8), ("rsp", 16), ("rbp", 24), ("rsi", 32), ("rdi", 40),
             ("r12", 48), ("r13", 56), ("r14", 64), ("r15", 72))
_X86_REGS = (("ebp", 0), ("ebx", 4), ("edi", 8), ("esi", 12), ("esp", 16))


def _save_x86(buf: int, sp: int, tail: bool):
    p = proc()
    m, cpu = p.mem, p.cpu
    for name, off in _X86_REGS:
        m.w32(buf + off, cpu.reg(name))
    m.w32(buf + 16, sp + 4)
    m.w32(buf + 20, m.u32(sp))
    m.w32(buf + 24, m.u32(p.thread.teb_addr))      # fs:[0], the SEH chain head
    m.w32(buf + 28, 0xFFFFFFFF)                          # TryLevel
    if tail:
        m.w32(buf + 32, _X86_COOKIE)
        m.w32(buf + 36, 0)


def _save_x64(buf: int, sp: int, frame: int):
    p = proc()
    m, cpu = p.mem, p.cpu
    m.w64(buf, frame)
    for name, off in _X64_REGS:
        m.w64(buf + off, cpu.reg(name))
    m.w64(buf + 16, sp + 8)
    m.w64(buf + 80, m.u64(sp))
    m.w32(buf + 88, cpu.reg("mxcsr"))
    m.w16(buf + 92, cpu.reg("fpcw"))
    m.w16(buf + 94, 0)
    for i in range(10):
        v = cpu.reg(f"xmm{6 + i}")
        m.write(buf + 96 + 16 * i, (v & ((1 << 128) - 1)).to_bytes(16, "little"))


def _sp() -> int:
    return proc().cpu.sp


@dll.cdecl
def _setjmp(buf: PTR, frame: PTR) -> INT:
    """x86: _setjmp(buf) (the second slot is whatever the caller had there); x64: _setjmp(buf, frame)."""
    p = proc()
    if p.bits == 32:
        _save_x86(buf, _sp(), False)
    else:
        _save_x64(buf, _sp(), frame)
    return 0


@dll.cdecl
def _setjmp3(buf: PTR, nb_args: INT, *args: VARARGS) -> INT:
    _save_x86(buf, _sp(), True)
    return 0


@dll.cdecl
def _setjmpex(buf: PTR, frame: PTR) -> INT:
    return _setjmp(buf, frame)


def _resume(sp: int, pc: int, size: int):
    """Continue at pc with the stack pointer at sp: the export thunk's own `ret` does the jump.

    (A PC written from inside the trap ends emulation here instead of redirecting it.)"""
    p = proc()
    p.mem.wptr(sp - size, pc)
    p.cpu.sp = sp - size


@dll.cdecl
def longjmp(buf: PTR, val: INT) -> INT:
    p = proc()
    m, cpu = p.mem, p.cpu
    if not val:
        val = 1
    if p.bits == 32:
        for name, off in _X86_REGS:
            cpu.set_reg(name, m.u32(buf + off))
        reg = m.u32(buf + 24)
        if reg and reg != m.u32(p.thread.teb_addr):
            m.w32(p.thread.teb_addr, reg)           # unwind the SEH chain to the setjmp frame
        _resume(m.u32(buf + 16), m.u32(buf + 20), 4)
    else:
        for name, off in _X64_REGS:
            cpu.set_reg(name, m.u64(buf + off))
        cpu.set_reg("mxcsr", m.u32(buf + 88))
        cpu.set_reg("fpcw", m.u16(buf + 92))
        for i in range(10):
            cpu.set_reg(f"xmm{6 + i}", int.from_bytes(m.read(buf + 96 + 16 * i, 16), "little"))
        _resume(m.u64(buf + 16), m.u64(buf + 80), 8)
    return val
