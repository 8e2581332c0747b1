package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** yplookup exists only in pyrons (Pyro4 4.82 has no such method), so it is checked against fixed lines. */
class YpLookupTest {

    @Test
    void yplookupFromARealPyro4Client() {
        Python python = Python.locate();
        try (NameServerProcess server = NameServerProcess.start(ServerKind.PYRONS)) {
            ProcessResult result = python.run("ns_yplookup.py", List.of(server.host(), Integer.toString(server.port())),
                    Map.of(), Duration.ofSeconds(60));
            assertEquals(0, result.exitCode(), () -> result.describe() + "\n" + server.output());
            Transcripts.assertSameLines("yplookup", List.of(
                    "yplookup exposed -> True",
                    "all red -> ok {y.a=PYRO:a@localhost:4001['red', 'small'], y.b=PYRO:b@localhost:4002['big', 'red']}",
                    "any blue small -> ok {y.a=PYRO:a@localhost:4001['red', 'small'], y.c=PYRO:c@localhost:4003['blue']}",
                    "all red any big blue -> ok {y.b=PYRO:b@localhost:4002['big', 'red']}",
                    "all red without metadata -> ok {y.a=PYRO:a@localhost:4001, y.b=PYRO:b@localhost:4002}",
                    "all red small positional -> ok {y.a=PYRO:a@localhost:4001}",
                    "all purple -> ok {}",
                    "any class -> ok {Pyro.NameServer=PYRO:Pyro.NameServer@127.0.0.1:PORT}",
                    "all given as str -> raised TypeError",
                    "after set_metadata -> ok {y.c=PYRO:c@localhost:4003, y.d=PYRO:d@localhost:4004}",
                    "removed -> ok 4",
                    "all red after remove -> ok {}",
                    "END"), Transcripts.normalizePort(result.stdout(), server.port()));
        }
    }
}
