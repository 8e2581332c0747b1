"""A large name server payload with compression (PYRO_COMPRESSION=true; serializer from PYRO_SERIALIZER).

Usage: ns_compression.py HOST PORT NAMES

Registers NAMES names with long metadata, reads them back (list, list(return_metadata=True), lookups), and
removes them. Prints the answers' sizes and a digest of their canonical form, whether every registration went out
zlib-compressed and whether any reply came back compressed. Pyro4 compresses a payload of 200 bytes or more when
its COMPRESSION is on and the result is smaller; a server compresses its replies only when its own COMPRESSION is
on (the client's flag does not travel).
"""
import hashlib
import sys

import Pyro4
import Pyro4.message

HOST = sys.argv[1]
PORT = int(sys.argv[2])
NAMES = int(sys.argv[3])

compressed = {"sent": 0, "received": 0}
original_init = Pyro4.message.Message.__init__


def counting_init(self, msgType, databytes, serializer_id, flags, seq, annotations=None, hmac_key=None):
    original_init(self, msgType, databytes, serializer_id, flags, seq, annotations, hmac_key)
    if flags & Pyro4.message.FLAGS_COMPRESSED:
        # requests are built with their data; replies are built empty by Message.recv, data read afterwards
        compressed["sent" if databytes else "received"] += 1


Pyro4.message.Message.__init__ = counting_init


def metadata(i):
    return {"tag-%02d-%s" % (k, ("%05d" % i) * 16) for k in range(8)}


def main():
    assert Pyro4.config.COMPRESSION, "run with PYRO_COMPRESSION=true"
    ns = Pyro4.locateNS(HOST, PORT)
    for i in range(NAMES):
        ns.register("big.name.%05d" % i, "PYRO:object.%05d@host-%05d.example.org:%d" % (i, i, 1000 + i),
                    metadata=metadata(i))
    plain = ns.list(prefix="big.")
    with_meta = ns.list(prefix="big.", return_metadata=True)
    canonical = repr(sorted((k, str(v[0]), sorted(v[1])) for k, v in with_meta.items()))
    expected = repr(sorted(("big.name.%05d" % i, "PYRO:object.%05d@host-%05d.example.org:%d" % (i, i, 1000 + i),
                            sorted(metadata(i))) for i in range(NAMES)))
    print("names", len(plain), len(with_meta))
    print("answers as registered", canonical == expected)
    print("digest", hashlib.sha256(canonical.encode()).hexdigest())
    print("canonical size over 100k", len(canonical) > 100000)
    # not lookup(return_metadata=True): pyro4-ns cannot answer that with marshal
    print("lookup", ns.lookup("big.name.%05d" % (NAMES - 1)).asString())
    print("metadata_any", len(ns.list(metadata_any={"tag-00-" + ("%05d" % 7) * 16})))
    print("removed", ns.remove(prefix="big."))
    print("count", ns.count())
    ns._pyroRelease()
    print("compressed sent", compressed["sent"] >= NAMES)
    print("compressed received", compressed["received"] > 0)
    print("END")


if __name__ == "__main__":
    main()
