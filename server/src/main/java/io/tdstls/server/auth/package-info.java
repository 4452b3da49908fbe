/**
 * Server-side authentication of the three login kinds: SQL passwords, federated-authentication
 * tokens (JWTs validated with nimbus-jose-jwt) and SPNEGO/Kerberos through the JDK's GSS-API.
 */
package io.tdstls.server.auth;
