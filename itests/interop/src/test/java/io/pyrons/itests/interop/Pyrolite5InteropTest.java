package io.pyrons.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Pyrolite 5.1 (net.razorvine:pyrolite), the third-party Java Pyro5 client, against pyrons with serpent, beside a
 * real Pyro4 client (Debian's python3-pyro4) on the same port. Pyrolite 5 has Pyrolite 4.30's Maven coordinates
 * ({@link PyroliteInteropTest} uses 4.30), so the pom copies its jar and its serpent to {@code target/pyrolite5}
 * and it runs here in a class loader of its own, called by reflection.
 */
class Pyrolite5InteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void pyrolite5AndPyro4ShareNamesOnOnePort() throws Exception {
        Python python = Python.locate();
        try (NameServerProcess pyrons = NameServerProcess.start(ServerKind.PYRONS);
             URLClassLoader pyrolite = pyrolite5()) {
            String host = pyrons.host();
            String port = String.valueOf(pyrons.port());
            Class<?> proxyClass = pyrolite.loadClass("net.razorvine.pyro.NameServerProxy");
            Class<?> uriClass = pyrolite.loadClass("net.razorvine.pyro.PyroURI");
            Object ns = proxyClass.getMethod("locateNS", String.class, int.class).invoke(null, host, pyrons.port());
            List<String> out = new ArrayList<>();
            try {
                call(ns, "ping");
                out.add("ping");
                out.add("self " + text(call(ns, "lookup", "Pyro.NameServer", true)));
                Object uri = uriClass.getConstructor(String.class).newInstance("PYRO:obj_a@localhost:4001");
                call(ns, "register", "p5j.a", uri, false, new String[] {"red", "java"});
                out.add("lookup " + text(call(ns, "lookup", "p5j.a")));
                out.add("lookup with metadata " + text(call(ns, "lookup", "p5j.a", true)));
                out.add("list " + text(call(ns, "list", "p5j.", null)));
                out.add("yplookup " + text(call(ns, "yplookup", new String[] {"red"}, null)));
                call(ns, "set_metadata", "p5j.a", new java.util.HashSet<>(List.of("blue")));
                out.add("after set_metadata " + text(call(ns, "lookup", "p5j.a", true)));

                ProcessResult registered = python.run("pyro4_mixed.py",
                        List.of(host, port, "register", "mix.four", "PYRO:four@127.0.0.1:4444", "from:pyro4"), Map.of(), TIMEOUT);
                assertEquals(0, registered.exitCode(), registered.toString());
                out.add("pyro4's name " + text(call(ns, "lookup", "mix.four", true)));
                ProcessResult looked = python.run("pyro4_mixed.py", List.of(host, port, "lookup", "p5j.a"), Map.of(), TIMEOUT);
                out.add("pyro4 sees " + looked.stdout().strip().lines().findFirst().orElse(looked.toString()));

                out.add("remove name " + call(ns, "remove", "p5j.a", null, null));
                out.add("remove prefix " + call(ns, "remove", null, "mix.", null));
                out.add("list after remove " + text(call(ns, "list", "p5j.", null)));
            } finally {
                proxyClass.getMethod("close").invoke(ns);
            }
            assertEquals(List.of(
                    "ping",
                    "self [PYRO:Pyro.NameServer@127.0.0.1:" + port + ", [class:Pyro4.naming.NameServer, class:Pyro5.nameserver.NameServer]]",
                    "lookup PYRO:obj_a@localhost:4001",
                    "lookup with metadata [PYRO:obj_a@localhost:4001, [java, red]]",
                    "list {p5j.a=[PYRO:obj_a@localhost:4001, [java, red]]}",
                    "yplookup {p5j.a=[PYRO:obj_a@localhost:4001, [java, red]]}",
                    "after set_metadata [PYRO:obj_a@localhost:4001, [blue]]",
                    "pyro4's name [PYRO:four@127.0.0.1:4444, [from:pyro4]]",
                    "pyro4 sees lookup PYRO:obj_a@localhost:4001 ['blue']",
                    "remove name 1",
                    "remove prefix 1",
                    "list after remove {}"), out);
        }
    }

    /** Pyrolite 5 and its serpent, from target/pyrolite5, over the platform class loader only. */
    private static URLClassLoader pyrolite5() throws Exception {
        Path directory = Path.of(System.getProperty("pyrolite5.jars", "target/pyrolite5"));
        if (!Files.isDirectory(directory)) {
            throw new AssertionError("Pyrolite 5 jars not found at " + directory + " (the pom's maven-dependency-plugin "
                    + "copies net.razorvine:pyrolite:5.1 there at generate-test-resources)");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        }
        return new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** Calls the public method of that name and arity; a Pyro error comes out as it is. */
    private static Object call(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        }
        throw new AssertionError("Pyrolite's " + target.getClass().getName() + " has no " + name + "/" + args.length);
    }

    /** Pyrolite's values as comparable text: URIs by their text, sets and string collections sorted, maps sorted. */
    private static String text(Object value) {
        if (value == null) {
            return "None";
        }
        if (value.getClass().getName().equals("net.razorvine.pyro.PyroURI")) {
            try {
                return String.valueOf(value.getClass().getMethod("toString").invoke(value))
                        .replaceAll("^<PyroURI (.*)>$", "$1");
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return text(items);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), text(v)));
            return sorted.toString();
        }
        if (value instanceof Collection<?> items) {
            List<String> texts = new ArrayList<>();
            for (Object item : items) {
                texts.add(text(item));
            }
            if (value instanceof java.util.Set || items.stream().allMatch(String.class::isInstance)) {
                return new TreeSet<>(texts).toString();
            }
            return texts.toString();
        }
        return String.valueOf(value);
    }
}
