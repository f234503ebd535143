package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: the driver jar in a host application's class loader next to older Jackson and Guava, as
 * in a Spring application: the host keeps its versions and the driver works in both modes.
 */
class HostClassLoaderTest {
  @Test
  void driverJarRunsNextToConflictingJacksonAndGuava() throws Exception {
    List<URL> urls = new ArrayList<>();
    // The host's libraries come first, so an unrelocated class in the jar would lose to them.
    try (Stream<Path> libraries = Files.list(Path.of("target", "conflicting-libraries"))) {
      for (Path library : libraries.sorted().toList()) {
        urls.add(library.toUri().toURL());
      }
    }
    assertEquals(4, urls.size(), urls.toString());
    urls.add(DriverJarTest.driverJar().toUri().toURL());
    try (URLClassLoader host =
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      assertTrue(
          version(host, "com.fasterxml.jackson.databind.ObjectMapper").contains("2.10.5"),
          "the host's Jackson is the one it loads");
      assertTrue(version(host, "com.google.common.base.Strings").contains("guava-18.0"));
      Driver driver =
          (Driver)
              host.loadClass("dev.arrowtap.jdbc.ArrowtapDriver")
                  .getDeclaredConstructor()
                  .newInstance();
      assertEquals(1000, count(driver, "jdbc:arrowtap:"));
      assertEquals(1000, count(driver, Mode.REMOTE.url()));
      // The host's own Jackson still works beside the driver.
      Object mapper =
          host.loadClass("com.fasterxml.jackson.databind.ObjectMapper")
              .getDeclaredConstructor()
              .newInstance();
      Object tree =
          mapper.getClass().getMethod("readTree", String.class).invoke(mapper, "{\"a\":1}");
      assertEquals("{\"a\":1}", tree.toString());
    }
  }

  private static String version(ClassLoader loader, String className) throws IOException {
    URL where = loader.getResource(className.replace('.', '/') + ".class");
    return String.valueOf(where);
  }

  private static long count(Driver driver, String url) throws SQLException {
    try (Connection connection = driver.connect(url, new Properties());
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM numbers(0, 1000)")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
