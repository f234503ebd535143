package dev.arrowtap.source.http;

import java.util.function.Consumer;

/**
 * Lets another thread give up a fetch that is still waiting for its answer: the request in flight
 * is cancelled at once and no further attempt is made.
 */
final class FetchAbort {
  private final Consumer<Runnable> listener;
  private Runnable cancel;
  private boolean aborted;

  FetchAbort() {
    this(cancel -> {});
  }

  /**
   * An abort that also hands each attempt's cancel to a listener.
   *
   * @param listener also told each attempt's cancel, for a caller that aborts its own way
   */
  FetchAbort(Consumer<Runnable> listener) {
    this.listener = listener;
  }

  /** Registers how to cancel the attempt now in flight; cancels it at once if already aborted. */
  synchronized void attempt(Runnable cancelAttempt) {
    listener.accept(cancelAttempt);
    cancel = cancelAttempt;
    if (aborted) {
      cancelAttempt.run();
    }
  }

  synchronized boolean aborted() {
    return aborted;
  }

  void abort() {
    Runnable now;
    synchronized (this) {
      aborted = true;
      now = cancel;
    }
    if (now != null) {
      now.run();
    }
  }
}
