package dev.arrowtap.server.meta;

import com.google.common.cache.Cache;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.util.Unsafe;

/**
 * Executes a statement whose results a client reads as Arrow batches. It does what Avatica's
 * JdbcMeta does, except that it reads no rows into a first frame: the rows stay in the engine until
 * the client reads them as batches. A result with no Arrow form is answered with rows, as JdbcMeta
 * would.
 */
final class ArrowStatements {
  private static final VarHandle STATEMENT;

  static {
    try {
      STATEMENT =
          MethodHandles.privateLookupIn(StatementInfo.class, MethodHandles.lookup())
              .findVarHandle(StatementInfo.class, "statement", Statement.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Cache<Integer, StatementInfo> statements;
  private final Function<ResultSetMetaData, Meta.Signature> signatures;
  private final RowFetch rowFetch;

  /** JdbcMeta's own first frame of rows, for a result with no Arrow form. */
  @FunctionalInterface
  interface RowFetch {
    Meta.Frame firstRows(Meta.StatementHandle h) throws Exception;
  }

  ArrowStatements(
      Cache<Integer, StatementInfo> statements,
      Function<ResultSetMetaData, Meta.Signature> signatures,
      RowFetch rowFetch) {
    this.statements = statements;
    this.signatures = signatures;
    this.rowFetch = rowFetch;
  }

  Meta.ExecuteResult prepareAndExecute(Meta.StatementHandle h, String sql, long maxRowCount)
      throws Exception {
    StatementInfo info = statement(h);
    Statement statement = (Statement) STATEMENT.get(info);
    if (maxRowCount > 0) {
      AvaticaUtils.setLargeMaxRows(statement, maxRowCount);
    } else if (maxRowCount < 0) {
      statement.setMaxRows(0);
    }
    statement.execute(sql);
    info.setResultSet(statement.getResultSet());
    if (info.getResultSet() == null) {
      return result(
          Meta.MetaResultSet.count(
              h.connectionId, h.id, AvaticaUtils.getLargeUpdateCount(statement)));
    }
    Meta.Signature signature = signatures.apply(info.getResultSet().getMetaData());
    return result(arrowResult(h, info.getResultSet(), signature));
  }

  Meta.ExecuteResult execute(Meta.StatementHandle h, List<TypedValue> parameters) throws Exception {
    if (parameters != null && MetaImpl.checkParameterValueHasNull(parameters)) {
      throw new SQLException("exception while executing query: unbound parameter");
    }
    StatementInfo info = statement(h);
    PreparedStatement statement = (PreparedStatement) STATEMENT.get(info);
    if (parameters != null) {
      Calendar calendar = Unsafe.localCalendar();
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i).toJdbc(calendar));
      }
    }
    if (!statement.execute()) {
      return result(Meta.MetaResultSet.count(h.connectionId, h.id, statement.getUpdateCount()));
    }
    info.setResultSet(statement.getResultSet());
    if (info.getResultSet() == null) {
      return result(
          Meta.MetaResultSet.create(h.connectionId, h.id, true, h.signature, Meta.Frame.EMPTY));
    }
    return result(arrowResult(h, info.getResultSet(), h.signature));
  }

  private StatementInfo statement(Meta.StatementHandle h) throws NoSuchStatementException {
    StatementInfo info = statements.getIfPresent(h.id);
    if (info == null) {
      throw new NoSuchStatementException(h);
    }
    return info;
  }

  private Meta.MetaResultSet arrowResult(
      Meta.StatementHandle h, ResultSet rows, Meta.Signature signature) throws Exception {
    Optional<ResultColumns> columns = ResultColumns.of(ResultColumns.engineRows(rows));
    if (columns.isEmpty()) {
      return Meta.MetaResultSet.create(
          h.connectionId, h.id, true, signature, rowFetch.firstRows(h));
    }
    columns.get().completeArrays(signature);
    Meta.Frame marker = Meta.Frame.create(0, false, List.of(ArrowtapMeta.ARROW_IN_PROCESS));
    return Meta.MetaResultSet.create(h.connectionId, h.id, true, signature, marker);
  }

  /** True for the first frame of a result the client reads as Arrow batches. */
  static boolean isArrow(Meta.Frame frame) {
    if (frame == null || frame.done || !(frame.rows instanceof List<?> rows)) {
      return false;
    }
    return rows.size() == 1 && ArrowtapMeta.ARROW_IN_PROCESS.equals(rows.get(0));
  }

  private static Meta.ExecuteResult result(Meta.MetaResultSet resultSet) {
    return new Meta.ExecuteResult(List.of(resultSet));
  }
}
