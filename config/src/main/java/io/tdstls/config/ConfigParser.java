package io.tdstls.config;

import io.tdstls.negotiation.AlpnPolicy;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.tls.ClientCertificateMode;
import io.tdstls.tls.TlsVersion;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns a YAML tree into a {@link TdsTlsConfig}, checking every key and value on the way. */
final class ConfigParser {

  private static final Set<String> ROOT = Set.of("listener", "users", "routes", "metrics", "drain-timeout",
      "reload-interval", "audit-file");
  private static final Set<String> LISTENER = Set.of("host", "port", "tls", "cert-dir", "encryption", "strict",
      "client-cert-policy", "tls-provider", "login-timeout", "max-connections", "server-name", "alpn", "pre-login-limit",
      "pre-login-budget");
  private static final Set<String> TLS = Set.of("cert", "key", "key-password", "pkcs12", "client-ca",
      "client-cert-mode");
  private static final Set<String> USERS = Set.of("file", "accounts");
  private static final Set<String> ROUTE = Set.of("name", "match", "backend", "login", "credentials");
  private static final Set<String> MATCH = Set.of("sni", "server-name", "database", "default");
  private static final Set<String> BACKEND = Set.of("host", "port", "tls", "timeout");
  private static final Set<String> BACKEND_TLS = Set.of("encrypt", "ca-file", "host-name-in-certificate",
      "no-hostname-check", "server-certificate", "server-certificate-sha256", "trust-server-certificate", "tls-min",
      "tls-max", "client-cert", "client-key", "client-key-password", "trust-store", "trust-store-password");
  private static final Set<String> LOGIN = Set.of("mode", "as", "certificates");
  private static final Set<String> CERT_LOGIN = Set.of("subject", "dns", "email", "uri", "as");
  private static final Set<String> CREDENTIALS = Set.of("user", "password");

  private ConfigParser() {}

  static TdsTlsConfig parse(YamlDocument doc) {
    ConfigNode root = doc.rootNode().object(ROOT);
    ConfigNode listenerNode = root.get("listener");
    ListenerConfig listener = listenerNode.present() ? listener(listenerNode) : ListenerConfig.defaults();
    ConfigNode usersNode = root.get("users");
    UsersConfig users = usersNode.present() ? users(usersNode) : UsersConfig.none();
    List<RouteConfig> routes = routes(root.get("routes"), listener, listenerNode);
    ConfigNode metricsNode = root.get("metrics");
    String metrics = metricsNode.present() ? hostPort(metricsNode) : null;
    return new TdsTlsConfig(doc.file, listener, users, routes, metrics,
        root.get("drain-timeout").duration(TdsTlsConfig.DEFAULT_DRAIN_TIMEOUT),
        root.get("reload-interval").duration(TdsTlsConfig.DEFAULT_RELOAD_INTERVAL), root.get("audit-file").path());
  }

  private static ListenerConfig listener(ConfigNode n) {
    n.object(LISTENER);
    ListenerConfig d = ListenerConfig.defaults();
    ServerEncryption encryption = n.get("encryption").choice(ServerEncryption.class, null);
    ConfigNode strictNode = n.get("strict");
    StrictPolicy strict = strictNode.choice(StrictPolicy.class, null);
    if (encryption == ServerEncryption.NOT_SUPPORTED && strict != null && strict != StrictPolicy.DISABLED) {
      throw strictNode.error("encryption not-supported means no TLS, so strict cannot be "
          + strict.name().toLowerCase(Locale.ROOT) + ": remove strict or choose encryption available or forced");
    }
    ConfigNode tlsNode = n.get("tls");
    TlsMaterial tls = tlsNode.present() ? tls(tlsNode) : d.tls();
    if (encryption == ServerEncryption.NOT_SUPPORTED && (tls.hasCertificate() || !tls.clientCas().isEmpty())) {
      throw tlsNode.error("encryption not-supported serves no TLS: remove the tls section");
    }
    ConfigNode provider = n.get("tls-provider");
    String tlsProvider = provider.text(d.tlsProvider()).toLowerCase(Locale.ROOT);
    if (!ListenerConfig.TLS_PROVIDERS.contains(tlsProvider)) {
      throw provider.error("invalid value '" + provider.text() + "': valid values are "
          + String.join(", ", ListenerConfig.TLS_PROVIDERS));
    }
    return new ListenerConfig(n.get("host").text(d.host()), n.get("port").integer(0, 65535, d.port()), tls,
        n.get("cert-dir").path(), encryption, strict,
        n.get("client-cert-policy").choice(ClientCertPolicy.class, d.clientCertPolicy()), tlsProvider,
        n.get("login-timeout").duration(d.loginTimeout()),
        n.get("max-connections").integer(1, Integer.MAX_VALUE, d.maxConnections()),
        n.get("server-name").text(d.serverName()), n.get("alpn").choice(AlpnPolicy.class, null),
        n.get("pre-login-limit").present() ? n.get("pre-login-limit").integer(4, 65_535, 64) : null,
        n.get("pre-login-budget").present() ? n.get("pre-login-budget").integer(1, Integer.MAX_VALUE, 32) : null);
  }

