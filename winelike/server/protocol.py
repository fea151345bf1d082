"""The server protocol: the one definition of every request and reply, imported by both sides.

Each entry of REQUESTS names a request, its request fields and its reply fields, with
types from the table below; everything else is derived from it: the binary encoders and
decoders, the `+server` trace (formatted generically, Wine style), and the protocol
version, a hash of the definition checked by both sides at connect.

Wire format (all little-endian, Unix stream socket):

* handshake, raw: the client sends ``b"WLSC" u32 version``; the server sends
  ``b"WLSS" u32 version u32 server_pid``.  Each side checks the other's version and a
  mismatch is an error on both sides (the server drops the client and says why).
* then frames: ``u32 length`` (bytes that follow, at most MAX_FRAME), then
  request: ``u16 opcode, u16 0, u32 seq``, fixed fields, variable fields;
  reply:   ``u16 opcode, u16 0, u32 seq, u32 error``, fixed fields, variable fields.
  Variable fields (strings, handle lists) come after all fixed fields, each as
  ``u32 byte length`` + data.  `error` is a Win32 error code; on a hard error the
  reply fields are zero, informational codes (ERROR_ALREADY_EXISTS) keep them.

One request is outstanding per connection (a connection is one thread); a `select`
that cannot be satisfied at once is answered later, when it is.
"""
from __future__ import annotations

import collections
import enum
import functools
import zlib
import struct


class ProtocolError(Exception):
    """The peer sent something the protocol does not allow (its fault, not ours)."""


class ProtocolVersionError(ProtocolError):
    pass


# ---- Win32 codes carried in replies ------------------------------------------------

class Error(enum.IntEnum):
    ERROR_SUCCESS = 0
    ERROR_FILE_NOT_FOUND = 2
    ERROR_PATH_NOT_FOUND = 3
    ERROR_ACCESS_DENIED = 5
    ERROR_INVALID_HANDLE = 6
    ERROR_NOT_ENOUGH_MEMORY = 8
    ERROR_INVALID_PARAMETER = 87
    ERROR_INVALID_NAME = 123
    ERROR_ALREADY_EXISTS = 183
    ERROR_NOT_OWNER = 288
    ERROR_TOO_MANY_POSTS = 298
    ERROR_NO_MORE_ITEMS = 259            # registry from here on
    ERROR_KEY_DELETED = 1018
    ERROR_CHILD_MUST_BE_VOLATILE = 1021


class Wait(enum.IntEnum):
    WAIT_OBJECT_0 = 0
    WAIT_ABANDONED_0 = 0x80
    WAIT_IO_COMPLETION = 0xC0
    WAIT_TIMEOUT = 0x102


MAXIMUM_WAIT_OBJECTS = 64
TIMEOUT_INFINITE = (1 << 64) - 1        # select timeouts: relative, in 100 ns units
SELECT_ALL = 1                           # select flags
SELECT_ALERTABLE = 2
DUPLICATE_CLOSE_SOURCE = 1
DUPLICATE_SAME_ACCESS = 2
HANDLE_FLAG_INHERIT = 1
HANDLE_FLAG_PROTECT_FROM_CLOSE = 2
CURRENT_PROCESS = 0xFFFFFFFF             # pseudo-handles, as GetCurrentProcess/GetCurrentThread
CURRENT_THREAD = 0xFFFFFFFE

MAX_FRAME = 1088 * 1024                 # registry values up to 1 MiB (registry.MAX_VALUE_DATA)
CLIENT_MAGIC = b"WLSC"
SERVER_MAGIC = b"WLSS"
CLIENT_HELLO = struct.Struct("<4sI")
SERVER_HELLO = struct.Struct("<4sII")
LENGTH = struct.Struct("<I")
REQ_HEADER = struct.Struct("<HHI")       # opcode, 0, seq
REPLY_HEADER = struct.Struct("<HHII")    # opcode, 0, seq, error


# ---- field types -----------------------------------------------------------------

class FieldType:
    """A field's wire form (a struct code, or None for a variable-length field) and trace form."""

    def __init__(self, name, code, fmt, default=0, var=None):
        self.name, self.code, self.fmt, self.default, self.var = name, code, fmt, default, var

    def __repr__(self):
        return self.name


def _fmt_timeout(v):
    return "infinite" if v == TIMEOUT_INFINITE else f"+{v / 10_000_000:.7f}"


