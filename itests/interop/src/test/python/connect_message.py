"""Prints, as hex, the CONNECT message a Pyro4 4.82 proxy sends to open a connection to the name server.

Usage: connect_message.py [SERIALIZER]

Built with Pyro4's own Message class, as Proxy.__pyroCreateConnection does (no HMAC key, no annotations).
"""
import sys

import Pyro4.message
import Pyro4.util

serializer = Pyro4.util.get_serializer(sys.argv[1] if len(sys.argv) > 1 else "serpent")
data = serializer.dumps({"handshake": "hello", "object": "Pyro.NameServer"})
message = Pyro4.message.Message(Pyro4.message.MSG_CONNECT, data, serializer.serializer_id, 0, 1)
sys.stdout.write(message.to_bytes().hex())
