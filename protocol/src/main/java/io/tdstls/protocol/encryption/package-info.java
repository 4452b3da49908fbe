/**
 * The TDS 7.x ENCRYPTION negotiation table: the server's reply and the client's outcome, each a
 * pure function ({@link io.tdstls.protocol.encryption.EncryptionTable}).
 */
package io.tdstls.protocol.encryption;
