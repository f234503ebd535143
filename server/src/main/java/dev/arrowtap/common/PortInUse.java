package dev.arrowtap.common;

import java.net.BindException;
import java.util.Locale;

/**
 * Recognises a failure to listen because another process has the port, so that a command says what
 * to do instead of printing a stack trace.
 */
public final class PortInUse {
  private PortInUse() {}

  /** Whether {@code error} or one of its causes says the address is already in use. */
  public static boolean is(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
      String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (text.contains("address already in use")) {
        return true;
      }
    }
    return false;
  }

  /**
   * What to say: {@code port 8765 is in use; pass --port N (0 picks a free one)}.
   *
   * @param flag the option that picks the port
   */
  public static String message(String bind, int port, String flag) {
    return "port "
        + port
        + " is in use on "
        + bind
        + " (another arrowtap, or another program, listens there); pass "
        + flag
        + " N to use another (0 picks a free one)";
  }
}