def _fmt_str(v):
    return "L" + '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Unicode:
    @staticmethod
    def encode(v):
        return v.encode("utf-16-le", "surrogatepass")

    @staticmethod
    def decode(b):
        if len(b) & 1:
            raise ProtocolError("odd byte length for a UTF-16 string")
        return bytes(b).decode("utf-16-le", "surrogatepass")


class _Handles:
    @staticmethod
    def encode(v):
        return struct.pack(f"<{len(v)}I", *v)

    @staticmethod
    def decode(b):
        if len(b) & 3:
            raise ProtocolError("handle list length not a multiple of 4")
        return struct.unpack(f"<{len(b) // 4}I", b)


U32 = FieldType("u32", "I", str)
INT = FieldType("int", "i", str)
BOOL = FieldType("bool", "B", str)
ID = FieldType("id", "I", lambda v: f"{v:04x}")
HANDLE = FieldType("handle", "I", lambda v: f"{v:04x}")
ACCESS = FieldType("access", "I", lambda v: f"{v:08x}")
FLAGS = FieldType("flags", "I", lambda v: f"{v:x}")
TIMEOUT = FieldType("timeout", "Q", _fmt_timeout)
DUE = FieldType("due", "q", str)        # set_timer: < 0 relative, > 0 absolute FILETIME (100 ns)
UNICODE = FieldType("unicode", None, _fmt_str, "", _Unicode)
HANDLES = FieldType("handles", None, lambda v: "{" + ",".join(f"{h:04x}" for h in v) + "}", (), _Handles)


class _Bytes:
    @staticmethod
    def encode(v):
        return bytes(v)

    @staticmethod
    def decode(b):
        return bytes(b)


def _fmt_bytes(v):
    return "{" + ",".join(f"{b:02x}" for b in v[:32]) + (",..." if len(v) > 32 else "") + "}"


BYTES = FieldType("bytes", None, _fmt_bytes, b"", _Bytes)
FILETIME = FieldType("filetime", "Q", lambda v: f"{v:x}")


# ---- the definition --------------------------------------------------------------

_NAMED = [("access", ACCESS), ("inherit", BOOL)]

