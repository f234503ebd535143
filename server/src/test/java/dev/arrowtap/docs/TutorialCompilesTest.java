package dev.arrowtap.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: the contributors' tutorial (docs/tutorial-add-a-source.md) compiles against the code as
 * it is, so a renamed class or a changed signature fails the build instead of the newcomer.
 */
class TutorialCompilesTest {
  private static final Path TUTORIAL = Path.of("..", "docs", "tutorial-add-a-source.md");

  /** The imports the tutorial leaves out of its listings, as an IDE would add them. */
  private static final String IMPORTS =
      String.join(
          "\n",
          "import static org.junit.jupiter.api.Assertions.assertEquals;",
          "import static org.junit.jupiter.api.Assertions.assertNull;",
          "import dev.arrowtap.common.ArrowtapException;",
          "import dev.arrowtap.common.SessionSettings;",
          "import dev.arrowtap.common.SqlStates;",
          "import dev.arrowtap.exec.BatchReader;",
          "import dev.arrowtap.exec.ExecutionServices;",
          "import dev.arrowtap.exec.ScanPlan;",
          "import dev.arrowtap.exec.TaskContext;",
          "import dev.arrowtap.exec.TaskSpec;",
          "import dev.arrowtap.metrics.TaskMetrics;",
          "import dev.arrowtap.plan.LiteralParameter;",
          "import dev.arrowtap.plan.ScanTable;",
          "import dev.arrowtap.types.Column;",
          "import dev.arrowtap.types.ColumnType;",
          "import dev.arrowtap.types.TableShape;",
          "import java.nio.charset.StandardCharsets;",
          "import java.util.ArrayList;",
          "import java.util.List;",
          "import org.apache.arrow.memory.BufferAllocator;",
          "import org.apache.arrow.memory.RootAllocator;",
          "import org.apache.arrow.vector.VarCharVector;",
          "import org.apache.arrow.vector.VectorSchemaRoot;",
          "import org.apache.calcite.schema.FunctionParameter;",
          "import org.apache.calcite.schema.TableMacro;",
          "import org.apache.calcite.schema.TranslatableTable;",
          "");

  @TempDir Path dir;

  @Test
  void everyListingCompiles() throws Exception {
    List<String> listings = new ArrayList<>();
    Matcher java = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(read());
    while (java.find()) {
      listings.add(java.group(1).replace("package dev.arrowtap.source.letters;\n", ""));
    }
    // The classes of stages 1 and 2, then the stage-1 test as a method body.
    Map<String, Integer> classes =
        Map.of(
            "LettersTask", 0, "LettersBatchReader", 1, "LettersTable", 3, "LettersTableMacro", 4);
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, Integer> entry : classes.entrySet()) {
      String listing = listings.get(entry.getValue());
      assertTrue(
          Pattern.compile("(class|record) " + entry.getKey() + "\\b").matcher(listing).find(),
          entry.getKey() + " is no longer in listing " + entry.getValue());
      files.add(write(entry.getKey(), listing));
    }
    files.add(
        write(
            "LettersCheck",
            "class LettersCheck {\n  void check() throws Exception {\n"
                + listings.get(2)
                + "  }\n}\n"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    List<String> options = new ArrayList<>(List.of("-d", dir.resolve("out").toString()));
    options.addAll(List.of("-proc:none", "-cp", classPath()));
    try (var fileManager = javac.getStandardFileManager(null, null, null)) {
      boolean ok =
          javac
              .getTask(
                  errors,
                  fileManager,
                  null,
                  options,
                  null,
                  fileManager.getJavaFileObjectsFromStrings(files))
              .call();
      assertEquals("", errors.toString());
      assertTrue(ok);
    }
  }

  private static String read() throws Exception {
    return Files.readString(TUTORIAL);
  }

  private String write(String name, String listing) throws Exception {
    Path source = dir.resolve(name + ".java");
    Files.writeString(
        source, "package dev.arrowtap.source.letters;\n\n" + IMPORTS + "\n" + listing);
    return source.toString();
  }

  /** Surefire's own class path holds only its launcher jar; it names the tests' here. */
  private static String classPath() {
    String path = System.getProperty("surefire.test.class.path");
    return path != null
        ? path
        : System.getProperty("java.class.path").replace(':', File.pathSeparatorChar);
  }
}
