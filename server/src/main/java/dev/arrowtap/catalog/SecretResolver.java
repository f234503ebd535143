package dev.arrowtap.catalog;

import dev.arrowtap.common.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} and {@code ${file:PATH}} references with their values, and remembers
 * every value it produced as a secret. A value that is an http(s) URL is the exception: its scheme,
 * host and port are no secret and stay readable in messages (which API failed matters), while its
 * user info, path and query stay masked.
 */
final class SecretResolver {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

  private final Function<String, String> environment;
  private final Path baseDirectory;
  private final Set<String> secrets = new TreeSet<>();

  SecretResolver(Function<String, String> environment, Path baseDirectory) {
    this.environment = environment;
    this.baseDirectory = baseDirectory;
  }

  /**
   * The value with its references resolved.
   *
   * @param where the key, for error messages (never the value)
   */
  String resolve(String value, Location where) {
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String kind = matcher.group(1);
      String name = matcher.group(2).trim();
      String resolved = kind.equals("env") ? env(name, where) : file(name, where);
      secrets.addAll(secretParts(resolved));
      matcher.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** What of a resolved value to mask: all of it, but for the scheme, host and port of a URL. */
  static List<String> secretParts(String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      return List.of(value);
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null
        || uri.getRawAuthority() == null) {
      return List.of(value);
    }
    List<String> parts = new ArrayList<>();
    if (uri.getRawUserInfo() != null) {
      parts.add(uri.getRawUserInfo());
      parts.add(uri.getUserInfo());
    }
    String origin = scheme + "://" + uri.getRawAuthority();
    String rest = value.trim().substring(origin.length());
    if (!rest.isEmpty() && !rest.equals("/")) {
      parts.add(rest);
    }
    return parts;
  }

  /** Marks a literal value (a password written into the file) as secret too. */
  String secret(String value) {
    secrets.add(value);
    return value;
  }

  Secrets secrets() {
    return new Secrets(secrets);
  }

  private String env(String name, Location where) {
    String value = environment.apply(name);
    if (value == null) {
      throw where.error("environment variable " + name + " is not set");
    }
    return value;
  }

  private String file(String name, Location where) {
    Path path = baseDirectory.resolve(name);
    try {
      String content = Files.readString(path, StandardCharsets.UTF_8);
      return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    } catch (IOException e) {
      throw where.error("cannot read secret file " + path + ": " + e.getClass().getSimpleName());
    }
  }

  /** A place in the catalog file, for messages. */
  interface Location {
    CatalogException error(String message);
  }
}
