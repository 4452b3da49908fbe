package io.tdstls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.interop.InteropServer.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real third-party clients against our server: Microsoft's JDBC driver, jTDS, tedious, FreeTDS
 * tsql and pyodbc with FreeTDS's ODBC driver, in each of their encryption modes, against every
 * server policy. A combination that should work logs in and the verification query (seed 001)
 * returns the expected {@code encrypt_option} (the jTDS, pyodbc and PreparedStatement rows also
 * run a parameterised query whose parameters must come back as sent); one that must be refused is
 * refused. The matrix is printed at the end.
 */
class InteropMatrixTest {

  static final String VERIFY = "SELECT encrypt_option, protocol_type, auth_scheme FROM sys.dm_exec_connections"
      + " WHERE session_id = @@SPID";

  /** A client in one mode, and what it should get from each policy (T, F, or X for refused). */
  record Case(String client, String mode, String expected) {}

  /** Columns: available, forced, not supported, strict required, babelfish forced. */
  static final List<Case> CASES = List.of(
      new Case("mssql-jdbc", "encrypt=false", "F T F X T"),
      new Case("mssql-jdbc", "encrypt=true, trustServerCertificate", "T T X X T"),
      new Case("mssql-jdbc", "encrypt=true, trust store", "T T X X T"),
      new Case("mssql-jdbc", "encrypt=strict, hostNameInCertificate", "T T X T X"),
      new Case("mssql-jdbc", "encrypt=strict, serverCertificate", "T T X T X"),
      new Case("mssql-jdbc", "encrypt=true, PreparedStatement", "T T X X T"),
      new Case("jtds", "ssl=off", "F X F X X"),
      new Case("jtds", "ssl=request", "F T F X T"),
      new Case("jtds", "ssl=require", "T T X X T"),
      new Case("jtds", "ssl=authenticate", "T T X X T"),
      // tedious with encrypt: false refuses a server that requires encryption ("Server requires
      // encryption, set 'encrypt' config option to true"): the facts file's "off" row.
      new Case("tedious", "encrypt: false", "F X F X X"),
      new Case("tedious", "encrypt: true", "T T X X T"),
      new Case("tedious", "encrypt: true, execSql (RPC)", "T T X X T"),
      new Case("tedious", "encrypt: 'strict'", "T T X T X"),
      new Case("tsql", "encryption = off", "F X F X X"),
      new Case("tsql", "encryption = request", "F T F X T"),
      new Case("tsql", "encryption = require", "T T X X T"),
      new Case("pyodbc", "Encryption=off", "F X F X X"),
      new Case("pyodbc", "Encryption=request", "F T F X T"),
      new Case("pyodbc", "Encryption=require", "T T X X T"));

  @TempDir static Path dir;
  static final Map<Case, Map<Policy, ClientRun>> results = new LinkedHashMap<>();

  @BeforeAll
  static void clientsInstalled() throws Exception {
    TediousRunner.requireInstalled();
    TsqlRunner.requireInstalled();
    PyodbcRunner.requireInstalled();
  }

  @Test
  void everyClientModeAgainstEveryPolicy() throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (Policy policy : Policy.values()) {
      try (InteropServer server = InteropServer.start(policy, dir)) {
        for (Case c : CASES) {
          ClientRun run = run(c, server, dir);
          results.computeIfAbsent(c, k -> new EnumMap<>(Policy.class)).put(policy, run);
          String expected = c.expected().split(" ")[policy.ordinal()];
          String got = run.succeeded() ? run.encryptOption().substring(0, 1) : "X";
          if (!expected.equals(got)) {
            mismatches.add(c.client() + " " + c.mode() + " vs " + policy.label + ": expected " + expected + ", got " + run.cell());
          }
        }
      }
    }
    assertThat(mismatches).as("combinations that did not behave as the table says").isEmpty();
  }

  static ClientRun run(Case c, InteropServer server, Path dir) throws Exception {
    switch (c.client()) {
      case "mssql-jdbc":
        return JdbcRunner.run(server, c.mode());
      case "jtds":
        return JtdsRunner.run(server, c.mode());
      case "pyodbc":
        return PyodbcRunner.run(server, c.mode());
      case "tedious":
        return TediousRunner.run(server, c.mode());
      default:
        return TsqlRunner.run(server, c.mode(), dir);
    }
  }

  @AfterAll
  static void printMatrix() {
    StringBuilder b = new StringBuilder("\nInterop matrix (encrypt_option returned, or refused):\n");
    b.append(String.format("%-12s %-40s", "client", "mode"));
    for (Policy p : Policy.values()) {
      b.append(String.format(" | %-18s", p.label));
    }
    b.append('\n');
    for (Map.Entry<Case, Map<Policy, ClientRun>> e : results.entrySet()) {
      b.append(String.format("%-12s %-40s", e.getKey().client(), e.getKey().mode()));
      for (Policy p : Policy.values()) {
        ClientRun r = e.getValue().get(p);
        String cell = r == null ? "-" : r.succeeded() ? r.encryptOption() : "refused";
        b.append(String.format(" | %-18s", cell));
      }
      b.append('\n');
    }
    System.out.println(b);
    for (Map.Entry<Case, Map<Policy, ClientRun>> e : results.entrySet()) {
      for (Map.Entry<Policy, ClientRun> r : e.getValue().entrySet()) {
        if (!r.getValue().succeeded()) {
          System.out.println("  " + e.getKey().client() + " " + e.getKey().mode() + " vs " + r.getKey().label + ": " + r.getValue().error());
        }
      }
    }
  }
}
