package dev.arrowtap.source.http;

import dev.arrowtap.decode.CountingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A successful response whose body has not been read yet: the decoder reads it as it arrives.
 * Closing it releases the connection.
 */
public final class PageResponse implements AutoCloseable {
  private final URI uri;
  private final int status;
  private final Map<String, List<String>> headers;
  private final CountingInputStream body;
  private final AutoCloseable release;
  private final Runnable abort;
  private static final int DRAIN_LIMIT = 64 * 1024;

  PageResponse(
      URI uri,
      int status,
      Map<String, List<String>> headers,
      InputStream body,
      AutoCloseable release,
      Runnable abort) {
    this.uri = uri;
    this.status = status;
    this.headers = headers;
    this.body = new CountingInputStream(body);
    this.release = release;
    this.abort = abort;
  }

  public URI uri() {
    return uri;
  }

  public int status() {
    return status;
  }

  Map<String, List<String>> headers() {
    return headers;
  }

  /** The values of a header, names matched case-insensitively. */
  public List<String> header(String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return List.of();
  }

  public String contentType() {
    List<String> values = header("Content-Type");
    return values.isEmpty() ? null : values.get(0);
  }

  public InputStream body() {
    return body;
  }

  /** Body bytes read so far (after decompression). */
  public long bytesRead() {
    return body.count();
  }

  /** Cuts the connection now, from any thread: a read blocked on it fails at once. */
  public void abort() {
    abort.run();
  }

  /** A decoder may stop at the last bracket; a short tail is read so the connection is reused. */
  private void drainTail() {
    try {
      byte[] scrap = new byte[8192];
      for (int read = 0; read < DRAIN_LIMIT && !body.ended(); ) {
        int n = body.read(scrap, 0, scrap.length);
        if (n > 0) {
          read += n;
        }
      }
    } catch (IOException e) {
      // The connection is cut below instead.
    }
  }

  /**
   * Releases the connection. A body not read to its end is cut off, not drained: draining a slow or
   * huge page would hold up a query that no longer needs it.
   */
  @Override
  public void close() {
    if (!body.ended()) {
      drainTail();
    }
    if (!body.ended()) {
      abort();
    }
    try {
      release.close();
    } catch (Exception e) {
      // The connection is discarded either way; nothing the query can act on.
    }
  }
}
