package dev.arrowtap.decode;

import java.io.IOException;

/** Bad data in a body: where it broke and why. */
public class JsonDecodeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long byteOffset;
  private final long recordIndex;
  private final String column;
  private final String sqlState;

  public JsonDecodeException(
      String message,
      String sqlState,
      long byteOffset,
      long recordIndex,
      String column,
      Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
    this.byteOffset = byteOffset;
    this.recordIndex = recordIndex;
    this.column = column;
  }

  /** The offset in the body, in bytes from its start, where the bad data is. */
  public long byteOffset() {
    return byteOffset;
  }

  /** The 0-based index of the record that holds the bad data, or -1 if outside any record. */
  public long recordIndex() {
    return recordIndex;
  }

  /** The column whose value did not fit, or null. */
  public String column() {
    return column;
  }

  /** {@code 22P02} for malformed, cut off or misshapen bodies, {@code 22023} for misfit values. */
  public String sqlState() {
    return sqlState;
  }
}
