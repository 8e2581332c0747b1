"""Captures the bytes a real Pyro5 client and a real Pyro5 name server exchange, for pyrons' Pyro5 fixtures.

Usage: PYRO5_SOURCES=/path/to/Pyro5-checkout /usr/bin/python3 pyro5_capture.py OUTPUT_DIRECTORY

PYRO5_SOURCES is a checkout of https://github.com/irmen/Pyro5 (the directory that holds the Pyro5 package); Pyro5
itself is never copied into pyrons. Needs serpent and msgpack (Debian: python3-serpent, python3-msgpack).

It starts Pyro5's name server (python3 -m Pyro5.nameserver -n 127.0.0.1 -p PORT -x) and, between it and the client,
a relay that records every message. For each serializer (serpent, marshal, json, msgpack) one client session runs
the name server API (steps below); each message goes to OUTPUT/<serializer>/NN-<step>.request.bin and its answer to
NN-<step>.response.bin (a whole message: the 40-byte header, annotations, data). OUTPUT/<serializer>/steps.txt lists
the steps in order. Steps where Pyro5's own name server is wrong are left out (see SKIPPED); pyrons' tests check
those separately.
"""
import os
import socket
import struct
import subprocess
import sys
import threading
import time

SOURCES = os.environ.get("PYRO5_SOURCES")
if not SOURCES or not os.path.isdir(os.path.join(SOURCES, "Pyro5")):
    sys.stderr.write("PYRO5_SOURCES is not set to a Pyro5 checkout (a directory holding Pyro5/): got %r.\n"
                     "Fetch https://github.com/irmen/Pyro5 into a temporary directory and point PYRO5_SOURCES at it.\n"
                     % SOURCES)
    sys.exit(2)
sys.path.insert(0, SOURCES)

import Pyro5  # noqa: E402
import Pyro5.api  # noqa: E402
import Pyro5.errors  # noqa: E402
import Pyro5.protocol  # noqa: E402

SERIALIZERS = ["serpent", "marshal", "json", "msgpack"]
# Pyro5 5.x bug: with marshal, lookup(name, return_metadata=True) fails (the URI inside the tuple is not converted)
SKIPPED = {("marshal", "lookup-with-metadata")}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def read_message(sock):
    header = read_exactly(sock, 40)
    if header is None:
        return None
    data_size, annotations_size = struct.unpack("!II", header[12:20])
    return header + read_exactly(sock, data_size + annotations_size)


