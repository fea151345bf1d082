"""Virtual memory: VirtualAlloc/Free/Protect/Query on the real region map."""
from __future__ import annotations

from winelike import debug
from winelike.abi.types import BOOL, DWORD, PTR, SIZE_T
from winelike.cpu.memory import (PAGE, GRANULARITY, MEM_COMMIT, MEM_RESERVE, MEM_FREE, VALID_PROTECTIONS,
                                 OutOfGuestMemory, GuestFault)
from winelike.dlls.winapi import (proc, set_last_error, ERROR_INVALID_PARAMETER, ERROR_INVALID_ADDRESS,
                                  ERROR_NOT_ENOUGH_MEMORY, ERROR_NOACCESS)
from . import dll

ch = debug.Channel("virtual")

MEM_DECOMMIT = 0x4000
MEM_RELEASE = 0x8000
MEM_RESET = 0x80000
MEM_TOP_DOWN = 0x100000
MEM_LARGE_PAGES = 0x20000000
ERROR_INVALID_PAGE_PROTECTION = 1012
ERROR_INVALID_ADDRESS_ = 487


@dll.stdcall
def VirtualAlloc(addr: PTR, size: SIZE_T, type: DWORD, protect: DWORD) -> PTR:
    p = proc()
    mem = p.mem
    if size == 0 or not type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if (protect & 0xFF) not in VALID_PROTECTIONS:
        set_last_error(ERROR_INVALID_PAGE_PROTECTION if protect else ERROR_INVALID_PARAMETER)
        return 0
    if type & MEM_RESET:
        return addr
    try:
        if type & MEM_RESERVE or addr == 0:
            base = addr & ~(GRANULARITY - 1) if addr else None
            end = addr + size if addr else None
            rsize = (end - base) if addr else size
            if base is not None and not mem.is_free(base, (rsize + PAGE - 1) & ~(PAGE - 1)):
                set_last_error(ERROR_INVALID_ADDRESS)
                return 0
            r = mem.reserve(base, rsize, protect, commit=bool(type & MEM_COMMIT),
                            top_down=bool(type & MEM_TOP_DOWN))
            return r.base
        # commit inside an existing reservation
        r = mem.find(addr)
        start = addr & ~(PAGE - 1)
        end = (addr + size + PAGE - 1) & ~(PAGE - 1)
        if r is None or end > r.end:
            set_last_error(ERROR_INVALID_ADDRESS)
            return 0
        mem.commit(start, end - start, protect)
        return start
    except OutOfGuestMemory:
        set_last_error(ERROR_NOT_ENOUGH_MEMORY)
        return 0


@dll.stdcall
def VirtualFree(addr: PTR, size: SIZE_T, type: DWORD) -> BOOL:
    p = proc()
    mem = p.mem
    r = mem.find(addr)
    if r is None:
        set_last_error(ERROR_INVALID_ADDRESS)
        return 0
    if type == MEM_RELEASE:
        if size != 0 or addr != r.base:
            set_last_error(ERROR_INVALID_PARAMETER)
            return 0
        mem.release(r)
        return 1
    if type == MEM_DECOMMIT:
        start = addr & ~(PAGE - 1)
        end = r.end if size == 0 else (addr + size + PAGE - 1) & ~(PAGE - 1)
        if end > r.end:
            set_last_error(ERROR_INVALID_PARAMETER)
            return 0
        mem.decommit(start, end - start)
        return 1
    set_last_error(ERROR_INVALID_PARAMETER)
    return 0


@dll.stdcall
def VirtualProtect(addr: PTR, size: SIZE_T, protect: DWORD, old: PTR) -> BOOL:
    p = proc()
    mem = p.mem
    if (protect & 0xFF) not in VALID_PROTECTIONS:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    r = mem.find(addr)
    start = addr & ~(PAGE - 1)
    end = (addr + max(size, 1) + PAGE - 1) & ~(PAGE - 1)
    if r is None or end > r.end:
        set_last_error(ERROR_INVALID_ADDRESS)
        return 0
    for pg in range((start - r.base) // PAGE, (end - r.base) // PAGE):
        if not r.state[pg]:
            set_last_error(ERROR_INVALID_ADDRESS)
            return 0
    if not old:
        set_last_error(ERROR_NOACCESS)
        return 0
    prev = mem.protect(start, end - start, protect)
    mem.w32(old, prev)
    return 1


@dll.stdcall
def VirtualQuery(addr: PTR, info: PTR, size: SIZE_T) -> SIZE_T:
    p = proc()
    mem = p.mem
    need = 28 if p.bits == 32 else 48
    if size < need:
        set_last_error(24)      # ERROR_BAD_LENGTH
        return 0
    if addr >= mem.top:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    base, alloc_base, alloc_prot, rsize, state, prot, kind = mem.query(addr)
    if p.bits == 32:
        import struct
        data = struct.pack("<IIIIIII", base, alloc_base, alloc_prot, rsize, state, prot, kind)
    else:
        import struct
        data = struct.pack("<QQIIQIIII", base, alloc_base, alloc_prot, 0, rsize, state, prot, kind, 0)
    mem.write(info, data)
    return need
