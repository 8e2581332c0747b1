#!/usr/bin/python3
"""The reverse direction: reads what the Java pickle serializer wrote (target/pickle-interop, left there by the
tests) with real Pyro4 4.82 and prints the Python types, failing on any file Pyro4 cannot read or whose
Pyro types are not the real ones.

Run from the module directory after `mvn test`:  /usr/bin/python3 src/test/python/check_interop.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "serializer-json", "src", "test", "python"))  # the shared body lives in serializer-json

import pyro_interop_check  # noqa: E402

if __name__ == "__main__":
    pyro_interop_check.main("pickle", os.path.join(HERE, "..", "..", ".."))
