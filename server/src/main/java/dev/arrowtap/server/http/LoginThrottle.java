package dev.arrowtap.server.http;

import dev.arrowtap.log.LogLine;
import dev.arrowtap.log.ProcessLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Wraps the login check: a request that presents credentials while its user or address is locked by
 * the {@link LoginGuard} gets HTTP 429 with Retry-After, unchecked; every failed and refused login
 * is logged (the user name and address, never the password).
 */
final class LoginThrottle extends HandlerWrapper {
  private static final Logger LOG = Logger.getLogger(ProcessLog.ROOT + ".server");

  private final LoginGuard guard;

  LoginThrottle(LoginGuard guard) {
    this.guard = guard;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String authorization = request.getHeader("Authorization");
    if (authorization == null) {
      // A client's first request often goes without credentials, to learn the scheme: no attempt.
      super.handle(target, baseRequest, request, response);
      return;
    }
    String user = basicUser(authorization);
    String client = request.getRemoteAddr();
    Optional<Duration> locked = guard.lockedFor(user, client);
    if (locked.isPresent()) {
      refuse(baseRequest, response, user, client, locked.get());
      return;
    }
    super.handle(target, baseRequest, request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      Optional<Duration> lock = guard.failed(user, client);
      LOG.warning(
          () ->
              LogLine.event("login_failed")
                  .with("user", user == null ? "-" : user)
                  .with("client", client)
                  .with("locked_s", lock.map(Duration::toSeconds).orElse(0L))
                  .toString());
    } else if (request.getRemoteUser() != null) {
      guard.succeeded(user, client);
    }
  }

  private static void refuse(
      Request baseRequest, HttpServletResponse response, String user, String client, Duration wait)
      throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    LOG.warning(
        () ->
            LogLine.event("login_refused")
                .with("user", user == null ? "-" : user)
                .with("client", client)
                .with("retry_after_s", seconds)
                .toString());
    baseRequest.setHandled(true);
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setContentType("text/plain;charset=utf-8");
    response
        .getOutputStream()
        .write(
            ("too many failed logins for this user or from this address; try again in "
                    + seconds
                    + " s\n")
                .getBytes(StandardCharsets.UTF_8));
  }

  /** The user name of HTTP Basic credentials; null for another scheme or a malformed value. */
  static String basicUser(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