  private static TlsMaterial tls(ConfigNode n) {
    n.object(TLS);
    ConfigNode cert = n.get("cert");
    ConfigNode key = n.get("key");
    ConfigNode pkcs12 = n.get("pkcs12");
    if (pkcs12.present() && (cert.present() || key.present())) {
      throw pkcs12.error("give either pkcs12, or cert with key, not both");
    }
    if (cert.present() != key.present()) {
      throw (cert.present() ? cert : key).error("cert and key go together: the PEM chain and its private key");
    }
    ConfigNode cas = n.get("client-ca");
    ConfigNode mode = n.get("client-cert-mode");
    ClientCertificateMode m = mode.choice(ClientCertificateMode.class, ClientCertificateMode.REQUIRED);
    if (m == ClientCertificateMode.NONE) {
      throw mode.error("invalid value 'none': valid values are required, optional (remove client-ca for none)");
    }
    if (mode.present() && !cas.present()) {
      throw mode.error("needs client-ca: the CA files whose client certificates are accepted");
    }
    return new TlsMaterial(cert.path(), key.path(), n.get("key-password").secret(), pkcs12.path(), cas.paths(), m);
  }

  private static UsersConfig users(ConfigNode n) {
    n.object(USERS);
    Map<String, Secret> accounts = new LinkedHashMap<>();
    ConfigNode acc = n.get("accounts");
    if (acc.present()) {
      for (Map.Entry<String, ConfigNode> e : acc.entries()) {
        accounts.put(e.getKey(), e.getValue().secret());
      }
    }
    return new UsersConfig(n.get("file").path(), accounts);
  }

  private static List<RouteConfig> routes(ConfigNode n, ListenerConfig listener, ConfigNode listenerNode) {
    List<RouteConfig> routes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> matches = new HashSet<>();
    for (ConfigNode r : n.items()) {
      RouteConfig route = route(r.object(ROUTE));
      if (!names.add(route.name())) {
        throw r.get("name").error("route name '" + route.name() + "' is used twice: give each route its own name");
      }
      String matchKey = route.match().kind() + "/" + route.match().value().toLowerCase(Locale.ROOT);
      if (!matches.add(matchKey)) {
        throw r.get("match").error(route.match().kind() == RouteMatch.Kind.DEFAULT
            ? "a second default route: only one route can be the default"
            : "another route already matches " + route.match().value() + ": each name selects one route");
      }
      if (route.login().mode() == RouteLogin.Mode.CERTIFICATE && listener.tls().clientCas().isEmpty()) {
        throw r.get("login").get("mode").error("certificate logins need listener.tls.client-ca: the CA that"
            + " issues the client certificates");
      }
      routes.add(route);
    }
    return routes;
  }

  private static RouteConfig route(ConfigNode r) {
    ConfigNode nameNode = r.get("name");
    if (!nameNode.present() || nameNode.text().isBlank()) {
      throw r.error("a route needs a name");
    }
    ConfigNode backend = r.get("backend");
    if (!backend.present()) {
      throw r.error("route '" + nameNode.text() + "' needs a backend: with host, port and tls");
    }
    backend.object(BACKEND);
    ConfigNode host = backend.get("host");
    if (!host.present()) {
      throw backend.error("needs a host");
    }
    Map<String, Credentials> credentials = new LinkedHashMap<>();
    ConfigNode cred = r.get("credentials");
    if (cred.present()) {
      for (Map.Entry<String, ConfigNode> e : cred.entries()) {
        ConfigNode c = e.getValue().object(CREDENTIALS);
        if (!c.get("user").present() || !c.get("password").present()) {
          throw c.error("needs user and password (env:NAME, file:PATH or the value)");
        }
        credentials.put(e.getKey(), new Credentials(c.get("user").text(), c.get("password").secret()));
      }
    }
    return new RouteConfig(nameNode.text(), match(r.get("match")), host.text(),
        backend.get("port").integer(1, 65535, 1433), backendTls(backend.get("tls"), backend.get("timeout")), login(r.get("login"), credentials),
        credentials);
  }

