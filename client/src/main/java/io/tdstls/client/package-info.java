/**
 * The client side of tds-tls: {@link io.tdstls.client.ConnectionConfig}, the immutable description
 * of one connection (server, login, timeouts, TLS). Its text sources live in {@link
 * io.tdstls.client.config}.
 */
package io.tdstls.client;
