package dev.arrowtap.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Measure 6: how soon the first row of a paginated feed reaches the client, against fetching one
 * page of the API directly: a feed streams, so its first row should cost about one page.
 */
final class FirstRowMeasure implements Measure {
  static final int PAGES = 50;
  static final String SQL = "SELECT id, name FROM b.concurrent";

  @Override
  public int number() {
    return 6;
  }

  @Override
  public String title() {
    return "Time to first row of a paginated feed, against one page fetch";
  }

  @Override
  public String id() {
    return "firstrow";
  }

  @Override
  public Findings run(Mode mode, BenchContext context) throws Exception {
    int delay = mode.pageDelayMillis();
    HttpClient client = HttpClient.newHttpClient();
    try (PagedApi api = new PagedApi(PAGES, delay);
        Connection connection =
            DriverManager.getConnection(
                "jdbc:arrowtap:catalog=" + api.catalog(context.dir(), PagesMeasure.CONCURRENCY));
        PreparedStatement prepared = connection.prepareStatement(SQL)) {
      HttpRequest page = HttpRequest.newBuilder(URI.create(api.firstPage())).build();
      List<Contestant> contestants =
          List.of(
              new Contestant(
                  "one page fetch (HTTP client)",
                  () ->
                      Integer.toString(
                          client
                              .send(page, HttpResponse.BodyHandlers.ofString())
                              .body()
                              .indexOf("\"id\":0,"))),
              new Contestant("first row, prepared statement", () -> firstRow(prepared)),
              new Contestant("first row, new statement", () -> firstRow(connection)));
      Rounds.Outcome outcome =
          Rounds.run(mode.warmups(), Math.max(3, mode.rounds()), contestants, context.logger());
      Timing fetch = outcome.timing("one page fetch (HTTP client)");
      Timing prepared1 = outcome.timing("first row, prepared statement");
      Timing fresh = outcome.timing("first row, new statement");
      if (!outcome.answers().get("first row, prepared statement").equals("0|item 0")) {
        throw new IllegalStateException("first row: " + outcome.answers());
      }
      List<List<String>> rows =
          List.of(row(fetch, fetch), row(prepared1, fetch), row(fresh, fetch));
      String method =
          String.format(
              Locale.ROOT,
              "A paged API of %d pages of %d rows, each page answered after %d ms (loopback),"
                  + " read as a feed (`concurrency: %d`, offset pagination with a total) through"
                  + " the embedded driver: the time from executing the query to the first row in"
                  + " the client's hands, then the result set is closed (the rest of the pages are"
                  + " cancelled). Once with a statement prepared once and executed again, once with"
                  + " a new statement each time (planning included). The peer is one GET of the"
                  + " first page with the JDK's HTTP client, body read. %d warm-up and %d measured"
                  + " rounds, alternating.",
              PAGES,
              PagedApi.PAGE_SIZE,
              delay,
              PagesMeasure.CONCURRENCY,
              mode.warmups(),
              Math.max(3, mode.rounds()));
      return new Findings(
          method,
          List.of("path", "wall, median", "wall, best", "ratio (median)", "ratio (best)"),
          rows,
          List.of(
              ratio("first row, prepared / one page", prepared1, fetch),
              ratio("first row, new statement / one page", fresh, fetch)),
          List.of(
              "Ratio: one page fetch over the time to the first row; 1.0 means the first row costs"
                  + " no more than fetching the page it is on."));
    }
  }

  private static List<String> row(Timing timing, Timing fetch) {
    return List.of(
        timing.label(),
        TimingTable.seconds(timing.median()),
        TimingTable.seconds(timing.best()),
        TimingTable.ratio(fetch.median() / timing.median()),
        TimingTable.ratio(fetch.best() / timing.best()));
  }

  private static Ratio ratio(String label, Timing arrowtap, Timing fetch) {
    return new Ratio(
        label,
        fetch.median() / arrowtap.median(),
        fetch.best() / arrowtap.best(),
        Double.NaN,
        "close to 1.0",
        true);
  }

  private static String firstRow(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      return first(rs);
    }
  }

  private static String firstRow(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(SQL)) {
      return first(rs);
    }
  }

  private static String first(ResultSet rs) throws SQLException {
    if (!rs.next()) {
      throw new SQLException("the feed returned no row");
    }
    return rs.getLong(1) + "|" + rs.getString(2);
  }
}
