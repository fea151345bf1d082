"""FILE streams and the printf family.

A FILE lives in guest memory with msvcrt's layout (programs take &_iob[1] and
pass it back), but its state is kept on the host side in a Stream keyed by
the FILE address: buffer, mode, EOF/error flags.  _cnt stays 0 so any inline
getc/putc macro falls through to _filbuf/_flsbuf.  Text mode translates "\\n"
to "\\r\\n" on output and "\\r\\n" to "\\n" (and stops at Ctrl-Z) on input.
"""
from __future__ import annotations

import os
import struct

from winelike import debug
from winelike.abi.types import INT, LPCSTR, PTR, SIZE_T, UINT, VARARGS, VOID, LONG, DWORD
from winelike.cpu.memory import GuestFault
from winelike.dlls.framework import VarArgReader
from winelike.dlls.winapi import proc
from . import dll

from .state import crt, set_errno, EBADF, EINVAL, ENOENT, EACCES, EEXIST

ch = debug.Channel("msvcrt")

EOF_ = -1
NIOB = 20
_IOREAD, _IOWRT, _IOFBF, _IOMYBUF, _IOEOF, _IOERR, _IOSTRG, _IORW = 0x1, 0x2, 0x0, 0x8, 0x10, 0x20, 0x40, 0x80
_IONBF, _IOLBF = 0x4, 0x40
BUFSIZ = 4096


def file_size(P: int) -> int:
    return 32 if P == 4 else 48


class Stream:
    def __init__(self, addr: int, fd: int, host_fd: int, readable: bool, writable: bool, text: bool,
                 append: bool = False, name: str = ""):
        self.addr = addr
        self.fd = fd               # CRT descriptor
        self.host_fd = host_fd
        self.readable = readable
        self.writable = writable
        self.text = text
        self.append = append
        self.name = name
        self.wbuf = bytearray()
        self.rbuf = b""
        self.rpos = 0
        self.eof = False
        self.err = False
        self.bufmode = _IOFBF
        self.bufsize = BUFSIZ
        self.pending_cr = False
        self.closed = False
        self.tty = _isatty(host_fd)
        if self.tty:
            self.bufmode = _IONBF      # msvcrt writes to a console immediately

    # ---- writing -------------------------------------------------------------
    def write(self, data: bytes) -> bool:
        if not self.writable:
            self.err = True
            set_errno(EBADF)
            return False
        if self.rbuf[self.rpos:]:
            self._drop_read_buffer()
        if self.text:
            data = data.replace(b"\n", b"\r\n")
        self.wbuf += data
        if self.bufmode == _IONBF or len(self.wbuf) >= self.bufsize or \
                (self.bufmode == _IOLBF and b"\n" in data):
            return self.flush()
        return True

    def flush(self) -> bool:
        if self.wbuf:
            data = bytes(self.wbuf)
            self.wbuf.clear()
            try:
                if self.append:
                    os.lseek(self.host_fd, 0, os.SEEK_END)
                n = 0
                while n < len(data):
                    n += os.write(self.host_fd, data[n:])
            except OSError:
                self.err = True
                return False
        return True

    # ---- reading -------------------------------------------------------------
    def _fill(self) -> bool:
        if self.wbuf:
            self.flush()
        try:
            chunk = os.read(self.host_fd, BUFSIZ if not self.tty else 1024)
        except OSError:
            self.err = True
            return False
        if not chunk:
            self.eof = True
            return False
        if self.text:
            if self.pending_cr:
                chunk = b"\r" + chunk
                self.pending_cr = False
            if chunk.endswith(b"\r"):
                # a CR at the end of a read may start a CRLF pair
                chunk = chunk[:-1]
                self.pending_cr = True
            z = chunk.find(b"\x1a")
            if z >= 0:
                chunk = chunk[:z]
                self.eof_at_ctrl_z = True
            chunk = chunk.replace(b"\r\n", b"\n")
            if not chunk and not self.pending_cr:
                self.eof = True
                return False
        self.rbuf = self.rbuf[self.rpos:] + chunk
        self.rpos = 0
        return True

    def read(self, n: int) -> bytes:
        if not self.readable:
            self.err = True
            set_errno(EBADF)
            return b""
        out = bytearray()
        while len(out) < n:
            avail = len(self.rbuf) - self.rpos
            if avail <= 0:
                if self.eof or not self._fill():
                    if self.pending_cr:
                        self.pending_cr = False
                        self.rbuf, self.rpos = b"\r", 0
                        continue
                    break
                continue
            take = min(avail, n - len(out))
            out += self.rbuf[self.rpos:self.rpos + take]
            self.rpos += take
        return bytes(out)

    def getc(self) -> int:
        if self.rpos < len(self.rbuf):
            c = self.rbuf[self.rpos]
            self.rpos += 1
            return c
        b = self.read(1)
        return b[0] if b else EOF_

    def readline(self, limit: int) -> bytes:
        out = bytearray()
        while len(out) < limit:
            c = self.getc()
            if c == EOF_:
                break
            out.append(c)
            if c == 10:
                break
        return bytes(out)

    def ungetc(self, c: int):
        if self.rpos > 0:
            self.rpos -= 1
            self.rbuf = self.rbuf[:self.rpos] + bytes([c]) + self.rbuf[self.rpos + 1:]
        else:
            self.rbuf = bytes([c]) + self.rbuf[self.rpos:]
            self.rpos = 0
        self.eof = False

    def _drop_read_buffer(self):
        unread = len(self.rbuf) - self.rpos
        if unread:
            try:
                os.lseek(self.host_fd, -unread, os.SEEK_CUR)
            except OSError:
                pass
        self.rbuf, self.rpos = b"", 0

    def tell(self) -> int:
        try:
            pos = os.lseek(self.host_fd, 0, os.SEEK_CUR)
        except OSError:
            return -1
        return pos + len(self.wbuf) - (len(self.rbuf) - self.rpos)

    def seek(self, off: int, whence: int) -> bool:
        self.flush()
        if whence == 1:
            off = self.tell() + off
            whence = 0
        self.rbuf, self.rpos = b"", 0
        try:
            os.lseek(self.host_fd, off, whence)
        except OSError:
            set_errno(EINVAL)
            return False
        self.eof = False
        return True

    def close(self) -> bool:
        ok = self.flush()
        self.closed = True
        return ok


