package io.tdstls.protocol.prelogin;

import io.tdstls.error.TdsProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Decodes a PRELOGIN payload, validating the option table before reading any option. */
final class PreLoginDecoder {

  private static final String WHAT = "PRELOGIN";

  /** One entry of the option table. */
  private record Entry(int token, PreLoginOption option, int entryOffset, int dataOffset, int length) {
    String name() {
      return option != null ? option.name() : String.format("0x%02X", token);
    }
  }

  private PreLoginDecoder() {}

  static PreLogin decode(byte[] p) throws TdsProtocolException {
    List<Entry> entries = readTable(p);
    int tableEnd = entries.size() * 5 + 1;
    checkBounds(p, entries, tableEnd);
    checkOverlaps(entries);

    Version version = null;
    EncryptionValue encryption = null;
    String instance = null;
    ThreadId threadId = null;
    Boolean mars = null;
    TraceId traceId = null;
    Boolean fedAuth = null;
    byte[] nonce = null;
    boolean[] seen = new boolean[PreLoginOption.values().length];
    for (Entry e : entries) {
      PreLoginOption o = e.option();
      if (o == null) {
        continue; // unknown tokens are skipped, for forward compatibility
      }
      if (seen[o.ordinal()]) {
        throw new TdsProtocolException(WHAT, "option " + o + " appears more than once", e.entryOffset());
      }
      seen[o.ordinal()] = true;
      checkLength(e);
      int at = e.dataOffset();
      switch (o) {
        case VERSION:
          version = new Version(u8(p, at), u8(p, at + 1), u16(p, at + 2), u16(p, at + 4));
          break;
        case ENCRYPTION:
          encryption = EncryptionValue.of(u8(p, at));
          break;
        case INSTOPT:
          instance = readInstance(p, e);
          break;
        case THREADID:
          threadId = e.length() == 0 ? ThreadId.EMPTY
              : ThreadId.of(((long) u16(p, at) << 16) | u16(p, at + 2));
          break;
        case MARS:
          mars = readFlag(p, e);
          break;
        case TRACEID:
          long seq = 0;
          for (int i = 3; i >= 0; i--) {
            seq = (seq << 8) | u8(p, at + 32 + i);
          }
          traceId = new TraceId(Arrays.copyOfRange(p, at, at + 16), Arrays.copyOfRange(p, at + 16, at + 32), seq);
          break;
        case FEDAUTHREQUIRED:
          fedAuth = readFlag(p, e);
          break;
        case NONCEOPT:
          nonce = Arrays.copyOfRange(p, at, at + 32);
          break;
        default:
          throw new AssertionError(o);
      }
    }
    if (version == null) {
      throw new TdsProtocolException(WHAT, "the VERSION option is missing", -1);
    }
    return PreLogin.fromParts(version, encryption, instance, threadId, mars, traceId, fedAuth, nonce);
  }

  private static List<Entry> readTable(byte[] p) throws TdsProtocolException {
    List<Entry> entries = new ArrayList<>();
    int pos = 0;
    while (true) {
      if (pos >= p.length) {
        throw new TdsProtocolException(WHAT, "the option table has no terminator (0xFF)", pos);
      }
      int token = u8(p, pos);
      if (token == PreLoginOption.TERMINATOR) {
        return entries;
      }
      if (pos + 5 > p.length) {
        throw new TdsProtocolException(WHAT, String.format(
            "option table entry 0x%02X is truncated (%d of 5 bytes)", token, p.length - pos), pos);
      }
      entries.add(new Entry(token, PreLoginOption.fromToken(token), pos, u16(p, pos + 1), u16(p, pos + 3)));
      pos += 5;
    }
  }

  private static void checkBounds(byte[] p, List<Entry> entries, int tableEnd) throws TdsProtocolException {
    for (Entry e : entries) {
      if (e.length() == 0) {
        continue;
      }
      if (e.dataOffset() < tableEnd) {
        throw new TdsProtocolException(WHAT, "option " + e.name() + " data offset " + e.dataOffset()
            + " points into the option table (which ends at " + tableEnd + ")", e.entryOffset() + 1);
      }
      if (e.dataOffset() + e.length() > p.length) {
        throw new TdsProtocolException(WHAT, "option " + e.name() + " data (offset " + e.dataOffset()
            + ", length " + e.length() + ") runs past the end of the " + p.length + "-byte payload",
            e.entryOffset() + 1);
      }
    }
  }

  private static void checkOverlaps(List<Entry> entries) throws TdsProtocolException {
    List<Entry> sorted = new ArrayList<>();
    for (Entry e : entries) {
      if (e.length() > 0) {
        sorted.add(e);
      }
    }
    sorted.sort(Comparator.comparingInt(Entry::dataOffset));
    for (int i = 1; i < sorted.size(); i++) {
      Entry a = sorted.get(i - 1);
      Entry b = sorted.get(i);
      if (a.dataOffset() + a.length() > b.dataOffset()) {
        throw new TdsProtocolException(WHAT, "data of options " + a.name() + " and " + b.name() + " overlap",
            b.dataOffset());
      }
    }
  }

  private static void checkLength(Entry e) throws TdsProtocolException {
    PreLoginOption o = e.option();
    boolean ok;
    switch (o) {
      case THREADID:
        ok = e.length() == 0 || e.length() == 4;
        break;
      case INSTOPT:
        ok = e.length() >= 1;
        break;
      default:
        ok = e.length() == o.fixedLength();
    }
    if (!ok) {
      String expected = o == PreLoginOption.THREADID ? "0 or 4"
          : o == PreLoginOption.INSTOPT ? "at least 1" : Integer.toString(o.fixedLength());
      throw new TdsProtocolException(WHAT, "option " + o + " has length " + e.length() + ", expected " + expected,
          e.entryOffset() + 3);
    }
  }

  private static String readInstance(byte[] p, Entry e) {
    int end = e.dataOffset() + e.length();
    if (p[end - 1] == 0) {
      end--; // the terminator; a server's one-byte answer (0x01: instance not found) has none
    }
    return new String(p, e.dataOffset(), end - e.dataOffset(), StandardCharsets.ISO_8859_1);
  }

  private static boolean readFlag(byte[] p, Entry e) throws TdsProtocolException {
    int v = u8(p, e.dataOffset());
    if (v > 1) {
      throw new TdsProtocolException(WHAT, String.format("option %s has value 0x%02X, expected 0x00 or 0x01", e.name(), v),
          e.dataOffset());
    }
    return v == 1;
  }

  private static int u8(byte[] p, int at) {
    return p[at] & 0xFF;
  }

  private static int u16(byte[] p, int at) {
    return ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
  }
}
