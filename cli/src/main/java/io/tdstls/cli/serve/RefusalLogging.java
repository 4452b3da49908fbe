package io.tdstls.cli.serve;

import io.tdstls.error.TdsException;
import io.tdstls.protocol.login.Login7;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.server.ConnectionInfo;
import io.tdstls.server.LoginAnswer;
import io.tdstls.server.SessionHandler;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Supplier;

/**
 * Wraps a session handler so that a refused login is logged too (the server logs accepted logins
 * and negotiation failures), giving one line per connection whatever its fate.
 */
final class RefusalLogging implements SessionHandler {

  private static final System.Logger LOG = System.getLogger("tds-tls.serve");

  private final SessionHandler delegate;

  private RefusalLogging(SessionHandler delegate) {
    this.delegate = delegate;
  }

  static Supplier<SessionHandler> wrap(Supplier<SessionHandler> sessions) {
    return () -> new RefusalLogging(sessions.get());
  }

  @Override
  public LoginAnswer login(TdsMessage login7, ConnectionInfo connection) throws TdsException {
    LoginAnswer answer = delegate.login(login7, connection);
    if (!answer.accepted()) {
      LOG.log(Level.INFO, "conn {0} from {1}: login refused for user ''{2}'', {3}", connection.spid(),
          connection.remote(), Login7.decode(login7.payload()).userName(), connection.security().outcome().label());
    }
    return answer;
  }

  @Override
  public List<TdsMessage> request(TdsMessage request, ConnectionInfo connection) throws TdsException {
    return delegate.request(request, connection);
  }
}