def _isatty(fd):
    try:
        return os.isatty(fd)
    except OSError:
        return False


# ---------------------------------------------------------------------------
# _iob and stream lookup

def _init_iob(p, addr):
    s = crt()
    s.iob = addr
    P = p.ptr_size
    size = file_size(P)
    from . import lowio
    for i, (r, w) in enumerate(((True, False), (False, True), (False, True))):
        lowio.register_std_fd(i)
        st = Stream(addr + i * size, i, i, r, w, text=True, name=("stdin", "stdout", "stderr")[i])
        if i == 2:
            st.bufmode = _IONBF
        s.streams[st.addr] = st
        p.mem.w32(addr + i * size + (12 if P == 4 else 24), _IOREAD if r else _IOWRT)
        p.mem.w32(addr + i * size + (16 if P == 4 else 28), i)


dll.data("_iob", lambda P: NIOB * file_size(P), _init_iob)


@dll.cdecl
def __iob_func() -> PTR:
    return crt().iob


@dll.cdecl
def __p__iob() -> PTR:
    return crt().iob


@dll.cdecl
def __acrt_iob_func(index: UINT) -> PTR:
    return crt().iob + index * file_size(proc().ptr_size)


def stream(fp: int) -> Stream | None:
    st = crt().streams.get(fp)
    if st is None or st.closed:
        set_errno(EINVAL)
        return None
    return st


def flush_all_streams():
    for st in list(crt().streams.values()):
        if not st.closed:
            st.flush()


def new_stream(fd: int, host_fd: int, readable: bool, writable: bool, text: bool, append=False, name="") -> int:
    """Allocate a FILE for an open CRT fd; returns the FILE* (0 when out of memory)."""
    p = proc()
    s = crt()
    size = file_size(p.ptr_size)
    addr = 0
    for i in range(3, NIOB):
        cand = s.iob + i * size
        st = s.streams.get(cand)
        if st is None or st.closed:
            addr = cand
            break
    if not addr:
        addr = p.heap_alloc(size, zero=True)
        if not addr:
            return 0
    st = Stream(addr, fd, host_fd, readable, writable, text, append, name)
    s.streams[addr] = st
    P = p.ptr_size
    p.mem.write(addr, bytes(size))
    p.mem.w32(addr + (12 if P == 4 else 24), (_IOREAD if readable else 0) | (_IOWRT if writable else 0))
    p.mem.w32(addr + (16 if P == 4 else 28), fd)
    return addr


# ---------------------------------------------------------------------------
# character and block output

@dll.cdecl
def fputc(c: INT, fp: PTR) -> INT:
    st = stream(fp)
    if st is None or not st.write(bytes((c & 0xFF,))):
        return EOF_
    return c & 0xFF


@dll.cdecl
def putc(c: INT, fp: PTR) -> INT:
    return fputc(c, fp)


@dll.cdecl
def _fputc_nolock(c: INT, fp: PTR) -> INT:
    return fputc(c, fp)


