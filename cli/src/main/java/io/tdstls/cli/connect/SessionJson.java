package io.tdstls.cli.connect;

import io.tdstls.client.QueryResult;
import io.tdstls.client.ResultTable;
import io.tdstls.client.SessionReport;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.TlsInfo;
import io.tdstls.protocol.token.LoginAck;
import io.tdstls.protocol.token.ServerMessage;
import io.tdstls.tls.pki.CertificateFingerprint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a session report, results and errors into JSON-ready maps for {@code connect --json}. */
public final class SessionJson {

  private SessionJson() {}

  /**
   * Describes what a session negotiated.
   *
   * @param r the report
   * @return the map
   */
  public static Map<String, Object> session(SessionReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", r.host());
    m.put("port", r.port());
    m.put("redirected_from", r.redirectedFrom().orElse(null));
    m.put("mode", r.mode().label());
    m.put("encryption", r.outcome().label());
    LoginAck ack = r.loginAck();
    m.put("tds_version", ack.tdsVersion().map(Object::toString).orElse(String.format("0x%08X", ack.tdsVersionCode())));
    m.put("server_program", ack.progName());
    m.put("server_version", ack.majorVersion() + "." + ack.minorVersion() + "." + ack.buildNumber());
    if (r.security().serverPreLogin() != null) {
      m.put("prelogin_version", r.security().serverPreLogin().version().toString());
      m.put("product", r.security().serverPreLogin().version().productName());
    }
    m.put("tls", r.tls().map(t -> {
      Map<String, Object> tls = tls(t, r.certificateValidated());
      tls.put("provider", r.tlsProvider());
      tls.put("session_resumed", r.sessionResumed());
      return tls;
    }).orElse(null));
    m.put("packet_size", r.packetSize());
    m.put("database", r.database());
    return m;
  }

  private static Map<String, Object> tls(TlsInfo t, boolean certificateValidated) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("protocol", t.protocol());
    m.put("cipher_suite", t.cipherSuite());
    m.put("alpn", t.alpn().isEmpty() ? null : t.alpn());
    m.put("sni", t.sniHostName().isEmpty() ? null : t.sniHostName());
    if (!t.peerCertificates().isEmpty()) {
      m.put("certificate_subject", t.peerCertificates().get(0).getSubjectX500Principal().getName());
      m.put("certificate_sha256", CertificateFingerprint.sha256(t.peerCertificates().get(0)).toString());
    }
    m.put("certificate_validated", certificateValidated);
    return m;
  }

  /**
   * Describes what one batch returned.
   *
   * @param sql the batch
   * @param result its result
   * @return the map
   */
  public static Map<String, Object> result(String sql, QueryResult result) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sql", sql);
    List<Object> tables = new ArrayList<>();
    for (ResultTable t : result.tables()) {
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("columns", t.columnNames());
      List<Object> rows = new ArrayList<>();
      for (List<Object> row : t.rows()) {
        List<Object> values = new ArrayList<>();
        row.forEach(v -> values.add(v instanceof Number || v instanceof Boolean || v == null ? v : ResultTable.text(v)));
        rows.add(values);
      }
      table.put("rows", rows);
      tables.add(table);
    }
    m.put("tables", tables);
    List<Object> messages = new ArrayList<>();
    for (ServerMessage msg : result.messages()) {
      messages.add(msg.message());
    }
    m.put("messages", messages);
    m.put("row_counts", result.rowCounts());
    return m;
  }

  /**
   * Describes an error.
   *
   * @param e the error
   * @return the map: kind, message, advice
   */
  public static Map<String, Object> error(TdsException e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", e.kind().name());
    m.put("message", e.getMessage());
    m.put("advice", e.advice().isEmpty() ? null : e.advice());
    return m;
  }
}
