package io.pyrons.itests.interop;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A Pyrolite 5 client as its own program, for {@link NetworkNamespaceBroadcastTest}: run in the client's network
 * namespace with only Pyrolite 5's jars and this class on its class path (Pyrolite 4.30, on the test class path,
 * has the same class names), it finds the name server with {@code NameServerProxy.locateNS(null)} (Pyrolite's UDP
 * broadcast of {@code GET_NSURI}, never told where the server is), then calls it over Pyro5. Prints one line per
 * step; a failure is the exception's class and text on the last line, and exit status 1.
 *
 * <pre>java -cp PYROLITE5_JARS:TEST_CLASSES io.pyrons.itests.interop.Pyrolite5Locate OBJECT_HOST</pre>
 *
 * Calls by reflection: the test module compiles against Pyrolite 4.30, not 5.
 */
public final class Pyrolite5Locate {
    private Pyrolite5Locate() {
    }

    public static void main(String[] args) throws Exception {
        String objectHost = args[0];
        try {
            Class<?> proxyClass = Class.forName("net.razorvine.pyro.NameServerProxy");
            Class<?> uriClass = Class.forName("net.razorvine.pyro.PyroURI");
            Object ns = proxyClass.getMethod("locateNS", String.class).invoke(null, (String) null);
            try {
                System.out.println("located " + proxyClass.getField("hostname").get(ns) + ":"
                        + proxyClass.getField("port").get(ns));
                call(ns, "ping");
                System.out.println("ping");
                System.out.println("lookup Pyro.NameServer " + text(call(ns, "lookup", "Pyro.NameServer")));
                Object uri = uriClass.getConstructor(String.class).newInstance("PYRO:p5j@" + objectHost + ":4005");
                call(ns, "register", "itest.pyrolite5", uri, false);
                System.out.println("lookup itest.pyrolite5 " + text(call(ns, "lookup", "itest.pyrolite5")));
            } finally {
                proxyClass.getMethod("close").invoke(ns);
            }
        } catch (InvocationTargetException e) {
            System.out.println("error " + e.getCause().getClass().getName() + ": " + e.getCause().getMessage());
            System.exit(1);
        }
    }

    /** A URI by its text (Pyrolite's toString is {@code <PyroURI text>}). */
    private static String text(Object uri) {
        return String.valueOf(uri).replaceAll("^<PyroURI (.*)>$", "$1");
    }

    /** The public method of that name and arity (Pyrolite's have distinct arities). */
    private static Object call(Object target, String name, Object... args) throws ReflectiveOperationException {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name + "/" + args.length);
    }
}
