package dev.arrowtap.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A property in a {@code jdbc:arrowtap:} URL that nobody knows is refused, naming the nearest. */
class UrlPropertyCheckTest {
  @Test
  void aTypoNamesTheNearestKnownProperty() {
    SQLException e =
        assertThrows(
            SQLException.class, () -> DriverManager.getConnection("jdbc:arrowtap:catalgo=x.yaml"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("unknown property 'catalgo'"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean catalog"), e.getMessage());
    SQLException fetch =
        assertThrows(
            SQLException.class, () -> DriverManager.getConnection("jdbc:arrowtap:;fetch_sise=10"));
    assertTrue(fetch.getMessage().contains("did you mean fetch_size"), fetch.getMessage());
  }

  @Test
  void aNameLikeNoOtherListsArrowtapsProperties() {
    SQLException e =
        assertThrows(
            SQLException.class, () -> DriverManager.getConnection("jdbc:arrowtap:zzzqqq=1"));
    assertTrue(e.getMessage().contains("catalog, "), e.getMessage());
    assertTrue(e.getMessage().contains("max_requests"), e.getMessage());
  }

  @Test
  void knownPropertiesAndAToolsOwnOptionsConnect() throws Exception {
    Properties tool = new Properties();
    tool.setProperty("dbtable", "demo.users"); // Spark's JDBC source passes its options so
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:arrowtap:fetch_size=10;max_requests=5;cache=false", tool)) {
      assertTrue(c.isValid(5));
    }
  }
}
