package io.tdstls.protocol.token;

import io.tdstls.protocol.types.Collation;
import io.tdstls.protocol.types.WireText;
import java.util.Arrays;
import java.util.Objects;

/**
 * ENVCHANGE ([MS-TDS] 2.2.7.9): an environment change, in one of four shapes by value format.
 *
 * <pre>{@code
 * EnvChange.database("mydb", "master");
 * EnvChange.packetSize(8000, 4096);
 * EnvChange.Binary.collation(Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);
 * EnvChange.routing("replica.example.com", 1433);
 * }</pre>
 */
public sealed interface EnvChange extends Token
    permits EnvChange.Text, EnvChange.Binary, EnvChange.Routing, EnvChange.Other {

  /**
   * Returns the ENVCHANGE type code.
   *
   * @return the code
   */
  int typeCode();

  @Override
  default TokenType type() {
    return TokenType.ENVCHANGE;
  }

  /**
   * Returns a database change (type 1).
   *
   * @param newDatabase the database now in use
   * @param oldDatabase the previous one, or empty
   * @return the change
   */
  static EnvChange database(String newDatabase, String oldDatabase) {
    return new Text(EnvChangeType.DATABASE, newDatabase, oldDatabase);
  }

  /**
   * Returns a language change (type 2).
   *
   * @param newLanguage the language now in use, for example {@code "us_english"}
   * @param oldLanguage the previous one, or empty
   * @return the change
   */
  static EnvChange language(String newLanguage, String oldLanguage) {
    return new Text(EnvChangeType.LANGUAGE, newLanguage, oldLanguage);
  }

  /**
   * Returns a packet size change (type 4), sent in the login response.
   *
   * @param newSize the packet size both sides use from the next message on, 512..32767
   * @param oldSize the size requested or used before
   * @return the change
   */
  static EnvChange packetSize(int newSize, int oldSize) {
    return new Text(EnvChangeType.PACKET_SIZE, Integer.toString(newSize), Integer.toString(oldSize));
  }

  /**
   * Returns a routing change (type 20), sent after LOGINACK to send the client elsewhere.
   *
   * @param server the alternate server
   * @param port its TCP port
   * @return the change
   */
  static EnvChange routing(String server, int port) {
    return new Routing(0, port, server);
  }

  /**
   * A change with text values (database, language, packet size...).
   *
   * @param changeType a type with {@link EnvChangeType.Format#TEXT}
   * @param newValue the new value, at most 255 characters
   * @param oldValue the old value, at most 255 characters
   */
  record Text(EnvChangeType changeType, String newValue, String oldValue) implements EnvChange {
    /**
     * Validates, and cuts values to the 255 characters of their B_VARCHAR (a database name may
     * come from a peer's LOGIN7 or USE).
     *
     * @param changeType a type with {@link EnvChangeType.Format#TEXT}
     * @param newValue the new value
     * @param oldValue the old value
     * @throws IllegalArgumentException if the type has another format
     */
    public Text {
      if (changeType.format() != EnvChangeType.Format.TEXT) {
        throw new IllegalArgumentException(changeType + " does not carry text values");
      }
      Objects.requireNonNull(newValue, "newValue");
      Objects.requireNonNull(oldValue, "oldValue");
      newValue = WireText.cut(newValue, WireText.B_VARCHAR_MAX);
      oldValue = WireText.cut(oldValue, WireText.B_VARCHAR_MAX);
    }

    @Override
    public int typeCode() {
      return changeType.code();
    }
  }

  /**
   * A change with binary values (collation, transactions, reset connection).
   *
   * @param changeType a type with {@link EnvChangeType.Format#BYTES}
   * @param newValue the new value, at most 255 bytes (copied)
   * @param oldValue the old value, at most 255 bytes (copied)
   */
  record Binary(EnvChangeType changeType, byte[] newValue, byte[] oldValue) implements EnvChange {
    /**
     * Validates and copies.
     *
     * @param changeType a type with {@link EnvChangeType.Format#BYTES}
     * @param newValue the new value
     * @param oldValue the old value
     * @throws IllegalArgumentException if the type has another format
     */
    public Binary {
      if (changeType.format() != EnvChangeType.Format.BYTES) {
        throw new IllegalArgumentException(changeType + " does not carry binary values");
      }
      newValue = newValue.clone();
      oldValue = oldValue.clone();
    }

    /**
     * Returns the SQL collation change a server sends after login.
     *
     * @param collation the new collation
     * @return the change, with an empty old value
     */
    public static Binary collation(Collation collation) {
      return new Binary(EnvChangeType.SQL_COLLATION, collation.toBytes(), new byte[0]);
    }

    /**
     * Returns a copy of the new value.
     *
     * @return the bytes
     */
    @Override
    public byte[] newValue() {
      return newValue.clone();
    }

    /**
     * Returns a copy of the old value.
     *
     * @return the bytes
     */
    @Override
    public byte[] oldValue() {
      return oldValue.clone();
    }

    @Override
    public int typeCode() {
      return changeType.code();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Binary b && b.changeType == changeType
          && Arrays.equals(b.newValue, newValue) && Arrays.equals(b.oldValue, oldValue);
    }

    @Override
    public int hashCode() {
      return Objects.hash(changeType, Arrays.hashCode(newValue), Arrays.hashCode(oldValue));
    }

    @Override
    public String toString() {
      return "Binary[" + changeType + ", new=" + newValue.length + " bytes, old=" + oldValue.length
          + " bytes]";
    }
  }

  /**
   * A routing change (type 20): the client must reconnect to another server.
   *
   * @param protocol 0 for TCP
   * @param port the TCP port
   * @param alternateServer the server to connect to
   */
  record Routing(int protocol, int port, String alternateServer) implements EnvChange {
    /**
     * Validates.
     *
     * @param protocol 0..255
     * @param port 0..65535
     * @param alternateServer the server name
     * @throws IllegalArgumentException if a value is out of range
     */
    public Routing {
      Objects.requireNonNull(alternateServer, "alternateServer");
      if ((protocol & ~0xFF) != 0 || (port & ~0xFFFF) != 0 || alternateServer.length() > 0xFFFF) {
        throw new IllegalArgumentException("routing field out of range");
      }
    }

    @Override
    public int typeCode() {
      return EnvChangeType.ROUTING.code();
    }
  }

  /**
   * A change this library does not interpret: the bytes after the type byte, as sent.
   *
   * @param typeCode the type code
   * @param data the raw value bytes (copied)
   */
  record Other(int typeCode, byte[] data) implements EnvChange {
    /**
     * Copies.
     *
     * @param typeCode the type code
     * @param data the raw value bytes
     */
    public Other {
      data = data.clone();
    }

    /**
     * Returns a copy of the raw value bytes.
     *
     * @return the bytes
     */
    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Other x && x.typeCode == typeCode && Arrays.equals(x.data, data);
    }

    @Override
    public int hashCode() {
      return 31 * typeCode + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Other[type=" + typeCode + ", " + data.length + " bytes]";
    }
  }
}
