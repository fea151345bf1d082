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
from winelike.abi.types import INT, LPCSTR, PTR, SIZE_T, UINT, VARARGS, VOID, LONG, LONGLONG, DWORD
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
            with proc().blocking():          # a pipe or a terminal may make this thread wait
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
        unread = self.rbuf[self.rpos:]
        back = len(unread) + (1 if self.pending_cr else 0)
        if self.text:
            back += unread.count(b"\n")     # as msvcrt: each buffered "\n" stood for "\r\n"
        return pos + len(self.wbuf) - back

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


# ---------------------------------------------------------------------------
# opening and closing streams

def parse_mode(mode: str):
    """fopen's mode string -> (oflag, readable, writable, append, text) or None when invalid."""
    from . import lowio
    mode = mode.lstrip(" ")
    if not mode or mode[0] not in "rwa":
        return None
    kind = mode[0]
    plus = False
    text = None
    for c in mode[1:]:
        if c == "+":
            plus = True
        elif c == "b":
            text = False
        elif c == "t":
            text = True
        elif c == ",":
            break
        elif c in "cnNSRTD ":
            continue
        else:
            return None
    if text is None:
        text = lowio.default_text()
    if kind == "r":
        oflag = lowio._O_RDWR if plus else lowio._O_RDONLY
    elif kind == "w":
        oflag = (lowio._O_RDWR if plus else lowio._O_WRONLY) | lowio._O_CREAT | lowio._O_TRUNC
    else:
        oflag = (lowio._O_RDWR if plus else lowio._O_WRONLY) | lowio._O_CREAT | lowio._O_APPEND
    oflag |= lowio._O_TEXT if text else lowio._O_BINARY
    return oflag, kind == "r" or plus, kind != "r" or plus, kind == "a", text


def open_stream(path: str, mode: str, at: int = 0) -> int:
    from . import lowio
    parsed = parse_mode(mode)
    if parsed is None or not path:
        set_errno(EINVAL)
        return 0
    oflag, readable, writable, append, text = parsed
    fd = lowio.open_host(path, oflag, 0x180)
    if fd < 0:
        return 0
    info = crt().fds[fd]
    if at:
        return _attach_stream(at, fd, info.host_fd, readable, writable, text, append, path)
    fp = new_stream(fd, info.host_fd, readable, writable, text, append, path)
    if not fp:
        lowio.close_fd(fd)
    return fp


def _attach_stream(addr, fd, host_fd, readable, writable, text, append, name):
    p = proc()
    P = p.ptr_size
    st = Stream(addr, fd, host_fd, readable, writable, text, append, name)
    crt().streams[addr] = st
    p.mem.write(addr, bytes(file_size(P)))
    p.mem.w32(addr + (12 if P == 4 else 24), (_IOREAD if readable else 0) | (_IOWRT if writable else 0))
    p.mem.w32(addr + (16 if P == 4 else 28), fd)
    return addr


def _astr(ptr):
    p = proc()
    return p.mem.cstr(ptr).decode(p.acp, "replace") if ptr else ""


@dll.cdecl
def fopen(path: PTR, mode: PTR) -> PTR:
    if not path or not mode:
        set_errno(EINVAL)
        return 0
    return open_stream(_astr(path), _astr(mode))


@dll.cdecl
def _wfopen(path: PTR, mode: PTR) -> PTR:
    if not path or not mode:
        set_errno(EINVAL)
        return 0
    return open_stream(proc().mem.wstr(path), proc().mem.wstr(mode))


@dll.cdecl
def _fsopen(path: PTR, mode: PTR, share: INT) -> PTR:
    return fopen(path, mode)


@dll.cdecl
def _wfsopen(path: PTR, mode: PTR, share: INT) -> PTR:
    return _wfopen(path, mode)


@dll.cdecl
def fopen_s(out: PTR, path: PTR, mode: PTR) -> INT:
    from .state import get_errno
    if not out or not path or not mode:
        set_errno(EINVAL)
        return EINVAL
    fp = fopen(path, mode)
    proc().mem.wptr(out, fp)
    return 0 if fp else get_errno()


@dll.cdecl
def _wfopen_s(out: PTR, path: PTR, mode: PTR) -> INT:
    from .state import get_errno
    if not out or not path or not mode:
        set_errno(EINVAL)
        return EINVAL
    fp = _wfopen(path, mode)
    proc().mem.wptr(out, fp)
    return 0 if fp else get_errno()


