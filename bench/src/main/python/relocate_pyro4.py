"""A real Pyro4 4.82 client for the bench's cluster failover (ClusterFailover): finds the name server by broadcast
only, sent to the loopback broadcast address on BCPORT, where two pyrons instances of one ZooKeeper namespace answer.

Usage: /usr/bin/python3 relocate_pyro4.py BCPORT, then lines on stdin:
  locate NAME     locateNS(), register NAME, look it up: "AT <port of the located instance>"
  relocate NAME   (the bench has just SIGKILLed that instance) a lookup on the old proxy, which fails, then
                  locateNS() and lookup(NAME) until one works (at most 30 s): "AT <port> <locate attempts>"
"""
import sys
import time

import Pyro4
import Pyro4.errors

Pyro4.config.BROADCAST_ADDRS = "127.255.255.255"
Pyro4.config.NS_BCPORT = int(sys.argv[1])
# not localhost/127.*: Pyro4 would first try a direct connection to NS_HOST:NS_PORT (9090), where another server
# on this machine may listen; 0.0.0.0 on BCPORT is only tried if no broadcast is answered, and refused
Pyro4.config.NS_HOST = "0.0.0.0"
Pyro4.config.NS_PORT = int(sys.argv[1])
Pyro4.config.COMMTIMEOUT = 5.0

ns = None
for line in sys.stdin:
    command, name = line.split()
    if command == "locate":
        ns = Pyro4.locateNS()
        ns.register(name, "PYRO:failover@127.0.0.1:50005")
        ns.lookup(name)
        print("AT %d" % ns._pyroUri.port)
    elif command == "relocate":
        try:
            ns.lookup(name)
        except Pyro4.errors.CommunicationError:
            pass  # the instance is gone: locate again, as a client does
        ns._pyroRelease()
        start = time.time()
        attempts = 0
        while True:
            attempts += 1
            try:
                ns = Pyro4.locateNS()
                ns.lookup(name)
                break
            except (Pyro4.errors.NamingError, Pyro4.errors.CommunicationError):
                if time.time() - start > 30:
                    raise
        print("AT %d %d" % (ns._pyroUri.port, attempts))
    sys.stdout.flush()
