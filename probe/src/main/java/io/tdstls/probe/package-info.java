/**
 * The audit engine behind {@code tds-tls probe}: it tells what a TDS endpoint does about
 * encryption without ever logging in.
 *
 * <p>For each target, {@link io.tdstls.probe.Prober} sends differential PRELOGIN probes (the
 * client's ENCRYPTION byte OFF, ON, NOT_SUP, and OFF/ON with the CLIENT_CERT flag, each on a fresh
 * connection), tries each TLS version inside the TDS 7.x PRELOGIN wrapping and on the strict (TDS
 * 8.0) path, with and without ALPN {@code tds/8.0}, inspects the certificate the server presents
 * and its PRELOGIN fields, and turns what it saw into {@link io.tdstls.probe.Finding findings},
 * each with a severity and a one-line fix, and grades. On both TLS paths the raw scan
 * ({@code SuiteScanner}) enumerates versions, suites and groups with raw ClientHellos. No
 * credentials are needed and none can leak: the only LOGIN7 ({@code LoginProbe}) has an empty user name and password.
 *
 * <pre>{@code
 * Prober prober = new Prober(ProbeOptions.builder().timeout(Duration.ofSeconds(5)).build());
 * ProbeReport report = prober.probe(Target.parse("db.example.com:1433"));
 * System.out.println(ReportText.render(List.of(report), false));
 * }</pre>
 */
package io.tdstls.probe;
