package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.HostAllowlist;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.Secrets;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.RecordLayout;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.plan.LiteralParameter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;

/**
 * {@code read_json(url [, pointer])}: an ad-hoc URL read as a table with inferred columns, limited
 * to the hosts the server allows.
 */
public final class ReadJsonTableMacro implements TableMacro {
  private final HostAllowlist allowlist;
  private final SessionSettings settings;
  private final ExecutionServices services;
  private final SchemaCache schemas;

  public ReadJsonTableMacro(
      HostAllowlist allowlist,
      SessionSettings settings,
      ExecutionServices services,
      SchemaCache schemas) {
    this.allowlist = allowlist;
    this.settings = settings;
    this.services = services;
    this.schemas = schemas;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(new LiteralParameter(0, "url", false), new LiteralParameter(1, "pointer", true));
  }

  @Override
  public TranslatableTable apply(List<?> arguments) {
    String url = text(arguments.get(0), "url");
    String pointer =
        arguments.size() > 1 && arguments.get(1) != null ? text(arguments.get(1), "pointer") : "";
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new ArrowtapException(
          SqlStates.INVALID_ARGUMENT,
          "read_json: pointer must be a JSON Pointer starting with '/', not '" + pointer + "'");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ArrowtapException(
          SqlStates.INVALID_ARGUMENT, "read_json: not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
      throw new ArrowtapException(
          SqlStates.INVALID_ARGUMENT,
          "read_json: expected an http:// or https:// URL, got '" + url + "'");
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    if (!allowlist.allows(uri.getHost(), port)) {
      throw new ArrowtapException(
          SqlStates.NOT_PERMITTED,
          "read_json: host "
              + uri.getHost()
              + " is not allowed on port "
              + port
              + "; add it (or "
              + uri.getHost()
              + ":"
              + port
              + ") to read_json.allow_hosts in the server's catalog");
    }
    String internal = services.internalEndpoints().reached(uri.getHost(), port).orElse(null);
    if (internal != null) {
      throw new ArrowtapException(
          SqlStates.NOT_PERMITTED,
          "read_json: "
              + uri.getHost()
              + ":"
              + port
              + " is "
              + internal
              + "; read_json never reads arrowtap's own endpoints");
    }
    FeedDef feed =
        FeedDef.builder("read_json", "read_json", url)
            .records(new RecordLayout(RecordLayout.Format.AUTO, pointer))
            .secrets(querySecrets(uri))
            .build();
    // The query string may hold a token: plans and metrics show the URL without it.
    String shown = uri.getRawQuery() == null ? url : url.substring(0, url.indexOf('?')) + "?…";
    String label =
        "read_json('" + shown + "'" + (pointer.isEmpty() ? "" : ", '" + pointer + "'") + ")";
    return new FeedTable(
        feed, label, "read_json " + url + " " + pointer, settings, services, schemas);
  }

  /** Values in an ad-hoc URL's query string may be tokens: errors show them as ***. */
  private static Secrets querySecrets(URI uri) {
    List<String> values = new ArrayList<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&", -1)) {
        int eq = pair.indexOf('=');
        if (eq >= 0) {
          values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return Secrets.of(values);
  }

  private static String text(Object value, String name) {
    if (value == null) {
      throw new ArrowtapException(
          SqlStates.NULL_NOT_ALLOWED, "read_json: " + name + " must not be NULL");
    }
    return LiteralParameter.text(value)
        .orElseThrow(
            () ->
                new ArrowtapException(
                    SqlStates.INVALID_ARGUMENT,
                    "read_json: " + name + " must be a string literal, not " + value));
  }
}
