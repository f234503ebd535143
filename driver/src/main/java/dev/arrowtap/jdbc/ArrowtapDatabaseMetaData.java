package dev.arrowtap.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/**
 * Database metadata of an arrowtap connection, served by the engine. The answers about names follow
 * arrowtap's lexical policy (names kept as written, matched in any case, quoted or not), and the
 * answers about writing are those of a read-only source.
 */
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

  /** The table functions (numbers, read_json, sys functions); Avatica's protocol has no call. */
  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    return metadataQuery("FUNCTIONS", schemaPattern, functionNamePattern);
  }

  @Override
  public ResultSet getFunctionColumns(
      String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern)
      throws SQLException {
    return metadataQuery("FUNCTION_COLUMNS", schemaPattern, functionNamePattern, columnNamePattern);
  }

  /** Feeds have no keys; the empty result has the spec's columns (DEFERRABILITY). */
  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return metadataQuery("KEYS");
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return metadataQuery("KEYS");
  }

  @Override
  public ResultSet getCrossReference(
      String parentCatalog,
      String parentSchema,
      String parentTable,
      String foreignCatalog,
      String foreignSchema,
      String foreignTable)
      throws SQLException {
    return metadataQuery("KEYS");
  }

  /** Asks the engine for metadata Avatica's protocol does not carry, on a statement of its own. */
  private ResultSet metadataQuery(String kind, String... patterns) throws SQLException {
    StringBuilder sql = new StringBuilder("ARROWTAP METADATA ").append(kind);
    for (String pattern : patterns) {
      sql.append(' ').append(pattern == null ? "NULL" : "'" + pattern.replace("'", "''") + "'");
    }
    Statement statement = connection.createStatement();
    statement.closeOnCompletion();
    return statement.executeQuery(sql.toString());
  }

  /** Results are read once, forward only; they stay open across commit (nothing to commit). */
  @Override
  public boolean supportsResultSetHoldability(int holdability) {
    return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  /** A read-only source: no result set sees its own or others' changes, none are detected. */
  @Override
  public boolean ownUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean updatesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean deletesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean insertsAreDetected(int type) {
    return false;
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesUpperCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesLowerCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesMixedCaseIdentifiers() {
    return true;
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() {
    return true;
  }

  @Override
  public String getSearchStringEscape() {
    return "\\";
  }

  @Override
  public boolean isReadOnly() {
    return true;
  }

  @Override
  public boolean supportsBatchUpdates() {
    return false;
  }

  /** No procedures, and CallableStatement is not offered. */
  @Override
  public boolean allProceduresAreCallable() {
    return false;
  }

  @Override
  public boolean allTablesAreSelectable() {
    return true;
  }

  /** Every statement stands alone: commit and rollback succeed and change nothing. */
  @Override
  public boolean supportsTransactions() {
    return false;
  }

  @Override
  public int getDefaultTransactionIsolation() {
    return Connection.TRANSACTION_NONE;
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() {
    return false;
  }
}
