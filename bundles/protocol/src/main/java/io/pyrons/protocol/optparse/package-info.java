/**
 * Python's {@code optparse}, as Pyro4's command-line tools ({@code pyro4-ns}, {@code pyro4-nsc}) use it: one
 * parser for both of ours, so they take and refuse command lines, and word their errors, as Python does.
 */
@Export
@Version("1.0.0")
package io.pyrons.protocol.optparse;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
