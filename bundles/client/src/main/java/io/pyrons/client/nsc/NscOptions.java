package io.pyrons.client.nsc;

import java.util.List;

import io.pyrons.api.PyroProtocol;

/**
 * The parsed command line of pyro-nsc: pyro4-nsc's options and the positional arguments (command first).
 *
 * @param port     {@code null} when not given; may be any int (Python's optparse takes {@code -p 0x10} or {@code -p -5})
 * @param protocol {@code --protocol}: 4 (Pyro4, the default) or 5 (Pyro5)
 */
record NscOptions(String host, Integer port, String unixsocket, String key, boolean verbose, PyroProtocol protocol,
                  List<String> args) {
    NscOptions {
        args = List.copyOf(args);
    }
}
