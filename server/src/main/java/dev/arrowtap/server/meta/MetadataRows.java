package dev.arrowtap.server.meta;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;

/**
 * A metadata result held in memory: the engine's rows, filtered and corrected, sent to the client
 * as one complete frame. Metadata results are small; this lets arrowtap apply its own name rule and
 * spec column names.
 */
final class MetadataRows {
  private final List<ColumnMetaData> columns;
  private final List<Object[]> rows = new ArrayList<>();

  MetadataRows(List<ColumnMetaData> columns) {
    this.columns = List.copyOf(columns);
  }

  /** Columns built by hand: each a name and a Java class, nullable. */
  static MetadataRows of(Object... namesAndClasses) {
    List<ColumnMetaData> columns = new ArrayList<>();
    for (int i = 0; i < namesAndClasses.length; i += 2) {
      columns.add(
          MetaImpl.columnMetaData(
              (String) namesAndClasses[i], i / 2, (Class<?>) namesAndClasses[i + 1], true));
    }
    return new MetadataRows(columns);
  }

  List<ColumnMetaData> columns() {
    return columns;
  }

  /** The position of a column, from 0. */
  int index(String label) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).label.equalsIgnoreCase(label)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no metadata column " + label);
  }

  void add(Object... row) {
    rows.add(row);
  }

  /** Reads every row of an engine metadata result set, which it closes. */
  void addAll(ResultSet rs, RowFilter filter) throws SQLException {
    try (rs) {
      int count = columns.size();
      while (rs.next()) {
        Object[] row = new Object[count];
        for (int i = 0; i < count; i++) {
          row[i] = rs.getObject(i + 1);
        }
        if (filter.keep(row)) {
          rows.add(row);
        }
      }
    }
  }

  List<Object[]> rows() {
    return rows;
  }

  Meta.MetaResultSet toResult(String connectionId, int statementId) {
    List<Object> frameRows = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      frameRows.add(Arrays.asList(row));
    }
    Meta.Signature signature =
        new Meta.Signature(
            columns, null, List.of(), null, Meta.CursorFactory.LIST, Meta.StatementType.SELECT);
    return Meta.MetaResultSet.create(
        connectionId, statementId, true, signature, Meta.Frame.create(0, true, frameRows));
  }

  /** Decides whether a row is shown; it may also correct the row in place. */
  interface RowFilter {
    boolean keep(Object[] row);
  }
}
