package dev.arrowtap.plan;

import java.util.concurrent.Callable;

/**
 * Marks a preparation on this thread as a probe for parameter types only (its statement never
 * runs), so rules that refuse a statement for what it would return let it through.
 */
public final class TypeProbe {
  private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

  private TypeProbe() {}

  /** Runs {@code preparation} as a type probe on this thread. */
  public static <T> T run(Callable<T> preparation) throws Exception {
    boolean before = ACTIVE.get();
    ACTIVE.set(true);
    try {
      return preparation.call();
    } finally {
      ACTIVE.set(before);
    }
  }

  /** Whether the current thread is preparing a type probe. */
  public static boolean active() {
    return ACTIVE.get();
  }
}
