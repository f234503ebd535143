package dev.arrowtap.bench;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * Measure 8: the latency of a trivial query repeated, as BI tools issue many: arrowtap embedded and
 * remote against DuckDB in process and plain Avatica over DuckDB.
 */
final class TrivialMeasure implements Measure {
  static final String SQL = "SELECT count(*) FROM numbers(0, 10)";
  static final String DUCKDB_SQL = "SELECT count(*) FROM range(0, 10)";

  @Override
  public int number() {
    return 8;
  }

  @Override
  public String title() {
    return "Trivial-query latency";
  }

  @Override
  public String id() {
    return "trivial";
  }

  @Override
  public Findings run(Mode mode, BenchContext context) throws Exception {
    int repeats = mode.trivialRepeats();
    try (ArrowtapServer server =
            ArrowtapServer.start(
                new ArrowtapEngine(EngineConfig.defaults()), "127.0.0.1", 0, Serialization.JSON);
        AvaticaDuckServer avatica = new AvaticaDuckServer();
        Connection embedded = DriverManager.getConnection("jdbc:arrowtap:");
        Connection remote = DriverManager.getConnection("jdbc:arrowtap:url=" + server.url());
        Connection plain = DriverManager.getConnection(avatica.url());
        PreparedStatement prepared = embedded.prepareStatement(SQL)) {
      Connection duck = context.duckdb();
      Map<String, List<Double>> latencies = new LinkedHashMap<>();
      List<Contestant> contestants = new ArrayList<>();
      contestants.add(repeat("arrowtap embedded", repeats, latencies, () -> query(embedded, SQL)));
      contestants.add(
          repeat("arrowtap embedded, prepared", repeats, latencies, () -> query(prepared)));
      contestants.add(repeat("arrowtap remote", repeats, latencies, () -> query(remote, SQL)));
      contestants.add(
          repeat("DuckDB in-process", repeats, latencies, () -> query(duck, DUCKDB_SQL)));
      contestants.add(
          repeat("Avatica + DuckDB", repeats, latencies, () -> query(plain, DUCKDB_SQL)));
      Rounds.run(mode.warmups(), mode.rounds(), contestants, context.logger());
      // The warm-up rounds' queries come first in each list: leave them out.
      Map<String, Timing> perQuery = new LinkedHashMap<>();
      for (Map.Entry<String, List<Double>> e : latencies.entrySet()) {
        List<Double> all = e.getValue();
        List<Double> measured = all.subList(mode.warmups() * repeats, all.size());
        perQuery.put(e.getKey(), new Timing(e.getKey(), measured, measured));
      }
      List<List<String>> rows = new ArrayList<>();
      for (Timing t : perQuery.values()) {
        rows.add(
            List.of(
                t.label(),
                TimingTable.millis(t.median() * 1000),
                TimingTable.millis(t.best() * 1000),
                TimingTable.millis(percentile(t, 0.9) * 1000)));
      }
      Timing embeddedTiming = perQuery.get("arrowtap embedded");
      Timing preparedTiming = perQuery.get("arrowtap embedded, prepared");
      Timing remoteTiming = perQuery.get("arrowtap remote");
      Timing duckTiming = perQuery.get("DuckDB in-process");
      Timing plainTiming = perQuery.get("Avatica + DuckDB");
      String method =
          String.format(
              Locale.ROOT,
              "`%s` (DuckDB: `%s`) executed %d times per round and contestant, each time a new"
                  + " `Statement` (and once as a statement prepared once, executed again), the one"
                  + " row read. Remote: arrowtap's server in the same process, and plain Avatica"
                  + " over DuckDB, both JSON over loopback HTTP. Figures per query, over every"
                  + " query of %d measured rounds (after %d warm-up rounds), contestants"
                  + " alternating by round.",
              SQL,
              DUCKDB_SQL,
              repeats,
              mode.rounds(),
              mode.warmups());
      return new Findings(
          method,
          List.of("path", "latency, median", "latency, best", "latency, 90th percentile"),
          rows,
          List.of(
              Ratio.ofTimes(
                  label("embedded", embeddedTiming, "DuckDB in-process", duckTiming),
                  embeddedTiming,
                  duckTiming,
                  false,
                  "a few ms"),
              Ratio.ofTimes(
                  label("embedded prepared", preparedTiming, "DuckDB in-process", duckTiming),
                  preparedTiming,
                  duckTiming,
                  false,
                  "a few ms"),
              Ratio.ofTimes(
                  label("remote", remoteTiming, "plain Avatica + DuckDB", plainTiming),
                  remoteTiming,
                  plainTiming,
                  false,
                  "a few ms")),
          List.of());
    }
  }

  /** A ratio's label with both medians, since the goal is in milliseconds. */
  private static String label(String arrowtap, Timing a, String peer, Timing p) {
    return "trivial query, "
        + arrowtap
        + " ("
        + TimingTable.millis(a.median() * 1000)
        + ") / "
        + peer
        + " ("
        + TimingTable.millis(p.median() * 1000)
        + ")";
  }

  private interface Query {
    String run() throws SQLException;
  }

  private static Contestant repeat(
      String label, int repeats, Map<String, List<Double>> latencies, Query query) {
    List<Double> list = new ArrayList<>();
    latencies.put(label, list);
    return new Contestant(
        label,
        () -> {
          String answer = "";
          for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            answer = query.run();
            list.add((System.nanoTime() - start) / 1e9);
          }
          if (!answer.equals("10")) {
            throw new IllegalStateException(label + " counted " + answer);
          }
          return answer;
        });
  }

  private static double percentile(Timing timing, double p) {
    double[] sorted = timing.wall().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }

  private static String query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return Long.toString(rs.getLong(1));
    }
  }

  private static String query(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      rs.next();
      return Long.toString(rs.getLong(1));
    }
  }
}
