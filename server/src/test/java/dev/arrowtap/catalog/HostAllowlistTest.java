package dev.arrowtap.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 7: allow_hosts entries with and without a port. */
class HostAllowlistTest {
  @Test
  void anEntryWithoutAPortAllowsEveryPort() {
    HostAllowlist list = new HostAllowlist(List.of("api.example.com", "*.corp.example.com"));
    assertTrue(list.allows("api.example.com", 443));
    assertTrue(list.allows("API.example.com", 8080));
    assertTrue(list.allows("x.corp.example.com", 80));
    assertFalse(list.allows("corp.example.com", 80));
    assertFalse(list.allows("evil.com", 443));
  }

  @Test
  void anEntryWithAPortAllowsThatPortOnly() {
    HostAllowlist list =
        new HostAllowlist(List.of("127.0.0.1:9000", "*.example.com:8443", "[::1]:7000", "::2"));
    assertTrue(list.allows("127.0.0.1", 9000));
    assertFalse(list.allows("127.0.0.1", 9001));
    assertFalse(list.allows("127.0.0.1"), "any port is more than one port");
    assertTrue(list.allows("a.example.com", 8443));
    assertFalse(list.allows("a.example.com", 443));
    assertTrue(list.allows("[::1]", 7000));
    assertTrue(list.allows("::1", 7000));
    assertFalse(list.allows("::1", 7001));
    assertTrue(list.allows("[::2]", 1234), "a bare IPv6 address allows every port");
  }

  @Test
  void aPortMustBeANumberInRange() {
    for (String bad : List.of("api.example.com:https", "h:0", "h:65536", "[::1]x", "[::1")) {
      assertThrows(IllegalArgumentException.class, () -> new HostAllowlist(List.of(bad)), bad);
    }
  }
}
