package dev.arrowtap.server.flightsql;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.server.UserIdentity;

/**
 * Checks Flight SQL logins against the server's users file (Jetty's realm format, the same file the
 * HTTP endpoint reads): a user needs the {@code arrowtap} or {@code arrowtap-admin} role. A client
 * logs in with HTTP Basic credentials once and then sends the bearer token it gets back, as Flight
 * SQL clients do.
 */
final class UsersFileLogin implements BasicCallHeaderAuthenticator.CredentialValidator {
  /** The role a user needs to connect (the same as the HTTP endpoint's). */
  static final String ROLE = "arrowtap";

  /** The role that lets a user see every user's queries. */
  static final String ADMIN_ROLE = "arrowtap-admin";

  private final HashLoginService users;
  private final Set<String> admins = ConcurrentHashMap.newKeySet();

  private UsersFileLogin(HashLoginService users) {
    this.users = users;
  }

  /** Reads the users file; it is read again when it changes, as the HTTP endpoint does. */
  static UsersFileLogin read(Path file) {
    Objects.requireNonNull(file, "file is null");
    HashLoginService users = new HashLoginService("arrowtap", file.toAbsolutePath().toString());
    users.setHotReload(true);
    try {
      users.start();
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot read the users file " + file + ": " + e, e);
    }
    return new UsersFileLogin(users);
  }

  /** The authenticator to install: Basic credentials once, then a bearer token. */
  CallHeaderAuthenticator authenticator() {
    return new GeneratedBearerTokenAuthenticator(new BasicCallHeaderAuthenticator(this));
  }

  @Override
  public CallHeaderAuthenticator.AuthResult validate(String username, String password) {
    UserIdentity identity = users.login(username, password, null);
    if (identity == null) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription("wrong user name or password")
          .toRuntimeException();
    }
    boolean admin = identity.isUserInRole(ADMIN_ROLE, null);
    if (!admin && !identity.isUserInRole(ROLE, null)) {
      throw CallStatus.UNAUTHORIZED
          .withDescription("user " + username + " lacks the role " + ROLE)
          .toRuntimeException();
    }
    if (admin) {
      admins.add(username);
    } else {
      admins.remove(username);
    }
    return () -> username;
  }

  /** Whether a user who logged in is an administrator (sees every user's queries). */
  boolean isAdmin(String user) {
    return admins.contains(user);
  }

  void close() {
    try {
      users.stop();
    } catch (Exception e) {
      // Stopping anyway: the file watcher is a daemon thread.
    }
  }
}
