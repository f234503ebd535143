package dev.arrowtap.decode;

import java.io.Serializable;

/**
 * Where in a body the decoder found bad data: the record, the byte offset and the column. The one
 * place that formats a position ({@link #toString}): records are numbered from 1 there, and each
 * part appears once, as in {@code column amount, record 2, byte 43}.
 *
 * @param byteOffset the offset from the start of the body, in bytes
 * @param recordIndex the 0-based index of the record holding the bad data, or -1 when outside any
 *     record
 * @param recordsRead how many records were read completely before the position
 * @param column the column whose value did not fit, or null
 */
public record BodyPosition(long byteOffset, long recordIndex, long recordsRead, String column)
    implements Serializable {

  /** A position inside the record with 0-based index {@code recordIndex}. */
  public static BodyPosition inRecord(long byteOffset, long recordIndex, String column) {
    return new BodyPosition(byteOffset, recordIndex, recordIndex, column);
  }

  /** A position outside any record, after {@code recordsRead} whole records. */
  public static BodyPosition between(long byteOffset, long recordsRead) {
    return new BodyPosition(byteOffset, -1, recordsRead, null);
  }

  /** The 1-based number of the record holding the bad data, or 0 when outside any record. */
  public long recordNumber() {
    return recordIndex + 1;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    if (column != null) {
      out.append("column ").append(column).append(", ");
    }
    if (recordIndex >= 0) {
      out.append("record ").append(recordNumber());
    } else if (recordsRead > 0) {
      out.append("after record ").append(recordsRead);
    } else {
      out.append("before the first record");
    }
    return out.append(", byte ").append(byteOffset).toString();
  }
}
