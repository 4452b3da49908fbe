package io.tdstls.gateway;

import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.negotiation.TlsInfo;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The audit record of one relayed connection, written once as one JSON object when the connection
 * ends: client, front negotiation, login, backend negotiation, bytes each way, duration, end reason.
 */
final class AuditLine {

  private final long startNanos = System.nanoTime();
  private final Map<String, Object> fields = new LinkedHashMap<>();
  /** Message payload bytes relayed from the client to the backend. */
  long payloadToBackend;
  /** Message payload bytes relayed from the backend to the client. */
  long payloadToClient;
  /** Bytes written to the backend's socket (TDS headers and TLS included). */
  long wireToBackend;
  /** Bytes read from the backend's socket. */
  long wireFromBackend;
  private boolean written;

  AuditLine(SocketAddress client, boolean insecureBackend) {
    fields.put("event", "tds-tls gateway connection");
    fields.put("client", String.valueOf(client));
    if (insecureBackend) {
      fields.put("warning", "the back side runs without encryption or without certificate validation");
    }
  }

  /** The route the connection took; an insecure one marks the line. */
  void route(String name, boolean insecureBackend) {
    fields.put("route", name);
    if (insecureBackend) {
      fields.put("warning", "the back side runs without encryption or without certificate validation");
    }
  }

  void front(NegotiatedSecurity s) {
    put("front", s);
  }

  void login(String user, String application, String database) {
    fields.put("login_user", user);
    fields.put("login_application", application);
    fields.put("login_database", database);
  }

  /** How the gateway logged the client in: the backend's user and what authenticated the client. */
  void mapped(String backendUser, String identity) {
    fields.put("backend_user", backendUser);
    fields.put("login_identity", identity);
  }

  void backend(String address, NegotiatedSecurity s) {
    fields.put("backend", address);
    put("backend", s);
  }

  /** Where the relay stood when the connection ended (see {@link RelayState}). */
  void relayState(RelayState state) {
    fields.put("relay_state", state.name());
  }

  void outcome(String side, String value) {
    fields.put(side + "_outcome", value);
  }

  private void put(String side, NegotiatedSecurity s) {
    if (s == null) {
      return;
    }
    fields.put(side + "_encryption", s.outcome().label());
    Optional<TlsInfo> tls = s.tlsInfo();
    fields.put(side + "_tls_version", tls.map(TlsInfo::protocol).orElse(""));
    fields.put(side + "_cipher", tls.map(TlsInfo::cipherSuite).orElse(""));
    if (side.equals("front")) {
      fields.put("front_alpn", tls.map(TlsInfo::alpn).orElse(""));
      fields.put("front_sni", tls.map(TlsInfo::sniHostName).orElse(""));
      fields.put("front_client_certificate", tls.filter(t -> !t.peerCertificates().isEmpty())
          .map(t -> t.peerCertificates().get(0).getSubjectX500Principal().getName()).orElse(""));
    }
  }

  /** Writes the line once; later calls do nothing. */
  void end(String side, String reason, java.util.function.Consumer<String> sink) {
    if (written) {
      return;
    }
    written = true;
    fields.put("payload_bytes_client_to_backend", payloadToBackend);
    fields.put("payload_bytes_backend_to_client", payloadToClient);
    fields.put("wire_bytes_to_backend", wireToBackend);
    fields.put("wire_bytes_from_backend", wireFromBackend);
    fields.put("duration_ms", (System.nanoTime() - startNanos) / 1_000_000);
    fields.put("end_side", side);
    fields.put("end_reason", reason);
    sink.accept(json(fields));
  }

  /** One JSON object on one line: strings and numbers and booleans only. */
  static String json(Map<String, Object> fields) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (b.length() > 1) {
        b.append(',');
      }
      quote(e.getKey(), b);
      b.append(':');
      Object v = e.getValue();
      if (v instanceof Number || v instanceof Boolean) {
        b.append(v);
      } else {
        quote(String.valueOf(v), b);
      }
    }
    return b.append('}').toString();
  }

  private static void quote(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }
}