def close_stream(st: Stream) -> int:
    from . import lowio
    ok = st.close()
    r = lowio.close_fd(st.fd) if st.fd > 2 or st.fd in crt().fds else 0
    if st.fd <= 2:
        r = 0
    return 0 if ok and r == 0 else EOF_


@dll.cdecl
def fclose(fp: PTR) -> INT:
    st = stream(fp)
    if st is None:
        return EOF_
    return close_stream(st)


@dll.cdecl
def _fcloseall() -> INT:
    n = 0
    for st in list(crt().streams.values()):
        if not st.closed and st.fd > 2:
            close_stream(st)
            n += 1
    return n


@dll.cdecl
def freopen(path: PTR, mode: PTR, fp: PTR) -> PTR:
    st = crt().streams.get(fp)
    if st is None or not path or not mode:
        set_errno(EINVAL)
        return 0
    if not st.closed:
        close_stream(st)
    return open_stream(_astr(path), _astr(mode), at=fp)


@dll.cdecl
def _wfreopen(path: PTR, mode: PTR, fp: PTR) -> PTR:
    st = crt().streams.get(fp)
    if st is None or not path or not mode:
        set_errno(EINVAL)
        return 0
    if not st.closed:
        close_stream(st)
    return open_stream(proc().mem.wstr(path), proc().mem.wstr(mode), at=fp)


def fdopen_(fd: int, mode: str) -> int:
    from . import lowio
    info = lowio.fd_info(fd)
    parsed = parse_mode(mode)
    if info is None or parsed is None:
        set_errno(EINVAL if info is not None else EBADF)
        return 0
    _, readable, writable, append, text = parsed
    if "t" not in mode and "b" not in mode:
        text = info.text
    return new_stream(fd, info.host_fd, readable, writable, text, append)


@dll.cdecl
def _fdopen(fd: INT, mode: PTR) -> PTR:
    return fdopen_(fd, _astr(mode))


@dll.cdecl
def _wfdopen(fd: INT, mode: PTR) -> PTR:
    return fdopen_(fd, proc().mem.wstr(mode))


@dll.cdecl
def tmpfile() -> PTR:
    import tempfile
    from . import lowio
    try:
        host_fd, path = tempfile.mkstemp(prefix="wlcrt")
    except OSError:
        set_errno(EACCES)
        return 0
    fd = lowio.alloc_fd(host_fd, False, path=path, temporary=True)
    if fd < 0:
        os.close(host_fd)
        os.unlink(path)
        return 0
    return new_stream(fd, host_fd, True, True, False, False, path)


@dll.cdecl
def tmpnam(buf: PTR) -> PTR:
    from .state import static_buffer
    s = crt()
    n = s.static.get("tmpnam_n", 0) + 1
    s.static["tmpnam_n"] = n
    name = f"\\s{os.getpid() & 0xFFFF:x}.{n}"
    if not buf:
        buf = static_buffer("tmpnam", 260)
    proc().mem.write(buf, name.encode() + b"\0")
    return buf


# ---------------------------------------------------------------------------
# positions

@dll.cdecl
def _ftelli64(fp: PTR) -> LONGLONG:
    return ftell(fp)


@dll.cdecl
def _fseeki64(fp: PTR, offset: LONGLONG, whence: INT) -> INT:
    return fseek(fp, offset, whence)


@dll.cdecl
def fgetpos(fp: PTR, pos: PTR) -> INT:
    st = stream(fp)
    if st is None or not pos:
        set_errno(EINVAL)
        return -1
    t = st.tell()
    if t < 0:
        return -1
    proc().mem.w64(pos, t)
    return 0


@dll.cdecl
def fsetpos(fp: PTR, pos: PTR) -> INT:
    st = stream(fp)
    if st is None or not pos:
        set_errno(EINVAL)
        return -1
    off = proc().mem.u64(pos)
    return 0 if st.seek(off, 0) else -1


# ---------------------------------------------------------------------------
# wide characters and words

WEOF = 0xFFFF


def _putwc(st: Stream, c: int) -> int:
    c &= 0xFFFF
    if st.text:
        if c > 0xFF:
            set_errno(42)   # EILSEQ: the "C" locale has no multibyte form for it
            st.err = True
            return WEOF
        data = bytes((c,))
    else:
        data = c.to_bytes(2, "little")
    return c if st.write(data) else WEOF


def _getwc(st: Stream) -> int:
    if st.text:
        c = st.getc()
        return WEOF if c == EOF_ else c
    b = st.read(2)
    if len(b) < 2:
        return WEOF
    return int.from_bytes(b, "little")


