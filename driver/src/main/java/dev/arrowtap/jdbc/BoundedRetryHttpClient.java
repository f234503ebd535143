package dev.arrowtap.jdbc;

import java.io.IOException;
import java.net.URL;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AvaticaCommonsHttpClientImpl;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

/**
 * Avatica's HTTP client with a bound on its retries: Avatica sends a request again, forever,
 * whenever the server closes the connection without an answer, so a client pointed at a port that
 * accepts and drops (plain HTTP at a TLS port, a proxy with no backend) used to spin at thousands
 * of connections a second. After {@link #MAX_ATTEMPTS} answerless connections in a row the request
 * fails with an {@link IOException}, which {@link ArrowtapHttpClientFactory} reports as a
 * connection failure.
 */
public final class BoundedRetryHttpClient extends AvaticaCommonsHttpClientImpl {
  /** Connections closed without an answer, in a row, before a request fails. */
  static final int MAX_ATTEMPTS = 3;

  /** Called by Avatica through its {@code httpclient_impl} property. */
  // Avatica's factory looks up exactly this (URL) constructor.
  @SuppressWarnings("deprecation")
  public BoundedRetryHttpClient(URL url) {
    super(url);
  }

  @Override
  protected void initializeClient(
      PoolingHttpClientConnectionManager pool, ConnectionConfig config) {
    super.initializeClient(pool, config);
    this.client = new Bounded(this.client);
  }

  /** Counts answerless connections across Avatica's retry loop of one request. */
  private static final class Bounded extends CloseableHttpClient {
    private final CloseableHttpClient delegate;
    private int answerless;

    Bounded(CloseableHttpClient delegate) {
      this.delegate = delegate;
    }

    // The CloseableHttpResponse-returning execute is the one a doExecute can hand back as is.
    @SuppressWarnings("deprecation")
    @Override
    protected CloseableHttpResponse doExecute(
        HttpHost target, ClassicHttpRequest request, HttpContext context) throws IOException {
      try {
        CloseableHttpResponse response = delegate.execute(target, request, context);
        synchronized (this) {
          answerless = 0;
        }
        return response;
      } catch (NoHttpResponseException e) {
        int attempts;
        synchronized (this) {
          attempts = ++answerless;
          if (attempts >= MAX_ATTEMPTS) {
            answerless = 0;
          }
        }
        if (attempts < MAX_ATTEMPTS) {
          throw e;
        }
        // Not a NoHttpResponseException, so Avatica stops retrying and reports it.
        throw new IOException(
            "the server closed "
                + attempts
                + " connections in a row without answering (is it an HTTPS port?)",
            e);
      }
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }

    @Override
    public void close(CloseMode mode) {
      delegate.close(mode);
    }
  }
}
