"""Drives the interactive console of pyrons.jar (PYRONS_CONSOLE, i.e. -Dpyrons.console=true) through a real
pseudo-terminal, as an operator types: Up-arrow recalls, Tab completes a command and a registered name, wrong
arguments print the usage, Ctrl-C interrupts a long ns:list and leaves the name server answering a real Pyro4
client, Ctrl-D stops it. Every wait is bounded; the name server is stopped by its PID on any failure.

Usage: /usr/bin/python3 console_pty.py JAVA JAR DIR
Prints "ok: STEP" for each step that behaved; exit status 0 when all did, 1 with the transcript otherwise.
"""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sqlite3
import sys
import termios
import time

import Pyro4

java, jar, work = sys.argv[1:4]
NAMES = 200000
store = os.path.join(work, "console.sqlite")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r")


def make_store():
    db = sqlite3.connect(store)
    db.execute("CREATE TABLE pyro_names (id integer PRIMARY KEY, name nvarchar NOT NULL UNIQUE, uri nvarchar NOT NULL)")
    db.execute("CREATE TABLE pyro_metadata (object integer NOT NULL, metadata nvarchar NOT NULL, "
               "FOREIGN KEY(object) REFERENCES pyro_names(id))")
    db.executemany("INSERT INTO pyro_names(name, uri) VALUES (?, ?)",
                   (("bulk.%06d" % i, "PYRO:obj%d@localhost:5000" % i) for i in range(NAMES)))
    db.execute("INSERT INTO pyro_names(name, uri) VALUES ('zeta.only', 'PYRO:zeta@localhost:5001')")
    db.commit()
    db.close()


make_store()
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.environ.pop("JDK_JAVA_OPTIONS", None)
    os.execv(java, [java, "-Djava.io.tmpdir=" + work, "-Dpyrons.console=true", "-jar", jar, "-n", "127.0.0.1", "-p", "0", "-x", "-s", "sql:" + store])

# a terminal of 50 x 200 (a new pty has 0 x 0, which JLine cannot draw a prompt on)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
transcript = []


def fail(message):
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
    sys.stdout.write("FAILED: %s\n--- transcript ---\n%s\n" % (message, ANSI.sub("", "".join(transcript))[-6000:]))
    sys.exit(1)


def read_until(pattern, seconds, since):
    """Reads the terminal until pattern matches the text written since index `since` (escapes removed)."""
    deadline = time.monotonic() + seconds
    while True:
        text = ANSI.sub("", "".join(transcript[since:]))
        match = re.search(pattern, text)
        if match:
            return match
        left = deadline - time.monotonic()
        if left <= 0:
            fail("no %r within %s s in %r" % (pattern, seconds, "".join(transcript[since:])[-300:]))
        ready, _, _ = select.select([fd], [], [], min(left, 0.5))
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                text = ANSI.sub("", "".join(transcript[since:]))
                match = re.search(pattern, text)
                if match:
                    return match
                fail("the console closed while waiting for %r" % pattern)
            transcript.append(data.decode("utf-8", "replace"))


def mark():
    return len(transcript)


def send(keys):
    os.write(fd, keys.encode())


PROMPT = r"pyrons> $"
uri = read_until(r"URI = (PYRO:Pyro\.NameServer@127\.0\.0\.1:\d+)\n", 60, 0).group(1)
read_until(PROMPT, 30, 0)
print("ok: started " + uri)

m = mark()
send("ns:status\r")
read_until(r"names:\s+%d\n" % (NAMES + 2), 30, m)
read_until(PROMPT, 10, m)
m = mark()
send("\x1bOA")  # Up, as a terminal sends it in the application cursor mode JLine sets (ESC [ ? 1 h)
read_until(r"ns:status$", 10, m)
send("\r")
read_until(r"name server status:\s+up \(sql:", 30, m)
read_until(PROMPT, 10, m)
print("ok: Up-arrow recalls ns:status")

m = mark()
send("ns:sta\t")
read_until(r"ns:status ?$", 10, m)
send("\r")
read_until(r"listening on:", 30, m)
read_until(PROMPT, 10, m)
print("ok: Tab completes ns:sta to ns:status")

m = mark()
send("ns:lookup zet\t")
read_until(r"ns:lookup zeta\.only ?$", 20, m)
send("\r")
read_until(r"zeta\.only\s+PYRO:zeta@localhost:5001", 10, m)
read_until(PROMPT, 10, m)
print("ok: Tab completes a registered name")

m = mark()
send("ns:lookup\r")
read_until(r"usage: ns:lookup \[-n HOST\] \[-p PORT\] \[-k KEY\] NAME", 10, m)
read_until(r"ns:lookup: expected NAME, got none\n", 10, m)
read_until(PROMPT, 10, m)
if "Cannot coerce" in "".join(transcript[m:]):
    fail("Gogo's coercion error shown")
print("ok: wrong arguments print the usage and one line")

m = mark()
send("ns:list\r")
read_until(r"bulk\.000100", 60, m)
send("\x03")
read_until(PROMPT, 30, m)
listed = ANSI.sub("", "".join(transcript[m:]))
if re.search(r"\d+ registrations", listed):
    fail("ns:list ran to its end: Ctrl-C did not interrupt it")
with Pyro4.Proxy(uri) as ns:
    found = ns.lookup("zeta.only")
    if str(found) != "PYRO:zeta@localhost:5001":
        fail("lookup after Ctrl-C answered %s" % found)
# keys typed while Gogo ends the interrupted job may go to that job's input: type after a moment, as a person would
time.sleep(1)
m = mark()
send("ns:ping\r")
read_until(r"Name server ping ok\.", 10, m)
read_until(PROMPT, 10, m)
print("ok: Ctrl-C interrupts ns:list; the name server answers Pyro4 and the console")

m = mark()
send("\x04")
read_until(r"NS shut down\.", 30, m)
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    try:
        os.read(fd, 65536)
    except OSError:
        time.sleep(0.1)
else:
    fail("still running 30 s after Ctrl-D")
if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
    fail("exit status %s after Ctrl-D" % status)
print("ok: Ctrl-D stops the name server (status 0)")
