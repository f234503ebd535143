package dev.arrowtap.jdbc;

import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Driver;

/**
 * The {@code jdbc:arrowtap:} driver. Without a {@code url} property it runs the engine in this JVM;
 * with {@code url=http://host:port} it talks to a remote arrowtap server over Avatica's HTTP
 * protocol, and then loads neither Calcite nor Arrow.
 */
public class ArrowtapDriver extends Driver {
  public static final String PREFIX = "jdbc:arrowtap:";

  /** Rows per result frame unless the client says otherwise; Avatica's 100 is slow over HTTP. */
  static final String DEFAULT_FETCH_SIZE = "10000";

  /**
   * How results travel: {@code arrow} (Arrow batches) or {@code rows} (Avatica's JSON rows, as
   * before).
   */
  static final String RESULT_FORMAT = "result_format";

  /** Carries the URL the user gave (secrets removed) to the new connection; never sent. */
  static final String USER_URL = "arrowtap.internal.user_url";

  static {
    new ArrowtapDriver().register();
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    String version = ArrowtapVersion.VERSION;
    return new DriverVersion(
        "arrowtap JDBC driver",
        version,
        "arrowtap",
        version,
        true,
        ArrowtapVersion.MAJOR,
        ArrowtapVersion.MINOR,
        ArrowtapVersion.MAJOR,
        ArrowtapVersion.MINOR);
  }

  @Override
  protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return ArrowtapJdbcFactory.class.getName();
  }

  /** Avatica's client Meta, with server errors that survive a DriverManager log writer. */
  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return ServerErrorMeta.wrap(super.createMeta(connection));
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    UrlPropertyCheck.check(stripSeparator(url.substring(PREFIX.length())));
    // Avatica sends only the Properties object to the server; merge the URL's own
    // ;key=value pairs in first so that both ways of setting a property behave the same.
    Properties merged =
        flatten(ConnectStringParser.parse(stripSeparator(url.substring(PREFIX.length())), info));
    String remote = merged.getProperty("url");
    if (remote == null || remote.isBlank()) {
      merged.remove("url");
      merged.setProperty("factory", EmbeddedServiceFactory.class.getName());
      // The embedded engine hands its results over as Arrow batches, read in place.
      if (merged.getProperty(RESULT_FORMAT) == null) {
        merged.setProperty(RESULT_FORMAT, "arrow");
      }
    } else {
      merged.remove("factory");
      if (merged.getProperty("serialization") == null) {
        merged.setProperty("serialization", "json");
      }
      // After a server restart the next call opens a new session with the same properties.
      if (merged.getProperty("transparent_reconnection") == null) {
        merged.setProperty("transparent_reconnection", "true");
      }
      if (merged.getProperty("httpclient_factory") == null) {
        merged.setProperty("httpclient_factory", ArrowtapHttpClientFactory.class.getName());
      }
      // Avatica alone retries forever against a server that accepts and drops connections.
      if (merged.getProperty("httpclient_impl") == null) {
        merged.setProperty("httpclient_impl", BoundedRetryHttpClient.class.getName());
      }
      // JDBC tools pass user and password; a server with --users checks them with HTTP Basic.
      String user = merged.getProperty("user");
      if (user != null && !user.isEmpty() && merged.getProperty("avatica_user") == null) {
        merged.setProperty("authentication", merged.getProperty("authentication", "BASIC"));
        merged.setProperty("avatica_user", user);
        merged.setProperty("avatica_password", merged.getProperty("password", ""));
      }
    }
    if (merged.getProperty("fetch_size") == null) {
      merged.setProperty("fetch_size", DEFAULT_FETCH_SIZE);
    }
    merged.setProperty(USER_URL, Redaction.jdbcUrl(url));
    try {
      return super.connect(PREFIX, merged);
    } catch (AvaticaClientRuntimeException e) {
      String state = e.getSqlState();
      if (ArrowtapHttpClientFactory.CONNECTION_FAILURE.equals(state)) {
        throw new SQLException(
            "cannot connect to arrowtap server at " + Redaction.url(remote) + ": " + rootMessage(e),
            "08001",
            e);
      }
      throw new SQLException(serverMessage(e), state, e.getErrorCode(), e);
    } catch (AvaticaRuntimeException e) {
      throw new SQLException(e.getErrorMessage(), e.getSqlState(), e);
    } catch (RuntimeException e) {
      String root = rootMessage(e);
      if (root.endsWith("HTTP/429")) {
        throw new SQLException(
            "arrowtap server at "
                + Redaction.url(remote)
                + " refuses logins for this user or from this address for a while, after"
                + " repeated failed logins: wait, then check user and password",
            "08004",
            e);
      }
      if (root.endsWith("HTTP/401") || root.endsWith("HTTP/403")) {
        throw new SQLException(
            "arrowtap server at "
                + Redaction.url(remote)
                + " refused the login: check user and password",
            "28000",
            e);
      }
      String where =
          remote == null || remote.isBlank()
              ? "the embedded engine"
              : "arrowtap server at " + Redaction.url(remote);
      throw new SQLException("cannot connect to " + where + ": " + rootMessage(e), "08001", e);
    }
  }

  /** arrowtap's own properties, with descriptions and defaults, not Avatica's internal ones. */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    Properties given = new Properties();
    if (url != null && acceptsURL(url)) {
      given =
          flatten(ConnectStringParser.parse(stripSeparator(url.substring(PREFIX.length())), info));
    } else if (info != null) {
      given = flatten(info);
    }
    ArrowtapProperty[] properties = ArrowtapProperty.values();
    DriverPropertyInfo[] out = new DriverPropertyInfo[properties.length];
    for (int i = 0; i < properties.length; i++) {
      out[i] = properties[i].info(given);
    }
    return out;
  }

  /** {@code jdbc:arrowtap:;a=b} is as good as {@code jdbc:arrowtap:a=b}. */
  private static String stripSeparator(String suffix) {
    return suffix.startsWith(";") ? suffix.substring(1) : suffix;
  }

  /** Avatica serializes only a Properties' own entries, not its defaults: copy both. */
  private static Properties flatten(Properties properties) {
    Properties flat = new Properties();
    for (String name : properties.stringPropertyNames()) {
      flat.setProperty(name, properties.getProperty(name));
    }
    return flat;
  }

  private static String serverMessage(AvaticaClientRuntimeException e) {
    String message = e.getMessage();
    String prefix = "Remote driver error: ";
    message = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    int suffix = message.lastIndexOf(". Error ");
    return suffix > 0 ? message.substring(0, suffix) : message;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
