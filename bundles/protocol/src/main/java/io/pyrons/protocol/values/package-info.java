/**
 * The one home of Python's semantics in pyrons: the Python type names and truth of the value model's values,
 * {@code repr()} and {@code str()}, {@code int(text, base)} and {@code float(text)}, how a call's arguments bind
 * to a method's parameters (with CPython's TypeErrors), the exception classes Pyro4 recreates, and Pyro4's
 * {@code SerializerBase.class_to_dict} / {@code dict_to_class}, the dict form of Pyro's own types (URI,
 * exceptions, {@code _ExceptionWrapper}). Plain stateless functions, used by the serializers, the daemon, the
 * name server, the client and the launcher.
 */
@Export
@Version("1.2.0")
package io.pyrons.protocol.values;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
