/**
 * A token provider for the client's information-request flow built on Microsoft's MSAL4J
 * (client credentials and the password grant), and its {@code Authentication=} mapping for
 * connection strings.
 */
package io.tdstls.msal;
