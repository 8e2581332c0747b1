package io.pyrons.storage.dbm;

/**
 * Keys of the metadata index: one entry per (metadata value, name), written so that all names carrying a
 * value form one contiguous key range. The value is escaped ({@code \0} becomes {@code \0\1}) and ended
 * by {@code \0\0}, which cannot occur inside an escaped value, so no value's range prefix is a prefix of
 * another's; the name follows unescaped.
 */
final class MetadataKey {
    private MetadataKey() {
    }

    /** The prefix shared by every index key of {@code metadata}. */
    static String prefix(String metadata) {
        return metadata.replace("\0", "\0\1") + "\0\0";
    }

    static String of(String metadata, String name) {
        return prefix(metadata) + name;
    }
}