@dll.cdecl
def fputwc(c: UINT, fp: PTR) -> UINT:
    st = stream(fp)
    return WEOF if st is None else _putwc(st, c)


@dll.cdecl
def putwc(c: UINT, fp: PTR) -> UINT:
    return fputwc(c, fp)


@dll.cdecl
def _fputwchar(c: UINT) -> UINT:
    return fputwc(c, crt().iob + file_size(proc().ptr_size))


@dll.cdecl
def putwchar(c: UINT) -> UINT:
    return _fputwchar(c)


@dll.cdecl
def fgetwc(fp: PTR) -> UINT:
    st = stream(fp)
    return WEOF if st is None else _getwc(st)


@dll.cdecl
def getwc(fp: PTR) -> UINT:
    return fgetwc(fp)


@dll.cdecl
def _fgetwchar() -> UINT:
    return fgetwc(crt().iob)


@dll.cdecl
def getwchar() -> UINT:
    return fgetwc(crt().iob)


@dll.cdecl
def ungetwc(c: UINT, fp: PTR) -> UINT:
    st = stream(fp)
    c &= 0xFFFF
    if st is None or c == WEOF:
        return WEOF
    if st.text:
        if c > 0xFF:
            return WEOF
        st.ungetc(c)
    else:
        st.ungetc(c >> 8)
        st.ungetc(c & 0xFF)
    return c


@dll.cdecl
def fputws(s: PTR, fp: PTR) -> INT:
    st = stream(fp)
    if st is None:
        return EOF_
    text = proc().mem.wstr_bytes(s)
    for i in range(0, len(text), 2):
        if _putwc(st, int.from_bytes(text[i:i + 2], "little")) == WEOF:
            return EOF_
    return 0


@dll.cdecl
def _putws(s: PTR) -> INT:
    fp = crt().iob + file_size(proc().ptr_size)
    if fputws(s, fp) == EOF_:
        return EOF_
    return 0 if fputwc(10, fp) != WEOF else EOF_


@dll.cdecl
def fgetws(buf: PTR, size: INT, fp: PTR) -> PTR:
    st = stream(fp)
    if st is None or size <= 0:
        return 0
    out = []
    while len(out) < size - 1:
        c = _getwc(st)
        if c == WEOF:
            break
        out.append(c)
        if c == 10:
            break
    if not out:
        return 0
    proc().mem.write(buf, b"".join(c.to_bytes(2, "little") for c in out) + b"\0\0")
    return buf


@dll.cdecl
def _putw(w: INT, fp: PTR) -> INT:
    st = stream(fp)
    if st is None or not st.write((w & 0xFFFFFFFF).to_bytes(4, "little")):
        return EOF_
    return w


@dll.cdecl
def _getw(fp: PTR) -> INT:
    st = stream(fp)
    if st is None:
        return EOF_
    b = st.read(4)
    if len(b) < 4:
        return EOF_
    return int.from_bytes(b, "little")


@dll.cdecl
def gets(buf: PTR) -> PTR:
    st = stream(crt().iob)
    if st is None:
        return 0
    line = st.readline(1 << 20)
    if not line and st.eof:
        return 0
    if line.endswith(b"\n"):
        line = line[:-1]
    proc().mem.write(buf, line + b"\0")
    return buf


# ---------------------------------------------------------------------------
# errors

@dll.cdecl
def perror(msg: PTR) -> VOID:
    from .state import get_errno
    from .string import strerror_text
    text = strerror_text(get_errno()).encode() + b"\n"
    if msg:
        prefix = proc().mem.cstr(msg)
        if prefix:
            text = prefix + b": " + text
    st = crt().streams.get(crt().iob + 2 * file_size(proc().ptr_size))
    if st is not None and not st.closed:
        st.flush()
    from . import lowio
    info = crt().fds.get(2)
    if info is not None:
        try:
            lowio.write_fd(info, text)
        except OSError:
            pass


@dll.cdecl
def _wperror(msg: PTR) -> VOID:
    from .state import get_errno
    from .string import strerror_text
    text = strerror_text(get_errno()) + "\n"
    if msg:
        prefix = proc().mem.wstr(msg)
        if prefix:
            text = prefix + ": " + text
    from . import lowio
    info = crt().fds.get(2)
    if info is not None:
        try:
            lowio.write_fd(info, proc().encode_astr(text))
        except OSError:
            pass
