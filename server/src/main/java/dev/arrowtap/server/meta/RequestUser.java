package dev.arrowtap.server.meta;

import java.util.Optional;

/**
 * The authenticated user of the HTTP request being served on this thread, if the server has a
 * login, and whether the users file makes them an administrator.
 */
public final class RequestUser {
  /** Who logged in. */
  private record Login(String name, boolean admin) {}

  private static final ThreadLocal<Login> USER = new ThreadLocal<>();

  private RequestUser() {}

  public static void set(String user) {
    set(user, false);
  }

  /** Records the request's user; {@code admin} users see every user's queries. */
  public static void set(String user, boolean admin) {
    USER.set(user == null ? null : new Login(user, admin));
  }

  public static void clear() {
    USER.remove();
  }

  public static Optional<String> current() {
    return Optional.ofNullable(USER.get()).map(Login::name);
  }

  /** Whether the request's user is an administrator; false without a login. */
  public static boolean isAdmin() {
    Login login = USER.get();
    return login != null && login.admin();
  }

  /**
   * Whose queries the request may see: its user's, or empty for all of them (no login, or an
   * administrator).
   */
  public static Optional<String> visibleUser() {
    Login login = USER.get();
    return login == null || login.admin() ? Optional.empty() : Optional.of(login.name());
  }
}
