package io.tdstls.probe;

import java.io.IOException;

/** The TCP connection to a target could not be opened (refused, no route, unknown host, connect timeout). */
final class UnreachableException extends IOException {

  UnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
