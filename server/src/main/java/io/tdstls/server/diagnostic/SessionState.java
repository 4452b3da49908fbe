package io.tdstls.server.diagnostic;

import io.tdstls.protocol.login.Login7;

/**
 * The live state of one diagnostic session, as SQL Server keeps it: the current database and
 * language, the options {@code SET} changed ({@code @@OPTIONS}, {@code @@TEXTSIZE},
 * {@code @@DATEFIRST}, {@code @@LOCK_TIMEOUT}, isolation level), the transaction
 * ({@code @@TRANCOUNT}), the prepared statements, and the last statement's row count and error.
 * A connection reset (the RESETCONNECTION status bit, or {@code sp_reset_connection}) puts it back
 * to how the login left it.
 */
public final class SessionState {

  private final String loginDatabase;
  private final boolean driverDefaults;
  private final int packetSize;
  private final Transactions transactions = new Transactions();
  private final PreparedStatements prepared = new PreparedStatements();
  private String database;
  private String language;
  private int options;
  private int textSize;
  private int dateFirst;
  private String dateFormat;
  private int lockTimeout;
  private int isolationLevel;
  private int rowCount;
  private int lastError;

  SessionState(Login7 login, String database, int packetSize) {
    this.loginDatabase = database;
    this.driverDefaults = (login.optionFlags2() & Login7.OPTION2_ODBC) != 0;
    this.packetSize = packetSize;
    resetOptions();
    this.database = database;
  }

  /** Back to the state right after login; the transaction survives when {@code keepTransaction}. */
  void reset(boolean keepTransaction) {
    resetOptions();
    database = loginDatabase;
    prepared.clear();
    if (!keepTransaction) {
      transactions.abandon();
    }
  }

  private void resetOptions() {
    language = "us_english";
    options = driverDefaults ? SessionOption.DRIVER_DEFAULTS : 0;
    textSize = driverDefaults ? Integer.MAX_VALUE : 4096;
    dateFirst = 7;
    dateFormat = "mdy";
    lockTimeout = -1;
    isolationLevel = 2;
    rowCount = 0;
    lastError = 0;
  }

  String database() {
    return database;
  }

  void database(String name) {
    database = name;
  }

  String loginDatabase() {
    return loginDatabase;
  }

  int packetSize() {
    return packetSize;
  }

  String language() {
    return language;
  }

  void language(String name) {
    language = name;
  }

  int options() {
    return options;
  }

  boolean isOn(SessionOption option) {
    return (options & option.bit) != 0;
  }

  void set(int bits, boolean on) {
    options = on ? options | bits : options & ~bits;
  }

  int textSize() {
    return textSize;
  }

  void textSize(int size) {
    textSize = size;
  }

  int dateFirst() {
    return dateFirst;
  }

  void dateFirst(int day) {
    dateFirst = day;
  }

  String dateFormat() {
    return dateFormat;
  }

  void dateFormat(String format) {
    dateFormat = format;
  }

  int lockTimeout() {
    return lockTimeout;
  }

  void lockTimeout(int millis) {
    lockTimeout = millis;
  }

  /** 1 read uncommitted, 2 read committed, 3 repeatable read, 4 serializable, 5 snapshot. */
  int isolationLevel() {
    return isolationLevel;
  }

  void isolationLevel(int level) {
    isolationLevel = level;
  }

  Transactions transactions() {
    return transactions;
  }

  PreparedStatements prepared() {
    return prepared;
  }

  int rowCount() {
    return rowCount;
  }

  int lastError() {
    return lastError;
  }

  /** Records what the last statement gave, for {@code @@ROWCOUNT} and {@code @@ERROR}. */
  void completed(Answer answer) {
    rowCount = answer instanceof Answer.Rows ? ((Answer.Rows) answer).rows().size() : 0;
    lastError = answer instanceof Answer.Failure ? ((Answer.Failure) answer).number() : 0;
  }
}
