package dev.arrowtap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark's own JDBC source ({@code format("jdbc")}, not arrowtap's connector) reading a remote
 * arrowtap server through the {@code jdbc:arrowtap:} driver with Spark's default options: every
 * row, with Spark's types, equal to the feed's own records. The session's time zone is not the
 * JVM's, so that a timestamp shifted by either would show.
 */
class SparkJdbcSourceTest {
  private static final String SESSION_ZONE = "America/Los_Angeles";
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
  private static TestApi api;
  private static ArrowtapServer server;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws SQLException {
    api = TestApi.start();
    server =
        ArrowtapServer.start(
            new ArrowtapEngine(EngineConfig.defaults().withCatalog(api.catalog)), "127.0.0.1", 0);
    spark =
        TestSpark.start("SparkJdbcSourceTest", Map.of("spark.sql.session.timeZone", SESSION_ZONE));
  }

  @AfterAll
  static void stop() {
    spark.stop();
    server.close();
    api.close();
  }

  private static DataFrameReader jdbc() {
    return spark
        .read()
        .format("jdbc")
        .option("url", "jdbc:arrowtap:url=" + server.url())
        .option("driver", "dev.arrowtap.jdbc.ArrowtapDriver");
  }

  /** The feed's records that pass {@code keep}, in id order. */
  private static List<TestApi.LedgerRecord> records(Predicate<TestApi.LedgerRecord> keep) {
    return IntStream.range(0, TestApi.LEDGER_ROWS).mapToObj(TestApi::ledger).filter(keep).toList();
  }

  /** The rows of a frame with the ledger's columns, as records, in id order. */
  private static List<TestApi.LedgerRecord> read(Dataset<Row> frame) {
    List<TestApi.LedgerRecord> out = new ArrayList<>();
    // Sorted here rather than by Spark, whose sort would scan once more to sample the ids.
    for (Row row : frame.collectAsList()) {
      Object booked = row.get(4);
      LocalDateTime bookedAt =
          booked instanceof Timestamp timestamp
              ? timestamp.toLocalDateTime()
              : (LocalDateTime) booked;
      out.add(
          new TestApi.LedgerRecord(
              row.getLong(0),
              row.isNullAt(1) ? null : row.getDouble(1),
              row.getDecimal(2),
              row.isNullAt(3) ? null : row.getString(3),
              bookedAt));
    }
    out.sort(Comparator.comparingLong(TestApi.LedgerRecord::id));
    return out;
  }

  @Test
  void defaultOptionsReadEveryRowWithItsTypes() {
    // The JVM runs in UTC (see the module's surefire flags), the session in Los Angeles.
    assertEquals("UTC", TimeZone.getDefault().getID());
    api.clearRequests();
    Dataset<Row> frame = jdbc().option("dbtable", "shop.ledger").load();
    // Spark reads the schema with "SELECT * FROM shop.ledger WHERE 1=0": no call to the API.
    assertEquals(List.of(), api.requests("/ledger"));

    assertEquals(
        "struct<id:bigint,amount:double,price:decimal(10,2),memo:string,booked_at:timestamp>",
        frame.schema().simpleString());
    List<TestApi.LedgerRecord> expected = records(r -> true);
    assertEquals(TestApi.LEDGER_ROWS, expected.size());
    assertEquals(expected, read(frame));
    // The nulls arrived as nulls, not as zeros or empty text.
    assertEquals(
        expected.stream().filter(r -> r.amount() == null).count(),
        frame.filter("amount IS NULL").count());
    assertEquals(
        expected.stream().filter(r -> r.bookedAt() == null).count(),
        frame.filter("booked_at IS NULL").count());
  }

  @Test
  void timestampWithoutTimeZoneIsTheFeedsWallClockInAnySessionZone() {
    Dataset<Row> frame =
        jdbc().option("dbtable", "shop.ledger").option("preferTimestampNTZ", "true").load();

    assertEquals(DataTypes.TimestampNTZType, frame.schema().apply("booked_at").dataType());
    assertEquals(records(r -> true), read(frame));
    // As text in the Los Angeles session: the feed's own wall-clock time, unshifted.
    List<Row> texts =
        frame
            .selectExpr("id", "date_format(booked_at, \"yyyy-MM-dd'T'HH:mm:ss.SSS\")")
            .orderBy("id")
            .collectAsList();
    for (Row row : texts) {
      LocalDateTime expected = TestApi.ledger((int) row.getLong(0) - 1).bookedAt();
      if (expected == null) {
        assertNull(row.get(1));
      } else {
        assertEquals(expected.format(MILLIS), row.getString(1));
      }
    }
  }

  @Test
  void queryOptionWithWhereReadsTheMatchingRows() {
    Dataset<Row> frame =
        jdbc()
            .option(
                "query",
                "SELECT id, amount, price, memo, booked_at FROM shop.ledger"
                    + " WHERE price >= 10 AND memo IS NOT NULL")
            .load();

    List<TestApi.LedgerRecord> expected =
        records(r -> r.price().compareTo(BigDecimal.TEN) >= 0 && r.memo() != null);
    assertEquals(true, expected.size() > 10 && expected.size() < TestApi.LEDGER_ROWS);
    assertEquals(expected, read(frame));
  }

  @Test
  void partitionedReadGivesEveryRowExactlyOnce() {
    Dataset<Row> frame =
        jdbc()
            .option("dbtable", "shop.ledger")
            .option("partitionColumn", "id")
            // Bounds inside the ids: the first and last partitions are open-ended.
            .option("lowerBound", "10")
            .option("upperBound", "50")
            .option("numPartitions", "4")
            .load();

    assertEquals(4, frame.rdd().getNumPartitions());
    api.clearRequests();
    List<TestApi.LedgerRecord> rows = read(frame);
    // The feed declares no filter on id: each partition's query reads the whole feed once.
    assertEquals(4, api.requests("/ledger").size());
    assertEquals(TestApi.LEDGER_ROWS, rows.size());
    assertEquals(records(r -> true), rows);
  }
}
