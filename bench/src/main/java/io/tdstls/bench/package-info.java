/**
 * The benchmark suite of issue 5: {@link io.tdstls.bench.BenchMain} runs every section, prints a
 * table and writes {@code BENCHMARKS.md}. Sub-packages: {@code fixture} (certificates, servers,
 * baselines), {@code connect} (connection rate and latency, JDBC comparison), {@code throughput}
 * (streamed transfers), {@code memory} (idle connections, server in a child JVM), {@code jmh}
 * (codec microbenchmarks), {@code report} (tables and Markdown).
 */
package io.tdstls.bench;
