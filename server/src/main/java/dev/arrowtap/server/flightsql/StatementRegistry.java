package dev.arrowtap.server.flightsql;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.arrow.flight.CallStatus;

/**
 * The open statements of every Flight SQL client, by handle. A handle names its statement only for
 * the user who opened it: another user's handle is refused as unknown.
 */
final class StatementRegistry {
  private final Map<ByteString, OpenStatement> statements = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  int nextId() {
    return ids.incrementAndGet();
  }

  /** Registers a statement and returns its handle. */
  ByteString add(OpenStatement statement) {
    ByteString handle = ByteString.copyFrom(String.valueOf(statement.id()), StandardCharsets.UTF_8);
    statements.put(handle, statement);
    return handle;
  }

  /** The statement a handle names for {@code user}. */
  OpenStatement get(ByteString handle, String user) {
    OpenStatement statement = statements.get(handle);
    if (statement == null || !statement.user().equals(user)) {
      throw CallStatus.NOT_FOUND
          .withDescription("no open statement " + handle.toStringUtf8())
          .toRuntimeException();
    }
    statement.touch();
    return statement;
  }

  /** The statement a handle names for {@code user}, if any. */
  Optional<OpenStatement> find(ByteString handle, String user) {
    OpenStatement statement = statements.get(handle);
    return statement == null || !statement.user().equals(user)
        ? Optional.empty()
        : Optional.of(statement);
  }

  /** Removes a statement; the caller closes it. */
  Optional<OpenStatement> remove(ByteString handle, String user) {
    Optional<OpenStatement> statement = find(handle, user);
    statement.ifPresent(s -> statements.remove(handle, s));
    return statement;
  }

  /**
   * Removes statements nobody used for a while: a query's statement whose results were never read
   * after {@code queryIdle}, a prepared one after {@code preparedIdle}.
   */
  void removeIdle(Duration queryIdle, Duration preparedIdle, Consumer<OpenStatement> close) {
    long now = System.nanoTime();
    // A copy: a concurrent map's own iteration would do too, but the copy says so plainly.
    for (Map.Entry<ByteString, OpenStatement> entry : List.copyOf(statements.entrySet())) {
      OpenStatement statement = entry.getValue();
      Duration idle = statement.prepared() ? preparedIdle : queryIdle;
      if (statement.running() == null
          && now - statement.lastUsedNanos() > idle.toNanos()
          && statements.remove(entry.getKey(), statement)) {
        close.accept(statement);
      }
    }
  }

  /** Removes every statement. */
  List<OpenStatement> removeAll() {
    List<OpenStatement> all = new ArrayList<>(statements.values());
    statements.clear();
    return all;
  }
}
