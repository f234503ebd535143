package dev.arrowtap.common;

/**
 * A copy of an exception whose message held a secret, with the secret masked: it prints as the
 * original did ({@code class name: message} and the original stack trace), so that logs and the
 * stack trace text a client receives read the same, minus the secret.
 */
public final class RedactedThrowable extends Exception {
  private static final long serialVersionUID = 1L;

  private final String originalClass;

  RedactedThrowable(String originalClass, String message, Throwable cause) {
    super(message, cause);
    this.originalClass = originalClass;
  }

  /** The class of the exception this copies. */
  public String originalClass() {
    return originalClass;
  }

  // The copy must print the original class's name, which getMessage cannot carry.
  @SuppressWarnings("OverrideThrowableToString")
  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? originalClass : originalClass + ": " + message;
  }
}
