package dev.arrowtap.source.http;

/** A page that could not be fetched: the last status (0 for no answer) and why. */
public class HttpFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int attempts;

  public HttpFailure(String message, int status, int attempts, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.attempts = attempts;
  }

  public int status() {
    return status;
  }

  /**
   * True when the server refused the request itself (a 3xx or a 4xx other than 408 and 429): the
   * same request fails the same way from any worker.
   */
  public boolean refused() {
    return status >= 300 && status < 500 && status != 408 && status != 429;
  }

  public int attempts() {
    return attempts;
  }
}
