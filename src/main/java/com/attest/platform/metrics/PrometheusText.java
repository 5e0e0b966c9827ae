package com.attest.platform.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Prometheus text exposition format (version 0.0.4): each family's {@code # HELP} and {@code # TYPE} once, then
 * its samples, labels escaped. Families are written in the order they were first added.
 */
public final class PrometheusText implements MetricSource.Samples {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, MetricFamily> families = new LinkedHashMap<>();
    private final Map<String, List<String>> lines = new LinkedHashMap<>();

    /** Lists the family (once), whether or not it has a value. */
    public void declare(MetricFamily family) {
        MetricFamily known = families.putIfAbsent(family.name(), family);
        if (known != null && known.type() != family.type()) {
            throw new IllegalArgumentException(family.name() + " is declared as " + known.type() + " and "
                    + family.type());
        }
        lines.computeIfAbsent(family.name(), n -> new ArrayList<>());
    }

    @Override
    public void add(MetricFamily family, double value, String... labels) {
        declare(family);
        lines.get(family.name()).add(family.name() + labels(labels) + " " + number(value));
    }

    @Override
    public void summary(MetricFamily family, long count, double sum, String... labels) {
        declare(family);
        lines.get(family.name()).add(family.name() + "_count" + labels(labels) + " " + count);
        lines.get(family.name()).add(family.name() + "_sum" + labels(labels) + " " + number(sum));
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        for (MetricFamily f : families.values()) {
            out.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type().name().toLowerCase(Locale.ROOT))
                    .append('\n');
            lines.get(f.name()).forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    static String labels(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("Labels come in name, value pairs");
        }
        if (pairs.length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(pairs[i]).append("=\"").append(escapeValue(pairs[i + 1])).append('"');
        }
        return out.append('}').toString();
    }

    static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escapeValue(String value) {
        String v = value == null ? "" : value;
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
