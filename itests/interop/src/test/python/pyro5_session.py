"""A real Pyro5 client session against a name server; prints one line per call (Pyro5InteropTest compares them).

Usage: PYRO5_SOURCES=/path/to/Pyro5-checkout python3 pyro5_session.py HOST PORT SERIALIZER MODE
MODE: api (the name server API, as Pyro5's own name server answers it), fixed (the calls Pyro5's own name server
gets wrong), lookup NAME (one lookup with metadata), register NAME URI TAG... (one registration).
"""
import os
import sys

SOURCES = os.environ.get("PYRO5_SOURCES")
if not SOURCES or not os.path.isdir(os.path.join(SOURCES, "Pyro5")):
    sys.stderr.write("PYRO5_SOURCES is not set to a Pyro5 checkout (a directory holding Pyro5/): got %r\n" % SOURCES)
    sys.exit(2)
sys.path.insert(0, SOURCES)

import Pyro5.api  # noqa: E402
import Pyro5.errors  # noqa: E402


def show(value):
    """Sets and lists of strings sorted, URIs as text, tuples and lists alike (json has no tuples), dicts sorted."""
    if isinstance(value, Pyro5.api.URI):
        return "URI(%s)" % value
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(show(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        items = [show(v) for v in value]
        if value and all(isinstance(v, str) for v in value):
            items.sort()  # json and msgpack carry sets as arrays, in Python's (hash-seeded) set order
        return "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join("%s: %s" % (show(k), show(v)) for k, v in sorted(value.items())) + "}"
    return repr(value)


def call(label, function):
    try:
        print(label, show(function()))
    except Exception as x:  # the error's class and text are what is compared
        print(label, "%s.%s: %s" % (type(x).__module__, type(x).__name__, x))


def main():
    host, port, serializer, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    Pyro5.config.SERIALIZER = serializer
    ns = Pyro5.api.locate_ns(host, port, broadcast=False)
    if mode == "lookup":
        call("lookup", lambda: ns.lookup(sys.argv[5], return_metadata=True))
        call("resolve", lambda: Pyro5.api.resolve("PYRONAME:%s@%s:%d" % (sys.argv[5], host, port)))
        return
    if mode == "register":
        call("register", lambda: ns.register(sys.argv[5], sys.argv[6], metadata=set(sys.argv[7:])))
        return
    ns.remove(prefix="p5.")
    if mode == "fixed":
        # Pyro5's name server: SerializeError with json/msgpack (a frozenset), ValueError with marshal
        call("register without metadata", lambda: ns.register("p5.plain", "PYRO:plain@127.0.0.1:7000"))
        call("list with metadata", lambda: ns.list(prefix="p5.", return_metadata=True))
        call("lookup with metadata", lambda: ns.lookup("p5.plain", return_metadata=True))
        ns.remove(prefix="p5.")
        return
    call("ping", ns.ping)
    call("register", lambda: ns.register("p5.a", "PYRO:obj_a@127.0.0.1:5555", metadata={"kind:a", "\u00fcn\u00efcode"}))
    call("register uri object", lambda: ns.register("p5.b", Pyro5.api.URI("PYRO:obj_b@127.0.0.1:5556"), metadata=["kind:b"]))
    call("register safe duplicate", lambda: ns.register("p5.a", "PYRO:x@127.0.0.1:1", safe=True))
    call("register bad uri", lambda: ns.register("p5.c", "nonsense"))
    call("lookup", lambda: ns.lookup("p5.a"))
    if serializer != "marshal":  # Pyro5's own name server fails here with marshal ("fixed" checks pyrons)
        call("lookup with metadata", lambda: ns.lookup("p5.a", return_metadata=True))
    call("lookup unknown", lambda: ns.lookup("p5.nope"))
    call("list prefix", lambda: ns.list(prefix="p5."))
    call("list prefix with metadata", lambda: ns.list(prefix="p5.", return_metadata=True))
    call("list regex", lambda: ns.list(regex=r"p5\.b"))
    call("list positional", lambda: ns.list("p5.", None, True))
    call("list both", lambda: ns.list(prefix="p5.", regex="p5"))
    call("yplookup all", lambda: ns.yplookup(meta_all=["kind:a"]))
    call("yplookup any", lambda: ns.yplookup(meta_any=["kind:a", "kind:b"], return_metadata=False))
    call("yplookup both", lambda: ns.yplookup(meta_all=["kind:a"], meta_any=["kind:b"]))
    call("yplookup none", lambda: ns.yplookup())
    call("set_metadata", lambda: ns.set_metadata("p5.b", ["kind:b", "y"]))
    call("set_metadata unknown", lambda: ns.set_metadata("p5.nope", ["y"]))
    call("count", ns.count)
    call("remove name", lambda: ns.remove("p5.b"))
    call("remove unknown name, prefix given", lambda: ns.remove("p5.nope", prefix="p5."))
    call("remove self", lambda: ns.remove("Pyro.NameServer"))
    call("remove prefix", lambda: ns.remove(prefix="p5."))
    call("list after remove", lambda: ns.list(prefix="p5."))
    call("batch", lambda: list(batch(ns)))
    call("resolve", lambda: Pyro5.api.Proxy("PYRONAME:Pyro.NameServer@%s:%d" % (host, port)).count())


def batch(ns):
    with Pyro5.api.BatchProxy(ns) as b:
        b.count()
        b.lookup("p5.none")
        b.count()
        return b()


if __name__ == "__main__":
    main()
