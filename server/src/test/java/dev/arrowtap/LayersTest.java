package dev.arrowtap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's packages form layers (docs/architecture.md): requests flow down, and no package
 * imports one above it, so the packages are free of cycles and execution never needs Calcite.
 */
@AnalyzeClasses(packages = "dev.arrowtap", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {
  /**
   * The layers from the bottom up; a layer may use the layers of lower tiers only, never one of its
   * own tier.
   */
  private static final List<List<String>> TIERS =
      List.of(
          List.of("common"),
          List.of("types", "metrics", "demo"),
          List.of("log"),
          List.of("decode", "exec"),
          List.of("aggregate"),
          List.of("catalog", "plan"),
          List.of("source"),
          List.of("sys"),
          List.of("engine"),
          List.of("server.meta", "worker"),
          List.of("server.flightsql"),
          List.of("server.http", "server.embedded", "authoring"));

  @ArchTest
  static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES =
      slices().matching("dev.arrowtap.(**)").should().beFreeOfCycles();

  @ArchTest static final ArchRule LAYERS_DEPEND_DOWNWARDS = layers();

  @ArchTest
  static final ArchRule EXECUTION_NEEDS_NO_CALCITE =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.arrowtap.common..",
              "dev.arrowtap.types..",
              "dev.arrowtap.metrics..",
              "dev.arrowtap.decode..",
              "dev.arrowtap.exec..",
              "dev.arrowtap.aggregate..",
              "dev.arrowtap.catalog..",
              "dev.arrowtap.worker..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.calcite..")
          .because("tasks run on workers, which plan nothing (Calcite belongs to plan and above)");

  private static LayeredArchitecture layers() {
    LayeredArchitecture architecture =
        Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (List<String> tier : TIERS) {
      for (String layer : tier) {
        architecture = architecture.layer(layer).definedBy("dev.arrowtap." + layer + "..");
      }
    }
    List<String> below = new ArrayList<>();
    for (List<String> tier : TIERS) {
      for (String layer : tier) {
        architecture =
            below.isEmpty()
                ? architecture.whereLayer(layer).mayNotAccessAnyLayer()
                : architecture.whereLayer(layer).mayOnlyAccessLayers(below.toArray(String[]::new));
      }
      below.addAll(tier);
    }
    return architecture;
  }
}
