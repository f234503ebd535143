package dev.arrowtap.common;

/**
 * Marks the thread as listing metadata (DatabaseMetaData calls), where one unreachable feed must
 * not make the whole listing fail: a BI tool's navigator would show nothing at all.
 */
public final class MetadataScope implements AutoCloseable {
  private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

  private MetadataScope() {
    ACTIVE.set(Boolean.TRUE);
  }

  public static MetadataScope enter() {
    return new MetadataScope();
  }

  public static boolean active() {
    return Boolean.TRUE.equals(ACTIVE.get());
  }

  @Override
  public void close() {
    ACTIVE.remove();
  }
}
