/**
 * Prometheus metrics of a tds-tls server: {@link io.tdstls.metrics.ServerMetrics} turns the
 * server's events into Micrometer meters, {@link io.tdstls.metrics.GatewayMetrics} a gateway's, and {@link io.tdstls.metrics.MetricsEndpoint} serves
 * {@code /metrics} and {@code /health} over HTTP.
 */
package io.tdstls.metrics;
