package dev.arrowtap.server.http;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command-line options of {@code arrowtap server}: where to listen and what to serve.
 *
 * @param bind the address to listen on; loopback unless told otherwise
 * @param port the port, 0 for any free one
 * @param catalog the catalog file, if any
 */
public record ServerOptions(String bind, int port, Optional<Path> catalog) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8765;

  public ServerOptions {
    Objects.requireNonNull(bind, "bind is null");
    Objects.requireNonNull(catalog, "catalog is null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535: " + port);
    }
  }

  /** Parses {@code [--catalog FILE] [--port N] [--bind ADDR]}. */
  public static ServerOptions parse(String... args) {
    String bind = DEFAULT_BIND;
    int port = DEFAULT_PORT;
    Optional<Path> catalog = Optional.empty();
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = rest.remove(0);
      switch (flag) {
        case "--bind" -> bind = value;
        case "--port" -> port = parsePort(value);
        case "--catalog" -> catalog = Optional.of(Path.of(value));
        default ->
            throw new IllegalArgumentException(
                "unknown option " + flag + "; expected --catalog FILE, --port N, --bind ADDR");
      }
    }
    return new ServerOptions(bind, port, catalog);
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be a number: " + value);
    }
  }
}
