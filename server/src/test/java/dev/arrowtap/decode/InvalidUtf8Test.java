package dev.arrowtap.decode;

import static dev.arrowtap.decode.Decoded.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.types.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * Ill-formed UTF-8 that Jackson would decode without complaint (overlong forms, surrogates, code
 * points above U+10FFFF) and every other ill-formed sequence is 22P02, naming the lead byte's
 * offset and the bytes, wherever it is: a value read, a value skipped, a key; read from a stream in
 * any piece sizes, from bytes in memory, or by the parallel decoder.
 */
class InvalidUtf8Test {
  private static final ColumnBinding ID = col("id", ColumnType.BIGINT);
  private static final ColumnBinding NAME = col("name", ColumnType.VARCHAR);
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
  private static final String PREFIX_LINE = "{\"id\":0,\"name\":\"\u00e9t\u00e9\"}\n";
  private static final byte[] PARALLEL_PREFIX =
      PREFIX_LINE.repeat(3_000).getBytes(StandardCharsets.UTF_8);

  /** Each ill-formed sequence, and what its message must name. */
  private record Bad(String bytes, String named) {}

  private static final List<Bad> BAD =
      List.of(
          new Bad("c0 af", "byte 0xC0 starts an overlong encoding"),
          new Bad("c1 bf", "byte 0xC1 starts an overlong encoding"),
          new Bad("e0 80 af", "the sequence 0xE0 0x80 is an overlong encoding"),
          new Bad("f0 80 80 af", "the sequence 0xF0 0x80 is an overlong encoding"),
          new Bad("ed a0 80", "the sequence 0xED 0xA0 encodes a UTF-16 surrogate"),
          new Bad("ed bf bf", "the sequence 0xED 0xBF encodes a UTF-16 surrogate"),
          new Bad("f4 90 80 80", "the sequence 0xF4 0x90 is above U+10FFFF"),
          new Bad("f5 80 80 80", "byte 0xF5 starts a sequence above U+10FFFF"),
          new Bad("ff", "byte 0xFF never occurs in UTF-8"),
          new Bad("80", "byte 0x80 is a continuation byte with no lead byte"),
          new Bad("e9 20", "byte 0x20 after 0xE9 is not a continuation byte"),
          new Bad("c3 28", "byte 0x28 after 0xC3 is not a continuation byte"));

  private static final List<String> PLACES =
      List.of(
          "{\"id\":1}\n{\"id\":2,\"name\":\"caf@\"}\n", // a value read
          "{\"id\":1}\n{\"id\":2,\"other\":\"caf@\"}\n", // a value skipped
          "{\"id\":1}\n{\"id\":2,\"na@me\":\"v\"}\n", // a key
          "[{\"id\":1},{\"id\":2,\"name\":\"caf@\"}]"); // an array body

  @Test
  void everyIllFormedSequenceIsAnErrorNamingItsBytes() throws Exception {
    for (Bad bad : BAD) {
      for (String place : PLACES) {
        byte[] body = body(place, bad.bytes);
        int at = place.indexOf('@');
        for (Reader reader : Reader.values()) {
          if (reader == Reader.PARALLEL && place.startsWith("[")) {
            continue; // the parallel decoder reads NDJSON only
          }
          JsonDecodeException e =
              assertThrows(JsonDecodeException.class, () -> reader.decode(body), reader.name());
          String where = reader + " " + bad.bytes + " in " + place + ": " + e.getMessage();
          long offset = (long) at + reader.prefix().length;
          assertEquals("22P02", e.sqlState(), where);
          assertEquals(offset, e.byteOffset(), where);
          assertEquals(1 + reader.prefixRecords(), e.recordIndex(), where);
          assertTrue(
              e.getMessage()
                  .startsWith(
                      "record "
                          + (2 + reader.prefixRecords())
                          + ", byte "
                          + offset
                          + ": invalid UTF-8: "
                          + bad.named),
              where);
        }
      }
    }
  }

