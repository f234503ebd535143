package dev.arrowtap.bench;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.flightsql.FlightSqlEndpoint;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Measure 9: fetching the rows of measure 3 from arrowtap's Flight SQL endpoint, through the Arrow
 * Flight SQL JDBC driver and through a Java Flight SQL client reading the batches, against DuckDB's
 * in-process JDBC.
 */
final class FlightSqlFetchMeasure implements Measure {

  @Override
  public int number() {
    return 9;
  }

  @Override
  public String title() {
    return "Fetch rows x 8 columns over Flight SQL: the Flight SQL JDBC driver and a batch client"
        + " against DuckDB";
  }

  @Override
  public String id() {
    return "flightsql";
  }

  @Override
  public Findings run(Mode mode, BenchContext context) throws Exception {
    int rows = mode.fetchRows();
    try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults());
        FlightSqlEndpoint endpoint =
            FlightSqlEndpoint.start(engine, "127.0.0.1", 0, Optional.empty(), Optional.empty());
        BufferAllocator allocator = new RootAllocator()) {
      String jdbcUrl =
          "jdbc:arrow-flight-sql://127.0.0.1:" + endpoint.port() + "?useEncryption=false";
      Location location = Location.forGrpcInsecure("127.0.0.1", endpoint.port());
      Connection duck = context.duckdb();
      String sql = FetchMeasure.arrowtapSql(rows);
      List<Contestant> contestants =
          List.of(
              new Contestant("Flight SQL JDBC", () -> FetchMeasure.fetch(jdbcUrl, sql)),
              new Contestant("Flight SQL batches", () -> batches(allocator, location, sql)),
              new Contestant(
                  "DuckDB in-process",
                  () -> FetchMeasure.fetch(duck, FetchMeasure.duckdbSql(rows))));
      Rounds.Outcome outcome =
          Rounds.run(mode.warmups(), mode.rounds(), contestants, context.logger());
      Agreement.same(outcome.answers(), "fetched rows");
      Timing jdbc = outcome.timing("Flight SQL JDBC");
      Timing batches = outcome.timing("Flight SQL batches");
      Timing inProcess = outcome.timing("DuckDB in-process");
      String method =
          String.format(
              Locale.ROOT,
              "The %,d rows of 8 columns of measure 3, served by arrowtap's Flight SQL endpoint"
                  + " (an engine in the same process, gRPC over loopback, no TLS, no login) and"
                  + " read: through the Arrow Flight SQL JDBC driver (`jdbc:arrow-flight-sql:`,"
                  + " fetch size %,d, every value through its typed getter, as in measure 3); and"
                  + " through Arrow's Java `FlightSqlClient`, which reads the record batches and sums"
                  + " the same values from the vectors (string lengths from the offsets, no Java"
                  + " strings made); against DuckDB's in-process JDBC (`range(0, n)`). The"
                  + " checksums are checked to agree. %d warm-up and %d measured rounds,"
                  + " alternating.",
              rows,
              FetchMeasure.FETCH_SIZE,
              mode.warmups(),
              mode.rounds());
      return new Findings(
          method,
          TimingTable.HEADER,
          TimingTable.rows(List.of(inProcess, jdbc, batches), inProcess, rows, true),
          List.of(
              Ratio.ofTimes("Flight SQL JDBC / DuckDB in-process", jdbc, inProcess, true, ">= 1.0"),
              Ratio.ofTimes("Flight SQL batches / Flight SQL JDBC", batches, jdbc, true, ">= 3.0")),
          List.of(
              "Ratios in the table are to DuckDB in process. CPU covers client and server (one"
                  + " process)."));
    }
  }

  /** Reads the result's batches with a Flight SQL client and sums what measure 3's client sums. */
  private static String batches(BufferAllocator allocator, Location location, String sql)
      throws Exception {
    long count = 0;
    long ids = 0;
    long users = 0;
    long text = 0;
    double scores = 0;
    long active = 0;
    long seconds = 0;
    try (FlightClient client = FlightClient.builder(allocator, location).build()) {
      FlightSqlClient sqlClient = new FlightSqlClient(client);
      FlightInfo info = sqlClient.execute(sql);
      for (FlightEndpoint endpoint : info.getEndpoints()) {
        try (FlightStream stream = sqlClient.getStream(endpoint.getTicket())) {
          while (stream.next()) {
            VectorSchemaRoot root = stream.getRoot();
            BaseIntVector id = (BaseIntVector) root.getVector(0);
            BaseIntVector user = (BaseIntVector) root.getVector(1);
            BaseVariableWidthVector name = (BaseVariableWidthVector) root.getVector(2);
            BaseVariableWidthVector email = (BaseVariableWidthVector) root.getVector(3);
            Float8Vector score = (Float8Vector) root.getVector(4);
            BitVector flag = (BitVector) root.getVector(5);
            TimeStampVector created = (TimeStampVector) root.getVector(6);
            BaseVariableWidthVector category = (BaseVariableWidthVector) root.getVector(7);
            int n = root.getRowCount();
            for (int i = 0; i < n; i++) {
              ids += id.getValueAsLong(i);
              users += user.getValueAsLong(i);
              // The values are ASCII: a byte is a character, as String.length() counts them.
              text += name.getValueLength(i) + email.getValueLength(i) + category.getValueLength(i);
              scores += score.get(i);
              active += flag.get(i);
              // Milliseconds of wall-clock time (no zone), as the JDBC clients read in UTC.
              seconds += created.get(i) / 1000 % 86_400;
            }
            count += n;
          }
        }
      }
    }
    return String.format(
        Locale.ROOT, "%d %d %d %d %.1f %d %d", count, ids, users, text, scores, active, seconds);
  }
}
