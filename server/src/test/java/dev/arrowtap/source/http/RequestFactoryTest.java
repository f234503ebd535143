package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arrowtap.catalog.FeedDef;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestFactoryTest {
  @TempDir Path dir;

  @Test
  void pathParametersAreOneSegmentAndQueryParametersFollowTheFeedsQuery() throws Exception {
    FeedDef feed =
        OneFeed.load(
            dir,
            "        url: https://api.example.com/repos/{owner}/issues\n"
                + "        query: {sort: created}\n"
                + "        parameters: [ {name: owner}, {name: state, default: open} ]\n"
                + "        columns: [ {name: number, type: BIGINT} ]\n");
    PageRequest request =
        new RequestFactory(feed, Map.of("owner", "a/b c", "state", "closed"))
            .declared(Map.of("page", "2"), Map.of());
    assertEquals("GET", request.method());
    assertEquals(
        URI.create(
            "https://api.example.com/repos/a%2Fb%20c/issues?sort=created&state=closed&page=2"),
        request.uri());
    assertEquals(Optional.empty(), request.body());
  }

  @Test
  void aPostBodyGetsPageVariablesAndParametersJsonEscaped() throws Exception {
    FeedDef feed =
        OneFeed.load(
            dir,
            "        url: https://api.example.com/search\n"
                + "        method: POST\n"
                + "        body: '{\"q\": \"${q}\", \"page\": ${page}}'\n"
                + "        parameters: [ {name: q} ]\n"
                + "        columns: [ {name: id, type: BIGINT} ]\n");
    PageRequest request =
        new RequestFactory(feed, Map.of("q", "say \"hi\"\n"))
            .declared(Map.of(), Map.of("page", "3"));
    assertEquals("POST", request.method());
    assertEquals(Optional.of("{\"q\": \"say \\\"hi\\\"\\n\", \"page\": 3}"), request.body());
  }

  @Test
  void eachAuthenticationGoesWhereTheCatalogSays() throws Exception {
    String url = "        url: https://api.example.com/x\n";
    PageRequest bearer =
        request(OneFeed.load(dir, url + "        auth: {type: bearer, token: t0ken}\n"));
    assertEquals("Bearer t0ken", bearer.headers().get("Authorization"));

    PageRequest basic =
        request(
            OneFeed.load(dir, url + "        auth: {type: basic, username: ann, password: pw}\n"));
    assertEquals(
        "Basic " + Base64.getEncoder().encodeToString("ann:pw".getBytes(StandardCharsets.UTF_8)),
        basic.headers().get("Authorization"));

    PageRequest header =
        request(
            OneFeed.load(
                dir, url + "        auth: {type: api_key, name: X-Key, value: k1, in: header}\n"));
    assertEquals("k1", header.headers().get("X-Key"));
    assertEquals(URI.create("https://api.example.com/x"), header.uri());

    PageRequest query =
        request(
            OneFeed.load(
                dir, url + "        auth: {type: api_key, name: key, value: k 2, in: query}\n"));
    assertEquals(URI.create("https://api.example.com/x?key=k%202"), query.uri());
  }

  @Test
  void aNextLinkIsResolvedAndMayNotLeaveTheFeedsHost() throws Exception {
    FeedDef feed =
        OneFeed.load(
            dir,
            "        url: https://api.example.com/v1/items\n"
                + "        auth: {type: bearer, token: t0ken}\n");
    RequestFactory requests = new RequestFactory(feed, Map.of());
    URI previous = URI.create("https://api.example.com/v1/items?page=1");
    PageRequest next = requests.followed(previous, " items?page=2 ");
    assertEquals(URI.create("https://api.example.com/v1/items?page=2"), next.uri());
    assertEquals("Bearer t0ken", next.headers().get("Authorization"));

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> requests.followed(previous, "https://evil.example.net/steal"));
    assertEquals(
        "the next page's link leads to another host (https://evil.example.net); arrowtap follows"
            + " links on the feed's own host only",
        error.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> requests.followed(previous, "http://api.example.com/v1/items?page=2"));
  }

  @Test
  void withQueryReplacesSameNamedParametersAndKeepsTheOthers() {
    assertEquals(
        URI.create("http://h/p?a=1&b=3&flag&c=x%20y"),
        RequestFactory.withQuery(
            URI.create("http://h/p?a=1&b=2&flag#top"), Map.of("b", "3", "c", "x y")));
    assertEquals(
        URI.create("http://h/p"), RequestFactory.withQuery(URI.create("http://h/p"), Map.of()));
  }

  private static PageRequest request(FeedDef feed) {
    return new RequestFactory(feed, Map.of()).declared(Map.of(), Map.of());
  }
}
