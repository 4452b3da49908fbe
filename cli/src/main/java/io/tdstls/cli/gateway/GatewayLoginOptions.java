package io.tdstls.cli.gateway;

import io.tdstls.config.CertificateLogin;
import io.tdstls.config.Credentials;
import io.tdstls.config.RouteLogin;
import io.tdstls.config.Secret;
import io.tdstls.error.TdsConfigException;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.server.PasswordFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The login flags of {@code gateway}: who checks clients ({@code --login}), the certificate
 * identities and the held backend logins they map to. Held passwords are named by reference
 * ({@code env:NAME} or {@code file:PATH}), never given on the command line.
 */
public final class GatewayLoginOptions {

  @Option(names = "--login", paramLabel = "MODE",
      description = "Who checks clients: passthrough (default: the client's LOGIN7 goes to the backend) | certificate"
          + " (strict clients with a certificate from --client-ca, mapped by --login-certificate) | gateway-users"
          + " (LOGIN7's name and password checked against --users-file, logged in as --login-as).")
  String mode = "passthrough";

  @Option(names = "--login-certificate", paramLabel = "KEY=FIELD:VALUE",
      description = "certificate mode: a client identity and the --credentials KEY it logs in with, for example"
          + " reporting=subject:CN=reporting,O=Example or etl=dns:etl.example.com; FIELD is subject | dns | email |"
          + " uri (repeatable, the first match wins).")
  List<String> certificates = new ArrayList<>();

  @Option(names = "--login-as", paramLabel = "KEY",
      description = "gateway-users mode: the --credentials KEY every gateway user logs in to the backend with.")
  String as;

  @Option(names = "--credentials", paramLabel = "KEY=USER:SECRET",
      description = "A backend login the gateway holds; SECRET is env:NAME or file:PATH (a mounted secret), never the"
          + " password itself (repeatable).")
  List<String> credentials = new ArrayList<>();

  @Option(names = "--users-file", paramLabel = "FILE",
      description = "gateway-users mode: the gateway's users, NAME:HASH lines made with tds-tls hash-password.")
  Path usersFile;

  /** Creates the options with their defaults. */
  public GatewayLoginOptions() {}

  /**
   * Tells whether any login flag was given (they are refused with a config file's routes, which carry
   * their own logins).
   *
   * @return whether a flag differs from its default
   */
  public boolean given() {
    return !"passthrough".equalsIgnoreCase(mode) || !certificates.isEmpty() || as != null || !credentials.isEmpty()
        || usersFile != null;
  }

  /** @return whether {@code --users-file} was given */
  boolean hasUsersFile() {
    return usersFile != null;
  }

  /**
   * Sets the login mode, the held credentials and the users on a gateway builder.
   *
   * @param b the builder
   * @throws TdsConfigException naming the flag, if a value is malformed
   */
  public void applyTo(GatewayConfig.Builder b) {
    RouteLogin.Mode m = mode();
    if (m != RouteLogin.Mode.CERTIFICATE && !certificates.isEmpty()) {
      throw new TdsConfigException("--login-certificate needs --login certificate");
    }
    if (m != RouteLogin.Mode.GATEWAY_USERS && (as != null || usersFile != null)) {
      throw new TdsConfigException("--login-as and --users-file need --login gateway-users");
    }
    List<CertificateLogin> ids = new ArrayList<>();
    for (String c : certificates) {
      ids.add(certificate(c));
    }
    b.login(new RouteLogin(m, m == RouteLogin.Mode.GATEWAY_USERS ? as : null, ids));
    b.credentials(credentials());
    if (usersFile != null) {
      b.users(PasswordFile.load(usersFile));
    }
  }

  private RouteLogin.Mode mode() {
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "passthrough":
        return RouteLogin.Mode.PASSTHROUGH;
      case "certificate":
        return RouteLogin.Mode.CERTIFICATE;
      case "gateway-users":
        return RouteLogin.Mode.GATEWAY_USERS;
      default:
        throw TdsConfigException.invalidValue("--login", mode, List.of("passthrough", "certificate", "gateway-users"));
    }
  }

  private static CertificateLogin certificate(String value) {
    int eq = value.indexOf('=');
    int colon = eq < 0 ? -1 : value.indexOf(':', eq);
    if (eq <= 0 || colon < 0 || colon == value.length() - 1) {
      throw new TdsConfigException("--login-certificate " + value + ": not KEY=FIELD:VALUE (for example"
          + " reporting=subject:CN=reporting,O=Example)");
    }
    String field = value.substring(eq + 1, colon).toLowerCase(Locale.ROOT);
    CertificateLogin.Field f;
    switch (field) {
      case "subject":
        f = CertificateLogin.Field.SUBJECT;
        break;
      case "dns":
        f = CertificateLogin.Field.DNS;
        break;
      case "email":
        f = CertificateLogin.Field.EMAIL;
        break;
      case "uri":
        f = CertificateLogin.Field.URI;
        break;
      default:
        throw TdsConfigException.invalidValue("--login-certificate field", field, List.of("subject", "dns", "email", "uri"));
    }
    return new CertificateLogin(f, value.substring(colon + 1), value.substring(0, eq));
  }

  private Map<String, Credentials> credentials() {
    Map<String, Credentials> held = new LinkedHashMap<>();
    for (String c : credentials) {
      int eq = c.indexOf('=');
      int colon = eq < 0 ? -1 : c.indexOf(':', eq);
      if (eq <= 0 || colon <= eq + 1) {
        throw new TdsConfigException("--credentials: not KEY=USER:SECRET (for example reporting=report_reader:env:REPORT_PW)");
      }
      String key = c.substring(0, eq);
      Secret secret = Secret.parse(c.substring(colon + 1));
      if (secret.source() == Secret.Source.INLINE) {
        throw new TdsConfigException("--credentials " + key + ": the password must be env:NAME or file:PATH; a password"
            + " on the command line shows in the process list and the shell history");
      }
      if (held.put(key, new Credentials(c.substring(eq + 1, colon), secret)) != null) {
        throw new TdsConfigException("--credentials " + key + " is given twice");
      }
    }
    return held;
  }
}
