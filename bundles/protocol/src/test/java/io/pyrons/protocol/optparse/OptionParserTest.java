package io.pyrons.protocol.optparse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pyrons.protocol.optparse.OptionParser.Kind;
import io.pyrons.protocol.optparse.OptionParser.Option;
import io.pyrons.protocol.values.Python3;
import io.pyrons.protocol.values.PythonRepr;

/**
 * The parser against Python's optparse: /usr/bin/python3 builds an {@code optparse.OptionParser} with the same
 * option table (every kind, short and long names, long names sharing prefixes), parses the same command lines and
 * prints the exit status, stdout, stderr and the values and arguments it got.
 */
class OptionParserTest {
    private static final List<Option> TABLE = List.of(
            new Option("-h", "--help", Kind.HELP),
            new Option("-n", "--host", Kind.STRING),
            new Option("-p", "--port", Kind.INT),
            new Option(null, "--bcport", Kind.INT),
            new Option(null, "--bchost", Kind.STRING),
            new Option("-x", "--nobc", Kind.FLAG),
            new Option("-v", "--verbose", Kind.FLAG),
            new Option("-\u00e9", "--\u00e9t\u00e9", Kind.STRING));

    private static final List<List<String>> COMMAND_LINES = List.of(
            List.of("-h"), List.of(), List.of("ping"), List.of("-n", "h", "-p", "5", "ping"),
            List.of("list", "-nh", "--port=5", "x", "--bch", "s", "-vxnk"), List.of("list", "--", "-v", "--host"),
            List.of("-", "ping"), List.of(""), List.of("-n", "a", "--ho=b", "--verb"), List.of("--nobc", "--no"),
            List.of("-p", "0x10"), List.of("-p", "010"), List.of("-p", " 1_0 "), List.of("-p", "0b10"),
            List.of("-p", "0b"), List.of("-p", "0x"), List.of("-p", "-5"), List.of("-p", "-0x5"), List.of("-p", "0"),
            List.of("-p", "00"), List.of("-p", "08"), List.of("-p", "0o17"), List.of("-p", "1__0"),
            List.of("-p", "abc"), List.of("--port="), List.of("--port=="), List.of("-p", "\u0661\u0662"),
            List.of("-p", "99999999999999999999999"), List.of("-p", "99999999999999999999999", "-p", "1"),
            List.of("-p1", "-p2"), List.of("-p", "abc", "--nope"), List.of("--nope", "-p", "abc"), List.of("-z", "ping"),
            List.of("--nope"), List.of("--h", "x"), List.of("--bc", "x"), List.of("--", "-z"), List.of("--=x"),
            List.of("---x"), List.of("--verbose=1"), List.of("--verbose="), List.of("-n"), List.of("ping", "--host"),
            List.of("-vp"), List.of("-pv"), List.of("-vh", "-z"), List.of("--he"), List.of("x", "-h", "--nope"),
            List.of("-\u00e9", "v"), List.of("--\u00e9", "v"), List.of("-n", "--host"), List.of("-n", "-"),
            List.of("--host", "-x"), List.of("-n", "it's \"quoted\""), List.of("-p", "it's"), List.of("-n", "a", "-n", "b"));

    @Test
    void parsesAsOptparse() throws Exception {
        List<String> lines = new ArrayList<>();
        for (List<String> argv : COMMAND_LINES) {
            lines.add(String.join("\u0000", argv) + (argv.isEmpty() ? "" : "\u0000"));
        }
        List<String[]> python = Python3.run("""
                import contextlib, io, optparse
                p = optparse.OptionParser(usage="%prog [options] command", prog="prog")
                p.add_option("-n", "--host")
                p.add_option("-p", "--port", type="int")
                p.add_option("--bcport", type="int")
                p.add_option("--bchost")
                p.add_option("-x", "--nobc", action="store_true")
                p.add_option("-v", "--verbose", action="store_true")
                p.add_option("-\\u00e9", "--\\u00e9t\\u00e9")
                for line in lines:
                    argv = line.split("\\0")[:-1]
                    stdout, stderr, status, values = io.StringIO(), io.StringIO(), 0, ""
                    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                        try:
                            options, args = p.parse_args(argv)
                            values = " ".join("%s=%r" % (k, v) for k, v in sorted(vars(options).items())) + " " + repr(args)
                        except SystemExit as e:
                            status = e.code
                    out(str(status), stdout.getvalue(), stderr.getvalue(), values)
                """, lines);
        OptionParser parser = new OptionParser("prog", "Usage: prog [options] command\n", python.get(0)[1], TABLE);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < COMMAND_LINES.size(); i++) {
            List<String> argv = COMMAND_LINES.get(i);
            expected.add(argv + " -> " + Arrays.toString(python.get(i)));
            actual.add(argv + " -> " + Arrays.toString(parse(parser, argv)));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    /** What the Python script prints for one command line: status, stdout, stderr, values and arguments. */
    private static String[] parse(OptionParser parser, List<String> argv) {
        try {
            OptionParser.Parsed parsed = parser.parse(argv);
            List<String> values = new ArrayList<>();
            for (Option option : TABLE) {
                if (option.kind() != Kind.HELP) {
                    String dest = option.longName().substring(2);
                    OptionParser.Given given = parsed.options().get(option.longName());
                    String value = given == null ? "None" : given.value() == null ? "True" : PythonRepr.repr(given.value());
                    values.add(dest + "=" + value);
                }
            }
            values.sort(PythonRepr::compareCodePoints);
            return new String[] {"0", "", "", String.join(" ", values) + " " + PythonRepr.repr(parsed.args())};
        } catch (OptionParserExit exit) {
            return new String[] {String.valueOf(exit.status()), exit.status() == 0 ? exit.text() : "",
                    exit.status() == 0 ? "" : exit.text(), ""};
        }
    }
}