DEFINITION = [
    # name, request fields, reply fields
    # want_pid/want_tid: the ids the client derived from its host ids (0: the server picks); a
    # new_process whose want_pid names a process made by create_process becomes that process
    ("new_process", [("parent", ID), ("inherit_handles", BOOL), ("want_pid", ID), ("want_tid", ID)],
     [("pid", ID), ("tid", ID)]),
    ("new_thread", [("pid", ID), ("want_tid", ID)], [("tid", ID)]),
    ("create_process", [("pid", ID), ("tid", ID), ("inherit_handles", BOOL), ("suspended", BOOL)],
     [("process", HANDLE), ("thread", HANDLE)]),
    ("suspend_thread", [("handle", HANDLE)], [("prev_count", U32)]),
    ("resume_thread", [("handle", HANDLE)], [("prev_count", U32)]),
    ("wait_resume", [], [("result", U32)]),        # a child made suspended: answered once resumed
    ("terminate_process", [("handle", HANDLE), ("code", U32)], [("self", BOOL)]),
    ("get_process_info", [("handle", HANDLE)], [("pid", ID), ("exit_code", U32), ("exited", BOOL)]),
    ("get_thread_info", [("handle", HANDLE)], [("tid", ID), ("pid", ID), ("exit_code", U32), ("exited", BOOL)]),
    ("get_server_info", [], [("pid", U32), ("clients", U32), ("processes", U32), ("objects", U32)]),
    ("open_process", [("pid", ID)] + _NAMED, [("handle", HANDLE)]),
    ("open_thread", [("tid", ID)] + _NAMED, [("handle", HANDLE)]),
    ("close_handle", [("handle", HANDLE)], []),
    # at: the handle value to use in the target (0: the lowest free one); a client that keeps
    # some handles itself (winelike.handles) moves one into the server at the same value
    ("dup_handle", [("src_process", HANDLE), ("src_handle", HANDLE), ("dst_process", HANDLE),
                    ("access", ACCESS), ("inherit", BOOL), ("options", FLAGS), ("at", HANDLE)],
     [("handle", HANDLE)]),
    ("get_handle_info", [("handle", HANDLE)], [("access", ACCESS), ("flags", FLAGS), ("type", UNICODE)]),
    ("set_handle_info", [("handle", HANDLE), ("mask", FLAGS), ("flags", FLAGS)], [("old_flags", FLAGS)]),
    ("create_event", _NAMED + [("manual_reset", BOOL), ("initial_state", BOOL), ("name", UNICODE)],
     [("handle", HANDLE)]),
    ("open_event", _NAMED + [("name", UNICODE)], [("handle", HANDLE)]),
    ("set_event", [("handle", HANDLE)], [("prev_state", BOOL)]),
    ("reset_event", [("handle", HANDLE)], [("prev_state", BOOL)]),
    ("pulse_event", [("handle", HANDLE)], [("prev_state", BOOL)]),
    ("query_event", [("handle", HANDLE)], [("manual_reset", BOOL), ("state", BOOL)]),
    ("create_mutex", _NAMED + [("owned", BOOL), ("owner", ID), ("count", U32), ("abandoned", BOOL),
                               ("name", UNICODE)], [("handle", HANDLE)]),
    ("open_mutex", _NAMED + [("name", UNICODE)], [("handle", HANDLE)]),
    ("release_mutex", [("handle", HANDLE)], [("prev_count", U32)]),
    ("query_mutex", [("handle", HANDLE)], [("count", U32), ("owned", BOOL), ("abandoned", BOOL)]),
    ("create_semaphore", _NAMED + [("initial", INT), ("max", INT), ("name", UNICODE)], [("handle", HANDLE)]),
    ("open_semaphore", _NAMED + [("name", UNICODE)], [("handle", HANDLE)]),
    ("release_semaphore", [("handle", HANDLE), ("count", INT)], [("prev_count", INT)]),
    ("query_semaphore", [("handle", HANDLE)], [("count", INT), ("max", INT)]),
    ("create_timer", _NAMED + [("manual_reset", BOOL), ("name", UNICODE)], [("handle", HANDLE)]),
    ("open_timer", _NAMED + [("name", UNICODE)], [("handle", HANDLE)]),
    ("set_timer", [("handle", HANDLE), ("due", DUE), ("period", U32)], [("signaled", BOOL)]),
    ("cancel_timer", [("handle", HANDLE)], [("signaled", BOOL)]),
    ("query_timer", [("handle", HANDLE)], [("signaled", BOOL), ("remaining", TIMEOUT)]),
    ("select", [("flags", FLAGS), ("timeout", TIMEOUT), ("handles", HANDLES)], [("result", U32)]),
    ("signal_and_wait", [("signal", HANDLE), ("wait", HANDLE), ("flags", FLAGS), ("timeout", TIMEOUT)],
     [("result", U32)]),
    # an APC was queued for thread `tid` of the caller's process: end its alertable wait with
    # WAIT_IO_COMPLETION, or make its next alertable wait end so at once
    ("alert_thread", [("tid", ID)], []),
    # ---- registry (server/registry.py); parent 0 = the root, \REGISTRY ----
    ("create_key", [("parent", HANDLE), ("access", ACCESS), ("options", FLAGS), ("name", UNICODE),
                    ("cls", UNICODE)], [("handle", HANDLE), ("created", BOOL)]),
    ("open_key", [("parent", HANDLE), ("access", ACCESS), ("options", FLAGS), ("name", UNICODE)],
     [("handle", HANDLE)]),
    ("delete_key", [("handle", HANDLE)], []),
    ("flush_key", [("handle", HANDLE)], []),
    ("set_key_value", [("handle", HANDLE), ("type", U32), ("name", UNICODE), ("data", BYTES)], []),
    # data only when it fits in `max` bytes; `size` is its full length either way
    ("get_key_value", [("handle", HANDLE), ("max", U32), ("name", UNICODE)],
     [("type", U32), ("size", U32), ("data", BYTES)]),
    ("enum_key", [("handle", HANDLE), ("index", U32)], [("modif", FILETIME), ("name", UNICODE), ("cls", UNICODE)]),
    ("enum_value", [("handle", HANDLE), ("index", U32), ("max", U32)],
     [("type", U32), ("size", U32), ("name", UNICODE), ("data", BYTES)]),
    ("query_key", [("handle", HANDLE)],
     [("subkeys", U32), ("max_subkey", U32), ("max_class", U32), ("values", U32), ("max_value", U32),
      ("max_data", U32), ("modif", FILETIME), ("name", UNICODE), ("cls", UNICODE)]),
    ("delete_value", [("handle", HANDLE), ("name", UNICODE)], []),
    ("notify_key", [("handle", HANDLE), ("event", HANDLE), ("subtree", BOOL), ("filter", FLAGS)], []),
    # HKEY_CLASSES_ROOT: HKCU\Software\Classes merged over HKLM\Software\Classes
    ("open_classes_root", [("access", ACCESS)], [("handle", HANDLE)]),
    # ---- end of registry ----
    # ---- windows and messages between processes (server/window.py) ----
    # wparam/lparam travel as u64 (FILETIME's wire and trace form: hex); lparam sign-extended
    ("create_msg_queue", [], [("handle", HANDLE)]),
    ("create_window", [("flags", FLAGS), ("cls", UNICODE), ("text", UNICODE)], [("hwnd", HANDLE)]),
    ("destroy_window", [("hwnd", HANDLE)], []),
    ("set_window_text", [("hwnd", HANDLE), ("text", UNICODE)], []),
    # cls and text: kept for top-level windows only ("" for others)
    ("get_window_info", [("hwnd", HANDLE)], [("full", HANDLE), ("tid", ID), ("pid", ID), ("flags", FLAGS),
                                             ("cls", UNICODE), ("text", UNICODE)]),
    # a top-level window of another process, after `after` (0: from the first), by class and/or title
    ("find_window", [("after", HANDLE), ("flags", FLAGS), ("cls", UNICODE), ("text", UNICODE)], [("hwnd", HANDLE)]),
    ("list_windows", [], [("hwnds", HANDLES)]),       # other processes' top-level windows (EnumWindows)
    ("post_message", [("hwnd", HANDLE), ("tid", ID), ("msg", U32), ("wparam", FILETIME), ("lparam", FILETIME)], []),
    # SendMessage to another process: `id` is the sender's own; the reply comes into its inbox
    ("send_message", [("hwnd", HANDLE), ("msg", U32), ("wparam", FILETIME), ("lparam", FILETIME), ("id", U32),
                      ("flags", FLAGS)], []),
    ("reply_message", [("sender", ID), ("id", U32), ("result", FILETIME)], []),
    ("get_messages", [("handle", HANDLE)], [("count", U32), ("data", BYTES)]),
    # RegisterWindowMessage: one number per name (case-insensitive) for the whole prefix, from 0xC000
    ("register_message", [("name", UNICODE)], [("id", U32)]),
    # ---- end of windows ----
]


