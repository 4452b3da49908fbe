/**
 * The tds-tls configuration file: a YAML document with a {@code listener}, {@code users}, the
 * gateway's {@code routes}, and operations settings, parsed by {@link io.tdstls.config.TdsTlsConfig#load}
 * into immutable records; every error is a {@link io.tdstls.config.ConfigException} naming the key,
 * line and column. {@link io.tdstls.config.ConfigWatcher} reloads the file when it changes.
 */
package io.tdstls.config;
