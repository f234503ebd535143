package dev.arrowtap.exec;

import java.io.IOException;

/** Somewhere a task can run: this JVM or one worker. */
public interface TaskRunner extends AutoCloseable {
  /**
   * {@value TaskContext#LOCAL} or the worker's {@code host:port}, as shown in plans and metrics.
   */
  String location();

  /** True when the task runs in another process, so a failed attempt may be tried elsewhere. */
  boolean isRemote();

  /** Starts the task; the batches the reader returns are owned by the reader. */
  BatchReader open(TaskTicket ticket, TaskContext context) throws IOException;

  @Override
  default void close() {}
}
