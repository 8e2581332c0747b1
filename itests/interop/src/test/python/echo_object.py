"""A real Pyro4 object for JavaClientInteropTest, registered in a name server.

Usage: echo_object.py NS_HOST NS_PORT
Serves an exposed Echo object on 127.0.0.1 (port 0), registers it as 'interop.echo' with metadata
{'interop', 'echo'}, prints its URI on one line and serves until it is stopped (by its PID).
"""
import sys

import Pyro4


@Pyro4.expose
class Echo(object):
    def echo(self, value):
        return value

    def add(self, a, b):
        return a + b

    def fail(self, message):
        raise ValueError(message)


def main():
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(Echo(), "interop.echo")
    with Pyro4.locateNS(sys.argv[1], int(sys.argv[2])) as ns:
        ns.register("interop.echo", uri, metadata={"interop", "echo"})
    print(uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    main()
