package io.tdstls.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsConfigException;
import io.tdstls.negotiation.TlsNegotiationMode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class ProtocolVersionsTest {

  @Property(tries = 1000)
  void enabledVersionsRespectRangePathAndLegacySwitch(@ForAll TlsVersion min, @ForAll TlsVersion max,
      @ForAll boolean legacy, @ForAll TlsNegotiationMode path) {
    Assume.that(min.compareTo(max) <= 0);
    List<TlsVersion> expected = new ArrayList<>();
    for (TlsVersion v : TlsVersion.values()) {
      if (v.compareTo(min) >= 0 && v.compareTo(max) <= 0 && (legacy || !v.isLegacy())
          && (path == TlsNegotiationMode.STRICT ? !v.isLegacy() : v != TlsVersion.TLS_1_3)) {
        expected.add(0, v);
      }
    }
    if (expected.isEmpty()) {
      assertThatThrownBy(() -> ProtocolVersions.enabled(min, max, legacy, path)).isInstanceOf(TdsConfigException.class);
      return;
    }
    String[] enabled = ProtocolVersions.enabled(min, max, legacy, path);
    assertThat(enabled).containsExactly(expected.stream().map(TlsVersion::javaName).toArray(String[]::new));
    if (path == TlsNegotiationMode.POST_PRE_LOGIN) {
      assertThat(enabled).doesNotContain("TLSv1.3");
    }
  }
}
