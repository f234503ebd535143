package dev.arrowtap.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.junit.jupiter.api.Test;

/** The user sees the server's own message and SQLState, not Avatica's wrapping. */
class ClientErrorsTest {
  @Test
  void aRemoteFailureKeepsTheServersMessageAndState() {
    AvaticaClientRuntimeException remote =
        new AvaticaClientRuntimeException(
            "Error while executing SQL \"SELECT * FROM numbers(0, 1.5)\": Remote driver error:"
                + " numbers(start, end): end must be a whole number (BIGINT), not 1.5",
            -1,
            "22023",
            AvaticaSeverity.ERROR,
            List.of(),
            null);
    SQLException clean = ClientErrors.clean(new RuntimeException("wrapped", remote));
    assertEquals(
        "numbers(start, end): end must be a whole number (BIGINT), not 1.5", clean.getMessage());
    assertEquals("22023", clean.getSQLState());
  }

  @Test
  void anIoFailureIsALostConnectionAndAnythingElseADriverBug() {
    SQLException lost =
        ClientErrors.clean(new UncheckedIOException(new IOException("connection reset")));
    assertEquals("lost the connection to the arrowtap server: connection reset", lost.getMessage());
    assertEquals(ArrowtapHttpClientFactory.CONNECTION_FAILURE, lost.getSQLState());
    SQLException bug = ClientErrors.clean(new IllegalStateException("oops"));
    assertEquals(
        "internal error in the driver: java.lang.IllegalStateException: oops", bug.getMessage());
    assertEquals("XX000", bug.getSQLState());
  }

  @Test
  void aPlainSqlExceptionIsLeftAsItIs() {
    SQLException plain = new SQLException("closed", "08003");
    assertSame(plain, ClientErrors.clean(plain));
  }

  @Test
  void theTaskMetricsQueryQuotesTheConnectionId() {
    assertEquals(
        "SELECT * FROM sys.task_metrics WHERE query_id = (SELECT max(query_id) FROM sys.queries"
            + " WHERE connection_id = 'it''s' AND statement_id = 7) ORDER BY stage, task",
        TaskMetricsQuery.forStatement("it's", 7));
  }
}
