/**
 * The LOGIN7 message ([MS-TDS] 2.2.6.4): {@link io.tdstls.protocol.login.Login7} with its builder,
 * encoder and validating decoder, the password scrambling, and the TDS versions.
 */
package io.tdstls.protocol.login;
