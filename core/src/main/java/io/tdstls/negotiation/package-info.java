/**
 * The TDS encryption negotiation: client modes, and the state machines (client and server roles)
 * that drive PRELOGIN, TLS over {@link javax.net.ssl.SSLEngine}, and LOGIN7 without any socket.
 */
package io.tdstls.negotiation;
