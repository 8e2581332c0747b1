"""Finds a name server the way a Pyro5 client on another host does: by UDP broadcast, never given its address.
Run in the client's network namespace (NetworkNamespaceBroadcastTest), with Pyro5's default settings (serpent).
The Pyro5 counterpart of ns_broadcast.py.

Usage: PYRO5_SOURCES=/path/to/Pyro5-checkout python3 ns_broadcast5.py OBJECT_HOST STEP...  -> one JSON list of
[step, result]. Steps (each result is a value or "ErrorType: message"):
  locate     Pyro5.api.locate_ns() without a host, then ping(): the name server's URI
  serve      a Pyro5 daemon on OBJECT_HOST (port 0) serving an Echo object, registered as itest.echo5 with the
             located name server: the object's URI (the daemon keeps serving until the script ends)
  pyroname   Proxy("PYRONAME:itest.echo5") without a host: the result of echo("hello"), the address it called
"""
import json
import os
import sys
import threading

SOURCES = os.environ.get("PYRO5_SOURCES")
if not SOURCES or not os.path.isdir(os.path.join(SOURCES, "Pyro5")):
    sys.stderr.write("PYRO5_SOURCES is not set to a Pyro5 checkout (a directory holding Pyro5/): got %r\n" % SOURCES)
    sys.exit(2)
sys.path.insert(0, SOURCES)

import Pyro5.api  # noqa: E402

object_host = sys.argv[1]
ns = None
daemon = None
out = []


@Pyro5.api.expose
class Echo(object):
    def echo(self, text):
        return "echo: " + text


def attempt(step, fn):
    try:
        out.append([step, fn()])
    except Exception as x:
        out.append([step, "%s: %s" % (type(x).__name__, x)])


def locate():
    global ns
    ns = Pyro5.api.locate_ns()
    ns.ping()
    return str(ns._pyroUri)


def serve():
    global daemon
    daemon = Pyro5.api.Daemon(host=object_host, port=0)
    uri = daemon.register(Echo())
    thread = threading.Thread(target=daemon.requestLoop, name="echo daemon")
    thread.daemon = True
    thread.start()
    ns.register("itest.echo5", uri)
    return str(uri)


def pyroname():
    with Pyro5.api.Proxy("PYRONAME:itest.echo5") as proxy:
        answer = proxy.echo("hello")
        return [answer, "%s:%d" % proxy._pyroConnection.sock.getpeername()[:2]]


steps = {"locate": locate, "serve": serve, "pyroname": pyroname}
for step in sys.argv[2:]:
    attempt(step, steps[step])
if daemon is not None:
    daemon.shutdown()
print(json.dumps(out))
