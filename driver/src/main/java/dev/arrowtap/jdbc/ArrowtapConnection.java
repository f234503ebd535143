package dev.arrowtap.jdbc;

import java.sql.ClientInfoStatus;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * A connection to an embedded engine or a remote arrowtap server. Every failure reaches the caller
 * as an {@link SQLException} with an SQLState, never as an unchecked exception from Avatica's
 * client; commit and rollback succeed (a read-only source has nothing to commit).
 */
public class ArrowtapConnection extends AvaticaConnection {
  /** The client-info names of JDBC 4 that arrowtap keeps; ApplicationName reaches sys.queries. */
  static final String APPLICATION_NAME = "ApplicationName";

  private static final Set<String> CLIENT_INFO_NAMES =
      Set.of(APPLICATION_NAME, "ClientUser", "ClientHostname");

  private final Properties clientInfo = new Properties();
  private final String userUrl;
  private SQLWarning warnings;

  ArrowtapConnection(
      UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    super(driver, factory, url, info);
    this.userUrl = info.getProperty(ArrowtapDriver.USER_URL, url);
    info.remove(ArrowtapDriver.USER_URL);
    String application = info.getProperty(APPLICATION_NAME);
    if (application != null) {
      clientInfo.setProperty(APPLICATION_NAME, application);
    }
  }

  /** The URL the user connected with, secrets removed. */
  String userUrl() {
    return userUrl;
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    checkOpen();
    // Avatica's own prepareStatement replaces the engine's reason with "while preparing SQL".
    return call(
        () -> {
          Meta.StatementHandle h = meta.prepare(handle, sql, -1);
          return factory.newPreparedStatement(
              this, h, h.signature, resultSetType, resultSetConcurrency, resultSetHoldability);
        });
  }

  @Override
  public AvaticaStatement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return call(
        () -> super.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return CheckedMetaData.wrap(super.getMetaData());
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    run(() -> super.setAutoCommit(autoCommit));
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    return call(super::getAutoCommit);
  }

  @Override
  public void commit() throws SQLException {
    run(super::commit);
  }

  @Override
  public void rollback() throws SQLException {
    run(super::rollback);
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    run(() -> super.setReadOnly(readOnly));
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return call(super::isReadOnly);
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    run(() -> super.setCatalog(catalog));
  }

  @Override
  public String getCatalog() throws SQLException {
    return call(super::getCatalog);
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    run(() -> super.setTransactionIsolation(level));
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    return call(super::getTransactionIsolation);
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    run(() -> super.setSchema(schema));
  }

  @Override
  public String getSchema() throws SQLException {
    return call(super::getSchema);
  }

  /**
   * Closes the connection here and its session on the engine. With the server gone the session is
   * gone too, so that is not an error.
   */
  @Override
  public void close() throws SQLException {
    try {
      run(super::close);
    } catch (SQLException e) {
      if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
        throw e;
      }
    }
  }

  /**
   * True only when the engine answers within {@code timeout} seconds (0: no limit). After a server
   * restart the answer comes from a new session: Avatica reconnects transparently.
   */
  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw new SQLException("isValid timeout must not be negative: " + timeout, "22023");
    }
    if (isClosed()) {
      return false;
    }
    var executor = Executors.newSingleThreadExecutor(DriverThreads.named("arrowtap-is-valid"));
    try {
      // A round trip to the engine that plans nothing (Avatica caches connection properties).
      Future<Boolean> probe =
          executor.submit(
              () -> {
                meta.closeStatement(meta.createStatement(handle));
                return true;
              });
      return timeout == 0 ? probe.get() : probe.get(timeout, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * Keeps JDBC's standard client-info names; {@code ApplicationName} is sent to the engine and
   * shown in {@code sys.queries.application_name}. Other names add a warning, as JDBC allows.
   */
  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (!CLIENT_INFO_NAMES.contains(name)) {
      addWarning(
          new SQLWarning(
              "client info '" + name + "' is not kept; arrowtap knows " + CLIENT_INFO_NAMES,
              "01000"));
      return;
    }
    try {
      checkOpen();
      if (APPLICATION_NAME.equals(name)) {
        String text = value == null ? "" : value;
        try (Statement statement = createStatement()) {
          statement.execute("SET application_name = '" + text.replace("'", "''") + "'");
        }
        // Sent again when Avatica reconnects to a restarted server.
        info.setProperty(APPLICATION_NAME, text);
      }
      if (value == null) {
        clientInfo.remove(name);
      } else {
        clientInfo.setProperty(name, value);
      }
    } catch (SQLException e) {
      throw new SQLClientInfoException(
          e.getMessage(), e.getSQLState(), Map.of(name, ClientInfoStatus.REASON_UNKNOWN), e);
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    for (String name : properties.stringPropertyNames()) {
      setClientInfo(name, properties.getProperty(name));
    }
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    Properties copy = new Properties();
    copy.putAll(clientInfo);
    return copy;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return warnings;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    warnings = null;
  }

  private void addWarning(SQLWarning warning) {
    if (warnings == null) {
      warnings = warning;
    } else {
      warnings.setNextWarning(warning);
    }
  }

  /**
   * Prepares {@code statement}'s SQL again on the engine, for a session the server no longer has (a
   * restart, or a statement closed as idle), and points the statement at the new one.
   */
  void prepareAgain(ArrowtapPreparedStatement statement, String sql) {
    Meta.StatementHandle fresh = meta.prepare(handle, sql, -1);
    statementMap.remove(statement.handle.id);
    statementMap.put(fresh.id, statement);
    statement.handle = fresh;
  }

  /** The Meta that serves this connection, for the result sets' own iterables. */
  Meta meta() {
    return meta;
  }

  /** A connection property as given in the URL or the Properties, or null. */
  String property(String key) {
    return info.getProperty(key);
  }

  /** Work on the connection that may fail with an unchecked exception from Avatica's client. */
  private interface Work<T> {
    T call() throws SQLException;
  }

  /** A void variant of {@link Work}. */
  private interface VoidWork {
    void run() throws SQLException;
  }

  private static <T> T call(Work<T> work) throws SQLException {
    try {
      return work.call();
    } catch (SQLException e) {
      throw ClientErrors.clean(e);
    } catch (RuntimeException e) {
      throw ClientErrors.clean(e);
    }
  }

  private static void run(VoidWork work) throws SQLException {
    call(
        () -> {
          work.run();
          return null;
        });
  }
}
