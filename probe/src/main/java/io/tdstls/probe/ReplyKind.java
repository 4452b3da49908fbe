package io.tdstls.probe;

/** What came back on one probe connection. */
public enum ReplyKind {
  /** A well-formed PRELOGIN reply. */
  ANSWERED,
  /** The server closed (or reset) the connection without a reply. */
  CLOSED,
  /** Nothing came back before the timeout. */
  TIMEOUT,
  /** Bytes came back that are not a TDS PRELOGIN reply. */
  GARBAGE,
  /** The TCP connection could not be opened. */
  UNREACHABLE
}
