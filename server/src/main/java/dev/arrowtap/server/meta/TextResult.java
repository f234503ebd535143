package dev.arrowtap.server.meta;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;

/** A result the Meta answers itself, without the engine: one VARCHAR column, one row per line. */
final class TextResult {
  private TextResult() {}

  /** The signature of such a result, with the parameters of the statement that produces it. */
  static Meta.Signature signature(String sql, String column, List<AvaticaParameter> parameters) {
    List<ColumnMetaData> columns = List.of(MetaImpl.columnMetaData(column, 0, String.class, false));
    return Meta.Signature.create(
        columns, sql, parameters, Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
  }

  static Meta.ExecuteResult of(
      Meta.StatementHandle h, String sql, String column, List<String> lines) {
    Meta.Signature signature =
        signature(sql, column, h.signature == null ? List.of() : h.signature.parameters);
    List<Object> rows = new ArrayList<>(lines.size());
    for (String line : lines) {
      rows.add(new Object[] {line});
    }
    Meta.Frame frame = Meta.Frame.create(0, true, rows);
    h.signature = signature;
    return new Meta.ExecuteResult(
        List.of(Meta.MetaResultSet.create(h.connectionId, h.id, true, signature, frame)));
  }
}
