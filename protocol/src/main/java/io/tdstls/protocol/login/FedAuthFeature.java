package io.tdstls.protocol.login;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.types.WireReader;
import io.tdstls.protocol.types.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The FEDAUTH FeatureExt (feature id 0x02, [MS-TDS] 2.2.6.4) of a LOGIN7.
 *
 * <p>Wire layout of the feature data: one options byte, {@code bFedAuthLibrary << 1 |
 * fFedAuthEcho} (the echo flag is the low bit), then for {@link FedAuthLibrary#SECURITY_TOKEN} a
 * DWORD length and the token in UTF-16LE, then the server's 32-byte PRELOGIN nonce if it sent one;
 * for {@link FedAuthLibrary#MSAL} a single workflow byte.
 *
 * <p>{@link #toString()} never shows the token.
 */
public final class FedAuthFeature {

  /** The FeatureExt id of FEDAUTH. */
  public static final int FEATURE_ID = 0x02;
  /** Size of the PRELOGIN NONCEOPT value echoed by the client. */
  public static final int NONCE_SIZE = 32;
  private static final String WHAT = "FEDAUTH FeatureExt";

  private final FedAuthLibrary library;
  private final boolean echo;
  private final String token;
  private final byte[] nonce;
  private final FedAuthWorkflow workflow;

  private FedAuthFeature(FedAuthLibrary library, boolean echo, String token, byte[] nonce,
      FedAuthWorkflow workflow) {
    this.library = library;
    this.echo = echo;
    this.token = token;
    this.nonce = nonce;
    this.workflow = workflow;
  }

  /**
   * A security-token login: the token travels inside LOGIN7.
   *
   * @param token the access token (for Entra ID, the JWT text)
   * @param echo fFedAuthEcho: {@code true} when the server's PRELOGIN had FEDAUTHREQUIRED = 1
   * @param nonce the server's 32-byte PRELOGIN nonce to echo, or {@code null}
   * @return the feature
   * @throws IllegalArgumentException if the token is empty or the nonce is not 32 bytes
   */
  public static FedAuthFeature securityToken(String token, boolean echo, byte[] nonce) {
    Objects.requireNonNull(token, "token");
    if (token.isEmpty()) {
      throw new IllegalArgumentException("the access token is empty");
    }
    return new FedAuthFeature(FedAuthLibrary.SECURITY_TOKEN, echo, token, checkNonce(nonce), null);
  }

  /**
   * An information-request login: the server answers with FEDAUTHINFO first.
   *
   * @param workflow how the client will get its token
   * @param echo fFedAuthEcho: {@code true} when the server's PRELOGIN had FEDAUTHREQUIRED = 1
   * @return the feature
   */
  public static FedAuthFeature infoRequest(FedAuthWorkflow workflow, boolean echo) {
    return new FedAuthFeature(FedAuthLibrary.MSAL, echo, null, null,
        Objects.requireNonNull(workflow, "workflow"));
  }

  private static byte[] checkNonce(byte[] nonce) {
    if (nonce != null && nonce.length != NONCE_SIZE) {
      throw new IllegalArgumentException("the nonce is " + NONCE_SIZE + " bytes, was " + nonce.length);
    }
    return nonce == null ? null : nonce.clone();
  }

  /**
   * Returns the library.
   *
   * @return the library
   */
  public FedAuthLibrary library() {
    return library;
  }

  /**
   * Returns fFedAuthEcho.
   *
   * @return whether the client echoes the server's FEDAUTHREQUIRED
   */
  public boolean echo() {
    return echo;
  }

  /**
   * Returns the token of a security-token login.
   *
   * @return the token, empty for the information-request flow
   */
  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  /**
   * Returns the echoed nonce.
   *
   * @return a copy of the 32 bytes, if present
   */
  public Optional<byte[]> nonce() {
    return Optional.ofNullable(nonce).map(byte[]::clone);
  }

  /**
   * Returns the workflow of an information-request login.
   *
   * @return the workflow, empty for a security-token login
   */
  public Optional<FedAuthWorkflow> workflow() {
    return Optional.ofNullable(workflow);
  }

  /**
   * Encodes as a LOGIN7 FeatureExt.
   *
   * @return the feature (id 0x02)
   */
  public FeatureExt toFeatureExt() {
    WireWriter w = new WireWriter();
    w.u8(library.code() << 1 | (echo ? 1 : 0));
    if (library == FedAuthLibrary.SECURITY_TOKEN) {
      byte[] t = token.getBytes(StandardCharsets.UTF_16LE);
      w.i32(t.length).bytes(t);
      if (nonce != null) {
        w.bytes(nonce);
      }
    } else {
      w.u8(workflow.code());
    }
    return new FeatureExt(FEATURE_ID, w.toByteArray());
  }

  /**
   * Decodes the data of a FEDAUTH FeatureExt.
   *
   * @param feature the feature; its id must be 0x02
   * @return the decoded feature
   * @throws TdsProtocolException if the data is truncated, has trailing bytes, or names an
   *     unknown library or workflow
   */
  public static FedAuthFeature decode(FeatureExt feature) throws TdsProtocolException {
    if (feature.id() != FEATURE_ID) {
      throw new IllegalArgumentException("not a FEDAUTH feature: id " + feature.id());
    }
    WireReader r = new WireReader(WHAT, feature.data());
    int options = r.u8("Options");
    FedAuthLibrary library = FedAuthLibrary.fromCode(options >>> 1);
    boolean echo = (options & 1) != 0;
    FedAuthFeature out;
    if (library == FedAuthLibrary.SECURITY_TOKEN) {
      long n = r.u32("FedAuthTokenLen");
      if (n % 2 != 0 || n == 0) {
        throw r.error("FedAuthToken length " + n + " is not a non-empty UTF-16 string", 1);
      }
      String token = new String(r.bytes(n, "FedAuthToken"), StandardCharsets.UTF_16LE);
      byte[] nonce = r.hasRemaining() ? r.bytes(NONCE_SIZE, "Nonce") : null;
      out = new FedAuthFeature(library, echo, token, nonce, null);
    } else {
      out = new FedAuthFeature(library, echo, null, null, FedAuthWorkflow.fromCode(r.u8("Workflow")));
    }
    if (r.hasRemaining()) {
      throw r.error(r.remaining() + " unexpected bytes after the FEDAUTH data", r.position());
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FedAuthFeature f && f.library == library && f.echo == echo
        && Objects.equals(f.token, token) && Arrays.equals(f.nonce, nonce) && f.workflow == workflow;
  }

  @Override
  public int hashCode() {
    return Objects.hash(library, echo, token, workflow) * 31 + Arrays.hashCode(nonce);
  }

  @Override
  public String toString() {
    return "FedAuthFeature[" + library + ", echo=" + echo
        + (token != null ? ", token=<" + token.length() + " chars hidden>" : "")
        + (nonce != null ? ", nonce" : "") + (workflow != null ? ", workflow=" + workflow : "") + "]";
  }
}
