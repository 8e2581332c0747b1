package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StorageSettingTest {

    @Test
    void parsesThePyro4Forms() {
        assertEquals(new StorageSetting("memory", ""), StorageSetting.parse("memory"));
        assertEquals(new StorageSetting("memory", ""), StorageSetting.parse(""));
        assertEquals(new StorageSetting("dbm", "/tmp/ns.dbm"), StorageSetting.parse("dbm:/tmp/ns.dbm"));
        assertEquals(new StorageSetting("sql", "ns.sqlite"), StorageSetting.parse("sql:ns.sqlite"));
        assertEquals(new StorageSetting("sql", "c:\\x:y"), StorageSetting.parse("sql:c:\\x:y"));
    }

    @Test
    void refusesWhatPyro4Refuses() {
        for (String bad : new String[]{"sql:", "dbm:", "memory:", "Memory", "sqlite:x", "x"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> StorageSetting.parse(bad));
            assertEquals("invalid storage type '" + bad + "'", e.getMessage());
        }
    }
}
