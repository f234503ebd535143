package dev.arrowtap.exec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.arrowtap.metrics.TaskProgress;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns task tickets into bytes and back. Task types travel by a registered name only, never by
 * class name, so nothing on the wire can make a worker load a class. The sources register their
 * types where the engine and the worker start ({@code dev.arrowtap.source.TaskTypes}), so execution
 * depends on no source.
 */
public final class TaskCodec {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule());
  private static final Map<String, Class<? extends TaskSpec>> NAMES = new ConcurrentHashMap<>();

  private TaskCodec() {}

  /** Makes a task type known to coordinators and workers in this JVM under {@code name}. */
  public static synchronized void register(Class<? extends TaskSpec> type, String name) {
    Class<? extends TaskSpec> existing = NAMES.putIfAbsent(name, type);
    if (existing == type) {
      return; // every engine and worker registers at start; the mapper learns each type once
    }
    if (existing != null) {
      throw new IllegalArgumentException(
          "task type name '" + name + "' is taken by " + existing.getSimpleName());
    }
    MAPPER.registerSubtypes(new NamedType(type, name));
  }

  public static byte[] encode(TaskTicket ticket) {
    try {
      return MAPPER.writeValueAsBytes(ticket);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode " + ticket.describe() + ": " + e, e);
    }
  }

  /**
   * Reads a ticket.
   *
   * @throws IOException when the bytes are not a ticket or name an unknown task type
   */
  public static TaskTicket decode(byte[] bytes) throws IOException {
    return MAPPER.readValue(bytes, TaskTicket.class);
  }

  public static byte[] encodeProgress(TaskProgress progress) {
    try {
      return MAPPER.writeValueAsBytes(progress);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode task progress: " + e, e);
    }
  }

  public static TaskProgress decodeProgress(byte[] bytes) throws IOException {
    return MAPPER.readValue(bytes, TaskProgress.class);
  }
}
