package dev.arrowtap.bench;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * Measure 2: a GROUP BY over NDJSON served on loopback HTTP, through arrowtap's driver (embedded
 * and remote) against DuckDB reading the same bytes from the same server through a pipe.
 */
final class GroupByMeasure implements Measure {
  static final String ARROWTAP_SQL =
      "SELECT category, count(*) AS n, sum(score) AS score, max(id) AS max_id,"
          + " sum(user_id) AS users FROM b.events GROUP BY category ORDER BY category";

  @Override
  public int number() {
    return 2;
  }

  @Override
  public String title() {
    return "GROUP BY over NDJSON on HTTP: arrowtap's driver against DuckDB";
  }

  @Override
  public String id() {
    return "groupby";
  }

  @Override
  public Findings run(Mode mode, BenchContext context) throws Exception {
    int rows = mode.groupRows();
    Path file = context.ndjson(rows);
    HttpClient client = HttpClient.newHttpClient();
    try (FileServer server = new FileServer(file);
        ArrowtapServer remote =
            ArrowtapServer.start(
                new ArrowtapEngine(
                    EngineConfig.defaults()
                        .withCatalog(Catalogs.events(context.dir(), "groupby", server.url()))),
                "127.0.0.1",
                0,
                Serialization.JSON)) {
      String embeddedUrl =
          "jdbc:arrowtap:catalog=" + Catalogs.events(context.dir(), "groupby", server.url());
      String remoteUrl = "jdbc:arrowtap:url=" + remote.url();
      Connection duck = context.duckdb();
      int cores = Runtime.getRuntime().availableProcessors();
      String duckLabel = "DuckDB (pipe), " + cores + " threads";
      List<Contestant> contestants =
          List.of(
              new Contestant("arrowtap embedded", () -> arrowtap(embeddedUrl)),
              new Contestant("arrowtap remote", () -> arrowtap(remoteUrl)),
              new Contestant(
                  duckLabel, () -> duckdb(duck, cores, client, server.url(), context.dir())));
      Rounds.Outcome outcome =
          Rounds.run(mode.warmups(), mode.rounds(), contestants, context.logger());
      Agreement.same(outcome.answers(), "GROUP BY results");
      Timing embedded = outcome.timing("arrowtap embedded");
      Timing remoteTiming = outcome.timing("arrowtap remote");
      Timing duckdb = outcome.timing(duckLabel);
      String method =
          String.format(
              Locale.ROOT,
              "`%s` over %,d NDJSON rows x 8 columns (%s, DecodeBenchmark's file) served by a JDK"
                  + " HTTP server on loopback. arrowtap reads it as a feed table through its"
                  + " driver, embedded (`jdbc:arrowtap:catalog=...`) and remote (a server in the"
                  + " same process, Avatica JSON over loopback HTTP), each round a new statement"
                  + " (planning included). DuckDB reads the same bytes from the same server"
                  + " **through a pipe**: the harness GETs the body with the JDK's HTTP client and"
                  + " writes it into a FIFO, from which DuckDB's `read_ndjson` (explicit columns)"
                  + " reads while the body arrives (DuckDB's httpfs extension is not installable"
                  + " offline). The results are checked to agree. %d warm-up and %d measured"
                  + " rounds, alternating.",
              ARROWTAP_SQL.replace("b.events", "<feed>"),
              rows,
              TimingTable.bytes(Files.size(file)),
              mode.warmups(),
              mode.rounds());
      return new Findings(
          method,
          TimingTable.HEADER,
          TimingTable.rows(List.of(duckdb, embedded, remoteTiming), duckdb, rows, true),
          List.of(
              Ratio.ofTimes("GROUP BY embedded / DuckDB", embedded, duckdb, true, ">= 1.0"),
              Ratio.ofTimes("GROUP BY remote / DuckDB", remoteTiming, duckdb, true, ">= 1.0")),
          List.of(
              "CPU time covers every thread of the one process: the HTTP server sending the body,"
                  + " and for the remote driver both the client and the server."));
    }
  }

  private static String arrowtap(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(ARROWTAP_SQL)) {
      return answer(rs);
    }
  }

  private static String duckdb(
      Connection duck, int threads, HttpClient client, String url, Path dir) throws Exception {
    Path fifo = dir.resolve("groupby.fifo");
    Files.deleteIfExists(fifo);
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
      throw new IOException("mkfifo failed: the DuckDB side needs a named pipe");
    }
    CompletableFuture<Long> copied =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream body =
                      client
                          .send(
                              HttpRequest.newBuilder(URI.create(url)).build(),
                              HttpResponse.BodyHandlers.ofInputStream())
                          .body();
                  OutputStream out = Files.newOutputStream(fifo)) {
                return body.transferTo(out);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            });
    try (Statement statement = duck.createStatement()) {
      statement.execute("SET threads=" + threads);
      String sql =
          ARROWTAP_SQL.replace(
              "b.events",
              "read_ndjson('"
                  + fifo
                  + "', format='newline_delimited', "
                  + Catalogs.DUCKDB_COLUMNS
                  + ")");
      String answer;
      try (ResultSet rs = statement.executeQuery(sql)) {
        answer = answer(rs);
      }
      copied.get(60, TimeUnit.SECONDS);
      return answer;
    } finally {
      if (!copied.isDone()) {
        // DuckDB stopped reading early (an error): drain the pipe so that the writer ends.
        try (InputStream rest = Files.newInputStream(fifo)) {
          rest.transferTo(OutputStream.nullOutputStream());
        }
      }
      Files.delete(fifo);
    }
  }

  /** The groups as text; sums of doubles rounded, since the order of additions differs. */
  private static String answer(ResultSet rs) throws SQLException {
    StringBuilder text = new StringBuilder();
    while (rs.next()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%s %d %.3f %d %d; ",
              rs.getString(1),
              rs.getLong(2),
              rs.getDouble(3),
              rs.getLong(4),
              rs.getLong(5)));
    }
    return text.toString();
  }
}
