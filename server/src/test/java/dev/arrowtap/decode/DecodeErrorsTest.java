package dev.arrowtap.decode;

import static dev.arrowtap.decode.Decoded.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.types.ColumnType;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each kind of bad body fails with its SQLState, the byte offset and the record. */
class DecodeErrorsTest {
  private static final ColumnBinding ID = col("id", ColumnType.BIGINT);
  private static final RecordLayout DATA = new RecordLayout(RecordLayout.Format.ARRAY, "/data");

  private static JsonDecodeException fail(String body, RecordLayout layout, ColumnBinding column) {
    // Batches of 2 so that errors in later batches are covered too.
    return assertThrows(
        JsonDecodeException.class,
        () -> Decoded.decode(Decoded.bytes(body), null, layout, Set.of(), 2, column));
  }

  @Test
  void malformedJson() {
    String body = "[{\"id\":1},{\"id\":2},{\"id\":3,,}]";
    JsonDecodeException e = fail(body, RecordLayout.AUTO, ID);
    assertEquals("22P02", e.sqlState());
    assertEquals(2, e.recordIndex());
    assertEquals(body.indexOf(",,") + 1, e.byteOffset());
    assertTrue(
        e.getMessage().startsWith("record 3, byte " + e.byteOffset() + ": malformed JSON: "),
        e.getMessage());
  }

  @Test
  void truncatedBody() {
    String body = "{\"data\":[{\"id\":1},{\"id\":2},{\"id\":3,\"name\":\"ab";
    JsonDecodeException e = fail(body, DATA, ID);
    assertEquals("22P02", e.sqlState());
    assertEquals(2, e.recordIndex());
    assertTrue(e.byteOffset() > 30, "offset " + e.byteOffset());
    assertEquals("record 3, byte " + e.byteOffset() + ": body ended", e.getMessage());
  }

  @Test
  void truncatedBetweenRecords() {
    JsonDecodeException e = fail("[{\"id\":1},{\"id\":2},", RecordLayout.AUTO, ID);
    assertEquals("22P02", e.sqlState());
    assertEquals(-1, e.recordIndex());
    assertEquals("after record 2, byte " + e.byteOffset() + ": body ended", e.getMessage());
    assertTrue(e.byteOffset() > 0);
  }

  @Test
  void noArrayAtPointer() {
    JsonDecodeException e = fail("{\"meta\":1,\"data\":{\"id\":1}}", DATA, ID);
    assertEquals("22P02", e.sqlState());
    assertEquals(-1, e.recordIndex());
    assertEquals(17, e.byteOffset());
    assertTrue(
        e.getMessage()
            .startsWith(
                "before the first record, byte 17: expected a JSON array at /data but"
                    + " found an object"),
        e.getMessage());
    JsonDecodeException missing = fail("{\"meta\":1,\"items\":[]}", DATA, ID);
    assertTrue(
        missing
            .getMessage()
            .endsWith(
                ": expected a JSON array at /data but the body has no /data; the keys at the top"
                    + " level are: meta, items (records: {pointer: ...} names where they are)"),
        missing.getMessage());
    // A nested pointer that breaks off inside the body names the keys where it broke off.
    JsonDecodeException nested =
        fail(
            "{\"result\":{\"rows\":[],\"count\":0},\"ok\":true}",
            new RecordLayout(RecordLayout.Format.ARRAY, "/result/items"),
            ID);
    assertTrue(
        nested.getMessage().contains("the keys at /result are: rows, count"), nested.getMessage());
    assertTrue(missing.byteOffset() > 0);
    JsonDecodeException top =
        fail("{\"id\":1}", new RecordLayout(RecordLayout.Format.ARRAY, ""), ID);
    assertTrue(
        top.getMessage().endsWith(": expected a JSON array at the top level but found an object"),
        top.getMessage());
  }

  @Test
  void recordThatIsNotAnObject() {
    JsonDecodeException e = fail("[{\"id\":1},{\"id\":2},[3]]", RecordLayout.AUTO, ID);
    assertEquals("22P02", e.sqlState());
    assertEquals(2, e.recordIndex());
    assertEquals(19, e.byteOffset());
    assertEquals("record 3, byte 19: expected a JSON object but found an array", e.getMessage());
  }

  @Test
  void valueThatDoesNotFitItsType() {
    String body = "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n{\"id\":\"seven\"}\n";
    JsonDecodeException e = fail(body, RecordLayout.AUTO, ID);
    assertEquals("22023", e.sqlState());
    assertEquals(3, e.recordIndex());
    assertEquals("id", e.column());
    assertEquals(body.indexOf("\"seven\""), e.byteOffset());
    assertTrue(e.getMessage().contains("expected BIGINT, got a string 'seven'"), e.getMessage());
    // Issue 7: the fourth record is record 4 in the message, named once.
    assertTrue(e.getMessage().startsWith("column id, record 4, byte 33: "), e.getMessage());
  }

  @Test
  void integerBeyondBigint() {
    JsonDecodeException e =
        fail("[{\"id\":1},{\"id\":9223372036854775808}]", RecordLayout.AUTO, ID);
    assertEquals("22023", e.sqlState());
    assertEquals(1, e.recordIndex());
    assertTrue(e.getMessage().contains("out of the BIGINT range"), e.getMessage());
  }

  @Test
  void otherMisfits() {
    assertEquals(
        "22023",
        fail("[{\"t\":\"yesterday\"}]", RecordLayout.AUTO, col("t", ColumnType.TIMESTAMP))
            .sqlState());
    assertEquals(
        "22023", fail("[{\"b\":1}]", RecordLayout.AUTO, col("b", ColumnType.BOOLEAN)).sqlState());
    assertEquals(
        "22023",
        fail("[{\"d\":{\"x\":1}}]", RecordLayout.AUTO, col("d", ColumnType.DOUBLE)).sqlState());
    assertEquals(
        "22023",
        fail(
                "[{\"d\":123456789012345678901234567890123456789}]",
                RecordLayout.AUTO,
                col("d", ColumnType.DECIMAL))
            .sqlState());
  }
}
