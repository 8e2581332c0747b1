"""A real Pyro4 object for the client's integration tests.

Usage: python3 echo_server.py NS_HOST NS_PORT [UNIX_SOCKET_PATH]
Serves an @expose'd Echo object on 127.0.0.1, port 0 (or on the Unix socket), registers it in the name
server as 'test.echo' (or 'test.echo.unix') with metadata, prints its URI and serves until killed.
"""
import sys
import time

import Pyro4


@Pyro4.expose
class Echo(object):
    def __init__(self):
        self._value = "initial"

    def echo(self, value):
        return value

    def add(self, a, b=0):
        return a + b

    def fail(self, message):
        raise ValueError(message)

    def sleep(self, seconds):
        time.sleep(seconds)
        return seconds

    @Pyro4.oneway
    def fire(self, seconds):
        time.sleep(seconds)

    def count(self, n):
        for i in range(n):
            yield i

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, new_value):
        self._value = new_value


def main():
    ns_host, ns_port = sys.argv[1], int(sys.argv[2])
    unix = sys.argv[3] if len(sys.argv) > 3 else None
    if unix:
        daemon = Pyro4.Daemon(unixsocket=unix)
        name, metadata = "test.echo.unix", {"java.test.unix"}
    else:
        daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
        name, metadata = "test.echo", {"java.test", "echo"}
    uri = daemon.register(Echo(), name)
    with Pyro4.locateNS(ns_host, ns_port) as ns:
        ns.register(name, uri, metadata=metadata)
    print(uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    main()
