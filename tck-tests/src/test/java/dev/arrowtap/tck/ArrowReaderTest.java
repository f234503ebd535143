package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

/**
 * A Java caller can take a result as Arrow batches ({@code unwrap(ArrowReader.class)}) instead of
 * rows: every row, in batches, typed as the columns are.
 */
class ArrowReaderTest {
  @Test
  void embeddedResultReadsAsArrowBatches() throws Exception {
    long rows = 0;
    long sum = 0;
    int batches = 0;
    try (Connection connection = Mode.EMBEDDED.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT number, CAST(number AS DOUBLE) / 2 AS half,"
                    + " CAST(number AS VARCHAR) AS text FROM numbers(0, 50000)")) {
      assertTrue(rs.isWrapperFor(ArrowReader.class));
      ArrowReader reader = rs.unwrap(ArrowReader.class);
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertEquals(new ArrowType.Int(64, true), root.getVector(0).getField().getType());
      while (reader.loadNextBatch()) {
        batches++;
        BigIntVector number = (BigIntVector) root.getVector(0);
        Float8Vector half = (Float8Vector) root.getVector(1);
        VarCharVector text = (VarCharVector) root.getVector(2);
        for (int i = 0; i < root.getRowCount(); i++) {
          long value = number.get(i);
          sum += value;
          assertEquals(value / 2.0, half.get(i));
          assertEquals(Long.toString(value), text.getObject(i).toString());
        }
        rows += root.getRowCount();
      }
    }
    assertEquals(50_000, rows);
    assertEquals(50_000L * 49_999 / 2, sum);
    assertTrue(batches > 1, "a result this size comes in several batches: " + batches);
  }

  @Test
  void preparedResultsAndNullsReadAsArrow() throws Exception {
    try (Connection connection = Mode.EMBEDDED.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT CASE WHEN number = 2 THEN NULL ELSE number END AS n"
                    + " FROM numbers(0, 6) WHERE number < ?")) {
      statement.setLong(1, 4);
      try (ResultSet rs = statement.executeQuery()) {
        ArrowReader reader = rs.unwrap(ArrowReader.class);
        assertTrue(reader.loadNextBatch());
        BigIntVector n = (BigIntVector) reader.getVectorSchemaRoot().getVector(0);
        assertEquals(4, reader.getVectorSchemaRoot().getRowCount());
        assertTrue(n.isNull(2));
        assertEquals(3, n.get(3));
        assertFalse(reader.loadNextBatch());
      }
    }
  }

  @Test
  void readerOnlyBeforeTheFirstRow() throws Exception {
    try (Connection connection = Mode.EMBEDDED.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT number FROM numbers(0, 3)")) {
      assertTrue(rs.next());
      SQLException error = assertThrows(SQLException.class, () -> rs.unwrap(ArrowReader.class));
      assertEquals("24000", error.getSQLState());
    }
  }

  @Test
  void remoteResultsSayTheyAreRows() throws Exception {
    try (Connection connection = Mode.REMOTE.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT number FROM numbers(0, 3)")) {
      assertFalse(rs.isWrapperFor(ArrowReader.class));
      SQLFeatureNotSupportedException error =
          assertThrows(SQLFeatureNotSupportedException.class, () -> rs.unwrap(ArrowReader.class));
      assertEquals("0A000", error.getSQLState());
      assertTrue(rs.next(), "the rows are still there");
    }
  }
}
