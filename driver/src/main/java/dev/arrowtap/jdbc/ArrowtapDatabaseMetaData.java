package dev.arrowtap.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/** Database metadata of an arrowtap connection, served by the engine. */
final class ArrowtapDatabaseMetaData extends AvaticaDatabaseMetaData {
  private final ArrowtapConnection connection;

  ArrowtapDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
    this.connection = (ArrowtapConnection) connection;
  }

  /** The URL the user connected with, without passwords or tokens. */
  @Override
  public String getURL() {
    return connection.userUrl();
  }
}
