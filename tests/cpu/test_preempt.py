"""Why winelike preempts guest code from inside the engine (winelike.sched._watch).

unicorn 2.1.4, stopped from another host thread while it runs a loop and resumed at the
PC it reports, re-executes instructions whose memory effects already happened: a loop of
N increments ends above N.  A stop made by a block hook inside the engine is exact, which
is what the compiled helper's preemption hook does.  If a newer unicorn fixes the former,
the first test fails and the simpler way becomes possible.
"""
from __future__ import annotations

import struct
import threading
import time

from unicorn import Uc, UcError, UC_ARCH_X86, UC_MODE_64
from unicorn.x86_const import UC_X86_REG_RIP


def test_resuming_after_a_foreign_emu_stop_repeats_work():
    n = 2_000_000
    # mov rcx, n; l: inc dword [0x2000]; dec rcx; jnz l; hlt
    code = (b"\x48\xc7\xc1" + struct.pack("<I", n) + b"\xff\x04\x25\x00\x20\x00\x00" + b"\x48\xff\xc9"
            + b"\x75\xf4" + b"\xf4")
    uc = Uc(UC_ARCH_X86, UC_MODE_64)
    uc.mem_map(0x1000, 0x1000)
    uc.mem_map(0x2000, 0x1000)
    uc.mem_write(0x1000, code)
    end = 0x1000 + len(code)           # hlt stops with RIP after it
    done = threading.Event()

    def stopper():
        while not done.is_set():
            time.sleep(0.0003)
            uc.emu_stop()

    threading.Thread(target=stopper, daemon=True).start()
    pc = 0x1000
    try:
        while pc != end:
            try:
                uc.emu_start(pc, 0)
            except UcError:
                pass
            pc = uc.reg_read(UC_X86_REG_RIP)
    finally:
        done.set()
    value = struct.unpack("<I", uc.mem_read(0x2000, 4))[0]
    assert value > n, "unicorn now resumes exactly after emu_stop: preempting pure guest code is possible"


def test_a_stop_from_a_block_hook_is_exact():
    from unicorn import UC_HOOK_BLOCK
    n = 200_000
    code = (b"\x48\xc7\xc1" + struct.pack("<I", n) + b"\xff\x04\x25\x00\x20\x00\x00" + b"\x48\xff\xc9"
            + b"\x75\xf4" + b"\xf4")
    uc = Uc(UC_ARCH_X86, UC_MODE_64)
    uc.mem_map(0x1000, 0x1000)
    uc.mem_map(0x2000, 0x1000)
    uc.mem_write(0x1000, code)
    end = 0x1000 + len(code)
    blocks = [0]

    def hook(uc, addr, size, ud):
        blocks[0] += 1
        if blocks[0] % 997 == 0:
            uc.emu_stop()

    uc.hook_add(UC_HOOK_BLOCK, hook)
    pc, stops = 0x1000, 0
    while pc != end:
        try:
            uc.emu_start(pc, 0)
        except UcError:
            pass
        pc = uc.reg_read(UC_X86_REG_RIP)
        stops += 1
    assert stops > 100
    assert struct.unpack("<I", uc.mem_read(0x2000, 4))[0] == n
