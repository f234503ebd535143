package dev.arrowtap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The options of an arrowtap read: defaults, a full mapping, and the errors a user sees. */
class ArrowtapOptionsTest {
  @Test
  void defaults() {
    assertEquals(
        new ArrowtapOptions(Optional.of("c.yaml"), "demo.users", 8192, 1_000_000, 0),
        ArrowtapOptions.from(Map.of("catalog", "c.yaml", "table", "demo.users")));
  }

  @Test
  void everyOptionCaseInsensitively() {
    assertEquals(
        new ArrowtapOptions(Optional.of("c.yaml"), "demo.users", 100, 7, 3),
        ArrowtapOptions.from(
            Map.of(
                "Catalog", "c.yaml",
                "TABLE", "demo.users",
                "batch_size", "100",
                "numbers_per_task", "7",
                "max_concurrency", "3")));
  }

  @Test
  void numbersNeedNoCatalog() {
    assertEquals(
        Optional.empty(), ArrowtapOptions.from(Map.of("table", "numbers(0, 10)")).catalog());
  }

  @Test
  void errorsNameTheOption() {
    assertEquals(
        "arrowtap needs option 'table': schema.table from the catalog, or numbers(start, end)",
        assertThrows(IllegalArgumentException.class, () -> ArrowtapOptions.from(Map.of()))
            .getMessage());
    assertEquals(
        "arrowtap needs option 'catalog': the path of the catalog file that declares demo.users",
        assertThrows(
                IllegalArgumentException.class,
                () -> ArrowtapOptions.from(Map.of("table", "demo.users")))
            .getMessage());
    assertEquals(
        "arrowtap option batch_size must be a whole number, got 'many'",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ArrowtapOptions.from(
                        Map.of("catalog", "c", "table", "s.t", "batch_size", "many")))
            .getMessage());
    assertEquals(
        "arrowtap option max_concurrency must not be negative, got -1",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ArrowtapOptions.from(
                        Map.of("catalog", "c", "table", "s.t", "max_concurrency", "-1")))
            .getMessage());
  }
}
