package dev.arrowtap.server.flightsql;

import dev.arrowtap.engine.ArrowtapEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Engine sessions for Flight SQL users: a statement borrows one of its user's idle sessions (or a
 * new one) and gives it back when it ends, so a session's plans are reused and no session runs two
 * statements at once. A user who is no administrator gets sessions whose {@code sys} tables show
 * only that user's queries.
 */
final class SessionPool {
  /** Idle sessions kept per user beyond which returned ones are closed. */
  private static final int IDLE_PER_USER = 4;

  private final ArrowtapEngine engine;
  private final Map<String, Deque<Session>> idle = new ConcurrentHashMap<>();
  private final List<Session> all = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  SessionPool(ArrowtapEngine engine) {
    this.engine = engine;
  }

  /** An engine connection and the id that names it in {@code sys.queries}. */
  record Session(String user, String id, Connection connection) {}

  /** A session for {@code user}; {@code admin} users see every user's queries. */
  Session borrow(String user, boolean admin) throws SQLException {
    Session session = idle.computeIfAbsent(user, u -> new ConcurrentLinkedDeque<>()).pollFirst();
    if (session != null) {
      return session;
    }
    String id = "flight-sql-" + ids.incrementAndGet();
    Map<String, String> properties = new HashMap<>();
    properties.put(ArrowtapEngine.CONNECTION_ID, id);
    if (!admin && !user.isEmpty()) {
      properties.put(ArrowtapEngine.VISIBLE_USER, user);
    }
    Connection connection = engine.connect(properties);
    connection.setAutoCommit(true);
    connection.setReadOnly(true);
    Session created = new Session(user, id, connection);
    synchronized (all) {
      all.add(created);
    }
    return created;
  }

  /** Gives a session back; beyond a few idle ones per user it is closed. */
  void giveBack(Session session) {
    Deque<Session> sessions =
        idle.computeIfAbsent(session.user(), u -> new ConcurrentLinkedDeque<>());
    if (sessions.size() < IDLE_PER_USER) {
      sessions.addFirst(session);
    } else {
      close(session);
    }
  }

  private void close(Session session) {
    synchronized (all) {
      all.remove(session);
    }
    try {
      session.connection().close();
    } catch (SQLException e) {
      // Closing anyway: nothing more to give back.
    }
  }

  /** Closes every session. */
  void closeAll() {
    List<Session> sessions;
    synchronized (all) {
      sessions = new ArrayList<>(all);
    }
    sessions.forEach(this::close);
    idle.clear();
  }
}
