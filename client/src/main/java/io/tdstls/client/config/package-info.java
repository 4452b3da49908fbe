/**
 * The three text sources of a {@link io.tdstls.client.ConnectionConfig}: ADO.NET connection
 * strings and JDBC URLs ({@link io.tdstls.client.config.ConnectionStrings}), and FreeTDS's
 * freetds.conf ({@link io.tdstls.client.config.FreeTdsConf}).
 *
 * <p>Every parser is strict: an unknown key or a bad value is a {@link
 * io.tdstls.error.TdsConfigException} that names it and lists the valid ones; nothing falls back
 * silently to a default.
 */
package io.tdstls.client.config;
