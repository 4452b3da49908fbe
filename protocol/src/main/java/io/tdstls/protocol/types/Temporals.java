package io.tdstls.protocol.types;

import io.tdstls.error.TdsProtocolException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Wire forms of the date and time types ([MS-TDS] 2.2.5.5.1.7 to 2.2.5.5.1.8). */
final class Temporals {

  private static final LocalDate EPOCH_1900 = LocalDate.of(1900, 1, 1);
  private static final LocalDate EPOCH_0001 = LocalDate.of(1, 1, 1);
  private static final long TICKS_PER_DAY = 300L * 86_400;

  private Temporals() {}

  static int timeLength(int scale) {
    return scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
  }

  static int valueLength(TdsType type, int scale) {
    switch (type) {
      case TIMEN:
        return timeLength(scale);
      case DATETIME2N:
        return timeLength(scale) + 3;
      default:
        return timeLength(scale) + 5;
    }
  }

  // datetime: int32 days since 1900-01-01, uint32 ticks of 1/300 s; decoded to the millisecond
  static LocalDateTime readDateTime(WireReader r) throws TdsProtocolException {
    int days = r.i32("datetime days");
    long ticks = r.u32("datetime ticks");
    if (ticks >= TICKS_PER_DAY) {
      throw r.error("datetime time part " + ticks + " is not below " + TICKS_PER_DAY + " ticks", r.position() - 4);
    }
    long millis = (ticks * 10 + 1) / 3;
    return EPOCH_1900.plusDays(days).atStartOfDay().plus(millis, ChronoUnit.MILLIS);
  }

  static void writeDateTime(WireWriter w, LocalDateTime v) {
    long days = ChronoUnit.DAYS.between(EPOCH_1900, v.toLocalDate());
    long ticks = (v.toLocalTime().toNanoOfDay() * 3 + 5_000_000) / 10_000_000;
    if (ticks == TICKS_PER_DAY) {
      days++;
      ticks = 0;
    }
    if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("datetime " + v + " is out of range");
    }
    w.i32((int) days).i32((int) ticks);
  }

  // smalldatetime: uint16 days since 1900-01-01, uint16 minutes
  static LocalDateTime readSmallDateTime(WireReader r) throws TdsProtocolException {
    int days = r.u16("smalldatetime days");
    int minutes = r.u16("smalldatetime minutes");
    if (minutes >= 1440) {
      throw r.error("smalldatetime minutes " + minutes + " is not below 1440", r.position() - 2);
    }
    return EPOCH_1900.plusDays(days).atTime(minutes / 60, minutes % 60);
  }

  static void writeSmallDateTime(WireWriter w, LocalDateTime v) {
    long days = ChronoUnit.DAYS.between(EPOCH_1900, v.toLocalDate());
    if (days < 0 || days > 0xFFFF) {
      throw new IllegalArgumentException("smalldatetime " + v + " is outside 1900-01-01..2079-06-06");
    }
    w.u16((int) days).u16(v.getHour() * 60 + v.getMinute());
  }

  static LocalDate readDate(WireReader r) throws TdsProtocolException {
    return EPOCH_0001.plusDays(r.unsigned(3, "date"));
  }

  static void writeDate(WireWriter w, LocalDate v) {
    long days = ChronoUnit.DAYS.between(EPOCH_0001, v);
    if (days < 0 || days > 0xFFFFFF) {
      throw new IllegalArgumentException("date " + v + " is outside the TDS date range");
    }
    w.unsigned(days, 3);
  }

  static LocalTime readTime(WireReader r, int scale) throws TdsProtocolException {
    int at = r.position();
    long units = r.unsigned(timeLength(scale), "time");
    long nanos = units * pow10(9 - scale);
    if (units >= 86_400 * pow10(scale)) {
      throw r.error("time value " + units + " at scale " + scale + " is not below one day", at);
    }
    return LocalTime.ofNanoOfDay(nanos);
  }

  static void writeTime(WireWriter w, LocalTime v, int scale) {
    w.unsigned(v.toNanoOfDay() / pow10(9 - scale), timeLength(scale));
  }

  static LocalDateTime readDateTime2(WireReader r, int scale) throws TdsProtocolException {
    LocalTime t = readTime(r, scale);
    return readDate(r).atTime(t);
  }

  static void writeDateTime2(WireWriter w, LocalDateTime v, int scale) {
    writeTime(w, v.toLocalTime(), scale);
    writeDate(w, v.toLocalDate());
  }

  static OffsetDateTime readDateTimeOffset(WireReader r, int scale) throws TdsProtocolException {
    LocalDateTime utc = readDateTime2(r, scale);
    int at = r.position();
    int minutes = r.i16("datetimeoffset offset");
    if (minutes < -14 * 60 || minutes > 14 * 60) {
      throw r.error("datetimeoffset offset " + minutes + " minutes is outside -14:00..+14:00", at);
    }
    return utc.atOffset(ZoneOffset.UTC).withOffsetSameInstant(ZoneOffset.ofTotalSeconds(minutes * 60));
  }

  static void writeDateTimeOffset(WireWriter w, OffsetDateTime v, int scale) {
    int seconds = v.getOffset().getTotalSeconds();
    if (seconds % 60 != 0 || Math.abs(seconds) > 14 * 3600) {
      throw new IllegalArgumentException("offset " + v.getOffset() + " is not whole minutes within"
          + " -14:00..+14:00");
    }
    writeDateTime2(w, v.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), scale);
    w.u16(seconds / 60);
  }

  static long pow10(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 10;
    }
    return v;
  }
}
