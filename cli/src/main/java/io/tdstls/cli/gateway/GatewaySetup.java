package io.tdstls.cli.gateway;

import io.tdstls.cli.serve.FrontOptions;
import io.tdstls.cli.serve.FrontSetup;
import io.tdstls.config.ListenerConfig;
import io.tdstls.config.RouteConfig;
import io.tdstls.config.TdsTlsConfig;
import io.tdstls.config.UsersConfig;
import io.tdstls.error.TdsConfigException;
import io.tdstls.gateway.GatewayConfig;
import io.tdstls.gateway.GatewayEvents;
import io.tdstls.gateway.GatewayRoute;
import io.tdstls.gateway.RouteTable;
import io.tdstls.protocol.encryption.ServerEncryption;
import io.tdstls.server.Authenticator;
import io.tdstls.server.PasswordFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code gateway} runs: a {@code --config} file's listener, routes and audit file with the
 * flags on top, as a {@link GatewayConfig}.
 *
 * <p>How the two combine: the front flags ({@code --listen}, {@code --cert}, {@code --encryption},
 * ...) and {@code --audit-file} override the file's values, as with {@code serve}. The backends are
 * named in one place only: {@code --backend} and the {@code --backend-*} flags are refused with a
 * file that has routes; a file without routes takes its one backend from {@code --backend}.
 *
 * @param config the gateway's settings
 * @param front the front as set up (policy, certificate), for the start-up facts
 * @param auditFile where audit lines go, or {@code null} for standard error
 */
record GatewaySetup(GatewayConfig config, FrontSetup front, Path auditFile) {

  /** One lock for every audit sink, so that the sinks of successive reloads never interleave a line. */
  private static final Object AUDIT_LOCK = new Object();

  /** The flags of one {@code gateway} command. */
  record Flags(String listen, String backend, FrontOptions front, BackendOptions back, GatewayLoginOptions login,
      Path auditFile, GatewayEvents events) {

    /** Flags without login options or metrics (the defaults: passthrough, no events). */
    Flags(String listen, String backend, FrontOptions front, BackendOptions back, Path auditFile) {
      this(listen, backend, front, back, new GatewayLoginOptions(), auditFile, GatewayEvents.NONE);
    }
  }

  /**
   * Builds the settings.
   *
   * @param flags the command line
   * @param file the configuration file, or {@code null}
   * @param previous the setup running before a reload (its generated certificate is kept), or {@code null}
   * @return the setup
   * @throws TdsConfigException if a value is invalid, the file and the flags both name backends, or
   *     no backend is named at all
   */
  static GatewaySetup of(Flags flags, TdsTlsConfig file, GatewaySetup previous) {
    ListenerConfig listener = file == null ? ListenerConfig.defaults() : file.listener();
    if (flags.listen() != null || file == null) {
      HostPort at = HostPort.parse("--listen", flags.listen() == null ? "127.0.0.1:1433" : flags.listen(), 0);
      listener = new ListenerConfig(at.host(), at.port(), listener.tls(), listener.certDir(), listener.encryption(),
          listener.strict(), listener.clientCertPolicy(), listener.tlsProvider(), listener.loginTimeout(),
          listener.maxConnections(), listener.serverName(), listener.alpn(), listener.preLoginLimitKib(),
          listener.preLoginBudgetMib());
    }
    FrontSetup front = FrontSetup.of(flags.front(), listener, ServerEncryption.FORCED,
        previous == null ? null : previous.front());
    Path auditFile = flags.auditFile() != null ? flags.auditFile() : file == null ? null : file.auditFile();
    GatewayConfig.Builder b = GatewayConfig.builder()
        .listen(front.listener().host(), front.listener().port())
        .frontPolicy(front.policy())
        .loginTimeout(front.loginTimeout())
        .maxConnections(front.maxConnections())
        .preLoginLimits(front.preLoginBufferLimit(), front.preLoginBudget())
        .events(flags.events())
        .backendTlsProvider(flags.back().provider())
        .audit(auditSink(auditFile));
    boolean fileRoutes = file != null && !file.routes().isEmpty();
    if (fileRoutes) {
      if (flags.login().given()) {
        throw new TdsConfigException("--login, --login-certificate, --login-as, --credentials and --users-file cannot be"
            + " combined with --config " + file.source() + ", whose routes carry their logins: set routes[i].login and"
            + " routes[i].credentials in the file, or drop --config");
      }
      b.routes(routes(flags, file));
    } else {
      HostPort at = backendAddress(flags, file);
      b.backend(at.host(), at.port()).backendTls(flags.back().tlsConfig()).backendTimeout(flags.back().timeout());
      flags.login().applyTo(b);
    }
    if (!flags.login().hasUsersFile() && file != null && !file.users().isEmpty()) {
      b.users(users(file.users()));
    }
    if (front.tls() != null) {
      b.frontTls(front.tls(), front.provider());
    }
    if (file != null) {
      b.reloadCheckInterval(file.reloadInterval());
    }
    GatewayConfig config;
    try {
      config = b.build();
    } catch (IllegalStateException e) {
      throw new TdsConfigException((file == null ? "" : file.source() + ": ") + e.getMessage(), e);
    }
    return new GatewaySetup(config, front, auditFile);
  }

