package dev.arrowtap.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineFlagsTest {
  private static CommandLineFlags parse(String... args) {
    return CommandLineFlags.parse(args, "--port", "N", "--secret-file", "FILE");
  }

  @Test
  void readsPairsAndKeepsTheLastValueOfAFlagGivenTwice() {
    CommandLineFlags flags = parse("--port", "1", "--secret-file", "s.txt", "--port", "2");
    assertEquals(2, flags.number("--port", 0));
    assertEquals(Optional.of(Path.of("s.txt")), flags.path("--secret-file"));
  }

  @Test
  void aFlagNotGivenTakesTheDefault() {
    CommandLineFlags flags = parse();
    assertEquals(4001, flags.number("--port", 4001));
    assertEquals(Optional.empty(), flags.string("--secret-file"));
  }

  @Test
  void errorsNameTheFlagAndWhatWasExpected() {
    assertEquals(
        "--port needs a value",
        assertThrows(IllegalArgumentException.class, () -> parse("--port")).getMessage());
    assertEquals(
        "unknown option --color; expected --port N, --secret-file FILE",
        assertThrows(IllegalArgumentException.class, () -> parse("--color", "red")).getMessage());
    assertEquals(
        "--port must be a number: x",
        assertThrows(IllegalArgumentException.class, () -> parse("--port", "x").number("--port", 0))
            .getMessage());
  }
}
