package io.pyrons.storage.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import io.pyrons.api.Registration;

import org.junit.jupiter.api.Test;

class NamePathsTest {

    @Test
    void everyNameBecomesOneZnodeNameZooKeeperAcceptsAndComesBack() {
        NamePaths paths = new NamePaths("/pyrons");
        for (String name : List.of("", ".", "..", "a/b", "%", "%0041", "\u0000", "\u001f\u007f\u009f",
                "\ud800", "\udfff\ud800", "\uf8ff\ufff0\uffff", "plain.name", "\u00fc\u20ac\ud83d\ude00")) {
            String znode = NamePaths.encode(name);
            assertTrue(znode.startsWith("n"), znode);
            for (char c : znode.toCharArray()) {
                assertTrue(c > 0x1f && !(c >= 0x7f && c <= 0x9f) && c != '/' && !(c >= 0xd800 && c <= 0xf8ff)
                        && c < 0xfff0, "refused char in " + znode);
            }
            assertEquals(name, NamePaths.decode(znode));
            assertEquals(name, paths.nameAt(paths.of(name)));
        }
        assertNull(NamePaths.decode("x"));
        assertNull(NamePaths.decode("n%00"));
        assertNull(paths.nameAt("/pyrons/names/0a"));
        assertNull(paths.nameAt("/pyrons/members/m-0000000001"));
    }

    @Test
    void namesSpreadOverEveryBucket() {
        int[] counts = new int[NamePaths.BUCKETS];
        for (int i = 0; i < 100_000; i++) {
            counts[NamePaths.bucketOf("service." + i)]++;
        }
        for (int count : counts) {
            assertTrue(count > 200 && count < 600, "uneven buckets: " + count);
        }
    }

    @Test
    void registrationsRoundTripThroughZnodeData() {
        Registration registration = new Registration("n", "PYRO:x@localhost:1", Set.of("b", "a", "\ud800", ""));
        assertEquals(registration, RegistrationData.decode("n", RegistrationData.encode(registration)));
        Registration unparsable = new Registration("n", "not a uri", Set.of());
        assertEquals("not a uri", RegistrationData.decode("n", RegistrationData.encode(unparsable)).uri());
    }
}
