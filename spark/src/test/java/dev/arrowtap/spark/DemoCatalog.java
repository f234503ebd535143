package dev.arrowtap.spark;

import dev.arrowtap.demo.DemoApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo API on a loopback port and a copy of the example catalog pointing at it. The token stays
 * a reference: {@code ${file:demo-token.txt}} next to the catalog, resolved by whoever loads it.
 */
final class DemoCatalog implements AutoCloseable {
  final DemoApi api;
  final Path directory;
  final Path catalog;

  private DemoCatalog(DemoApi api, Path directory, Path catalog) {
    this.api = api;
    this.directory = directory;
    this.catalog = catalog;
  }

  static DemoCatalog start() {
    DemoApi api = DemoApi.start("127.0.0.1", 0);
    try {
      Path directory = Files.createTempDirectory("arrowtap-spark");
      Files.writeString(directory.resolve("demo-token.txt"), DemoApi.TOKEN);
      String text =
          Files.readString(Path.of("..", "examples", "catalog.yaml"))
              .replace("${env:ARROWTAP_DEMO_URL}", api.baseUrl())
              .replace("${env:ARROWTAP_DEMO_TOKEN}", "${file:demo-token.txt}");
      Path catalog = directory.resolve("catalog.yaml");
      Files.writeString(catalog, text);
      return new DemoCatalog(api, directory, catalog);
    } catch (IOException e) {
      api.close();
      throw new UncheckedIOException(e);
    }
  }

  String path() {
    return catalog.toString();
  }

  @Override
  public void close() {
    api.close();
  }
}
