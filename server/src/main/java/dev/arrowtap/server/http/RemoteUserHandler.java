package dev.arrowtap.server.http;

import dev.arrowtap.server.meta.RequestUser;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/** Makes the user who logged in known to the Meta for the length of one request. */
final class RemoteUserHandler extends HandlerWrapper {
  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    RequestUser.set(
        request.getRemoteUser(),
        request.getRemoteUser() != null && request.isUserInRole(ArrowtapServer.ADMIN_ROLE));
    try {
      super.handle(target, baseRequest, request, response);
    } finally {
      RequestUser.clear();
    }
  }
}
