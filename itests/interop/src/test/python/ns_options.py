"""Drives a name server through Pyro4.locateNS with a real Pyro4 4.82 client, for the network and security
option tests (HMAC, Unix socket, NAT, timeouts, TLS, IPv6). PYRO_SSL* settings come from the environment.

Usage: /usr/bin/python3 ns_options.py LOCATION STEP...  -> one JSON list of [step, result]
LOCATION: HOST:PORT ([::1]:PORT for IPv6) or ./u:PATH.
Steps (each result is a value or "ErrorType: message"):
  key=K        HMAC key for the following locate/pyroname steps (key= for none)
  locate       Pyro4.locateNS(LOCATION) and ns.ping(): the proxy the other steps reuse
  ping         ns.ping() on that proxy (no reconnect: a closed connection shows)
  roundtrip    register, lookup and remove itest.roundtrip
  nsuri        str(ns.lookup("Pyro.NameServer"))
  list         the registered names
  pyroname     a proxy for PYRONAME:Pyro.NameServer@LOCATION, resolved with the key, then ping()
  direct       a proxy for PYRO:Pyro.NameServer@LOCATION with the key, then ping() (locateNS hides why it failed)
  big=N        ns.lookup of a name of N characters
  sleep=S      idle for S seconds
"""
import json
import sys
import time

import Pyro4
import Pyro4.errors

location = sys.argv[1]
if location.startswith("./u:"):
    host, port = location, None
else:
    host, _, port = location.rpartition(":")
    port = int(port)
    host = host.strip("[]")
key = None
ns = None
out = []


def attempt(step, fn):
    try:
        out.append([step, fn()])
    except Exception as x:
        out.append([step, "%s: %s" % (type(x).__name__, x)])


def locate():
    global ns
    if ns is not None:
        ns._pyroRelease()
    ns = None
    ns = Pyro4.locateNS(host, port, broadcast=False, hmac_key=key)
    ns.ping()
    return "located"


def roundtrip():
    ns.register("itest.roundtrip", "PYRO:obj@localhost:4567")
    uri = str(ns.lookup("itest.roundtrip"))
    ns.remove("itest.roundtrip")
    return uri


def pyroname():
    at = location if port is None else ("[%s]:%d" % (host, port) if ":" in host else "%s:%d" % (host, port))
    with Pyro4.Proxy("PYRONAME:Pyro.NameServer@" + at) as p:
        p._pyroHmacKey = key
        p.ping()
        return "pong"


def direct():
    at = location if port is None else ("[%s]:%d" % (host, port) if ":" in host else "%s:%d" % (host, port))
    with Pyro4.Proxy("PYRO:Pyro.NameServer@" + at) as p:
        p._pyroHmacKey = key
        p.ping()
        return "pong"


def ping():
    # Pyro4 releases a proxy whose connection broke and reconnects on the next call; show the break once
    ns.ping()
    return "pong"


for step in sys.argv[2:]:
    name, _, value = step.partition("=")
    if name == "key":
        key = value.encode("utf-8") if value else None
    elif name == "locate":
        attempt(step, locate)
    elif name == "ping":
        attempt(step, ping)
    elif name == "roundtrip":
        attempt(step, roundtrip)
    elif name == "nsuri":
        attempt(step, lambda: str(ns.lookup("Pyro.NameServer")))
    elif name == "list":
        attempt(step, lambda: sorted(ns.list().keys()))
    elif name == "pyroname":
        attempt(step, pyroname)
    elif name == "direct":
        attempt(step, direct)
    elif name == "big":
        attempt(step, lambda: str(ns.lookup("x" * int(value))))
    elif name == "sleep":
        time.sleep(float(value))
    else:
        raise SystemExit("unknown step " + step)
if ns is not None:
    ns._pyroRelease()
print(json.dumps(out))
