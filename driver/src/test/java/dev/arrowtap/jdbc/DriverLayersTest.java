package dev.arrowtap.jdbc;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The driver loads neither Calcite's planner nor the engine: it needs Avatica, Arrow for results
 * read as batches (one package), and reaches the embedded engine by name ({@code
 * EmbeddedServiceFactory}).
 */
@AnalyzeClasses(
    packages = "dev.arrowtap.jdbc",
    importOptions = ImportOption.DoNotIncludeTests.class)
class DriverLayersTest {
  @ArchTest
  static final ArchRule DRIVER_NEEDS_ONLY_AVATICA =
      noClasses()
          .that()
          .resideInAPackage("dev.arrowtap.jdbc..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.apache.calcite..")
                  .and(not(resideInAPackage("org.apache.calcite.avatica.."))));

  /** Arrow is linked only by the Arrow result path, loaded for results served as Arrow. */
  @ArchTest
  static final ArchRule ARROW_ONLY_IN_ITS_PACKAGE =
      noClasses()
          .that()
          .resideInAPackage("dev.arrowtap.jdbc..")
          .and()
          .resideOutsideOfPackage("dev.arrowtap.jdbc.arrow..")
          .should()
          .dependOnClassesThat(resideInAPackage("org.apache.arrow.."));

  @ArchTest
  static final ArchRule DRIVER_DOES_NOT_LINK_THE_ENGINE =
      noClasses()
          .that()
          .resideInAPackage("dev.arrowtap.jdbc..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.arrowtap..").and(not(resideInAPackage("dev.arrowtap.jdbc.."))));
}
