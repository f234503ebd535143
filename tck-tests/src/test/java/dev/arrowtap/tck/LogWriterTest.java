package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A JDBC log writer set by a tool (SchemaCrawler sets one) leaves every error as it is: the
 * engine's message and SQLState, not a NullPointerException thrown while the exception was being
 * built.
 */
@ResourceLock("java.sql.DriverManager.logWriter")
class LogWriterTest {
  private final StringWriter log = new StringWriter();
  private PrintWriter saved;

  @BeforeEach
  void setLogWriter() {
    saved = DriverManager.getLogWriter();
    DriverManager.setLogWriter(new PrintWriter(log, true));
  }

  @AfterEach
  void restoreLogWriter() {
    DriverManager.setLogWriter(saved);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void failingQueriesKeepTheirSqlState(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      SQLException missing =
          assertThrows(SQLException.class, () -> statement.executeQuery("SELECT * FROM nowhere"));
      assertEquals("42704", missing.getSQLState(), missing.toString());
      assertTrue(missing.getMessage().contains("nowhere"), missing.getMessage());

      SQLException syntax =
          assertThrows(SQLException.class, () -> statement.executeQuery("SELECT FROM WHERE"));
      assertEquals("42000", syntax.getSQLState(), syntax.toString());

      SQLException division =
          assertThrows(
              SQLException.class,
              () -> {
                try (ResultSet rs =
                    statement.executeQuery("SELECT 10 / (number - 5) FROM numbers(0, 10)")) {
                  while (rs.next()) {
                    rs.getLong(1);
                  }
                }
              });
      assertEquals("22012", division.getSQLState(), division.toString());

      SQLException prepare =
          assertThrows(
              SQLException.class, () -> connection.prepareStatement("SELECT * FROM nowhere"));
      assertEquals("42704", prepare.getSQLState(), prepare.toString());

      try (PreparedStatement bound =
          connection.prepareStatement("SELECT number FROM numbers(0, 10) WHERE number = ?")) {
        bound.setString(1, "five");
        SQLException conversion = assertThrows(SQLException.class, bound::executeQuery);
        assertEquals("22018", conversion.getSQLState(), conversion.toString());
      }

      try (Statement batch = connection.createStatement()) {
        batch.addBatch("INSERT INTO nowhere VALUES (1)");
        SQLException refused = assertThrows(SQLException.class, batch::executeBatch);
        assertTrue(refused.getSQLState() != null, refused.toString());
      }

      try (ResultSet rs = connection.getMetaData().getColumns(null, "sys", "queries", "%")) {
        assertTrue(rs.next(), "metadata still answers");
      }

      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM numbers(0, 5)")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getLong(1));
      }
    }
    assertTrue(log.toString().contains("42704"), "the writer gets the driver's log:\n" + log);
  }
}
