package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StorageSettingTest {

    @Test
    void theTypeIsTheTextBeforeTheFirstColon() {
        assertEquals(new StorageSetting("memory", ""), StorageSetting.parse("memory"));
        assertEquals(new StorageSetting("memory", ""), StorageSetting.parse(""));
        assertEquals(new StorageSetting("memory", ""), StorageSetting.parse(null));
        assertEquals(new StorageSetting("dbm", "/tmp/ns.dbm"), StorageSetting.parse("dbm:/tmp/ns.dbm"));
        assertEquals(new StorageSetting("sql", "ns.sqlite"), StorageSetting.parse("sql:ns.sqlite"));
        assertEquals(new StorageSetting("sql", "c:\\x:y"), StorageSetting.parse("sql:c:\\x:y"));
        assertEquals("sql:c:\\x:y", StorageSetting.parse("sql:c:\\x:y").toString());
    }

    @Test
    void anyTypeIsParsedTheSameWayAndItsProviderJudgesTheLocation() {
        assertEquals(new StorageSetting("fixture", "whatever"), StorageSetting.parse("fixture:whatever"));
        assertEquals(new StorageSetting("redis", ""), StorageSetting.parse("redis"));
        assertEquals(new StorageSetting("sql", ""), StorageSetting.parse("sql:"));
        assertEquals(new StorageSetting("memory", "x"), StorageSetting.parse("memory:x"));
    }

    @Test
    void aSettingWithoutATypeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> StorageSetting.parse(":x"));
        assertEquals("invalid storage ':x': no type before ':' (as in sql:FILE)", e.getMessage());
    }
}
