"""Interlocked singly linked lists (SLIST_HEADER), with the Windows header layout per architecture.

x86: an 8-byte header { SLIST_ENTRY *Next; WORD Depth; WORD Sequence }.
x64: a 16-byte header: the first quadword holds Depth (16 bits) and Sequence
(48 bits); the second holds HeaderType (bit 0, always 1: the 16-byte form),
Init (bit 1) and NextEntry >> 4 in bits 4..63, so entries are 16-byte aligned.
"""
from __future__ import annotations

from winelike.abi.types import PTR, WORD, VOID
from winelike.dlls.winapi import proc
from . import dll

M48 = (1 << 48) - 1


def _read(head: int):
    p = proc()
    mem = p.mem
    if p.bits == 32:
        return mem.u32(head), mem.u16(head + 4), mem.u16(head + 6)
    lo, hi = mem.u64(head), mem.u64(head + 8)
    return (hi >> 4) << 4, lo & 0xFFFF, (lo >> 16) & M48


def _write(head: int, first: int, depth: int, seq: int):
    p = proc()
    mem = p.mem
    if p.bits == 32:
        mem.w32(head, first)
        mem.w16(head + 4, depth)
        mem.w16(head + 6, seq)
    else:
        mem.w64(head, (depth & 0xFFFF) | ((seq & M48) << 16))
        mem.w64(head + 8, (first & ~0xF) | 1)


@dll.stdcall
def RtlInitializeSListHead(head: PTR) -> VOID:
    _write(head, 0, 0, 0)


@dll.stdcall
def RtlFirstEntrySList(head: PTR) -> PTR:
    return _read(head)[0]


@dll.stdcall
def RtlQueryDepthSList(head: PTR) -> WORD:
    return _read(head)[1]


@dll.stdcall
def RtlInterlockedPushEntrySList(head: PTR, entry: PTR) -> PTR:
    p = proc()
    first, depth, seq = _read(head)
    p.mem.wptr(entry, first)
    _write(head, entry, depth + 1, seq + 1)
    return first


@dll.stdcall
def RtlInterlockedPopEntrySList(head: PTR) -> PTR:
    p = proc()
    first, depth, seq = _read(head)
    if not first:
        return 0
    _write(head, p.mem.ptr(first), depth - 1, seq + 1 if p.bits == 64 else seq)
    return first


@dll.stdcall
def RtlInterlockedFlushSList(head: PTR) -> PTR:
    first, depth, seq = _read(head)
    if not first:
        return 0
    _write(head, 0, 0, seq + 1 if proc().bits == 64 else seq)
    return first


@dll.stdcall
def RtlInterlockedPushListSListEx(head: PTR, first: PTR, last: PTR, count: PTR) -> PTR:
    p = proc()
    old, depth, seq = _read(head)
    p.mem.wptr(last, old)
    _write(head, first, depth + (count & 0xFFFF), seq + 1)
    return old
