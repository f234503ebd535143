package dev.arrowtap.server.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Counts the SQL requests being answered, and sends each answer out before it stops counting it, so
 * that a stopping server can wait until every client has its reply (the 57P01 error of a query
 * ended by the shutdown, for one) before it closes its port.
 */
final class InFlightRequests extends HandlerWrapper {
  private final AtomicInteger active = new AtomicInteger();

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    active.incrementAndGet();
    try {
      super.handle(target, baseRequest, request, response);
      if (baseRequest.isHandled()) {
        response.flushBuffer();
      }
    } finally {
      active.decrementAndGet();
    }
  }

  /** Waits until no request is being answered, or {@code limit} has passed. */
  void awaitIdle(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (active.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
