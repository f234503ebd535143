package dev.arrowtap.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.SessionProperty;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The driver's property list (what tools show) and the server's session properties (what the engine
 * reads) are declared apart, because the remote-only jar carries no engine; this test keeps them
 * one list.
 */
class SessionPropertiesAgreeTest {
  /** Properties of both modes that the driver itself consumes and never sends as a setting. */
  private static final Set<String> DRIVER_SIDE = Set.of("url", "fetch_size", "ApplicationName");

  private static final Map<String, ArrowtapProperty> DRIVER =
      Arrays.stream(ArrowtapProperty.values())
          .collect(Collectors.toMap(ArrowtapProperty::key, Function.identity()));

  @Test
  void everySessionPropertyIsOfferedByTheDriverWithTheEnginesDefault() {
    for (SessionProperty session : SessionProperty.values()) {
      ArrowtapProperty offered = DRIVER.get(session.key());
      assertNotNull(offered, "the driver does not offer session property " + session.key());
      assertEquals("both", offered.mode(), session.key() + " applies in both modes");
      assertEquals(
          session.defaultValue(),
          offered.defaultValue(),
          "the driver shows another default for " + session.key() + " than the engine uses");
    }
  }

  @Test
  void everyDriverPropertyOfBothModesReachesTheEngine() {
    Set<String> sessionKeys =
        Arrays.stream(SessionProperty.values())
            .map(SessionProperty::key)
            .collect(Collectors.toSet());
    for (ArrowtapProperty property : ArrowtapProperty.values()) {
      if (property.mode().equals("both") && !DRIVER_SIDE.contains(property.key())) {
        assertTrue(
            sessionKeys.contains(property.key()),
            property.key() + " is offered for both modes but the engine never reads it");
      }
    }
  }
}
