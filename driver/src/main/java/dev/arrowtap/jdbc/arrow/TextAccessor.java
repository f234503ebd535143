package dev.arrowtap.jdbc.arrow;

import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.apache.arrow.vector.VarCharVector;

/** CHAR, VARCHAR and JSON values. */
final class TextAccessor extends VectorAccessor {
  private final VarCharVector vector;

  TextAccessor(VarCharVector vector, IntSupplier row, boolean[] wasNull) {
    super(vector, row, wasNull);
    this.vector = vector;
  }

  @Override
  public String getString() {
    return isNull() ? null : new String(vector.get(row()), StandardCharsets.UTF_8);
  }

  @Override
  public byte[] getBytes() {
    return isNull() ? null : vector.get(row());
  }

  @Override
  public Object getObject() {
    return getString();
  }
}
