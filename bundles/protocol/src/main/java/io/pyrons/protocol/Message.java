package io.pyrons.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Pyro wire message. Annotations keep their insertion order because that is the order their chunks
 * travel in (Pyro4 keeps a dict). The payload is opaque here: serializers give it meaning.
 *
 * @param type         one of {@link MessageType}
 * @param flags        bits of {@link MessageFlags}
 * @param seq          sequence number, 0..65535; a response echoes the request's
 * @param serializerId the serializer the payload is written with (serpent 1, json 2, marshal 3, pickle 4)
 * @param annotations  annotation chunks by their 4-character ASCII key
 * @param data         the payload
 */
public record Message(int type, int flags, int seq, int serializerId, Map<String, byte[]> annotations, byte[] data) {
    public Message {
        annotations = annotations == null || annotations.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        data = Objects.requireNonNull(data, "data");
    }

    /** A message without annotations. */
    public Message(int type, int flags, int seq, int serializerId, byte[] data) {
        this(type, flags, seq, serializerId, Map.of(), data);
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /** This message with another payload and flags. */
    public Message withData(byte[] newData, int newFlags) {
        return new Message(type, newFlags, seq, serializerId, annotations, newData);
    }

    @Override
    public String toString() {
        return "Message[type=" + type + ", flags=" + flags + ", seq=" + seq + ", serializerId=" + serializerId
                + ", annotations=" + annotations.keySet() + ", data=" + data.length + " bytes]";
    }
}
