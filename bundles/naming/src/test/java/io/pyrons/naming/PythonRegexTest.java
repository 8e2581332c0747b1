package io.pyrons.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyrons.api.NamingError;

import org.junit.jupiter.api.Test;

/** Expected results are Python 3.11's {@code bool(re.match(pattern, name))}. */
class PythonRegexTest {

    private static boolean matches(String regex, String name) {
        return PythonRegex.compile(regex).matcher(name).lookingAt();
    }

    @Test
    void matchesAtTheStartOnlyLikeReMatch() {
        assertTrue(matches("a", "abc"));
        assertFalse(matches("b", "abc"));
        assertTrue(matches("", "abc"));
        assertTrue(matches("a.c$", "abc"));
        assertTrue(matches("abc$", "abc\n"));
        assertFalse(matches("abc\\Z", "abc\n"));
        assertTrue(matches("abc\\Z", "abc"));
    }

    @Test
    void translatesNamedGroupsAndBackreferences() {
        assertTrue(matches("(?P<x>a)(?P=x)", "aa"));
        assertFalse(matches("(?P<x>a)(?P=x)b", "aab".substring(1)));
        assertTrue(matches("(?P<first_name>\\w+)\\.(?P=first_name)", "foo.foo"));
        assertFalse(matches("(?P<first_name>\\w+)\\.(?P=first_name)$", "foo.bar"));
        assertTrue(matches("(?P<x>a)(?P=x)*$", "aaaa"));
    }

    @Test
    void bracesFollowPythonRules() {
        assertTrue(matches("a{,2}b$", "aab"));
        assertFalse(matches("a{,2}b$", "aaab"));
        assertTrue(matches("a{2}$", "aa"));
        assertTrue(matches("a{2,}$", "aaa"));
        assertTrue(matches("a{$", "a{"));
        assertTrue(matches("a{}$", "a{}"));
        assertTrue(matches("a{x}$", "a{x}"));
        assertTrue(matches("a{,}$", "aaaa"));
    }

    @Test
    void characterClassesFollowPythonRules() {
        assertTrue(matches("[[]", "["));
        assertTrue(matches("[]a]", "]"));
        assertTrue(matches("[^]a]", "b"));
        assertFalse(matches("[^]a]", "]"));
        assertTrue(matches("[a&&b]", "&"));
        assertTrue(matches("[\\]]", "]"));
    }

    @Test
    void pythonFlagsAndUnicodeDefaults() {
        assertTrue(matches("(?i)ABC", "abc"));
        assertTrue(matches("(?i:A)b", "ab"));
        assertTrue(matches("\\w+$", "ünïcødé"));
        assertFalse(matches("(?a)\\w+$", "ünïcødé"));
        assertTrue(matches("(?u)\\w", "ü"));
        assertTrue(matches("(?s)a.b", "a\nb"));
        assertFalse(matches("a.b", "a\nb"));
        assertTrue(matches("a.b", "a\rb"));
        assertTrue(matches("a(?#comment)b", "ab"));
        assertTrue(matches("\\U0001F600", "\uD83D\uDE00"));
    }

    @Test
    void invalidRegexIsANamingError() {
        for (String bad : new String[]{"[", "(", "*", "a**", "(?P<x>a)(?P=y)", "a\\", "(?L)a", "(?P<x"}) {
            NamingError e = assertThrows(NamingError.class, () -> PythonRegex.compile(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid regex: "), e.getMessage());
        }
        assertEquals("Pyro4.errors.NamingError", assertThrows(NamingError.class, () -> PythonRegex.compile("[")).pythonType());
    }

    @Test
    void ownErrorsReadAsPythons() {
        assertEquals("invalid regex: unknown group name 'y' at position 12",
                assertThrows(NamingError.class, () -> PythonRegex.compile("(?P<x>a)(?P=y)")).getMessage());
        assertEquals("invalid regex: bad escape (end of pattern) at position 1",
                assertThrows(NamingError.class, () -> PythonRegex.compile("a\\")).getMessage());
        assertEquals("invalid regex: missing >, unterminated name at position 4",
                assertThrows(NamingError.class, () -> PythonRegex.compile("(?P<x")).getMessage());
        assertEquals("invalid regex: bad inline flags: cannot use 'L' flag with a str pattern at position 3",
                assertThrows(NamingError.class, () -> PythonRegex.compile("(?L)a")).getMessage());
    }

    @Test
    void catastrophicBacktrackingEndsWithANamingErrorInsteadOfTakingTheThread() {
        var filter = PythonRegex.nameFilter("((a+)+)+$");
        String evil = "a".repeat(60) + "!";
        long start = System.nanoTime();
        NamingError e = assertThrows(NamingError.class, () -> filter.test(evil));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2_000, "stopped after " + millis + " ms");
        assertTrue(e.getMessage().startsWith("regex too costly: gave up matching '((a+)+)+$'"), e.getMessage());
        assertEquals("Pyro4.errors.NamingError", e.pythonType());
    }

    @Test
    void everyNameOfACallSharesTheBudgetSoManyCostlyNamesCannotAddUp() {
        // each name costs about 100,000 steps (a tenth of the budget), 200 of them overspend it
        var filter = PythonRegex.nameFilter("((a+)+)+$");
        String costly = "a".repeat(14) + "!";
        long start = System.nanoTime();
        assertThrows(NamingError.class, () -> {
            for (int i = 0; i < 200; i++) {
                filter.test(costly);
            }
        });
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }

    @Test
    void ordinaryPatternsOverManyNamesStayWithinTheBudget() {
        var filter = PythonRegex.nameFilter("(?P<app>\\w+)\\.(?:.*)\\.worker\\d*$");
        var cubic = PythonRegex.nameFilter(".*.*.*x");
        int matched = 0;
        for (int i = 0; i < 100_000; i++) {
            String name = "app" + (i % 7) + ".region" + i + ".worker" + (i % 3 == 0 ? "" : i);
            matched += filter.test(name) ? 1 : 0;
            matched += filter.test("nothing.here.at.all.so.it.fails." + i) ? 1 : 0;
        }
        assertEquals(100_000, matched);
        assertFalse(cubic.test("y".repeat(100)), "a cubic pattern on a 100 character name is still answered");
        assertTrue(PythonRegex.nameFilter("((a+)+)+$").test("a".repeat(60)), "a match found quickly is a match");
    }

    @Test
    void aRepeatedGroupOverAVeryLongNameIsANamingErrorNotAStackOverflow() {
        String name = "ab".repeat(100_000);
        NamingError e = assertThrows(NamingError.class, () -> PythonRegex.nameFilter("(a|b)*$").test(name));
        assertTrue(e.getMessage().contains("on a name of 200000 characters"), e.getMessage());
        assertTrue(PythonRegex.nameFilter("(a|b)*$").test("ab".repeat(100)), "short names still match");
    }
}
