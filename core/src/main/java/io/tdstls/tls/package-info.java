/**
 * TLS configuration ({@link io.tdstls.tls.TlsConfig}) and the certificate material behind it:
 * trust, host name verification, pinning, client certificates.
 */
package io.tdstls.tls;
