package io.pyrons.itests.karaf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/**
 * Karaf's shell, one new session per call, output captured. The value a command returns is not printed (as over
 * Karaf's ssh shell), so a command shows only what it prints itself.
 */
final class KarafShell {
    /** What a command printed, and the message of its failure ({@code null} when it succeeded). */
    record Result(String output, String failure) {
    }

    private final SessionFactory sessionFactory;

    KarafShell(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /** Runs {@code commands} (one session; separate commands with ';'), 120 s at most. */
    Result run(String commands) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
            Future<String> run = executor.submit(() -> {
                try {
                    Subject.doAs(administrator(), (PrivilegedExceptionAction<Object>) () -> session.execute(commands));
                    return null;
                } catch (PrivilegedActionException e) {
                    return message(e.getException());
                } catch (RuntimeException e) {
                    return message(e);
                } finally {
                    session.close();
                }
            });
            String failure = run.get(120, TimeUnit.SECONDS);
            out.flush();
            return new Result(bytes.toString(StandardCharsets.UTF_8), failure);
        } finally {
            executor.shutdownNow();
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Who runs the commands: Karaf's command ACLs reserve feature:install and config: changes to admin. */
    private static Subject administrator() {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("karaf"));
        for (String role : new String[] {"admin", "manager", "viewer", "systembundles"}) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        return subject;
    }

    /**
     * The output of {@code commands}, which must succeed. A command not found is tried again for 60 s: Karaf
     * refreshes bundles after feature changes, and their commands come back a moment later.
     */
    String ok(String commands) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Result result = run(commands);
        while (result.failure() != null && result.failure().startsWith("Command not found")
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
            result = run(commands);
        }
        if (result.failure() != null) {
            throw new AssertionError("karaf@root()> " + commands + "\nfailed: " + result.failure() + "\n" + result.output());
        }
        return result.output();
    }
}
