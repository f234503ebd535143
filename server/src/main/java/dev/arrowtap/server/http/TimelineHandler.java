package dev.arrowtap.server.http;

import dev.arrowtap.metrics.MetricsStore;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.TimelinePage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Serves {@code GET /timeline} (recent queries) and {@code /timeline?query=N} (one query's stages,
 * tasks, requests and error, see {@link TimelinePage}); everything else goes on to Avatica. It sits
 * behind the login when there is one.
 */
final class TimelineHandler extends HandlerWrapper {
  static final String PATH = "/timeline";

  private final MetricsStore metrics;
  private final boolean login;

  /**
   * @param login whether the server has a login: then a user sees their own queries only, unless
   *     the users file makes them an administrator
   */
  TimelineHandler(MetricsStore metrics, boolean login) {
    this.metrics = metrics;
    this.login = login;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (!PATH.equals(target) || !"GET".equals(request.getMethod())) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    String page;
    int status = HttpServletResponse.SC_OK;
    String wanted = request.getParameter("query");
    Optional<String> visible =
        !login || request.isUserInRole(ArrowtapServer.ADMIN_ROLE)
            ? Optional.empty()
            : Optional.of(String.valueOf(request.getRemoteUser()));
    if (wanted == null || wanted.isBlank()) {
      page = TimelinePage.index(metrics.visibleTo(visible));
    } else {
      Optional<QueryMetrics> query = Optional.empty();
      try {
        long id = Long.parseLong(wanted.trim());
        // Another user's query is answered like one that is not kept: its id tells nothing.
        query = metrics.visibleTo(visible).stream().filter(q -> q.id() == id).findFirst();
      } catch (NumberFormatException e) {
        // Answered as not found below.
      }
      if (query.isPresent()) {
        page = TimelinePage.timeline(query.get());
      } else {
        status = HttpServletResponse.SC_NOT_FOUND;
        page = TimelinePage.notFound(wanted.replaceAll("[^0-9]", ""));
      }
    }
    byte[] body = page.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/html; charset=utf-8");
    response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    // A running query's page reloads itself every second: each reload must show the query now.
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    baseRequest.setHandled(true);
  }
}
