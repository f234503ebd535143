package dev.arrowtap.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The secret that coordinator and workers share. Never printed: {@link #toString()} hides it, and
 * comparison takes the same time whatever the input.
 */
public final class WorkerSecret {
  /** The environment variable both sides read when no secret file is given. */
  public static final String ENVIRONMENT_VARIABLE = "ARROWTAP_WORKER_SECRET";

  /** The Flight call header that carries the secret. */
  public static final String HEADER = "x-arrowtap-worker-secret";

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

  /** The text to send in the call header. */
  public String headerValue() {
    return new String(value, StandardCharsets.UTF_8);
  }

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