class Relay(threading.Thread):
    """Forwards one connection at a time to the name server, message by message, recording each pair."""

    def __init__(self, target_port):
        super().__init__(daemon=True)
        self.target_port = target_port
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.port = self.listener.getsockname()[1]
        self.exchanges = []

    def run(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            with client, server:
                while True:
                    request = read_message(client)
                    if request is None:
                        break
                    server.sendall(request)
                    oneway = struct.unpack("!H", request[8:10])[0] & Pyro5.protocol.FLAGS_ONEWAY
                    response = None if oneway else read_message(server)
                    self.exchanges.append((request, response))
                    if response is None:
                        if not oneway:
                            break
                        continue
                    client.sendall(response)


def session(proxy_uri, serializer, steps):
    """Runs the name server API; records (step, was-it-a-message) in steps."""
    Pyro5.config.SERIALIZER = serializer

    def step(name, call):
        if (serializer, name) in SKIPPED:
            return
        steps.append(name)
        try:
            call()
        except Pyro5.errors.NamingError:
            pass
        except ValueError:
            pass

    with Pyro5.api.Proxy(proxy_uri) as ns:
        step("connect-ping", ns.ping)
        step("register", lambda: ns.register("fix.a", "PYRO:obj_a@127.0.0.1:5555", metadata={"kind:a", "\u00fcn\u00efcode"}))
        step("register-safe", lambda: ns.register("fix.b", "PYRO:obj_b@127.0.0.1:5556", safe=True, metadata=["kind:b"]))
        step("register-safe-duplicate", lambda: ns.register("fix.a", "PYRO:obj_x@127.0.0.1:5557", safe=True, metadata=["x"]))
        step("lookup", lambda: ns.lookup("fix.a"))
        step("lookup-with-metadata", lambda: ns.lookup("fix.a", return_metadata=True))
        step("lookup-unknown", lambda: ns.lookup("fix.nope"))
        step("list-prefix", lambda: ns.list(prefix="fix."))
        step("list-prefix-with-metadata", lambda: ns.list(prefix="fix.", return_metadata=True))
        step("list-regex-positional", lambda: ns.list(None, r"fix\.b", True))
        step("list-prefix-and-regex", lambda: ns.list(prefix="fix.", regex="fix"))
        step("yplookup-all", lambda: ns.yplookup(meta_all=["kind:a"]))
        step("yplookup-any-without-metadata", lambda: ns.yplookup(meta_any=["kind:a", "kind:b"], return_metadata=False))
        step("yplookup-both", lambda: ns.yplookup(meta_all=["kind:a"], meta_any=["kind:b"]))
        step("yplookup-none", lambda: ns.yplookup())
        step("set-metadata", lambda: ns.set_metadata("fix.b", ["kind:b", "y"]))
        step("set-metadata-unknown", lambda: ns.set_metadata("fix.nope", ["z"]))
        step("count", ns.count)
        step("remove-name", lambda: ns.remove("fix.b"))
        step("remove-unknown-name-with-prefix", lambda: ns.remove("fix.nope", prefix="fix."))
        step("remove-prefix", lambda: ns.remove(prefix="fix."))
        step("list-after-remove", lambda: ns.list(prefix="fix."))
        steps.append("ping-message")
        Pyro5.protocol.SendingMessage.ping(ns._pyroConnection)
    steps_unknown = "connect-unknown-object"
    steps.append(steps_unknown)
    try:
        with Pyro5.api.Proxy(proxy_uri.replace("Pyro.NameServer", "no.such.object")) as other:
            other._pyroBind()
    except Pyro5.errors.CommunicationError:
        pass


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    output = sys.argv[1]
    ns_port = free_port()
    env = dict(os.environ, PYTHONPATH=SOURCES, PYTHONHASHSEED="0")
    server = subprocess.Popen([sys.executable, "-m", "Pyro5.nameserver", "-n", "127.0.0.1", "-p", str(ns_port), "-x"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 20
        while time.time() < deadline:
            line = server.stdout.readline()
            if line.startswith("URI = ") or not line:
                break
        relay = Relay(ns_port)
        relay.start()
        proxy_uri = "PYRO:Pyro.NameServer@127.0.0.1:%d" % relay.port
        for serializer in SERIALIZERS:
            relay.exchanges.clear()
            steps = []
            session(proxy_uri, serializer, steps)
            time.sleep(0.3)  # the relay finishes its last exchange
            # the first exchange of each connection is its handshake
            names = []
            for name in steps:
                if name in ("connect-ping", "connect-unknown-object"):
                    names.append("connect" if name == "connect-ping" else name)
                    if name == "connect-ping":
                        names.append("ping")
                else:
                    names.append(name)
            if len(names) != len(relay.exchanges):
                raise SystemExit("%s: %d steps but %d exchanges recorded" % (serializer, len(names), len(relay.exchanges)))
            directory = os.path.join(output, serializer)
            os.makedirs(directory, exist_ok=True)
            for number, (name, (request, response)) in enumerate(zip(names, relay.exchanges), 1):
                base = os.path.join(directory, "%02d-%s" % (number, name))
                with open(base + ".request.bin", "wb") as f:
                    f.write(request)
                with open(base + ".response.bin", "wb") as f:
                    f.write(response or b"")
            with open(os.path.join(directory, "steps.txt"), "w") as f:
                f.write("".join("%02d-%s\n" % (n, name) for n, name in enumerate(names, 1)))
            print("%s: %d exchanges" % (serializer, len(names)))
        print("Pyro5 %s, serpent %s, msgpack %s" % (Pyro5.__version__, __import__("serpent").__version__,
                                                    ".".join(map(str, __import__("msgpack").version))))
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
