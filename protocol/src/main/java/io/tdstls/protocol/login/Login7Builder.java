package io.tdstls.protocol.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Login7}. Every field starts at a neutral default (TDS 7.4, packet size 4096,
 * LCID 0x0409, empty texts, zero flags, a zero client id), so only what matters is set:
 *
 * <pre>{@code
 * Login7 login = Login7.builder().userName("sa").password("secret").database("master").build();
 * }</pre>
 */
public final class Login7Builder {
  int tdsVersionCode = TdsVersion.V7_4.code();
  int packetSize = 4096;
  int clientProgVersion = 0;
  int clientPid = 0;
  int connectionId = 0;
  int optionFlags1 = 0;
  int optionFlags2 = 0;
  int typeFlags = 0;
  int optionFlags3 = 0;
  int clientTimeZone = 0;
  int clientLcid = 0x0409;
  String hostName = "";
  String userName = "";
  String password = "";
  String appName = "";
  String serverName = "";
  String clientInterfaceName = "";
  String language = "";
  String database = "";
  String attachDbFile = "";
  String changePassword = "";
  byte[] clientId = new byte[6];
  byte[] sspi = new byte[0];
  List<FeatureExt> featureExt = new ArrayList<>();

  Login7Builder() {}

  Login7Builder(Login7 l) {
    this.tdsVersionCode = l.tdsVersionCode();
    this.packetSize = l.packetSize();
    this.clientProgVersion = l.clientProgVersion();
    this.clientPid = l.clientPid();
    this.connectionId = l.connectionId();
    this.optionFlags1 = l.optionFlags1();
    this.optionFlags2 = l.optionFlags2();
    this.typeFlags = l.typeFlags();
    this.optionFlags3 = l.optionFlags3();
    this.clientTimeZone = l.clientTimeZone();
    this.clientLcid = l.clientLcid();
    this.hostName = l.hostName();
    this.userName = l.userName();
    this.password = l.password();
    this.appName = l.appName();
    this.serverName = l.serverName();
    this.clientInterfaceName = l.clientInterfaceName();
    this.language = l.language();
    this.database = l.database();
    this.attachDbFile = l.attachDbFile();
    this.changePassword = l.changePassword();
    this.clientId = l.clientId();
    this.sspi = l.sspi();
    this.featureExt = new ArrayList<>(l.featureExt());
  }

  /**
   * Sets a known TDS version.
   *
   * @param version the version; {@link TdsVersion#V8_0} for a strict connection
   * @return this builder
   */
  public Login7Builder tdsVersion(TdsVersion version) {
    this.tdsVersionCode = version.code();
    return this;
  }

  /**
   * Sets the TDS version code (see {@link #tdsVersion(TdsVersion)} for the known ones).
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder tdsVersionCode(int value) {
    this.tdsVersionCode = value;
    return this;
  }

  /**
   * Sets the requested packet size, in bytes.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder packetSize(int value) {
    this.packetSize = value;
    return this;
  }

  /**
   * Sets the client library's version, as 4 bytes.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder clientProgVersion(int value) {
    this.clientProgVersion = value;
    return this;
  }

  /**
   * Sets the client's process id.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder clientPid(int value) {
    this.clientPid = value;
    return this;
  }

  /**
   * Sets the connection id, usually 0.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder connectionId(int value) {
    this.connectionId = value;
    return this;
  }

  /**
   * Sets OptionFlags1, 0..255.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder optionFlags1(int value) {
    this.optionFlags1 = value;
    return this;
  }

  /**
   * Sets OptionFlags2, 0..255.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder optionFlags2(int value) {
    this.optionFlags2 = value;
    return this;
  }

  /**
   * Sets TypeFlags, 0..255.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder typeFlags(int value) {
    this.typeFlags = value;
    return this;
  }

  /**
   * Sets OptionFlags3, 0..255 (fExtension is added when features are set).
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder optionFlags3(int value) {
    this.optionFlags3 = value;
    return this;
  }

  /**
   * Sets the client's time zone, in minutes.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder clientTimeZone(int value) {
    this.clientTimeZone = value;
    return this;
  }

  /**
   * Sets the client's LCID.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder clientLcid(int value) {
    this.clientLcid = value;
    return this;
  }

  /**
   * Sets the client machine name.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder hostName(String value) {
    this.hostName = Objects.requireNonNull(value, "hostName");
    return this;
  }

  /**
   * Sets the login name.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder userName(String value) {
    this.userName = Objects.requireNonNull(value, "userName");
    return this;
  }

  /**
   * Sets the password, in clear (scrambled by the encoder).
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder password(String value) {
    this.password = Objects.requireNonNull(value, "password");
    return this;
  }

  /**
   * Sets the application name.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder appName(String value) {
    this.appName = Objects.requireNonNull(value, "appName");
    return this;
  }

  /**
   * Sets the server name the client connects to.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder serverName(String value) {
    this.serverName = Objects.requireNonNull(value, "serverName");
    return this;
  }

  /**
   * Sets the client interface library name.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder clientInterfaceName(String value) {
    this.clientInterfaceName = Objects.requireNonNull(value, "clientInterfaceName");
    return this;
  }

  /**
   * Sets the initial language.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder language(String value) {
    this.language = Objects.requireNonNull(value, "language");
    return this;
  }

  /**
   * Sets the initial database.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder database(String value) {
    this.database = Objects.requireNonNull(value, "database");
    return this;
  }

  /**
   * Sets the database file to attach.
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder attachDbFile(String value) {
    this.attachDbFile = Objects.requireNonNull(value, "attachDbFile");
    return this;
  }

  /**
   * Sets the new password, in clear (scrambled by the encoder).
   *
   * @param value the value
   * @return this builder
   */
  public Login7Builder changePassword(String value) {
    this.changePassword = Objects.requireNonNull(value, "changePassword");
    return this;
  }

  /**
   * Sets the client id (usually the MAC address).
   *
   * @param value exactly 6 bytes (copied)
   * @return this builder
   * @throws IllegalArgumentException if the array is not 6 bytes long
   */
  public Login7Builder clientId(byte[] value) {
    if (value.length != 6) {
      throw new IllegalArgumentException("the client id is 6 bytes, got " + value.length);
    }
    this.clientId = value.clone();
    return this;
  }

  /**
   * Sets the SSPI data (integrated authentication).
   *
   * @param value the bytes (copied)
   * @return this builder
   */
  public Login7Builder sspi(byte[] value) {
    this.sspi = value.clone();
    return this;
  }

  /**
   * Sets the features of the FeatureExt block; a non-empty list also sets fExtension.
   *
   * @param value the features, in order
   * @return this builder
   */
  public Login7Builder featureExt(List<FeatureExt> value) {
    this.featureExt = new ArrayList<>(value);
    return this;
  }

  /**
   * Builds the immutable message.
   *
   * @return the message
   */
  public Login7 build() {
    return new Login7(this);
  }

  /**
   * Adds (or replaces) the FEDAUTH FeatureExt, for an Entra ID / federated token login.
   *
   * @param value the feature
   * @return this builder
   */
  public Login7Builder fedAuth(FedAuthFeature value) {
    featureExt.removeIf(f -> f.id() == FedAuthFeature.FEATURE_ID);
    featureExt.add(0, value.toFeatureExt());
    return this;
  }
}
