package dev.arrowtap.worker;

import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.log.LogLine;
import dev.arrowtap.log.ProcessLog;
import java.time.Duration;
import java.util.logging.Logger;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * Server middleware that admits a call only when it carries a fresh proof of the shared worker
 * secret over a nonce not used before; anything else ends as UNAUTHENTICATED before the producer
 * sees it.
 */
final class SecretAuth implements FlightServerMiddleware.Factory<SecretAuth.Admitted> {
  static final FlightServerMiddleware.Key<Admitted> KEY =
      FlightServerMiddleware.Key.of("arrowtap-worker-secret");

  private static final Logger LOG = Logger.getLogger(ProcessLog.ROOT + ".worker");

  /** Far more calls than a worker can receive within a nonce's freshness window. */
  private static final long NONCES_REMEMBERED = 1_000_000;

  private final WorkerSecret secret;
  private final NonceLedger ledger =
      new NonceLedger(Duration.ofMillis(WorkerSecret.NONCE_WINDOW_MILLIS), NONCES_REMEMBERED);

  SecretAuth(WorkerSecret secret) {
    this.secret = secret;
  }

  @Override
  public Admitted onCallStarted(CallInfo info, CallHeaders headers, RequestContext context) {
    String nonce = headers.get(WorkerSecret.NONCE_HEADER);
    if (!secret.admits(headers.get(WorkerSecret.HEADER), nonce)) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription("the worker secret is missing or wrong")
          .toRuntimeException();
    }
    // Checked after the proof, so only holders of the secret (or replays of their calls) reach
    // the ledger: a stranger cannot fill it.
    if (!ledger.firstUse(nonce)) {
      LOG.warning(
          () ->
              LogLine.event("worker_auth_refused")
                  .with("reason", "replayed_nonce")
                  .with("method", info.method().name())
                  .toString());
      throw CallStatus.UNAUTHENTICATED
          .withDescription("this proof was already used: each call needs a new nonce")
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
