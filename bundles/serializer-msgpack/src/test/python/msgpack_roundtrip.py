#!/usr/bin/python3
"""Real msgpack-python (Debian's python3-msgpack 1.0.3) against the Java codec, both ways, without Pyro5.

stdin: one hex line per message the Java side wrote. Each is read as Pyro5 reads it (unpackb(raw=False), the
default strict_map_key) and written again as Pyro5 writes (packb(use_bin_type=True)); the hex goes to stdout as
"again <hex>". Then "python <hex>" for each value of VALUES, which the Java side reads and writes again.
"""
import sys

import msgpack

VALUES = [
    None, True, False, 0, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 63 - 1, 2 ** 63, 2 ** 64 - 1,
    -1, -32, -33, -128, -129, -32768, -32769, -2 ** 31, -2 ** 31 - 1, -2 ** 63,
    0.0, -0.0, 1.5, 1e300, float("inf"), "", "a", "\u00e9\u65e5\U0001f600", "s" * 31, "s" * 32, "s" * 255, "s" * 256,
    "s" * 65535, "s" * 65536, b"", b"\x00\xff", b"b" * 255, b"b" * 256, b"b" * 65536, [], list(range(15)),
    list(range(16)), list(range(65536)), {}, {"k%d" % i: i for i in range(15)}, {"k%d" % i: i for i in range(16)},
    {"nested": [{"a": [b"x", None]}], "": 1.25}, (1, (2, (3,))),
    msgpack.ExtType(0x31, b"123456789012345678901234567890"),
]


def main():
    for line in sys.stdin:
        line = line.strip()
        if line:
            value = msgpack.unpackb(bytes.fromhex(line), raw=False)
            print("again", msgpack.packb(value, use_bin_type=True).hex())
    for value in VALUES:
        print("python", msgpack.packb(value, use_bin_type=True).hex())


if __name__ == "__main__":
    main()
