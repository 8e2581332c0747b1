package io.pyrons.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.osgi.framework.BundleContext;

/**
 * Gives the runtime's Gogo shell a profile of its own. Gogo's built-in profile configures the interactive line
 * reader and prints a stack trace on stderr when the shell runs with {@code --nointeractive}, as pyro-ns does by
 * default; Gogo reads {@code etc/gosh_profile} under the system property {@code gosh.home} instead when there is
 * one. {@code bin/pyro-ns} sets it; for {@code java -jar pyrons.jar} the launcher points it at an empty profile
 * in its bundle's data area before the shell bundle starts (the launcher starts first).
 */
final class GogoHome {
    static final String PROPERTY = "gosh.home";

    private GogoHome() {
    }

    static void prepare(BundleContext context) {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        File home = context.getDataFile("gosh");
        if (home == null) {
            return;
        }
        try {
            File profile = new File(home, "etc/gosh_profile");
            Files.createDirectories(profile.getParentFile().toPath());
            Files.writeString(profile.toPath(), "# pyrons: nothing to configure for a non-interactive shell\n",
                    StandardCharsets.UTF_8);
            System.setProperty(PROPERTY, home.getAbsolutePath());
        } catch (IOException e) {
            System.err.println("pyro-ns: warning: cannot write a Gogo profile: " + e.getMessage());
        }
    }
}
