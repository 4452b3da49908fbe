/**
 * The gateway: a TDS-aware TLS-terminating proxy. Start one with {@link
 * io.tdstls.gateway.TdsGateway#start(io.tdstls.gateway.GatewayConfig)}.
 */
package io.tdstls.gateway;
