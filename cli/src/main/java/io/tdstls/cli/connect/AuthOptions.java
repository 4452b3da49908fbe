package io.tdstls.cli.connect;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.client.auth.ClientAuthentication;
import io.tdstls.error.TdsConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How {@code connect} authenticates when not with a SQL password: an access token read from a
 * file (never given on the command line, where other users could read it), or Kerberos.
 */
public final class AuthOptions {

  @Option(names = "--access-token-file", paramLabel = "FILE",
      description = "Log in with the federated-authentication access token (for example an Entra ID JWT) in FILE;"
          + " needs --encrypt mandatory or strict. The token is never printed.")
  Path accessTokenFile;

  @Option(names = "--kerberos", description = "Log in with Kerberos (SPNEGO) from the ticket cache or the JAAS"
      + " entry com.sun.security.jgss.krb5.initiate; needs --encrypt mandatory or strict.")
  boolean kerberos;

  @Option(names = "--server-spn", paramLabel = "SPN",
      description = "The server's Kerberos principal (default MSSQLSvc/HOST:PORT).")
  String serverSpn;

  /** Creates empty options. */
  public AuthOptions() {}

  /**
   * Applies the options.
   *
   * @param b the builder
   * @throws TdsConfigException if the token file cannot be read, or options contradict
   */
  void apply(ConnectionConfig.Builder b) {
    if (accessTokenFile != null && kerberos) {
      throw new TdsConfigException("--access-token-file and --kerberos are two ways to log in: choose one");
    }
    if (serverSpn != null && !kerberos) {
      throw new TdsConfigException("--server-spn is for Kerberos: add --kerberos, or drop --server-spn");
    }
    if (accessTokenFile != null) {
      try {
        b.accessToken(Files.readString(accessTokenFile, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new TdsConfigException("cannot read the access token file " + accessTokenFile + ": " + e.getMessage(), e);
      }
    }
    if (kerberos) {
      b.authentication(ClientAuthentication.kerberos(serverSpn));
      if (System.getProperty("javax.security.auth.useSubjectCredsOnly") == null) {
        System.setProperty("javax.security.auth.useSubjectCredsOnly", "false"); // use the ticket cache
      }
    }
  }
}
