/**
 * The PRELOGIN message ([MS-TDS] 2.2.6.5): an immutable value with every option, its encoder and
 * its validating decoder.
 */
package io.tdstls.protocol.prelogin;
