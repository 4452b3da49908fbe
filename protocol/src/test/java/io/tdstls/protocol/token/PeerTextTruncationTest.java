package io.tdstls.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.types.Collation;
import io.tdstls.protocol.types.TdsType;
import io.tdstls.protocol.types.TypeInfo;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Text a server builds from a peer's input (a LOGIN7 database name, a query's column alias, a
 * procedure name quoted in an error) is cut to its field's limit on the wire, instead of failing
 * the connection with an IllegalArgumentException (finding of issue 12: a 5000-character database
 * name in LOGIN7).
 */
class PeerTextTruncationTest {

  private static final TdsVersion V = TdsVersion.V7_4;

  @Test
  void anEnvChangeValueLongerThanAByteVarcharIsCutTo255Characters() throws Exception {
    String db = "d".repeat(5000);
    byte[] wire = new TokenEncoder(V).encode(new EnvChange.Text(EnvChangeType.DATABASE, db, "master"));
    EnvChange.Text back = (EnvChange.Text) new TokenDecoder(V).decode(wire).get(0);
    assertThat(back.newValue()).isEqualTo("d".repeat(255));
    assertThat(back.oldValue()).isEqualTo("master");
  }

  @Test
  void aMessageWhoseTextWouldOverflowTheTokenLengthIsCutToFit() throws Exception {
    String text = "Could not find stored procedure '" + "p".repeat(70_000) + "'.";
    String server = "s".repeat(300);
    byte[] wire = new TokenEncoder(V).encode(ServerMessage.error(2812, 62, 16, text, server, "x".repeat(400), 1));
    ServerMessage back = (ServerMessage) new TokenDecoder(V).decode(wire).get(0);
    assertThat(back.serverName()).isEqualTo("s".repeat(255));
    assertThat(back.procName()).isEqualTo("x".repeat(255));
    assertThat(text).startsWith(back.message());
    assertThat(back.message().length()).isGreaterThan(30_000);
  }

  @Test
  void aColumnNameLongerThan255CharactersIsCut() throws Exception {
    Column c = new Column(0, Column.FLAG_NULLABLE, TypeInfo.text(TdsType.NVARCHAR, 80, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS),
        "a".repeat(1000), List.of());
    byte[] wire = new TokenEncoder(V).encode(new ColMetadata(List.of(c)));
    ColMetadata back = (ColMetadata) new TokenDecoder(V).decode(wire).get(0);
    assertThat(back.columns().get(0).name()).isEqualTo("a".repeat(255));
  }

  @Test
  void aCutNeverSplitsASurrogatePair() throws Exception {
    String db = "d".repeat(254) + "\uD83D\uDE00" + "tail";
    byte[] wire = new TokenEncoder(V).encode(new EnvChange.Text(EnvChangeType.DATABASE, db, ""));
    EnvChange.Text back = (EnvChange.Text) new TokenDecoder(V).decode(wire).get(0);
    assertThat(back.newValue()).isEqualTo("d".repeat(254));
  }

  @Property(tries = 100)
  void anyTextsFromAPeerEncodeAndDecodeAsTheirCutPrefixes(@ForAll @StringLength(max = 40_000) String text,
      @ForAll @StringLength(max = 600) String name) throws Exception {
    byte[] wire = new TokenEncoder(V).encode(List.of(
        new EnvChange.Text(EnvChangeType.DATABASE, name, text),
        ServerMessage.error(102, 1, 15, text + text, name, name, 1),
        new ColMetadata(List.of(new Column(0, 0, TypeInfo.of(TdsType.INT4), name)))));
    List<Token> back = new TokenDecoder(V).decode(wire);
    EnvChange.Text env = (EnvChange.Text) back.get(0);
    ServerMessage m = (ServerMessage) back.get(1);
    assertThat(name).startsWith(env.newValue());
    assertThat(text).startsWith(env.oldValue());
    assertThat(text + text).startsWith(m.message());
    assertThat(name).startsWith(((ColMetadata) back.get(2)).columns().get(0).name());
    assertThat(env.newValue().length()).isLessThanOrEqualTo(255);
  }
}
