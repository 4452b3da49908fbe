package io.tdstls.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.Hex;
import io.tdstls.protocol.login.FeatureExt;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.types.Collation;
import io.tdstls.protocol.types.TdsType;
import io.tdstls.protocol.types.TypeInfo;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenDecoderTest {

  /** [MS-TDS] 4.7 SQL Batch Server Response, the payload after the packet header. */
  static final byte[] SPEC_BATCH_RESPONSE = Hex.bytes(
      "81 01 00 00 00 00 00 20 00 A7 03 00 09 04 D0 00 34 03 62 00 61 00 72 00"
          + "D1 03 00 66 6F 6F"
          + "FD 10 00 C1 00 01 00 00 00 00 00 00 00");

  /** [MS-TDS] 4.12 Bulk Load: the BULKLOADBCP payload is a COLMETADATA/ROW/DONE stream. */
  static final byte[] SPEC_BULK_LOAD = Hex.bytes(
      "81 01 00 00 00 00 00 05 00 32 02 63 00 31 00 D1 00 FD 00 00 00 00 00 00 00 00 00 00 00 00");

  static final ColMetadata BAR = new ColMetadata(List.of(new Column(0, 0x20,
      TypeInfo.text(TdsType.BIGVARCHR, 3, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS), "bar")));

  /** A login response as a server sends it, built from the grammar of 2.2.7. */
  static final List<Token> LOGIN_RESPONSE = List.of(
      new EnvChange.Text(EnvChangeType.DATABASE, "master", ""),
      ServerMessage.info(5701, 2, 0, "Changed database context to 'master'.", "db01", "", 1),
      EnvChange.Binary.collation(Collation.SQL_LATIN1_GENERAL_CP1_CI_AS),
      new EnvChange.Text(EnvChangeType.LANGUAGE, "us_english", ""),
      new LoginAck(1, TdsVersion.V7_4.code(), "Microsoft SQL Server", 16, 0, 4135),
      new EnvChange.Text(EnvChangeType.PACKET_SIZE, "8000", "4096"),
      new FeatureExtAck(List.of(new FeatureExt(0x0A, new byte[] {1}))),
      new EnvChange.Routing(0, 1433, "replica.example.com"),
      Done.of(TokenType.DONE, DoneStatus.FINAL, 0, 0));

  @Test
  void decodesTheSpecificationBatchResponse() throws Exception {
    List<Token> tokens = new TokenDecoder(TdsVersion.V7_2).decode(SPEC_BATCH_RESPONSE);
    assertThat(tokens).containsExactly(BAR, Row.of("foo"),
        Done.of(TokenType.DONE, DoneStatus.toBits(DoneStatus.COUNT), 0xC1, 1));
    Done done = (Done) tokens.get(2);
    assertThat(done.has(DoneStatus.COUNT)).isTrue();
    assertThat(done.has(DoneStatus.MORE)).isFalse();
    Column c = ((ColMetadata) tokens.get(0)).columns().get(0);
    assertThat(c.isNullable()).isFalse();
    assertThat(c.typeInfo().collation().charset().name()).isEqualTo("windows-1252");
  }

  @Test
  void reEncodesTheSpecificationBatchResponseByteForByte() throws Exception {
    List<Token> tokens = new TokenDecoder(TdsVersion.V7_2).decode(SPEC_BATCH_RESPONSE);
    assertThat(Hex.of(new TokenEncoder(TdsVersion.V7_2).encode(tokens)))
        .isEqualTo(Hex.of(SPEC_BATCH_RESPONSE));
  }

  @Test
  void decodesTheSpecificationBulkLoadStream() throws Exception {
    List<Token> tokens = new TokenDecoder(TdsVersion.V7_4).decode(SPEC_BULK_LOAD);
    Column c = ((ColMetadata) tokens.get(0)).columns().get(0);
    assertThat(c.name()).isEqualTo("c1");
    assertThat(c.typeInfo().type()).isEqualTo(TdsType.BIT);
    assertThat(c.isNullable()).isTrue();
    assertThat(tokens.get(1)).isEqualTo(Row.of(false));
    assertThat(Hex.of(new TokenEncoder(TdsVersion.V7_4).encode(tokens))).isEqualTo(Hex.of(SPEC_BULK_LOAD));
  }

  @Test
  void loginResponseRoundTrips() throws Exception {
    byte[] wire = new TokenEncoder(TdsVersion.V7_4).encode(LOGIN_RESPONSE);
    assertThat(new TokenDecoder(TdsVersion.V7_4).decode(wire)).isEqualTo(LOGIN_RESPONSE);
  }

  @Test
  void loginAckVersionIsBigEndian() throws Exception {
    byte[] wire = new TokenEncoder(TdsVersion.V7_4).encode(new LoginAck(1, 0x74000004, "x", 1, 2, 0x0304));
    assertThat(Hex.of(wire)).isEqualTo("AD0C0001" + "74000004" + "017800" + "01020304");
    LoginAck ack = (LoginAck) new TokenDecoder(TdsVersion.V7_4).decode(wire).get(0);
    assertThat(ack.tdsVersion()).contains(TdsVersion.V7_4);
  }

  @Test
  void errorTokenLayout() throws Exception {
    ServerMessage m = ServerMessage.error(18456, 1, 14, "no", "s", "", 1);
    byte[] wire = new TokenEncoder(TdsVersion.V7_4).encode(m);
    assertThat(Hex.of(wire)).isEqualTo("AA1400" + "18480000" + "01" + "0E" + "02006E006F00" + "017300" + "00"
        + "01000000");
    assertThat(new TokenDecoder(TdsVersion.V7_4).decode(wire)).containsExactly(m);
  }

  @Test
  void tds71UsesShortRowCountsAndLineNumbers() throws Exception {
    List<Token> tokens = List.of(ServerMessage.info(1, 1, 0, "m", "s", "p", 7),
        Done.of(TokenType.DONEPROC, 0x11, 0, 42));
    byte[] wire = new TokenEncoder(TdsVersion.V7_1).encode(tokens);
    assertThat(wire[wire.length - 9]).isEqualTo((byte) 0xFE);
    assertThat(new TokenDecoder(TdsVersion.V7_1).decode(wire)).isEqualTo(tokens);
  }

  @Test
  void metadataIsKeptAcrossMessages() throws Exception {
    TokenDecoder d = new TokenDecoder(TdsVersion.V7_2);
    d.decode(Arrays.copyOf(SPEC_BATCH_RESPONSE, 24));
    assertThat(d.currentMetadata()).contains(BAR);
    assertThat(d.decode(Hex.bytes("D103006162 63"))).containsExactly(Row.of("abc"));
  }

  @Test
  void rowWithoutMetadataIsAProtocolError() {
    assertThatThrownBy(() -> new TokenDecoder(TdsVersion.V7_4).decode(Hex.bytes("D10100")))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("COLMETADATA");
  }

  @Test
  void unknownAndUndelimitableTokensAreProtocolErrors() {
    assertThatThrownBy(() -> new TokenDecoder(TdsVersion.V7_4).decode(Hex.bytes("01")))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("0x01");
    assertThatThrownBy(() -> new TokenDecoder(TdsVersion.V7_4).decode(Hex.bytes("880100")))
        .isInstanceOf(TdsProtocolException.class).hasMessageContaining("ALTMETADATA");
  }

  @Test
  void lengthDelimitedTokensAreSkipped() throws Exception {
    byte[] wire = Hex.bytes("ED 0300 AABBCC" + "A4 0100 00" + "E4 02000000 0102" + "78 0100 0200"
        + "79 05000000" + "A9 0400 0100 0200");
    List<Token> tokens = new TokenDecoder(TdsVersion.V7_4).decode(wire);
    assertThat(tokens).containsExactly(new SspiToken(Hex.bytes("AABBCC")),
        new SkippedToken(TokenType.TABNAME, Hex.bytes("010000")),
        new SkippedToken(TokenType.SESSIONSTATE, Hex.bytes("020000000102")),
        new SkippedToken(TokenType.OFFSET, Hex.bytes("01000200")),
        new ReturnStatus(5), new Order(List.of(1, 2)));
    assertThat(new TokenEncoder(TdsVersion.V7_4).encode(tokens)).isEqualTo(wire);
  }

  @Test
  void returnValueIsDelimitedByItsTypeInfo() throws Exception {
    // ordinal 1, name "@p" , status 1, user type 0, flags 0, INTN(4), value 04 2A000000
    byte[] wire = Hex.bytes("AC 0100 02 40007000 01 00000000 0000 26 04 04 2A000000 FD 0000 0000 0000000000000000");
    List<Token> tokens = new TokenDecoder(TdsVersion.V7_4).decode(wire);
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(0).type()).isEqualTo(TokenType.RETURNVALUE);
  }

  @Test
  void everyTruncationGivesAnErrorOrAPrefixOfTheTokens() throws Exception {
    byte[] login = new TokenEncoder(TdsVersion.V7_4).encode(LOGIN_RESPONSE);
    for (byte[] full : List.of(SPEC_BATCH_RESPONSE, SPEC_BULK_LOAD, login)) {
      List<Token> all = new TokenDecoder(TdsVersion.V7_4).decode(full);
      for (int n = 0; n < full.length; n++) {
        byte[] prefix = Arrays.copyOf(full, n);
        try {
          List<Token> some = new TokenDecoder(TdsVersion.V7_4).decode(prefix);
          assertThat(all.subList(0, some.size())).as("prefix %d", n).isEqualTo(some);
          assertThat(some).as("prefix %d", n).hasSizeLessThan(all.size());
        } catch (TdsProtocolException expected) {
          assertThat(expected.offset()).isBetween(0, n);
        }
      }
    }
  }

  @Test
  void routingEnvChangeLayout() throws Exception {
    byte[] wire = new TokenEncoder(TdsVersion.V7_4).encode(new EnvChange.Routing(0, 1433, "ab"));
    assertThat(Hex.of(wire)).isEqualTo("E30E00" + "14" + "0900" + "00" + "9905" + "0200" + "61006200" + "0000");
  }
}
