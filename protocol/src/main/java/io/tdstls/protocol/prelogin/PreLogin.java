package io.tdstls.protocol.prelogin;

import io.tdstls.error.TdsProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable PRELOGIN message ([MS-TDS] 2.2.6.5), sent by clients and answered by servers.
 *
 * <p>Every option of the specification is represented; all but VERSION are optional, and an
 * option is encoded only when present. Values are built in the seed's style:
 *
 * <pre>{@code
 * PreLogin request = PreLogin.of(new Version(1, 0, 0, 0))
 *     .withEncryption(EncryptionValue.ON)
 *     .withInstance("MSSQLSERVER")
 *     .withMars(false);
 * byte[] payload = request.encode();
 * PreLogin reply = PreLogin.decode(replyPayload);
 * }</pre>
 *
 * <p>{@link #decode(byte[])} skips unknown option tokens (forward compatibility) and rejects, with a
 * {@link TdsProtocolException} naming the option and the offset: a missing terminator, a data
 * offset outside the payload or inside the option table, overlapping option data, a repeated
 * option, a wrong option length, and truncated data.
 */
public final class PreLogin {

  private final Version version;
  private final EncryptionValue encryption;
  private final String instance;
  private final ThreadId threadId;
  private final Boolean mars;
  private final TraceId traceId;
  private final Boolean fedAuthRequired;
  private final byte[] nonce;

  private PreLogin(
      Version version,
      EncryptionValue encryption,
      String instance,
      ThreadId threadId,
      Boolean mars,
      TraceId traceId,
      Boolean fedAuthRequired,
      byte[] nonce) {
    this.version = Objects.requireNonNull(version, "version");
    this.encryption = encryption;
    this.instance = instance;
    this.threadId = threadId;
    this.mars = mars;
    this.traceId = traceId;
    this.fedAuthRequired = fedAuthRequired;
    this.nonce = nonce;
  }

  /**
   * Returns a PRELOGIN with only a VERSION option.
   *
   * @param version the client's version, or the server's product version
   * @return the message
   */
  public static PreLogin of(Version version) {
    return new PreLogin(version, null, null, null, null, null, null, null);
  }

  /**
   * Returns a copy with another VERSION.
   *
   * @param version the client's version, or the server's product version
   * @return the new message
   */
  public PreLogin withVersion(Version version) {
    return new PreLogin(version, encryption, instance, threadId, mars, traceId, fedAuthRequired, nonce);
  }

  /**
   * Returns a copy with an ENCRYPTION option.
   *
   * @param encryption the value, or {@code null} to leave the option out
   * @return the new message
   */
  public PreLogin withEncryption(EncryptionValue encryption) {
    return new PreLogin(version, encryption, instance, threadId, mars, traceId, fedAuthRequired, nonce);
  }

  /**
   * Returns a copy with an INSTOPT option.
   *
   * @param instance the instance name (characters 0x00..0xFF only; empty for the default
   *     instance), or {@code null} to leave the option out
   * @return the new message
   */
  public PreLogin withInstance(String instance) {
    if (instance != null) {
      for (int i = 0; i < instance.length(); i++) {
        if (instance.charAt(i) > 0xFF) {
          throw new IllegalArgumentException("instance names are single-byte strings: " + instance);
        }
      }
    }
    return new PreLogin(version, encryption, instance, threadId, mars, traceId, fedAuthRequired, nonce);
  }

  /**
   * Returns a copy with a THREADID option.
   *
   * @param threadId the value (or {@link ThreadId#EMPTY}), or {@code null} to leave it out
   * @return the new message
   */
  public PreLogin withThreadId(ThreadId threadId) {
    return new PreLogin(version, encryption, instance, threadId, mars, traceId, fedAuthRequired, nonce);
  }

  /**
   * Returns a copy with a MARS option.
   *
   * @param mars whether MARS is requested, or {@code null} to leave the option out
   * @return the new message
   */
  public PreLogin withMars(Boolean mars) {
    return new PreLogin(version, encryption, instance, threadId, mars, traceId, fedAuthRequired, nonce);
  }

  /**
   * Returns a copy with a TRACEID option.
   *
   * @param traceId the trace id, or {@code null} to leave the option out
   * @return the new message
   */
  public PreLogin withTraceId(TraceId traceId) {
    return new PreLogin(version, encryption, instance, threadId, mars, traceId, fedAuthRequired, nonce);
  }

  /**
   * Returns a copy with a FEDAUTHREQUIRED option.
   *
   * @param fedAuthRequired the flag, or {@code null} to leave the option out
   * @return the new message
   */
  public PreLogin withFedAuthRequired(Boolean fedAuthRequired) {
    return new PreLogin(version, encryption, instance, threadId, mars, traceId, fedAuthRequired, nonce);
  }

  /**
   * Returns a copy with a NONCEOPT option.
   *
   * @param nonce 32 bytes, or {@code null} to leave the option out
   * @return the new message
   */
  public PreLogin withNonce(byte[] nonce) {
    if (nonce != null && nonce.length != 32) {
      throw new IllegalArgumentException("NONCEOPT is 32 bytes, was " + nonce.length);
    }
    return new PreLogin(version, encryption, instance, threadId, mars, traceId, fedAuthRequired,
        nonce == null ? null : nonce.clone());
  }

  /**
   * Returns the VERSION option: the client's version in a request, the server's product version
   * in a reply (see {@link Version}).
   *
   * @return the version
   */
  public Version version() {
    return version;
  }

  /**
   * Returns the ENCRYPTION option.
   *
   * @return the value, or empty if the option is absent
   */
  public Optional<EncryptionValue> encryption() {
    return Optional.ofNullable(encryption);
  }

  /**
   * Returns the INSTOPT option, without its terminator.
   *
   * @return the instance name, or empty if the option is absent
   */
  public Optional<String> instance() {
    return Optional.ofNullable(instance);
  }

  /**
   * Returns the THREADID option.
   *
   * @return the thread id, or empty if the option is absent
   */
  public Optional<ThreadId> threadId() {
    return Optional.ofNullable(threadId);
  }

  /**
   * Returns the MARS option.
   *
   * @return the flag, or empty if the option is absent
   */
  public Optional<Boolean> mars() {
    return Optional.ofNullable(mars);
  }

  /**
   * Returns the TRACEID option.
   *
   * @return the trace id, or empty if the option is absent
   */
  public Optional<TraceId> traceId() {
    return Optional.ofNullable(traceId);
  }

  /**
   * Returns the FEDAUTHREQUIRED option.
   *
   * @return the flag, or empty if the option is absent
   */
  public Optional<Boolean> fedAuthRequired() {
    return Optional.ofNullable(fedAuthRequired);
  }

  /**
   * Returns the NONCEOPT option.
   *
   * @return a copy of the 32 bytes, or empty if the option is absent
   */
  public Optional<byte[]> nonce() {
    return Optional.ofNullable(nonce).map(byte[]::clone);
  }

  /**
   * Encodes the message payload (without a packet header): the option table in token order, the
   * terminator, then each option's data in the same order.
   *
   * @return the payload bytes
   * @throws IllegalStateException if an option's offset or length does not fit the table's 16-bit
   *     fields (only with an instance name of tens of kilobytes)
   */
  public byte[] encode() {
    byte[][] data = new byte[PreLoginOption.values().length][];
    data[PreLoginOption.VERSION.ordinal()] = new byte[] {
        (byte) version.major(), (byte) version.minor(),
        (byte) (version.build() >> 8), (byte) version.build(),
        (byte) (version.subBuild() >> 8), (byte) version.subBuild()};
    if (encryption != null) {
      data[PreLoginOption.ENCRYPTION.ordinal()] = new byte[] {(byte) encryption.raw()};
    }
    if (instance != null) {
      byte[] s = instance.getBytes(StandardCharsets.ISO_8859_1);
      data[PreLoginOption.INSTOPT.ordinal()] = Arrays.copyOf(s, s.length + 1);
    }
    if (threadId != null) {
      data[PreLoginOption.THREADID.ordinal()] = threadId.value().isPresent()
          ? uint32BigEndian(threadId.value().getAsLong()) : new byte[0];
    }
    if (mars != null) {
      data[PreLoginOption.MARS.ordinal()] = new byte[] {(byte) (mars ? 1 : 0)};
    }
    if (traceId != null) {
      byte[] t = new byte[36];
      System.arraycopy(traceId.connectionId(), 0, t, 0, 16);
      System.arraycopy(traceId.activityId(), 0, t, 16, 16);
      long s = traceId.sequence();
      for (int i = 0; i < 4; i++) {
        t[32 + i] = (byte) (s >>> (8 * i));
      }
      data[PreLoginOption.TRACEID.ordinal()] = t;
    }
    if (fedAuthRequired != null) {
      data[PreLoginOption.FEDAUTHREQUIRED.ordinal()] = new byte[] {(byte) (fedAuthRequired ? 1 : 0)};
    }
    if (nonce != null) {
      data[PreLoginOption.NONCEOPT.ordinal()] = nonce.clone();
    }
    int present = 0;
    for (byte[] d : data) {
      present += d == null ? 0 : 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int offset = present * 5 + 1;
    for (PreLoginOption o : PreLoginOption.values()) {
      byte[] d = data[o.ordinal()];
      if (d != null) {
        checkFitsSixteenBits(o, offset, d.length);
        out.write(o.token());
        out.write(offset >> 8);
        out.write(offset);
        out.write(d.length >> 8);
        out.write(d.length);
        offset += d.length;
      }
    }
    out.write(PreLoginOption.TERMINATOR);
    for (byte[] d : data) {
      if (d != null) {
        out.write(d, 0, d.length);
      }
    }
    return out.toByteArray();
  }

  private static void checkFitsSixteenBits(PreLoginOption option, int offset, int length) {
    if (offset > 0xFFFF || length > 0xFFFF) {
      throw new IllegalStateException("this PRELOGIN is too large to encode: option " + option + " at offset "
          + offset + " with length " + length + " does not fit the 16-bit fields of the option table;"
          + " use a shorter instance name");
    }
  }

  private static byte[] uint32BigEndian(long v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  /**
   * Decodes a PRELOGIN payload (the message bytes after the packet header).
   *
   * @param payload the payload
   * @return the message
   * @throws TdsProtocolException if the payload is malformed, naming the option and offset
   */
  public static PreLogin decode(byte[] payload) throws TdsProtocolException {
    return PreLoginDecoder.decode(payload);
  }

  static PreLogin fromParts(
      Version version,
      EncryptionValue encryption,
      String instance,
      ThreadId threadId,
      Boolean mars,
      TraceId traceId,
      Boolean fedAuthRequired,
      byte[] nonce) {
    return new PreLogin(version, encryption, instance, threadId, mars, traceId, fedAuthRequired, nonce);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PreLogin)) {
      return false;
    }
    PreLogin p = (PreLogin) o;
    return version.equals(p.version)
        && Objects.equals(encryption, p.encryption)
        && Objects.equals(instance, p.instance)
        && Objects.equals(threadId, p.threadId)
        && Objects.equals(mars, p.mars)
        && Objects.equals(traceId, p.traceId)
        && Objects.equals(fedAuthRequired, p.fedAuthRequired)
        && Arrays.equals(nonce, p.nonce);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, encryption, instance, threadId, mars, traceId, fedAuthRequired)
        * 31 + Arrays.hashCode(nonce);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("PreLogin{version=").append(version);
    if (encryption != null) {
      b.append(", encryption=").append(encryption);
    }
    if (instance != null) {
      b.append(", instance='").append(instance).append('\'');
    }
    if (threadId != null) {
      b.append(", threadId=").append(threadId);
    }
    if (mars != null) {
      b.append(", mars=").append(mars);
    }
    if (traceId != null) {
      b.append(", traceId=").append(traceId);
    }
    if (fedAuthRequired != null) {
      b.append(", fedAuthRequired=").append(fedAuthRequired);
    }
    if (nonce != null) {
      b.append(", nonce=").append(java.util.HexFormat.of().formatHex(nonce));
    }
    return b.append('}').toString();
  }
}
