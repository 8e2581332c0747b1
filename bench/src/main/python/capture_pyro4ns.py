#!/usr/bin/python3
"""Captures the wire bytes of a real Pyro4 4.82 proxy talking to a real pyro4-ns, for the zero-work responder.

Run: /usr/bin/python3 bench/src/main/python/capture_pyro4ns.py bench/src/main/resources/io/pyrons/bench/load
It starts pyro4-ns on 127.0.0.1 (port 0), puts a recording TCP relay between a Pyro4 proxy and it, registers
one name, looks it up and pings, then writes each message (header + annotations + data) to OUTDIR as
<direction>-<n>-<type>.bin and stops the name server by its PID.
"""
import os, socket, struct, subprocess, sys, threading, time

import Pyro4
import Pyro4.message

HEADER = struct.Struct("!4sHHHHiHHHH")


def relay(src, dst, record):
    while True:
        try:
            data = src.recv(65536)
        except OSError:
            data = b""
        if not data:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            return
        record.extend(data)
        dst.sendall(data)


def split(stream):
    messages, pos = [], 0
    while pos + HEADER.size <= len(stream):
        tag, ver, mtype, flags, seq, dlen, ser, alen, _, _ = HEADER.unpack_from(stream, pos)
        end = pos + HEADER.size + alen + dlen
        messages.append((mtype, bytes(stream[pos:end])))
        pos = end
    return messages


def main(outdir):
    ns = subprocess.Popen(["pyro4-ns", "-n", "127.0.0.1", "-p", "0", "-x"], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          env=dict(os.environ, PYTHONUNBUFFERED="1"))
    try:
        port = None
        deadline = time.time() + 20
        while port is None and time.time() < deadline:
            line = ns.stdout.readline()
            if line.startswith("NS running on "):
                port = int(line.split()[3].rsplit(":", 1)[1])
        if port is None:
            raise SystemExit("pyro4-ns did not start")
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        sent, received = bytearray(), bytearray()

        def serve():
            client, _ = listener.accept()
            upstream = socket.create_connection(("127.0.0.1", port))
            t = threading.Thread(target=relay, args=(upstream, client, received))
            t.start()
            relay(client, upstream, sent)
            t.join()

        server = threading.Thread(target=serve)
        server.start()
        with Pyro4.Proxy("PYRO:Pyro.NameServer@127.0.0.1:%d" % listener.getsockname()[1]) as proxy:
            proxy.register("bench.name", "PYRO:bench.object@127.0.0.1:9999")
            assert str(proxy.lookup("bench.name")) == "PYRO:bench.object@127.0.0.1:9999"
            proxy.ping()
        server.join(10)
        os.makedirs(outdir, exist_ok=True)
        names = {Pyro4.message.MSG_CONNECT: "connect", Pyro4.message.MSG_CONNECTOK: "connectok",
                 Pyro4.message.MSG_INVOKE: "invoke", Pyro4.message.MSG_RESULT: "result"}
        for direction, stream in (("request", sent), ("reply", received)):
            for n, (mtype, raw) in enumerate(split(stream)):
                name = "%s-%d-%s.bin" % (direction, n, names.get(mtype, str(mtype)))
                with open(os.path.join(outdir, name), "wb") as f:
                    f.write(raw)
                print(name, len(raw))
    finally:
        ns.terminate()
        ns.wait(10)


if __name__ == "__main__":
    main(sys.argv[1])