class RequestDef:
    """One request: its opcode, fields, and the compiled encoders/decoders for both directions."""

    def __init__(self, opcode, name, req_fields, reply_fields):
        self.opcode, self.name = opcode, name
        self.req_fields, self.reply_fields = req_fields, reply_fields
        for fields in (req_fields, reply_fields):
            seen_var = False
            for fname, ftype in fields:
                if ftype.var is None and seen_var:
                    raise TypeError(f"{name}.{fname}: fixed fields must come before variable ones")
                seen_var = seen_var or ftype.var is not None
        self.req_fixed = struct.Struct("<" + "".join(t.code for _, t in req_fields if t.var is None))
        self.req_var = [(f, t) for f, t in req_fields if t.var is not None]
        self.reply_fixed = struct.Struct("<" + "".join(t.code for _, t in reply_fields if t.var is None))
        self.reply_fixed_names = [f for f, t in reply_fields if t.var is None]
        self.reply_var = [(f, t) for f, t in reply_fields if t.var is not None]
        self.req_defaults = {f: t.default for f, t in req_fields}
        self.reply_zero = {f: t.default for f, t in reply_fields}
        self.req_names = [f for f, _ in req_fields]
        # whole frames (length + header + fixed fields) in one struct, for the fast paths
        self.req_frame = struct.Struct("<IHHI" + self.req_fixed.format[1:])
        self.reply_frame = struct.Struct("<IHHII" + self.reply_fixed.format[1:])
        self.req_body = struct.Struct("<HHI" + self.req_fixed.format[1:])
        self.reply_body = struct.Struct("<HHII" + self.reply_fixed.format[1:])

    def __repr__(self):
        return f"<request {self.opcode} {self.name}>"

    # The namedtuple classes are made on first use: making ~180 of them at import took ~10 ms
    # of every process's first server request.
    @functools.cached_property
    def Request(self):
        return collections.namedtuple(f"{self.name}_request", [f for f, _ in self.req_fields])

    @functools.cached_property
    def Reply(self):
        return collections.namedtuple(f"{self.name}_reply", ["error"] + [f for f, _ in self.reply_fields])


