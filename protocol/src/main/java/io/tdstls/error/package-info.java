/**
 * The typed errors of tds-tls. {@link io.tdstls.error.TdsException} is the root of every
 * connection error; its {@link io.tdstls.error.TdsException.Kind} says who is at fault and its
 * {@link io.tdstls.error.TdsException#advice()} what to do. Configuration mistakes are reported
 * as {@link io.tdstls.error.TdsConfigException}, when the configuration is built.
 */
package io.tdstls.error;
