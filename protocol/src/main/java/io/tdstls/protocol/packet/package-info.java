/**
 * TDS packets ([MS-TDS] 2.2.3): the header, a framer that cuts a byte stream into packets, an
 * assembler that joins packets into messages, and a splitter that cuts messages into packets.
 */
package io.tdstls.protocol.packet;
