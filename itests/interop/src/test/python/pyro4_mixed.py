"""The Pyro4 side of Pyro5InteropTest's shared namespace: one registration or one lookup by a real Pyro4 client.

Usage: python3 pyro4_mixed.py HOST PORT register NAME URI TAG...   |   python3 pyro4_mixed.py HOST PORT lookup NAME
"""
import sys

import Pyro4


def main():
    host, port, mode, name = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    ns = Pyro4.locateNS(host, port)
    if mode == "register":
        ns.register(name, sys.argv[5], metadata=set(sys.argv[6:]))
        print("register None")
        return
    uri, metadata = ns.lookup(name, return_metadata=True)
    print("lookup", uri, sorted(metadata))
    print("resolve", Pyro4.resolve("PYRONAME:%s@%s:%d" % (name, host, port)))
    print("self", sorted(ns.lookup("Pyro.NameServer", return_metadata=True)[1]))


if __name__ == "__main__":
    main()
