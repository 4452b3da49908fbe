package io.tdstls.cli.demo;

import io.tdstls.negotiation.ServerPolicy;
import io.tdstls.negotiation.StrictPolicy;
import io.tdstls.protocol.encryption.ClientCertPolicy;
import io.tdstls.protocol.encryption.ServerEncryption;

/** The server policies the demo runs the client against, one diagnostic endpoint each. */
public enum DemoPolicy {
  /** Encryption available, not forced; strict allowed (SQL Server 2022's default). */
  AVAILABLE("available", ServerEncryption.AVAILABLE, StrictPolicy.ALLOWED),
  /** Force Encryption; strict allowed. */
  FORCED("forced", ServerEncryption.FORCED, StrictPolicy.ALLOWED),
  /** No certificate, no TLS at all. */
  NOT_SUPPORTED("not-supported", ServerEncryption.NOT_SUPPORTED, StrictPolicy.DISABLED),
  /** Force Strict Encryption: TDS 7.x logins refused with error 17819. */
  STRICT_REQUIRED("strict-required", ServerEncryption.AVAILABLE, StrictPolicy.REQUIRED);

  private final String label;
  private final ServerEncryption encryption;
  private final StrictPolicy strict;

  DemoPolicy(String label, ServerEncryption encryption, StrictPolicy strict) {
    this.label = label;
    this.encryption = encryption;
    this.strict = strict;
  }

  /**
   * Returns the name shown in the table.
   *
   * @return for example {@code not-supported}
   */
  public String label() {
    return label;
  }

  /**
   * Returns the server policy.
   *
   * @return the policy, with MS-TDS CLIENT_CERT rules
   */
  public ServerPolicy serverPolicy() {
    return new ServerPolicy(encryption, ClientCertPolicy.MS_TDS, strict);
  }

  /**
   * Tells whether the endpoint needs a certificate.
   *
   * @return false only for {@link #NOT_SUPPORTED}
   */
  public boolean usesTls() {
    return encryption != ServerEncryption.NOT_SUPPORTED;
  }
}
