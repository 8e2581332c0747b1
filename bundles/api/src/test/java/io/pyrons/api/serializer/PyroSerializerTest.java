package io.pyrons.api.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pyrons.api.PyroProtocol;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A serializer states who it is once, in {@link PyroSerializer}; {@link Serializer#name()} and
 * {@link Serializer#id(PyroProtocol)} read it.
 */
class PyroSerializerTest {
    @PyroSerializer(name = "example", id = 42, pyro5Id = 7)
    static class Annotated implements Serializer {
        @Override
        public byte[] serializeCall(Invocation call, PyroProtocol protocol) {
            return new byte[0];
        }

        @Override
        public Invocation deserializeCall(byte[] data, PyroProtocol protocol) {
            return null;
        }

        @Override
        public byte[] serializeData(Object value, PyroProtocol protocol) {
            return new byte[0];
        }

        @Override
        public Object deserializeData(byte[] data, PyroProtocol protocol) {
            return null;
        }
    }

    /** Offered to Pyro5 clients only. */
    @PyroSerializer(name = "pyro5only", pyro5Id = 4)
    static class Pyro5Only extends Annotated {
    }

    /** Not annotated: must say who it is itself. */
    static class Unannotated extends Annotated {
    }

    @Test
    void nameAndIdsComeFromTheAnnotation() {
        Serializer serializer = new Annotated();
        assertEquals("example", serializer.name());
        assertEquals(OptionalInt.of(42), serializer.id(PyroProtocol.PYRO4));
        assertEquals(OptionalInt.of(7), serializer.id(PyroProtocol.PYRO5));
        assertEquals(42, serializer.id());
    }

    @Test
    void aProtocolLeftOutHasNoId() {
        Serializer serializer = new Pyro5Only();
        assertEquals(OptionalInt.empty(), serializer.id(PyroProtocol.PYRO4));
        assertEquals(PyroSerializer.NONE, serializer.id());
        assertEquals(OptionalInt.of(4), serializer.id(PyroProtocol.PYRO5));
    }

    @Test
    void aSerializerWithoutTheAnnotationIsToldSo() {
        // @PyroSerializer is not @Inherited: a subclass is another serializer and states its own identity
        var e = assertThrows(IllegalStateException.class, () -> new Unannotated().name());
        assertEquals(Unannotated.class.getName() + " has no @PyroSerializer and does not implement id(protocol) and name()",
                e.getMessage());
    }
}
