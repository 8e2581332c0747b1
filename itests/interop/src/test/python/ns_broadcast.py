"""Finds a name server the way a Pyro4 4.82 client on another host does: by UDP broadcast, never given its
address. Run in the client's network namespace (NetworkNamespaceBroadcastTest), with Pyro4's default settings.

Usage: /usr/bin/python3 ns_broadcast.py OBJECT_HOST STEP...  -> one JSON list of [step, result]
Steps (each result is a value or "ErrorType: message"):
  raw        GET_NSURI sent to <broadcast> on NS_BCPORT by hand: [the answer, the address that answered]
  locate     Pyro4.locateNS() without a host, then ping(): the name server's URI
  serve      a Pyro4 daemon on OBJECT_HOST (port 0) serving an Echo object, registered as itest.echo with the
             located name server: the object's URI (the daemon keeps serving until the script ends)
  pyroname   Proxy("PYRONAME:itest.echo") without a host: the result of echo("hello"), the address it called
"""
import json
import socket
import sys
import threading

import Pyro4
import Pyro4.errors

object_host = sys.argv[1]
ns = None
daemon = None
out = []


@Pyro4.expose
class Echo(object):
    def echo(self, text):
        return "echo: " + text


def attempt(step, fn):
    try:
        out.append([step, fn()])
    except Exception as x:
        out.append([step, "%s: %s" % (type(x).__name__, x)])


def raw():
    # what the broadcast responder itself answers, before any Pyro4 client logic
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    sock.settimeout(0.7)
    try:
        for _ in range(3):
            sock.sendto(b"GET_NSURI", ("<broadcast>", Pyro4.config.NS_BCPORT))
            try:
                data, sender = sock.recvfrom(100)
                return [data.decode("iso-8859-1"), sender[0]]
            except socket.timeout:
                continue
        return "no answer"
    finally:
        sock.close()


def locate():
    global ns
    ns = Pyro4.locateNS()
    ns.ping()
    return str(ns._pyroUri)


def serve():
    global daemon
    daemon = Pyro4.Daemon(host=object_host, port=0)
    uri = daemon.register(Echo())
    thread = threading.Thread(target=daemon.requestLoop, name="echo daemon")
    thread.daemon = True
    thread.start()
    ns.register("itest.echo", uri)
    return str(uri)


def pyroname():
    with Pyro4.Proxy("PYRONAME:itest.echo") as proxy:
        answer = proxy.echo("hello")
        return [answer, "%s:%d" % proxy._pyroConnection.sock.getpeername()[:2]]


steps = {"raw": raw, "locate": locate, "serve": serve, "pyroname": pyroname}
for step in sys.argv[2:]:
    attempt(step, steps[step])
if daemon is not None:
    daemon.shutdown()
print(json.dumps(out))
