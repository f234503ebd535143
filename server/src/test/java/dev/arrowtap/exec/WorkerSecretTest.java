package dev.arrowtap.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerSecretTest {
  private final WorkerSecret secret = WorkerSecret.of("shared-secret-123");

  @Test
  void proofsNeverContainTheSecretAndVerifyOnlyForTheirPurpose() {
    String nonce = WorkerSecret.newNonce();
    String proof = secret.proof(WorkerSecret.WORKER, nonce);
    assertFalse(proof.contains("shared-secret-123"));
    assertTrue(secret.verify(proof, WorkerSecret.WORKER, nonce));
    assertFalse(
        secret.verify(proof, WorkerSecret.COORDINATOR, nonce),
        "a worker's proof passes for a coordinator's");
    assertFalse(
        secret.verify(proof, WorkerSecret.WORKER, WorkerSecret.newNonce()),
        "a proof replays on another nonce");
    assertFalse(WorkerSecret.of("other-secret-456").verify(proof, WorkerSecret.WORKER, nonce));
  }

  @Test
  void coordinatorHeadersAreAdmittedWhileFresh() {
    Map<String, String> headers = secret.coordinatorHeaders();
    assertTrue(
        secret.admits(headers.get(WorkerSecret.HEADER), headers.get(WorkerSecret.NONCE_HEADER)));
    String stale =
        (System.currentTimeMillis() - WorkerSecret.NONCE_WINDOW_MILLIS - 60_000) + ":abc";
    assertFalse(
        secret.admits(secret.proof(WorkerSecret.COORDINATOR, stale), stale),
        "an old proof is replayed");
    assertFalse(secret.admits(null, headers.get(WorkerSecret.NONCE_HEADER)));
  }
}
