package dev.arrowtap.jdbc.arrow;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.function.IntSupplier;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.calcite.avatica.util.ByteString;

/** BINARY and VARBINARY values; as text, hexadecimal as Avatica shows them. */
final class BinaryAccessor extends VectorAccessor {
  private final VarBinaryVector vector;

  BinaryAccessor(VarBinaryVector vector, IntSupplier row, boolean[] wasNull) {
    super(vector, row, wasNull);
    this.vector = vector;
  }

  @Override
  public byte[] getBytes() {
    return isNull() ? null : vector.get(row());
  }

  @Override
  public InputStream getBinaryStream() {
    byte[] bytes = getBytes();
    return bytes == null ? null : new ByteArrayInputStream(bytes);
  }

  @Override
  public String getString() {
    byte[] bytes = getBytes();
    return bytes == null ? null : new ByteString(bytes).toString();
  }

  @Override
  public Object getObject() {
    return getBytes();
  }
}
