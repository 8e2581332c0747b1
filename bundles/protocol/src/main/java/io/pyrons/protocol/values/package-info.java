/**
 * Python facts every serializer shares: the Python type names and truth of the value model's values, the
 * exception classes Pyro4 recreates, and Pyro4's {@code SerializerBase.class_to_dict} /
 * {@code dict_to_class}, the dict form of Pyro's own types (URI, exceptions, {@code _ExceptionWrapper}).
 * Plain stateless functions, used by the serializer bundles.
 */
@Export
@Version("1.0.0")
package io.pyrons.protocol.values;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
