package dev.arrowtap.source.http;

import dev.arrowtap.catalog.AuthDef;
import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.ParameterDef;
import dev.arrowtap.catalog.UrlTemplate;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Builds a feed's page requests: its URL, query, headers, authentication and body template. */
final class RequestFactory {
  private final FeedDef feed;
  private final Map<String, String> parameters;
  private final Map<String, String> apiFilters;
  private final BooleanSupplier stopped;

  /**
   * @param parameters the value of each of the feed's parameters, by name
   */
  RequestFactory(FeedDef feed, Map<String, String> parameters) {
    this(feed, parameters, Map.of());
  }

  /**
   * A factory whose requests also carry the query's comparisons.
   *
   * @param apiFilters request parameters that carry the query's comparisons, by name
   */
  RequestFactory(FeedDef feed, Map<String, String> parameters, Map<String, String> apiFilters) {
    this(feed, parameters, apiFilters, () -> false);
  }

  /**
   * A factory for a query that may be cancelled while it waits for an OAuth2 token.
   *
   * @param stopped true once the query no longer wants its requests
   */
  RequestFactory(
      FeedDef feed,
      Map<String, String> parameters,
      Map<String, String> apiFilters,
      BooleanSupplier stopped) {
    this.stopped = stopped;
    this.feed = feed;
    this.parameters = parameters;
    this.apiFilters = apiFilters;
  }

  /**
   * A request to the feed's own URL with its query and these page parameters.
   *
   * @param variables values for {@code ${page}}, {@code ${offset}}, {@code ${limit}}, {@code
   *     ${cursor}} in the body
   */
  PageRequest declared(Map<String, String> pageParameters, Map<String, String> variables) {
    Map<String, String> query = new LinkedHashMap<>(feed.query());
    for (ParameterDef parameter : feed.parameters()) {
      if (!parameter.inPath() && parameters.containsKey(parameter.name())) {
        query.put(parameter.name(), parameters.get(parameter.name()));
      }
    }
    for (dev.arrowtap.catalog.FilterDef filter : feed.filters()) {
      String value = apiFilters.get(filter.param());
      if (value != null && !filter.inBody()) {
        query.put(filter.param(), value);
      }
    }
    String fields = apiFilters.get(feed.fields().param());
    if (feed.fields().enabled() && fields != null) {
      query.put(feed.fields().param(), fields);
    }
    query.putAll(pageParameters);
    URI uri = withQuery(URI.create(UrlTemplate.expand(feed.url(), parameters)), query);
    Map<String, String> all = new LinkedHashMap<>(parameters);
    all.putAll(apiFilters);
    all.putAll(variables);
    return finish(uri, feed.body().map(body -> substitute(body, all)));
  }

  /**
   * A request to a URL the API gave us (a next link), relative URLs resolved against the last one.
   */
  PageRequest followed(URI previous, String next) {
    URI uri = previous.resolve(next.trim());
    if (!sameOrigin(uri, previous)) {
      // The feed's credentials go only to the host the catalog names.
      throw new IllegalArgumentException(
          "the next page's link leads to another host ("
              + uri.getScheme()
              + "://"
              + uri.getAuthority()
              + "); arrowtap follows links on the feed's own host only");
    }
    return finish(uri, feed.body());
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  private PageRequest finish(URI uri, Optional<String> body) {
    Map<String, String> headers = new LinkedHashMap<>(feed.headers());
    AuthDef auth = feed.auth();
    if (auth instanceof AuthDef.Bearer bearer) {
      headers.put("Authorization", "Bearer " + bearer.token());
    } else if (auth instanceof AuthDef.Basic basic) {
      String pair = basic.username() + ":" + basic.password();
      headers.put(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    } else if (auth instanceof AuthDef.Header header) {
      headers.put(header.name(), header.prefix() + header.value());
    } else if (auth instanceof AuthDef.OAuth2 oauth) {
      headers.put("Authorization", "Bearer " + OAuthTokens.token(feed, oauth, stopped));
    } else if (auth instanceof AuthDef.ApiKey key) {
      if (key.inQuery()) {
        if (uri.getRawQuery() == null || !uri.getRawQuery().contains(encode(key.name()) + "=")) {
          uri = withQuery(uri, Map.of(key.name(), key.value()));
        }
      } else {
        headers.put(key.name(), key.value());
      }
    }
    return new PageRequest(feed.method(), uri, headers, body);
  }

  /** The URI with the parameters added to (or replacing same-named ones in) its query. */
  static URI withQuery(URI uri, Map<String, String> parameters) {
    Map<String, String> encoded = new LinkedHashMap<>();
    parameters.forEach((name, value) -> encoded.put(encode(name), encode(value)));
    return withRawQuery(uri, encoded);
  }

  /** As {@link #withQuery}, with names and values already encoded. */
  static URI withRawQuery(URI uri, Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return uri;
    }
    Map<String, String> merged = new LinkedHashMap<>();
    String existing = uri.getRawQuery();
    if (existing != null && !existing.isEmpty()) {
      for (String pair : existing.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        merged.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
      }
    }
    merged.putAll(parameters);
    StringBuilder query = new StringBuilder();
    merged.forEach(
        (name, value) -> {
          if (query.length() > 0) {
            query.append('&');
          }
          query.append(name);
          if (value != null) {
            query.append('=').append(value);
          }
        });
    String base = uri.toString();
    int cut = base.indexOf('?');
    int fragment = base.indexOf('#');
    String head =
        cut >= 0 ? base.substring(0, cut) : fragment >= 0 ? base.substring(0, fragment) : base;
    return URI.create(head + "?" + query);
  }

  private static String substitute(String body, Map<String, String> variables) {
    String out = body;
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      out = out.replace("${" + variable.getKey() + "}", jsonEscape(variable.getValue()));
    }
    return out;
  }

  private static String jsonEscape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