@dll.cdecl
def _putc_nolock(c: INT, fp: PTR) -> INT:
    return fputc(c, fp)


@dll.cdecl
def _flsbuf(c: INT, fp: PTR) -> INT:
    return fputc(c, fp)


@dll.cdecl
def putchar(c: INT) -> INT:
    return fputc(c, crt().iob + file_size(proc().ptr_size))


@dll.cdecl
def fputs(s: PTR, fp: PTR) -> INT:
    st = stream(fp)
    if st is None:
        return EOF_
    return 0 if st.write(proc().mem.cstr(s)) else EOF_


@dll.cdecl
def puts(s: PTR) -> INT:
    st = stream(crt().iob + file_size(proc().ptr_size))
    if st is None:
        return EOF_
    return 0 if st.write(proc().mem.cstr(s) + b"\n") else EOF_


@dll.cdecl
def fwrite(buf: PTR, size: SIZE_T, count: SIZE_T, fp: PTR) -> SIZE_T:
    st = stream(fp)
    if st is None or size == 0 or count == 0:
        return 0
    data = proc().mem.read(buf, size * count)
    if not st.write(data):
        return 0
    return count


@dll.cdecl
def fread(buf: PTR, size: SIZE_T, count: SIZE_T, fp: PTR) -> SIZE_T:
    st = stream(fp)
    if st is None or size == 0 or count == 0:
        return 0
    data = st.read(size * count)
    if data:
        proc().mem.write(buf, data)
    return len(data) // size


@dll.cdecl
def fgetc(fp: PTR) -> INT:
    st = stream(fp)
    if st is None:
        return EOF_
    return st.getc()


@dll.cdecl
def getc(fp: PTR) -> INT:
    return fgetc(fp)


@dll.cdecl
def _filbuf(fp: PTR) -> INT:
    return fgetc(fp)


@dll.cdecl
def getchar() -> INT:
    return fgetc(crt().iob)


@dll.cdecl
def fgets(buf: PTR, size: INT, fp: PTR) -> PTR:
    st = stream(fp)
    if st is None or size <= 0:
        return 0
    line = st.readline(size - 1)
    if not line:
        return 0
    proc().mem.write(buf, line + b"\0")
    return buf


@dll.cdecl
def ungetc(c: INT, fp: PTR) -> INT:
    st = stream(fp)
    if st is None or c == EOF_:
        return EOF_
    st.ungetc(c & 0xFF)
    return c & 0xFF


@dll.cdecl
def fflush(fp: PTR) -> INT:
    if not fp:
        flush_all_streams()
        return 0
    st = stream(fp)
    if st is None:
        return EOF_
    return 0 if st.flush() else EOF_


@dll.cdecl
def _flushall() -> INT:
    flush_all_streams()
    return len([s for s in crt().streams.values() if not s.closed])


@dll.cdecl
def feof(fp: PTR) -> INT:
    st = stream(fp)
    return int(bool(st and st.eof and st.rpos >= len(st.rbuf)))


@dll.cdecl
def ferror(fp: PTR) -> INT:
    st = stream(fp)
    return int(bool(st and st.err))


@dll.cdecl
def clearerr(fp: PTR) -> VOID:
    st = stream(fp)
    if st:
        st.eof = st.err = False


@dll.cdecl
def _fileno(fp: PTR) -> INT:
    st = stream(fp)
    return -1 if st is None else st.fd


@dll.cdecl
def setvbuf(fp: PTR, buf: PTR, mode: INT, size: SIZE_T) -> INT:
    st = stream(fp)
    if st is None or mode not in (_IOFBF, _IOLBF, _IONBF) or (mode != _IONBF and not (2 <= size <= 0x7FFFFFFF)):
        set_errno(EINVAL)
        return -1
    st.flush()
    st.bufmode = mode
    st.bufsize = size if mode != _IONBF else 1
    return 0


@dll.cdecl
def setbuf(fp: PTR, buf: PTR) -> VOID:
    setvbuf(fp, buf, _IOFBF if buf else _IONBF, BUFSIZ)


@dll.cdecl
def ftell(fp: PTR) -> LONG:
    st = stream(fp)
    return -1 if st is None else st.tell()


@dll.cdecl
def fseek(fp: PTR, offset: LONG, whence: INT) -> INT:
    st = stream(fp)
    if st is None or whence not in (0, 1, 2):
        set_errno(EINVAL)
        return -1
    return 0 if st.seek(offset, whence) else -1


@dll.cdecl
def rewind(fp: PTR) -> VOID:
    st = stream(fp)
    if st is not None:
        st.seek(0, 0)
        st.err = False
