package io.tdstls.client.auth;

import io.tdstls.error.AuthenticationException;
import io.tdstls.error.TdsException;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * The client side of an integrated (SSPI) login: a SPNEGO context over Kerberos from the JDK's
 * GSS-API, producing the blob for LOGIN7 and answering each SSPI token of the server. Tickets and
 * tokens are never logged.
 */
public final class KerberosInitiator {

  /** The SPNEGO mechanism. */
  static final String SPNEGO_OID = "1.3.6.1.5.5.2";
  /** Kerberos principal names ({@code service/host:port}, realm from krb5.conf when absent). */
  static final String KRB5_PRINCIPAL_NAME_OID = "1.2.840.113554.1.2.2.1";

  private static final String ADVICE = "check that you hold a ticket (kinit, or a JAAS login), that the SPN is"
      + " registered in the KDC (ServerSPN= to give it), and that krb5.conf names the realm and its KDC";

  private final GSSContext context;
  private final Subject subject;
  private final String spn;

  private KerberosInitiator(GSSContext context, Subject subject, String spn) {
    this.context = context;
    this.subject = subject;
    this.spn = spn;
  }

  /**
   * Starts a context for a server.
   *
   * @param spn the server's service principal name, for example {@code MSSQLSvc/db.example.net:1433}
   * @param subject the JAAS subject with the client's credentials, or {@code null} for the JDK default
   * @return the initiator
   * @throws TdsException if the GSS-API refuses the name or mechanism
   */
  public static KerberosInitiator start(String spn, Subject subject) throws TdsException {
    try {
      GSSManager manager = GSSManager.getInstance();
      GSSName server = manager.createName(spn, new Oid(KRB5_PRINCIPAL_NAME_OID));
      GSSContext context = manager.createContext(server, new Oid(SPNEGO_OID), null, GSSContext.DEFAULT_LIFETIME);
      context.requestMutualAuth(true);
      context.requestCredDeleg(false);
      return new KerberosInitiator(context, subject, spn);
    } catch (GSSException e) {
      throw failure(spn, e);
    }
  }

  /**
   * Produces the first SPNEGO blob (for LOGIN7's SSPI field).
   *
   * @return the blob
   * @throws TdsException if no ticket can be obtained for the SPN
   */
  public byte[] initial() throws TdsException {
    refuseExpiredTicket();
    return step(new byte[0]);
  }

  /**
   * A subject holding only tickets (from a ticket cache, no keys to get new ones) whose
   * ticket-granting tickets have all expired cannot log in; the GSS-API would only say that no
   * valid credentials were found, so say why before asking it.
   */
  private void refuseExpiredTicket() throws TdsException {
    if (subject == null || !subject.getPrivateCredentials(javax.security.auth.kerberos.KerberosKey.class).isEmpty()
        || !subject.getPrivateCredentials(javax.security.auth.kerberos.KeyTab.class).isEmpty()) {
      return;
    }
    java.util.List<javax.security.auth.kerberos.KerberosTicket> tgts = new java.util.ArrayList<>();
    for (javax.security.auth.kerberos.KerberosTicket t
        : subject.getPrivateCredentials(javax.security.auth.kerberos.KerberosTicket.class)) {
      if (t.getServer().getName().startsWith("krbtgt/")) {
        tgts.add(t);
      }
    }
    if (!tgts.isEmpty() && tgts.stream().noneMatch(javax.security.auth.kerberos.KerberosTicket::isCurrent)) {
      javax.security.auth.kerberos.KerberosTicket t = tgts.get(0);
      throw new AuthenticationException("Kerberos login to " + spn + " failed: the ticket-granting ticket of "
          + t.getClient().getName() + " expired at " + t.getEndTime().toInstant(),
          "get a fresh ticket (kinit, or log the JAAS subject in again) and reconnect", null);
    }
  }

  /**
   * Answers a server SSPI token.
   *
   * @param serverToken the server's bytes
   * @return the bytes to send in an SSPI message, empty when nothing is to be sent
   * @throws TdsException if the server's token is refused
   */
  public byte[] step(byte[] serverToken) throws TdsException {
    try {
      PrivilegedExceptionAction<byte[]> action = () -> context.initSecContext(serverToken, 0, serverToken.length);
      byte[] out = subject == null ? action.run() : Subject.doAs(subject, action);
      return out == null ? new byte[0] : out;
    } catch (PrivilegedActionException e) {
      throw e.getCause() instanceof GSSException g ? failure(spn, g)
          : new AuthenticationException("Kerberos failed for " + spn + ": " + e.getCause(), ADVICE, e.getCause());
    } catch (GSSException e) {
      throw failure(spn, e);
    } catch (Exception e) {
      throw new AuthenticationException("Kerberos failed for " + spn + ": " + e, ADVICE, e);
    }
  }

  /**
   * Tells whether the context is established (mutual authentication done).
   *
   * @return whether established
   */
  public boolean established() {
    return context.isEstablished();
  }

  private static TdsException failure(String spn, GSSException e) {
    return new AuthenticationException("Kerberos login to " + spn + " failed: " + e.getMessage(), ADVICE, e);
  }
}
