"""CreateFile's share modes between handles and between processes, without the server.

Each open disk file carries Linux open-file-description locks (F_OFD_SETLK) on six bytes
far past any real data (offset 2**62):

    BASE+0..2   "a handle has read / write / delete access"   (shared lock while the handle lives)
    BASE+3..5   "a handle denies read / write / delete"        (shared lock while the handle lives)

An opener first takes the locks that describe itself, then tests (F_OFD_GETLK with an
exclusive lock) the opposite bytes: the deny bytes of the access it wants, and the access
bytes of what it does not share.  A conflicting lock belongs to another open file
description, i.e. another handle of this process or any handle of another process; its own
locks never conflict with itself.  On a conflict it drops its locks and fails with
ERROR_SHARING_VIOLATION.  Set-then-test needs no guard lock: two racing openers can both
see each other and both fail (a false violation, as rare as the race), but never both
succeed.  The kernel drops the locks when the last descriptor of the description closes,
also when a process dies.

LockFile/UnlockFile use the same locks on the real byte range (exclusive or shared);
like Wine's they are advisory (ReadFile/WriteFile do not test them).
"""
from __future__ import annotations

import errno
import fcntl
import os
import struct

F_OFD_GETLK = getattr(fcntl, "F_OFD_GETLK", 36)
F_OFD_SETLK = getattr(fcntl, "F_OFD_SETLK", 37)
F_OFD_SETLKW = getattr(fcntl, "F_OFD_SETLKW", 38)
_FLOCK = "hhqqi4x"          # struct flock on Linux x86-64/i386 with 64-bit off_t: type, whence, start, len, pid

BASE = 1 << 62
HAS_READ, HAS_WRITE, HAS_DELETE, DENY_READ, DENY_WRITE, DENY_DELETE = range(6)

FILE_SHARE_READ, FILE_SHARE_WRITE, FILE_SHARE_DELETE = 1, 2, 4


def _flock(kind: int, start: int, length: int) -> bytes:
    return struct.pack(_FLOCK, kind, os.SEEK_SET, start, length, 0)


def lock(fd: int, start: int, length: int, exclusive: bool, wait: bool = False) -> bool:
    """Take an OFD lock; False if another description holds a conflicting one.

    Other errors (a descriptor that cannot take this kind of lock, a file system
    without locks) raise OSError.
    """
    try:
        fcntl.fcntl(fd, F_OFD_SETLKW if wait else F_OFD_SETLK,
                    _flock(fcntl.F_WRLCK if exclusive else fcntl.F_RDLCK, start, length))
        return True
    except OSError as e:
        if e.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise


def unlock(fd: int, start: int, length: int) -> None:
    try:
        fcntl.fcntl(fd, F_OFD_SETLK, _flock(fcntl.F_UNLCK, start, length))
    except OSError:
        pass


def held_by_other(fd: int, start: int, length: int) -> bool:
    """Does another open file description hold any lock in the range?"""
    try:
        res = fcntl.fcntl(fd, F_OFD_GETLK, _flock(fcntl.F_WRLCK, start, length))
    except OSError:
        return False
    return struct.unpack(_FLOCK, res)[0] != fcntl.F_UNLCK


def _runs(bits: list[int]):
    """Contiguous runs of byte indexes, as (first, count)."""
    bits = sorted(bits)
    i = 0
    while i < len(bits):
        j = i
        while j + 1 < len(bits) and bits[j + 1] == bits[j] + 1:
            j += 1
        yield bits[i], j - i + 1
        i = j + 1


_plans: dict[tuple, tuple[list, list]] = {}


def _plan(read: bool, write: bool, delete: bool, share: int) -> tuple[list, list]:
    """The byte runs a handle locks and the runs it tests, per (access, share) combination."""
    key = (read, write, delete, share & 7)
    plan = _plans.get(key)
    if plan is None:
        mine = [b for b, on in ((HAS_READ, read), (HAS_WRITE, write), (HAS_DELETE, delete),
                                (DENY_READ, not share & FILE_SHARE_READ), (DENY_WRITE, not share & FILE_SHARE_WRITE),
                                (DENY_DELETE, not share & FILE_SHARE_DELETE)) if on]
        test = [b for b, on in ((DENY_READ, read), (DENY_WRITE, write), (DENY_DELETE, delete),
                                (HAS_READ, not share & FILE_SHARE_READ), (HAS_WRITE, not share & FILE_SHARE_WRITE),
                                (HAS_DELETE, not share & FILE_SHARE_DELETE)) if on]
        if share & 7 == 0:
            # sharing nothing conflicts with every other handle that has data access, and each
            # of those holds a HAS_ byte: one lock over all six bytes, one test over HAS_*
            plan = _plans[key] = ([(0, 6)], [(0, 3)])
        else:
            plan = _plans[key] = (list(_runs(mine)), list(_runs(test)))
    return plan


def claim(fd: int, read: bool, write: bool, delete: bool, share: int) -> bool:
    """Publish this handle's access and share mode on `fd`; False (nothing kept) on a sharing violation."""
    if not (read or write or delete):
        return True         # a handle without data access takes part in no sharing check
    mine, test = _plan(read, write, delete, share)
    try:
        for first, n in mine:
            if not lock(fd, BASE + first, n, False):
                release(fd)
                return False
    except OSError:
        return True         # no locks on this descriptor or file system: sharing is not enforced
    for first, n in test:
        if held_by_other(fd, BASE + first, n):
            release(fd)
            return False
    return True


def release(fd: int) -> None:
    unlock(fd, BASE, 6)


def probe(host: str, read: bool, write: bool, delete: bool, share: int) -> bool:
    """Could a handle with this access and share mode open `host` now?  (DeleteFile, MoveFile.)"""
    try:
        fd = os.open(host, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return True
    try:
        return not any(held_by_other(fd, BASE + first, n) for first, n in _plan(read, write, delete, share)[1])
    finally:
        os.close(fd)


# ---- msvcrt's _open/_sopen/fopen: its descriptors take part too ------------------------
# The CRT's own host descriptor may be write-only, which cannot hold the shared (read) locks,
# so each CRT descriptor publishes on a companion read-only description of the same file.

_crt_companions: dict[int, int] = {}

_SH_SHARE = {0x10: 0, 0x20: FILE_SHARE_READ, 0x30: FILE_SHARE_WRITE, 0x40: FILE_SHARE_READ | FILE_SHARE_WRITE}


def claim_crt(host_fd: int, host: str, read: bool, write: bool, shflag: int = 0x40) -> bool:
    """_sopen's share flag (_SH_DENYRW/WR/RD/NO) as a share mode; False on a sharing violation."""
    try:
        lfd = os.open(host, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return True
    if not claim(lfd, read, write, False, _SH_SHARE.get(shflag & 0x70, FILE_SHARE_READ | FILE_SHARE_WRITE)):
        os.close(lfd)
        return False
    old = _crt_companions.pop(host_fd, None)
    if old is not None:
        os.close(old)
    _crt_companions[host_fd] = lfd
    return True


def release_crt(host_fd: int) -> None:
    lfd = _crt_companions.pop(host_fd, None)
    if lfd is not None:
        os.close(lfd)
