package dev.arrowtap.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlMaskerTest {
  @Test
  void masksLiteralsThatLookLikeSecrets() {
    assertEquals(
        "SELECT * FROM t WHERE password = '***' AND name = 'bob'",
        SqlMasker.mask("SELECT * FROM t WHERE password = 'hunter2' AND name = 'bob'"));
    assertEquals(
        "SELECT 'x' AS m, '***' AS api_key", SqlMasker.mask("SELECT 'x' AS m, 'abc' AS api_key"));
    assertEquals("SELECT '***'", SqlMasker.mask("SELECT 'sk_live_51HxYzABCdef1234567890'"));
    assertEquals("SELECT 'it''s fine', 'ok'", SqlMasker.mask("SELECT 'it''s fine', 'ok'"));
    assertEquals(
        "SELECT count(*) FROM numbers(0, 10)",
        SqlMasker.mask("SELECT count(*) FROM numbers(0, 10)"));
  }
}
