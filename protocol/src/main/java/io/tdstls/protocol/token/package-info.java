/**
 * The token stream of tabular results ([MS-TDS] 2.2.7): the {@link io.tdstls.protocol.token.Token}
 * records, the stateful {@link io.tdstls.protocol.token.TokenDecoder} (clients) and {@link
 * io.tdstls.protocol.token.TokenEncoder} (servers).
 */
package io.tdstls.protocol.token;
