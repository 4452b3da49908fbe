/**
 * The TDS server endpoint: a Netty listener ({@link io.tdstls.server.TdsServer}) that runs the
 * server role of the negotiation core for every connection and hands logins and requests to a
 * {@link io.tdstls.server.SessionHandler}.
 */
package io.tdstls.server;
