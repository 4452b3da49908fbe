/**
 * TDS data types ([MS-TDS] 2.2.5): {@link io.tdstls.protocol.types.TdsType}, TYPE_INFO, collations
 * and the value codec, plus the bounds-checked {@link io.tdstls.protocol.types.WireReader} and
 * {@link io.tdstls.protocol.types.WireWriter} that every TDS codec of this library uses.
 */
package io.tdstls.protocol.types;
