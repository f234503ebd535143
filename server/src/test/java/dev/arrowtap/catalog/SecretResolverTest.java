package dev.arrowtap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.common.Secrets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The host of a URL from the environment stays readable in messages; its secrets do not. */
class SecretResolverTest {
  private static final Map<String, String> ENV =
      Map.of(
          "API_BASE", "https://api.example.com:8443",
          "API_WITH_KEY", "https://bob:pa55word@api.example.com/v1/k3y-in-path?token=t0ken-value",
          "TOKEN", "plain-token-value");

  private static SecretResolver resolver() {
    return new SecretResolver(ENV::get, Path.of("."));
  }

  private static CatalogException fail(String message) {
    return new CatalogException(message);
  }

  @Test
  void theHostOfAUrlFromTheEnvironmentIsShown() {
    SecretResolver resolver = resolver();
    assertEquals(
        "https://api.example.com:8443/items",
        resolver.resolve("${env:API_BASE}/items", SecretResolverTest::fail));
    Secrets secrets = resolver.secrets();
    assertEquals(
        "HTTP 500 from https://api.example.com:8443/items?page=2",
        secrets.redact("HTTP 500 from https://api.example.com:8443/items?page=2"));
  }

  @Test
  void itsUserInfoPathAndQueryStayMasked() {
    SecretResolver resolver = resolver();
    String url = resolver.resolve("${env:API_WITH_KEY}", SecretResolverTest::fail);
    String shown = resolver.secrets().redact("HTTP 500 from " + url + "&page=2");
    assertTrue(shown.contains("api.example.com"), shown);
    assertFalse(shown.contains("pa55word"), shown);
    assertFalse(shown.contains("k3y-in-path"), shown);
    assertFalse(shown.contains("t0ken-value"), shown);
  }

  @Test
  void anyOtherValueIsMaskedWhole() {
    SecretResolver resolver = resolver();
    resolver.resolve("Bearer ${env:TOKEN}", SecretResolverTest::fail);
    assertEquals("sent Bearer ***", resolver.secrets().redact("sent Bearer plain-token-value"));
  }
}
