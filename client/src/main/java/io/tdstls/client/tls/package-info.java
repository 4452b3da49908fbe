/**
 * The client's OpenSSL (BoringSSL) engines: {@link io.tdstls.client.tls.OpenSslClientEngineFactory},
 * chosen with {@link io.tdstls.client.ClientTlsProvider#OPENSSL}. Netty is an optional dependency
 * of the client module: only this package needs it.
 */
package io.tdstls.client.tls;
