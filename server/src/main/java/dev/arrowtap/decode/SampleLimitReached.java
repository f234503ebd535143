package dev.arrowtap.decode;

import java.io.IOException;

/**
 * Thrown by a sample's input stream when inference has read as much (bytes or time) as it may:
 * inference then uses the records it has seen.
 */
public final class SampleLimitReached extends IOException {
  private static final long serialVersionUID = 1L;

  public SampleLimitReached(String message) {
    super(message);
  }
}
