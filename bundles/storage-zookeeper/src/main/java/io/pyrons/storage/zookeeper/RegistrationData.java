package io.pyrons.storage.zookeeper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.pyrons.api.Registration;

/**
 * A registration as a name's znode data: a format byte ({@value #FORMAT}), then the URI text and each tag as a
 * length and UTF-16 units, so any Java string (lone surrogates too) comes back as it went in. The name is the
 * znode's. Tags are written sorted, so equal registrations are equal bytes.
 */
final class RegistrationData {
    static final int FORMAT = 1;

    private RegistrationData() {
    }

    static byte[] encode(Registration registration) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            write(out, registration.uri());
            TreeSet<String> tags = new TreeSet<>(registration.metadata());
            out.writeInt(tags.size());
            for (String tag : tags) {
                write(out, tag);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The registration {@code data} holds under {@code name}; an IllegalArgumentException for other bytes. */
    static Registration decode(String name, byte[] data) {
        if (data == null || data.length == 0 || data[0] != FORMAT) {
            throw new IllegalArgumentException("not a pyrons registration (format " + (data == null || data.length == 0
                    ? "none" : data[0]) + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 1, data.length - 1))) {
            String uri = read(in, data.length);
            int count = in.readInt();
            if (count < 0 || count > data.length) {
                throw new IllegalArgumentException("not a pyrons registration (" + count + " tags)");
            }
            List<String> tags = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tags.add(read(in, data.length));
            }
            return new Registration(name, uri, tags);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a pyrons registration (cut short)", e);
        }
    }

    private static void write(DataOutputStream out, String text) throws IOException {
        out.writeInt(text.length());
        out.writeChars(text);
    }

    private static String read(DataInputStream in, int limit) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > limit) {
            throw new IOException("bad length " + length);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }
}
