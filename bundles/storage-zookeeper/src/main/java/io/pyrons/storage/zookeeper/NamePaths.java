package io.pyrons.storage.zookeeper;

/**
 * Where each name lives in ZooKeeper: {@code ROOT/names/BB/ENCODED}, one znode per name, its data the
 * registration ({@link RegistrationData}). {@code BB} is one of {@value #BUCKETS} buckets (two hex digits of the
 * name's hash): a {@code getChildren} reply must fit ZooKeeper's ~1 MB {@code jute.maxbuffer}, which a flat parent
 * exceeds at some 30,000 names; bucketed, a million names make ~4,000 children a bucket.
 *
 * <p>Znode names cannot hold {@code /}, NUL and the other characters ZooKeeper refuses (U+0001-001F,
 * U+007F-009F, U+D800-F8FF, U+FFF0-FFFF), nor be empty, {@code .} or {@code ..}, while a Pyro name may be any
 * string. So every znode name is {@code n} followed by the name with {@code %}, {@code /} and those characters as
 * {@code %XXXX} (the UTF-16 unit in hex, so lone surrogates survive too).
 */
final class NamePaths {
    static final int BUCKETS = 256;

    private final String root;
    private final String names;
    private final String members;

    NamePaths(String root) {
        this.root = root;
        this.names = root + "/names";
        this.members = root + "/members";
    }

    String root() {
        return root;
    }

    String names() {
        return names;
    }

    String members() {
        return members;
    }

    String bucket(int bucket) {
        return names + "/" + Character.forDigit(bucket >> 4, 16) + Character.forDigit(bucket & 15, 16);
    }

    String of(String name) {
        return bucket(bucketOf(name)) + "/" + encode(name);
    }

    /** The name a znode path under {@link #names()} holds, or {@code null} for a bucket or anything else. */
    String nameAt(String path) {
        if (!path.startsWith(names) || path.length() < names.length() + 5 || path.charAt(names.length()) != '/'
                || path.charAt(names.length() + 3) != '/') {
            return null;
        }
        String znode = path.substring(names.length() + 4);
        return znode.indexOf('/') >= 0 ? null : decode(znode);
    }

    /** A stable hash (String.hashCode is specified), the same in every instance. */
    static int bucketOf(String name) {
        int h = name.hashCode();
        return (h ^ (h >>> 16) ^ (h >>> 8)) & (BUCKETS - 1);
    }

    static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 1).append('n');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' || c == '/' || refused(c)) {
                out.append('%').append(hex4(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The name {@link #encode} made {@code znode} from; {@code null} for a znode this store did not write. */
    static String decode(String znode) {
        if (znode.isEmpty() || znode.charAt(0) != 'n') {
            return null;
        }
        StringBuilder out = new StringBuilder(znode.length());
        for (int i = 1; i < znode.length(); i++) {
            char c = znode.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 4 >= znode.length()) {
                return null;
            }
            try {
                out.append((char) Integer.parseInt(znode.substring(i + 1, i + 5), 16));
            } catch (NumberFormatException e) {
                return null;
            }
            i += 4;
        }
        return out.toString();
    }

    private static boolean refused(char c) {
        return c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xf8ff) || c >= 0xfff0;
    }

    private static String hex4(char c) {
        String hex = Integer.toHexString(c);
        return "0000".substring(hex.length()) + hex;
    }
}
