package dev.arrowtap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A script splits at semicolons, never inside quotes or comments. */
class StatementSplitterTest {
  @Test
  void semicolonsEndStatementsAndEmptyOnesAreDropped() {
    assertEquals(
        List.of("SELECT 1", "SELECT 2"), StatementSplitter.split("SELECT 1;\n;  SELECT 2;\n"));
    assertEquals(List.of("SELECT 3"), StatementSplitter.split("SELECT 3"));
    assertEquals(List.of(), StatementSplitter.split(" ;\n; "));
  }

  @Test
  void quotedSemicolonsStayInTheirStatement() {
    assertEquals(
        List.of("SELECT 'a;b', \"c;d\" FROM t", "SELECT 'it''s; fine'"),
        StatementSplitter.split("SELECT 'a;b', \"c;d\" FROM t; SELECT 'it''s; fine'"));
  }

  @Test
  void lineCommentsAreDroppedWithTheirSemicolons() {
    assertEquals(
        List.of("SELECT 1 \n\nFROM t", "SELECT '--not a comment'"),
        StatementSplitter.split(
            "SELECT 1 -- one; not the end\n-- a whole line;\nFROM t;\nSELECT '--not a comment'"));
  }
}
