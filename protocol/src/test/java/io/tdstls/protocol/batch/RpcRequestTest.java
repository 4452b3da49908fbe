package io.tdstls.protocol.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdstls.error.TdsProtocolException;
import io.tdstls.protocol.login.TdsVersion;
import io.tdstls.protocol.types.Collation;
import io.tdstls.protocol.types.TdsType;
import io.tdstls.protocol.types.TypeInfo;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RpcRequestTest {

  static final TypeInfo NVARCHAR_MAX = TypeInfo.text(TdsType.NVARCHAR, TypeInfo.MAX, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS);

  static RpcRequest executeSql(String sql) {
    return new RpcRequest("", RpcRequest.SP_EXECUTESQL, 0, List.of(
        new RpcParameter("@statement", 0, NVARCHAR_MAX, sql),
        new RpcParameter("@params", 0, TypeInfo.text(TdsType.NVARCHAR, 8000, Collation.SQL_LATIN1_GENERAL_CP1_CI_AS), "")));
  }

  @Test
  void spExecuteSqlByIdRoundTrips() throws Exception {
    RpcRequest call = executeSql("SELECT @@SPID");
    RpcRequest decoded = RpcRequest.decode(call.encode(TdsVersion.V7_4));
    assertThat(decoded.isExecuteSql()).isTrue();
    assertThat(decoded.procedure()).isEqualTo("sp_executesql");
    assertThat(decoded.parameters()).hasSize(2);
    assertThat(decoded.parameters().get(0).name()).isEqualTo("@statement");
    assertThat(decoded.parameters().get(0).value()).isEqualTo("SELECT @@SPID");
  }

  @Test
  void namedProcedureWithoutAllHeaders() throws Exception {
    RpcRequest call = new RpcRequest("sp_who", 0, 0, List.of(new RpcParameter("", 0, TypeInfo.of(TdsType.INTN, 4), 7)));
    RpcRequest decoded = RpcRequest.decode(call.encode(TdsVersion.V7_1));
    assertThat(decoded.procName()).isEqualTo("sp_who");
    assertThat(decoded.isExecuteSql()).isFalse();
    assertThat(decoded.parameters().get(0).value()).isEqualTo(7);
  }

  @Test
  void everyTruncationIsATypedError() {
    byte[] full = executeSql("SELECT 1").encode(TdsVersion.V7_4);
    for (int n = 1; n < full.length; n++) {
      byte[] prefix = Arrays.copyOf(full, n);
      try {
        RpcRequest r = RpcRequest.decode(prefix);
        // A cut exactly between parameters leaves a shorter, still valid call.
        assertThat(r.parameters().size()).isLessThan(2);
      } catch (TdsProtocolException expected) {
        assertThat(expected.structure()).isNotEmpty();
      }
    }
    assertThatThrownBy(() -> RpcRequest.decode(new byte[] {0x05})).isInstanceOf(TdsProtocolException.class);
  }

  @Property(tries = 3000)
  void randomBytesGiveAValueOrTheTypedError(@ForAll byte[] bytes) {
    try {
      RpcRequest.decode(bytes);
    } catch (TdsProtocolException expected) {
      // the only exception allowed
    }
  }
}
