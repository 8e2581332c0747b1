"""Prints every registration in a SQLite name store (Pyro4's schema: pyro_names, pyro_metadata), read with
Python's own sqlite3, one entry per line, sorted: "name<TAB>uri<TAB>metadata,sorted,comma-joined".

Usage: /usr/bin/python3 sql_names.py FILE
"""
import sqlite3
import sys

db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
entries = []
for rowid, name, uri in db.execute("SELECT id, name, uri FROM pyro_names"):
    metadata = sorted(m for (m,) in db.execute("SELECT metadata FROM pyro_metadata WHERE object=?", (rowid,)))
    entries.append("%s\t%s\t%s" % (name, uri, ",".join(metadata)))
for e in sorted(entries):
    print(e)
