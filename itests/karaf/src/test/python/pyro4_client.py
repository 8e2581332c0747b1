"""A real Pyro4 4.82 client for the Karaf tests: registers names through the name server, looks them up.

usage: pyro4_client.py PORT NAME=URI[,meta...] ...   (prints one line per name: NAME URI META1,META2)
"""
import sys

import Pyro4
import Pyro4.naming


def main():
    port = int(sys.argv[1])
    ns = Pyro4.locateNS(host="127.0.0.1", port=port)
    for arg in sys.argv[2:]:
        name, rest = arg.split("=", 1)
        uri, *metadata = rest.split(",")
        ns.register(name, uri, safe=True, metadata=set(metadata))
    for arg in sys.argv[2:]:
        name = arg.split("=", 1)[0]
        uri, metadata = ns.lookup(name, return_metadata=True)
        print(name, uri, ",".join(sorted(metadata)))


if __name__ == "__main__":
    main()
