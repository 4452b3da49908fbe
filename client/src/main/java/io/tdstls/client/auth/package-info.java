/**
 * Client authentication methods: SQL password, federated-authentication access tokens (held, from
 * a per-connection provider, or after the server's FEDAUTHINFO) and Kerberos through the JDK's
 * GSS-API.
 */
package io.tdstls.client.auth;
