package dev.arrowtap.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How {@code arrowtap sql} prints a result set; every format streams. */
enum ResultFormat {
  /** Aligned columns; widths come from the first rows, later wider values widen their line only. */
  TABLE {
    @Override
    void print(ResultSet rs, PrintStream out) throws SQLException {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      List<String[]> head = new ArrayList<>();
      boolean more = true;
      while (head.size() < TABLE_SAMPLE && (more = rs.next())) {
        head.add(row(rs, n));
      }
      int[] widths = new int[n];
      for (int i = 0; i < n; i++) {
        widths[i] = md.getColumnLabel(i + 1).length();
        for (String[] row : head) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
      String rule = rule(widths);
      out.println(rule);
      String[] labels = new String[n];
      for (int i = 0; i < n; i++) {
        labels[i] = md.getColumnLabel(i + 1);
      }
      out.println(line(labels, widths));
      out.println(rule);
      long count = 0;
      for (String[] row : head) {
        out.println(line(row, widths));
        count++;
      }
      while (more && rs.next()) {
        out.println(line(row(rs, n), widths));
        count++;
      }
      out.println(rule);
      out.println(count + (count == 1 ? " row" : " rows"));
    }
  },
  /** RFC 4180 CSV with a header line. */
  CSV {
    @Override
    void print(ResultSet rs, PrintStream out) throws SQLException {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      StringBuilder line = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        line.append(i > 1 ? "," : "").append(csv(md.getColumnLabel(i)));
      }
      out.println(line);
      while (rs.next()) {
        line.setLength(0);
        for (int i = 1; i <= n; i++) {
          Object value = rs.getObject(i);
          line.append(i > 1 ? "," : "").append(value == null ? "" : csv(value.toString()));
        }
        out.println(line);
      }
    }
  },
  /** One JSON object per row, one row per line (JSON Lines). */
  JSON {
    @Override
    void print(ResultSet rs, PrintStream out) throws SQLException {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      try {
        JsonGenerator json = JSON_FACTORY.createGenerator(out);
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        // Rows are separated by the newline alone: Jackson's default puts a space before each.
        json.setRootValueSeparator(null);
        int[] types = new int[n + 1];
        for (int i = 1; i <= n; i++) {
          types[i] = md.getColumnType(i);
        }
        while (rs.next()) {
          json.writeStartObject();
          for (int i = 1; i <= n; i++) {
            json.writeFieldName(md.getColumnLabel(i));
            writeValue(json, rs.getObject(i), types[i]);
          }
          json.writeEndObject();
          json.writeRaw('\n');
        }
        json.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private static final int TABLE_SAMPLE = 1000;
  private static final JsonFactory JSON_FACTORY = new JsonFactory();

  abstract void print(ResultSet rs, PrintStream out) throws SQLException;

  static ResultFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void writeValue(JsonGenerator json, Object value, int type)
      throws IOException, SQLException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Byte b) {
      json.writeNumber(b.longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) {
        json.writeNumber(d);
      } else {
        json.writeString(Double.toString(d)); // JSON has no NaN or Infinity
      }
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else if (value instanceof java.sql.Array array) {
      writeArray(json, array.getArray());
    } else if (value instanceof Object[] || value instanceof List<?>) {
      writeArray(json, value);
    } else if (value instanceof java.sql.Timestamp timestamp) {
      // ISO 8601: a plain TIMESTAMP has no zone; one WITH (LOCAL) TIME ZONE is an instant in UTC.
      json.writeString(
          type == Types.TIMESTAMP_WITH_TIMEZONE
              ? timestamp.toInstant().toString()
              : timestamp.toLocalDateTime().toString());
    } else if (value instanceof java.sql.Date date) {
      json.writeString(date.toLocalDate().toString());
    } else if (value instanceof java.sql.Time time) {
      json.writeString(time.toLocalTime().toString());
    } else if (value instanceof java.time.temporal.TemporalAccessor temporal) {
      json.writeString(temporal.toString());
    } else {
      json.writeString(value.toString());
    }
  }

  private static void writeArray(JsonGenerator json, Object elements)
      throws IOException, SQLException {
    json.writeStartArray();
    if (elements instanceof List<?> list) {
      for (Object element : list) {
        writeValue(json, element, Types.OTHER);
      }
    } else if (elements instanceof Object[] array) {
      for (Object element : array) {
        writeValue(json, element, Types.OTHER);
      }
    } else if (elements != null && elements.getClass().isArray()) {
      int length = java.lang.reflect.Array.getLength(elements);
      for (int i = 0; i < length; i++) {
        writeValue(json, java.lang.reflect.Array.get(elements, i), Types.OTHER);
      }
    }
    json.writeEndArray();
  }

  private static String[] row(ResultSet rs, int n) throws SQLException {
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      Object value = rs.getObject(i + 1);
      values[i] = value == null ? "NULL" : value.toString();
    }
    return values;
  }

  private static String rule(int[] widths) {
    StringBuilder out = new StringBuilder("+");
    for (int width : widths) {
      out.append("-".repeat(width + 2)).append('+');
    }
    return out.toString();
  }

  private static String line(String[] values, int[] widths) {
    StringBuilder out = new StringBuilder("|");
    for (int i = 0; i < values.length; i++) {
      out.append(' ')
          .append(values[i])
          .append(" ".repeat(Math.max(0, widths[i] - values[i].length())))
          .append(" |");
    }
    return out.toString();
  }

  private static String csv(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