  private static RouteMatch match(ConfigNode m) {
    if (!m.present()) {
      throw m.error("missing: write one of sni: NAME, server-name: NAME, database: NAME or default: true");
    }
    m.object(MATCH);
    List<RouteMatch> found = new ArrayList<>();
    for (String key : List.of("sni", "server-name", "database")) {
      ConfigNode v = m.get(key);
      if (v.present()) {
        if (v.text().isBlank()) {
          throw v.error("is empty: give the name to match");
        }
        found.add(new RouteMatch(RouteMatch.Kind.valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_')), v.text()));
      }
    }
    ConfigNode dflt = m.get("default");
    if (dflt.present()) {
      if (!dflt.bool(false)) {
        throw dflt.error("only default: true is meaningful: remove the key otherwise");
      }
      found.add(new RouteMatch(RouteMatch.Kind.DEFAULT, ""));
    }
    if (found.size() != 1) {
      throw m.error("give exactly one of sni, server-name, database or default");
    }
    return found.get(0);
  }

  private static BackendTls backendTls(ConfigNode t, ConfigNode timeoutNode) {
    java.time.Duration timeout = timeoutNode.present() ? timeoutNode.duration(null) : null;
    if (!t.present()) {
      return new BackendTls(EncryptMode.MANDATORY, List.of(), null, false, null, null, false, null, null, null, null,
          null, null, null, timeout);
    }
    t.object(BACKEND_TLS);
    ConfigNode encrypt = t.get("encrypt");
    ConfigNode clientCert = t.get("client-cert");
    ConfigNode clientKey = t.get("client-key");
    if (clientCert.present() != clientKey.present()) {
      throw (clientCert.present() ? clientCert : clientKey).error("client-cert and client-key go together");
    }
    ConfigNode min = t.get("tls-min");
    ConfigNode max = t.get("tls-max");
    return new BackendTls(encrypt.present() ? encrypt.convert(EncryptMode::parse) : EncryptMode.MANDATORY,
        t.get("ca-file").paths(), t.get("host-name-in-certificate").text(null), t.get("no-hostname-check").bool(false),
        t.get("server-certificate").path(), sha256(t.get("server-certificate-sha256")),
        t.get("trust-server-certificate").bool(false), min.present() ? min.convert(TlsVersion::parse) : null,
        max.present() ? max.convert(TlsVersion::parse) : null, clientCert.path(), clientKey.path(),
        t.get("client-key-password").secret(), t.get("trust-store").path(), t.get("trust-store-password").secret(),
        timeout);
  }

  /** A pinned fingerprint, checked here so that a typo is reported with its line. */
  private static String sha256(ConfigNode n) {
    return n.present() ? n.convert(v -> {
      io.tdstls.tls.TlsConfig.builder().serverCertificateSha256(v);
      return v;
    }) : null;
  }

  private static RouteLogin login(ConfigNode l, Map<String, Credentials> credentials) {
    if (!l.present()) {
      return RouteLogin.passthrough();
    }
    l.object(LOGIN);
    RouteLogin.Mode mode = l.get("mode").choice(RouteLogin.Mode.class, RouteLogin.Mode.PASSTHROUGH);
    ConfigNode as = l.get("as");
    ConfigNode certs = l.get("certificates");
    switch (mode) {
      case PASSTHROUGH:
        if (as.present() || certs.present()) {
          throw l.get("mode").error("passthrough sends the client's own login: remove as and certificates");
        }
        return RouteLogin.passthrough();
      case GATEWAY_USERS:
        if (certs.present()) {
          throw certs.error("certificates belong to mode certificate");
        }
        return new RouteLogin(mode, credentialKey(as, credentials), List.of());
      default:
        if (as.present()) {
          throw as.error("in mode certificate each entry of certificates has its own as");
        }
        List<CertificateLogin> logins = new ArrayList<>();
        for (ConfigNode c : certs.items()) {
          c.object(CERT_LOGIN);
          List<CertificateLogin.Field> fields = new ArrayList<>();
          for (CertificateLogin.Field f : EnumSet.allOf(CertificateLogin.Field.class)) {
            if (c.get(f.name().toLowerCase(Locale.ROOT)).present()) {
              fields.add(f);
            }
          }
          if (fields.size() != 1) {
            throw c.error("give exactly one of subject, dns, email or uri, and as");
          }
          CertificateLogin.Field f = fields.get(0);
          logins.add(new CertificateLogin(f, c.get(f.name().toLowerCase(Locale.ROOT)).text(),
              credentialKey(c.get("as"), credentials)));
        }
        if (logins.isEmpty()) {
          throw l.error("mode certificate needs certificates: the client identities accepted and their logins");
        }
        return new RouteLogin(mode, null, logins);
    }
  }

  private static String credentialKey(ConfigNode as, Map<String, Credentials> credentials) {
    if (!as.present()) {
      throw as.error("missing: name the entry of this route's credentials to log in to the backend with");
    }
    if (!credentials.containsKey(as.text())) {
      throw as.error("no credentials named '" + as.text() + "' in this route: define them under credentials"
          + (credentials.isEmpty() ? "" : " (defined: " + String.join(", ", credentials.keySet()) + ")"));
    }
    return as.text();
  }

  private static String hostPort(ConfigNode n) {
    String t = n.text();
    int colon = t.lastIndexOf(':');
    try {
      if (colon <= 0 || Integer.parseInt(t.substring(colon + 1)) < 0 || Integer.parseInt(t.substring(colon + 1)) > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw n.error("invalid value '" + t + "': write HOST:PORT, for example 127.0.0.1:9464");
    }
    return t;
  }

}
