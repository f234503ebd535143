package dev.arrowtap.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that coordinator and workers share. Never printed: {@link #toString()} hides it, and
 * comparison takes the same time whatever the input.
 */
public final class WorkerSecret {
  /** The environment variable both sides read when no secret file is given. */
  public static final String ENVIRONMENT_VARIABLE = "ARROWTAP_WORKER_SECRET";

  /** The Flight call header that carries the coordinator's proof of the secret. */
  public static final String HEADER = "x-arrowtap-worker-proof";

  /** The Flight call header that carries the nonce the proof is made over. */
  public static final String NONCE_HEADER = "x-arrowtap-worker-nonce";

  /** The Flight action with which a coordinator asks a worker to prove it knows the secret. */
  public static final String HELLO_ACTION = "arrowtap.hello";

  /** How far a coordinator's nonce timestamp may be from the worker's clock. */
  public static final long NONCE_WINDOW_MILLIS = 5 * 60 * 1000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final int MIN_LENGTH = 8;

  private final byte[] value;

  private WorkerSecret(byte[] value) {
    if (value.length < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "the worker secret must be at least " + MIN_LENGTH + " characters long");
    }
    this.value = value;
  }

  public static WorkerSecret of(String value) {
    return new WorkerSecret(value.strip().getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the secret from a file (surrounding whitespace ignored). */
  public static WorkerSecret fromFile(Path file) {
    try {
      return of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the worker secret file " + file + ": " + e);
    }
  }

  /** The secret from {@value #ENVIRONMENT_VARIABLE}, if set. */
  public static Optional<WorkerSecret> fromEnvironment() {
    String value = System.getenv(ENVIRONMENT_VARIABLE);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(of(value));
  }

  /** The file if given, else the environment; empty when neither is set. */
  public static Optional<WorkerSecret> resolve(Optional<Path> file) {
    return file.isPresent() ? Optional.of(fromFile(file.get())) : fromEnvironment();
  }

  /**
   * Proof of knowing the secret for one purpose and nonce: HMAC-SHA256, so the secret itself never
   * crosses the wire and a peer that does not know it learns nothing from a proof.
   */
  public String proof(String purpose, String nonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(value, "HmacSHA256"));
      byte[] digest = mac.doFinal((purpose + "|" + nonce).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  /** True when {@code candidate} proves the secret for this purpose and nonce; constant time. */
  public boolean verify(String candidate, String purpose, String nonce) {
    if (candidate == null || nonce == null) {
      return false;
    }
    return MessageDigest.isEqual(
        proof(purpose, nonce).getBytes(StandardCharsets.UTF_8),
        candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh nonce: the current time (so old proofs expire) and 16 random bytes. */
  public static String newNonce() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return System.currentTimeMillis()
        + ":"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** True when a coordinator's nonce was made within the window around now. */
  static boolean fresh(String nonce, long nowMillis) {
    if (nonce == null) {
      return false;
    }
    int colon = nonce.indexOf(':');
    try {
      long made = Long.parseLong(colon < 0 ? nonce : nonce.substring(0, colon));
      return Math.abs(nowMillis - made) <= NONCE_WINDOW_MILLIS;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The headers that prove a coordinator's knowledge of the secret on one call. */
  public Map<String, String> coordinatorHeaders() {
    String nonce = newNonce();
    return Map.of(NONCE_HEADER, nonce, HEADER, proof(COORDINATOR, nonce));
  }

  /** Whether a call's headers prove the coordinator knows the secret, with a fresh nonce. */
  public boolean admits(String proof, String nonce) {
    return fresh(nonce, System.currentTimeMillis()) && verify(proof, COORDINATOR, nonce);
  }

  /** The purpose names of the two proofs, so one can never pass for the other. */
  public static final String COORDINATOR = "coordinator";

  public static final String WORKER = "worker";

  /** True when {@code candidate} is this secret; constant time in the candidate's content. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WorkerSecret that && MessageDigest.isEqual(value, that.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "WorkerSecret[***]";
  }
}