REQUESTS: list[RequestDef] = [RequestDef(i, n, rq, rp) for i, (n, rq, rp) in enumerate(DEFINITION)]
BY_NAME: dict[str, RequestDef] = {d.name: d for d in REQUESTS}
# requests a connection may make before it is a thread of some process
UNREGISTERED_OK = frozenset({"new_process", "new_thread", "get_server_info"})


def _schema_hash() -> int:
    text = repr([("frame", LENGTH.format, REQ_HEADER.format, REPLY_HEADER.format, MAX_FRAME)] +
                [(d.name, [(f, t.name, t.code) for f, t in d.req_fields],
                  [(f, t.name, t.code) for f, t in d.reply_fields]) for d in REQUESTS])
    return zlib.crc32(text.encode())        # (not hashlib: importing it costs ~4 ms a process)


VERSION = _schema_hash()


# ---- encoding and decoding -------------------------------------------------------

def _pack_var(parts, var_fields, values):
    for fname, ftype in var_fields:
        data = ftype.var.encode(values[fname])
        parts.append(LENGTH.pack(len(data)))
        parts.append(data)


def _unpack_var(frame, off, var_fields, out):
    for fname, ftype in var_fields:
        if off + 4 > len(frame):
            raise ProtocolError(f"truncated frame: variable field {fname} missing")
        (n,) = LENGTH.unpack_from(frame, off)
        off += 4
        if off + n > len(frame):
            raise ProtocolError(f"truncated frame: variable field {fname} needs {n} bytes")
        out.append(ftype.var.decode(frame[off:off + n]))
        off += n
    return off


def encode_request(defn: RequestDef, seq: int, fields: dict) -> bytes:
    """A full frame (with its length) for a request; missing fields take their defaults."""
    if not defn.req_var and len(fields) == len(defn.req_names):
        try:
            return defn.req_frame.pack(defn.req_frame.size - 4, defn.opcode, 0, seq,
                                       *[fields[f] for f in defn.req_names])
        except KeyError:
            pass
    values = dict(defn.req_defaults)
    for k in fields:
        if k not in values:
            raise TypeError(f"{defn.name}: unknown field {k!r}")
    values.update(fields)
    parts = [b"", REQ_HEADER.pack(defn.opcode, 0, seq)]
    parts.append(defn.req_fixed.pack(*[values[f] for f, t in defn.req_fields if t.var is None]))
    _pack_var(parts, defn.req_var, values)
    body = b"".join(parts)
    if len(body) > MAX_FRAME:
        raise ValueError(f"{defn.name}: request of {len(body)} bytes exceeds the frame limit")
    return LENGTH.pack(len(body)) + body


def decode_request(frame) -> tuple[RequestDef, int, tuple]:
    """A frame body (without its length) -> (definition, seq, request namedtuple)."""
    n = len(frame)
    if n >= 8 and not frame[2] and not frame[3]:          # the fast path: fixed fields only
        opcode = frame[0] | frame[1] << 8
        if opcode < _NREQ:
            fast = _FAST_REQ[opcode]
            if fast is not None and n == fast[0]:
                v = fast[1](frame)
                return fast[2], v[2], _tuple_new(fast[2].Request, v[3:])
    if len(frame) < REQ_HEADER.size:
        raise ProtocolError("truncated frame: no request header")
    opcode, pad, seq = REQ_HEADER.unpack_from(frame, 0)
    if opcode >= len(REQUESTS) or pad:
        raise ProtocolError(f"unknown request opcode {opcode}")
    defn = REQUESTS[opcode]
    if not defn.req_var and len(frame) == defn.req_body.size:
        return defn, seq, defn.Request._make(defn.req_body.unpack(frame)[3:])
    off = REQ_HEADER.size
    end = off + defn.req_fixed.size
    if end > len(frame):
        raise ProtocolError(f"truncated frame: {defn.name} needs {defn.req_fixed.size} bytes of fields")
    values = list(defn.req_fixed.unpack_from(frame, off))
    if defn.req_var:
        end = _unpack_var(frame, end, defn.req_var, values)
    if end != len(frame):
        raise ProtocolError(f"{len(frame) - end} stray bytes after {defn.name}")
    return defn, seq, defn.Request._make(values)


