package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.jdbc.ArrowtapProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The property table in docs/connecting.md names every property the driver reports. */
class ConnectingDocsTest {
  @Test
  void everyPropertyIsDocumentedWithItsDefault() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "connecting.md"));
    for (ArrowtapProperty property : ArrowtapProperty.values()) {
      String row = "| `" + property.key() + "` | ";
      assertTrue(docs.contains(row), "docs/connecting.md lacks " + property.key());
      if (property.defaultValue() != null) {
        assertTrue(
            docs.contains(row + "`" + property.defaultValue() + "`"),
            "docs/connecting.md gives another default for " + property.key());
      }
    }
  }
}
