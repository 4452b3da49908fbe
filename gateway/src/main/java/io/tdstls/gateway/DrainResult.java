package io.tdstls.gateway;

/**
 * What a graceful shutdown ({@link TdsGateway#drain}) did with the sessions open when it began.
 *
 * @param finished sessions that ended on their own within the drain timeout
 * @param closed sessions still open at the timeout, closed by the gateway
 */
public record DrainResult(int finished, int closed) {}
