package io.pyrons.api.storage;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.pyrons.api.Registration;

/**
 * The child JVM of {@link NameStorageKillContract}: opens a store with the {@link StorageProvider} class
 * it is given, registers names from several threads and prints {@code ack NAME} after each put has returned,
 * i.e. once the write is acknowledged. It never closes the store: the test kills it with SIGKILL.
 *
 * <p>Arguments: provider class name, store location, threads, names per thread.
 */
public final class AckingRegistrar {
    private AckingRegistrar() {
    }

    static Registration registration(String name) {
        return new Registration(name, "PYRO:" + name + "@localhost:9999", Set.of("acked", "m." + name));
    }

    public static void main(String[] args) throws ReflectiveOperationException, InterruptedException {
        StorageProvider provider = Class.forName(args[0]).asSubclass(StorageProvider.class)
                .getConstructor().newInstance();
        String location = args[1];
        int threads = Integer.parseInt(args[2]);
        int perThread = Integer.parseInt(args[3]);
        NameStorage store = provider.open(location);
        PrintStream out = System.out;
        out.println("ready");
        out.flush();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    String name = "w" + thread + "." + i;
                    store.put(registration(name), false);
                    synchronized (out) {
                        out.println("ack " + name);
                        out.flush();
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        out.println("finished");
        out.flush();
    }
}
