package io.tdstls.probe;

import java.io.IOException;

/** The peer answered with bytes that are not the TDS reply expected. */
final class NotTdsException extends IOException {

  NotTdsException(String message, Throwable cause) {
    super(message, cause);
  }
}
