package io.pyrons.api.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A serializer states who it is once, in {@link PyroSerializer}; {@link Serializer#name()} and {@link Serializer#id()} read it. */
class PyroSerializerTest {
    @PyroSerializer(name = "example", id = 42)
    static class Annotated implements Serializer {
        @Override
        public byte[] serializeCall(Invocation call) {
            return new byte[0];
        }

        @Override
        public Invocation deserializeCall(byte[] data) {
            return null;
        }

        @Override
        public byte[] serializeData(Object value) {
            return new byte[0];
        }

        @Override
        public Object deserializeData(byte[] data) {
            return null;
        }
    }

    /** Not annotated: must say who it is itself. */
    static class Unannotated extends Annotated {
    }

    @Test
    void nameAndIdComeFromTheAnnotation() {
        Serializer serializer = new Annotated();
        assertEquals("example", serializer.name());
        assertEquals(42, serializer.id());
    }

    @Test
    void aSerializerWithoutTheAnnotationIsToldSo() {
        // @PyroSerializer is not @Inherited: a subclass is another serializer and states its own identity
        var e = assertThrows(IllegalStateException.class, () -> new Unannotated().name());
        assertEquals(Unannotated.class.getName() + " has no @PyroSerializer and does not implement id() and name()",
                e.getMessage());
    }
}
