package dev.arrowtap.spark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows as comparable text, from Spark and from arrowtap's own engine: the same value prints the
 * same whichever side read it (dates and timestamps as ISO text), and row order is left out.
 */
final class Rows {
  private Rows() {}

  static List<String> of(Dataset<Row> frame) {
    List<String> out = new ArrayList<>();
    for (Row row : frame.collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        values.add(normal(row.get(i)));
      }
      out.add(values.toString());
    }
    out.sort(null);
    return out;
  }

  static List<String> of(Connection connection, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(normal(rs.getObject(i)));
        }
        out.add(values.toString());
      }
    }
    out.sort(null);
    return out;
  }

  private static Object normal(Object value) {
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toLocalDateTime().toString();
    }
    if (value instanceof LocalDateTime time) {
      return time.toString();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof java.math.BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    }
    return value;
  }
}
