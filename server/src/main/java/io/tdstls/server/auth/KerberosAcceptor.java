package io.tdstls.server.auth;

import io.tdstls.error.AuthenticationException;
import io.tdstls.error.TdsConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * The server side of integrated (SSPI) logins: accepts SPNEGO or raw Kerberos 5 GSS-API tokens
 * with the service key from a keytab, through the JDK's GSS-API. Which Kerberos realm and KDC
 * apply comes from the JVM's krb5.conf ({@code java.security.krb5.conf}); accepting needs no
 * KDC, only the keytab.
 */
public final class KerberosAcceptor {

  private static final String KRB5 = "1.2.840.113554.1.2.2";
  private static final String SPNEGO = "1.3.6.1.5.5.2";
  private static final String KRB5_PRINCIPAL_NAME = "1.2.840.113554.1.2.2.1";

  private final String servicePrincipal;
  private final Subject subject;

  private KerberosAcceptor(String servicePrincipal, Subject subject) {
    this.servicePrincipal = servicePrincipal;
    this.subject = subject;
  }

  /**
   * Loads the service key from a keytab.
   *
   * @param servicePrincipal the principal, for example {@code MSSQLSvc/db.example.net:1433@EXAMPLE.NET}
   * @param keytab the keytab holding its key
   * @return the acceptor
   * @throws TdsConfigException if the keytab is missing or holds no key for the principal
   */
  public static KerberosAcceptor fromKeytab(String servicePrincipal, Path keytab) {
    if (!Files.isReadable(keytab)) {
      throw new TdsConfigException("cannot read the keytab " + keytab + ": give the file made with ktadd / ktpass");
    }
    Map<String, String> options = Map.of("useKeyTab", "true", "keyTab", keytab.toAbsolutePath().toString(),
        "principal", servicePrincipal, "storeKey", "true", "isInitiator", "false", "doNotPrompt", "true",
        "refreshKrb5Config", "true");
    Configuration jaas = new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
      }
    };
    try {
      Subject subject = new Subject();
      LoginContext lc = new LoginContext("tds-tls-acceptor", subject, null, jaas);
      lc.login();
      return new KerberosAcceptor(servicePrincipal, subject);
    } catch (LoginException e) {
      throw new TdsConfigException("the keytab " + keytab + " has no usable key for " + servicePrincipal + ": "
          + e.getMessage() + " (check the principal name, realm and the keytab's entries with klist -k)", e);
    }
  }

  /**
   * Returns the service principal.
   *
   * @return the principal
   */
  public String servicePrincipal() {
    return servicePrincipal;
  }

  /**
   * Starts the acceptor side of one login.
   *
   * @return a fresh context
   * @throws AuthenticationException if the GSS-API cannot create the acceptor credential
   */
  public Exchange start() throws AuthenticationException {
    try {
      GSSContext context = Subject.doAs(subject, (PrivilegedExceptionAction<GSSContext>) () -> {
        GSSManager m = GSSManager.getInstance();
        GSSName name = m.createName(servicePrincipal, new Oid(KRB5_PRINCIPAL_NAME));
        GSSCredential cred = m.createCredential(name, GSSCredential.INDEFINITE_LIFETIME,
            new Oid[] {new Oid(SPNEGO), new Oid(KRB5)}, GSSCredential.ACCEPT_ONLY);
        return m.createContext(cred);
      });
      return new Exchange(context);
    } catch (PrivilegedActionException e) {
      throw new AuthenticationException("cannot accept Kerberos logins as " + servicePrincipal + ": "
          + e.getCause().getMessage(), "check the keytab and krb5.conf", e.getCause());
    }
  }

  /** The acceptor side of one SSPI login: feed each client token, send back what comes out. */
  public final class Exchange {
    private final GSSContext context;

    private Exchange(GSSContext context) {
      this.context = context;
    }

    /**
     * Accepts one client token.
     *
     * @param clientToken the SSPI bytes from LOGIN7 or an SSPI message
     * @return the token for the client (an SSPI token), possibly empty
     * @throws AuthenticationException if the ticket is refused (wrong service key, expired,
     *     not for this service, replayed...)
     */
    public byte[] accept(byte[] clientToken) throws AuthenticationException {
      try {
        byte[] out = Subject.doAs(subject, (PrivilegedExceptionAction<byte[]>) () ->
            context.acceptSecContext(clientToken, 0, clientToken.length));
        return out == null ? new byte[0] : out;
      } catch (PrivilegedActionException e) {
        Throwable c = e.getCause();
        throw new AuthenticationException("Kerberos ticket refused by " + servicePrincipal + ": "
            + (c instanceof GSSException g ? g.getMessage() : String.valueOf(c)),
            "the client's ticket must be for this service principal and encrypted with the key in the server's keytab",
            c);
      }
    }

    /**
     * Tells whether the client is authenticated.
     *
     * @return whether the context is established
     */
    public boolean established() {
      return context.isEstablished();
    }

    /**
     * Returns the authenticated client principal.
     *
     * @return for example {@code alice@EXAMPLE.NET}
     * @throws AuthenticationException if not established
     */
    public String principal() throws AuthenticationException {
      try {
        return context.getSrcName().toString();
      } catch (GSSException e) {
        throw new AuthenticationException("no Kerberos principal: " + e.getMessage(), "", e);
      }
    }
  }
}
