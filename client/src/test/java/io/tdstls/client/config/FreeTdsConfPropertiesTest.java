package io.tdstls.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tdstls.client.ConnectionConfig;
import io.tdstls.error.TdsConfigException;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.tls.TlsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class FreeTdsConfPropertiesTest {

  @Provide
  Arbitrary<String> lines() {
    List<String> keys = new ArrayList<>(FreeTdsKeys.USED);
    keys.addAll(FreeTdsKeys.IGNORED);
    Arbitrary<String> line = Arbitraries.oneOf(
        Arbitraries.of(keys).flatMap(k -> Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc019.:;#[]\\ -").ofMaxLength(20),
                Arbitraries.of("yes", "no", "7.4", "8.0", "strict", "require", "system", "0", "-1", "auto", ""))
            .map(v -> k + " = " + v)),
        Arbitraries.of("[global]", "[s]", "[S ]", "[", "]", "; comment", "# comment", "=", "", "[s]x", "\u0000"),
        Arbitraries.strings().withChars("=[];# \tabs").ofMaxLength(15),
        Arbitraries.strings().ofMaxLength(15));
    return line.list().ofMaxSize(12).map(l -> String.join("\n", l));
  }

  @Property(tries = 5000)
  void anyFileGivesAConfigOrATypedError(@ForAll("lines") String text) {
    Throwable thrown = catchThrowable(() -> {
      FreeTdsConf conf = FreeTdsConf.parse(text);
      for (String name : List.of("s", "global", "db", "unknown:1433")) {
        Throwable perServer = catchThrowable(() -> conf.forServer(name).build());
        if (perServer != null) {
          assertThat(perServer).as(text).isInstanceOf(TdsConfigException.class);
        }
      }
    });
    if (thrown != null) {
      assertThat(thrown).as(text).isInstanceOf(TdsConfigException.class);
    }
  }

  @Property(tries = 1000)
  void portAndVersionSurviveWhateverTheSpacingAndCase(
      @ForAll @IntRange(min = 1, max = 65535) int port,
      @ForAll("versions") TdsVersion version,
      @ForAll @IntRange(min = 0, max = 5) int spaces,
      @ForAll boolean upperCase) {
    String pad = " ".repeat(spaces);
    String versionKey = upperCase ? "TDS" + pad + " VERSION" : "tds" + pad + " version";
    String text = "[Srv]\n" + pad + "host" + pad + "=" + pad + "db" + pad + "\n"
        + "port =" + pad + port + "\n" + versionKey + " = " + version.label() + "\nca file = /ca.pem\n";

    assertThat(FreeTdsConf.parse(text).forServer("srv").build()).isEqualTo(ConnectionConfig.builder()
        .host("db").port(port).tdsVersion(version)
        .tls(TlsConfig.builder().mode(io.tdstls.negotiation.EncryptMode.OPTIONAL).caFile(Path.of("/ca.pem")).build())
        .build());
  }

  @Provide
  Arbitrary<TdsVersion> versions() {
    return Arbitraries.of(TdsVersion.V7_1, TdsVersion.V7_2, TdsVersion.V7_3A, TdsVersion.V7_3B, TdsVersion.V7_4);
  }
}
