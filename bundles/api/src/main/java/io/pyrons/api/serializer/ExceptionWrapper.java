package io.pyrons.api.serializer;

import io.pyrons.api.PythonException;

/**
 * Pyro4's {@code Pyro4.futures._ExceptionWrapper}: the last result of a batch call that failed, carrying
 * the exception instead of raising it.
 */
public record ExceptionWrapper(PythonException exception) {
}
