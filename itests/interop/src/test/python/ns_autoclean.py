"""NS_AUTOCLEAN end to end, with a real Pyro4 4.82 daemon: registers "autoclean.live" (an object in a Pyro4 daemon
this script runs) and "autoclean.dead" (a port nobody listens on) in every given name server, then polls them
all until each has dropped the dead name, or the time is up.

Usage: /usr/bin/python3 ns_autoclean.py SECONDS HOST:PORT...
Prints one JSON line per name server: {"location", "dead_gone_after" (seconds, or null), "names" (sorted, at the end)}.
"""
import json
import socket
import sys
import threading
import time

import Pyro4

limit = float(sys.argv[1])
locations = sys.argv[2:]


@Pyro4.expose
class Live(object):
    def ping(self):
        return "pong"


daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
live_uri = str(daemon.register(Live(), "live"))
threading.Thread(target=daemon.requestLoop, daemon=True).start()

unused = socket.socket()
unused.bind(("127.0.0.1", 0))
dead_uri = "PYRO:dead@127.0.0.1:%d" % unused.getsockname()[1]
unused.close()  # nothing listens there any more

proxies = {}
for location in locations:
    host, _, port = location.rpartition(":")
    ns = Pyro4.Proxy("PYRO:Pyro.NameServer@%s:%s" % (host, port))
    ns.register("autoclean.live", live_uri)
    ns.register("autoclean.dead", dead_uri)
    proxies[location] = ns

start = time.time()
gone = {}
while len(gone) < len(proxies) and time.time() - start < limit:
    time.sleep(0.5)
    for location, ns in proxies.items():
        if location not in gone and "autoclean.dead" not in ns.list(prefix="autoclean."):
            gone[location] = round(time.time() - start, 1)
for location, ns in proxies.items():
    names = sorted(ns.list(prefix="autoclean."))
    print(json.dumps({"location": location, "dead_gone_after": gone.get(location), "names": names}))
    ns._pyroRelease()
daemon.shutdown()
