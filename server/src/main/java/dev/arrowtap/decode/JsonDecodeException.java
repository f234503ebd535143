package dev.arrowtap.decode;

import java.io.IOException;

/** Bad data in a body: where it broke ({@link BodyPosition}) and why. */
public class JsonDecodeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final BodyPosition position;
  private final String problem;
  private final String sqlState;

  /** The message is {@code position: problem}, the format of every decode error. */
  public JsonDecodeException(
      BodyPosition position, String problem, String sqlState, Throwable cause) {
    super(position + ": " + problem, cause);
    this.position = position;
    this.problem = problem;
    this.sqlState = sqlState;
  }

  /** Where in the body the bad data is. */
  public BodyPosition position() {
    return position;
  }

  /** What is wrong there, without the position. */
  public String problem() {
    return problem;
  }

  /** The offset in the body, in bytes from its start, where the bad data is. */
  public long byteOffset() {
    return position.byteOffset();
  }

  /** The 0-based index of the record that holds the bad data, or -1 if outside any record. */
  public long recordIndex() {
    return position.recordIndex();
  }

  /** The column whose value did not fit, or null. */
  public String column() {
    return position.column();
  }

  /** {@code 22P02} for malformed, cut off or misshapen bodies, {@code 22023} for misfit values. */
  public String sqlState() {
    return sqlState;
  }
}
