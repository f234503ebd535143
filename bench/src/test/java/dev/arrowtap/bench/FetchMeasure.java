package dev.arrowtap.bench;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * Measure 3: fetching rows of 8 columns through arrowtap's remote and embedded drivers against
 * plain Avatica over DuckDB (the same wire, another engine) and DuckDB's in-process JDBC (no wire).
 */
final class FetchMeasure implements Measure {
  static final int FETCH_SIZE = 10_000;

  @Override
  public int number() {
    return 3;
  }

  @Override
  public String title() {
    return "Fetch rows x 8 columns: arrowtap's drivers against plain Avatica and DuckDB";
  }

  @Override
  public String id() {
    return "fetch";
  }

  /** Categories of one length: Calcite types a CASE of literals as CHAR and pads shorter ones. */
  static String arrowtapSql(long rows) {
    return "SELECT number AS id, MOD(number, 10000) AS user_id,"
        + " 'name ' || CAST(number AS VARCHAR) AS name,"
        + " 'user' || CAST(MOD(number, 1000) AS VARCHAR) || '@mail.com' AS email,"
        + " CAST(number AS DOUBLE) / 4 AS score, MOD(number, 2) = 0 AS active,"
        + " TIMESTAMPADD(SECOND, CAST(number AS INTEGER), TIMESTAMP '2024-01-01 00:00:00')"
        + " AS created_at,"
        + " CASE MOD(number, 4) WHEN 0 THEN 'book' WHEN 1 THEN 'toys' WHEN 2 THEN 'food'"
        + " ELSE 'auto' END AS category FROM numbers(0, "
        + rows
        + ")";
  }

  static String duckdbSql(long rows) {
    return "SELECT range AS id, range % 10000 AS user_id,"
        + " 'name ' || CAST(range AS VARCHAR) AS name,"
        + " 'user' || CAST(range % 1000 AS VARCHAR) || '@mail.com' AS email,"
        + " CAST(range AS DOUBLE) / 4 AS score, range % 2 = 0 AS active,"
        + " TIMESTAMP '2024-01-01 00:00:00' + to_seconds(range) AS created_at,"
        + " CASE range % 4 WHEN 0 THEN 'book' WHEN 1 THEN 'toys' WHEN 2 THEN 'food'"
        + " ELSE 'auto' END AS category FROM range(0, "
        + rows
        + ")";
  }

  @Override
  public Findings run(Mode mode, BenchContext context) throws Exception {
    int rows = mode.fetchRows();
    try (ArrowtapServer server =
            ArrowtapServer.start(
                new ArrowtapEngine(EngineConfig.defaults()), "127.0.0.1", 0, Serialization.JSON);
        AvaticaDuckServer avatica = new AvaticaDuckServer()) {
      String arrowtapUrl = "jdbc:arrowtap:url=" + server.url();
      Connection duck = context.duckdb();
      List<Contestant> contestants =
          List.of(
              new Contestant("arrowtap remote", () -> fetch(arrowtapUrl, arrowtapSql(rows))),
              new Contestant("arrowtap embedded", () -> fetch("jdbc:arrowtap:", arrowtapSql(rows))),
              new Contestant(
                  "arrowtap embedded, rows",
                  () -> fetch("jdbc:arrowtap:result_format=rows", arrowtapSql(rows))),
              new Contestant("Avatica + DuckDB", () -> fetch(avatica.url(), duckdbSql(rows))),
              new Contestant("DuckDB in-process", () -> fetch(duck, duckdbSql(rows))));
      Rounds.Outcome outcome =
          Rounds.run(mode.warmups(), mode.rounds(), contestants, context.logger());
      Agreement.same(outcome.answers(), "fetched rows");
      Timing arrowtap = outcome.timing("arrowtap remote");
      Timing embedded = outcome.timing("arrowtap embedded");
      Timing embeddedRows = outcome.timing("arrowtap embedded, rows");
      Timing plain = outcome.timing("Avatica + DuckDB");
      Timing inProcess = outcome.timing("DuckDB in-process");
      String method =
          String.format(
              Locale.ROOT,
              "%,d rows of 8 columns (BIGINT, BIGINT, VARCHAR, VARCHAR, DOUBLE, BOOLEAN, TIMESTAMP,"
                  + " VARCHAR) computed from a range, fetched by a JDBC client that reads every value"
                  + " with its typed getter: through arrowtap's remote driver (`numbers(0, n)`, a"
                  + " server in the same process, Avatica JSON over loopback HTTP); through plain"
                  + " Avatica (`JdbcMeta` over an in-memory DuckDB, served by Avatica's own"
                  + " `HttpServer` on loopback, JSON, read with Avatica's remote driver); and"
                  + " through arrowtap's embedded driver (`jdbc:arrowtap:`, the engine in the same"
                  + " process, results read as Arrow batches, and again with"
                  + " `result_format=rows`, the same JSON frames as remote without the HTTP hop);"
                  + " and"
                  + " through DuckDB's in-process JDBC (`range(0, n)`). Fetch size %,d on every"
                  + " side. The clients' checksums are checked to agree. %d warm-up and %d measured"
                  + " rounds, alternating.",
              rows,
              FETCH_SIZE,
              mode.warmups(),
              mode.rounds());
      return new Findings(
          method,
          TimingTable.HEADER,
          TimingTable.rows(
              List.of(plain, inProcess, arrowtap, embedded, embeddedRows), plain, rows, true),
          List.of(
              Ratio.ofTimes(
                  "fetch, remote / plain Avatica + DuckDB", arrowtap, plain, true, ">= 3.0"),
              Ratio.ofTimes(
                  "fetch, remote / DuckDB in-process", arrowtap, inProcess, true, ">= 1.0"),
              Ratio.ofTimes(
                  "fetch, embedded (Arrow batches) / DuckDB in-process",
                  embedded,
                  inProcess,
                  true,
                  ">= 1.0"),
              Ratio.ofTimes(
                  "fetch, embedded (rows) / DuckDB in-process", embeddedRows, inProcess, true, ""),
              Ratio.ofTimes(
                  "fetch, embedded Arrow batches / embedded rows",
                  embedded,
                  embeddedRows,
                  true,
                  "")),
          List.of(
              "Ratios in the table are to plain Avatica over DuckDB: the same wire, so the"
                  + " difference is what each server does per row. CPU covers client and server"
                  + " (one process)."));
    }
  }

  static String fetch(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      return fetch(connection, sql);
    }
  }

  static String fetch(Connection connection, String sql) throws SQLException {
    long count = 0;
    long ids = 0;
    long users = 0;
    long text = 0;
    double scores = 0;
    long active = 0;
    long seconds = 0;
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          count++;
          ids += rs.getLong(1);
          users += rs.getLong(2);
          text += rs.getString(3).length() + rs.getString(4).length() + rs.getString(8).length();
          scores += rs.getDouble(5);
          active += rs.getBoolean(6) ? 1 : 0;
          Timestamp created = rs.getTimestamp(7);
          seconds += created.getTime() / 1000 % 86_400;
        }
      }
    }
    return String.format(
        Locale.ROOT, "%d %d %d %d %.1f %d %d", count, ids, users, text, scores, active, seconds);
  }
}
