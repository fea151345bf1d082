"""Virtual memory: VirtualAlloc/Free/Protect/Query on the real region map."""
from __future__ import annotations

from winelike import debug
from winelike.abi.types import BOOL, DWORD, PTR, SIZE_T
from winelike.abi.types import SIZE_T as UINT_PTR
from winelike.cpu.memory import (PAGE, GRANULARITY, MEM_COMMIT, MEM_RESERVE, MEM_IMAGE, VALID_PROTECTIONS,
                                 PAGE_GUARD, PAGE_EXECUTE_WRITECOPY, OutOfGuestMemory, uc_perms)
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


PAGE_NOCACHE = 0x200
PAGE_WRITECOMBINE = 0x400


def valid_protection(protect: int) -> bool:
    """Exactly one base protection, plus at most PAGE_GUARD or PAGE_NOCACHE/WRITECOMBINE."""
    if (protect & 0xFF) not in VALID_PROTECTIONS:
        return False
    return not protect & ~(0xFF | PAGE_GUARD | PAGE_NOCACHE | PAGE_WRITECOMBINE)


@dll.stdcall
def VirtualAlloc(addr: PTR, size: SIZE_T, type: DWORD, protect: DWORD) -> PTR:
    p = proc()
    mem = p.mem
    if size == 0 or not type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if type & MEM_RESET:
        if type != MEM_RESET:
            set_last_error(ERROR_INVALID_PARAMETER)
            return 0
        r = mem.find(addr)
        if r is None:
            set_last_error(ERROR_INVALID_ADDRESS)
            return 0
        return addr
    if not valid_protection(protect):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
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
    """Error codes as Wine gives them: free memory and bad type/size are ERROR_INVALID_PARAMETER,
    releasing from inside a reservation is ERROR_INVALID_ADDRESS."""
    p = proc()
    mem = p.mem
    if type not in (MEM_RELEASE, MEM_DECOMMIT):
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    r = mem.find(addr)
    if r is None:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    if type == MEM_RELEASE:
        if size != 0:
            set_last_error(ERROR_INVALID_PARAMETER)
            return 0
        if addr != r.base:
            set_last_error(ERROR_INVALID_ADDRESS)
            return 0
        mem.release(r)
        return 1
    start = addr & ~(PAGE - 1)
    end = r.end if size == 0 else (addr + size + PAGE - 1) & ~(PAGE - 1)
    if end > r.end:
        set_last_error(ERROR_INVALID_PARAMETER)
        return 0
    mem.decommit(start, end - start)
    return 1


@dll.stdcall
def VirtualProtect(addr: PTR, size: SIZE_T, protect: DWORD, old: PTR) -> BOOL:
    p = proc()
    mem = p.mem
    if not valid_protection(protect):
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
    if kind == MEM_IMAGE:
        alloc_prot = PAGE_EXECUTE_WRITECOPY       # what Windows reports for every image mapping
    if p.bits == 32:
        import struct
        data = struct.pack("<IIIIIII", base, alloc_base, alloc_prot, rsize, state, prot, kind)
    else:
        import struct
        data = struct.pack("<QQIIQIIII", base, alloc_base, alloc_prot, 0, rsize, state, prot, kind, 0)
    mem.write(info, data)
    return need


def _range_ok(addr: int, size: int, need_write: bool, need_exec: bool = False) -> bool:
    """Every page of [addr, addr+size) committed, accessible and not a guard page."""
    mem = proc().mem
    page = addr & ~(PAGE - 1)
    end = addr + size
    while page < end:
        r = mem.find(page)
        if r is None:
            return False
        i = (page - r.base) // PAGE
        if not r.state[i] or r.prot[i] & PAGE_GUARD:
            return False
        perms = uc_perms(r.prot[i])
        if not perms & 1 or (need_write and not perms & 2):
            return False
        page += PAGE
    return True


@dll.stdcall
def IsBadReadPtr(ptr: PTR, size: SIZE_T) -> BOOL:
    if not size:
        return 0
    if not ptr:
        return 1
    return 0 if _range_ok(ptr, size, False) else 1


@dll.stdcall
def IsBadWritePtr(ptr: PTR, size: SIZE_T) -> BOOL:
    if not size:
        return 0
    if not ptr:
        return 1
    return 0 if _range_ok(ptr, size, True) else 1


@dll.stdcall
def IsBadHugeReadPtr(ptr: PTR, size: SIZE_T) -> BOOL:
    return IsBadReadPtr(ptr, size)


@dll.stdcall
def IsBadHugeWritePtr(ptr: PTR, size: SIZE_T) -> BOOL:
    return IsBadWritePtr(ptr, size)


@dll.stdcall
def IsBadCodePtr(ptr: PTR) -> BOOL:
    return IsBadReadPtr(ptr, 1)


def _string_ok(ptr: int, maxlen: int, unit: int) -> bool:
    mem = proc().mem
    i = 0
    while i < maxlen:
        a = ptr + i * unit
        if not _range_ok(a, unit, False):
            return False
        if not any(mem.read(a, unit)):
            return True
        i += 1
    return True


@dll.stdcall
def IsBadStringPtrA(ptr: PTR, maxlen: UINT_PTR) -> BOOL:
    if not maxlen:
        return 0
    if not ptr:
        return 1
    return 0 if _string_ok(ptr, maxlen, 1) else 1


@dll.stdcall
def IsBadStringPtrW(ptr: PTR, maxlen: UINT_PTR) -> BOOL:
    if not maxlen:
        return 0
    if not ptr:
        return 1
    return 0 if _string_ok(ptr, maxlen, 2) else 1


dll.forward("RtlMoveMemory", "ntdll.RtlMoveMemory")
dll.forward("RtlZeroMemory", "ntdll.RtlZeroMemory")
dll.forward("RtlFillMemory", "ntdll.RtlFillMemory")
