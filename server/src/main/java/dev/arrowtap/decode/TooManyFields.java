package dev.arrowtap.decode;

import java.io.IOException;

/** Inference found more distinct fields than it may turn into columns. */
public final class TooManyFields extends IOException {
  private static final long serialVersionUID = 1L;

  private final int limit;
  private final long record;

  public TooManyFields(int limit, long record) {
    super("more than " + limit + " fields (record " + (record + 1) + ")");
    this.limit = limit;
    this.record = record;
  }

  public int limit() {
    return limit;
  }

  /** The record (from 0) where the limit was passed. */
  public long record() {
    return record;
  }
}
