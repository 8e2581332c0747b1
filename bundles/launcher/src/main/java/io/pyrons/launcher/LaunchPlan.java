package io.pyrons.launcher;

import java.util.List;
import java.util.Map;

import io.pyrons.protocol.logging.PyroLogging;

/**
 * What this run of pyro-ns does, decided from the command line and the environment, in the order pyro4-ns decides
 * it: environment values first (Pyro4 reads them on import), then the options, the {@code -k} deprecation warning,
 * the {@code -k}/{@code PYRO_HMAC_KEY} conflict, then the checks of Pyro4's daemon arguments. What the running parts
 * make of the result (a storage backend that is not installed, a port in use) they report themselves.
 *
 * @param settings what to run with
 * @param warnings text for stderr before anything else (empty or ending in a newline)
 */
record LaunchPlan(NameServerSettings settings, String warnings) {

    /**
     * {@code PYRO_LOGLEVEL} and {@code PYRO_LOGFILE}: Pyro4 reads them first, on import, so a level it has no name
     * for ends pyro4-ns before anything else (even {@code -h}); {@link LaunchStop} (status 1) with the reason.
     */
    static PyroLogging.Setup logging(Map<String, String> environment) {
        try {
            return PyroLogging.read(environment);
        } catch (IllegalArgumentException e) {
            throw LaunchStop.error(1, e.getMessage());
        }
    }

    /** Pyro4's {@code warnings.warn} text for {@code -k}, under our program name instead of Pyro4's source line. */
    static final String KEY_WARNING = PyroNsOptionParser.PROG + ": UserWarning: using -k to supply HMAC key on the "
            + "command line is a security problem and is deprecated since Pyro 4.72. See the documentation for an "
            + "alternative.\n";

    /**
     * What pyro4-ns's {@code main()} hands to {@code startNSloop}: the options, the HMAC key after the
     * {@code PYRO_HMAC_KEY} rule, and the warnings printed on the way.
     */
    record Invocation(NsOptions options, String hmacKey, String warnings) {
    }

    /** pyro4-ns's {@code main()} up to {@code startNSloop}; {@link LaunchStop} for help, errors and the key conflict. */
    static Invocation invocation(List<String> args, PyroEnvironment env) {
        NsOptions options = PyroNsOptionParser.parse(args);
        boolean keyOption = options.key() != null && !options.key().isEmpty();
        String warnings = keyOption ? KEY_WARNING : "";
        String key = options.key();
        if (env.hmacKey() != null) {
            if (keyOption) {
                throw new LaunchStop(1, "", warnings + "error: don't use -k and PYRO_HMAC_KEY at the same time\n");
            }
            key = env.hmacKey();
        }
        return new Invocation(options, key, warnings);
    }

    /** The plan, or {@link LaunchStop} with what to print and the exit status. */
    static LaunchPlan of(List<String> args, Map<String, String> environment) {
        PyroEnvironment env = PyroEnvironment.read(environment);
        Invocation invocation = invocation(args, env);
        try {
            NameServerSettings settings = NameServerSettings.of(invocation.options(), env, invocation.hmacKey());
            return new LaunchPlan(settings, invocation.warnings());
        } catch (LaunchStop stop) {
            throw new LaunchStop(stop.status, stop.stdout, invocation.warnings() + stop.stderr);
        }
    }
}
