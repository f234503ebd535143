package dev.arrowtap.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalog's {@code auth} for an operation, from the description's {@code securitySchemes}: the
 * secrets always as {@code ${env:...}} references, never a value.
 */
final class SpecAuth {
  private final JsonNode root;
  private final SchemaResolver resolver;
  private final String envPrefix;

  SpecAuth(JsonNode root, SchemaResolver resolver, String schemaName) {
    this.root = root;
    this.resolver = resolver;
    this.envPrefix = schemaName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
  }

  /** The auth entry (possibly {@link Commented}) for an operation, or null for none. */
  Object forOperation(JsonNode operation, String where) {
    JsonNode requirements =
        operation.has("security") ? operation.get("security") : root.get("security");
    if (requirements == null || !requirements.isArray() || requirements.isEmpty()) {
      return null;
    }
    List<String> skipped = new ArrayList<>();
    for (JsonNode requirement : requirements) {
      if (requirement.isEmpty()) {
        return null; // {} : this alternative needs no credentials
      }
      String name = requirement.fieldNames().next();
      JsonNode scheme =
          resolver.deref(
              root.path("components").path("securitySchemes").path(name),
              "components.securitySchemes." + name);
      Object auth = auth(name, scheme, requirement.get(name), skipped);
      if (auth != null) {
        List<String> notes = new ArrayList<>();
        if (requirement.size() > 1) {
          notes.add("the description asks for several schemes together; only " + name + " is sent");
        }
        notes.addAll(skipped);
        return notes.isEmpty() ? auth : new Commented(auth, notes);
      }
    }
    throw resolver.error(where + ".security", String.join("; ", skipped));
  }

  private Object auth(String name, JsonNode scheme, JsonNode scopes, List<String> skipped) {
    String type = scheme.path("type").asText("");
    String env = envPrefix + (schemeCount() > 1 ? "_" + upper(name) : "");
    Map<String, Object> auth = new LinkedHashMap<>();
    switch (type) {
      case "http" -> {
        String httpScheme = scheme.path("scheme").asText("").toLowerCase(Locale.ROOT);
        if (httpScheme.equals("bearer")) {
          auth.put("type", "bearer");
          auth.put("token", env(env + "_TOKEN"));
        } else if (httpScheme.equals("basic")) {
          auth.put("type", "basic");
          auth.put("username", env(env + "_USERNAME"));
          auth.put("password", env(env + "_PASSWORD"));
        } else {
          skipped.add(
              "scheme " + name + ": HTTP " + httpScheme + " authentication is not supported");
          return null;
        }
      }
      case "apiKey" -> {
        String in = scheme.path("in").asText("header");
        if (in.equals("cookie")) {
          skipped.add("scheme " + name + ": an API key in a cookie is not supported");
          return null;
        }
        auth.put("type", "api_key");
        auth.put("name", scheme.path("name").asText(name));
        auth.put("value", env(env + "_API_KEY"));
        auth.put("in", in);
      }
      case "oauth2" -> {
        JsonNode flow = scheme.path("flows").path("clientCredentials");
        if (flow.isMissingNode()) {
          auth.put("type", "bearer");
          auth.put("token", env(env + "_TOKEN"));
          return Commented.of(
              auth,
              "scheme " + name + ": OAuth2 without the client credentials flow; get an access",
              "token by the description's flow and set " + env + "_TOKEN to it");
        }
        auth.put("type", "oauth2");
        auth.put("token_url", flow.path("tokenUrl").asText());
        auth.put("client_id", env(env + "_CLIENT_ID"));
        auth.put("client_secret", env(env + "_CLIENT_SECRET"));
        List<String> scopeList = new ArrayList<>();
        if (scopes != null) {
          scopes.forEach(scope -> scopeList.add(scope.asText()));
        }
        if (!scopeList.isEmpty()) {
          auth.put("scopes", scopeList);
        }
      }
      case "openIdConnect" -> {
        auth.put("type", "bearer");
        auth.put("token", env(env + "_TOKEN"));
        return Commented.of(
            auth, "scheme " + name + ": OpenID Connect; set " + env + "_TOKEN to an access token");
      }
      default -> {
        skipped.add("scheme " + name + ": unknown type '" + type + "'");
        return null;
      }
    }
    return auth;
  }

  private int schemeCount() {
    return root.path("components").path("securitySchemes").size();
  }

  private static String env(String name) {
    return "${env:" + name + "}";
  }

  private static String upper(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
  }
}
