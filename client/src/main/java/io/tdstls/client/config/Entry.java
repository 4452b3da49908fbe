package io.tdstls.client.config;

/**
 * One {@code key=value} pair as the user wrote it; the key keeps its spelling so that error
 * messages can quote it.
 *
 * @param key the key, trimmed
 * @param value the value, unquoted
 */
record Entry(String key, String value) {}
