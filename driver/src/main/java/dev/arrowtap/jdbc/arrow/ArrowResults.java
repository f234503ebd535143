package dev.arrowtap.jdbc.arrow;

import java.io.IOException;
import java.sql.SQLException;
import java.util.function.BiFunction;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.util.Cursor;

/** Opens the Arrow batches of a result the engine served as Arrow. */
public final class ArrowResults {
  private ArrowResults() {}

  /**
   * The batches of statement {@code h}'s result, read in this JVM from the embedded engine.
   *
   * @param batchRows rows of a full batch, 0 for the engine's default
   */
  public static ArrowReader reader(Service service, Meta.StatementHandle h, int batchRows)
      throws SQLException {
    if (!(service instanceof BiFunction<?, ?, ?> inProcess)) {
      throw new SQLException(
          "this result is served as Arrow batches in process, but the connection is remote",
          "08004");
    }
    @SuppressWarnings("unchecked")
    BiFunction<Meta.StatementHandle, Integer, ArrowReader> open =
        (BiFunction<Meta.StatementHandle, Integer, ArrowReader>) inProcess;
    return open.apply(h, batchRows);
  }

  /**
   * The reader under a cursor made by {@link #cursor}, as an Object so that the caller need not
   * link Arrow.
   */
  public static Object readerOf(Cursor cursor) {
    return ((ArrowCursor) cursor).reader();
  }

  /** A cursor over the batches of statement {@code h}'s result. */
  public static Cursor cursor(Service service, Meta.StatementHandle h, int batchRows)
      throws SQLException {
    ArrowReader reader = reader(service, h, batchRows);
    try {
      return new ArrowCursor(reader);
    } catch (IOException e) {
      try {
        reader.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw ArrowCursor.closeFailure(e);
    }
  }
}
