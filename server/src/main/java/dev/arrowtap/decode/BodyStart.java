package dev.arrowtap.decode;

/**
 * Where a decoder's input starts in the whole body: a part of a body cut at a line boundary is
 * decoded on its own, and its errors still name the byte and record of the whole body.
 *
 * @param byteOffset bytes of the body before this input (negative by the width of any padding put
 *     in front of it)
 * @param recordIndex records of the body before this input
 */
record BodyStart(long byteOffset, long recordIndex) {
  /** The start of a body. */
  static final BodyStart ZERO = new BodyStart(0, 0);

  BodyStart {
    if (recordIndex < 0) {
      throw new IllegalArgumentException("records before a part are not negative: " + recordIndex);
    }
  }
}
