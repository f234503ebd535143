package dev.arrowtap.decode;

import static dev.arrowtap.decode.Decoded.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.types.ColumnType;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 7: nothing after a body's value is dropped silently; invalid UTF-8 is an error. */
class BodyEndTest {
  private static final ColumnBinding ID = col("id", ColumnType.BIGINT);
  private static final ColumnBinding NAME = col("name", ColumnType.VARCHAR);
  private static final RecordLayout DATA = new RecordLayout(RecordLayout.Format.ARRAY, "/data");

  private static JsonDecodeException fail(byte[] body, String contentType, RecordLayout layout) {
    return assertThrows(
        JsonDecodeException.class,
        () -> Decoded.decode(body, contentType, layout, Set.of(), 2, ID, NAME));
  }

  private static JsonDecodeException fail(String body, RecordLayout layout) {
    return fail(Decoded.bytes(body), "application/json", layout);
  }

  @Test
  void secondArrayIsAnErrorAtItsOffset() {
    String body = "[{\"id\":1},{\"id\":2}]\n[{\"id\":3}]";
    JsonDecodeException e = fail(body, RecordLayout.AUTO);
    assertEquals("22P02", e.sqlState());
    assertEquals(body.indexOf("\n[") + 1, e.byteOffset());
    assertTrue(
        e.getMessage()
            .startsWith(
                "after record 2, byte "
                    + e.byteOffset()
                    + ": trailing content after the body's JSON value: an array"),
        e.getMessage());
  }

  @Test
  void anythingAfterAnEnvelopeIsAnError() {
    String body = "{\"data\":[{\"id\":1}]} {\"data\":[{\"id\":2}]}";
    JsonDecodeException e = fail(body, DATA);
    assertEquals(body.indexOf(" {") + 1, e.byteOffset());
    JsonDecodeException scalar = fail("[{\"id\":1}] 7", RecordLayout.AUTO);
    assertTrue(scalar.getMessage().contains("a number"), scalar.getMessage());
    JsonDecodeException garbage = fail("[{\"id\":1}] oops", RecordLayout.AUTO);
    assertEquals("22P02", garbage.sqlState());
  }

  @Test
  void whitespaceAfterTheValueIsFine() throws Exception {
    Decoded decoded =
        Decoded.decode(
            Decoded.bytes("[{\"id\":1}]\r\n\t \n"), null, RecordLayout.AUTO, Set.of(), 2, ID);
    assertEquals(1, decoded.rows().size());
  }

  @Test
  void ndjsonReadsEveryValue() throws Exception {
    Decoded decoded =
        Decoded.decode(
            Decoded.bytes("{\"id\":1}\n{\"id\":2}{\"id\":3}\n"),
            "application/x-ndjson",
            RecordLayout.AUTO,
            Set.of(),
            2,
            ID);
    assertEquals(3, decoded.rows().size());
  }

  @Test
  void invalidUtf8IsAnErrorWithItsOffset() {
    for (String text :
        new String[] {
          "[{\"id\":1,\"name\":\"cafX\"}]", // a decoded value
          "[{\"id\":1,\"other\":\"cafX\"}]", // a skipped value
          "[{\"id\":1,\"nameXab\":\"v\"}]" // a key
        }) {
      byte[] body = Decoded.bytes(text);
      int bad = text.indexOf('X');
      body[bad] = (byte) 0xE9; // Latin-1 e-acute, not UTF-8
      JsonDecodeException e = fail(body, "application/json", RecordLayout.AUTO);
      assertEquals("22P02", e.sqlState());
      assertTrue(
          e.getMessage().startsWith("record 1, byte " + e.byteOffset() + ": invalid UTF-8: "),
          e.getMessage());
      // Jackson notices the bad sequence just after it (in a key: at the key's end).
      assertTrue(e.byteOffset() >= bad && e.byteOffset() <= bad + 6, text + " " + e.byteOffset());
    }
  }
}
