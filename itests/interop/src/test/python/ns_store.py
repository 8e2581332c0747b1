"""Writes to and reads from a name server with real Pyro4 4.82 clients, for the persistent storage tests
(StoreDurabilityTest, SqlFileInteropTest, ConcurrentWritersTest).

Usage: /usr/bin/python3 ns_store.py HOST:PORT COMMAND ...
  write PREFIX CLIENTS COUNT [churn]
      CLIENTS threads, each with its own proxy, start together and register COUNT names each:
      name PREFIX<c>.<i>, uri PYRO:obj_<c>_<i>@localhost:<9000+c>, metadata {client:<c>, seq:<i>}.
      With churn every name with i % 4 == 0 is removed again and every name with i % 4 == 1 gets its metadata
      replaced by {updated} (set_metadata). Prints "ACK <entry>" for each name once all its calls returned
      (nothing for removed names), "ERROR <name> <type>: <message>" for a failed call; exit status 1 if any failed.
  dump [PREFIX]
      Every registration (or those under PREFIX, via list(prefix=...)) as sorted entries.
  ops JSON...
      Each argument a JSON list: ["register", name, uri, [metadata...]], ["remove", name],
      ["setmeta", name, [metadata...]], ["prefix", prefix], ["meta_all", [m...]], ["meta_any", [m...]].
      Prints one JSON line per op: its result (name lists sorted) or "ErrorType: message".
An entry is "name<TAB>uri<TAB>metadata,sorted,comma-joined".
"""
import json
import sys
import threading

import Pyro4
import Pyro4.errors

host, _, port = sys.argv[1].rpartition(":")
port = int(port)
command = sys.argv[2]
NS_URI = "PYRO:Pyro.NameServer@%s:%d" % (host, port)
print_lock = threading.Lock()


def entry(name, uri, metadata):
    return "%s\t%s\t%s" % (name, uri, ",".join(sorted(metadata)))


def say(line):
    with print_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def write(prefix, clients, count, churn):
    failures = []
    start = threading.Barrier(clients)

    def client(c):
        with Pyro4.Proxy(NS_URI) as ns:
            ns._pyroBind()
            start.wait(30)
            for i in range(count):
                name = "%s%d.%d" % (prefix, c, i)
                uri = "PYRO:obj_%d_%d@localhost:%d" % (c, i, 9000 + c)
                metadata = {"client:%d" % c, "seq:%d" % i}
                try:
                    ns.register(name, uri, metadata=metadata)
                    if churn and i % 4 == 0:
                        ns.remove(name)
                        continue
                    if churn and i % 4 == 1:
                        metadata = {"updated"}
                        ns.set_metadata(name, metadata)
                    say("ACK " + entry(name, uri, metadata))
                except Exception as x:
                    failures.append(name)
                    say("ERROR %s %s: %s" % (name, type(x).__name__, x))

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return 1 if failures or any(t.is_alive() for t in threads) else 0


def dump(prefix):
    with Pyro4.Proxy(NS_URI) as ns:
        everything = ns.list(prefix=prefix, return_metadata=True)
    for name in sorted(everything):
        uri, metadata = everything[name]
        print(entry(name, uri, metadata))
    return 0


def ops(arguments):
    with Pyro4.Proxy(NS_URI) as ns:
        for argument in arguments:
            op = json.loads(argument)
            try:
                if op[0] == "register":
                    result = ns.register(op[1], op[2], metadata=set(op[3]))
                elif op[0] == "remove":
                    result = ns.remove(op[1])
                elif op[0] == "setmeta":
                    result = ns.set_metadata(op[1], set(op[2]))
                elif op[0] == "prefix":
                    result = sorted(ns.list(prefix=op[1]))
                elif op[0] == "meta_all":
                    result = sorted(ns.list(metadata_all=set(op[1])))
                elif op[0] == "meta_any":
                    result = sorted(ns.list(metadata_any=set(op[1])))
                else:
                    raise SystemExit("unknown op " + argument)
            except Pyro4.errors.PyroError as x:
                result = "%s: %s" % (type(x).__name__, x)
            print(json.dumps([op[0], result], ensure_ascii=False))
    return 0


if command == "write":
    sys.exit(write(sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), len(sys.argv) > 6 and sys.argv[6] == "churn"))
elif command == "dump":
    sys.exit(dump(sys.argv[3] if len(sys.argv) > 3 else None))
elif command == "ops":
    sys.exit(ops(sys.argv[3:]))
else:
    raise SystemExit("unknown command " + command)
