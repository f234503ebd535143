package dev.arrowtap.jdbc;

import java.sql.DriverPropertyInfo;
import java.util.Properties;

/**
 * Every property of a {@code jdbc:arrowtap:} URL or connection, with its default and meaning, as
 * {@link java.sql.Driver#getPropertyInfo} reports them to tools such as DBeaver.
 */
public enum ArrowtapProperty {
  URL(
      "url",
      null,
      "both",
      "the server, http://HOST:PORT or https://HOST:PORT; empty: embedded engine"),
  CATALOG("catalog", null, "embedded", "the catalog file (YAML or JSON) that declares the feeds"),
  USER("user", null, "remote", "the login, for a server started with --users"),
  PASSWORD("password", null, "remote", "the password of the login"),
  FETCH_SIZE(
      "fetch_size",
      ArrowtapDriver.DEFAULT_FETCH_SIZE,
      "both",
      "rows per result frame sent to the client"),
  NUMBERS_PER_TASK(
      "numbers_per_task", "10", "both", "how many numbers one task of numbers() produces at most"),
  BATCH_SIZE("batch_size", "8192", "both", "rows per Arrow batch"),
  INFER_TIMEOUT_MS(
      "infer_timeout_ms",
      "30000",
      "both",
      "milliseconds reading a feed's first page to infer its columns may take"),
  INFER_MAX_BYTES(
      "infer_max_bytes", "16777216", "both", "bytes of a feed's first page inference may read"),
  MAX_INFERRED_COLUMNS(
      "max_inferred_columns",
      "1000",
      "both",
      "how many columns inference may find before the query fails"),
  QUERY_MEMORY_LIMIT(
      "query_memory_limit",
      null,
      "both",
      "the Arrow memory one query may hold, in bytes (only lower than the server's limit counts)"),
  CACHE(
      "cache", "true", "both", "false to read every feed from its API, bypassing response caches"),
  PLAN_CACHE("plan_cache", "true", "both", "false to plan and compile every statement anew"),
  PUSH_AGGREGATES(
      "push_aggregates",
      "true",
      "both",
      "false to aggregate every row above the scan instead of partially inside its tasks"),
  DECODE_THREADS(
      "decode_threads",
      "0",
      "both",
      "threads that decode one large NDJSON body; 0 lets each scan decide"),
  MAX_REQUESTS(
      "max_requests",
      null,
      "both",
      "the most HTTP requests one query may send; -1 for no budget (default: none embedded, the"
          + " server's --max-requests remote)"),
  APPLICATION_NAME(
      "ApplicationName",
      null,
      "both",
      "a name for your application, shown in sys.queries.application_name"),
  TRANSPARENT_RECONNECTION(
      "transparent_reconnection",
      "true",
      "remote",
      "after a server restart, open a new session and go on"),
  SERIALIZATION(
      "serialization",
      "json",
      "remote",
      "the wire format; it must be the server's, json unless the server was started otherwise"),
  TRUSTSTORE(
      "truststore",
      null,
      "remote",
      "a trust store for a server certificate the JVM does not trust"),
  TRUSTSTORE_PASSWORD("truststore_password", null, "remote", "the trust store's password"),
  HTTP_CONNECTION_TIMEOUT(
      "http_connection_timeout",
      "180000",
      "remote",
      "milliseconds to wait for a connection to the server"),
  HTTP_RESPONSE_TIMEOUT(
      "http_response_timeout",
      "180000",
      "remote",
      "milliseconds to wait for an answer from the server"),
  WORKERS("workers", null, "embedded", "Flight workers to run tasks on, host:port,host:port"),
  WORKER_SECRET_FILE(
      "worker_secret_file", null, "embedded", "the file with the secret shared with the workers"),
  WORKER_TLS_CA(
      "worker_tls_ca",
      null,
      "embedded",
      "the CA certificate that signed the workers' TLS certificates"),
  TASK_ATTEMPTS("task_attempts", "3", "embedded", "attempts per task before the query fails");

  private final String key;
  private final String defaultValue;
  private final String mode;
  private final String description;

  ArrowtapProperty(String key, String defaultValue, String mode, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.mode = mode;
    this.description = description;
  }

  public String key() {
    return key;
  }

  /** The value used when none is given, or null when there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  /** Where the property applies: {@code embedded}, {@code remote} or {@code both}. */
  public String mode() {
    return mode;
  }

  public String description() {
    return description;
  }

  /** The tool-facing description of the property, with the value given (secrets not echoed). */
  DriverPropertyInfo info(Properties given) {
    String value = given.getProperty(key);
    DriverPropertyInfo info =
        new DriverPropertyInfo(
            key, Redaction.isSecret(key) ? null : value != null ? value : defaultValue);
    info.description = description + " (" + mode + ")";
    info.required = false;
    if (this == SERIALIZATION) {
      info.choices = new String[] {"json", "protobuf"};
    } else if (this == TRANSPARENT_RECONNECTION
        || this == CACHE
        || this == PLAN_CACHE
        || this == PUSH_AGGREGATES) {
      info.choices = new String[] {"true", "false"};
    }
    return info;
  }
}
