package dev.arrowtap.exec;

import java.io.IOException;

/** Runs tasks on this JVM's task threads. */
public final class LocalTaskRunner implements TaskRunner {
  @Override
  public String location() {
    return TaskContext.LOCAL;
  }

  @Override
  public boolean isRemote() {
    return false;
  }

  @Override
  public BatchReader open(TaskTicket ticket, TaskContext context) throws IOException {
    return ticket.spec().open(context);
  }
}
