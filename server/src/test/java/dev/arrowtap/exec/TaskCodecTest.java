package dev.arrowtap.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.source.TaskTypes;
import dev.arrowtap.source.numbers.NumbersTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskCodecTest {
  @BeforeAll
  static void registerTaskTypesAsAnEngineOrWorkerDoesAtStart() {
    TaskTypes.registerBuiltIns();
  }

  @Test
  void ticketsRoundTripWithTheTaskTypeByName() throws IOException {
    TaskTicket ticket = new TaskTicket(7, 1, 2, 8192, "{}", new NumbersTask(6, 11));
    byte[] bytes = TaskCodec.encode(ticket);
    assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"type\":\"numbers\""));
    assertEquals(ticket, TaskCodec.decode(bytes));
  }

  @Test
  void classNamesAndUnknownNamesOnTheWireAreRefused() {
    for (String type :
        new String[] {"java.lang.ProcessBuilder", NumbersTask.class.getName(), "x"}) {
      String json =
          "{\"queryId\":1,\"stage\":1,\"task\":0,\"batchSize\":10,\"schema\":\"{}\","
              + "\"spec\":{\"type\":\""
              + type
              + "\",\"start\":0,\"end\":1}}";
      assertThrows(
          IOException.class, () -> TaskCodec.decode(json.getBytes(StandardCharsets.UTF_8)), type);
    }
  }

  @Test
  void aNameCannotBeTakenTwice() {
    assertThrows(
        IllegalArgumentException.class, () -> TaskCodec.register(TaskProbeLike.class, "numbers"));
  }

  @Test
  void registeringTheSameTypeAgainChangesNothing() throws IOException {
    TaskTypes.registerBuiltIns();
    TaskCodec.register(NumbersTask.class, "numbers");
    TaskTicket ticket = new TaskTicket(7, 1, 2, 8192, "{}", new NumbersTask(0, 3));
    assertEquals(ticket, TaskCodec.decode(TaskCodec.encode(ticket)));
  }

  /** A task type that tries to take an existing name. */
  record TaskProbeLike(int n) implements TaskSpec {
    @Override
    public String slice() {
      return "[" + n + "]";
    }

    @Override
    public BatchReader open(TaskContext context) {
      throw new UnsupportedOperationException("never opened");
    }
  }
}
