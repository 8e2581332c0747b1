package io.pyrons.protocol.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pyrons.api.PythonException;

/**
 * Argument binding against CPython: /usr/bin/python3 defines each method, calls it with the same positional and
 * keyword arguments, and prints the bound values or the TypeError; the signatures are those of Pyro4's
 * {@code DaemonObject} and {@code NameServer} methods and a few more shapes.
 */
class PythonSignatureTest {
    /** A method ({@code Class.method}, parameters after self, how many have defaults) and one call of it. */
    record Case(String qualifiedName, List<String> parameters, int defaults, int positional, List<String> keywords) {
        String line() {
            return qualifiedName + "|" + String.join(",", parameters) + "|" + defaults + "|" + positional + "|"
                    + String.join(",", keywords);
        }
    }

    private static final List<List<Object>> SIGNATURES = List.of(
            List.of("DaemonObject.ping", List.of(), 0),
            List.of("DaemonObject.get_metadata", List.of("objectId", "as_lists"), 1),
            List.of("DaemonObject.close_stream", List.of("streamId"), 0),
            List.of("NameServer.lookup", List.of("name", "return_metadata"), 1),
            List.of("NameServer.register", List.of("name", "uri", "safe", "metadata"), 2),
            List.of("NameServer.list", List.of("prefix", "regex", "metadata_all", "metadata_any", "return_metadata"), 5),
            List.of("C.m", List.of("a", "b", "c"), 0),
            List.of("C.m", List.of("a", "b", "c", "d"), 1));
    private static final List<List<String>> KEYWORDS = List.of(
            List.of(), List.of("name"), List.of("objectId"), List.of("x"), List.of("b", "a"), List.of("as_lists", "y"),
            List.of("metadata", "safe"), List.of("d", "c"), List.of("return_metadata", "regex", "prefix"));

    @Test
    void bindsAndFailsAsCPython() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (List<Object> signature : SIGNATURES) {
            @SuppressWarnings("unchecked")
            List<String> parameters = (List<String>) signature.get(1);
            for (int positional = 0; positional <= parameters.size() + 2; positional++) {
                for (List<String> keywords : KEYWORDS) {
                    cases.add(new Case((String) signature.get(0), parameters, (Integer) signature.get(2), positional, keywords));
                }
            }
        }
        // defaults are 'd0', 'd1', ...; positional values 0, 1, ...; keyword values 'k' + name
        List<String[]> python = Python3.run("""
                for line in lines:
                    qualname, params, ndefaults, npos, kws = line.split("|")
                    cls, meth = qualname.split(".")
                    params = [p for p in params.split(",") if p]
                    ndefaults = int(ndefaults)
                    first_default = len(params) - ndefaults
                    decl = ", ".join(["self"] + [p if i < first_default else "%s='d%d'" % (p, i - first_default)
                                                 for i, p in enumerate(params)])
                    ns = {}
                    exec("class %s:\\n    def %s(%s):\\n        return [%s]\\n" % (cls, meth, decl, ", ".join(params)), ns)
                    kwargs = {k: "k" + k for k in kws.split(",") if k}
                    try:
                        out(repr(getattr(ns[cls](), meth)(*range(int(npos)), **kwargs)))
                    except TypeError as e:
                        out("TypeError: " + str(e))
                """, cases.stream().map(Case::line).toList());
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            expected.add(c.line() + " -> " + python.get(i)[0]);
            actual.add(c.line() + " -> " + bind(c));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    private static String bind(Case c) {
        List<Object> defaults = new ArrayList<>();
        for (int i = 0; i < c.defaults(); i++) {
            defaults.add("d" + i);
        }
        List<Object> args = new ArrayList<>();
        for (long i = 0; i < c.positional(); i++) {
            args.add(i);
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        c.keywords().forEach(k -> kwargs.put(k, "k" + k));
        try {
            Object[] bound = new PythonSignature(c.qualifiedName(), c.parameters(), defaults).bind(args, kwargs);
            return PythonRepr.repr(Arrays.asList(bound));
        } catch (PythonException e) {
            return e.pythonName() + ": " + PythonRepr.exceptionStr(e);
        }
    }

    @Test
    void noArgumentsAtAll() {
        assertEquals(0, PythonSignature.noArguments("C.m").bind(null, null).length);
        assertEquals(Collections.emptyList(), PythonSignature.noArguments("C.m").parameters());
    }
}
