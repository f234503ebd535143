package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectionTest {
  @Test
  void driverIsRegisteredThroughServiceLoader() throws SQLException {
    Driver driver = DriverManager.getDriver("jdbc:arrowtap:");
    assertEquals("dev.arrowtap.jdbc.ArrowtapDriver", driver.getClass().getName());
    assertTrue(driver.acceptsURL("jdbc:arrowtap:url=http://127.0.0.1:1"));
    assertFalse(driver.acceptsURL("jdbc:postgresql://localhost/db"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void connectsAndRunsAQuery(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT DISTINCT number FROM numbers(0, 11) ORDER BY number")) {
      for (long expected = 0; expected <= 10; expected++) {
        assertTrue(rs.next(), "row " + expected);
        assertEquals(expected, rs.getLong(1));
      }
      assertFalse(rs.next());
      assertTrue(connection.isValid(5));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void urlPropertiesAndPropertiesObjectBothReachTheSession(Mode mode) throws SQLException {
    String plan1;
    String plan2;
    try (Connection connection =
        DriverManager.getConnection(mode.url() + ";numbers_per_task=1000")) {
      plan1 = explain(connection, "SELECT * FROM numbers(0, 11)");
    }
    Properties properties = new Properties();
    properties.setProperty("numbers_per_task", "1000");
    try (Connection connection = mode.connect(properties)) {
      plan2 = explain(connection, "SELECT * FROM numbers(0, 11)");
    }
    assertTrue(plan1.contains("tasks=[t0:[0-11)]"), plan1);
    assertEquals(plan1, plan2);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void badSessionPropertyIsRefusedByName(Mode mode) {
    SQLException error =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection(mode.url() + ";numbers_per_task=many").close());
    assertTrue(error.getMessage().contains("numbers_per_task"), error.getMessage());
    assertEquals("08001", error.getSQLState());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void clientCannotChooseTheServersModelOrSchemaFactory(Mode mode) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty(
        "model",
        "inline:{version:'1.0',defaultSchema:'evil',schemas:[{name:'evil',tables:[{name:'t',type:'view',sql:'values 1'}]}]}");
    properties.setProperty("schemaFactory", "org.apache.calcite.adapter.jdbc.JdbcSchema$Factory");
    try (Connection connection = mode.connect(properties);
        Statement statement = connection.createStatement()) {
      SQLException error =
          assertThrows(SQLException.class, () -> statement.executeQuery("SELECT * FROM evil.t"));
      assertEquals("42704", error.getSQLState(), error.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void closingIsIdempotentAndClosedObjectsRefuseWork(Mode mode) throws SQLException {
    Connection connection = mode.connect();
    Statement statement = connection.createStatement();
    ResultSet rs = statement.executeQuery("SELECT * FROM numbers(0, 100000)");
    assertTrue(rs.next());
    rs.close();
    assertTrue(rs.isClosed());
    assertThrows(SQLException.class, rs::next);
    statement.close();
    assertTrue(statement.isClosed());
    assertThrows(SQLException.class, () -> statement.executeQuery("SELECT 1"));
    connection.close();
    connection.close();
    assertTrue(connection.isClosed());
    assertThrows(SQLException.class, connection::createStatement);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void abandoningALargeResultHalfWayFreesIt(Mode mode) throws SQLException {
    try (Connection connection = mode.connect()) {
      for (int i = 0; i < 20; i++) {
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT number FROM numbers(0, 10000000)")) {
          assertTrue(rs.next());
          assertNotNull(rs.getObject(1));
        }
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT count(*) FROM numbers(0, 1000)")) {
        assertTrue(rs.next());
        assertEquals(1000, rs.getLong(1));
        assertNull(rs.getWarnings());
      }
    }
  }

  static String explain(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      return plan.toString();
    }
  }
}
