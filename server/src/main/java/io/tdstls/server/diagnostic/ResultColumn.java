package io.tdstls.server.diagnostic;

import io.tdstls.protocol.types.TypeInfo;

/**
 * A column of a diagnostic result set.
 *
 * @param name the column name
 * @param type its TDS type
 */
public record ResultColumn(String name, TypeInfo type) {}
