package io.pyrons.protocol.values;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pyrons.api.NamingError;
import io.pyrons.api.PyroProtocol;
import io.pyrons.api.PyroURI;
import io.pyrons.api.PythonException;
import io.pyrons.api.SerializeError;
import io.pyrons.api.serializer.ExceptionWrapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pyro's class dicts in each protocol's names: Pyro4's {@code Pyro4.*}, Pyro5's {@code Pyro5.*}, never mixed. */
class PyroClassDictsTest {
    private static final PyroURI URI = PyroURI.parse("PYRO:obj_a@127.0.0.1:5555");

    @Test
    void aUriIsWrittenUnderTheProtocolsClassName() {
        assertEquals("Pyro4.core.URI", PyroClassDicts.classDict(URI).get("__class__"));
        Map<String, Object> dict = PyroClassDicts.classDict(URI, PyroProtocol.PYRO5);
        assertEquals("Pyro5.core.URI", dict.get("__class__"));
        assertArrayEquals(new Object[] {"PYRO", "obj_a", null, "127.0.0.1", 5555}, (Object[]) dict.get("state"));
    }

    @Test
    void pyrosOwnErrorsMoveToTheProtocolsErrorsModuleAndBuiltinsStay() {
        NamingError error = new NamingError("unknown name: nope");
        assertEquals("Pyro4.errors.NamingError", PyroClassDicts.classDict(error).get("__class__"));
        assertEquals("Pyro5.errors.NamingError", PyroClassDicts.classDict(error, PyroProtocol.PYRO5).get("__class__"));
        assertEquals("builtins.ValueError",
                PyroClassDicts.classDict(PythonException.valueError("x"), PyroProtocol.PYRO5).get("__class__"));
        Map<String, Object> wrapper = PyroClassDicts.classDict(new ExceptionWrapper(error), PyroProtocol.PYRO5);
        assertEquals("Pyro5.core._ExceptionWrapper", wrapper.get("__class__"));
        assertEquals("Pyro5.errors.NamingError", ((Map<?, ?>) wrapper.get("exception")).get("__class__"));
    }

    @Test
    void pyro5NamesAreReadForPyro5AndRefusedForPyro4() {
        Map<String, Object> uri = Map.of("__class__", "Pyro5.core.URI", "state", Arrays.asList("PYRO", "obj_a", null, "127.0.0.1", 5555L));
        assertEquals(URI, PyroClassDicts.recreate(uri, PyroProtocol.PYRO5));
        var refused = assertThrows(SerializeError.class, () -> PyroClassDicts.recreate(uri));
        assertEquals("unsupported serialized class: Pyro5.core.URI", refused.getMessage());

        Map<String, Object> pyro4Uri = Map.of("__class__", "Pyro4.core.URI", "state", Arrays.asList("PYRO", "obj_a", null, "127.0.0.1", 5555L));
        assertEquals(URI, PyroClassDicts.recreate(pyro4Uri));
        assertThrows(SerializeError.class, () -> PyroClassDicts.recreate(pyro4Uri, PyroProtocol.PYRO5));
    }

    @Test
    void aPyro5ErrorBecomesItsJavaClassKeepingItsName() {
        Map<String, Object> dict = Map.of("__class__", "Pyro5.errors.NamingError", "__exception__", true,
                "args", List.of("unknown name: nope"), "attributes", Map.of());
        NamingError error = assertInstanceOf(NamingError.class, PyroClassDicts.recreate(dict, PyroProtocol.PYRO5));
        assertEquals("Pyro5.errors.NamingError", error.pythonType());
        assertEquals("unknown name: nope", error.getMessage());

        Map<String, Object> bare = Map.of("__class__", "NamingError", "__exception__", true, "args", List.of("x"));
        assertEquals("Pyro5.errors.NamingError",
                ((PythonException) PyroClassDicts.recreate(bare, PyroProtocol.PYRO5)).pythonType());
    }
}
