package dev.arrowtap.catalog;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;

/** A catalog file that does not load: names the file, the line and the key. */
public final class CatalogException extends ArrowtapException {
  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(SqlStates.BAD_CATALOG, message);
  }

  public CatalogException(String message, Throwable cause) {
    super(SqlStates.BAD_CATALOG, message, cause);
  }
}
