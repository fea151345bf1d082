"""Probe run by test_trap.py in a subprocess (the trap path is chosen once per process).

Guest: call a thunk whose handler moves the stack and PC past the next instruction
(as longjmp or an exception unwind would); prints the registers the guest ends with.
"""
import struct
import sys

from winelike.cpu.emu import Cpu

bits = int(sys.argv[1])
cpu = Cpu(bits)
mem = cpu.mem
code = mem.reserve(0x400000, 0x10000, 0x40).base
thunks = mem.reserve(0x7B000000, 0x10000, 0x20).base
stack = mem.reserve(0x100000, 0x10000, 0x04).base
mem.write(thunks, b"\xc3")
mem.write(thunks + 16, b"\xc3")
prog = b"\xe8" + struct.pack("<i", thunks - (code + 5))        # call thunk
prog += b"\xbb\x01\x00\x00\x00"                                 # mov ebx, 1 (skipped)
target = code + len(prog)
prog += b"\xbb\x02\x00\x00\x00"                                 # target: mov ebx, 2
prog += b"\xe9" + struct.pack("<i", (thunks + 16) - (code + len(prog) + 5))   # jmp stop thunk
mem.write(code, prog)


def jump(sp, a0, a1, a2, a3):
    cpu.sp = sp + cpu.ptr_size          # drop the return address, as a longjmp would
    cpu.set_pc(target)
    return 7


def stop(sp, a0, a1, a2, a3):
    cpu.stop()
    return cpu.reg("eax")


table = {thunks: jump, thunks + 16: stop}


def on_error(addr, e):
    print("error", repr(e))
    cpu.stop()
    return 0


kind = cpu.install_trap(thunks, thunks + 0xFFF, lambda a, *r: table[a](*r), table=table, on_error=on_error)
cpu.sp = stack + 0x8000
cpu.run(code)
print(kind, "ebx", cpu.reg("ebx"), "eax", cpu.reg("eax") & 0xFFFFFFFF)
