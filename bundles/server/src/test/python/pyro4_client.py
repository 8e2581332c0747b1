"""Drives a pyrons daemon with a real Pyro4 4.82 client; used by Pyro4InteropTest.

Usage: /usr/bin/python3 pyro4_client.py HOST:PORT  -> prints one JSON object with what each call gave.
"""
import json
import sys

import Pyro4
import Pyro4.errors
import Pyro4.util

location = sys.argv[1]
out = {}


def attempt(name, fn):
    try:
        out[name] = fn()
    except Exception as x:
        out[name] = "%s: %s" % (type(x).__name__, x)
        if name == "fail":
            out["fail_traceback_first"] = "".join(Pyro4.util.getPyroTraceback()).splitlines()[0:1]


calc = Pyro4.Proxy("PYRO:calc@" + location)
attempt("add", lambda: calc.add(40, 2))
attempt("greet", lambda: calc.greet("Irmen", greeting="Hi"))
attempt("sum", lambda: calc.sum([1, 2, 3]))
attempt("fail", lambda: calc.fail("boom"))
attempt("secret", lambda: calc.secret())
attempt("oneway", lambda: calc.record("from python"))


def batch():
    b = Pyro4.batch(calc)
    b.add(1, 2)
    b.greet("you", "Hello")
    b.fail("stop")
    b.add(5, 5)
    results = []
    try:
        for r in b():
            results.append(r)
    except Exception as x:
        results.append("%s: %s" % (type(x).__name__, x))
    return results


attempt("batch", batch)
calc._pyroRelease()

daemon = Pyro4.Proxy("PYRO:Pyro.Daemon@" + location)
attempt("registered", lambda: daemon.registered())
attempt("info", lambda: daemon.info())
attempt("ping", lambda: daemon.ping())
attempt("metadata", lambda: sorted(daemon.get_metadata("calc")["methods"]))
daemon._pyroRelease()

attempt("unknown", lambda: Pyro4.Proxy("PYRO:nope@" + location)._pyroBind())

Pyro4.config.SERIALIZER = "pickle"
attempt("pickle", lambda: Pyro4.Proxy("PYRO:calc@" + location).add(1, 1))

print(json.dumps(out))
