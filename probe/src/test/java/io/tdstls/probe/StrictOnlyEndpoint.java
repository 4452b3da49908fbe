package io.tdstls.probe;

import io.tdstls.protocol.packet.MessageSplitter;
import io.tdstls.protocol.packet.PacketType;
import io.tdstls.protocol.packet.TdsMessage;
import io.tdstls.protocol.prelogin.EncryptionValue;
import io.tdstls.protocol.prelogin.PreLogin;
import io.tdstls.protocol.prelogin.Version;
import io.tdstls.tls.pki.HeldCertificate;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An endpoint that serves only strict (like SQL Server's Force Strict Encryption refusing TDS 7.x
 * before login): a first byte 0x12 (PRELOGIN) is closed; 0x16 (ClientHello) gets TLS, ALPN
 * tds/8.0 selected when offered, and a PRELOGIN reply inside TLS.
 */
final class StrictOnlyEndpoint {

  private StrictOnlyEndpoint() {}

  static FakeEndpoint start(HeldCertificate cert) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", cert.privateKey(), new char[0], cert.chain().toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return new FakeEndpoint(s -> serve(ctx, s));
  }

  private static void serve(SSLContext ctx, Socket s) throws Exception {
    int first = s.getInputStream().read();
    if (first != 0x16) {
      return; // TDS 7.x (or anything else): closed without a reply
    }
    SSLSocket tls = (SSLSocket) ctx.getSocketFactory()
        .createSocket(s, new ByteArrayInputStream(new byte[] {(byte) first}), true);
    tls.setUseClientMode(false);
    tls.setHandshakeApplicationProtocolSelector((socket, offered) -> offered.contains("tds/8.0") ? "tds/8.0" : "");
    tls.startHandshake();
    FakeEndpoint.readPacket(tls);
    PreLogin reply = PreLogin.of(new Version(16, 0, 4135, 4)).withEncryption(EncryptionValue.NOT_SUP)
        .withInstance("").withMars(false);
    tls.getOutputStream().write(MessageSplitter.toWire(new TdsMessage(PacketType.TABULAR_RESULT, reply.encode()), 4096, 0));
    tls.getOutputStream().flush();
    tls.getInputStream().read(); // wait for the probe to close
  }
}