  @Test
  void anEscapedUnpairedSurrogateIsAnErrorNotAQuestionMark() throws Exception {
    for (String escape : List.of("\\ud800", "\\uDFFF", "a\\udc00b", "\\ud83d\\u0041")) {
      byte[] body = body("{\"id\":1}\n{\"id\":2,\"name\":\"@" + escape + "\"}\n", "");
      long start = "{\"id\":1}\n{\"id\":2,\"name\":".length();
      for (Reader reader : Reader.values()) {
        JsonDecodeException e =
            assertThrows(JsonDecodeException.class, () -> reader.decode(body), reader.name());
        String where = reader + " " + escape + ": " + e.getMessage();
        assertEquals("22P02", e.sqlState(), where);
        assertEquals(1 + reader.prefixRecords(), e.recordIndex(), where);
        // Where the string ends, or starts: the escape lies between.
        long offset = e.byteOffset() - reader.prefix().length;
        assertTrue(offset >= start && offset <= start + escape.length() + 2, where);
        assertTrue(e.getMessage().contains("invalid UTF-8: the escape \\u"), where);
        assertTrue(e.getMessage().contains("is an unpaired UTF-16 surrogate"), where);
      }
    }
    // A pair written as two escapes is one character.
    byte[] pair = body("{\"id\":1,\"name\":\"\\ud83d\\ude00@\"}\n", "");
    for (Reader reader : Reader.values()) {
      List<List<Object>> rows = reader.decode(pair);
      assertEquals(List.of(1L, "\ud83d\ude00"), rows.get(rows.size() - 1), reader.name());
    }
  }

  @Test
  void aBodyEndingInsideASequenceIsAnError() throws Exception {
    byte[] body = body("{\"id\":1}\n{\"id\":2}\n@", "e2 82");
    for (Reader reader : Reader.values()) {
      JsonDecodeException e =
          assertThrows(JsonDecodeException.class, () -> reader.decode(body), reader.name());
      // Here the parser may meet the bytes before the stream's end does: either names them.
      long lead = 18L + reader.prefix().length;
      assertEquals("22P02", e.sqlState());
      assertTrue(e.byteOffset() >= lead && e.byteOffset() <= lead + 2, e.getMessage());
      assertTrue(
          e.getMessage().endsWith("invalid UTF-8: the body ends inside the sequence 0xE2 0x82")
              || e.getMessage().endsWith("invalid UTF-8: Invalid UTF-8 start byte 0x82"),
          e.getMessage());
    }
  }

  @Test
  void wellFormedTextAtTheEdgesOfTheRangesDecodes() throws Exception {
    // U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF, and the emoji.
    String text = "\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff\ud83d\ude00";
    byte[] body = ("{\"id\":1,\"name\":\"" + text + "\"}\n").getBytes(StandardCharsets.UTF_8);
    for (Reader reader : Reader.values()) {
      List<List<Object>> rows = reader.decode(body);
      assertEquals(List.of(1L, text), rows.get(rows.size() - 1), reader.name());
    }
  }

