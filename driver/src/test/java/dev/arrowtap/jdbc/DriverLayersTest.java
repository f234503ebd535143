package dev.arrowtap.jdbc;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The driver in remote mode loads neither Calcite's planner nor Arrow nor the engine: it needs
 * Avatica only, and reaches the embedded engine by name ({@code EmbeddedServiceFactory}).
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
              resideInAnyPackage("org.apache.arrow..", "org.apache.calcite..")
                  .and(not(resideInAPackage("org.apache.calcite.avatica.."))));

  @ArchTest
  static final ArchRule DRIVER_DOES_NOT_LINK_THE_ENGINE =
      noClasses()
          .that()
          .resideInAPackage("dev.arrowtap.jdbc..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.arrowtap..").and(not(resideInAPackage("dev.arrowtap.jdbc.."))));
}
