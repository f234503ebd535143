package dev.arrowtap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PostgresSyntaxTest {
  @Test
  void castsBecomeStandardCasts() {
    assertEquals(
        "SELECT CAST(n AS VARCHAR) FROM t", PostgresSyntax.rewrite("SELECT n::text FROM t"));
    assertEquals(
        "SELECT CAST(CAST(t.\"userId\" AS INTEGER) AS varchar(10))",
        PostgresSyntax.rewrite("SELECT t.\"userId\"::int::varchar(10)"));
    assertEquals(
        "SELECT CAST('42' AS BIGINT) + 1", PostgresSyntax.rewrite("SELECT '42'::int8 + 1"));
    assertEquals(
        "SELECT a + CAST(abs(b - 1) AS DOUBLE)",
        PostgresSyntax.rewrite("SELECT a + abs(b - 1)::float8"));
    assertEquals("SELECT CAST(? AS bigint ARRAY)", PostgresSyntax.rewrite("SELECT ?::bigint[]"));
  }

  @Test
  void literalsNamesAndCommentsAreLeftAlone() {
    String sql = "SELECT 'a::b', \"x::y\" -- c::d\nFROM t /* date_trunc('day', x) */";
    assertEquals(sql, PostgresSyntax.rewrite(sql));
  }

  @Test
  void dateTruncBecomesFloor() {
    assertEquals(
        "SELECT FLOOR(ts + INTERVAL '1' DAY TO MONTH) FROM t",
        PostgresSyntax.rewrite("SELECT date_trunc('month', ts + INTERVAL '1' DAY) FROM t"));
    assertEquals(
        "SELECT FLOOR(ts TO WEEK(MONDAY))",
        PostgresSyntax.rewrite("SELECT DATE_TRUNC('week', ts)"));
    // A unit FLOOR does not know is left for the engine to refuse by name.
    assertEquals(
        "SELECT date_trunc('fortnight', ts)",
        PostgresSyntax.rewrite("SELECT date_trunc('fortnight', ts)"));
  }
}
