package dev.arrowtap.jdbc.arrow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.function.IntSupplier;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.AbstractCursor;
import org.apache.calcite.avatica.util.ArrayImpl;

/**
 * A cursor over a result's Arrow batches: the accessors read the current batch's vectors, and
 * moving past a batch's last row loads the next one into the same vectors, so the client holds one
 * batch at a time. Closing it gives the batch memory back.
 */
final class ArrowCursor extends AbstractCursor {
  private final ArrowReader reader;
  private final VectorSchemaRoot root;
  private int row = -1;
  private int rowCount;

  ArrowCursor(ArrowReader reader) throws IOException {
    this.reader = reader;
    this.root = reader.getVectorSchemaRoot();
  }

  ArrowReader reader() {
    return reader;
  }

  @Override
  public List<Accessor> createAccessors(
      List<ColumnMetaData> columns, Calendar localCalendar, ArrayImpl.Factory factory) {
    List<Accessor> accessors = new ArrayList<>(columns.size());
    IntSupplier current = () -> row;
    for (int i = 0; i < columns.size(); i++) {
      FieldVector vector = root.getVector(i);
      ColumnMetaData column = columns.get(i);
      accessors.add(accessor(column, vector, current, localCalendar, factory));
    }
    return accessors;
  }

  private Accessor accessor(
      ColumnMetaData column,
      FieldVector vector,
      IntSupplier current,
      Calendar localCalendar,
      ArrayImpl.Factory factory) {
    if (vector instanceof BaseIntVector ints) {
      return new IntAccessor(ints, current, wasNull);
    }
    if (vector instanceof FloatingPointVector floats) {
      return new FloatAccessor(floats, current, wasNull);
    }
    if (vector instanceof BitVector bits) {
      return new BitAccessor(bits, current, wasNull);
    }
    if (vector instanceof DecimalVector decimals) {
      return new DecimalAccessor(decimals, current, wasNull);
    }
    if (vector instanceof VarCharVector text) {
      return new TextAccessor(text, current, wasNull);
    }
    if (vector instanceof VarBinaryVector binary) {
      return new BinaryAccessor(binary, current, wasNull);
    }
    if (vector instanceof DateDayVector
        || vector instanceof TimeMilliVector
        || vector instanceof TimeStampVector) {
      return new TemporalAccessor(vector, current, wasNull, localCalendar, column.precision);
    }
    if (vector instanceof ListVector list) {
      // Avatica's own array accessor, fed the exact element values of the list vector.
      ListValues values = new ListValues(list, current, wasNull);
      return createAccessor(
          column,
          new Getter() {
            @Override
            public Object getObject() {
              return values.current();
            }

            @Override
            public boolean wasNull() {
              return values.wasNull();
            }
          },
          localCalendar,
          factory);
    }
    throw new IllegalStateException("no accessor for Arrow type " + vector.getField().getType());
  }

  /** Every column has a vector accessor; none reads through a getter. */
  @Override
  protected Getter createGetter(int ordinal) {
    throw new UnsupportedOperationException("Arrow columns are read by vector accessors");
  }

  @Override
  public boolean next() {
    row++;
    while (row >= rowCount) {
      try {
        if (!reader.loadNextBatch()) {
          rowCount = 0;
          row = 0;
          return false;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      rowCount = root.getRowCount();
      row = 0;
    }
    return true;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checked form for callers that report SQL errors. */
  static SQLException closeFailure(Exception e) {
    return new SQLException("could not release an Arrow result: " + e.getMessage(), "XX000", e);
  }
}
