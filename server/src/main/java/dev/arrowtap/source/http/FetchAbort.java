package dev.arrowtap.source.http;

/**
 * Lets another thread give up a fetch that is still waiting for its answer: the request in flight
 * is cancelled at once and no further attempt is made.
 */
final class FetchAbort {
  private Runnable cancel;
  private boolean aborted;

  /** Registers how to cancel the attempt now in flight; cancels it at once if already aborted. */
  synchronized void attempt(Runnable cancelAttempt) {
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
