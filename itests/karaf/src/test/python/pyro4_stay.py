"""A real Pyro4 4.82 client that stays connected while the name server is reconfigured: one proxy, one connection.

usage: pyro4_stay.py PORT NAME=URI ...
Registers the names and prints "connected LOCALPORT"; then reads one line NAME=URI from stdin, registers it and looks
every name up through the same proxy, printing "NAME URI" per name, and "connected LOCALPORT" again (the same local
port: the same connection; a Pyro4 proxy whose connection was closed raises instead of reconnecting silently here,
because it is bound once and never told to rebind).
"""
import sys

import Pyro4


def local_port(proxy):
    return proxy._pyroConnection.sock.getsockname()[1]


def main():
    port = int(sys.argv[1])
    ns = Pyro4.Proxy("PYRO:Pyro.NameServer@127.0.0.1:%d" % port)
    ns._pyroBind()
    names = []
    for arg in sys.argv[2:]:
        name, uri = arg.split("=", 1)
        ns.register(name, uri, safe=True)
        names.append(name)
    print("connected", local_port(ns), flush=True)
    name, uri = sys.stdin.readline().strip().split("=", 1)
    ns.register(name, uri, safe=True)
    names.append(name)
    for name in names:
        print(name, ns.lookup(name), flush=True)
    print("connected", local_port(ns), flush=True)


if __name__ == "__main__":
    main()
