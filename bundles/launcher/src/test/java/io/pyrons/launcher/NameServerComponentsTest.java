package io.pyrons.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NameServerComponentsTest {
    @Test
    void rootCauseIsTheInnermostException() {
        assertEquals("java.net.BindException: Address already in use", NameServerComponents.rootCause("""
                org.osgi.service.component.ComponentException: activate failed
                \tat org.apache.felix.scr.X.y(X.java:1)
                Caused by: java.lang.reflect.InvocationTargetException
                \tat a.b(C.java:2)
                Caused by: java.net.BindException: Address already in use
                \tat sun.nio.ch.Net.bind0(Native Method)
                """));
        assertEquals("java.io.IOException: boom", NameServerComponents.rootCause("java.io.IOException: boom\n\tat x.y(Z.java:3)"));
        assertEquals("activation failed", NameServerComponents.rootCause(null));
    }

    @Test
    void aStorageErrorNamingTheFileWinsOverTheLibraryCauseBelowIt() {
        assertEquals("sql:/data/ns.sqlite is not a SQLite database or is corrupt; the file was left as it is",
                NameServerComponents.rootCause("""
                        java.lang.reflect.InvocationTargetException
                        \tat a.b(C.java:1)
                        Caused by: io.pyrons.api.storage.StorageException: sql:/data/ns.sqlite is not a SQLite database or is corrupt; the file was left as it is
                        \tat d.e(F.java:2)
                        Caused by: org.sqlite.SQLiteException: [SQLITE_NOTADB] file is not a database
                        \tat g.h(I.java:3)
                        """));
    }
}
