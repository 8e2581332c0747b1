package io.pyrons.api.serializer;

import io.pyrons.api.PythonException;

/**
 * Pyro's {@code _ExceptionWrapper} ({@code Pyro4.futures._ExceptionWrapper}, {@code Pyro5.core._ExceptionWrapper}): the last result of a batch call that failed, carrying
 * the exception instead of raising it.
 */
public record ExceptionWrapper(PythonException exception) {
}
