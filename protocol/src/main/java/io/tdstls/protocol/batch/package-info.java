/**
 * The client's requests: SQL batch ([MS-TDS] 2.2.6.7) with its ALL_HEADERS prefix (2.2.5.3), RPC
 * (2.2.6.6) and transaction manager requests (2.2.6.9).
 */
package io.tdstls.protocol.batch;
