/** The SQL batch request ([MS-TDS] 2.2.6.7) with its ALL_HEADERS prefix (2.2.5.3). */
package io.tdstls.protocol.batch;
