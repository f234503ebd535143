package dev.arrowtap.decode;

import static dev.arrowtap.decode.Decoded.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.plan.ColumnAccessor;
import dev.arrowtap.types.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One body decoded on one thread and on four gives the same rows in the same order, and the same
 * error at the same byte and record, whatever the size of the parts it is cut into (issue 12).
 */
class ParallelBodyDecoderTest {
  private static final List<ColumnBinding> COLUMNS =
      List.of(
          col("id", ColumnType.BIGINT),
          col("name", ColumnType.VARCHAR),
          col("score", ColumnType.DOUBLE),
          col("ok", ColumnType.BOOLEAN),
          col("at", ColumnType.TIMESTAMP),
          col("tags", ColumnType.JSON),
          col("city", ColumnType.VARCHAR, "/address/city"));

  private static final RecordLayout LINES = new RecordLayout(RecordLayout.Format.NDJSON, "");
  private static final String[] NAMES = {
    "plain",
    "Zoë",
    "日本語",
    "emoji 🎉",
    "quote \\\" inside",
    "back\\\\slash",
    "tab\\tand\\nnewline",
    "\\u00e9t\\u00e9",
    ""
  };

  /** Everything a decoder produced: rows, records counted, and the error it ended with. */
  private record Outcome(List<List<Object>> rows, long records, Exception error, int parts) {
    String describe() {
      if (error instanceof JsonDecodeException bad) {
        return bad.sqlState()
            + " record "
            + bad.recordIndex()
            + " byte "
            + bad.byteOffset()
            + " column "
            + bad.column()
            + ": "
            + bad.getMessage();
      }
      return error == null ? "no error" : error.toString();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {61, 300, 1000, 8192, 65536, 1 << 20})
  void generatedLinesGiveTheSameRows(int chunkBytes) throws Exception {
    byte[] body = generate(2000, new Random(chunkBytes));
    Outcome auto = assertSame(body, null, RecordLayout.AUTO, chunkBytes);
    Outcome lines = assertSame(body, "application/x-ndjson", LINES, chunkBytes);
    // Parts beyond the first part's worth, which the calling thread decodes as it arrives (parts
    // of 61 and 300 bytes are shorter than most lines: those go to the calling thread too).
    if (chunkBytes >= 1000) {
      boolean cut = chunkBytes < body.length / 2;
      assertEquals(cut, auto.parts() > 1, "parts " + auto.parts());
      assertEquals(cut, lines.parts() > 1, "parts " + lines.parts());
    }
  }

  @Test
  void manyRowsInParts() throws Exception {
    byte[] body = generate(5000, new Random(7));
    Outcome parallel = assertSame(body, null, RecordLayout.AUTO, 4096);
    assertEquals(5000, parallel.rows().size());
    assertTrue(parallel.parts() > 100, "parts " + parallel.parts());
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(thread -> thread.getName().startsWith("arrowtap-decode-")),
        "parts were decoded on the decode pool's threads");
  }

