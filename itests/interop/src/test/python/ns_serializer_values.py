"""Name server answers printed with their exact Python types, to show what each serializer carries.

Usage: ns_serializer_values.py HOST PORT   (serializer from PYRO_SERIALIZER)

Unlike ns_transcript.py, which folds every sequence into one form, this keeps tuple, list and set apart
("tuple[...]", "list[...]", "set[...]", sets sorted) so that the Java side can name each serializer's
representation differences explicitly. One line per step: "label -> ok VALUE" or "label -> raised Type: msg".
The batch is sent with Pyro4's wire format through _pyroInvoke and kwargs {}: Pyro4's own batch proxy
passes kwargs None, which Pyro4's marshal serializer cannot handle on the client (AttributeError).
"""
import sys

import Pyro4
import Pyro4.core
import Pyro4.futures
import Pyro4.message

HOST = sys.argv[1]
PORT = int(sys.argv[2])


def canon(value):
    if isinstance(value, Pyro4.core.URI):
        return "URI(%s)" % value.asString()
    if isinstance(value, Pyro4.futures._ExceptionWrapper):
        return "ExceptionWrapper(%s: %s)" % (type(value.exception).__name__, value.exception)
    if isinstance(value, dict):
        return "dict{" + ", ".join("%s: %s" % (canon(k), canon(v)) for k, v in sorted(value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "set[" + ", ".join(sorted(canon(v) for v in value)) + "]"
    if isinstance(value, tuple):
        return "tuple[" + ", ".join(canon(v) for v in value) + "]"
    if isinstance(value, list):
        return "list[" + ", ".join(canon(v) for v in value) + "]"
    return repr(value)


def step(label, call):
    try:
        line = "ok " + canon(call())
    except Exception as x:
        line = "raised %s: %s" % (type(x).__name__, x)
    print("%s -> %s" % (label, line))
    sys.stdout.flush()


def main():
    ns = Pyro4.locateNS(HOST, PORT)
    # one metadata item per name: pyro4-ns returns metadata as list(set), whose order is arbitrary
    step("register", lambda: ns.register("v.a", "PYRO:obj.a@localhost:1111", metadata={"colour"}))
    step("register second", lambda: ns.register("v.b", "PYRO:obj.b@localhost:1112"))
    step("lookup", lambda: ns.lookup("v.a"))
    step("lookup return_metadata", lambda: ns.lookup("v.a", return_metadata=True))
    step("lookup return_metadata no metadata", lambda: ns.lookup("v.b", return_metadata=True))
    step("list prefix", lambda: ns.list(prefix="v."))
    step("list return_metadata", lambda: ns.list(prefix="v.", return_metadata=True))
    step("list metadata_any tuple", lambda: ns.list(metadata_any=("colour",)))
    step("count", ns.count)
    step("lookup unknown", lambda: ns.lookup("no.such.name"))
    step("register bytes name", lambda: ns.register(b"v.c", "PYRO:obj.c@localhost:1113"))
    step("register bytes uri", lambda: ns.register("v.c", b"PYRO:obj.c@localhost:1113"))
    step("batch", lambda: ns._pyroInvoke("<batch>", [
        ("count", (), {}),
        ("lookup", ("v.a",), {}),
        ("lookup", ("v.a",), {"return_metadata": True}),
        ("list", ("v.",), {"return_metadata": True}),
        ("lookup", ("no.such.name",), {}),
        ("ping", (), {})], {}, Pyro4.message.FLAGS_BATCH))

    def daemon_metadata():
        with Pyro4.Proxy("PYRO:Pyro.Daemon@%s:%d" % (HOST, PORT)) as d:
            meta = d.get_metadata("Pyro.NameServer")
            # pyrons's yplookup extension is left out (Pyro4 4.82 has none); order of a set is arbitrary
            return {k: "%s%s" % (type(v).__name__, sorted(x for x in v if x != "yplookup")) for k, v in meta.items()}
    step("Pyro.Daemon get_metadata", daemon_metadata)
    step("remove prefix", lambda: ns.remove(prefix="v."))
    ns._pyroRelease()
    print("END")


if __name__ == "__main__":
    main()
