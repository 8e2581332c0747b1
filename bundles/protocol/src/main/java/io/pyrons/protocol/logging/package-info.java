/**
 * Pyro4's logging set-up ({@code PYRO_LOGLEVEL}, {@code PYRO_LOGFILE}), as Pyro4's {@code _configLogging} does it
 * when the package is imported: one for both of our command-line tools, {@code pyro-ns} and {@code pyro-nsc}, on
 * {@code java.util.logging}, where {@code System.Logger} sends what every pyrons bundle logs.
 */
@Export
@Version("1.0.0")
package io.pyrons.protocol.logging;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
