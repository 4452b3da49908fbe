package io.tdstls.protocol.token;

import io.tdstls.protocol.login.FeatureExt;
import java.util.List;

/**
 * FEATUREEXTACK ([MS-TDS] 2.2.7.11): the features the server accepted from the LOGIN7 FeatureExt
 * block, with their acknowledgement data.
 *
 * @param features the features (copied)
 */
public record FeatureExtAck(List<FeatureExt> features) implements Token {

  /**
   * Copies.
   *
   * @param features the features
   */
  public FeatureExtAck {
    features = List.copyOf(features);
  }

  @Override
  public TokenType type() {
    return TokenType.FEATUREEXTACK;
  }
}
