package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.ArrowtapException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every feed error starts with the same place, its secrets masked. */
class FeedPlaceTest {
  @TempDir Path dir;

  private FeedDef feed() throws Exception {
    Files.writeString(dir.resolve("key.txt"), "s3cr3t-key");
    return OneFeed.load(
        dir,
        "        url: http://api.test/users\n"
            + "        query: {key: '${file:key.txt}'}\n"
            + "        columns: [ {name: id, type: BIGINT} ]\n");
  }

  @Test
  void aPageRequestNamesTableThenPageThenRequest() throws Exception {
    FeedPlace place = FeedPlace.request(feed(), 2, "http://api.test/users?key=s3cr3t-key&page=2");
    ArrowtapException error = place.error("08006", "HTTP 500 from s3cr3t-key", null);
    assertEquals("08006", error.sqlState());
    assertEquals(
        "feed s.t, page 2, GET http://api.test/users?key=***&page=2: HTTP 500 from ***",
        error.getMessage());
  }

  @Test
  void theFeedAloneWhenNoRequestIsInvolved() throws Exception {
    assertEquals(
        "feed s.t: the token endpoint gave no token",
        FeedPlace.of(feed()).describe("the token endpoint gave no token"));
  }
}
