package io.tdstls.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tdstls.error.TdsConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * A small HTTP server (the JDK's) with {@code GET /metrics} (the Prometheus text format) and {@code
 * GET /health} ({@code 200 ok} while serving, {@code 503 draining} once shutdown began), for
 * Prometheus and load balancers.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private final HttpServer http;

  private MetricsEndpoint(HttpServer http) {
    this.http = http;
  }

  /**
   * Starts the endpoint.
   *
   * @param hostPort {@code HOST:PORT} to listen on (port 0 picks a free one)
   * @param registry the meters to publish
   * @param healthy whether {@code /health} answers 200
   * @return the running endpoint
   * @throws TdsConfigException if the address is not {@code HOST:PORT}
   * @throws IOException if the address cannot be bound
   */
  public static MetricsEndpoint start(String hostPort, PrometheusMeterRegistry registry, BooleanSupplier healthy)
      throws IOException {
    Objects.requireNonNull(registry, "registry");
    int colon = hostPort.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      port = -1;
    }
    if (colon <= 0 || port < 0 || port > 65535) {
      throw TdsConfigException.invalidValue("metrics address", hostPort, List.of("HOST:PORT, e.g. 127.0.0.1:9464"));
    }
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 16);
    http.createContext("/metrics", ex -> answer(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    http.createContext("/health", ex -> {
      boolean ok = healthy.getAsBoolean();
      answer(ex, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "draining\n");
    });
    http.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "tds-tls-metrics");
      t.setDaemon(true);
      return t;
    }));
    http.start();
    return new MetricsEndpoint(http);
  }

  private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, ex.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
      if (!ex.getRequestMethod().equals("HEAD")) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /**
   * Returns the port the endpoint listens on.
   *
   * @return the port
   */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Stops the endpoint. */
  @Override
  public void close() {
    http.stop(0);
    ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
  }
}
