package dev.arrowtap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.common.SqlStates;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionPropertyTest {
  @Test
  void defaults() {
    assertEquals(SessionSettings.DEFAULTS, SessionProperty.settings(Map.of()));
    assertEquals(10, SessionSettings.DEFAULTS.numbersPerTask());
    assertEquals(8192, SessionSettings.DEFAULTS.batchSize());
  }

  @Test
  void fullMappingIgnoresWhatIsNotWhitelisted() {
    SessionSettings settings =
        SessionProperty.settings(
            Map.of(
                "NUMBERS_PER_TASK",
                "3",
                "batch_size",
                "100",
                "model",
                "/etc/passwd",
                "schemaFactory",
                "x.Y"));
    assertEquals(new SessionSettings(3, 100), settings);
  }

  @Test
  void badValuesAreNamed() {
    ArrowtapException notANumber =
        assertThrows(
            ArrowtapException.class,
            () -> SessionProperty.settings(Map.of("numbers_per_task", "ten")));
    assertEquals(SqlStates.INVALID_CONNECTION_PROPERTY, notANumber.sqlState());
    assertTrue(notANumber.getMessage().contains("numbers_per_task"));
    ArrowtapException zero =
        assertThrows(
            ArrowtapException.class, () -> SessionProperty.settings(Map.of("batch_size", "0")));
    assertTrue(zero.getMessage().contains("batch_size"), zero.getMessage());
    ArrowtapException negative =
        assertThrows(
            ArrowtapException.class,
            () -> SessionProperty.settings(Map.of("decode_threads", "-2")));
    assertEquals(SqlStates.INVALID_CONNECTION_PROPERTY, negative.sqlState());
    assertTrue(negative.getMessage().contains("decode_threads"), negative.getMessage());
  }

  @Test
  void decodeThreadsIsAutomaticUnlessSet() {
    assertEquals(0, SessionSettings.DEFAULTS.decodeThreads());
    assertEquals(3, SessionProperty.settings(Map.of("DECODE_THREADS", "3")).decodeThreads());
  }
}
