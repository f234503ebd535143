package dev.arrowtap.worker;

import dev.arrowtap.exec.WorkerSecret;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * Server middleware that admits a call only when it carries the shared worker secret; anything else
 * ends as UNAUTHENTICATED before the producer sees it.
 */
final class SecretAuth implements FlightServerMiddleware.Factory<SecretAuth.Admitted> {
  static final FlightServerMiddleware.Key<Admitted> KEY =
      FlightServerMiddleware.Key.of("arrowtap-worker-secret");

  private final WorkerSecret secret;

  SecretAuth(WorkerSecret secret) {
    this.secret = secret;
  }

  @Override
  public Admitted onCallStarted(CallInfo info, CallHeaders headers, RequestContext context) {
    if (!secret.admits(headers.get(WorkerSecret.HEADER), headers.get(WorkerSecret.NONCE_HEADER))) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription("the worker secret is missing or wrong")
          .toRuntimeException();
    }
    return new Admitted();
  }

  /** The mark of a call that passed the check. */
  static final class Admitted implements FlightServerMiddleware {
    @Override
    public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {}

    @Override
    public void onCallCompleted(CallStatus status) {}

    @Override
    public void onCallErrored(Throwable err) {}
  }
}
