"""Captures Python's repr() of str as fixtures for PythonReprTest.

Regenerate with:
    /usr/bin/python3 src/test/python/capture_repr.py > src/test/resources/io/pyrons/protocol/values/python-repr-strings.txt
(run from bundles/protocol). One case per line: the text's code points in hex separated by spaces, a tab, repr(text).
Only characters whose Unicode category did not change between Python's and Java 17's Unicode versions are used.
"""
import sys

cases = [""]
cases += [chr(cp) for cp in range(0x250)]                  # every ASCII and Latin-1 character alone
cases += ["ab" + chr(cp) + "cd" for cp in range(0x80)]      # and every ASCII character inside plain text
cases += [
    "plain", "n.0000001", "PYRO:obj_8e4e5d2b@127.0.0.1:51234", "example.service.greeting",
    "it's", 'say "hi"', "both ' and \"", "'", '"', "''", "\\", "back\\slash\n\r", "~ ` ! @ # $ % ^ & * ( ) { } [ ] | ; :",
    "caf\u00e9", "\u4e2d\u6587", "\U0001f600", "\U000e0001", "\ud800", "\udc00x\ud800", "\uffff", "\ufeff", "\ue000",
    "\u3000", "\u2028 \u2029", "\u00a0", "\u0085", "tab\t", "nul\0 del\x7f", "x" * 300 + "'",
    "plain ascii then \u00e9", "\U0001f600 then ascii", "it's \"quoted\" \\ \U0001f600",
]
out = sys.stdout.buffer
for text in cases:
    cps = " ".join("%x" % ord(c) for c in text)
    out.write((cps + "\t" + repr(text) + "\n").encode("utf-8"))
