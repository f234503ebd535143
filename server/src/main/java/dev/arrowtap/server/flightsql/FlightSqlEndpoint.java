package dev.arrowtap.server.flightsql;

import dev.arrowtap.common.DaemonThreads;
import dev.arrowtap.engine.ArrowtapEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The running Flight SQL endpoint: a Flight server over the engine, bound where it is told, with
 * the server's users file and TLS identity when it has them.
 */
public final class FlightSqlEndpoint implements AutoCloseable {
  /** How long a prepared statement nobody uses is kept: a BI tool's working day. */
  private static final Duration PREPARED_IDLE = Duration.ofHours(12);

  private static final long STOP_WAIT_MILLIS = 5_000;

  /**
   * Threads for Flight calls: a call blocks while its client reads (backpressure), so each running
   * stream holds one. Daemons; idle ones expire after a minute.
   */
  private static final ExecutorService CALL_THREADS =
      Executors.newCachedThreadPool(DaemonThreads.named("arrowtap-flight-sql-call"));

  private static final ScheduledExecutorService REAPER =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("arrowtap-flight-sql-idle"));

  private final FlightServer server;
  private final BufferAllocator allocator;
  private final SessionPool sessions;
  private final StatementRegistry statements;
  private final ArrowtapFlightSqlProducer producer;
  private final Optional<UsersFileLogin> login;
  private final ScheduledFuture<?> reaper;
  private final String bind;
  private final boolean tls;

  private FlightSqlEndpoint(
      FlightServer server,
      BufferAllocator allocator,
      SessionPool sessions,
      StatementRegistry statements,
      ArrowtapFlightSqlProducer producer,
      Optional<UsersFileLogin> login,
      ScheduledFuture<?> reaper,
      String bind,
      boolean tls) {
    this.server = server;
    this.allocator = allocator;
    this.sessions = sessions;
    this.statements = statements;
    this.producer = producer;
    this.login = login;
    this.reaper = reaper;
    this.bind = bind;
    this.tls = tls;
  }

  /**
   * A keystore (PKCS12 or JKS) holding the server's key and certificate, and its password: the same
   * identity the HTTPS endpoint uses.
   */
  public record KeystoreIdentity(Path keystore, String password) {
    public KeystoreIdentity {
      Objects.requireNonNull(keystore, "keystore is null");
      Objects.requireNonNull(password, "password is null");
    }

    @Override
    public String toString() {
      return "KeystoreIdentity[" + keystore + ", ***]";
    }
  }

  /**
   * Starts the endpoint on {@code bind:port} (0 picks a free port). With a users file, every call
   * needs a login; with a keystore, it speaks TLS only. The engine stays the caller's: close this
   * endpoint before the engine.
   */
  public static FlightSqlEndpoint start(
      ArrowtapEngine engine,
      String bind,
      int port,
      Optional<Path> users,
      Optional<KeystoreIdentity> identity)
      throws IOException {
    BufferAllocator allocator =
        engine.services().rootAllocator().newChildAllocator("flight-sql", 0, Long.MAX_VALUE);
    Optional<UsersFileLogin> login = users.map(UsersFileLogin::read);
    SessionPool sessions = new SessionPool(engine);
    StatementRegistry statements = new StatementRegistry();
    ResultStreamer streamer =
        new ResultStreamer(engine.services().metrics(), engine.catalog().secrets(), allocator);
    ArrowtapFlightSqlProducer producer =
        new ArrowtapFlightSqlProducer(
            engine,
            sessions,
            statements,
            streamer,
            new CatalogCommands(allocator, version()),
            login);
    Location location =
        identity.isPresent()
            ? Location.forGrpcTls(bind, port)
            : Location.forGrpcInsecure(bind, port);
    FlightServer.Builder builder =
        FlightServer.builder(allocator, location, producer).executor(CALL_THREADS);
    login.ifPresent(l -> builder.headerAuthenticator(l.authenticator()));
    FlightServer server;
    try {
      if (identity.isPresent()) {
        Pem pem = Pem.of(identity.get());
        builder.useTls(pem.certificateChain(), pem.privateKey());
      }
      server = builder.build();
      server.start();
    } catch (IOException | RuntimeException e) {
      login.ifPresent(UsersFileLogin::close);
      allocator.close();
      throw e;
    }
    engine
        .services()
        .internalEndpoints()
        .add(bind, server.getPort(), "this server's Flight SQL endpoint");
    Duration queryIdle = engine.config().resultIdleTimeout();
    long period = Math.max(100, Math.min(30_000, queryIdle.toMillis() / 4));
    ScheduledFuture<?> reaper =
        REAPER.scheduleWithFixedDelay(
            () -> statements.removeIdle(queryIdle, PREPARED_IDLE, producer::close),
            period,
            period,
            TimeUnit.MILLISECONDS);
    return new FlightSqlEndpoint(
        server,
        allocator,
        sessions,
        statements,
        producer,
        login,
        reaper,
        bind,
        identity.isPresent());
  }

  private static String version() {
    String version = FlightSqlEndpoint.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  public int port() {
    return server.getPort();
  }

  /** The URI clients use: {@code grpc+tcp://HOST:PORT}, or {@code grpc+tls://} with TLS. */
  public String uri() {
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    return (tls ? "grpc+tls://" : "grpc+tcp://") + host + ":" + port();
  }

  /** The endpoint's Arrow memory, for tests that check results give theirs back. */
  public BufferAllocator allocator() {
    return allocator;
  }

  /** Stops: running queries are cancelled, statements and sessions closed, memory given back. */
  @Override
  public void close() {
    reaper.cancel(false);
    for (OpenStatement statement : statements.removeAll()) {
      producer.close(statement);
    }
    server.shutdown();
    try {
      server.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      server.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sessions.closeAll();
      login.ifPresent(UsersFileLogin::close);
      allocator.close();
    }
  }

  /** A keystore's key and certificate chain as the PEM text Flight's TLS setup reads. */
  private record Pem(String chain, String key) {
    static Pem of(KeystoreIdentity identity) throws IOException {
      try (InputStream in = java.nio.file.Files.newInputStream(identity.keystore())) {
        char[] password = identity.password().toCharArray();
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
          store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
          // PKCS12 is the default type; a JKS keystore loads as JKS.
          try (InputStream again = java.nio.file.Files.newInputStream(identity.keystore())) {
            store = KeyStore.getInstance("JKS");
            store.load(again, password);
          }
        }
        for (String alias : Collections.list(store.aliases())) {
          if (store.isKeyEntry(alias)) {
            PrivateKey key = (PrivateKey) store.getKey(alias, password);
            StringBuilder chain = new StringBuilder();
            for (Certificate certificate : store.getCertificateChain(alias)) {
              chain.append(pem("CERTIFICATE", certificate.getEncoded()));
            }
            return new Pem(chain.toString(), pem("PRIVATE KEY", key.getEncoded()));
          }
        }
        throw new IOException("the keystore " + identity.keystore() + " holds no private key");
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot read the keystore " + identity.keystore() + ": " + e, e);
      }
    }

    @Override
    public String toString() {
      return "Pem[***]"; // never the key
    }

    private static String pem(String kind, byte[] der) {
      return "-----BEGIN "
          + kind
          + "-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
          + "\n-----END "
          + kind
          + "-----\n";
    }

    InputStream certificateChain() {
      return new ByteArrayInputStream(chain.getBytes(StandardCharsets.US_ASCII));
    }

    InputStream privateKey() {
      return new ByteArrayInputStream(key.getBytes(StandardCharsets.US_ASCII));
    }
  }
}
