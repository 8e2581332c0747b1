package io.pyrons.storage.dbm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads every key and value of a Berkeley DB hash file, the {@code F.db} that Python's {@code dbm.ndbm} writes
 * where it is built on Berkeley DB (Debian's is), and so {@code pyro4-ns -s dbm:F}. Read-only, no locking: the
 * file is read whole and walked the way the hash access method finds its items. Page 0 is the metadata page; each
 * bucket is a chain of hash pages (linked by next page number) holding key and data items in turns; an item too big
 * for a page is an off-page reference to a chain of overflow pages.
 *
 * <p>Anything that does not fit the format (a page number out of range, a chain that loops, an item out of its
 * page) is reported as damage, never skipped: an import must take every name or none. (The metadata page's count
 * of entries is not checked: Berkeley DB keeps it only roughly; a store Pyro4 wrote counted 26 entries for 25.)
 */
final class BerkeleyHashFile {
    static final int HASH_MAGIC = 0x061561;
    private static final int PAGE_HEADER = 26;
    private static final int P_HASH_UNSORTED = 2;
    private static final int P_OVERFLOW = 7;
    private static final int P_HASHMETA = 8;
    private static final int P_HASH = 13;
    private static final int H_KEYDATA = 1;
    private static final int H_DUPLICATE = 2;
    private static final int H_OFFPAGE = 3;
    private static final int H_OFFDUP = 4;
    /** Metadata flags: the file has page checksums. */
    private static final int DBMETA_CHKSUM = 0x01;
    /** Hash flags: duplicate keys, sub-databases: neither occurs in a dbm file. */
    private static final int DB_HASH_DUP = 0x01;
    private static final int DB_HASH_SUBDB = 0x02;

    private final ByteBuffer file;
    private final int pageSize;
    private final long pages;

    private BerkeleyHashFile(ByteBuffer file, int pageSize, long pages) {
        this.file = file;
        this.pageSize = pageSize;
        this.pages = pages;
    }

    /** Whether {@code header} (the first 16 bytes or more of a file) starts a Berkeley DB hash file. */
    static boolean isHashFile(byte[] header) {
        if (header.length < 16) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(header);
        return buffer.order(ByteOrder.LITTLE_ENDIAN).getInt(12) == HASH_MAGIC
                || buffer.order(ByteOrder.BIG_ENDIAN).getInt(12) == HASH_MAGIC;
    }

    /** Every pair in {@code path}, in bucket order. */
    static List<PythonDbm.Item> read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < 512 || !isHashFile(bytes)) {
            throw new IOException("not a Berkeley DB hash file");
        }
        ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (file.getInt(12) != HASH_MAGIC) {
            file.order(ByteOrder.BIG_ENDIAN); // written on a machine of the other byte order
        }
        int version = file.getInt(16);
        int pageSize = file.getInt(20);
        if (version < 8 || version > 10) {
            throw new IOException("Berkeley DB hash version " + version + " is not supported (8 to 10 are)");
        }
        if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            throw new IOException("page size " + pageSize + " is invalid");
        }
        if (bytes[24] != 0) {
            throw new IOException("the file is encrypted");
        }
        if (bytes[25] != P_HASHMETA) {
            throw new IOException("page 0 is not a hash metadata page (type " + bytes[25] + ")");
        }
        if ((bytes[26] & DBMETA_CHKSUM) != 0) {
            throw new IOException("the file has page checksums, which this reader does not handle");
        }
        long lastPage = Integer.toUnsignedLong(file.getInt(32));
        if ((lastPage + 1) * pageSize > bytes.length) {
            throw new IOException("the file ends before its last page " + lastPage + " (truncated)");
        }
        int flags = file.getInt(48);
        if ((flags & (DB_HASH_DUP | DB_HASH_SUBDB)) != 0) {
            throw new IOException("the file holds duplicate keys or sub-databases, which a dbm file never has");
        }
        return new BerkeleyHashFile(file, pageSize, lastPage + 1).items();
    }

    private List<PythonDbm.Item> items() throws IOException {
        long maxBucket = Integer.toUnsignedLong(file.getInt(72));
        List<PythonDbm.Item> items = new ArrayList<>();
        BitSet seen = new BitSet();
        for (long bucket = 0; bucket <= maxBucket; bucket++) {
            if (bucket >= pages) {
                throw new IOException("bucket " + bucket + " lies past the last page");
            }
            // the bucket's first page: its number plus the pages set aside before its doubling of the table
            long page = bucket + Integer.toUnsignedLong(file.getInt(96 + 4 * ceilLog2(bucket + 1)));
            while (page != 0) {
                checkPage(page, seen);
                int type = file.get(offset(page) + 25);
                if (type != P_HASH && type != P_HASH_UNSORTED) {
                    throw new IOException("page " + page + " of bucket " + bucket + " has type " + type + ", not hash");
                }
                readHashPage(page, items);
                page = Integer.toUnsignedLong(file.getInt(offset(page) + 16));
            }
        }
        return items;
    }

    private static int ceilLog2(long n) {
        int log = 0;
        for (long limit = 1; limit < n; limit <<= 1) {
            log++;
        }
        return log;
    }

    private int offset(long page) {
        return (int) (page * pageSize);
    }

    private void checkPage(long page, BitSet seen) throws IOException {
        if (page <= 0 || page >= pages) {
            throw new IOException("page number " + page + " is out of range (the file has " + pages + " pages)");
        }
        if (seen.get((int) page)) {
            throw new IOException("page " + page + " is reached twice");
        }
        seen.set((int) page);
        if (Integer.toUnsignedLong(file.getInt(offset(page) + 8)) != page) {
            throw new IOException("page " + page + " says it is page " + Integer.toUnsignedLong(file.getInt(offset(page) + 8)));
        }
    }

    private void readHashPage(long page, List<PythonDbm.Item> items) throws IOException {
        int base = offset(page);
        int entries = Short.toUnsignedInt(file.getShort(base + 20));
        if (entries % 2 != 0 || PAGE_HEADER + 2 * entries > pageSize) {
            throw new IOException("page " + page + " has " + entries + " entries");
        }
        int end = pageSize; // items are packed from the end of the page down, in index order
        byte[] key = null;
        for (int i = 0; i < entries; i++) {
            int start = Short.toUnsignedInt(file.getShort(base + PAGE_HEADER + 2 * i));
            if (start < PAGE_HEADER + 2 * entries || start >= end) {
                throw new IOException("item " + i + " of page " + page + " lies outside its page");
            }
            byte[] item = itemValue(page, base + start, end - start);
            end = start;
            if (i % 2 == 0) {
                key = item;
            } else {
                items.add(new PythonDbm.Item(key, item));
            }
        }
    }

    private byte[] itemValue(long page, int at, int length) throws IOException {
        int type = file.get(at);
        switch (type) {
            case H_KEYDATA -> {
                byte[] data = new byte[length - 1];
                file.get(at + 1, data);
                return data;
            }
            case H_OFFPAGE -> {
                if (length < 12) {
                    throw new IOException("off-page item on page " + page + " is too short");
                }
                return overflow(Integer.toUnsignedLong(file.getInt(at + 4)), Integer.toUnsignedLong(file.getInt(at + 8)));
            }
            case H_DUPLICATE, H_OFFDUP -> throw new IOException("page " + page + " holds duplicate items");
            default -> throw new IOException("page " + page + " holds an item of unknown type " + type);
        }
    }

    /** The {@code length} bytes kept in the overflow chain starting at {@code first}. */
    private byte[] overflow(long first, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8 || length > pages * pageSize) {
            throw new IOException("an overflow item claims " + length + " bytes");
        }
        byte[] data = new byte[(int) length];
        int filled = 0;
        BitSet seen = new BitSet();
        for (long page = first; filled < length; ) {
            if (page == 0) {
                throw new IOException("an overflow chain ends after " + filled + " of " + length + " bytes");
            }
            checkPage(page, seen);
            int base = offset(page);
            if (file.get(base + 25) != P_OVERFLOW) {
                throw new IOException("page " + page + " is not an overflow page");
            }
            int onPage = Short.toUnsignedInt(file.getShort(base + 22));
            if (onPage > pageSize - PAGE_HEADER || onPage > length - filled) {
                throw new IOException("overflow page " + page + " claims " + onPage + " bytes");
            }
            file.get(base + PAGE_HEADER, data, filled, onPage);
            filled += onPage;
            page = Integer.toUnsignedLong(file.getInt(base + 16));
        }
        return data;
    }
}
