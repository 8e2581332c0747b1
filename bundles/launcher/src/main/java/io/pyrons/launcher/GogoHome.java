package io.pyrons.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives the runtime's Gogo shell a profile of its own. Gogo's built-in profile configures the interactive line
 * reader and prints a stack trace on stderr when the shell runs with {@code --nointeractive}, as pyro-ns does by
 * default; Gogo reads {@code etc/gosh_profile} under the system property {@code gosh.home} instead when there is
 * one. {@code bin/pyro-ns} sets it; for {@code java -jar pyrons.jar} the launcher points it at an empty profile in a
 * private temporary directory before the shell bundle starts. Not in the framework storage: the bnd launcher deletes
 * that in a shutdown hook, which a stop right after the start may run before the console thread has read its
 * profile; the JVM deletes its delete-on-exit files only after every shutdown hook has finished.
 */
final class GogoHome {
    static final String PROPERTY = "gosh.home";

    private GogoHome() {
    }

    static void prepare() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Path home = Files.createTempDirectory("pyrons-gosh"); // owner-only on POSIX file systems
            Path etc = home.resolve("etc");
            Path profile = etc.resolve("gosh_profile");
            home.toFile().deleteOnExit(); // deleted in the reverse order: the file, etc/, then home
            Files.createDirectories(etc);
            etc.toFile().deleteOnExit();
            profile.toFile().deleteOnExit();
            Files.writeString(profile, "# pyrons: nothing to configure for a non-interactive shell\n",
                    StandardCharsets.UTF_8);
            System.setProperty(PROPERTY, home.toAbsolutePath().toString());
        } catch (IOException e) {
            System.err.println("pyro-ns: warning: cannot write a Gogo profile: " + e.getMessage());
        }
    }
}
