package com.attest.platform.metrics;

import java.util.List;

/**
 * A feature's metrics: the families it declares (listed even before anything was counted) and, for those read from
 * the database, their values at the moment of the scrape.
 */
public interface MetricSource {

    List<MetricFamily> families();

    /** Adds the values read now (the database's, the same whichever node is asked); none by default. */
    default void sample(Samples samples) {
    }

    /** Where a source puts the values it reads. */
    interface Samples {

        /** One value; {@code labels} are name, value, name, value… */
        void add(MetricFamily family, double value, String... labels);

        /** A summary's count and sum. */
        void summary(MetricFamily family, long count, double sum, String... labels);
    }
}
