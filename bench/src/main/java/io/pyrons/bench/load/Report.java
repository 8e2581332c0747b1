package io.pyrons.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's table: one row per scenario and metric, one column per server, then the ratios pyrons/pyro4-ns and
 * pyrons/responder, and the target for that row with whether this run met it. Printed as Markdown so the
 * README can take it as is.
 */
final class Report {
    /** A target on one row: a verdict from the row's values, and its wording. */
    record Target(String text, java.util.function.Function<Map<String, Double>, Boolean> met) {
    }

    private static final class Row {
        final String scenario;
        final String metric;
        final Map<String, Double> values = new LinkedHashMap<>();
        Target target;

        Row(String scenario, String metric) {
            this.scenario = scenario;
            this.metric = metric;
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> servers;

    Report(List<String> servers) {
        this.servers = servers;
    }

    /** Declares a row (fixing the table's order) with its target, or null for none. */
    void target(String scenario, String metric, Target target) {
        row(scenario, metric).target = target;
    }

    /** Records one server's value on a row and prints it as progress. */
    void put(String scenario, String metric, String server, double value) {
        Row r = row(scenario, metric);
        r.values.put(server, value);
        System.out.println("  " + scenario + " / " + metric + " / " + server + " = " + format(value));
        System.out.flush();
    }

    private Row row(String scenario, String metric) {
        return rows.computeIfAbsent(scenario + "\u0000" + metric, k -> new Row(scenario, metric));
    }

    /** {@code a ÷ b} on the row {@code scenario}/{@code metric} as recorded so far (NaN if either is missing). */
    Double ratio(String scenario, String metric, String a, String b) {
        return ratio(row(scenario, metric).values, a, b);
    }

    void note(String text) {
        notes.add(text);
        System.out.println("  note: " + text);
        System.out.flush();
    }

    static String format(Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format("%,.0f", v);
        }
        if (a >= 100) {
            return String.format("%.0f", v);
        }
        if (a >= 10) {
            return String.format("%.1f", v);
        }
        return String.format("%.2f", v);
    }

    private static String verdict(Row r) {
        try {
            if (!r.values.containsKey(ServerSpec.PYRONS)) {
                return "not run";
            }
            Boolean met = r.target.met.apply(r.values);
            return met == null ? "n/a" : met ? "met" : "MISSED";
        } catch (RuntimeException e) {
            return "n/a";
        }
    }

    static Double ratio(Map<String, Double> v, String a, String b) {
        Double x = v.get(a);
        Double y = v.get(b);
        return x == null || y == null || x.isNaN() || y.isNaN() || y == 0 ? Double.NaN : x / y;
    }

    String markdown(String header) {
        StringBuilder s = new StringBuilder(header).append("\n\n| scenario | metric |");
        servers.forEach(n -> s.append(' ').append(n).append(" |"));
        s.append(" pyrons ÷ pyro4-ns | pyrons ÷ responder | target | met |\n|---|---|");
        servers.forEach(n -> s.append("---:|"));
        s.append("---:|---:|---|---|\n");
        // rows of one scenario together, scenarios in the order they were first declared or measured
        List<Row> ordered = new ArrayList<>();
        for (Row first : rows.values()) {
            if (ordered.stream().noneMatch(o -> o.scenario.equals(first.scenario))) {
                rows.values().stream().filter(r -> r.scenario.equals(first.scenario)).forEach(ordered::add);
            }
        }
        for (Row r : ordered) {
            s.append("| ").append(r.scenario).append(" | ").append(r.metric).append(" |");
            for (String n : servers) {
                s.append(' ').append(format(r.values.get(n))).append(" |");
            }
            s.append(' ').append(format(ratio(r.values, ServerSpec.PYRONS, ServerSpec.PYRO4_NS))).append(" | ")
             .append(format(ratio(r.values, ServerSpec.PYRONS, ServerSpec.RESPONDER))).append(" | ")
             .append(r.target == null ? "" : r.target.text).append(" | ")
             .append(r.target == null ? "" : verdict(r)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            s.append("\nNotes:\n");
            notes.forEach(n -> s.append("- ").append(n).append('\n'));
        }
        return s.toString();
    }
}