_tuple_new = tuple.__new__
_NREQ = len(REQUESTS)
# per opcode, for requests of fixed fields only: (body size, unpack, definition)
_FAST_REQ = [None if d.req_var else (d.req_body.size, d.req_body.unpack, d) for d in REQUESTS]


def encode_reply(defn: RequestDef, seq: int, error: int, fields) -> bytes:
    values = defn.reply_zero if fields is None else fields
    if not defn.reply_var:
        rf = defn.reply_frame
        return rf.pack(rf.size - 4, defn.opcode, 0, seq, error, *[values.get(f, 0) for f in defn.reply_fixed_names])
    fixed = defn.reply_fixed.pack(*[values.get(f, 0) for f in defn.reply_fixed_names])
    full = dict(defn.reply_zero)
    full.update(values)
    parts = [REPLY_HEADER.pack(defn.opcode, 0, seq, error), fixed]
    _pack_var(parts, defn.reply_var, full)
    body = b"".join(parts)
    return LENGTH.pack(len(body)) + body


def decode_reply(frame) -> tuple[RequestDef, int, tuple]:
    if len(frame) < REPLY_HEADER.size:
        raise ProtocolError("truncated frame: no reply header")
    opcode, pad, seq, error = REPLY_HEADER.unpack_from(frame, 0)
    if opcode >= len(REQUESTS) or pad:
        raise ProtocolError(f"unknown reply opcode {opcode}")
    defn = REQUESTS[opcode]
    if not defn.reply_var and len(frame) == defn.reply_body.size:
        return defn, seq, defn.Reply._make(defn.reply_body.unpack(frame)[3:])
    off = REPLY_HEADER.size
    end = off + defn.reply_fixed.size
    if end > len(frame):
        raise ProtocolError(f"truncated reply to {defn.name}")
    values = [error]
    values.extend(defn.reply_fixed.unpack_from(frame, off))
    if defn.reply_var:
        end = _unpack_var(frame, end, defn.reply_var, values)
    if end != len(frame):
        raise ProtocolError(f"{len(frame) - end} stray bytes after the reply to {defn.name}")
    return defn, seq, defn.Reply._make(values)


class FrameReader:
    """Sans-IO framing: feed bytes, take complete frame bodies; a length over the limit is an error."""

    def __init__(self, limit: int = MAX_FRAME):
        self.buf = bytearray()
        self.limit = limit

    def feed(self, data: bytes) -> None:
        self.buf += data

    def take(self, data: bytes) -> list:
        """feed(data) then frames(), without copying in the usual case of whole frames."""
        if self.buf or len(data) < 4:
            self.buf += data
            return self.frames()
        (length,) = LENGTH.unpack_from(data, 0)
        if len(data) == 4 + length and length <= self.limit:
            return [data[4:]]
        self.buf += data
        return self.frames()

    def frames(self):
        buf = self.buf
        off = 0
        n = len(buf)
        out = []
        while n - off >= 4:
            (length,) = LENGTH.unpack_from(buf, off)
            if length > self.limit:
                raise ProtocolError(f"frame length {length} exceeds the limit of {self.limit} bytes")
            if n - off - 4 < length:
                break
            out.append(bytes(buf[off + 4:off + 4 + length]))
            off += 4 + length
        if off:
            del buf[:off]
        return out

    @property
    def pending(self) -> int:
        """Bytes of an incomplete frame still buffered."""
        return len(self.buf)


# ---- the +server trace -------------------------------------------------------------

def error_name(code: int) -> str:
    try:
        return Error(code).name[len("ERROR_"):]
    except ValueError:
        return f"{code:08x}"


def format_request(tid: int, defn: RequestDef, req) -> str:
    args = ", ".join(f"{f}={t.fmt(getattr(req, f))}" for f, t in defn.req_fields)
    return f"{tid:04x}: {defn.name}( {args} )" if args else f"{tid:04x}: {defn.name}()"


def format_reply(tid: int, defn: RequestDef, error: int, fields) -> str:
    status = "0" if error == 0 else error_name(error)
    line = f"{tid:04x}: {defn.name}() = {status}"
    if defn.reply_fields and (error == 0 or fields is not None):
        values = dict(defn.reply_zero)
        if fields:
            values.update(fields)
        line += " { " + ", ".join(f"{f}={t.fmt(values[f])}" for f, t in defn.reply_fields) + " }"
    return line
