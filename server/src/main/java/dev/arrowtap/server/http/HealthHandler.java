package dev.arrowtap.server.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/** Answers {@code GET /health} without a session, for load balancers and start-up scripts. */
final class HealthHandler extends AbstractHandler {
  static final String PATH = "/health";

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!PATH.equals(target) || !"GET".equals(request.getMethod())) {
      return;
    }
    byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    baseRequest.setHandled(true);
  }
}