  @Test
  void prettyPrintedObjectsSpanningLines() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      text.append("{\n  \"id\": ").append(i).append(",\n  \"name\": \"n").append(i);
      text.append("\",\n  \"address\": {\n    \"city\": \"c").append(i % 7).append("\"\n  }\n}\n");
    }
    Outcome out = assertSame(Decoded.bytes(text.toString()), null, RecordLayout.AUTO, 50);
    assertEquals(300, out.rows().size());
  }

  @Test
  void anArrayIsReadOnOneThread() throws Exception {
    StringBuilder text = new StringBuilder("[\n");
    for (int i = 0; i < 500; i++) {
      text.append(i > 0 ? ",\n" : "").append("{\"id\":").append(i).append('}');
    }
    text.append("\n]\n");
    Outcome out = assertSame(Decoded.bytes(text.toString()), null, RecordLayout.AUTO, 64);
    assertEquals(500, out.rows().size());
    assertEquals(0, out.parts(), "an array stays on the calling thread");
  }

  @Test
  void linesLongerThanAPart() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      String name = "x".repeat(i % 13 == 0 ? 500 : 5);
      text.append("{\"id\":").append(i).append(",\"name\":\"").append(name).append("\"}\n");
    }
    assertSame(Decoded.bytes(text.toString()), null, RecordLayout.AUTO, 128);
  }

  @Test
  void bodiesWithoutTrailingNewlineOrWithBlankLines() throws Exception {
    assertSame(Decoded.bytes("{\"id\":1}\n\n\r\n{\"id\":2}\n   \n{\"id\":3}"), null, LINES, 16);
    assertSame(Decoded.bytes(""), null, RecordLayout.AUTO, 16);
    assertSame(Decoded.bytes("\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"), null, LINES, 16);
    assertSame(Decoded.bytes("\uFEFF{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n"), null, LINES, 16);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":5,,}", // malformed JSON inside a record
        "{\"id\":99999999999999999999}", // overflows BIGINT
        "{\"id\":\"seven\"}", // a string for a number
        "[1,2]", // not an object
        "{\"id\":5} trailing", // garbage after a record
        "{\"name\":\"bad \u0001 control\"}", // raw control character in a string
        "\uFEFF{\"id\":5}", // a byte-order mark in the middle of a body
        "{\"id\":5", // cut off inside a record (the last line)
      })
  void anErrorInALaterPartIsReportedAsOnOneThread(String badLine) throws Exception {
    byte[] good = generate(400, new Random(3));
    byte[] bad = Decoded.bytes(badLine + "\n");
    byte[] after = generate(50, new Random(4));
    byte[] body = concat(good, bad, badLine.equals("{\"id\":5") ? new byte[0] : after);
    Outcome out = assertSame(body, null, RecordLayout.AUTO, 300);
    assertInstanceOf(JsonDecodeException.class, out.error(), out.describe());
    assertTrue(out.parts() > 10, "the error is in a part: parts " + out.parts());
  }

  @Test
  void invalidUtf8InALaterPart() throws Exception {
    byte[] good = generate(300, new Random(5));
    byte[] bad = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    byte[] body = concat(good, bad, Decoded.bytes("\n"), generate(10, new Random(6)));
    Outcome out = assertSame(body, null, RecordLayout.AUTO, 256);
    assertTrue(out.error().getMessage().contains("invalid UTF-8"), out.describe());
  }

  @Test
  void aBrokenConnectionEndsAfterTheRowsBeforeIt() throws Exception {
    byte[] body = generate(3000, new Random(8));
    int breakAt = body.length / 2;
    Outcome single = decode(new BreakingStream(body, breakAt), null, RecordLayout.AUTO, 1, 1024);
    Outcome parallel = decode(new BreakingStream(body, breakAt), null, RecordLayout.AUTO, 4, 1024);
    assertEquals("connection reset", single.error().getMessage());
    assertEquals("connection reset", parallel.error().getMessage());
    assertSamePrefix(single, parallel);
    assertTrue(parallel.rows().size() > 1000, "rows " + parallel.rows().size());
  }

  @Test
  void closingEarlyStopsThePartsAndFreesAllMemory() throws Exception {
    byte[] body = generate(5000, new Random(9));
    for (int taken = 0; taken < 4; taken++) {
      try (RootAllocator allocator = new RootAllocator()) {
        BodyDecoder decoder =
            BodyDecoder.open(
                new ByteArrayInputStream(body),
                null,
                RecordLayout.AUTO,
                COLUMNS,
                Set.of(),
                allocator,
                256,
                new ParallelDecoding(4, 8192));
        assertInstanceOf(ParallelBodyDecoder.class, decoder);
        for (int i = 0; i < taken; i++) {
          assertNotNull(decoder.next());
        }
        decoder.close();
        // Parts still decoding were stopped and freed before close returned.
        assertEquals(0, allocator.getAllocatedMemory(), "after " + taken + " batches");
      }
    }
  }

  @Test
  void aBodyThatPausesBeforeItsFirstPartIsDecodedAsItArrives() throws Exception {
    byte[] body = generate(2000, new Random(12));
    // Half the body, then nothing until the test says so: no bytes are ready after the first half.
    CountDownLatch rest = new CountDownLatch(1);
    InputStream slow =
        new SequenceInputStream(
            new ByteArrayInputStream(body, 0, body.length / 2),
            new InputStream() {
              private final InputStream second =
                  new ByteArrayInputStream(body, body.length / 2, body.length);

              @Override
              public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                try {
                  rest.await();
                } catch (InterruptedException e) {
                  throw new InterruptedIOException();
                }
                return second.read(b, off, len);
              }
            });
    try (RootAllocator allocator = new RootAllocator();
        BodyDecoder decoder =
            BodyDecoder.open(
                slow,
                null,
                RecordLayout.AUTO,
                COLUMNS,
                Set.of(),
                allocator,
                100,
                new ParallelDecoding(4, 1 << 20))) {
      // The first rows come before the rest of the body does (else this would wait forever).
      assertEquals(100, decoder.next().getRowCount());
      rest.countDown();
      long rows = 100;
      VectorSchemaRoot root;
      while ((root = decoder.next()) != null) {
        rows += root.getRowCount();
      }
      assertEquals(2000, rows);
    }
  }

  @Test
  void aBodyWithinOnePartIsDecodedOnTheCallingThread() throws Exception {
    try (RootAllocator allocator = new RootAllocator();
        BodyDecoder decoder =
            BodyDecoder.open(
                new ByteArrayInputStream(Decoded.bytes("{\"id\":1}\n{\"id\":2}\n")),
                null,
                RecordLayout.AUTO,
                List.of(col("id", ColumnType.BIGINT)),
                Set.of(),
                allocator,
                16,
                ParallelDecoding.threads(4))) {
      VectorSchemaRoot batch = decoder.next();
      assertEquals(2, batch.getRowCount());
      assertNull(decoder.next());
      assertEquals(2, decoder.recordCount());
    }
  }

  @Test
  void oneThreadOrCapturesUseTheSingleThreadedDecoder() {
    try (RootAllocator allocator = new RootAllocator();
        BodyDecoder one = open(allocator, ParallelDecoding.SINGLE, Set.of(), LINES);
        BodyDecoder captures =
            open(allocator, ParallelDecoding.threads(4), Set.of("/next"), LINES);
        BodyDecoder array =
            open(
                allocator,
                ParallelDecoding.threads(4),
                Set.of(),
                new RecordLayout(RecordLayout.Format.ARRAY, ""))) {
      assertInstanceOf(JsonBatchDecoder.class, one);
      assertInstanceOf(JsonBatchDecoder.class, captures);
      assertInstanceOf(JsonBatchDecoder.class, array);
    }
  }

  private static BodyDecoder open(
      RootAllocator allocator, ParallelDecoding parallel, Set<String> captures, RecordLayout l) {
    return BodyDecoder.open(
        new ByteArrayInputStream(new byte[0]), null, l, COLUMNS, captures, allocator, 16, parallel);
  }

  /**
   * Decodes on one thread and on four and checks that both give the same rows, the same count and
   * the same error, in batches of 7 and of 1024; returns the parallel outcome in batches of 7.
   */
  private static Outcome assertSame(
      byte[] body, String contentType, RecordLayout layout, int chunkBytes) throws Exception {
    Outcome first = null;
    for (int batchSize : new int[] {7, 1024}) {
      Outcome single =
          decode(new ByteArrayInputStream(body), contentType, layout, 1, chunkBytes, batchSize);
      Outcome parallel =
          decode(new ByteArrayInputStream(body), contentType, layout, 4, chunkBytes, batchSize);
      assertEquals(single.describe(), parallel.describe());
      if (single.error() == null) {
        assertEquals(single.records(), parallel.records());
        assertEquals(single.rows().size(), single.records());
        assertEquals(single.rows(), parallel.rows());
      } else {
        assertSamePrefix(single, parallel);
      }
      if (batchSize == 7) {
        first = parallel;
      }
    }
    return first;
  }

  /**
   * Rows before an error are a prefix of the body's rows in both, not always as many: a batch cut
   * short by the error is not delivered, and batches end in different places.
   */
  private static void assertSamePrefix(Outcome single, Outcome parallel) {
    int common = Math.min(single.rows().size(), parallel.rows().size());
    assertEquals(single.rows().subList(0, common), parallel.rows().subList(0, common));
  }

  private static Outcome decode(
      InputStream body, String contentType, RecordLayout layout, int threads, int chunkBytes)
      throws IOException {
    return decode(body, contentType, layout, threads, chunkBytes, 1024);
  }

  private static Outcome decode(
      InputStream body,
      String contentType,
      RecordLayout layout,
      int threads,
      int chunkBytes,
      int batchSize)
      throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    Exception error = null;
    long records;
    int parts;
    try (RootAllocator allocator = new RootAllocator();
        BodyDecoder decoder =
            BodyDecoder.open(
                body,
                contentType,
                layout,
                COLUMNS,
                Set.of(),
                allocator,
                batchSize,
                new ParallelDecoding(threads, chunkBytes))) {
      assertEquals(threads > 1, decoder instanceof ParallelBodyDecoder);
      try {
        VectorSchemaRoot root;
        while ((root = decoder.next()) != null) {
          assertTrue(root.getRowCount() > 0);
          List<ColumnAccessor> accessors = new ArrayList<>();
          for (FieldVector vector : root.getFieldVectors()) {
            accessors.add(ColumnAccessor.of(vector));
          }
          for (int row = 0; row < root.getRowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (ColumnAccessor accessor : accessors) {
              values.add(accessor.get(row));
            }
            rows.add(values);
          }
        }
      } catch (IOException e) {
        error = e;
      }
      records = decoder.recordCount();
      parts = decoder instanceof ParallelBodyDecoder parallel ? parallel.partsSubmitted() : 0;
    }
    return new Outcome(rows, records, error, parts);
  }

  /** NDJSON with nulls, missing fields, unicode, escapes, nested values and blank lines. */
  private static byte[] generate(int records, Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < records; i++) {
      text.append('{');
      text.append("\"id\":").append(random.nextInt(5) == 0 ? "null" : String.valueOf(i));
      if (random.nextInt(4) != 0) {
        text.append(",\"name\":\"").append(NAMES[random.nextInt(NAMES.length)]).append('"');
      }
      text.append(",\"score\":").append(random.nextInt(6) == 0 ? "null" : random.nextDouble());
      text.append(",\"ok\":").append(random.nextBoolean());
      text.append(",\"skip\":{\"deep\":[1,{\"x\":\"}\\n{\"}]}");
      if (random.nextBoolean()) {
        text.append(",\"at\":\"2024-0").append(1 + random.nextInt(9)).append("-1");
        text.append(random.nextInt(10)).append("T12:00:0").append(random.nextInt(10)).append("Z\"");
      }
      text.append(",\"tags\":").append(random.nextBoolean() ? "[\"a\",{\"b\":null}]" : "null");
      text.append(",\"address\":{\"city\":\"C").append(random.nextInt(50)).append("\"}");
      text.append("}\n");
      if (random.nextInt(50) == 0) {
        text.append("\n");
      }
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** A body whose connection breaks after {@code at} bytes. */
  private static final class BreakingStream extends InputStream {
    private final byte[] body;
    private final int at;
    private int position;

    BreakingStream(byte[] body, int at) {
      this.body = body;
      this.at = at;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    /** Bytes are ready up to the break, so that the body is read in parts up to there. */
    @Override
    public int available() {
      return Math.max(0, at - position);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= at) {
        throw new IOException("connection reset");
      }
      int n = Math.min(Math.min(len, at - position), 1000);
      System.arraycopy(body, position, b, off, n);
      position += n;
      return n;
    }
  }

  @Test
  void theRecordCountFollowsTheBatchesDelivered() throws Exception {
    byte[] body = generate(1000, new Random(11));
    try (RootAllocator allocator = new RootAllocator();
        BodyDecoder decoder =
            BodyDecoder.open(
                new ByteArrayInputStream(body),
                null,
                RecordLayout.AUTO,
                COLUMNS,
                Set.of(),
                allocator,
                100,
                new ParallelDecoding(4, 2000))) {
      long delivered = 0;
      VectorSchemaRoot root;
      while ((root = decoder.next()) != null) {
        delivered += root.getRowCount();
        assertEquals(delivered, decoder.recordCount());
      }
      assertEquals(1000, delivered);
      assertFalse(decoder.captured().containsKey("/next"));
    }
  }
}
