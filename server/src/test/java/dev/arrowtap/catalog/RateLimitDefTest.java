package dev.arrowtap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 10: a rate limit shared out among workers never adds up to more than the catalog's. */
class RateLimitDefTest {
  @ParameterizedTest
  @CsvSource({
    "10, 20, 4, 2",
    "10, 2, 0, 2",
    "7, 7, 3, 3",
    "1, 5, 5, 4",
    "0, 1, 9, 4",
    "100, 100, 0, 7"
  })
  void sharesThatSplitAddUpToNoMoreThanTheWhole(double rate, int burst, int inFlight, int workers) {
    RateLimitDef whole = new RateLimitDef(rate, burst, inFlight, true);
    assertTrue(whole.splits(workers), whole + " on " + workers);
    RateLimitDef share = whole.share(workers);
    assertTrue(share.requestsPerSecond() * workers <= rate + 1e-9, share.toString());
    if (rate > 0) {
      assertTrue(share.burst() * workers <= burst, share.toString());
    }
    if (inFlight > 0) {
      assertTrue(share.maxInFlight() >= 1 && share.maxInFlight() * workers <= inFlight);
    } else {
      assertEquals(0, share.maxInFlight(), "no bound stays no bound");
    }
    assertEquals(whole.perHost(), share.perHost());
  }

  @ParameterizedTest
  @CsvSource({"10, 1, 0, 2", "10, 20, 1, 2", "5, 3, 0, 4", "0, 1, 2, 3"})
  void aBudgetBelowOneRequestPerWorkerDoesNotSplit(
      double rate, int burst, int inFlight, int workers) {
    RateLimitDef whole = new RateLimitDef(rate, burst, inFlight, true);
    assertFalse(whole.splits(workers), whole + " on " + workers);
    assertTrue(whole.splits(1), "one process keeps it whole");
  }
}
