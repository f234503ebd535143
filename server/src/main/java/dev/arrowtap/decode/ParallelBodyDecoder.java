package dev.arrowtap.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Decodes one NDJSON body on several threads. The start of the body is decoded on the calling
 * thread as it arrives, exactly as by {@link JsonBatchDecoder}; once a part's worth (4 MiB by
 * default) has come, the rest is read here in parts cut at line ends, each part is decoded by a
 * thread of the {@link DecodePool} into batches of its own, and the batches come out in the body's
 * order, so the rows are those of {@link JsonBatchDecoder} in the same order (only where batches
 * end differs). At most {@code threads + 1} parts are read ahead. A body shorter than a part, or
 * one that is not NDJSON (an array, an object holding the records), never leaves the calling
 * thread, and a slow body's first rows do not wait for a whole part.
 *
 * <p>Errors stay exact without any bookkeeping in the parts: a part that fails, for whatever
 * reason, is decoded again with the rest of the body by one {@link JsonBatchDecoder} that starts at
 * the part's byte and record, which reports the error just as the single-threaded decoder would.
 * The same fallback covers a cut that did not fall between records (a pretty-printed object spans
 * lines: the part before the cut ends inside a record) and a line longer than a part.
 */
public final class ParallelBodyDecoder implements BodyDecoder {
  /** Put before the rest of a body decoded from a part on: see {@link LineChunker.Chunk#padded}. */
  private static final byte[] PADDING = {' ', ' ', ' ', ' '};

  private static final RecordLayout LINES = new RecordLayout(RecordLayout.Format.NDJSON, "");

  private final InputStream body;
  private final int chunkBytes;
  private LineChunker chunker;
  private RecordingStream recording;
  private final String contentType;
  private final RecordLayout layout;
  private final List<ColumnBinding> columns;
  private final BufferAllocator allocator;
  private final int batchSize;
  private final int maxInFlight;
  private final ArrayDeque<PartDecode> inFlight = new ArrayDeque<>();
  private final ArrayDeque<byte[]> freeBuffers = new ArrayDeque<>();
  private PartDecode current;
  private int nextBatch;
  private VectorSchemaRoot emitted;
  private JsonBatchDecoder tail;
  private long recordsBefore;
  private int partsSubmitted;
  private boolean started;
  private boolean closed;

