package dev.arrowtap.decode;

/**
 * A value that does not fit its column's type. Thrown by column writers, which know neither the
 * record nor the offset; the decoder adds both. No stack trace: the decoder reports the position.
 */
final class ValueMismatch extends Exception {
  private static final long serialVersionUID = 1L;

  ValueMismatch(String message) {
    super(message, null, false, false);
  }

  /** A short quote of the offending text for messages. */
  static String quote(char[] chars, int offset, int length) {
    int shown = Math.min(length, 60);
    String text = new String(chars, offset, shown);
    return "'" + text + (shown < length ? "...'" : "'");
  }
}
