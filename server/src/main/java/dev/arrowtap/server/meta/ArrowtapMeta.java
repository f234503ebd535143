package dev.arrowtap.server.meta;

import dev.arrowtap.engine.ArrowtapEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.jdbc.JdbcMeta;

/**
 * Avatica's view of the engine: statements, result frames and metadata over engine sessions. Each
 * client connection gets its own engine session from whitelisted properties.
 */
public class ArrowtapMeta extends JdbcMeta {
  private final ArrowtapEngine engine;

  public ArrowtapMeta(ArrowtapEngine engine) throws SQLException {
    super("jdbc:arrowtap:engine", cacheSettings());
    this.engine = engine;
  }

  /**
   * Idle BI sessions keep their connections for a working day; Avatica's defaults (10 and 5
   * minutes) break a DBeaver window left open over lunch.
   */
  private static Properties cacheSettings() {
    Properties properties = new Properties();
    properties.setProperty("avatica.connectioncache.expiryduration", "12");
    properties.setProperty("avatica.connectioncache.expiryunit", "HOURS");
    properties.setProperty("avatica.statementcache.expiryduration", "12");
    properties.setProperty("avatica.statementcache.expiryunit", "HOURS");
    return properties;
  }

  @Override
  protected Connection createConnection(String url, Properties info) throws SQLException {
    Map<String, String> properties = new HashMap<>();
    for (String name : info.stringPropertyNames()) {
      properties.put(name, info.getProperty(name));
    }
    return engine.connect(properties);
  }
}
