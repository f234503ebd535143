package dev.arrowtap.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/** Database metadata of an arrowtap connection, served by the engine. */
final class ArrowtapDatabaseMetaData extends AvaticaDatabaseMetaData {
  ArrowtapDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
  }
}
