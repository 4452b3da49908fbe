package io.tdstls.server.diagnostic;

import io.tdstls.protocol.types.Collation;
import java.util.Locale;

/**
 * {@code SERVERPROPERTY}, {@code SESSIONPROPERTY}, {@code DATABASEPROPERTYEX} and
 * {@code CONNECTIONPROPERTY}, from the live session. An unknown property gives NULL, as in SQL
 * Server.
 */
final class Properties {

  static final String COLLATION = "SQL_Latin1_General_CP1_CI_AS";
  private static final int COMPATIBILITY_LEVEL = 160;

  private Properties() {}

  static SqlValue server(Scope s, String property) {
    String p = property == null ? "" : property.toLowerCase(Locale.ROOT);
    switch (p) {
      case "productversion":
        return SqlValue.sysname("16.0.1000.6");
      case "productmajorversion":
        return SqlValue.sysname("16");
      case "productminorversion":
        return SqlValue.sysname("0");
      case "productbuild":
        return SqlValue.sysname("1000");
      case "productlevel":
        return SqlValue.sysname("RTM");
      case "productupdatelevel":
      case "productupdatereference":
      case "productbuildtype":
      case "instancename":
      case "buildclrversion":
      case "filestreamsharename":
      case "resourcelastupdatedatetime":
      case "instancedefaultdatapath":
      case "instancedefaultlogpath":
      case "instancedefaultbackuppath":
        return SqlValue.sysname(null);
      case "resourceversion":
        return SqlValue.sysname("16.00.1000");
      case "edition":
        return SqlValue.sysname("Developer Edition (64-bit)");
      case "editionid":
        return SqlValue.bigint(-2117995310L);
      case "engineedition":
        return SqlValue.integer(3);
      case "servername":
      case "machinename":
      case "computernamephysicalnetbios":
        return SqlValue.sysname(s.facts().serverName());
      case "collation":
        return SqlValue.sysname(COLLATION);
      case "collationid":
        return SqlValue.integer(872468488);
      case "comparisonstyle":
        return SqlValue.integer(196609);
      case "lcid":
        return SqlValue.integer(Collation.SQL_LATIN1_GENERAL_CP1_CI_AS.lcid());
      case "sqlcharset":
        return SqlValue.tinyint(1);
      case "sqlcharsetname":
        return SqlValue.sysname("iso_1");
      case "sqlsortorder":
        return SqlValue.tinyint(52);
      case "sqlsortordername":
        return SqlValue.sysname("nocase_iso");
      case "processid":
        return SqlValue.integer((int) ProcessHandle.current().pid());
      case "licensetype":
        return SqlValue.sysname("DISABLED");
      case "numlicenses":
        return SqlValue.integer(null);
      case "isintegratedsecurityonly":
      case "isclustered":
      case "isfulltextinstalled":
      case "ishadrenabled":
      case "issingleuser":
      case "islocaldb":
      case "ispolybaseinstalled":
      case "isadvancedanalyticsinstalled":
      case "isbigdatacluster":
      case "isexternalauthenticationonly":
      case "istempdbmetadatamemoryoptimized":
      case "isserversuspendedforsnapshotbackup":
      case "filestreamconfiguredlevel":
      case "filestreameffectivelevel":
      case "suspendeddatabasecount":
        return SqlValue.integer(0);
      case "isxtpsupported":
        return SqlValue.integer(1);
      case "hadrmanagerstatus":
        return SqlValue.integer(null);
      default:
        return SqlValue.integer(null);
    }
  }

  static SqlValue session(Scope s, String property) {
    SessionOption o = SessionOption.named(property == null ? "" : property.trim());
    switch (o == null ? SessionOption.NOCOUNT : o) {
      case ANSI_NULLS:
      case ANSI_PADDING:
      case ANSI_WARNINGS:
      case ARITHABORT:
      case CONCAT_NULL_YIELDS_NULL:
      case NUMERIC_ROUNDABORT:
      case QUOTED_IDENTIFIER:
        return SqlValue.integer(s.state().isOn(o) ? 1 : 0);
      default:
        return SqlValue.integer(null);
    }
  }

  static SqlValue database(Scope s, String database, String property) {
    if (Databases.idOf(s.state(), database) == null || property == null) {
      return SqlValue.integer(null);
    }
    switch (property.toLowerCase(Locale.ROOT)) {
      case "collation":
        return SqlValue.sysname(COLLATION);
      case "comparisonstyle":
        return SqlValue.integer(196609);
      case "lcid":
        return SqlValue.integer(Collation.SQL_LATIN1_GENERAL_CP1_CI_AS.lcid());
      case "recovery":
        return SqlValue.sysname(database.equalsIgnoreCase("tempdb") ? "SIMPLE" : "FULL");
      case "status":
        return SqlValue.sysname("ONLINE");
      case "updateability":
        return SqlValue.sysname("READ_WRITE");
      case "useraccess":
        return SqlValue.sysname("MULTI_USER");
      case "version":
        return SqlValue.integer(957);
      case "sqlsortorder":
        return SqlValue.integer(52);
      case "isautocreatestatistics":
      case "isautoupdatestatistics":
      case "isfulltextenabled":
        return SqlValue.integer(1);
      case "isansinulldefault":
      case "isansinullsenabled":
      case "isansipaddingenabled":
      case "isansiwarningsenabled":
      case "isarithmeticabortenabled":
      case "isautoclose":
      case "isautoshrink":
      case "isinstandby":
      case "ismergepublished":
      case "isnullconcat":
      case "isnumericroundabortenabled":
      case "isquotedidentifiersenabled":
      case "isrecursivetriggersenabled":
      case "istornpagedetectionenabled":
      case "ispublished":
      case "issubscribed":
      case "issyncwithbackup":
        return SqlValue.integer(0);
      default:
        return SqlValue.integer(null);
    }
  }

  static SqlValue connection(Scope s, String property) {
    String p = property == null ? "" : property.toLowerCase(Locale.ROOT);
    Object v = SystemViews.connectionValue(s.facts(), p);
    if (v == null) {
      return SqlValue.integer(null);
    }
    return v instanceof Integer ? SqlValue.integer((Integer) v) : SqlValue.sysname(v.toString());
  }

  static int compatibilityLevel() {
    return COMPATIBILITY_LEVEL;
  }
}
