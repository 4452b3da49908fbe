package io.tdstls.protocol.prelogin;

/**
 * The 6 bytes of the PRELOGIN VERSION option: major, minor, build (2 bytes) and sub-build (2 bytes).
 *
 * <p>The meaning depends on the direction (seed: the PreLogin note on the two meanings): from a
 * client it is the client's own (driver or requested TDS) version and is informational; from a
 * server it is the SQL Server <em>product</em> version, such as 16.0.1000 for SQL Server 2022. It
 * is never the negotiated TDS version, which LOGINACK settles.
 *
 * @param major the major version, 0..255
 * @param minor the minor version, 0..255
 * @param build the build number, 0..65535
 * @param subBuild the sub-build number, 0..65535
 */
public record Version(int major, int minor, int build, int subBuild) {

  /**
   * Validates the ranges.
   *
   * @param major see the record component
   * @param minor see the record component
   * @param build see the record component
   * @param subBuild see the record component
   */
  public Version {
    if (major < 0 || major > 0xFF || minor < 0 || minor > 0xFF || build < 0 || build > 0xFFFF
        || subBuild < 0 || subBuild > 0xFFFF) {
      throw new IllegalArgumentException("version field out of range: " + major + "." + minor + "." + build + "." + subBuild);
    }
  }

  /**
   * Returns the SQL Server release a server's product version belongs to.
   *
   * @return for example {@code "SQL Server 2022"}, or {@code "unknown SQL Server release"}
   */
  public String productName() {
    switch (major) {
      case 8: return "SQL Server 2000";
      case 9: return "SQL Server 2005";
      case 10: return minor >= 50 ? "SQL Server 2008 R2" : "SQL Server 2008";
      case 11: return "SQL Server 2012";
      case 12: return "SQL Server 2014";
      case 13: return "SQL Server 2016";
      case 14: return "SQL Server 2017";
      case 15: return "SQL Server 2019";
      case 16: return "SQL Server 2022";
      case 17: return "SQL Server 2025";
      default: return "unknown SQL Server release";
    }
  }

  /**
   * Returns the version as {@code major.minor.build.subBuild}.
   *
   * @return for example {@code "10.0.1600.0"}
   */
  @Override
  public String toString() {
    return major + "." + minor + "." + build + "." + subBuild;
  }
}