  ParallelBodyDecoder(
      InputStream body,
      String contentType,
      RecordLayout layout,
      List<ColumnBinding> columns,
      BufferAllocator allocator,
      int batchSize,
      ParallelDecoding parallel) {
    Objects.requireNonNull(body, "body is null");
    this.layout = Objects.requireNonNull(layout, "layout is null");
    this.allocator = Objects.requireNonNull(allocator, "allocator is null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
    this.contentType = contentType;
    this.columns = List.copyOf(columns);
    this.batchSize = batchSize;
    this.maxInFlight = parallel.threads() + 1;
    this.chunkBytes = parallel.chunkBytes();
    this.body = body;
  }

  @Override
  public VectorSchemaRoot next() throws IOException {
    if (closed) {
      throw new IllegalStateException("decoder is closed");
    }
    closeEmitted();
    if (!started) {
      started = true;
      start();
    }
    while (true) {
      if (recording != null && switchToParts()) {
        continue;
      }
      if (tail != null) {
        VectorSchemaRoot batch = tail.next();
        if (recording != null && (batch == null || recording.overflowed())) {
          recording.stopRecording(); // a short body, or one whose records are not lines
          recording = null;
        }
        return batch;
      }
      if (current != null) {
        List<VectorSchemaRoot> batches = current.result().batches();
        if (nextBatch < batches.size()) {
          emitted = batches.set(nextBatch++, null);
          return emitted;
        }
        recordsBefore += current.result().records();
        freeBuffers.add(current.chunk.bytes());
        current = null;
      }
      readAhead();
      PartDecode head = inFlight.poll();
      if (head == null) {
        if (chunker.cutToEnd()) {
          return null;
        }
        // A line longer than a part, or the body broke: the rest on this thread.
        startTail(chunker.position(), List.of());
        continue;
      }
      PartResult result = head.await();
      if (result.failed()) {
        List<LineChunker.Chunk> parts = new ArrayList<>();
        parts.add(head.chunk);
        for (PartDecode later : inFlight) {
          later.cancel();
          parts.add(later.chunk);
        }
        discardInFlight();
        startTail(head.chunk.start(), parts);
        continue;
      }
      current = head;
      nextBatch = 0;
    }
  }

  /** How many parts were handed to the decode pool so far. */
  int partsSubmitted() {
    return partsSubmitted;
  }

  @Override
  public long recordCount() {
    if (tail != null) {
      return recordsBefore + tail.recordCount();
    }
    if (current != null) {
      List<VectorSchemaRoot> batches = current.result().batches();
      long waiting = 0;
      for (int i = nextBatch; i < batches.size(); i++) {
        waiting += batches.get(i).getRowCount();
      }
      return recordsBefore + current.result().records() - waiting;
    }
    return recordsBefore;
  }

  /** Only bodies without capture pointers are decoded here: there is never anything captured. */
  @Override
  public Map<String, JsonNode> captured() {
    return tail == null ? Map.of() : tail.captured();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeEmitted();
    if (current != null) {
      current.result().close();
      current = null;
    }
    for (PartDecode part : inFlight) {
      part.cancel();
    }
    discardInFlight();
    try {
      if (tail != null) {
        tail.close();
      } else if (chunker != null) {
        chunker.close();
      } else {
        body.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Once the decoder streaming the start of the body has read a part's worth of NDJSON, hands the
   * rest of the body to parts decoded in parallel, from the byte after the last record it
   * delivered. Called before the next batch is read: the batch it returned last is no longer used.
   */
  private boolean switchToParts() throws IOException {
    if (recording.size() < chunkBytes || recording.overflowed()) {
      return false;
    }
    long at = tail.resumableAt();
    if (at < 0) {
      return false;
    }
    recordsBefore = tail.recordCount();
    InputStream rest = recording.restFrom((int) at);
    recording.keepBodyOpen();
    recording = null;
    tail.close();
    tail = null;
    chunker = new LineChunker(rest, chunkBytes, at);
    return true;
  }

  /**
   * Starts decoding the body on this thread, as {@link JsonBatchDecoder} would, keeping a copy of
   * what it reads: rows come as soon as the body does, a body shorter than a part never leaves this
   * thread, and neither does one that is not NDJSON.
   */
  private void start() {
    // Room for the batch that crosses a part's worth, and the parser's read-ahead.
    recording = new RecordingStream(body, 2 * chunkBytes + (1 << 20));
    tail =
        new JsonBatchDecoder(
            recording,
            contentType,
            layout,
            columns,
            Set.of(),
            allocator,
            batchSize,
            BodyStart.ZERO);
  }

  /** Reads and hands out parts until {@code threads + 1} are being decoded or waiting. */
  private void readAhead() {
    while (inFlight.size() < maxInFlight) {
      byte[] buffer = freeBuffers.isEmpty() ? chunker.newBuffer() : freeBuffers.poll();
      LineChunker.Chunk chunk = chunker.next(buffer);
      if (chunk == null) {
        freeBuffers.add(buffer);
        return;
      }
      submit(chunk);
    }
  }

  private void submit(LineChunker.Chunk chunk) {
    PartDecode part = new PartDecode(chunk);
    partsSubmitted++;
    inFlight.add(part);
    DecodePool.executor().execute(part);
  }

  /**
   * Decodes from byte {@code start} to the end of the body on this thread: the parts given (already
   * read, in order), then what the chunker has not handed out.
   */
  private void startTail(long start, List<LineChunker.Chunk> parts) {
    List<InputStream> streams = new ArrayList<>();
    if (start > 0) {
      streams.add(new ByteArrayInputStream(PADDING));
    }
    for (LineChunker.Chunk part : parts) {
      streams.add(part.stream());
    }
    streams.add(chunker.rest());
    InputStream rest = new SequenceInputStream(Collections.enumeration(streams));
    BodyStart at = new BodyStart(start > 0 ? start - PADDING.length : 0, recordsBefore);
    tail =
        new JsonBatchDecoder(
            rest,
            start > 0 ? null : contentType,
            start > 0 ? LINES : layout,
            columns,
            Set.of(),
            allocator,
            batchSize,
            at);
  }

  private void discardInFlight() {
    for (PartDecode part : inFlight) {
      part.awaitQuietly().close();
    }
    inFlight.clear();
  }

  private void closeEmitted() {
    if (emitted != null) {
      emitted.close();
      emitted = null;
    }
  }

  /** Decodes one part on a pool thread into batches it holds until they are emitted. */
  private final class PartDecode implements Runnable {
    private final LineChunker.Chunk chunk;
    private final PartSlot slot = new PartSlot();
    private volatile boolean cancelled;

    PartDecode(LineChunker.Chunk chunk) {
      this.chunk = chunk;
    }

    @Override
    public void run() {
      if (!slot.begin()) {
        return;
      }
      PartResult result = PartResult.FAILED;
      try {
        result = decode();
      } finally {
        slot.finish(result);
      }
    }

    private PartResult decode() {
      List<VectorSchemaRoot> batches = new ArrayList<>();
      InputStream in = chunk.padded();
      try (JsonBatchDecoder decoder =
          new JsonBatchDecoder(in, null, LINES, columns, Set.of(), allocator, batchSize)) {
        VectorSchemaRoot batch;
        while (!cancelled && (batch = decoder.next()) != null) {
          batches.add(Transfers.detach(batch, allocator));
        }
        PartResult result = new PartResult(batches, decoder.recordCount(), false);
        if (cancelled) {
          result.close();
          return PartResult.FAILED;
        }
        return result;
      } catch (IOException | RuntimeException e) {
        // Decoded again on the reading thread, which reports the error exactly.
        new PartResult(batches, 0, true).close();
        return PartResult.FAILED;
      }
    }

    /** The result once decoded: the reading thread waits for the part at the head. */
    PartResult await() throws IOException {
      try {
        return slot.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while a part of the body was decoded");
      }
    }

    PartResult awaitQuietly() {
      return slot.awaitUninterruptibly();
    }

    PartResult result() {
      return slot.awaitUninterruptibly();
    }

    /** Stops the part: not started, it never runs; running, it ends after its current batch. */
    void cancel() {
      cancelled = true;
      slot.cancelIfWaiting();
    }
  }

  /** The batches of a decoded part and its record count, or a failure (without batches). */
  private record PartResult(List<VectorSchemaRoot> batches, long records, boolean failed) {
    static final PartResult FAILED = new PartResult(List.of(), 0, true);

    void close() {
      for (VectorSchemaRoot batch : batches) {
        if (batch != null) {
          batch.close();
        }
      }
    }
  }

  /**
   * Where a part's result is handed from its pool thread to the reading thread. A part cancelled
   * before its thread took it never runs, so that closing waits only for parts already running.
   */
  private static final class PartSlot {
    private boolean running;
    private PartResult result;

    synchronized boolean begin() {
      if (result != null) {
        return false;
      }
      running = true;
      return true;
    }

    synchronized void finish(PartResult decoded) {
      result = decoded;
      notifyAll();
    }

    synchronized void cancelIfWaiting() {
      if (!running && result == null) {
        result = PartResult.FAILED;
        notifyAll();
      }
    }

    synchronized PartResult await() throws InterruptedException {
      while (result == null) {
        wait();
      }
      return result;
    }

    synchronized PartResult awaitUninterruptibly() {
      boolean interrupted = false;
      while (result == null) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return result;
    }
  }
}
