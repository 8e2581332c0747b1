"""Drives the whole Pyro4 name server API with a real Pyro4 client.

Usage: ns_transcript.py HOST PORT

Prints one canonical line per step: results with URIs as strings, dict items
and metadata sorted, exceptions as "TypeName: message". Ports are printed as
they are; the Java side normalizes them. The same script runs against pyro4-ns
and against pyrons, and the two transcripts must be equal line by line.
"""
import sys
import threading

import Pyro4
import Pyro4.core
import Pyro4.errors

HOST = sys.argv[1]
PORT = int(sys.argv[2])
LOC = "%s:%d" % (HOST, PORT)

step_number = [0]


def canon(value):
    """A printable form that does not depend on set or dict ordering."""
    if isinstance(value, Pyro4.core.URI):
        return "URI(%s)" % value.asString()
    if isinstance(value, dict):
        return "{" + ", ".join("%s: %s" % (canon(k), canon(v)) for k, v in sorted(value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "set[" + ", ".join(sorted(canon(v) for v in value)) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(canon(v) for v in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(canon(v) for v in value) + "]"
    return repr(value)


def canon_metadata_result(value):
    """list(return_metadata=True) and lookup(return_metadata=True) carry metadata
    as a list built from a set: its order is arbitrary, so sort it."""
    if isinstance(value, dict):
        return {k: (v[0], sorted(v[1])) for k, v in value.items()}
    if isinstance(value, (tuple, list)) and len(value) == 2 and isinstance(value[1], (list, tuple, set)):
        return (value[0], sorted(value[1]))
    return value


def step(label, call, transform=None):
    step_number[0] += 1
    try:
        result = call()
        if transform is not None:
            result = transform(result)
        line = "ok " + canon(result)
    except Exception as x:
        line = "raised %s: %s" % (type(x).__name__, x)
    print("%03d %s -> %s" % (step_number[0], label, line))
    sys.stdout.flush()


def step_regex_error(label, call):
    """The text after "invalid regex:" comes from the regex engine (Python vs Java)."""
    step_number[0] += 1
    try:
        line = "ok " + canon(call())
    except Exception as x:
        text = str(x)
        prefix = "invalid regex:"
        line = "raised %s: %s" % (type(x).__name__, prefix if text.startswith(prefix) else text)
    print("%03d %s -> %s" % (step_number[0], label, line))
    sys.stdout.flush()


@Pyro4.expose
class Greeter(object):
    def greet(self, name):
        return "hello " + name

    def add(self, a, b):
        return a + b


def main():
    ns = Pyro4.locateNS(HOST, PORT)
    step("locateNS", lambda: ns._pyroUri)
    step("ping", ns.ping)
    step("count initial", ns.count)
    step("list initial", ns.list)
    step("list initial return_metadata", lambda: ns.list(return_metadata=True), canon_metadata_result)
    step("lookup Pyro.NameServer", lambda: ns.lookup("Pyro.NameServer"))
    step("lookup Pyro.NameServer with metadata",
         lambda: ns.lookup("Pyro.NameServer", return_metadata=True), canon_metadata_result)

    # register: positional and keyword, every parameter
    step("register positional", lambda: ns.register("t.a", "PYRO:obj.a@localhost:1111"))
    step("register keyword", lambda: ns.register(name="t.b", uri="PYRO:obj.b@localhost:1112"))
    step("register URI object", lambda: ns.register("t.c", Pyro4.core.URI("PYRO:obj.c@127.0.0.1:1113")))
    step("register safe new", lambda: ns.register("t.d", "PYRO:obj.d@localhost:1114", True))
    step("register safe duplicate", lambda: ns.register("t.d", "PYRO:obj.x@localhost:1115", safe=True))
    step("register overwrite unsafe", lambda: ns.register("t.d", "PYRO:obj.d2@localhost:1116", safe=False))
    step("register metadata set positional",
         lambda: ns.register("t.e", "PYRO:obj.e@localhost:1117", False, {"red", "small"}))
    step("register metadata list keyword",
         lambda: ns.register("t.f", "PYRO:obj.f@localhost:1118", metadata=["red", "big"]))
    step("register metadata tuple", lambda: ns.register("m.g", "PYRO:obj.g@localhost:1119", metadata=("blue",)))
    step("register empty metadata", lambda: ns.register("m.h", "PYRO:obj.h@localhost:1120", metadata=[]))
    step("register unix uri", lambda: ns.register("m.u", "PYRO:obj.u@./u:/tmp/pyrons.sock"))
    step("register pyroname uri", lambda: ns.register("m.n", "PYRONAME:some.name@localhost:9090"))
    step("register safe keyword with metadata",
         lambda: ns.register(name="x.i", uri="PYRO:obj.i@localhost:1121", safe=True, metadata={"blue", "red"}))
    step("count after register", ns.count)

    # lookup
    step("lookup", lambda: ns.lookup("t.a"))
    step("lookup keyword", lambda: ns.lookup(name="t.b"))
    step("lookup URI object registration", lambda: ns.lookup("t.c"))
    step("lookup overwritten", lambda: ns.lookup("t.d"))
    step("lookup return_metadata True", lambda: ns.lookup("t.e", True), canon_metadata_result)
    step("lookup return_metadata keyword", lambda: ns.lookup("t.f", return_metadata=True), canon_metadata_result)
    step("lookup return_metadata False", lambda: ns.lookup("t.e", return_metadata=False))
    step("lookup no metadata with metadata", lambda: ns.lookup("t.a", return_metadata=True), canon_metadata_result)
    step("lookup unix", lambda: ns.lookup("m.u"))
    step("lookup pyroname", lambda: ns.lookup("m.n"))
    step("lookup unknown", lambda: ns.lookup("no.such.name"))

    # set_metadata
    step("set_metadata", lambda: ns.set_metadata("t.a", {"green"}))
    step("set_metadata list keyword", lambda: ns.set_metadata(name="t.b", metadata=["green", "red"]))
    step("set_metadata clear", lambda: ns.set_metadata("t.f", set()))
    step("set_metadata None", lambda: ns.set_metadata("m.g", None))
    step("set_metadata unknown", lambda: ns.set_metadata("no.such.name", {"x"}))
    step("set_metadata str", lambda: ns.set_metadata("t.a", "green"))
    step("lookup after set_metadata", lambda: ns.lookup("t.a", return_metadata=True), canon_metadata_result)
    step("lookup after clear", lambda: ns.lookup("t.f", return_metadata=True), canon_metadata_result)

    # list with every filter
    step("list all", ns.list)
    step("list all return_metadata", lambda: ns.list(return_metadata=True), canon_metadata_result)
    step("list prefix", lambda: ns.list(prefix="t."))
    step("list prefix positional", lambda: ns.list("m."))
    step("list prefix return_metadata", lambda: ns.list(prefix="t.", return_metadata=True), canon_metadata_result)
    step("list prefix none", lambda: ns.list(prefix="zzz"))
    step("list regex", lambda: ns.list(regex=r"t\.[a-c]"))
    step("list regex anchored at start only", lambda: ns.list(regex="t"))
    step("list regex full", lambda: ns.list(regex=".*"))
    step("list regex return_metadata", lambda: ns.list(regex="[mx]\\..*", return_metadata=True), canon_metadata_result)
    step("list regex positional", lambda: ns.list(None, "Pyro.*"))
    step("list metadata_all", lambda: ns.list(metadata_all={"red"}))
    step("list metadata_all two", lambda: ns.list(metadata_all=["red", "blue"]))
    step("list metadata_all none match", lambda: ns.list(metadata_all={"red", "purple"}))
    step("list metadata_all return_metadata",
         lambda: ns.list(metadata_all={"red"}, return_metadata=True), canon_metadata_result)
    step("list metadata_any", lambda: ns.list(metadata_any={"blue", "green"}))
    step("list metadata_any tuple", lambda: ns.list(metadata_any=("small",)))
    step("list metadata_any return_metadata",
         lambda: ns.list(metadata_any=["green"], return_metadata=True), canon_metadata_result)
    step("list metadata_any class", lambda: ns.list(metadata_any={"class:Pyro4.naming.NameServer"}))
    step("list empty prefix means all", lambda: ns.list(prefix=""))
    step("list two filters", lambda: ns.list(prefix="t.", regex="t"))
    step("list two filters metadata", lambda: ns.list(metadata_all={"a"}, metadata_any={"b"}))
    step("list metadata_all str", lambda: ns.list(metadata_all="red"))
    step("list metadata_any str", lambda: ns.list(metadata_any="red"))
    step_regex_error("list invalid regex", lambda: ns.list(regex="t[("))

    # error cases of register
    step("register uri not str", lambda: ns.register("t.z", 42))
    step("register uri None", lambda: ns.register("t.z", None))
    step("register invalid uri", lambda: ns.register("t.z", "not a uri"))
    step("register invalid uri protocol", lambda: ns.register("t.z", "FOO:obj@localhost:1"))
    step("register invalid uri location", lambda: ns.register("t.z", "PYRO:obj@"))
    step("register metadata str", lambda: ns.register("t.z", "PYRO:obj.z@localhost:1", metadata="red"))
    step("register name not str", lambda: ns.register(42, "PYRO:obj.z@localhost:1"))
    step("lookup after failed registers", lambda: ns.lookup("t.z"))

    # wrong argument counts, unknown keywords, unknown methods
    step("lookup no args", lambda: ns.lookup())
    step("lookup too many args", lambda: ns.lookup("a", True, 3))
    step("lookup unknown keyword", lambda: ns.lookup("t.a", bogus=1))
    step("register one arg", lambda: ns.register("t.z"))
    step("register unknown keyword", lambda: ns.register("t.z", "PYRO:o@h:1", colour="red"))
    step("ping with arg", lambda: ns.ping(1))
    step("count with keyword", lambda: ns.count(x=1))
    step("list unknown keyword", lambda: ns.list(pattern="x"))
    step("set_metadata one arg", lambda: ns.set_metadata("t.a"))
    step("unknown method client side", lambda: ns.no_such_method())
    step("unknown method server side", lambda: ns._pyroInvoke("no_such_method", (), {}))
    step("private method server side", lambda: ns._pyroInvoke("_NameServer__secret", (), {}))
    step("dunder method server side", lambda: ns._pyroInvoke("__init__", (), {}))

    # resolve, PYRONAME and PYROMETA
    step("resolve PYRONAME", lambda: Pyro4.resolve("PYRONAME:t.a@" + LOC))
    step("resolve PYRONAME unknown", lambda: Pyro4.resolve("PYRONAME:no.such@" + LOC))
    step("resolve PYRO unchanged", lambda: Pyro4.resolve("PYRO:obj@localhost:5555"))
    step("resolve PYROMETA one candidate", lambda: Pyro4.resolve("PYROMETA:small@" + LOC))
    step("resolve PYROMETA no candidate", lambda: Pyro4.resolve("PYROMETA:purple@" + LOC))
    step("resolve PYRONAME Pyro.NameServer", lambda: Pyro4.resolve("PYRONAME:Pyro.NameServer@" + LOC))

    # batch: several calls, one failing; results stop at the failure
    def run_batch():
        batch = Pyro4.batch(ns)
        batch.count()
        batch.lookup("t.a")
        batch.list(prefix="m.")
        batch.lookup("no.such.name")
        batch.ping()
        out = []
        try:
            for result in batch(oneway=False, asynchronous=False):
                out.append(canon(result))
        except Exception as x:
            out.append("raised %s: %s" % (type(x).__name__, x))
        return out
    step("batch with failing call", run_batch)

    def run_clean_batch():
        batch = Pyro4.batch(ns)
        batch.register("b.one", "PYRO:one@localhost:2001")
        batch.register("b.two", "PYRO:two@localhost:2002", metadata={"batch"})
        batch.set_metadata("b.one", ["batch", "first"])
        batch.list(metadata_any={"batch"}, return_metadata=True)
        batch.remove("b.two")
        batch.count()
        return [canon(canon_metadata_result(r)) for r in batch()]
    step("batch sequence", run_clean_batch)

    # a real Python Pyro object reached through the name server
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    greeter_uri = daemon.register(Greeter(), "interop.greeter")
    loop = threading.Thread(target=daemon.requestLoop, daemon=True)
    loop.start()
    try:
        step("register greeter", lambda: ns.register("py.greeter", greeter_uri, metadata={"greeting", "python"}))
        step("lookup greeter is daemon uri", lambda: ns.lookup("py.greeter") == greeter_uri)

        def via_pyroname():
            with Pyro4.Proxy("PYRONAME:py.greeter@" + LOC) as proxy:
                return [proxy.greet("pyrons"), proxy.add(2, 3)]
        step("call through PYRONAME", via_pyroname)

        def via_pyrometa():
            with Pyro4.Proxy("PYROMETA:greeting,python@" + LOC) as proxy:
                return [proxy.greet("meta"), proxy.add(40, 2)]
        step("call through PYROMETA", via_pyrometa)
        step("remove greeter", lambda: ns.remove("py.greeter"))
    finally:
        daemon.shutdown()
        loop.join(10)
        daemon.close()
    step("python daemon stopped", lambda: loop.is_alive())

    # the name server's daemon object
    def daemon_object():
        with Pyro4.Proxy("PYRO:Pyro.Daemon@" + LOC) as d:
            meta = d.get_metadata("Pyro.NameServer")
            # yplookup is pyrons's extension of the API (Pyro4 4.82 has none); ns_yplookup.py checks it.
            meta["methods"] = [m for m in meta["methods"] if m != "yplookup"]
            return [d.ping(), sorted(d.registered()),
                    {k: sorted(v) for k, v in meta.items()}]
    step("Pyro.Daemon ping registered get_metadata", daemon_object)

    def daemon_unknown_object():
        with Pyro4.Proxy("PYRO:Pyro.Daemon@" + LOC) as d:
            return d.get_metadata("no.such.object")
    step("Pyro.Daemon get_metadata unknown", daemon_unknown_object)

    def unknown_object():
        with Pyro4.Proxy("PYRO:no.such.object@" + LOC) as p:
            return p.ping()
    step("unknown object id", unknown_object)

    step("lookup Pyro.Daemon", lambda: ns.lookup("Pyro.Daemon"))
    step("Pyro.NameServer registration", lambda: ns.list(prefix="Pyro", return_metadata=True), canon_metadata_result)

    # remove in every form
    step("remove name", lambda: ns.remove("t.a"))
    step("remove name keyword", lambda: ns.remove(name="t.b"))
    step("remove unknown", lambda: ns.remove("no.such.name"))
    step("remove nothing", lambda: ns.remove())
    step("remove Pyro.NameServer refused", lambda: ns.remove("Pyro.NameServer"))
    step("remove prefix", lambda: ns.remove(prefix="t."))
    step("remove prefix none", lambda: ns.remove(prefix="zzz"))
    step("remove regex", lambda: ns.remove(regex=r"m\.[gh]"))
    step_regex_error("remove invalid regex", lambda: ns.remove(regex="(("))
    step("remove prefix Pyro keeps ns", lambda: ns.remove(prefix="Pyro"))
    step("remove positional name prefix", lambda: ns.remove(None, "b."))
    step("remove regex all keeps ns", lambda: ns.remove(regex=".*"))
    step("count final", ns.count)
    step("list final", lambda: ns.list(return_metadata=True), canon_metadata_result)
    step("ping final", ns.ping)
    ns._pyroRelease()
    print("END")


if __name__ == "__main__":
    main()
