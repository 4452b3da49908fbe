package io.tdstls.server.diagnostic;

import io.tdstls.negotiation.NegotiatedSecurity;
import io.tdstls.negotiation.TlsInfo;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.prelogin.PreLogin;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything a session negotiated, as name/value pairs ({@code SELECT * FROM tdstls.negotiation}). */
final class NegotiationView {

  private NegotiationView() {}

  static Map<String, String> of(SessionFacts f) {
    Map<String, String> v = new LinkedHashMap<>();
    NegotiatedSecurity s = f.security();
    v.put("spid", Integer.toString(f.spid()));
    v.put("outcome", s.outcome().label());
    v.put("encrypt_option", s.outcome().encryptsSession() ? "TRUE" : "FALSE");
    TlsInfo tls = s.tls();
    v.put("tls_protocol", tls == null ? "" : tls.protocol());
    v.put("cipher_suite", tls == null ? "" : tls.cipherSuite());
    v.put("alpn", tls == null ? "" : tls.alpn());
    v.put("sni", tls == null ? "" : tls.sniHostName());
    v.put("client_certificate", tls == null || tls.peerCertificates().isEmpty() ? ""
        : tls.peerCertificates().get(0).getSubjectX500Principal().getName());
    PreLogin c = s.clientPreLogin();
    if (c != null) {
      v.put("client_prelogin_version", c.version().toString());
      v.put("client_prelogin_encryption", c.encryption().map(e -> String.format("0x%02X %s", e.raw(), e)).orElse("(absent)"));
      v.put("client_prelogin_instance", c.instance().orElse("(absent)"));
      v.put("client_prelogin_threadid", c.threadId().map(Object::toString).orElse("(absent)"));
      v.put("client_prelogin_mars", c.mars().map(Object::toString).orElse("(absent)"));
      v.put("client_prelogin_traceid", c.traceId().map(Object::toString).orElse("(absent)"));
      v.put("client_prelogin_fedauthrequired", c.fedAuthRequired().map(Object::toString).orElse("(absent)"));
      v.put("client_prelogin_nonce", c.nonce().map(n -> HexFormat.of().formatHex(n)).orElse("(absent)"));
    }
    PreLogin r = s.serverPreLogin();
    if (r != null) {
      v.put("server_prelogin_encryption", r.encryption().map(e -> String.format("0x%02X %s", e.raw(), e)).orElse("(absent)"));
    }
    int code = f.login().tdsVersionCode();
    v.put("login_tds_version", String.format("0x%08X%s", code,
        f.login().tdsVersion().map(t -> " (" + t.label() + ")").orElse("")));
    v.put("login_user", f.login().userName());
    v.put("auth_method", f.auth().method());
    v.put("auth_principal", f.auth().principal());
    v.put("login_app_name", f.login().appName());
    v.put("login_host_name", f.login().hostName());
    v.put("login_client_interface", f.login().clientInterfaceName());
    v.put("login_database", f.login().database());
    v.put("packet_size", Integer.toString(f.packetSize()));
    v.put("server_tds_version", (s.outcome() == io.tdstls.protocol.encryption.Outcome.STRICT ? TdsVersion.V8_0 : TdsVersion.V7_4).label());
    return v;
  }
}
