package dev.arrowtap.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

/** A connection to an embedded engine or a remote arrowtap server. */
public class ArrowtapConnection extends AvaticaConnection {
  ArrowtapConnection(
      UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    super(driver, factory, url, info);
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    try {
      return super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    } catch (SQLException e) {
      throw ClientErrors.clean(e);
    }
  }

  /** The Meta that serves this connection, for the result sets' own iterables. */
  Meta meta() {
    return meta;
  }

  /** A connection property as given in the URL or the Properties, or null. */
  String property(String key) {
    return info.getProperty(key);
  }
}
