/**
 * TLS configuration ({@link io.tdstls.tls.TlsConfig}) and the machinery behind it.
 *
 * <ul>
 *   <li>{@link io.tdstls.tls.ClientEngineFactory} and {@link io.tdstls.tls.ServerEngineFactory}
 *       ({@link io.tdstls.tls.ServerTlsConfig}) create {@link javax.net.ssl.SSLEngine}s per
 *       negotiation path: the TDS 7.x path is capped at TLS 1.2, the strict path uses ALPN {@code
 *       tds/8.0} and client certificates;
 *   <li>{@link io.tdstls.tls.ServerCertificateTrustManager} validates the server: trust anchors,
 *       CRLs, host name ({@link io.tdstls.tls.HostnameMatcher}), pinning, or nothing at all
 *       through the dangerous door;
 *   <li>{@link io.tdstls.tls.TlsFailures} turns a failed handshake into the {@link
 *       io.tdstls.error} exception a user can act on, by exception type only;
 *   <li>{@link io.tdstls.negotiation.TlsInfo} reports what a handshake settled.
 * </ul>
 *
 * <pre>{@code
 * ClientEngineFactory tls = new ClientEngineFactory(TlsConfig.builder().caFile(ca).build());
 * SSLEngine engine = tls.newEngine("db.example.com", 1433, TlsNegotiationMode.POST_PRE_LOGIN);
 * }</pre>
 *
 * <p>Logging goes to the {@code System.Logger} named {@code io.tdstls.tls}: a WARNING for every
 * connection made with {@code trustServerCertificate} and for every TLS 1.0/1.1 session.
 */
package io.tdstls.tls;

import io.tdstls.negotiation.TlsInfo;
