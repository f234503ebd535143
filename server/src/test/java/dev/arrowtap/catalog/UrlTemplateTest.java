package dev.arrowtap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlTemplateTest {
  @Test
  void placeholdersInOrderOnceEachAndNotSecretReferences() {
    assertEquals(
        List.of("owner", "repo"),
        List.copyOf(
            UrlTemplate.placeholders(
                "https://h/repos/{owner}/{repo}/issues?by={owner}&key=${env:KEY}")));
    assertEquals(List.of(), List.copyOf(UrlTemplate.placeholders("https://h/{1bad}/{}")));
  }

  @Test
  void expandsEachValueAsOnePathSegment() {
    assertEquals(
        "https://h/repos/a%2Fb/my%20repo%3F/x",
        UrlTemplate.expand(
            "https://h/repos/{owner}/{repo}/x", Map.of("owner", "a/b", "repo", "my repo?")));
    assertEquals("https://h/%24%5C1", UrlTemplate.expand("https://h/{v}", Map.of("v", "$\\1")));
  }

  @Test
  void aMissingValueNamesThePlaceholder() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> UrlTemplate.expand("https://h/{owner}/{repo}", Map.of("owner", "a")));
    assertEquals("no value for {repo}", error.getMessage());
  }

  @Test
  void samplesMakeATemplateParseableAsAUrl() {
    assertEquals("https://h/x/y/x", UrlTemplate.withSamples("https://h/{a}/y/{b}"));
  }
}
