"""Holds many idle connections open, then checks that a fresh client is still served promptly.

Usage: capacity.py HOST PORT PYRO_CONNECTIONS RAW_CONNECTIONS DEADLINE_SECONDS

Opens PYRO_CONNECTIONS Pyro4 proxies to the name server and _pyroBind()s each (a completed
handshake, then idle), and RAW_CONNECTIONS plain TCP connections that never send a byte. Then a
fresh client must locateNS + ping within DEADLINE_SECONDS. Prints one line per phase; exit code 0
only when every phase succeeded. Every wait is bounded by Pyro4's COMMTIMEOUT.
"""
import resource
import socket
import sys
import time

import Pyro4
import Pyro4.errors

HOST = sys.argv[1]
PORT = int(sys.argv[2])
PYRO_CONNECTIONS = int(sys.argv[3])
RAW_CONNECTIONS = int(sys.argv[4])
DEADLINE = float(sys.argv[5])


def raise_fd_limit(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        print("FAIL file descriptor limit %d is below the %d needed" % (soft, needed))
        sys.exit(1)
    print("fd limit ok")


def main():
    raise_fd_limit(PYRO_CONNECTIONS + RAW_CONNECTIONS + 200)
    Pyro4.config.COMMTIMEOUT = DEADLINE
    uri = "PYRO:Pyro.NameServer@%s:%d" % (HOST, PORT)
    proxies = []
    raw = []
    started = time.time()
    try:
        for i in range(PYRO_CONNECTIONS):
            proxy = Pyro4.Proxy(uri)
            try:
                proxy._pyroBind()
            except Pyro4.errors.PyroError as x:
                print("FAIL pyro connection %d of %d could not bind: %s: %s (after %.1fs)"
                      % (i + 1, PYRO_CONNECTIONS, type(x).__name__, x, time.time() - started))
                return 1
            proxies.append(proxy)
        print("bound %d pyro connections" % len(proxies))
        for i in range(RAW_CONNECTIONS):
            sock = socket.create_connection((HOST, PORT), timeout=DEADLINE)
            raw.append(sock)
        print("opened %d silent raw connections" % len(raw))

        begin = time.time()
        try:
            ns = Pyro4.locateNS(HOST, PORT)
            ns.ping()
            count = ns.count()
            ns._pyroRelease()
        except Pyro4.errors.PyroError as x:
            print("FAIL fresh client not served: %s: %s (after %.1fs)" % (type(x).__name__, x, time.time() - begin))
            return 1
        elapsed = time.time() - begin
        if elapsed > DEADLINE:
            print("FAIL fresh client served after %.1fs, more than %.1fs" % (elapsed, DEADLINE))
            return 1
        print("fresh client served, count=%d" % count)

        # the idle connections were not dropped: the first and the last still work
        if proxies:
            proxies[0].ping()
            proxies[-1].ping()
            print("idle connections still served")
        return 0
    finally:
        for proxy in proxies:
            proxy._pyroRelease()
        for sock in raw:
            sock.close()


if __name__ == "__main__":
    sys.exit(main())
