package dev.arrowtap.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;

/**
 * JDBC's fetch size is a hint: 0 means "no hint" (Spark's JDBC source sets it by default), so the
 * connection's {@code fetch_size} applies. Avatica would ask the engine for frames of 0 rows and
 * end the result after its first frame.
 */
final class FetchSizes {
  private FetchSizes() {}

  /** The frame size to use for a hint of {@code rows}; negative hints are refused, as JDBC says. */
  static int effective(AvaticaConnection connection, int rows) throws SQLException {
    if (rows < 0) {
      throw new SQLException(
          "fetch size must not be negative: " + rows + "; 0 means no hint", "22023");
    }
    return rows == 0 ? connection.config().fetchSize() : rows;
  }
}
