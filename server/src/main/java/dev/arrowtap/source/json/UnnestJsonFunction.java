package dev.arrowtap.source.json;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.decode.JsonBatchDecoder;
import dev.arrowtap.decode.JsonDecodeException;
import dev.arrowtap.decode.RecordLayout;
import dev.arrowtap.exec.ArrowMemoryAccess;
import dev.arrowtap.plan.ColumnAccessor;
import dev.arrowtap.plan.SqlTypes;
import dev.arrowtap.types.TableShape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * {@code unnest_json(json, 'sku VARCHAR, qty BIGINT')}: a row per element of a JSON array of
 * objects (a {@code JSON} column of {@code read_json}, or any JSON text), with the listed fields as
 * typed columns, for use as {@code CROSS JOIN LATERAL TABLE(unnest_json(o.items, '...'))}. The
 * elements go through the same decoder as a feed's records, so a field is typed exactly as a
 * catalog column of that type: missing or null is NULL, a value of another type fails the query
 * (22018) naming the element and the column, text that is not a JSON array fails it (22P02). A NULL
 * or JSON {@code null} has no rows.
 */
public final class UnnestJsonFunction {
  /** The most memory one call may hold while it decodes its value. */
  private static final long CALL_MEMORY = 256L << 20;

  private static final int BATCH = 1024;

  private UnnestJsonFunction() {}

  /** The table for one value; called with a null {@code json} while a query is validated. */
  public static ScannableTable unnest(String json, String columns) {
    return new Elements(json, ElementColumns.parse(columns));
  }

  /** Bytes held by calls now running: zero between calls. */
  public static long allocatedBytes() {
    return Memory.ROOT.getAllocatedMemory();
  }

  /** Created on the first call, after Arrow's memory access is in place. */
  private static final class Memory {
    static final BufferAllocator ROOT = root();

    private static BufferAllocator root() {
      ArrowMemoryAccess.ensure();
      return new RootAllocator(Long.MAX_VALUE);
    }
  }

  private static final class Elements extends AbstractTable implements ScannableTable {
    private final String json;
    private final List<ColumnBinding> columns;

    Elements(String json, List<ColumnBinding> columns) {
      this.json = json;
      this.columns = columns;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return SqlTypes.rowType(
          new TableShape(columns.stream().map(ColumnBinding::column).toList()), typeFactory);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      if (json == null || json.isBlank() || json.strip().equals("null")) {
        return Linq4j.emptyEnumerable();
      }
      return Linq4j.asEnumerable(rows());
    }

    private List<Object[]> rows() {
      List<Object[]> rows = new ArrayList<>();
      try (BufferAllocator allocator =
              Memory.ROOT.newChildAllocator("unnest_json", 0, CALL_MEMORY);
          JsonBatchDecoder decoder =
              new JsonBatchDecoder(
                  new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                  "application/json",
                  new RecordLayout(RecordLayout.Format.ARRAY, ""),
                  columns,
                  Set.of(),
                  allocator,
                  BATCH)) {
        for (VectorSchemaRoot batch = decoder.next(); batch != null; batch = decoder.next()) {
          List<ColumnAccessor> accessors = new ArrayList<>();
          for (FieldVector vector : batch.getFieldVectors()) {
            accessors.add(ColumnAccessor.of(vector));
          }
          for (int row = 0; row < batch.getRowCount(); row++) {
            Object[] values = new Object[accessors.size()];
            for (int c = 0; c < values.length; c++) {
              values[c] = accessors.get(c).get(row);
            }
            rows.add(values);
          }
        }
      } catch (JsonDecodeException e) {
        throw failure(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return rows;
    }
  }

  /**
   * The decoder's error, said of elements: a value that does not fit its type is a failed cast
   * (22018), anything else bad JSON (22P02).
   */
  private static ArrowtapException failure(JsonDecodeException e) {
    StringBuilder where = new StringBuilder("unnest_json: ");
    if (e.position().recordIndex() >= 0) {
      where.append("element ").append(e.position().recordNumber()).append(", ");
    }
    if (e.column() != null) {
      where.append("column ").append(e.column()).append(", ");
    }
    where.append("byte ").append(e.byteOffset()).append(": ").append(e.problem());
    String state =
        SqlStates.INVALID_ARGUMENT.equals(e.sqlState())
            ? SqlStates.INVALID_CHARACTER_VALUE
            : SqlStates.FEED_BAD_DATA;
    return new ArrowtapException(state, where.toString(), e);
  }
}
