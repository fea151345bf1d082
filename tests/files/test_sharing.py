"""Share modes over OFD locks (kernel32/sharing.py) against the Windows rule, for every pair of
(access, share mode) of a first and a second handle; and the lock plan's byte layout."""
from __future__ import annotations

import itertools
import os

from winelike.dlls.kernel32 import sharing

R, W, D = 1, 2, 4       # access bits here; share bits are FILE_SHARE_READ/WRITE/DELETE (1, 2, 4)


def windows_allows(a1, s1, a2, s2) -> bool:
    """The second open succeeds unless it wants what the first does not share, or the first has
    what the second does not share.  Handles without data access take part in no check."""
    if not a1 or not a2:
        return True
    return not (a2 & ~s1 & 7) and not (a1 & ~s2 & 7)


def test_every_pair_of_access_and_share_modes(tmp_path):
    path = str(tmp_path / "f")
    open(path, "w").close()
    failures = []
    for a1, s1, a2, s2 in itertools.product(range(8), range(8), range(8), range(8)):
        fd1 = os.open(path, os.O_RDWR)
        fd2 = os.open(path, os.O_RDWR)
        try:
            assert sharing.claim(fd1, bool(a1 & R), bool(a1 & W), bool(a1 & D), s1)
            got = sharing.claim(fd2, bool(a2 & R), bool(a2 & W), bool(a2 & D), s2)
            if got != windows_allows(a1, s1, a2, s2):
                failures.append((a1, s1, a2, s2, got))
        finally:
            os.close(fd1)
            os.close(fd2)
    assert not failures, failures[:10]


def test_a_refused_opener_keeps_nothing_and_probe_sees_the_holder(tmp_path):
    path = str(tmp_path / "f")
    open(path, "w").close()
    fd1, fd2, fd3 = (os.open(path, os.O_RDWR) for _ in range(3))
    try:
        assert sharing.claim(fd1, True, False, False, sharing.FILE_SHARE_READ)
        assert not sharing.claim(fd2, True, True, False, 7)          # wants write: refused
        assert sharing.claim(fd3, True, False, False, sharing.FILE_SHARE_READ)   # fd2 left no trace
        assert not sharing.probe(path, False, False, True, 7)         # nobody shares delete
        os.close(fd1)
        os.close(fd3)
        fd1 = fd3 = -1
        assert sharing.probe(path, False, False, True, 7)
    finally:
        for fd in (fd1, fd2, fd3):
            if fd >= 0:
                os.close(fd)
