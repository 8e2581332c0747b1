"""Captures how real pyro4-ns (Pyro4 4.82) treats command lines, as fixtures for PyroNsCommandLineTest.

Run from bundles/launcher:  /usr/bin/python3 src/test/python/capture_pyro4_ns.py > src/test/resources/io/pyrons/launcher/pyro4-ns-cases.txt

Each case runs Pyro4.naming.main() in a child process with the program name pyro-ns and startNSloop replaced by a
function that prints the arguments it would have been called with, so nothing binds a socket. Blocks look like:
  == <n>          arg <value>...   env <NAME=value>...   status <code>   out <line>...   err <line>...   end
"""
import os
import subprocess
import sys

CHILD = r'''
import sys
sys.argv[0] = "pyro-ns"
import Pyro4.naming as naming
def fake(host=None, port=None, enableBroadcast=True, bchost=None, bcport=None, unixsocket=None,
         nathost=None, natport=None, storage=None, hmac=None):
    print("startNSloop(host=%r, port=%r, enableBroadcast=%r, bchost=%r, bcport=%r, unixsocket=%r, nathost=%r, "
          "natport=%r, storage=%r, hmac=%r)" % (host, port, enableBroadcast, bchost, bcport, unixsocket, nathost,
                                                natport, storage, hmac))
naming.startNSloop = fake
naming.main(sys.argv[1:])
'''

CASES = [
    (["-h"], {}), (["--help"], {}), (["--he"], {}), (["-x", "-h", "--bogus"], {}), (["-xh"], {}),
    ([], {}),
    (["-n", "127.0.0.1", "-p", "0"], {}), (["-n127.0.0.1", "-p0"], {}), (["--host=::1", "--port=9999"], {}),
    (["--host", "", "--port", "0x1F"], {}), (["-p", "010"], {}), (["-p", "0b101"], {}), (["-p", " 12 "], {}),
    (["-p", "1_000"], {}), (["-p", "-5"], {}), (["--po", "7"], {}), (["--ho=h", "--un=/tmp/s"], {}),
    (["-u", "/tmp/ns.sock"], {}), (["--unixsocket=/tmp/ns.sock", "-x"], {}), (["-xn", "h"], {}),
    (["-s", "memory"], {}), (["-s", ""], {}), (["--storage=sql:/tmp/x.db"], {}), (["-sdbm:/tmp/x"], {}),
    (["--nathost", "ext", "--natport", "5555"], {}), (["--nathost=ext"], {}), (["--natp", "1"], {}),
    (["--bchost", "0.0.0.0", "--bcport", "0"], {}), (["--bc=1"], {}),
    (["-k", "secret"], {}), (["--key=secret"], {}), (["-k", ""], {}),
    (["-k", "secret"], {"PYRO_HMAC_KEY": "envkey"}), ([], {"PYRO_HMAC_KEY": "envkey"}),
    (["-k", ""], {"PYRO_HMAC_KEY": "envkey"}),
    (["positional", "-n", "h", "--", "-p", "x"], {}), (["-"], {}), (["-n", "h", "-n", "g"], {}),
    (["--x"], {}), (["-z"], {}), (["-xz"], {}), (["--n"], {}), (["--nat", "x"], {}), (["--bogus=1"], {}),
    (["-p", "abc"], {}), (["--port=abc"], {}), (["-p", "08"], {}), (["-p", "1.5"], {}), (["--bcport", "x"], {}),
    (["--natport=0x"], {}), (["-p"], {}), (["--port"], {}), (["-n"], {}), (["--host"], {}),
    (["--nobc=1"], {}), (["--help=1"], {}), (["-x", "--x", "-p", "abc"], {}), (["-p", "abc", "--x"], {}),
]


def lines(tag, text):
    if text and not text.endswith("\n"):
        raise SystemExit("output without final newline: %r" % text)
    return ["%s %s" % (tag, line) for line in text.split("\n")[:-1]] if text else []


def main():
    for number, (args, env) in enumerate(CASES, 1):
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PYRO_") and k != "COLUMNS"}
        environment.update(env)
        result = subprocess.run([sys.executable, "-W", "default", "-c", CHILD] + args, env=environment,
                                capture_output=True, text=True, timeout=30)
        # Python's warning names a source file and line of Pyro4; pyrons prints it under its own name.
        err = "\n".join("pyro-ns: UserWarning: " + line.split(": UserWarning: ", 1)[1]
                        if ": UserWarning: " in line else line
                        for line in result.stderr.split("\n") if not line.startswith("  warnings.warn("))
        out = ["== %d" % number] + ["arg " + a for a in args] + ["env %s=%s" % kv for kv in sorted(env.items())]
        out += ["status %d" % result.returncode] + lines("out", result.stdout) + lines("err", err) + ["end"]
        print("\n".join(out))


if __name__ == "__main__":
    main()