  @Test
  void utf16BodiesAreNotCheckedAsUtf8() throws Exception {
    String text = "[{\"id\":1,\"name\":\"caf\u00e9 \u20ac\"}]";
    for (java.nio.charset.Charset charset :
        List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16)) {
      List<List<Object>> rows = Reader.STREAM.decode(text.getBytes(charset));
      assertEquals(List.of(List.of(1L, "caf\u00e9 \u20ac")), rows, charset.name());
    }
  }

  @Test
  void nestingPastTheLimitIsBadData() {
    String deep = "[".repeat(1_001) + "]".repeat(1_001);
    byte[] body = Decoded.bytes("{\"id\":1}\n{\"id\":2,\"other\":" + deep + "}\n");
    for (Reader reader : Reader.values()) {
      JsonDecodeException e =
          assertThrows(JsonDecodeException.class, () -> reader.decode(body), reader.name());
      assertEquals("22P02", e.sqlState());
      assertTrue(
          e.getMessage()
              .matches(
                  "record \\d+, byte \\d+: over a limit of arrowtap's JSON reader: .*nesting depth"
                      + " \\(1001\\) exceeds the maximum allowed \\(1000\\)"),
          e.getMessage());
    }
  }

  @Test
  void aKeyPastTheLimitIsBadData() {
    String key = "k".repeat(50_001);
    byte[] body = Decoded.bytes("{\"id\":1}\n{\"id\":2,\"" + key + "\":1}\n");
    for (Reader reader : Reader.values()) {
      JsonDecodeException e =
          assertThrows(JsonDecodeException.class, () -> reader.decode(body), reader.name());
      assertEquals("22P02", e.sqlState());
      assertTrue(
          e.getMessage()
              .matches(
                  "record \\d+, byte \\d+: over a limit of arrowtap's JSON reader: Name length"
                      + " \\(50001\\) exceeds the maximum allowed \\(50000\\)"),
          e.getMessage());
    }
  }

  @Test
  void inferenceReportsIllFormedBytesToo() {
    byte[] body = body("[{\"id\":1,\"name\":\"caf@\"}]", "ed a0 80");
    JsonDecodeException e =
        assertThrows(
            JsonDecodeException.class,
            () ->
                SchemaInference.sample(
                    new java.io.ByteArrayInputStream(body), null, RecordLayout.AUTO, 10, 100));
    assertEquals("22P02", e.sqlState());
    assertEquals(20, e.byteOffset(), e.getMessage());
    assertTrue(e.getMessage().contains("encodes a UTF-16 surrogate"), e.getMessage());
  }

  /** The text with {@code @} replaced by the bytes given in hex. */
  private static byte[] body(String text, String hex) {
    int at = text.indexOf('@');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(HEX.parseHex(hex));
    out.writeBytes(text.substring(at + 1).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** The ways a body reaches the decoder. */
  private enum Reader {
    /** A stream, as an HTTP body comes. */
    STREAM,
    /** A stream that hands over one byte per read: sequences cut at every place. */
    BYTE_BY_BYTE,
    /** Bytes already in memory, parsed in place when well formed. */
    IN_MEMORY,
    /** The parallel decoder, after enough lines that the body is cut into several parts. */
    PARALLEL;

    /** Bytes this reader puts before the body. */
    byte[] prefix() {
      return this == PARALLEL ? PARALLEL_PREFIX : new byte[0];
    }

    /** Records in {@link #prefix()}. */
    int prefixRecords() {
      return prefix().length / PREFIX_LINE.getBytes(StandardCharsets.UTF_8).length;
    }

    InputStream open(byte[] body) {
      return switch (this) {
        case BYTE_BY_BYTE ->
            new ByteArrayInputStream(body) {
              @Override
              public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
              }
            };
        case IN_MEMORY -> new BodyBytes(body, 0, body.length);
        default -> new ByteArrayInputStream(body);
      };
    }

    List<List<Object>> decode(byte[] body) throws IOException {
      if (this == PARALLEL) {
        byte[] whole = Arrays.copyOf(PARALLEL_PREFIX, PARALLEL_PREFIX.length + body.length);
        System.arraycopy(body, 0, whole, PARALLEL_PREFIX.length, body.length);
        try (RootAllocator allocator = new RootAllocator();
            ParallelBodyDecoder decoder =
                new ParallelBodyDecoder(
                    new ByteArrayInputStream(whole),
                    "application/x-ndjson",
                    RecordLayout.AUTO,
                    List.of(ID, NAME),
                    allocator,
                    64,
                    new ParallelDecoding(2, 4096))) {
          return rows(decoder);
        }
      }
      try (RootAllocator allocator = new RootAllocator();
          JsonBatchDecoder decoder =
              new JsonBatchDecoder(
                  open(body),
                  "application/json",
                  RecordLayout.AUTO,
                  List.of(ID, NAME),
                  Set.of(),
                  allocator,
                  1)) {
        return rows(decoder);
      }
    }

    static List<List<Object>> rows(BodyDecoder decoder) throws IOException {
      List<List<Object>> rows = new ArrayList<>();
      VectorSchemaRoot root;
      while ((root = decoder.next()) != null) {
        for (int row = 0; row < root.getRowCount(); row++) {
          Object id = root.getVector(0).getObject(row);
          Object name = root.getVector(1).getObject(row);
          rows.add(Arrays.asList(id, name == null ? null : name.toString()));
        }
      }
      return rows;
    }
  }
}
