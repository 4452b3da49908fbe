package io.tdstls.interop;

/**
 * What one client run gave: the verification query's {@code encrypt_option}, or the error.
 *
 * @param encryptOption {@code TRUE}/{@code FALSE}, or null when the client failed
 * @param error the client's error message, or null on success
 */
record ClientRun(String encryptOption, String error) {

  static ClientRun ok(String encryptOption) {
    return new ClientRun(encryptOption, null);
  }

  static ClientRun failed(String error) {
    return new ClientRun(null, error == null ? "(no message)" : error.replaceAll("\\s+", " ").trim());
  }

  boolean succeeded() {
    return error == null;
  }

  String cell() {
    if (succeeded()) {
      return encryptOption;
    }
    String e = error.length() > 60 ? error.substring(0, 57) + "..." : error;
    return "refused: " + e;
  }
}
