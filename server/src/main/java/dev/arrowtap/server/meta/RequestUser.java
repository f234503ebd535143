package dev.arrowtap.server.meta;

import java.util.Optional;

/**
 * The authenticated user of the HTTP request being served on this thread, if the server has a
 * login.
 */
public final class RequestUser {
  private static final ThreadLocal<String> USER = new ThreadLocal<>();

  private RequestUser() {}

  public static void set(String user) {
    USER.set(user);
  }

  public static void clear() {
    USER.remove();
  }

  public static Optional<String> current() {
    return Optional.ofNullable(USER.get());
  }
}
