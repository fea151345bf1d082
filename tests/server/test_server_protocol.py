"""protocol.py: the definition drives encoding, decoding, framing, tracing and the version."""
from __future__ import annotations

import pytest

from winelike.server import protocol
from winelike.server.protocol import BY_NAME, FrameReader, ProtocolError


def test_version_is_a_hash_of_the_definition():
    assert protocol.VERSION == protocol._schema_hash()
    saved = protocol.REQUESTS[0].req_fields
    try:
        protocol.REQUESTS[0].req_fields = saved + [("extra", protocol.U32)]
        assert protocol._schema_hash() != protocol.VERSION
    finally:
        protocol.REQUESTS[0].req_fields = saved


def test_request_round_trip():
    d = BY_NAME["create_event"]
    frame = protocol.encode_request(d, 7, {"access": 0x1F0003, "manual_reset": 1, "name": "x\u00e9"})
    defn, seq, req = protocol.decode_request(frame[4:])
    assert (defn, seq) == (d, 7)
    assert req.access == 0x1F0003 and req.manual_reset == 1 and req.initial_state == 0 and req.name == "x\u00e9"


def test_reply_round_trip_with_variable_field():
    d = BY_NAME["get_handle_info"]
    frame = protocol.encode_reply(d, 3, 0, {"access": 5, "type": "Event"})
    defn, seq, reply = protocol.decode_reply(frame[4:])
    assert reply == d.Reply(error=0, access=5, flags=0, type="Event")


def test_unknown_field_is_a_local_error():
    with pytest.raises(TypeError):
        protocol.encode_request(BY_NAME["set_event"], 1, {"hnadle": 4})


@pytest.mark.parametrize("body", [
    b"",                                            # no header
    b"\xff\x00\x00\x00\x01\x00\x00\x00",            # unknown opcode
    protocol.REQ_HEADER.pack(BY_NAME["set_event"].opcode, 0, 1) + b"\x01",          # truncated fields
    protocol.REQ_HEADER.pack(BY_NAME["set_event"].opcode, 0, 1) + b"\x04\0\0\0\0",  # stray byte
    protocol.REQ_HEADER.pack(BY_NAME["open_event"].opcode, 0, 1) + b"\0" * 5 + b"\x10\0\0\0ab",  # short string
    protocol.REQ_HEADER.pack(BY_NAME["open_event"].opcode, 0, 1) + b"\0" * 5 + b"\x01\0\0\0a",   # odd UTF-16
])
def test_malformed_requests_are_protocol_errors(body):
    with pytest.raises(ProtocolError):
        protocol.decode_request(body)


def test_frame_reader_reassembles_and_limits():
    frames = protocol.encode_request(BY_NAME["set_event"], 1, {"handle": 4}) * 2
    r = FrameReader()
    for b in frames:                   # one byte at a time
        r.feed(bytes([b]))
        got = r.frames()
        assert len(got) <= 1
    assert r.pending == 0
    r.feed(protocol.LENGTH.pack(protocol.MAX_FRAME + 1))
    with pytest.raises(ProtocolError, match="exceeds"):
        r.frames()


def test_trace_lines_are_wine_style():
    d = BY_NAME["create_event"]
    req = d.Request(access=0x1F0003, inherit=0, manual_reset=1, initial_state=0, name="x")
    assert protocol.format_request(0x24, d, req) == \
        '0024: create_event( access=001f0003, inherit=0, manual_reset=1, initial_state=0, name=L"x" )'
    assert protocol.format_reply(0x24, d, 0, {"handle": 4}) == "0024: create_event() = 0 { handle=0004 }"
    assert protocol.format_reply(0x24, d, 183, {"handle": 8}) == \
        "0024: create_event() = ALREADY_EXISTS { handle=0008 }"
    assert protocol.format_reply(0x24, BY_NAME["close_handle"], 6, None) == "0024: close_handle() = INVALID_HANDLE"
    sel = BY_NAME["select"]
    assert protocol.format_request(0x24, sel, sel.Request(flags=1, timeout=protocol.TIMEOUT_INFINITE,
                                                          handles=(4, 8))) == \
        "0024: select( flags=1, timeout=infinite, handles={0004,0008} )"


def test_frame_reader_take():
    one = protocol.encode_request(BY_NAME["set_event"], 1, {"handle": 4})
    r = FrameReader()
    assert r.take(one) == [one[4:]]
    assert r.take(one * 2 + one[:5]) == [one[4:]] * 2
    assert r.take(one[5:]) == [one[4:]]
    assert r.pending == 0
    with pytest.raises(ProtocolError):
        r.take(protocol.LENGTH.pack(protocol.MAX_FRAME + 1) + b"x" * 8)