  /** The routes of a file that has some; the backend flags are refused then. */
  private static RouteTable routes(Flags flags, TdsTlsConfig file) {
    if (flags.backend() != null || flags.back().given()) {
      throw new TdsConfigException("--backend and the --backend-* options cannot be combined with --config "
          + file.source() + ", whose routes name the backends: set the backend under routes[i].backend in the file,"
          + " or drop --config");
    }
    List<GatewayRoute> routes = new ArrayList<>();
    for (RouteConfig r : file.routes()) {
      try {
        routes.add(GatewayRoute.of(r, GatewayRoute.DEFAULT_TIMEOUT));
        RouteTable.single(routes.get(routes.size() - 1)); // loads this route's trust material now, to name it
      } catch (IllegalArgumentException e) {
        throw new TdsConfigException(file.source() + ": route '" + r.name() + "': " + e.getMessage(), e);
      }
    }
    try {
      return RouteTable.of(routes);
    } catch (IllegalArgumentException e) {
      throw new TdsConfigException(file.source() + ": routes: " + e.getMessage(), e);
    }
  }

  private static HostPort backendAddress(Flags flags, TdsTlsConfig file) {
    if (flags.backend() == null) {
      throw new TdsConfigException(file == null
          ? "no backend: give --backend HOST:PORT, or --config FILE with routes"
          : "no backend: " + file.source() + " has no routes, so give --backend HOST:PORT, or add routes to the file");
    }
    return HostPort.parse("--backend", flags.backend(), 1);
  }

  /** The file's {@code users}: its password file and its inline accounts, either of which may let a user in. */
  private static Authenticator users(UsersConfig u) {
    Map<String, String> accounts = new LinkedHashMap<>();
    u.accounts().forEach((name, secret) -> accounts.put(name, secret.reveal()));
    Authenticator inline = Authenticator.users(accounts);
    PasswordFile passwords = u.file() == null ? null : PasswordFile.load(u.file());
    return (user, password) -> inline.authenticate(user, password)
        || (passwords != null && passwords.authenticate(user, password));
  }

  private static Consumer<String> auditSink(Path auditFile) {
    if (auditFile == null) {
      return line -> System.err.println(line);
    }
    Path dir = auditFile.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new TdsConfigException("the audit file's directory " + dir + " does not exist: create it, or choose"
          + " another audit-file (--audit-file)");
    }
    return line -> {
      synchronized (AUDIT_LOCK) {
        try {
          Files.writeString(auditFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        } catch (IOException e) {
          // never fail a connection's end over its audit line: it goes to standard error instead
          System.err.println("tds-tls gateway: cannot append to the audit file " + auditFile + " (" + e.getMessage()
              + "); the line: " + line);
        }
      }
    };
  }
}
