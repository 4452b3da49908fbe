package io.tdstls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.interop.InteropMatrixTest.Case;
import io.tdstls.interop.InteropServer.Policy;
import io.tdstls.protocol.encryption.ServerEncryption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interop matrix through the gateway: Microsoft's JDBC driver, tedious and FreeTDS tsql in each
 * of their modes → tds-tls gateway (each front policy) → our endpoint as a TDS 7.x-only backend
 * (strict disabled, TLS 1.2 at most) in each backend encryption policy. Whether a client gets in is
 * decided by the front policy alone, exactly as in the direct matrix; once in, the verification
 * query reports the backend's own connection: encrypted (TRUE) whenever the backend has TLS,
 * because the gateway connects in mode mandatory. Strict clients succeed against the strict-less
 * backend. The matrix is printed at the end.
 */
class GatewayInteropMatrixTest {

  /** The front policies, with their column in {@link InteropMatrixTest#CASES}. */
  static final List<Policy> FRONTS = List.of(Policy.AVAILABLE, Policy.FORCED, Policy.STRICT_REQUIRED);
  static final List<ServerEncryption> BACKENDS = List.of(ServerEncryption.AVAILABLE, ServerEncryption.FORCED,
      ServerEncryption.NOT_SUPPORTED);

  @TempDir static Path dir;
  static final Map<Case, Map<String, ClientRun>> results = new LinkedHashMap<>();

  @BeforeAll
  static void clientsInstalled() {
    TediousRunner.requireInstalled();
    TsqlRunner.requireInstalled();
  }

  static String column(Policy front, ServerEncryption backend) {
    return front.label + " -> " + backend.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** Refused where the direct matrix refuses at this front policy; else the backend's encrypt_option. */
  static String expected(Case c, Policy front, ServerEncryption backend) {
    String direct = c.expected().split(" ")[front.ordinal()];
    if (direct.equals("X")) {
      return "X";
    }
    return backend == ServerEncryption.NOT_SUPPORTED ? "F" : "T";
  }

  @Test
  void everyClientModeThroughTheGatewayToATds7OnlyBackend() throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (Policy front : FRONTS) {
      for (ServerEncryption backend : BACKENDS) {
        try (InteropServer gateway = InteropServer.throughGateway(front, backend, dir)) {
          for (Case c : InteropMatrixTest.CASES) {
            ClientRun run = InteropMatrixTest.run(c, gateway, dir);
            results.computeIfAbsent(c, k -> new LinkedHashMap<>()).put(column(front, backend), run);
            String want = expected(c, front, backend);
            String got = run.succeeded() ? run.encryptOption().substring(0, 1) : "X";
            if (!want.equals(got)) {
              mismatches.add(c.client() + " " + c.mode() + " via " + column(front, backend) + ": expected " + want
                  + ", got " + run.cell());
            }
          }
        }
      }
    }
    assertThat(mismatches).as("combinations through the gateway that did not behave as expected").isEmpty();
  }

  @AfterAll
  static void printMatrix() {
    StringBuilder b = new StringBuilder("\nGateway interop matrix (client -> gateway front policy -> TDS 7.x-only backend"
        + " policy; the backend's encrypt_option, or refused):\n");
    b.append(String.format("%-12s %-40s", "client", "mode"));
    List<String> columns = new ArrayList<>();
    for (Policy f : FRONTS) {
      for (ServerEncryption e : BACKENDS) {
        columns.add(column(f, e));
      }
    }
    columns.forEach(col -> b.append(String.format(" | %-26s", col)));
    b.append('\n');
    for (Map.Entry<Case, Map<String, ClientRun>> e : results.entrySet()) {
      b.append(String.format("%-12s %-40s", e.getKey().client(), e.getKey().mode()));
      for (String col : columns) {
        ClientRun r = e.getValue().get(col);
        b.append(String.format(" | %-26s", r == null ? "-" : r.succeeded() ? r.encryptOption() : "refused"));
      }
      b.append('\n');
    }
    System.out.println(b);
    results.forEach((c, runs) -> runs.forEach((col, r) -> {
      if (!r.succeeded()) {
        System.out.println("  " + c.client() + " " + c.mode() + " via " + col + ": " + r.error());
      }
    }));
  }
}
