"""Captures wire bytes produced by real Pyro4 (4.82) as fixtures for MessageCodecTest.

Regenerate with:
    /usr/bin/python3 src/test/python/capture_messages.py > src/test/resources/io/pyrons/protocol/pyro4-messages.txt
(run from bundles/protocol). One case per line, fields separated by '|':
name|type|flags|seq|serializer_id|annotations (KEY:hex,...)|hmac key (utf-8)|data hex|expected bytes hex
"""
import binascii
import sys
import zlib

import Pyro4
from Pyro4 import message

assert Pyro4.constants.PROTOCOL_VERSION == 48

CASES = [
    ("connect_serpent", message.MSG_CONNECT, message.FLAGS_META_ON_CONNECT, 0, 1, {}, None,
     b"{'handshake':'hello','object':'Pyro.NameServer'}"),
    ("empty_data", message.MSG_PING, 0, 65535, 42, {}, None, b""),
    ("ping", message.MSG_PING, 0, 0, 42, {}, None, b"ping"),
    ("result_high_seq", message.MSG_RESULT, message.FLAGS_EXCEPTION | message.FLAGS_BATCH, 40000, 2, {}, None,
     b'["some json"]'),
    ("annotations", message.MSG_INVOKE, message.FLAGS_ONEWAY, 7, 3,
     {"CORR": bytes(range(16)), "XTRA": b"extra!"}, None, b"\x00\x01\x02payload"),
    ("hmac_only", message.MSG_INVOKE, 0, 1, 1, {}, "secret", b"call data"),
    ("hmac_with_annotations", message.MSG_RESULT, 0, 300, 1,
     {"ZZZZ": b"last", "CORR": b"0123456789abcdef", "AAAA": b"first"}, "pyrons key \u00e9", b"result data"),
    ("compressed", message.MSG_RESULT, message.FLAGS_COMPRESSED, 5, 1, {}, None,
     zlib.compress(b"x" * 1000)),
    ("big_data", message.MSG_RESULT, 0, 9, 1, {}, "k", bytes(i % 251 for i in range(3000))),
]


def main(out):
    for name, mtype, flags, seq, ser, ann, key, data in CASES:
        hmac_key = key.encode("utf-8") if key else None
        wire = message.Message(mtype, data, ser, flags, seq, annotations=ann, hmac_key=hmac_key).to_bytes()
        anns = ",".join("%s:%s" % (k, binascii.hexlify(v).decode()) for k, v in ann.items())
        out.write("|".join([name, str(mtype), str(flags), str(seq), str(ser), anns, key or "",
                            binascii.hexlify(data).decode(), binascii.hexlify(wire).decode()]) + "\n")


if __name__ == "__main__":
    main(sys.stdout)
