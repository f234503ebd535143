package dev.arrowtap.exec;

import dev.arrowtap.common.ArrowtapException;

/**
 * A task failure that running the task again, here or on another worker, cannot fix: a feed that
 * refused the request (a 4xx answer other than 408 and 429), a body that is not the JSON the
 * catalog describes, a safety cap. The query fails at once instead of trying the next worker.
 */
public final class PermanentFailure extends ArrowtapException {
  private static final long serialVersionUID = 1L;

  public PermanentFailure(String sqlState, String message, Throwable cause) {
    super(sqlState, message, cause);
  }
}
