package io.pyrons.bench.load;

import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.List;

import io.pyrons.api.NameServer;
import io.pyrons.api.storage.StorageProvider;
import io.pyrons.naming.NameServerComponent;
import io.pyrons.serializer.json.JsonSerializer;
import io.pyrons.serializer.marshal.MarshalSerializer;
import io.pyrons.serializer.serpent.SerpentSerializer;
import io.pyrons.server.Daemon;
import io.pyrons.server.DaemonSettings;
import io.pyrons.storage.dbm.DbmStorageProvider;
import io.pyrons.storage.memory.MemoryStorageProvider;
import io.pyrons.storage.sql.SqlStorageProvider;

/**
 * pyrons without the OSGi framework: the daemon, the three safe serializers and the name server component over
 * the chosen store, wired with plain {@code new} as the bundles' own tests do. The bench runs this process in
 * place of {@code pyrons.jar} while that jar cannot serve the name server, and says so in the report; the request
 * path is the same code, only the framework's start-up and service lookups are missing.
 *
 * <pre>java -cp ... EmbeddedPyrons [-s sql:FILE|dbm:FILE] [maxSeconds]</pre>
 */
public final class EmbeddedPyrons {
    private EmbeddedPyrons() {
    }

    public static void main(String[] args) throws Exception {
        String storage = "memory";
        long maxSeconds = 3600;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-s")) {
                storage = args[++i];
            } else {
                maxSeconds = Long.parseLong(args[i]);
            }
        }
        String type = storage.contains(":") ? storage.substring(0, storage.indexOf(':')) : storage;
        StorageProvider provider = switch (type) {
            case "memory" -> new MemoryStorageProvider();
            case "sql" -> new SqlStorageProvider();
            case "dbm" -> new DbmStorageProvider();
            default -> throw new IllegalArgumentException("unknown storage " + storage);
        };
        try (Daemon daemon = new Daemon(DaemonSettings.tcp("127.0.0.1", 0))) {
            daemon.addSerializer(new SerpentSerializer());
            daemon.addSerializer(new JsonSerializer());
            daemon.addSerializer(new MarshalSerializer());
            daemon.start();
            NameServerComponent ns = nameServer(storage, provider, daemon);
            daemon.addObject(NameServer.OBJECT_ID, ns);
            InetSocketAddress a = (InetSocketAddress) daemon.boundAddress();
            System.out.println("NS running on " + a.getAddress().getHostAddress() + ":" + a.getPort()
                    + " (embedded pyrons, storage " + storage + ")");
            System.out.flush();
            Thread.sleep(maxSeconds * 1000);
        }
    }

    /**
     * The component takes its typed configuration, a package-private annotation type of the naming bundle that
     * only the framework (or a proxy) can instantiate; a dynamic proxy answers with the storage setting and the
     * annotation's defaults for the rest.
     */
    static NameServerComponent nameServer(String storage, StorageProvider provider, Daemon daemon)
            throws ReflectiveOperationException {
        Constructor<?> constructor = java.util.Arrays.stream(NameServerComponent.class.getConstructors())
                .filter(c -> c.getParameterCount() == 3 && c.getParameterTypes()[0].isAnnotation()).findFirst()
                .orElseThrow(() -> new NoSuchMethodException("NameServerComponent(config, storage, daemon)"));
        Class<?> configType = constructor.getParameterTypes()[0];
        String target = "(" + StorageProvider.TYPE + "=" + provider.type() + ")";
        Object config = Proxy.newProxyInstance(configType.getClassLoader(), new Class<?>[] {configType},
                (proxy, method, args) -> switch (method.getName()) {
                    case "storage" -> storage;
                    case "storage_target" -> target;
                    case "annotationType" -> configType;
                    case "toString" -> "NamingConfiguration[storage=" + storage + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> method.getDefaultValue();
                });
        return (NameServerComponent) constructor.newInstance(List.of(config, provider, daemon).toArray());
    }
}
