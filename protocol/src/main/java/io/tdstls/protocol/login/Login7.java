package io.tdstls.protocol.login;

import io.tdstls.error.TdsProtocolException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable LOGIN7 message ([MS-TDS] 2.2.6.4): the client's login record, with every field of
 * the specification. Clients build and {@link #encode()} it; servers {@link #decode(byte[])} it.
 *
 * <pre>{@code
 * Login7 login = Login7.builder()
 *     .tdsVersion(TdsVersion.V7_4)
 *     .hostName("client01").userName("sa").password("secret")
 *     .appName("tds-tls").serverName("db.example.com").database("master")
 *     .build();
 * byte[] payload = login.encode();              // password scrambled per 2.2.6.4
 * Login7 received = Login7.decode(payload);     // password unscrambled
 * }</pre>
 *
 * <p>The flag bytes are kept as ints (so that reserved bits survive a round trip); the bits that
 * matter have named accessors. A strict (TDS 8.0) client sends the version code 0x08000000.
 *
 * <p>{@link #toString()} never shows the password or the new password.
 */
public final class Login7 {

  /** OptionFlags2 fIntSecurity: integrated (SSPI) authentication. */
  public static final int OPTION2_INT_SECURITY = 0x80;
  /** OptionFlags2 fODBC: the client is an ODBC driver (sets ANSI options on login). */
  public static final int OPTION2_ODBC = 0x02;
  /** OptionFlags2 fLanguage: fail the login if the initial language cannot be set. */
  public static final int OPTION2_LANGUAGE_FATAL = 0x01;
  /** OptionFlags1 fDatabase: fail the login if the initial database cannot be set. */
  public static final int OPTION1_DATABASE_FATAL = 0x40;
  /** OptionFlags1 fSetLang: send an ENVCHANGE for the language. */
  public static final int OPTION1_SET_LANG = 0x80;
  /** OptionFlags1 fUseDB: send an ENVCHANGE for the database. */
  public static final int OPTION1_USE_DB = 0x20;
  /** TypeFlags fReadOnlyIntent: the application only reads (availability group routing). */
  public static final int TYPE_READ_ONLY_INTENT = 0x20;
  /** OptionFlags3 fChangePassword: the login changes the password. */
  public static final int OPTION3_CHANGE_PASSWORD = 0x01;
  /** OptionFlags3 fUserInstance: ask for a user instance. */
  public static final int OPTION3_USER_INSTANCE = 0x02;
  /** OptionFlags3 fUnknownCollationHandling: the client accepts any collation. */
  public static final int OPTION3_UNKNOWN_COLLATION_HANDLING = 0x08;
  /** OptionFlags3 fExtension: ibExtension points to a FeatureExt block (TDS 7.4). */
  public static final int OPTION3_EXTENSION = 0x10;

  private final int tdsVersionCode;
  private final int packetSize;
  private final int clientProgVersion;
  private final int clientPid;
  private final int connectionId;
  private final int optionFlags1;
  private final int optionFlags2;
  private final int typeFlags;
  private final int optionFlags3;
  private final int clientTimeZone;
  private final int clientLcid;
  private final String hostName;
  private final String userName;
  private final String password;
  private final String appName;
  private final String serverName;
  private final String clientInterfaceName;
  private final String language;
  private final String database;
  private final byte[] clientId;
  private final byte[] sspi;
  private final String attachDbFile;
  private final String changePassword;
  private final List<FeatureExt> featureExt;

  Login7(Login7Builder b) {
    this.tdsVersionCode = b.tdsVersionCode;
    this.packetSize = b.packetSize;
    this.clientProgVersion = b.clientProgVersion;
    this.clientPid = b.clientPid;
    this.connectionId = b.connectionId;
    this.optionFlags1 = b.optionFlags1 & 0xFF;
    this.optionFlags2 = b.optionFlags2 & 0xFF;
    this.typeFlags = b.typeFlags & 0xFF;
    this.optionFlags3 = (b.featureExt.isEmpty() ? b.optionFlags3 : b.optionFlags3 | OPTION3_EXTENSION) & 0xFF;
    this.clientTimeZone = b.clientTimeZone;
    this.clientLcid = b.clientLcid;
    this.hostName = b.hostName;
    this.userName = b.userName;
    this.password = b.password;
    this.appName = b.appName;
    this.serverName = b.serverName;
    this.clientInterfaceName = b.clientInterfaceName;
    this.language = b.language;
    this.database = b.database;
    this.clientId = b.clientId.clone();
    this.sspi = b.sspi.clone();
    this.attachDbFile = b.attachDbFile;
    this.changePassword = b.changePassword;
    this.featureExt = List.copyOf(b.featureExt);
  }

  /**
   * Starts a builder with the defaults: TDS 7.4, packet size 4096, every text empty, no flags.
   *
   * @return a new builder
   */
  public static Login7Builder builder() {
    return new Login7Builder();
  }

  /**
   * Returns a builder holding this message's values, to derive a changed copy.
   *
   * @return a new builder
   */
  public Login7Builder toBuilder() {
    return new Login7Builder(this);
  }

  /**
   * Encodes the message payload (without packet headers), scrambling the password and the new
   * password.
   *
   * @return the LOGIN7 payload
   * @throws IllegalArgumentException if a text field is longer than the 65535 characters an
   *     offset/length pair can describe, or the message would exceed its 32-bit length
   */
  public byte[] encode() {
    return Login7Encoder.encode(this);
  }

  /**
   * Decodes a LOGIN7 payload (server side), unscrambling the password and the new password.
   *
   * <p>Every offset and length is checked against the payload and against the declared total
   * length before anything is read; the FeatureExt block is read only when fExtension is set.
   * The TDS 7.0/7.1 layout (an 86-byte fixed part without ChangePassword and cbSSPILong) is
   * recognised when the variable data starts before offset 94.
   *
   * @param payload the message payload, packets already reassembled
   * @return the message
   * @throws TdsProtocolException naming the field and the offset, if the payload is malformed
   */
  public static Login7 decode(byte[] payload) throws TdsProtocolException {
    return Login7Decoder.decode(payload);
  }

  /**
   * Returns the TDS version code as sent (little-endian on the wire).
   *
   * @return for example {@code 0x74000004}
   */
  public int tdsVersionCode() {
    return tdsVersionCode;
  }

  /**
   * Returns the TDS version, when the code is a known one.
   *
   * @return the version, or empty for an unknown code
   */
  public Optional<TdsVersion> tdsVersion() {
    return Optional.ofNullable(TdsVersion.fromCode(tdsVersionCode));
  }

  /**
   * Returns the requested packet size.
   *
   * @return the size in bytes
   */
  public int packetSize() {
    return packetSize;
  }

  /**
   * Returns the client library's version.
   *
   * @return the 4-byte value as sent
   */
  public int clientProgVersion() {
    return clientProgVersion;
  }

  /**
   * Returns the client's process id.
   *
   * @return the process id
   */
  public int clientPid() {
    return clientPid;
  }

  /**
   * Returns the connection id (0, or the id of a primary server connection).
   *
   * @return the connection id
   */
  public int connectionId() {
    return connectionId;
  }

  /**
   * Returns OptionFlags1.
   *
   * @return the byte, 0..255
   */
  public int optionFlags1() {
    return optionFlags1;
  }

  /**
   * Returns OptionFlags2.
   *
   * @return the byte, 0..255
   */
  public int optionFlags2() {
    return optionFlags2;
  }

  /**
   * Returns TypeFlags.
   *
   * @return the byte, 0..255
   */
  public int typeFlags() {
    return typeFlags;
  }

  /**
   * Returns OptionFlags3.
   *
   * @return the byte, 0..255
   */
  public int optionFlags3() {
    return optionFlags3;
  }

  /**
   * Tells whether fReadOnlyIntent is set (TypeFlags 0x20).
   *
   * @return whether the client declared a read-only workload
   */
  public boolean readOnlyIntent() {
    return (typeFlags & TYPE_READ_ONLY_INTENT) != 0;
  }

  /**
   * Tells whether fIntSecurity is set (OptionFlags2 0x80): the login uses SSPI, not a password.
   *
   * @return whether integrated security is requested
   */
  public boolean integratedSecurity() {
    return (optionFlags2 & OPTION2_INT_SECURITY) != 0;
  }

  /**
   * Tells whether fChangePassword is set (OptionFlags3 0x01).
   *
   * @return whether the login changes the password
   */
  public boolean changesPassword() {
    return (optionFlags3 & OPTION3_CHANGE_PASSWORD) != 0;
  }

  /**
   * Tells whether fExtension is set (OptionFlags3 0x10): a FeatureExt block is present.
   *
   * @return whether the message carries a FeatureExt block
   */
  public boolean hasExtension() {
    return (optionFlags3 & OPTION3_EXTENSION) != 0;
  }

  /**
   * Returns the client's time zone (unused by servers).
   *
   * @return minutes, as sent
   */
  public int clientTimeZone() {
    return clientTimeZone;
  }

  /**
   * Returns the client's LCID.
   *
   * @return for example {@code 0x0409}
   */
  public int clientLcid() {
    return clientLcid;
  }

  /**
   * Returns the client machine name.
   *
   * @return the host name, possibly empty
   */
  public String hostName() {
    return hostName;
  }

  /**
   * Returns the login name.
   *
   * @return the user name, possibly empty
   */
  public String userName() {
    return userName;
  }

  /**
   * Returns the password, in clear.
   *
   * @return the password, possibly empty
   */
  public String password() {
    return password;
  }

  /**
   * Returns the application name.
   *
   * @return the name, possibly empty
   */
  public String appName() {
    return appName;
  }

  /**
   * Returns the server name the client connected to.
   *
   * @return the name, possibly empty
   */
  public String serverName() {
    return serverName;
  }

  /**
   * Returns the client interface library name.
   *
   * @return for example {@code "ODBC"}
   */
  public String clientInterfaceName() {
    return clientInterfaceName;
  }

  /**
   * Returns the initial language.
   *
   * @return the language, possibly empty
   */
  public String language() {
    return language;
  }

  /**
   * Returns the initial database.
   *
   * @return the database, possibly empty
   */
  public String database() {
    return database;
  }

  /**
   * Returns the client id (usually a MAC address).
   *
   * @return a copy of the 6 bytes
   */
  public byte[] clientId() {
    return clientId.clone();
  }

  /**
   * Returns the SSPI data.
   *
   * @return a copy, possibly empty
   */
  public byte[] sspi() {
    return sspi.clone();
  }

  /**
   * Returns the database file to attach.
   *
   * @return the file name, possibly empty
   */
  public String attachDbFile() {
    return attachDbFile;
  }

  /**
   * Returns the new password, in clear.
   *
   * @return the new password, possibly empty
   */
  public String changePassword() {
    return changePassword;
  }

  /**
   * Returns the features of the FeatureExt block.
   *
   * @return an unmodifiable list, empty when there is no block
   */
  public List<FeatureExt> featureExt() {
    return featureExt;
  }

  /**
   * Returns the FEDAUTH FeatureExt, decoded.
   *
   * @return the feature, if the login carries one
   * @throws TdsProtocolException if the FEDAUTH data is malformed
   */
  public Optional<FedAuthFeature> fedAuth() throws TdsProtocolException {
    for (FeatureExt f : featureExt) {
      if (f.id() == FedAuthFeature.FEATURE_ID) {
        return Optional.of(FedAuthFeature.decode(f));
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Login7 l)) {
      return false;
    }
    return tdsVersionCode == l.tdsVersionCode && packetSize == l.packetSize
        && clientProgVersion == l.clientProgVersion && clientPid == l.clientPid
        && connectionId == l.connectionId && optionFlags1 == l.optionFlags1
        && optionFlags2 == l.optionFlags2 && typeFlags == l.typeFlags
        && optionFlags3 == l.optionFlags3 && clientTimeZone == l.clientTimeZone
        && clientLcid == l.clientLcid && hostName.equals(l.hostName)
        && userName.equals(l.userName) && password.equals(l.password)
        && appName.equals(l.appName) && serverName.equals(l.serverName)
        && clientInterfaceName.equals(l.clientInterfaceName) && language.equals(l.language)
        && database.equals(l.database) && Arrays.equals(clientId, l.clientId)
        && Arrays.equals(sspi, l.sspi) && attachDbFile.equals(l.attachDbFile)
        && changePassword.equals(l.changePassword) && featureExt.equals(l.featureExt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tdsVersionCode, packetSize, hostName, userName, appName, serverName,
        database, Arrays.hashCode(clientId), featureExt);
  }

  @Override
  public String toString() {
    return String.format("Login7[version=0x%08X, packetSize=%d, host=%s, user=%s, app=%s,"
        + " server=%s, interface=%s, database=%s, language=%s, flags=%02X/%02X/%02X/%02X,"
        + " sspi=%d bytes, features=%s, password=<hidden>]", tdsVersionCode, packetSize, hostName,
        userName, appName, serverName, clientInterfaceName, database, language, optionFlags1,
        optionFlags2, typeFlags, optionFlags3, sspi.length, featureExt);
  }
}
