package io.pyrons.storage.dbm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.pyrons.api.storage.StorageException;

/**
 * The Python dbm store that {@code pyro4-ns -s dbm:F} would use for the same {@code F}, found the way Python's
 * {@code dbm.whichdb} looks: {@code F.pag} with {@code F.dir} (a classic ndbm), {@code F.db} (Berkeley DB hash, from
 * {@code dbm.ndbm} on Debian), {@code F.dat} with {@code F.dir} ({@code dbm.dumb}), or {@code F} itself holding a
 * GNU dbm file. Pyro4's dbm storage keeps a name (UTF-8) and its URI (UTF-8) per key, and no metadata.
 *
 * @param format what kind of store it is
 * @param files  its files, the first naming it in messages
 */
record PythonDbm(Format format, List<Path> files) {
    /** The formats pyro4-ns may have written. */
    enum Format {
        BERKELEY_HASH("a Python dbm.ndbm store in Berkeley DB hash format, as pyro4-ns writes it on Debian", true),
        DUMB("a Python dbm.dumb store, as pyro4-ns writes it where no other dbm module is installed", true),
        GNU("a Python dbm.gnu (GNU dbm) store, as pyro4-ns writes it where python3-gdbm is installed", false),
        NDBM_PAG("a Python dbm.ndbm store in the classic .pag/.dir format", false);

        final String description;
        final boolean readable;

        Format(String description, boolean readable) {
            this.description = description;
            this.readable = readable;
        }
    }

    /** One stored pair, as bytes. */
    record Item(byte[] key, byte[] value) {
    }

    /** GNU dbm's magic numbers (old, 32-bit and 64-bit file offsets, and their "numsync" variants). */
    private static final int[] GDBM_MAGICS = {0x13579ace, 0x13579acd, 0x13579acf, 0x13579ad0, 0x13579ad1};

    /** The Python dbm store at {@code location}, or null if there is none. */
    static PythonDbm find(Path location) throws IOException {
        Path pag = sibling(location, ".pag");
        Path dir = sibling(location, ".dir");
        Path db = sibling(location, ".db");
        Path dat = sibling(location, ".dat");
        if (Files.isRegularFile(pag) && Files.isRegularFile(dir)) {
            return new PythonDbm(Format.NDBM_PAG, List.of(pag, dir));
        }
        // as whichdb, a file that only shares the name is not taken for a store: F.db must be a Berkeley DB hash
        // file, F.dir of dbm.dumb must be empty or start with a quoted key
        if (Files.isRegularFile(db) && BerkeleyHashFile.isHashFile(head(db, 16))) {
            return new PythonDbm(Format.BERKELEY_HASH, List.of(db));
        }
        if (Files.isRegularFile(dat) && Files.isRegularFile(dir)
                && (Files.size(dir) == 0 || head(dir, 1)[0] == '\'' || head(dir, 1)[0] == '"')) {
            return new PythonDbm(Format.DUMB, List.of(dir, dat));
        }
        if (Files.isRegularFile(location) && isGnuDbm(location)) {
            return new PythonDbm(Format.GNU, List.of(location));
        }
        return null;
    }

    private static Path sibling(Path location, String suffix) {
        return location.resolveSibling(location.getFileName() + suffix);
    }

    /** Up to {@code length} first bytes of {@code file}, zeros past its end. */
    private static byte[] head(Path file, int length) throws IOException {
        byte[] head = new byte[length];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(head, 0, length);
        }
        return head;
    }

    private static boolean isGnuDbm(Path file) throws IOException {
        byte[] head = head(file, 4);
        int bigEndian = ByteBuffer.wrap(head).getInt();
        int littleEndian = Integer.reverseBytes(bigEndian);
        for (int magic : GDBM_MAGICS) {
            if (magic == bigEndian || magic == littleEndian) {
                return true;
            }
        }
        return false;
    }

    /** How messages name this store: its file(s) and format. */
    String describe() {
        return files.stream().map(Path::toString).collect(Collectors.joining(" and ")) + " (" + format.description + ")";
    }

    /**
     * Every name and URI, decoded as Pyro4 encoded them; damage or a format this reader does not know is a
     * {@link StorageException} naming the file, and nothing is returned in part.
     */
    Map<String, String> read(String storeDescription) {
        refuseIfUnreadable(storeDescription);
        List<Item> items;
        try {
            items = format == Format.BERKELEY_HASH
                    ? BerkeleyHashFile.read(files.get(0))
                    : DumbDbmFiles.read(files.get(0), files.get(1));
        } catch (IOException | RuntimeException e) {
            throw new StorageException(storeDescription + ": cannot import " + describe() + ": it is damaged or not"
                    + " what it seems (" + e.getMessage() + "); nothing was imported and the file was left as it is", e);
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (Item item : items) {
            String name = utf8(item.key(), storeDescription);
            if (names.put(name, utf8(item.value(), storeDescription)) != null) {
                throw new StorageException(storeDescription + ": cannot import " + describe() + ": the name " + name
                        + " is stored twice; the file was left as it is");
            }
        }
        return names;
    }

    /** Refuses a store whose format pyrons cannot import: ignoring it would start without its names. */
    void refuseIfUnreadable(String storeDescription) {
        if (!format.readable) {
            throw new StorageException(storeDescription + ": " + describe() + " lies there, and pyrons cannot read"
                    + " that format to import it; convert it with Python to dbm.dumb or to pyro4-ns's sql storage, or"
                    + " start pyrons on another file; the files were left as they are");
        }
    }

    private String utf8(byte[] bytes, String storeDescription) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new StorageException(storeDescription + ": cannot import " + describe() + ": it holds "
                    + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 40))
                    + ", which is not UTF-8 as Pyro4 writes names and URIs; the file was left as it is", e);
        }
    }

    /** A SHA-256 of the store's files, to recognise them unchanged after an import. */
    String digest() throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[65536];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
