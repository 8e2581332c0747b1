"""Writes and reads Pyro4 name server sqlite files with Pyro4's own SqlStorage (real Pyro4 4.82).

Used by io.pyrons.storage.sql.Pyro4SqlInteropTest; run with /usr/bin/python3 (python3-pyro4):
  pyro4_sqlstorage.py fixture       print the fixture registrations
  pyro4_sqlstorage.py write FILE    store the fixture in FILE with Pyro4's SqlStorage
  pyro4_sqlstorage.py dump FILE     print everything in FILE as read by Pyro4's SqlStorage
Output lines: hex(utf-8 name) hex(utf-8 uri) hex(utf-8 metadata),... ('-' for no metadata), sorted.
"""
import sys
from Pyro4.naming_storage import SqlStorage

FIXTURE = {
    "Pyro.NameServer": ("PYRO:Pyro.NameServer@localhost:9090", {"class:Pyro4.naming.NameServer"}),
    "example.plain": ("PYRO:obj_1@localhost:50001", set()),
    "example.tagged": ("PYRO:obj_2@localhost:50001", {"blue", "round", "tag with space", "comma,inside"}),
    "a_b": ("PYRO:under@localhost:50002", {"t_g"}),
    "a%b": ("PYRO:percent@localhost:50002", {"t%g"}),
    "aXb": ("PYRO:x@localhost:50002", {"Tag"}),
    "unicode.\u00fcn\u00efc\u00f8d\u00e9": ("PYRO:u@./u:/tmp/sock", {"\u00e9t\u00e9"}),
    "emoji.\U0001F600": ("PYRO:e@[::1]:50003", {"\U0001F600"}),
    "quote'\"back\\slash": ("PYRO:q@localhost:50004", {"x"}),
    "new\nline\ttab": ("PYRO:n@localhost:50005", set()),
    # as registered: Pyro4 lists the text, and looks it up as URI('PYRO:low@localhost:50006')
    "example.lower": ("pyro:low@localhost:050006", set()),
    # what only another tool can write: Pyro4 lists it, and its lookup fails with PyroError('invalid uri')
    "foreign.unparsable": ("not a uri", {"x"}),
}
REMOVED = "example.removed"


def hexed(text):
    return text.encode("utf-8").hex()


def emit(entries):
    for name in sorted(entries):
        uri, metadata = entries[name]
        meta = ",".join(sorted(hexed(m) for m in metadata)) or "-"
        print(hexed(name), hexed(uri), meta)


def main(argv):
    if argv[1] == "fixture":
        emit(FIXTURE)
    elif argv[1] == "write":
        storage = SqlStorage(argv[2])
        storage[REMOVED] = ("PYRO:gone@localhost:1", {"blue"})
        for name, value in FIXTURE.items():
            storage[name] = ("PYRO:old@localhost:1", {"old"})  # replaced below, as re-registration does
            storage[name] = value
        del storage[REMOVED]
        storage.close()
    elif argv[1] == "dump":
        storage = SqlStorage(argv[2])
        emit(storage.everything(return_metadata=True))
        storage.close()
    else:
        raise SystemExit("unknown command " + argv[1])


if __name__ == "__main__":
    main(sys.argv)
