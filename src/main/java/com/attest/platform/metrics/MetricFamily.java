package com.attest.platform.metrics;

import java.util.regex.Pattern;

/**
 * One metric as Prometheus lists it: its name, kind and what it measures. A counter's name ends in {@code _total};
 * a summary is written as {@code _count} and {@code _sum}.
 */
public record MetricFamily(String name, Type type, String help) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    public enum Type {
        COUNTER, GAUGE, SUMMARY
    }

    public MetricFamily {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a metric name: " + name);
        }
        if (type == Type.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("A counter's name ends in _total: " + name);
        }
    }

    public static MetricFamily counter(String name, String help) {
        return new MetricFamily(name, Type.COUNTER, help);
    }

    public static MetricFamily gauge(String name, String help) {
        return new MetricFamily(name, Type.GAUGE, help);
    }

    public static MetricFamily summary(String name, String help) {
        return new MetricFamily(name, Type.SUMMARY, help);
    }
}
