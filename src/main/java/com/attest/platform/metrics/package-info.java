/**
 * What an operator scrapes: metric families declared by the features ({@link com.attest.platform.metrics.MetricSource}),
 * counted as things happen on this node ({@link com.attest.platform.metrics.Metrics}) or read from the database when
 * scraped (the same on every node), written in the Prometheus text format at {@code GET /api/metrics} for the
 * compliance lead or a scraper holding the configured token.
 */
package com.attest.platform.metrics;
