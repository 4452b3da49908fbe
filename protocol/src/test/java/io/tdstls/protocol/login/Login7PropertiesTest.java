package io.tdstls.protocol.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.error.TdsProtocolException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class Login7PropertiesTest {

  @Provide
  Arbitrary<Login7> logins() {
    Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(30);
    Arbitrary<Integer> anyInt = Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE);
    Arbitrary<Integer> flag = Arbitraries.integers().between(0, 0xFF);
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
    Arbitrary<List<FeatureExt>> features = Combinators.combine(
        Arbitraries.integers().between(0, 0xFE), bytes).as(FeatureExt::new).list().ofMaxSize(3);
    Arbitrary<Login7Builder> numbers = Combinators.combine(anyInt, anyInt, anyInt, anyInt, anyInt,
        anyInt, anyInt).as((v, ps, pv, pid, cid, tz, lcid) -> Login7.builder().tdsVersionCode(v)
            .packetSize(ps).clientProgVersion(pv).clientPid(pid).connectionId(cid)
            .clientTimeZone(tz).clientLcid(lcid));
    Arbitrary<Login7Builder> withFlags = Combinators.combine(numbers, flag, flag, flag, flag)
        .as((b, f1, f2, t, f3) -> b.optionFlags1(f1).optionFlags2(f2).typeFlags(t).optionFlags3(f3));
    Arbitrary<Login7Builder> withTexts = Combinators.combine(withFlags, text, text, text, text,
        text, text).as((b, h, u, p, a, s, c) -> b.hostName(h).userName(u).password(p).appName(a)
            .serverName(s).clientInterfaceName(c));
    return Combinators.combine(withTexts, text, text, text, text, bytes, features,
        Arbitraries.bytes().array(byte[].class).ofSize(6))
        .as((b, l, d, f, cp, sspi, fe, id) -> b.language(l).database(d).attachDbFile(f)
            .changePassword(cp).sspi(sspi).featureExt(fe).clientId(id).build());
  }

  @Property(tries = 1000)
  void encodeThenDecodeGivesTheSameValue(@ForAll("logins") Login7 login) throws Exception {
    assertThat(Login7.decode(login.encode())).isEqualTo(login);
  }

  @Property(tries = 3000)
  void randomBytesGiveAValueOrAProtocolError(@ForAll byte[] payload) {
    try {
      Login7.decode(payload);
    } catch (TdsProtocolException expected) {
      assertThat(expected.structure()).isEqualTo("LOGIN7");
    }
  }

  @Property(tries = 3000)
  void corruptedMessagesGiveAValueOrAProtocolError(@ForAll("logins") Login7 login,
      @ForAll int position, @ForAll byte value) {
    byte[] wire = login.encode();
    wire[Math.floorMod(position, wire.length)] = value;
    try {
      Login7.decode(wire);
    } catch (TdsProtocolException expected) {
      assertThat(expected.getMessage()).startsWith("malformed LOGIN7");
    }
  }
}
