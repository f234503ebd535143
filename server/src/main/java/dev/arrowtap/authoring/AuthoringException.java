package dev.arrowtap.authoring;

/** A description or a body the authoring commands cannot use; the message names where. */
public final class AuthoringException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuthoringException(String message) {
    super(message);
  }

  public AuthoringException(String message, Throwable cause) {
    super(message, cause);
  }
}
