package io.tdstls.client;

import io.tdstls.error.TdsConfigException;
import io.tdstls.error.TdsConnectionException;
import io.tdstls.error.TdsException;
import io.tdstls.negotiation.EncryptMode;
import io.tdstls.tls.ClientEngines;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Opens TDS sessions: TCP, the encryption negotiation of the configured mode, LOGIN7, and Azure
 * SQL's routing redirects.
 *
 * <pre>{@code
 * ConnectionConfig config = ConnectionStrings.parse(
 *     "Server=tcp:db.example.com,1433;User Id=app;Password=secret;Encrypt=strict");
 * try (TdsSession session = TdsClient.connect(config)) {
 *   System.out.print(session.report().describe());
 *   System.out.print(session.execute("SELECT @@VERSION").firstTable().format());
 * }
 * }</pre>
 *
 * <p>A client is built once per configuration (it loads the trust material once) and can open
 * any number of sessions. Clients of equal configurations share their TLS engine factory, and so
 * the TLS session cache: a later connection to the same host and port resumes the TLS session
 * ({@link SessionReport#sessionResumed()}) unless {@link io.tdstls.tls.TlsConfig#sessionResumption()}
 * is off. The TLS implementation is {@link ConnectionConfig#tlsProvider()}.
 */
public final class TdsClient {

  /** How many routing redirects a login follows before giving up. */
  public static final int MAX_REDIRECTS = 5;

  private static final System.Logger LOG = System.getLogger(TdsClient.class.getName());

  private final ConnectionConfig config;
  private final ClientEngines tls;

  /**
   * Creates a client.
   *
   * @param config the connection settings
   * @throws TdsConfigException if the TLS material cannot be loaded, or the TLS provider is not
   *     available on this platform
   */
  public TdsClient(ConnectionConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    if (config.resolvesPortThroughBrowser()) {
      throw new TdsConfigException("instance '" + config.instanceName().orElse("") + "' without a port needs the"
          + " SQL Server Browser service, which tds-tls does not query: give the instance's TCP port");
    }
    this.tls = config.tls().mode() == EncryptMode.OFF ? null : EngineCache.get(config.tlsProvider(), config.tls());
  }

  /**
   * Opens a session with the given settings.
   *
   * @param config the connection settings
   * @return the logged-in session
   * @throws TdsException if the connection, the negotiation or the login fails
   */
  public static TdsSession connect(ConnectionConfig config) throws TdsException {
    return new TdsClient(config).connect();
  }

  /**
   * Opens a session, following routing redirects (at most {@link #MAX_REDIRECTS}).
   *
   * @return the logged-in session
   * @throws TdsException if the connection, the negotiation or the login fails
   */
  public TdsSession connect() throws TdsException {
    String host = config.host();
    int port = config.port();
    String routedFrom = null;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      TdsSession session = TdsSession.open(config, tls, host, port, routedFrom);
      if (session.redirect() == null) {
        return session;
      }
      String target = session.redirect().alternateServer();
      int backslash = target.indexOf('\\');
      String nextHost = backslash < 0 ? target : target.substring(0, backslash);
      LOG.log(Level.INFO, "{0}:{1} redirected the login to {2}:{3}", host, port, nextHost, session.redirect().port());
      session.close();
      if (routedFrom == null) {
        routedFrom = host + ":" + port;
      }
      host = nextHost;
      port = session.redirect().port();
    }
    throw new TdsConnectionException("more than " + MAX_REDIRECTS + " routing redirects, starting at " + routedFrom,
        "the servers redirect in a loop; check the server's routing configuration", null);
  }
}
