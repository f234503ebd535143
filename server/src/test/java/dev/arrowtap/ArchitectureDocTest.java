package dev.arrowtap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The layer list in docs/architecture.md is the one {@link LayersTest} enforces: the same packages,
 * each listed above every package of a lower tier, so a reader who trusts the page trusts the
 * build.
 */
class ArchitectureDocTest {
  private static final Path ARCHITECTURE = Path.of("..", "docs", "architecture.md");

  /** A layer line: a package at the margin, or a sub-package of the line before, indented. */
  private static final Pattern LAYER = Pattern.compile("^( {2})?([a-z]+)(?: +|$)");

  /** The modules the page lists above the server's packages; LayersTest covers the server only. */
  private static final Set<String> MODULES = Set.of("driver", "spark");

  @Test
  void theDocumentedLayersAreTheCheckedOnes() throws IOException {
    List<String> documented = documentedTopDown();
    Map<String, Integer> tier = new HashMap<>();
    for (int i = 0; i < LayersTest.TIERS.size(); i++) {
      for (String layer : LayersTest.TIERS.get(i)) {
        tier.put(layer, i);
      }
    }
    assertEquals(
        new TreeSet<>(tier.keySet()),
        new TreeSet<>(documented),
        "docs/architecture.md lists other layers than LayersTest checks");
    for (int above = 0; above < documented.size(); above++) {
      for (int below = above + 1; below < documented.size(); below++) {
        String upper = documented.get(above);
        String lower = documented.get(below);
        assertTrue(
            tier.get(upper) >= tier.get(lower),
            "docs/architecture.md lists "
                + upper
                + " above "
                + lower
                + ", but LayersTest puts it in a lower tier");
      }
    }
  }

  /** The packages of the page's layer diagram, from the top down. */
  private static List<String> documentedTopDown() throws IOException {
    String page = Files.readString(ARCHITECTURE);
    int start = page.indexOf("## Layers");
    int open = page.indexOf("```", start);
    int close = page.indexOf("```", open + 3);
    List<String> layers = new ArrayList<>();
    String parent = null;
    for (String line : page.substring(open + 3, close).lines().toList()) {
      Matcher m = LAYER.matcher(line);
      if (!m.find()) {
        continue;
      }
      String name = m.group(2);
      if (m.group(1) == null) {
        parent = name;
        if (!MODULES.contains(name) && !name.equals("server")) {
          layers.add(name);
        }
      } else if ("server".equals(parent)) {
        layers.add("server." + name);
      }
    }
    return layers;
  }
}
