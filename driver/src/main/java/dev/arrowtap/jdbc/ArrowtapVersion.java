package dev.arrowtap.jdbc;

/** The release of this driver, as a JDBC client reports it. */
final class ArrowtapVersion {
  static final String VERSION;
  static final int MAJOR;
  static final int MINOR;

  static {
    String fromJar = ArrowtapVersion.class.getPackage().getImplementationVersion();
    VERSION = fromJar == null ? "0.1.0-SNAPSHOT" : fromJar;
    String[] parts = VERSION.split("[.-]");
    MAJOR = parseOr(parts, 0);
    MINOR = parseOr(parts, 1);
  }

  private ArrowtapVersion() {}

  private static int parseOr(String[] parts, int index) {
    try {
      return index < parts.length ? Integer.parseInt(parts[index]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
