"""Writes a dbm store through real Pyro4 4.82's naming_storage.DbmStorage (the storage of pyro4-ns -s dbm:FILE),
for DbmPythonImportTest.

Usage: /usr/bin/python3 pyro4_dbmstorage.py MODULE FILE COUNT [SEED]
  MODULE is ndbm or dumb: dbm.open then creates that kind of store, as pyro4-ns does where it is the first dbm
  module installed (ndbm writes FILE.db in Berkeley DB hash format on Debian; dumb writes FILE.dat and FILE.dir).
  Registers COUNT names (some with names or URIs of thousands of characters, some not ASCII), re-registers every
  5th with a new URI and removes every 7th, then prints the store as Pyro4 reads it back: one line per name,
  the UTF-8 bytes of name and URI in hex, separated by a tab. With COUNT 0 it only prints what FILE holds.
"""
import dbm
import random
import sys

module, path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
dbm._names = ["dbm." + module]

from Pyro4.naming_storage import DbmStorage  # noqa: E402

storage = DbmStorage(path)
rnd = random.Random(seed)
for i in range(count):
    if i % 50 == 3:
        name = "long.%d.%s" % (i, "n" * rnd.randint(1000, 9000))
    elif i % 11 == 4:
        name = "caf\u00e9.\u4e2d\u6587.%d.\U0001F600" % i
    else:
        name = "ns.%d.%s" % (i, "x" * rnd.randint(0, 40))
    uri = "PYRO:obj_%d@localhost:%d" % (i, 1000 + i)
    if i % 37 == 5:
        uri = "PYRO:" + "u" * rnd.randint(2000, 12000) + "@localhost:%d" % i
    storage[name] = (uri, frozenset())
    if i % 5 == 0:
        storage[name] = (uri.replace("PYRO:", "PYRO:re", 1), frozenset())
    if i % 7 == 0:
        del storage[name]
for name, uri in sorted(storage.everything().items()):
    print("%s\t%s" % (name.encode("utf-8").hex(), uri.encode("utf-8").hex()))
