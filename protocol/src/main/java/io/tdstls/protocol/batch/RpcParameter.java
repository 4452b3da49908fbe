package io.tdstls.protocol.batch;

import io.tdstls.protocol.types.TypeInfo;

/**
 * One parameter of an RPC request ([MS-TDS] 2.2.6.6): its name, status flags, type and value.
 *
 * @param name the parameter name (for example {@code @stmt}), empty when passed by position
 * @param status the status flags (0x01 by-reference/output, 0x02 default value)
 * @param type the parameter's TYPE_INFO
 * @param value the decoded value, or {@code null}
 */
public record RpcParameter(String name, int status, TypeInfo type, Object value) {}
